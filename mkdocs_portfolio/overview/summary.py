"""A page's summary (TL;DR) and reading time, from its facts and front matter."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

from markupsafe import Markup, escape

from ..markdown.util import CODE_CLOSE, CODE_OPEN, clean_text, close_code, inside_code, unmarked

SUMMARY_WORDS = 40
"""A summary cut from the first paragraph ends at the sentence boundary nearest this."""

_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([.,;:!?)\]])")
_CODE_SPAN = re.compile(f"({CODE_OPEN}[^{CODE_OPEN}{CODE_CLOSE}]*(?:{CODE_CLOSE}|$))")


def tidy(text: str) -> str:
    """One line of text, without the gaps that inline elements leave (``Home .``); the
    inside of a marked code span is left as it is."""
    text = " ".join(clean_text(text).split())
    if CODE_OPEN not in text:
        return _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    pieces = _CODE_SPAN.split(text)
    return "".join(p if n % 2 else _SPACE_BEFORE_PUNCT.sub(r"\1", p)
                   for n, p in enumerate(pieces))


def excerpt_html(text: str) -> Markup:
    """An excerpt as HTML: everything escaped, its marked code spans as ``<code>``."""
    if CODE_OPEN not in text and CODE_CLOSE not in text:
        return Markup(escape(text))
    out = []
    for n, piece in enumerate(_CODE_SPAN.split(text)):
        if n % 2:
            out.append(Markup("<code>{}</code>").format(piece.strip(CODE_OPEN + CODE_CLOSE)))
        else:
            out.append(escape(piece.replace(CODE_CLOSE, "")))
    return Markup("").join(out)


def description_html(meta: Mapping[str, Any]) -> Markup | None:
    """The front matter ``description`` as HTML (escaped, on one line), ``None`` when the
    page has none."""
    description = meta.get("description")
    if isinstance(description, str) and description.strip():
        return excerpt_html(tidy(unmarked(description)))
    return None


def summarize(text: str, words: int = SUMMARY_WORDS) -> str:
    """``text`` cut at the sentence boundary nearest ``words`` words.

    Whole sentences are kept; the cut that comes nearest ``words`` wins (at least
    one sentence). A last sentence that ends with a colon, which introduces what
    follows the paragraph, is left out (a lone one ends with a full stop). A first
    sentence far longer than that is cut at ``words`` words, with an ellipsis.
    """
    text = tidy(text)
    if not text:
        return ""
    ends = [m.start() for m in _SENTENCE_END.finditer(text)
            if not inside_code(text, m.start())] + [len(text)]
    best, best_gap = "", math.inf
    for end in ends:
        candidate = text[:end].strip()
        count = len(candidate.split())
        gap = abs(count - words)
        if gap < best_gap or not best:
            best, best_gap = candidate, gap
        if count >= words:
            break
    if best.endswith(":"):  # it introduces what follows (a table, a list, code): not a summary
        earlier = [end for end in ends if end < len(best)]
        best = text[:earlier[-1]].strip() if earlier else best[:-1].rstrip() + "."
    if len(best.split()) > words * 3 // 2:
        tokens = best.split()[:words]
        best = close_code(" ".join(tokens).rstrip(",;:—-")) + "…"
    return best


def reading_minutes(words: int, words_per_minute: int = 220) -> int:
    """Minutes to read ``words`` words of prose (at least one)."""
    if words_per_minute < 1:
        words_per_minute = 220
    return max(1, round(words / words_per_minute))
