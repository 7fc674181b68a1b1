"""The overview's model: what each section shows, gathered from every page's facts.

Nothing here renders HTML of its own: the model holds plain text (escaped by the
template) and, for the blocks shown in full, their finished HTML with its links
rebased for the overview's URL.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, KeysView, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from ..blocktypes import BLOCK_TYPES, BlockType, Derived, of_section, story_order
from ..markdown.facts import BlockFact, Metric, PageFacts
from ..markdown.urls import is_local, web_url
from ..markdown.util import clean_text
from .links import rebase_html, relative_url
from .summary import reading_minutes, summarize, tidy

log = get_plugin_logger(__name__)

def _sections() -> dict[str, str]:
    """Every section and its heading (the hero has none), in order: the hero, the block
    types shown in full, the contents, the block types shown as gists."""
    types = story_order()
    return {
        "hero": "",
        **{t.section: t.heading for t in types if t.full},
        "contents": "Contents",
        **{t.section: t.heading for t in types if not t.full},
    }


_ALL: Derived[str, str] = Derived(_sections)
SECTIONS: KeysView[str] = _ALL.keys()
"""The overview's sections, in their order; each is ``portfolio/overview-<name>.html``, or
for a block type without one of its own ``portfolio/overview-block-type.html``."""

HEADINGS: Mapping[str, str] = Derived(lambda: {k: v for k, v in _ALL.items() if v})
"""Section headings (also the table of contents of the overview)."""


def section_id(section: str) -> str:
    """The anchor id of a section's heading on the overview."""
    return f"overview-{section}"


_BLOCK_ID_RE = re.compile(r'^(\s*<(?:div|details)\b[^>]*?)\sid="[^"]*"')


@dataclass(frozen=True)
class BlockEntry:
    """One semantic block, as the overview shows it."""

    type: str
    title: str
    gist: str
    url: str
    """Link from the overview to the block on its page (``../data/#dead-end-x``)."""
    page_title: str
    page_url: str
    html: Markup = field(default_factory=Markup)
    """The block's own HTML, links rebased (only for problem, use case, result, demo)."""
    metric: Metric | None = None

    @property
    def value_text(self) -> str:
        """The metric's value with its unit, as on the block's own page."""
        metric = self.metric
        if metric is None:
            return ""
        text = metric.value
        if metric.unit and not text.endswith(metric.unit):
            text += metric.unit if metric.unit == "%" else f" {metric.unit}"
        return text


@dataclass(frozen=True)
class PageEntry:
    """One page in the overview's Contents."""

    number: int
    title: str
    url: str
    summary: str
    minutes: int
    dead_ends: int
    next_steps: int
    figures: int
    section: str = ""
    """Title of the navigation section the page is in (empty at the top level)."""


@dataclass
class Button:
    """A call to action in the hero."""

    label: str
    url: str
    icon: str = ""
    """A Material icon path such as ``material/play-circle``."""
    primary: bool = False
    external: bool = False
    section: str = ""
    """The overview section this button jumps to when the same page shows it."""


@dataclass
class OverviewModel:
    """Everything the overview template shows."""

    site_name: str = ""
    tagline: str = ""
    hero_image: str = ""
    hero_image_alt: str = ""
    buttons: list[Button] = field(default_factory=list)
    blocks: dict[str, list[BlockEntry]] = field(default_factory=dict)
    """The blocks of each block type's section, by section (``blocks["dead-ends"]``)."""
    contents: list[PageEntry] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    """The sections this rendering shows, in order (only those with something to show)."""
    headings: dict[str, str] = field(default_factory=lambda: dict(HEADINGS))

    def add(self, block_type: BlockType, block: BlockEntry) -> None:
        """A block, to its type's section (only the first one of a ``first_only`` type)."""
        shown = self.blocks.setdefault(block_type.section, [])
        if not (block_type.first_only and shown):
            shown.append(block)

    def section_type(self, section: str) -> BlockType | None:
        """The block type whose blocks a section shows (for the generic section)."""
        return of_section(section)

    @property
    def problems(self) -> list[BlockEntry]:
        return self.blocks.get("problem", [])

    @property
    def use_cases(self) -> list[BlockEntry]:
        return self.blocks.get("use-case", [])

    @property
    def results(self) -> list[BlockEntry]:
        return self.blocks.get("results", [])

    @property
    def demo(self) -> BlockEntry | None:
        """The first demo block."""
        return next(iter(self.blocks.get("demo", [])), None)

    @property
    def dead_ends(self) -> list[BlockEntry]:
        return self.blocks.get("dead-ends", [])

    @property
    def next_steps(self) -> list[BlockEntry]:
        return self.blocks.get("next-steps", [])

    @property
    def minutes(self) -> int:
        """Reading time of the whole writeup."""
        return sum(p.minutes for p in self.contents)

    def has(self, section: str) -> bool:
        """Whether a section has something to show."""
        if section == "hero":
            return bool(self.site_name or self.tagline or self.buttons)
        if section == "contents":
            return bool(self.contents)
        return bool(self.blocks.get(section))

    def showing(self, sections: Iterable[str]) -> OverviewModel:
        """A copy that shows ``sections`` (those with content), in the order given."""
        copy = OverviewModel(**{k: v for k, v in self.__dict__.items() if k != "sections"})
        copy.sections = [s for s in sections if self.has(s)]
        copy.buttons = [
            Button(b.label, f"#{section_id(b.section)}", b.icon, b.primary, b.external)
            if b.section and b.section in copy.sections else b
            for b in self.buttons
        ]
        return copy


