"""Gathering the overview's model from the page records: records in, sections out.

Nothing here imports MkDocs: the engine's adapter (:mod:`.builder` for MkDocs) hands
over the records of the pages the overview may show, in reading order, each with its
place in this build, and the site's settings.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from markupsafe import Markup

from ..blocktypes import BLOCK_TYPES
from ..lazydata import dataclass
from ..log import get_logger
from ..markdown.facts import BlockFact, ImageFact, PageFacts
from ..markdown.urls import is_local, relative_url, web_url
from ..markdown.util import clean_text, first_sentence, unmarked
from ..memo import Memo, PageMemo
from ..pages import PageRecord
from .model import BlockEntry, Button, OverviewModel, PageEntry
from .rebase import rebase_html, rebase_url
from .summary import description_html, excerpt_html, reading_minutes, summarize, tidy

log = get_logger(__name__)

_BLOCK_ID_RE = re.compile(r'^(\s*<(?:div|details)\b[^>]*?)\sid="[^"]*"')
_BADGE_RE = re.compile(r"shields\.io|badge", re.IGNORECASE)
"""An image URL that names a badge (``img.shields.io``, ``.../badge.svg``): no thumbnail."""


def page_summary(meta: Mapping[str, Any], facts: PageFacts) -> Markup:
    """Front matter ``description``, or the first paragraph cut near 40 words (its inline
    code kept), as HTML."""
    description = description_html(meta)
    return description if description is not None else \
        excerpt_html(summarize(facts.first_paragraph))


def first_image(facts: PageFacts) -> ImageFact | None:
    """The page's first image that stands alone (not a badge, not an inline icon), with a
    URL of this site or of the web."""
    for image in facts.images:
        src = image.src
        if image.standalone and src and not _BADGE_RE.search(src) \
                and (is_local(src) or web_url(src)):
            return image
    return None


def image_from(image: ImageFact, record: PageRecord, overview_url: str) -> str:
    """An image's URL (written on the page of ``record``) as seen from the overview."""
    return rebase_url(image.src, record.url, overview_url) if is_local(image.src) \
        else image.src


@dataclass(frozen=True)
class SiteInfo:
    """What the overview's hero shows of the site itself."""

    name: str = ""
    tagline: str = ""
    repo_url: str = ""
    hero_image: str = ""
    """The hero image's URL from the overview (resolved by the adapter), or empty."""
    home: str = ""
    """The source path of the site's home page (when it is not the overview): without a
    tagline or a hero image, the hero takes its first sentence and its first image."""


