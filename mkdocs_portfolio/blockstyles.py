"""The rules of each block type's look, made from the table of block types.

Material styles an admonition by its type's class; a block type's icon and colour are
custom properties (``--md-admonition-icon--<name>``, ``--pf-<name>``), and each type's
rules set ``--pf-c`` from them, which the rules shared by every type read. The bundle
puts these rules in front of ``assets/blocks.css``, which holds the rest.
"""

from __future__ import annotations

from collections.abc import Iterable

from .blocktypes import BlockType

SVG = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="{}"/></svg>')
DARK = '[data-md-color-scheme="slate"]'


def icon_url(block_type: BlockType) -> str:
    """The type's icon as a CSS ``url()`` of an SVG data URL."""
    return f"url('data:image/svg+xml;charset=utf-8,{SVG.format(block_type.icon)}')"


def _rule(selectors: Iterable[str], declarations: Iterable[str]) -> str:
    return f"{', '.join(selectors)} {{ {'; '.join(declarations)}; }}\n"


def block_css(block_types: Iterable[BlockType]) -> str:
    """The CSS of the given block types."""
    types = list(block_types)
    if not types:
        return ""
    texts = [t for t in types if t.colours.text]
    rules = [
        _rule([":root"], (f"--md-admonition-icon--{t.name}: {icon_url(t)}" for t in types)),
        _rule([":root"], (f"--pf-{t.name}: {t.colours.light}" for t in types)),
        _rule([DARK], (f"--pf-{t.name}: {t.colours.dark}" for t in types)),
    ]
    if texts:  # text in a block's colour: a darker shade in the light palette (WCAG AA)
        rules.append(_rule([":root"], (f"--pf-{t.name}-text: {t.colours.text}" for t in texts)))
        rules.append(_rule([DARK], (f"--pf-{t.name}-text: var(--pf-{t.name})" for t in texts)))
    for t in types:
        icon = f"var(--md-admonition-icon--{t.name})"
        rules.append(_rule([f".md-typeset .admonition.{t.name}", f".md-typeset details.{t.name}"],
                           [f"--pf-c: var(--pf-{t.name})"]))
        rules.append(_rule([f".md-typeset .{t.name} > .admonition-title::before",
                            f".md-typeset .{t.name} > summary::before"],
                           [f"-webkit-mask-image: {icon}", f"mask-image: {icon}"]))
    names = ", ".join(f".{t.name}" for t in types)
    rules += [
        _rule((s for t in types for s in (f".md-typeset .admonition.{t.name}",
                                          f".md-typeset details.{t.name}")),
              ["border-color: var(--pf-c)"]),
        _rule((s for t in types for s in (f".md-typeset .{t.name} > .admonition-title",
                                          f".md-typeset .{t.name} > summary")),
              ["background-color: color-mix(in srgb, var(--pf-c) 12%, transparent)"]),
        _rule([f".md-typeset :is({names}) > :is(.admonition-title, summary)::before"],
              ["background-color: var(--pf-c)"]),
        _rule([f".md-typeset :is({names}):focus-within"],
              ["box-shadow: 0 0 0 .2rem color-mix(in srgb, var(--pf-c) 25%, transparent)"]),
    ]
    return "".join(rules)


VARIANTS = ("modern", "classic")
"""Zensical's looks (``theme.variant``): ``classic`` is Material's, which the rules above fit."""


def variant_css(block_types: Iterable[BlockType], variant: str) -> str:
    """The rules that fit the block types to a variant of Zensical's theme, on top of
    :func:`block_css` (nothing for ``classic``).

    ``modern`` draws an admonition without a border, tinted all over in its type's
    colour, its title on that tint with an icon and a chevron in the colour; a title
    strip of its own (Material's look) would stand out as a grey band on the tint.
    """
    types = list(block_types)
    if variant != "modern" or not types:
        return ""
    boxes = [s for t in types for s in (f".md-typeset .admonition.{t.name}",
                                        f".md-typeset details.{t.name}")]
    titles = [s for t in types for s in (f".md-typeset .{t.name} > .admonition-title",
                                         f".md-typeset .{t.name} > summary")]
    return "".join([
        _rule(boxes, ["background-color: color-mix(in srgb, var(--pf-c) 10%, transparent)"]),
        _rule(titles, ["background-color: transparent"]),
        _rule((f"{s}::after" for s in titles), ["color: var(--pf-c)"]),
    ])