def page_title(page: Page | None, file: File, meta: Mapping[str, Any], facts: PageFacts) -> str:
    """A page's title as MkDocs shows it, as text (the template escapes it), also for a
    page a ``--dirty`` build did not read.

    MkDocs takes front matter ``title`` as it is: a list or a mapping (``title: [a, b]``)
    would show as a Python value, so such a title is set aside with a warning, for the
    page's first heading or, without one, its file name. A number or a date is text as
    MkDocs shows it. A title MkDocs took from the first heading is HTML
    (``Precision &amp; recall``): it is read back as the text it shows.
    """
    raw = meta.get("title")
    if isinstance(raw, bool) or (raw is not None and not isinstance(raw, (str, int, float, date))):
        log.warning(f"Page '{file.src_uri}': front matter 'title' must be text, not a "
                    f"{type(raw).__name__}; the overview shows the page's heading instead")
    elif isinstance(raw, str) and raw.strip():
        return clean_text(raw)
    elif raw is not None and not isinstance(raw, str):
        return str(raw)
    elif page is not None and page.title and "title" not in page.meta:
        return clean_text(html.unescape(str(page.title)))
    if facts.title:
        return facts.title
    name = file.name.replace("-", " ").replace("_", " ")
    return name.capitalize() if name.lower() == name else name


def page_summary(meta: Mapping[str, Any], facts: PageFacts) -> str:
    """Front matter ``description``, or the first paragraph cut near 40 words."""
    description = meta.get("description")
    if isinstance(description, str) and description.strip():
        return tidy(description)
    return summarize(facts.first_paragraph)


def _section_of(page: Page) -> str:
    parent = page.parent
    return parent.title if isinstance(parent, Section) and parent.title else ""