@dataclass
class Gatherer:
    """Builds the :class:`OverviewModel` of one overview page."""

    pages: Sequence[PageRecord]
    """The pages the overview shows, in reading order, each with its place set."""
    overview_url: str
    words_per_minute: int = 220
    memo: Memo | None = None
    """What each page gave the overview last time (only a ``--dirty`` rebuild passes it)."""
    results_table: bool = False
    """``overview.results_table``: the bound results as a table too."""

    def block(self, fact: BlockFact, record: PageRecord, full: bool) -> BlockEntry:
        """One block, linked from the overview; with its HTML when shown in full."""
        page_url = relative_url(record.url, self.overview_url)
        html = Markup("")
        if full and fact.html:
            rebased = rebase_html(fact.html, record.url, self.overview_url)
            # The block keeps its id on its own page; here another block may share it.
            html = Markup(_BLOCK_ID_RE.sub(r"\1", rebased, count=1))
        return BlockEntry(
            type=fact.type,
            title=fact.title,
            gist=excerpt_html(tidy(fact.gist)),
            url=f"{page_url}#{fact.id}",
            page_title=record.title,
            page_url=page_url,
            html=html,
            metric=fact.metric,
        )

    def gather(self, site: SiteInfo) -> OverviewModel:
        """The model, with every section filled, the hero's buttons included."""
        model = OverviewModel(site_name=clean_text(site.name),
                              tagline=excerpt_html(clean_text(unmarked(site.tagline))))
        number = 0
        for record in self.pages:
            memo = self.memo.page(record) if self.memo is not None else PageMemo(record)
            blocks, entry = self.page_part(record, memo)
            for fact, block in blocks:
                kind = BLOCK_TYPES.get(fact.type)
                if kind is not None:  # (a type unregistered since the page was kept)
                    model.add(kind, block)
            if entry is not None:
                number += 1
                model.contents.append(self.numbered(memo, entry, number))
        model.hero_image = site.hero_image
        self.hero_fallbacks(model, site)
        if model.hero_image:  # shown once, in the hero, not again on the home page's card
            model.contents = [replace(e, image="", image_alt="") if e.image == model.hero_image
                              else e for e in model.contents]
        model.buttons = self.buttons(model, site.repo_url)
        model.results_table = self.results_table
        return model

    def hero_fallbacks(self, model: OverviewModel, site: SiteInfo) -> None:
        """Without ``site_description``, the home page's description or first sentence is
        the tagline; without ``overview.hero_image``, its first image the hero's."""
        home = next((r for r in self.pages if site.home and r.src_uri == site.home), None)
        if home is None:
            return
        if not model.tagline:
            description = description_html(home.meta)
            model.tagline = description if description is not None else \
                excerpt_html(tidy(first_sentence(home.facts.first_paragraph)))
        if not model.hero_image:
            image = first_image(home.facts)
            if image is not None:
                model.hero_image = image_from(image, home, self.overview_url)
                model.hero_image_alt = clean_text(image.alt)

    @staticmethod
    def numbered(memo: PageMemo, entry: PageEntry, number: int) -> PageEntry:
        """The page's Contents entry with its number; the same object as last time when
        neither changed (fewer new objects for Python's garbage collector to walk)."""
        kept = memo.numbered
        if kept is not None and memo.contents is entry and kept.number == number:
            return kept
        memo.numbered = replace(entry, number=number)
        return memo.numbered

    def page_part(self, record: PageRecord, memo: PageMemo,
                  ) -> tuple[list[tuple[BlockFact, BlockEntry]], PageEntry | None]:
        """What one page gives the overview: its blocks, and its Contents entry when it is
        in the navigation (numbered by :meth:`gather`). Kept in the page's memo while its
        record is the same object and its place is the same."""
        place = record.place
        key = (place, self.overview_url, self.words_per_minute)
        if memo.overview_key == key:
            return memo.blocks, memo.contents
        facts = record.facts
        blocks = [(fact, self.block(fact, record, BLOCK_TYPES[fact.type].full))
                  for fact in facts.blocks if fact.type in BLOCK_TYPES]
        entry = None
        if place is not None and place.in_nav:
            image = first_image(facts)
            entry = PageEntry(
                number=0,
                title=record.title,
                url=relative_url(record.url, self.overview_url),
                summary=page_summary(record.meta, facts),
                # Minutes, not words: an edit that keeps them leaves the overview as it
                # was, and `serve --dirty` need not build it again.
                minutes=reading_minutes(facts.words, self.words_per_minute),
                dead_ends=len(facts.blocks_of("dead-end")),
                next_steps=len(facts.blocks_of("next-step")),
                figures=facts.figures + facts.diagrams,
                section=place.section,
                image=image_from(image, record, self.overview_url) if image else "",
                image_alt=clean_text(image.alt) if image else "",
            )
        memo.overview_key, memo.blocks, memo.contents, memo.numbered = key, blocks, entry, None
        return blocks, entry

    @staticmethod
    def buttons(model: OverviewModel, repo_url: str) -> list[Button]:
        """Try the demo, read the writeup, see the source: the ones that have a target."""
        buttons = []
        if model.demo is not None:
            buttons.append(Button("Try the demo", model.demo.url, "material/play-circle-outline",
                                  primary=True, section="demo"))
        if model.contents:
            first = model.contents[0]
            buttons.append(Button("Read the writeup", first.url, "material/book-open-variant",
                                  primary=not buttons))
        if repo_url and web_url(repo_url):
            buttons.append(Button("Source code", repo_url, "material/source-branch",
                                  external=True))
        elif repo_url:
            log.warning(f"repo_url '{repo_url}' is not an http(s) URL as a browser "
                        "reads it; the overview has no 'Source code' button")
        return buttons
