"""Folding of long code blocks: a highlighted block gets its preview and its bar.

:func:`finish` takes one block's HTML right after it is highlighted, as a small
string, and never as part of a whole page (:mod:`.fences` calls it for every
fence, :mod:`.snippets` for every snippet). A block that folds keeps all of
Material's markup (title bar, line-number table, line spans, ``hl_lines``)
untouched; it only gets the class ``pf-fold``, its preview length as a CSS
variable, and a control bar as the last child of the ``.highlight`` element, so
that the list of annotations still follows the ``.highlight`` element directly
and Material's copy button still copies ``#__code_N > code`` whole. The CSS
clips the code while the ``<details>`` control is closed: it unfolds without
JavaScript and prints unfolded.
"""

from __future__ import annotations

import html as htmllib
import re
from typing import TYPE_CHECKING

from .facts import CodeBlockFact

if TYPE_CHECKING:
    from . import PortfolioExtension

FOLD_CLASS = "fold"
NO_FOLD_CLASS = "no-fold"
OPEN_TAG = re.compile(r"<div\b[^>]*>")
CLASS_ATTR = re.compile(r'\bclass="([^"]*)"')


def count_lines(src: str) -> int:
    """Lines of a block's source, not counting one trailing newline."""
    if not src:
        return 0
    return src.count("\n") + (0 if src.endswith("\n") else 1)


def should_fold(ext: PortfolioExtension, lines: int, classes: list[str] | tuple[str, ...],
                force: bool | None = None) -> bool:
    """Whether a block of ``lines`` lines with these classes folds."""
    if not ext.getConfig("fold"):
        return False
    preview = int(ext.getConfig("preview_lines"))
    if lines <= preview:
        return False  # nothing would be hidden
    if force is not None:
        return force
    if NO_FOLD_CLASS in classes:
        return False
    return FOLD_CLASS in classes or lines > int(ext.getConfig("fold_lines"))


def control_bar(lines: int, folded: bool, file_link: str | None,
                hidden: str | None = None) -> str:
    """The bar under a block: the fold toggle and the link to the full file (``hidden``:
    the label of the control of a block hidden whole)."""
    parts = ['<div class="pf-fold__bar">']
    if hidden is not None:
        parts.append(
            '<details class="pf-fold__toggle"><summary>'
            f'<span class="pf-fold__more">{htmllib.escape(hidden)}</span>'
            '<span class="pf-fold__less">Hide code</span>'
            "</summary></details>"
        )
    elif folded:
        parts.append(
            '<details class="pf-fold__toggle"><summary>'
            f'<span class="pf-fold__more">Show all {lines} lines</span>'
            '<span class="pf-fold__less">Show fewer lines</span>'
            "</summary></details>"
        )
    if file_link:
        parts.append(
            f'<a class="pf-fold__file" href="{htmllib.escape(file_link)}">View the full file</a>'
        )
    parts.append("</div>")
    return "".join(parts)


def finish(
    ext: PortfolioExtension,
    html: str,
    src: str,
    classes: list[str] | tuple[str, ...] = (),
    *,
    force: bool | None = None,
    file_link: str | None = None,
    linked: bool = False,
    hidden: str | None = None,
) -> str:
    """Record the block's facts; fold it and add its bar when it needs them. A block
    ``hidden`` is folded whole behind a control with that label."""
    lines = count_lines(src)
    folded = hidden is not None or should_fold(ext, lines, classes, force)
    ext.facts.code_blocks.append(
        CodeBlockFact(lines=lines, folded=folded, linked=linked or bool(file_link))
    )
    if not folded and not file_link:
        return html
    names = ["pf-code"] + (["pf-fold"] if folded else []) + \
        (["pf-fold--hidden"] if hidden is not None else [])
    preview = 0 if hidden is not None else int(ext.getConfig("preview_lines"))
    style = f' style="--pf-fold-lines: {preview}"' if folded else ""
    bar = control_bar(lines, folded, file_link, hidden)
    match = OPEN_TAG.match(html)
    if match and html.endswith("</div>") and "highlight" in match.group(0):
        tag = match.group(0)
        if CLASS_ATTR.search(tag):
            tag = CLASS_ATTR.sub(lambda m: f'class="{m.group(1)} {" ".join(names)}"', tag, 1)
        else:
            tag = f'{tag[:-1]} class="{" ".join(names)}">'
        tag = f"{tag[:-1]}{style}>"
        return f"{tag}{html[match.end():-len('</div>')]}{bar}</div>"
    # Highlighting without Pygments makes a bare <pre>: give it a wrapper.
    return f'<div class="{" ".join(names)}"{style}>{html}{bar}</div>'
