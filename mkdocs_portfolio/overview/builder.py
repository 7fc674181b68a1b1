"""The overview page under MkDocs: its file, its place in the navigation, its content.

The MkDocs side of the overview. :mod:`.placement` finds or generates the page and
puts it first in the navigation; :mod:`.gather` (no MkDocs) makes the model from
the page records; :mod:`.render` fills the page in. The overview is rendered in
``on_env``: by then every page's record is known (under ``--dirty``, the records of
the pages not rendered again are kept), and the search index has not read the page yet.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from markupsafe import escape
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.toc import AnchorLink, TableOfContents

from ..markdown.urls import is_local, relative_url, web_url
from ..markdown.util import mtime_ns
from ..memo import Memo
from ..pages import PageRecord
from . import page_info, placement
from .gather import Gatherer, SiteInfo
from .marks import MARKER_ALL
from .model import SECTIONS, OverviewModel, section_id
from .render import MARKER_RE, Renderer, escaping

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

    from ..config import PortfolioConfig

log = get_plugin_logger(__name__)


class OverviewBuilder:
    """Generates the overview page, places it first in the navigation, fills it in, and
    puts the page info at the top of every other page. One per build."""

    def __init__(self, options: PortfolioConfig, memo: Memo, dirty: bool) -> None:
        self.options = options
        self.memo = memo
        self.dirty = dirty
        """Under ``--dirty``: skip what is as it was in the last build."""
        self.file: File | None = None
        """The overview's file: generated, or the author's own overview page."""
        self.env: Environment | None = None
        self.unchanged = False
        """Under ``--dirty``: the overview would be built exactly as last time."""
        self.digest: bytes | None = None
        """Digest of what the overview shows, computed under ``--dirty``."""
        self.content: str | None = None
        """The overview's HTML, while the page holds what the search indexes of it."""
        self.model: OverviewModel | None = None
        """What this build's overview shows (the link previews read its hero)."""

    def add_file(self, files: Files, config: MkDocsConfig) -> None:
        """Find the author's overview page, or add the generated one to ``files``."""
        if not self.options.overview.enabled:
            return
        author = placement.find_author_overview(files, lambda path: self.memo.scan(
            "overview page", path, lambda: placement.says_overview(path)))
        if author is None and self.options.overview.on_home:
            author = placement.home_page(files)  # a README-based site: the home page it is
        if author is not None:
            self.file = author
        else:
            self.file = placement.generated_file(config, files, self.options.overview)
            if self.file is not None:
                files.append(self.file)
        if self.file is not None:
            # A dirty rebuild must still refresh the overview when another page changed,
            # and need not when nothing it shows did.
            self.file.is_modified = self._is_modified  # type: ignore[method-assign]

    def _is_modified(self) -> bool:
        return not self.unchanged

    def place(self, nav: Navigation, config: MkDocsConfig) -> None:
        if self.file is not None:
            placement.place_in_nav(nav, self.file, config)

    def fill(self, env: Environment, config: MkDocsConfig, files: Files, nav: Navigation | None,
             records: Mapping[str, PageRecord]) -> None:
        """Gather the model from the records and put the sections into the overview page."""
        self.env = escaping(env)
        file = self.file
        if file is None or file.page is None or file.page.content is None:
            return
        page = file.page
        gatherer = Gatherer(
            pages=shown_pages(files, nav, records, file),
            overview_url=file.url,
            words_per_minute=self.options.page_info.words_per_minute,
            # Only --dirty reuses a page's part: in any other build every page is new.
            memo=self.memo if self.dirty else None,
            results_table=self.options.overview.results_table,
        )
        hero = self.options.overview.hero_image
        site = SiteInfo(name=str(config.site_name or ""),
                        tagline=str(config.site_description or ""),
                        repo_url=str(config.repo_url or ""),
                        hero_image=hero_image_url(hero, files, file.url) if hero else "",
                        home=home_page(files, file))
        model = self.model = gatherer.gather(site)
        templates = self._templates_key(page, config, env) if self.dirty else None
        kept = self.memo.overview
        inputs = (templates, page.content, model)
        if templates is not None and kept.inputs == inputs:
            html, indexed, shown = kept.html, kept.indexed, list(kept.shown)
        else:
            context = {"config": config, "page": page, "section_id": section_id}
            cards = kept.cards if templates is not None and kept.cards_key == templates else None
            renderer = Renderer(self.env, context, cards)
            filled = renderer.fill(page.content or "", model, page.file.src_uri)
            html, indexed, shown = filled.content, filled.search_content, filled.shown
            if templates is not None:
                kept.inputs, kept.html, kept.indexed, kept.shown = inputs, html, indexed, \
                    tuple(shown)
                kept.cards_key, kept.cards = templates, renderer.used
        # The search index reads the page before the sections are put in (see Filled).
        page.content, self.content = indexed, html
        page.toc = overview_toc(page, model, shown)
        if self.dirty:
            self.digest = _digest(html, page, config)
            self.unchanged = kept.written == (file.abs_dest_path, self.digest,
                                              mtime_ns(file.abs_dest_path))

    def after_search(self, page: Page) -> None:
        """The overview's sections go in once the search has indexed the page."""
        if self.file is not None and page.file is self.file and self.content is not None:
            page.content, self.content = self.content, None

    def finish(self) -> None:
        """After the site is written: remember what the overview's HTML holds."""
        file = self.file
        written = None
        if self.digest is not None and file is not None:
            written = (file.abs_dest_path, self.digest, mtime_ns(file.abs_dest_path))
        self.memo.overview.written = written
        if written is None:
            self.memo.overview.inputs = None
            self.memo.overview.cards = {}

    def add_page_info(self, page: Page, record: PageRecord | None,
                      config: MkDocsConfig) -> None:
        """The reading time and TL;DR at the top of a page (not of the overview)."""
        options = self.options.page_info
        if not options.enabled or self.env is None or page.content is None:
            return
        if self.file is not None and page.file is self.file:
            return
        if record is None or record.settings.overview or not record.settings.page_info:
            return
        info = page_info.page_info(record.meta, record.facts, options)
        page.content = page_info.insert(page.content, self.env, info, {"config": config,
                                                                        "page": page})

    def _templates_key(self, page: Page, config: MkDocsConfig,
                       env: Environment) -> bytes | None:
        """What the overview's rendering depends on besides its model and the page's
        own HTML: the page's URL and title, the config file and the overview templates.
        ``None`` when the page has a marker that warns (it must warn in every build)."""
        content = page.content or ""
        for match in MARKER_RE.finditer(content):
            if match[0] != MARKER_ALL and match["name"] not in (*SECTIONS, "overview"):
                return None
        digest = hashlib.blake2b(f"{page.url}\0{page.title}\0".encode(
            "utf-8", "surrogatepass"), digest_size=16)
        if config.config_file_path:
            digest.update(f"{mtime_ns(config.config_file_path)}".encode())
        for folder in getattr(env.loader, "searchpath", ()):
            try:
                entries = sorted(os.scandir(os.path.join(folder, "portfolio")),
                                 key=lambda e: e.name)
            except OSError:
                continue
            for entry in entries:
                stat = entry.stat()
                digest.update(f"\0{entry.path}\0{stat.st_mtime_ns}\0{stat.st_size}".encode(
                    "utf-8", "surrogatepass"))
        return digest.digest()


