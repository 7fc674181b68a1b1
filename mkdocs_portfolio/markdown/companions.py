"""The Python-Markdown extensions the blocks, folds and figures stand on, written once.

The MkDocs plugin adds them to ``markdown_extensions`` (:mod:`..configure`); where the
extension runs alone (Zensical, which drops its own defaults once ``markdown_extensions``
is given, or a plain ``markdown.Markdown``) :func:`register_missing` registers those
that no other entry registered, with the same settings.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from pymdownx import superfences as sf
from pymdownx.superfences import fence_code_format

from .fastcaption import import_html_blocks

if TYPE_CHECKING:
    from markdown import Markdown
    from markdown.util import Registry

SUPERFENCES = "pymdownx.superfences"
CAPTION = "pymdownx.blocks.caption"

MERMAID_FENCE: dict[str, Any] = {"name": "mermaid", "class": "mermaid",
                                 "format": fence_code_format}

HIGHLIGHT_DEFAULTS: dict[str, Any] = {"anchor_linenums": True, "line_spans": "__span",
                                      "pygments_lang_class": True}
"""Material's recommended highlight settings, used only when the author has none."""


def companions(*, mermaid: bool = True, figures: bool = True) -> list[tuple[str, dict[str, Any]]]:
    """``(name, settings)`` of each extension we need, in the order they are added."""
    needed: list[tuple[str, dict[str, Any]]] = [
        ("admonition", {}),
        ("pymdownx.details", {}),
        ("attr_list", {}),
        ("md_in_html", {}),
        ("pymdownx.highlight", dict(HIGHLIGHT_DEFAULTS)),
        (SUPERFENCES, {"custom_fences": [dict(MERMAID_FENCE)]} if mermaid else {}),
    ]
    if figures:
        import_html_blocks()  # before Markdown loads the caption extension, which imports it
        needed.append((CAPTION, {}))
    return needed


def _module(name: str) -> str:
    """The module Python-Markdown loads for an extension name (``admonition`` is short
    for ``markdown.extensions.admonition``)."""
    return name if "." in name else f"markdown.extensions.{name}"


def _entry(registry: Registry[Any], name: str) -> Any:
    return registry[name] if name in registry else None  # noqa: SIM401 - no .get()


def registered(md: Markdown, name: str) -> bool:
    """Whether an extension of that name is registered on ``md``."""
    module = _module(name)
    if any(type(ext).__module__ == module for ext in md.registeredExtensions):
        return True
    # Extensions that do not register themselves, known by what they register.
    if name == CAPTION:
        blocks = _entry(md.parser.blockprocessors, "blocks")
        return "caption" in getattr(blocks, "blocks", {})
    if name == "md_in_html":
        return "markdown_block" in md.parser.blockprocessors
    return False


def add_mermaid_fence(md: Markdown) -> None:
    """Give the superfences that is in charge a ``mermaid`` fence if it has none."""
    extension: Any = getattr(_entry(md.preprocessors, "fenced_code_block"), "extension", None)
    fences = getattr(extension, "superfences", None)
    if extension is None or fences is None or any(f.get("name") == "mermaid" for f in fences):
        return
    # What superfences' own extendMarkdown makes of a custom_fences entry.
    extension.extend_super_fences(
        MERMAID_FENCE["name"],
        functools.partial(sf._formatter, class_name=MERMAID_FENCE["class"],
                          _fmt=MERMAID_FENCE["format"]),
        functools.partial(sf._validator, validator=sf.default_validator),
        functools.partial(sf._reset, _reset=sf.default_reset),
    )


def register_missing(md: Markdown, *, figures: bool) -> list[str]:
    """Register each companion no entry registered; returns the names registered.

    Run once every extension of the list is registered (from the first ``reset``), so
    that one the author listed after ours keeps its own settings, and a second
    ``pymdownx.blocks.caption`` does not register the ``caption`` block twice.
    """
    added = []
    for name, settings in companions(figures=figures):
        if not registered(md, name):
            md.registerExtensions([name], {name: settings})
            added.append(name)
    add_mermaid_fence(md)
    return added
