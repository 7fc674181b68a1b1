"""Raw HTML that shows media, read piece by piece with the standard library's parser.

Python-Markdown stashes a block of raw HTML whole (``<p align="center"><img ...></p>``)
and inline HTML tag by tag (``<picture>``, ``<source ...>``, ``<img ...>``,
``</picture>`` are four pieces, with the tree's text between them): one
:class:`RawMediaParser` reads the pieces of one paragraph in order and tells the walker
of :mod:`.media` what it meets: images, videos, drawings, the boxes they stand in, text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from html.parser import HTMLParser
from typing import Protocol

MEDIA_RE = re.compile(r"<(?:img|picture|video|svg)\b", re.IGNORECASE)
"""Raw HTML that shows media: only such pieces of the stash are worth reading."""
BOXES = frozenset({
    "p", "div", "figure", "li", "td", "th", "dd", "dt", "blockquote", "details",
    "summary", "center", "section", "article", "header", "footer", "main", "aside",
    "figcaption", "caption", "table", "tr", "thead", "tbody", "ul", "ol", "dl", "body",
    "h1", "h2", "h3", "h4", "h5", "h6",
})
"""Elements that hold content of their own (a paragraph, a cell): an image alone in one
stands alone. Other elements (links, emphasis, spans) are part of their box's content."""
RAW_IGNORED = frozenset({"script", "style", "template", "textarea", "noscript"})
"""Raw elements whose content the reader does not see as text."""


class MediaSink(Protocol):
    """What the parser tells (the walker of :mod:`.media`)."""

    def image(self, src: str, written: str, attrs: Mapping[str, str | None], *,
              raw: bool) -> None: ...

    def visual(self, kind: str) -> None: ...

    def open(self, tag: str, *, raw: bool, excluded: bool = False) -> None: ...

    def close_raw(self, tag: str) -> None: ...

    def mark_text(self) -> None: ...


VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                  "meta", "param", "source", "track", "wbr"})


class RawMediaParser(HTMLParser):
    """Reads the raw HTML of one box of the tree, piece by piece, into ``walker``."""

    def __init__(self, walker: MediaSink, url: Callable[[str], str] | None = None) -> None:
        super().__init__(convert_charrefs=True)
        self.walker = walker
        self.url = url
        """The URL the browser gets for a path as written (see :mod:`.rawpaths`)."""
        self.links = 0
        self.inside: list[str] = []
        """The ``svg``, ``video`` or ignored element being read (its content is not)."""

    @property
    def ignoring(self) -> bool:
        return bool(self.inside)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.inside:
            if tag == self.inside[0]:
                self.inside.append(tag)  # an svg in an svg: one drawing
            return
        walker = self.walker
        if tag == "img":
            named = dict(attrs)
            written = named.get("src") or ""
            walker.image(self.url(written) if self.url else written, written, named, raw=True)
        elif tag in ("svg", "video"):
            walker.visual(tag)
            self.inside.append(tag)
        elif tag in RAW_IGNORED:
            self.inside.append(tag)
        elif tag == "a":
            self.links += 1
        elif tag in BOXES:
            walker.open(tag, raw=True)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.inside:
            if tag == self.inside[0]:
                self.inside.pop()
            return
        if tag == "a":
            self.links = max(0, self.links - 1)
        elif tag in BOXES:
            self.walker.close_raw(tag)

    def handle_data(self, data: str) -> None:
        if not self.inside and data.strip():
            self.walker.mark_text()
