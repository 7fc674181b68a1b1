"""The treeprocessor that finishes our blocks and records the page's facts."""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Sequence
from typing import TYPE_CHECKING

from markdown.treeprocessors import Treeprocessor

from .blocks import prepare_blocks, process_blocks
from .media import page_media
from .rawpaths import raw_paths
from .util import SKIP_TEXT, STASH_RE, classes, is_permalink, plain, prose_text, raw_html, stashed

if TYPE_CHECKING:
    from markdown import Markdown

    from . import PortfolioExtension

PROSE_TAGS = frozenset({"p", "li", "td", "th", "dt", "dd", "figcaption", "blockquote"})
NOT_OWN_TEXT = SKIP_TEXT | PROSE_TAGS | {"ul", "ol", "div", "details", "table"}
"""Children whose text is code, or prose counted on its own."""
WORDS_PER_LINE = 10
"""A line of prose, for comparing prose with code, is counted as ten words."""


class PrepareTreeprocessor(Treeprocessor):
    """Safe titles and ids for the semantic blocks, at priority 6: after inline
    processing (20) and attr_list (8), before ``toc`` and MkDocs' anchors (5)."""

    def __init__(self, md: Markdown, ext: PortfolioExtension) -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, root: etree.Element) -> None:
        # Before MkDocs rewrites them (0): each image's source and link's target as
        # the author wrote them.
        written = {el: el.get("src", "") for el in root.iter("img")}
        prepare_blocks(root, self.ext)
        written.update((el, el.get("href", "")) for el in root.iter("a"))
        self.ext.written = written


class CollectTreeprocessor(Treeprocessor):
    """Ids and metrics for the semantic blocks, then the facts of the whole page.

    Registered at priority -5: after ``toc`` (5), so heading ids are known and not
    reused, and after MkDocs' link rewriting (0), so block HTML has final links.
    """

    def __init__(self, md: Markdown, ext: PortfolioExtension) -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, root: etree.Element) -> None:
        facts = self.ext.facts
        written, self.ext.written = self.ext.written, {}  # kept by PrepareTreeprocessor
        facts.blocks = process_blocks(root, self.ext)
        stash = raw_html(self.md)
        words = 0
        for el in root.iter():
            tag = el.tag
            if tag in SKIP_TEXT:
                continue
            if tag == "a" and el.get("href"):
                href = el.get("href", "")
                facts.links.append(href)
                facts.written_links.append(written.get(el) or href)
            elif tag == "figure" and "pf-metric" not in classes(el) \
                    and not _holds_diagram(el, stash):
                facts.figures += 1
            if el.get("id"):
                facts.ids.append(el.get("id", ""))
            if tag in PROSE_TAGS or (isinstance(tag, str) and tag[:1] == "h" and tag[1:].isdigit()):
                text = _own_text(el, stash)
                if text:
                    words += len(text.split())
                    facts.prose.append(text)
                    if tag == "p" and not facts.first_paragraph and _is_top_level(root, el):
                        facts.first_paragraph = prose_text(el, stash, code=True)
                if tag == "h1" and not facts.title:
                    facts.title = prose_text(el, stash)
        facts.words = words
        facts.prose_lines = -(-words // WORDS_PER_LINE)
        facts.diagrams = sum(1 for raw in stash if _is_diagram(raw))
        paths = raw_paths(self.ext) if stash else None
        media = page_media(root, stash, written, paths.url if paths is not None else None,
                           self.ext.highlighted)
        facts.images, facts.videos, facts.drawings = media.images, media.videos, media.drawings
        facts.figures += media.figures
        if paths is not None:  # after the media read them as written, before blocks' HTML
            paths.rewrite_stash(self.md.htmlStash.rawHtmlBlocks, self.ext.highlighted)
        self.ext.serialize_blocks(root)


def _is_diagram(raw: object) -> bool:
    """Stashed raw HTML that is a Mermaid diagram (a ``mermaid`` fence)."""
    return 'class="mermaid"' in str(raw)[:200]


def _holds_diagram(figure: etree.Element, stash: Sequence[object]) -> bool:
    """A figure around a Mermaid diagram (a captioned diagram): counted as the diagram."""
    text = "".join(figure.itertext())
    return "\x02" in text and any(_is_diagram(stashed(m, stash)) for m in STASH_RE.finditer(text))


def _own_text(el: etree.Element, stash: Sequence[object]) -> str:
    """The prose directly in ``el``, not in nested block elements counted on their own."""
    if len(el) == 0:  # most paragraphs: no inline markup (the hot path, every page)
        text = el.text or ""
    else:
        parts = [el.text or ""]
        for child in el:
            if child.tag not in NOT_OWN_TEXT and not is_permalink(child):
                parts.append(prose_text(child, stash))
            parts.append(child.tail or "")
        text = " ".join(parts)
    return plain(text, stash)


def _is_top_level(root: etree.Element, el: etree.Element) -> bool:
    return any(child is el for child in root)