@dataclass
class Gatherer:
    """Builds the :class:`OverviewModel` of one overview page."""

    facts: Mapping[str, PageFacts]
    meta: Mapping[str, Mapping[str, Any]]
    files: Files
    nav: Navigation | None
    overview: File
    words_per_minute: int = 220
    cache: dict[str, Any] | None = None
    """What each page gave the overview, kept across ``--dirty`` rebuilds, by source
    path: ``[facts, meta, key, (blocks, entry), numbered entry]``."""

    def flags(self, src_uri: str) -> tuple[bool, bool]:
        """``(exclude, overview)`` from the page's ``portfolio`` front matter.

        Read directly, not through :func:`page_options`: the page itself already
        warned about a bad value when it was rendered, and a bad value counts as unset.
        """
        raw = self.meta.get(src_uri, {}).get("portfolio")
        if raw == "overview":
            return False, True
        if isinstance(raw, dict):
            return raw.get("exclude") is True, raw.get("overview") is True
        return False, False

    def pages(self) -> list[tuple[File, Page | None, bool]]:
        """``(file, page, in_nav)`` of every page the overview may show, in reading order.

        The navigation's pages come first, in its order; pages outside it follow by
        path. Drafts, excluded pages, overview pages and pages never rendered are left out.
        """
        seen: set[str] = set()
        nav_pages = self.nav.pages if self.nav is not None else []
        ordered: list[tuple[File, Page | None, bool]] = []
        for nav_page in nav_pages:
            ordered.append((nav_page.file, nav_page, True))
            seen.add(nav_page.file.src_uri)
        rest = sorted(
            (f for f in self.files.documentation_pages() if f.src_uri not in seen),
            key=lambda f: f.src_uri,
        )
        ordered.extend((f, f.page, False) for f in rest)
        kept: list[tuple[File, Page | None, bool]] = []
        for file, page, in_nav in ordered:
            src = file.src_uri
            if file is self.overview or src == self.overview.src_uri:
                continue
            if file.inclusion.is_excluded() or self.files.get_file_from_path(src) is not file:
                continue
            if src not in self.facts:
                continue
            exclude, overview = self.flags(src)
            if exclude or overview:
                continue
            kept.append((file, page, in_nav))
        return kept

    def block(self, fact: BlockFact, file: File, title: str, full: bool) -> BlockEntry:
        """One block, linked from the overview; with its HTML when shown in full."""
        page_url = relative_url(file.url, self.overview.url)
        html = Markup("")
        if full and fact.html:
            rebased = rebase_html(fact.html, file.url, self.overview.url)
            # The block keeps its id on its own page; here another block may share it.
            html = Markup(_BLOCK_ID_RE.sub(r"\1", rebased, count=1))
        return BlockEntry(
            type=fact.type,
            title=fact.title,
            gist=tidy(fact.gist),
            url=f"{page_url}#{fact.id}",
            page_title=title,
            page_url=page_url,
            html=html,
            metric=fact.metric,
        )

    def gather(self, config: MkDocsConfig, hero_image: str | None = None) -> OverviewModel:
        """The model, with every section filled, the hero's buttons included."""
        model = OverviewModel(site_name=clean_text(str(config.site_name or "")),
                              tagline=clean_text(str(config.site_description or "")))
        number = 0
        for file, page, in_nav in self.pages():
            blocks, entry = self.page_part(file, page, in_nav)
            for fact, block in blocks:
                kind = BLOCK_TYPES.get(fact.type)
                if kind is not None:  # (a type unregistered since the page was cached)
                    model.add(kind, block)
            if entry is not None:
                number += 1
                model.contents.append(self.numbered(file.src_uri, entry, number))
        model.hero_image = self.image_url(hero_image) if hero_image else ""
        model.buttons = self.buttons(model, config)
        return model

    def numbered(self, src: str, entry: PageEntry, number: int) -> PageEntry:
        """The page's Contents entry with its number; the same object as last time when
        neither changed (fewer new objects for Python's garbage collector to walk)."""
        kept = self.cache.get(src) if self.cache is not None else None
        if kept is not None and kept[3][1] is entry and kept[4] is not None \
                and kept[4].number == number:
            return kept[4]  # type: ignore[no-any-return]
        made = replace(entry, number=number)
        if kept is not None:
            kept[4] = made
        return made

    def page_part(self, file: File, page: Page | None,
                  in_nav: bool) -> tuple[list[tuple[BlockFact, BlockEntry]], PageEntry | None]:
        """What one page gives the overview: its blocks, and its Contents entry when it is
        in the navigation (numbered by :meth:`gather`). Kept in ``cache`` while the page's
        facts and front matter are the same objects (a page rendered again gets new
        ones) and its title, URL and place are the same."""
        src = file.src_uri
        facts = self.facts[src]
        meta = self.meta.get(src, {})
        title = page_title(page, file, meta, facts)
        section = _section_of(page) if page is not None else ""
        key = (title, section, in_nav, file.url, self.overview.url, self.words_per_minute)
        cached = self.cache.get(src) if self.cache is not None else None
        if cached is not None and cached[0] is facts and cached[1] is meta and cached[2] == key:
            return cached[3]  # type: ignore[no-any-return]
        blocks = [(fact, self.block(fact, file, title, BLOCK_TYPES[fact.type].full))
                  for fact in facts.blocks if fact.type in BLOCK_TYPES]
        entry = None
        if in_nav:
            entry = PageEntry(
                number=0,
                title=title,
                url=relative_url(file.url, self.overview.url),
                summary=page_summary(meta, facts),
                # Minutes, not words: an edit that keeps them leaves the overview as it
                # was, and `serve --dirty` need not build it again.
                minutes=reading_minutes(facts.words, self.words_per_minute),
                dead_ends=len(facts.blocks_of("dead-end")),
                next_steps=len(facts.blocks_of("next-step")),
                figures=facts.figures + facts.diagrams,
                section=section,
            )
        if self.cache is not None:
            self.cache[src] = [facts, meta, key, (blocks, entry), None]  # 4: numbered
        return blocks, entry

    def image_url(self, image: str) -> str:
        """The hero image's URL from the overview: a file in ``docs_dir``, or a web URL."""
        if web_url(image):
            return image
        if not is_local(image):
            log.warning(
                f"overview.hero_image: '{image}' is neither a file in docs_dir nor an "
                "http(s) URL; the hero has no image"
            )
            return ""
        file = self.files.get_file_from_path(image.lstrip("/"))
        if file is None or file.inclusion.is_excluded():
            log.warning(
                f"overview.hero_image: '{image}' is not a file in docs_dir "
                "(give a path relative to docs_dir, or a full URL); the hero has no image"
            )
            return ""
        if file.is_documentation_page():
            log.warning(f"overview.hero_image: '{image}' is a page of the site, not an image; "
                        "the hero has no image")
            return ""
        return relative_url(file.url, self.overview.url)

    def buttons(self, model: OverviewModel, config: MkDocsConfig) -> list[Button]:
        """Try the demo, read the writeup, see the source: the ones that have a target."""
        buttons = []
        if model.demo is not None:
            buttons.append(Button("Try the demo", model.demo.url, "material/play-circle-outline",
                                  primary=True, section="demo"))
        if model.contents:
            first = model.contents[0]
            buttons.append(Button("Read the writeup", first.url, "material/book-open-variant",
                                  primary=not buttons))
        if config.repo_url and web_url(str(config.repo_url)):
            buttons.append(Button("Source code", str(config.repo_url), "material/source-branch",
                                  external=True))
        elif config.repo_url:
            log.warning(f"repo_url '{config.repo_url}' is not an http(s) URL as a browser "
                        "reads it; the overview has no 'Source code' button")
        return buttons
