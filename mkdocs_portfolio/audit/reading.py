"""Reading time of a built page, measured on its HTML.

The overview is assembled by another part of the plugin (or written by the
author); the audit measures what the reader gets: the words of the page's
article in the built HTML, without scripts, styles, code or SVG.
"""

from __future__ import annotations

import math
from html.parser import HTMLParser
from pathlib import Path

SKIPPED = frozenset({"script", "style", "template", "code", "pre", "svg", "noscript"})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                  "meta", "param", "source", "track", "wbr"})


class _ArticleWords(HTMLParser):
    """Counts the words inside the first ``<article>`` (the whole page if none)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.words = 0
        self.page_words = 0
        self.depth = 0  # depth inside <article>; 0 = outside
        self.seen_article = False
        self.skipping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        if tag == "article" and not self.seen_article:
            self.seen_article = True
            self.depth = 1
        elif self.depth:
            self.depth += 1
        if tag in SKIPPED:
            self.skipping.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()
        if self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        count = len(data.split())
        self.page_words += count
        if self.depth:
            self.words += count


def article_words(html: str) -> int:
    """Words a reader reads in the page's main article."""
    start, end = html.find("<article"), html.rfind("</article>")
    if 0 <= start < end:  # parse only the article, not the navigation around it
        html = html[start:end + len("</article>")]
    parser = _ArticleWords()
    parser.feed(html)
    parser.close()
    return parser.words if parser.seen_article else parser.page_words


def reading_minutes(path: Path, words_per_minute: int) -> tuple[int, float] | None:
    """``(words, minutes)`` of a built page (minutes to a tenth); ``None`` if not built."""
    if not path.is_file():
        return None
    words = article_words(path.read_text(encoding="utf-8", errors="replace"))
    return words, math.ceil(10 * words / max(words_per_minute, 1)) / 10