def shown_pages(files: Files, nav: Navigation | None, records: Mapping[str, PageRecord],
                overview: File) -> list[PageRecord]:
    """The records of every page the overview may show, in reading order.

    The navigation's pages come first, in its order; pages outside it follow by
    path. Drafts, excluded pages, overview pages and pages never rendered are left out.
    """
    seen: set[str] = set()
    ordered: list[File] = []
    for nav_page in nav.pages if nav is not None else []:
        ordered.append(nav_page.file)
        seen.add(nav_page.file.src_uri)
    ordered.extend(sorted((f for f in files.documentation_pages() if f.src_uri not in seen),
                          key=lambda f: f.src_uri))
    shown: list[PageRecord] = []
    for file in ordered:
        src = file.src_uri
        if file is overview or src == overview.src_uri:
            continue
        if file.inclusion.is_excluded() or files.get_file_from_path(src) is not file:
            continue
        record = records.get(src)
        if record is None or record.settings.exclude or record.settings.overview:
            continue
        shown.append(record)
    return shown


def home_page(files: Files, overview: File) -> str:
    """The source path of the site's home page, when it is not the overview."""
    for file in files.documentation_pages():
        if file is not overview and file.page is not None and file.page.is_homepage:
            return file.src_uri
    return ""


def hero_image_url(image: str, files: Files, overview_url: str) -> str:
    """The hero image's URL from the overview: a file in ``docs_dir``, or a web URL."""
    if web_url(image):
        return image
    if not is_local(image):
        log.warning(
            f"overview.hero_image: '{image}' is neither a file in docs_dir nor an "
            "http(s) URL; the hero has no image"
        )
        return ""
    file = files.get_file_from_path(image.lstrip("/"))
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
    return relative_url(file.url, overview_url)


def _digest(content: str, page: Page, config: MkDocsConfig) -> bytes:
    """A digest of what the overview page shows: its content, title, table of contents,
    front matter, and the config file's mtime."""
    digest = hashlib.blake2b(digest_size=16)

    def toc(items: Any) -> None:
        for item in items:
            digest.update(f"\0{item.level}\0{item.id}\0{item.title}\0".encode())
            toc(item.children)
            digest.update(b"\1")

    digest.update(content.encode("utf-8", "surrogatepass"))
    digest.update(f"\0{page.title}\0{sorted(page.meta.items(), key=str)!r}\0".encode(
        "utf-8", "surrogatepass"))
    toc(page.toc)
    if config.config_file_path:
        digest.update(f"\0{mtime_ns(config.config_file_path)}".encode())
    return digest.digest()


def overview_toc(page: Page, model: OverviewModel, shown: list[str]) -> TableOfContents:
    """The page's table of contents, with the overview's section headings in it."""
    # A table of contents holds HTML (Material prints its titles as they are).
    links = [AnchorLink(escape(model.headings[s]), section_id(s), 2)
             for s in shown if s in model.headings]
    if "hero" in shown:
        top = AnchorLink(escape(model.site_name), section_id("hero"), 1)
        top.children = links
        return TableOfContents([top])
    items = list(page.toc)
    if items and items[0].level == 1:
        items[0].children.extend(links)
        return TableOfContents(items)
    return TableOfContents([*items, *links])


__all__ = ["OverviewBuilder"]
