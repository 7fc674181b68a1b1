"""The ``portfolio`` MkDocs plugin: thin glue from MkDocs' events to the parts that work.

Everything inside one page is done by the Python-Markdown extension in
:mod:`mkdocs_portfolio.markdown`; the plugin registers it, makes a record of every
page it renders (:mod:`.records`), and hands explicit inputs to one object per
site-wide part: the overview (:class:`.overview.builder.OverviewBuilder`), the source
pages (:class:`.sources.SourcePages`) and the audit (:class:`.audit.auditor.SiteAudit`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from .audit.auditor import SiteAudit
from .config import PortfolioConfig
from .configure import (
    PACKAGE_DIR,
    add_asset_files,
    add_assets,
    add_markdown_extensions,
    add_theme_dirs,
    add_zoom,
    fit_i18n,
    listed_once,
)
from .markdown import PortfolioExtension
from .memo import Memo
from .overview.builder import OverviewBuilder
from .pages import PageRecord
from .records import make_record, place_records
from .sources import SourcePages
from .theme_texts import ThemeTexts

if TYPE_CHECKING:  # importing it pulls in watchdog: ~25 ms on every `mkdocs build`
    from jinja2 import Environment
    from mkdocs.livereload import LiveReloadServer


class PortfolioPlugin(BasePlugin[PortfolioConfig]):
    """Presents a machine-learning project writeup as a portfolio site."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.records: dict[str, PageRecord] = {}
        """The record of every rendered page by ``src_uri``; kept across ``mkdocs serve``
        rebuilds so that a ``--dirty`` rebuild still knows the pages it did not render."""
        self.memo = Memo()
        """What the site-wide parts made of the records, kept like them (see :mod:`.memo`)."""
        self.texts = ThemeTexts()
        self.is_dirty = False
        self._reset()

    def _reset(self) -> None:
        self.extension: PortfolioExtension | None = None
        self.overview: OverviewBuilder | None = None
        self.sources: SourcePages | None = None
        self.audit: SiteAudit | None = None
        self.nav: Navigation | None = None
        self.files: Files | None = None

    # on_startup makes MkDocs keep this instance across serve rebuilds (the records).
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.is_dirty = dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        # MkDocs keeps one instance of a plugin with on_startup for the whole process
        # (serve rebuilds, but also several builds in one process): start clean, and
        # keep the records and the memo only for a --dirty rebuild, which needs them.
        self._reset()
        self.texts.restore(config)
        if not self.is_dirty:
            self.records.clear()
            self.memo.clear()
        if not self.config.enabled:
            return None
        listed_once(config, PortfolioPlugin)
        self.extension = add_markdown_extensions(config, self.config)
        add_theme_dirs(config)
        add_assets(config)
        add_zoom(config, self.config)
        self.overview = OverviewBuilder(self.config, self.memo, self.is_dirty)
        self.sources = SourcePages(self.config, self.memo, config, self.extension)
        self.audit = SiteAudit(self.config, self.memo, self.is_dirty)
        return config

    # Runs after every other plugin's on_files, even mkdocs-static-i18n's (-100): it
    # rebuilds the file list from docs_dir and cannot take generated files (overview,
    # assets); added after it, they are kept.
    @event_priority(-110)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if self.overview is None or self.sources is None:
            return None
        add_asset_files(files, config)
        known = {f.src_uri for f in files.documentation_pages()}
        for src_uri in self.records.keys() - known:  # deleted or excluded since last build
            del self.records[src_uri]
        self.memo.keep_pages(known)
        self.overview.add_file(files, config)
        self.sources.add_pages(files, config)
        fit_i18n(files, config, known)
        return files

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation | None:
        self.nav = nav
        if self.overview is not None:
            self.overview.place(nav, config)
        return nav

    # Runs first, so that the extension knows which page it converts before any
    # other plugin's on_page_markdown output reaches it.
    @event_priority(100)
    def on_page_markdown(
        self, markdown: str, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if self.extension is not None:
            self.extension.setConfig("page", page.file.src_uri)
        return None

    # Runs first, before other plugins change the HTML, while the extension's
    # facts still belong to this page.
    @event_priority(100)
    def on_page_content(
        self, html: str, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if self.extension is None or self.sources is None:
            return None
        self.records[page.file.src_uri] = make_record(page, self.extension.facts)
        return self.sources.fill(html, page)

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment | None:
        if self.overview is None or self.audit is None:
            return None
        self.files = files
        place_records(self.records, files, self.nav)
        self.overview.fill(env, config, files, self.nav, self.records)
        self.audit.check_report_path(files)
        # After our parts read them as written (their templates escape), before
        # Material prints them: it puts these values into the page unescaped.
        self.texts.defuse(config, files)
        return None

    def _on_page_context(
        self, context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
    ) -> dict[str, Any] | None:
        if self.overview is not None:
            self.overview.add_page_info(page, self.records.get(page.file.src_uri), config)
        return context

    # Runs after the search plugin has indexed the page.
    @event_priority(-100)
    def _after_search(self, context: dict[str, Any], page: Page, config: MkDocsConfig,
                      nav: Navigation) -> dict[str, Any] | None:
        if self.overview is not None:
            self.overview.after_search(page)
        return context

    on_page_context = CombinedEvent(_on_page_context, _after_search)  # type: ignore[assignment]

    # Runs last, so that the audit sees every file other plugins wrote.
    @event_priority(-100)
    def on_post_build(self, config: MkDocsConfig) -> None:
        if self.overview is None or self.audit is None:
            return
        self.overview.finish()
        if self.files is not None:
            self.audit.run(config, self.files, self.records,
                           str(self.texts.as_written(config, "site_name") or ""))

    def on_serve(
        self, server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., Any]
    ) -> LiveReloadServer | None:
        if self.sources is not None:
            self.sources.watch(server)
        return server


__all__ = ["PACKAGE_DIR", "PortfolioPlugin"]
