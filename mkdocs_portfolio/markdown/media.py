"""The images, videos and drawings of a page, as the reader sees them.

Markdown images are elements of the tree; raw HTML (``<p align="center"><img ...></p>``,
``<picture>``, ``<video>``, an inline ``<svg>``, as GitHub READMEs have them) reaches the
page as it was written, kept in Python-Markdown's stash with a placeholder in the tree.
:func:`page_media` walks the parts of the tree that hold media, and reads the stashed
raw HTML there with the standard library's HTML parser (:mod:`.rawhtml`; a piece is a
tag or a small block); a page with no image and no such piece is not walked at all.

Every image, video and drawing is a visual of the page. It is also a figure when it
stands alone: it is the only content of its paragraph (or cell, list item, ``<div>``),
alone or wrapped in a link, or it is inside a ``<figure>`` (counted once, with its
image). Badges (images of a badge service, or several linked images in a row) and
images in a sentence, a heading or a caption are not figures, nor is a decorative
image (``alt=""`` in raw HTML, ``role="presentation"``, ``aria-hidden="true"``).
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Mapping, Sequence
from dataclasses import field

from ..lazydata import dataclass
from .chart_svg import PLOT_OPEN
from .facts import ImageFact
from .fences import around_code
from .rawhtml import BOXES, MEDIA_RE, RawMediaParser
from .util import CHAR_REF_RE, STASH_RE, classes, stashed

BADGE_RE = re.compile(
    r"badge|shields\.io|badgen\.net|codecov\.io/.+/graph|travis-ci\.(?:org|com)/.+\.svg",
    re.IGNORECASE)
"""Image URLs of badge services (shields.io, badgen, a CI's ``badge.svg``, Colab's)."""
NO_FIGURES = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "summary", "figcaption",
                        "caption", "dt"})
"""Boxes whose images are logos or icons, not figures."""
NO_FIGURE_CLASSES = frozenset({"pf-demo", "pf-metric"})
"""Our own elements whose images are not figures of the page (a demo's screenshot)."""
ICON_CLASSES = frozenset({"twemoji", "emojione", "gemoji"})
"""Hosts of emoji and icons (``:material-check:``): a word of the sentence, not media."""
SKIP = frozenset({"pre", "code", "script", "style", "kbd", "samp", "svg", "math",
                  "video", "audio", "template", "iframe", "textarea"})
"""Elements of the tree whose content is code, or media of our own (a demo's)."""
QUIET = frozenset({"pre", "script", "style", "template", "video", "audio", "iframe"})
"""Elements of :data:`SKIP` that are not words of their box's text."""
SMALL_RAW = 300
"""Raw HTML without media longer than this (a highlighted code block, a table) is read
as content, not parsed: it is not beside an image in the same paragraph."""


@dataclass
class PageMedia:
    """What :func:`page_media` found."""

    images: list[ImageFact] = field(default_factory=list)
    videos: int = 0
    drawings: int = 0
    figures: int = 0
    """Raw ``<figure>`` elements, and visuals standing alone outside a figure."""


@dataclass
class _Unit:
    fact: ImageFact | None  # None: a video or a drawing
    linked: bool
    badge: bool
    decorative: bool


@dataclass
class _Box:
    tag: str
    raw: bool
    """Opened by raw HTML (not an element of the tree)."""
    excluded: bool
    """In an element of ours whose images are not figures (a demo)."""
    figure: bool
    """A figure, or inside one."""
    units: list[_Unit] = field(default_factory=list)
    text: bool = False
    parser: RawMediaParser | None = None
    """The reader of the raw HTML in this box of the tree."""

    @property
    def host(self) -> bool:
        """Its images may be figures (it is not a heading, a caption, a demo)."""
        return not self.excluded and self.tag not in NO_FIGURES


def page_media(root: etree.Element, stash: Sequence[object],
               written: Mapping[etree.Element, str],
               url: Callable[[str], str] | None = None,
               highlighted: Mapping[int, tuple[str, str]] | None = None) -> PageMedia:
    """The media of a page: its tree ``root``, its raw HTML ``stash``, and the sources of
    its Markdown images as written (before MkDocs rewrote them); ``url`` gives the source
    of a raw image for the browser from the one written (:mod:`.rawpaths`). A chart's
    drawing is not read: it is ours, and its figure is counted as any figure of the tree.
    Of a fence of ``highlighted``, only the HTML around its code is searched for media
    (:func:`.fences.around_code`)."""
    media = {i for i, raw in enumerate(stash) if isinstance(raw, str)
             and not raw.startswith(PLOT_OPEN) and _shows_media(raw, highlighted)}
    found = PageMedia()
    if not media and next(root.iter("img"), None) is None:
        return found  # most pages of prose: nothing to walk
    _Walker(stash, media, written, found, url).walk(root)
    return found


def _shows_media(raw: str, highlighted: Mapping[int, tuple[str, str]] | None) -> bool:
    parts = around_code(raw, highlighted)
    if parts is None:
        return MEDIA_RE.search(raw) is not None
    return any(MEDIA_RE.search(part) for part in parts)


def is_decorative(attrs: Mapping[str, str | None]) -> bool:
    """An image its author marked as decoration (``role="presentation"``,
    ``aria-hidden="true"``): no alt text wanted, not a figure."""
    return (attrs.get("role") or "").strip().lower() in ("presentation", "none") \
        or (attrs.get("aria-hidden") or "").strip().lower() == "true"


class _Walker:
    def __init__(self, stash: Sequence[object], media: set[int],
                 written: Mapping[etree.Element, str], found: PageMedia,
                 url: Callable[[str], str] | None = None) -> None:
        self.stash = stash
        self.url = url
        self.media = media
        self.marks = [f"\x02wzxhzdk:{i}\x03" for i in sorted(media)]
        """The placeholders of the raw HTML that shows media."""
        self.written = written
        self.found = found
        self.boxes: list[_Box] = []
        self.trees: list[_Box] = []
        """The boxes that are elements of the tree (each may have a reader of raw HTML)."""
        self.links = 0

    # -- the tree -------------------------------------------------------------------------

    def worth(self, el: etree.Element) -> bool:
        """Whether ``el`` holds an image, or raw HTML that shows media (a C-level look at
        its subtree: the rest of the page is not walked)."""
        if next(el.iter("img"), None) is not None:
            return True
        if not self.marks:
            return False
        text = "".join(el.itertext())
        return "\x02" in text and any(mark in text for mark in self.marks)

    def skip(self, el: etree.Element) -> None:
        """A child without media: its text is text of its box, unless it is a box itself."""
        tag = el.tag
        box = self.boxes[-1]
        if box.text or not isinstance(tag, str) or tag in BOXES or tag in QUIET:
            return
        if any(text.strip() for text in el.itertext()):
            box.text = True

    def walk(self, el: etree.Element) -> None:
        tag = el.tag
        if not isinstance(tag, str):  # a comment
            return
        names = classes(el)
        if tag in SKIP or ICON_CLASSES.intersection(names):
            if tag not in QUIET and self.boxes:
                self.boxes[-1].text = True  # inline code, an emoji: a word of the text
            return
        if tag == "img":
            attrs = dict(el.attrib)
            src = attrs.get("src", "")
            self.image(src, self.written.get(el, ""), attrs, raw=False)
            return
        box = tag in BOXES or not self.boxes
        if box:
            self.open(tag, raw=False, excluded=bool(NO_FIGURE_CLASSES.intersection(names)))
        elif tag == "a":
            self.links += 1
        self.text(el.text)
        for child in el:
            if self.worth(child):
                self.walk(child)
            else:
                self.skip(child)
            self.text(child.tail)
        if box:
            self.close_tree_box()
        elif tag == "a":
            self.links -= 1

    def text(self, text: str | None) -> None:
        """Text of the tree, with its stashed raw HTML read where it may show media."""
        if not text:
            return
        if "\x02" not in text:
            self.literal(text)
            return
        start = 0
        for match in STASH_RE.finditer(text):
            self.literal(text[start:match.start()])
            start = match.end()
            raw = stashed(match, self.stash)
            if not isinstance(raw, str):
                continue
            index = int(match[0][9:-1])
            if index in self.media or (len(raw) <= SMALL_RAW and not CHAR_REF_RE.fullmatch(raw)):
                self.raw_parser().feed(raw)
            elif raw.strip():
                self.literal(html.unescape(raw) if CHAR_REF_RE.fullmatch(raw) else "x")
        self.literal(text[start:])

    def literal(self, text: str) -> None:
        if text.strip():
            parser = self.trees[-1].parser
            if parser is None or not parser.ignoring:
                self.boxes[-1].text = True

    def raw_parser(self) -> RawMediaParser:
        """The reader of raw HTML in the innermost box of the tree (one for each)."""
        box = self.trees[-1]
        if box.parser is None:
            box.parser = RawMediaParser(self, self.url)
        return box.parser

    # -- boxes and units ------------------------------------------------------------------

    def open(self, tag: str, *, raw: bool, excluded: bool = False) -> None:
        outer = self.boxes[-1] if self.boxes else None
        if outer is not None:
            excluded = excluded or outer.excluded
        figure = tag == "figure" or (outer is not None and outer.figure)
        if tag == "figure" and raw:
            self.found.figures += 1  # (a figure of the tree is counted with the page's)
        self.boxes.append(_Box(tag, raw, excluded, figure))
        if not raw:
            self.trees.append(self.boxes[-1])

    def close(self) -> None:
        box = self.boxes.pop()
        many = len(box.units) > 1
        for unit in box.units:
            standalone = box.host and not unit.badge and (
                box.figure or (not box.text and not (unit.linked and many)))
            if unit.fact is not None:
                unit.fact.standalone = standalone
            if standalone and not box.figure and not unit.decorative:
                self.found.figures += 1

    def close_tree_box(self) -> None:
        parser = self.trees.pop().parser
        if parser is not None:
            parser.close()  # what it kept back (text that might end in a reference)
        while self.boxes[-1].raw:  # raw HTML left open
            self.close()
        self.close()

    def close_raw(self, tag: str) -> None:
        for i in range(len(self.boxes) - 1, -1, -1):
            box = self.boxes[i]
            if not box.raw:
                return  # not opened in this raw HTML: nothing to close
            if box.tag == tag:
                while len(self.boxes) > i:
                    self.close()
                return

    def image(self, src: str, written: str, attrs: Mapping[str, str | None], *,
              raw: bool) -> None:
        alt = attrs.get("alt")
        decorative = is_decorative(attrs) or (raw and alt is not None and not alt.strip())
        fact = ImageFact(src, alt or "", written=written or src, decorative=decorative,
                         raw=raw)
        self.found.images.append(fact)
        self.unit(fact, badge=bool(BADGE_RE.search(src)), decorative=decorative)

    def visual(self, kind: str) -> None:
        """A video or a drawing of raw HTML."""
        if kind == "svg":
            self.found.drawings += 1
        else:
            self.found.videos += 1
        self.unit(None)

    def mark_text(self) -> None:
        """Text in the innermost box."""
        self.boxes[-1].text = True

    def unit(self, fact: ImageFact | None, *, badge: bool = False,
             decorative: bool = False) -> None:
        parser = self.trees[-1].parser
        linked = self.links > 0 or (parser is not None and parser.links > 0)
        self.boxes[-1].units.append(_Unit(fact, linked, badge, decorative))
