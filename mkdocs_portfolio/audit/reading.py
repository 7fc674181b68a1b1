"""Reading time of a built page, measured on its HTML.

The overview is assembled by another part of the plugin (or written by the
author); the audit measures what the reader gets: the words of the page's
article in the built HTML, without scripts, styles, code or SVG.

The words are counted with regular expressions, not an HTML parser: a
1000-page site's overview is nearly 2 MB of HTML, which ``html.parser`` takes
0.12 s to read and these expressions 0.02 s, on every rebuild that changes it.
"""

from __future__ import annotations

import html
import math
import re

SKIPPED = ("script", "style", "template", "code", "pre", "svg", "noscript", "textarea")
"""Elements whose text the reader does not read as prose."""

_ATTRS = r"""[^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*"""
"""A tag's attributes; a quoted value may hold ``>``."""
_INNER = r"[^<]*(?:<(?!/?(?P=tag)\b)[^<]*)*"
"""What an element holds up to its next tag of the same name."""
_HIDDEN = re.compile(
    r"<!--.*?(?:-->|\Z)"  # a comment
    r"|<(?P<tag>" + "|".join(SKIPPED) + r")\b" + _ATTRS + ">"
    + _INNER + r"(?:<(?P=tag)\b" + _INNER + r"(?:</(?P=tag)\s*>|\Z)" + _INNER + r")*"
    r"(?:</(?P=tag)\s*>|\Z)",  # one level of nesting (an <svg> in an <svg>)
    re.S | re.I,
)
"""Comments and the elements in ``SKIPPED`` with what they hold."""
LABELS = ("pf-hero__facts", "pf-hero__actions", "pf-ov-page__number", "pf-ov-page__meta",
          "pf-ov-item__page", "pf-ov-from", "pf-ov-metric__compare", "pf-label", "headerlink")
"""Classes of what the overview's templates add around the author's words (counts,
reading times, "Read more in ...", the page a card comes from, buttons), and the ``¶``
of a heading's permalink: not counted.
A template override can mark its own labels with ``pf-label``."""
_LABEL = re.compile(
    r"<(?P<tag>[a-zA-Z][\w-]*)\b[^>]*?\sclass=\"[^\"]*?(?<![\w-])(?:"
    + "|".join(re.escape(c) for c in LABELS) + r")(?![\w-])[^\"]*\"" + _ATTRS + ">"
    + _INNER + r"(?:<(?P=tag)\b" + _INNER + r"(?:</(?P=tag)\s*>|\Z)" + _INNER + r")*"
    r"(?:</(?P=tag)\s*>|\Z)",
    re.S,
)
"""An element that carries one of the ``LABELS``, with what it holds."""
_TAG = re.compile(r"<[a-zA-Z/!?]" + _ATTRS + ">")
"""Any other tag, a doctype or a CDATA start."""


def article_words(text: str) -> int:
    """Words a reader reads in the page's main article (the whole page if it has none)."""
    start, end = text.find("<article"), text.rfind("</article>")
    if 0 <= start < end:  # only the article, not the navigation around it
        text = text[start:end]
    if "pf-" in text or "headerlink" in text:
        text = _LABEL.sub(" ", text)
    text = _TAG.sub(" ", _HIDDEN.sub(" ", text))
    if "&" in text:
        text = html.unescape(text)
    return len(text.split())


def minutes_of(page_html: str, words_per_minute: int) -> tuple[int, float]:
    """``(words, minutes)`` of a page's HTML (minutes to a tenth)."""
    words = article_words(page_html)
    return words, math.ceil(10 * words / max(words_per_minute, 1)) / 10
