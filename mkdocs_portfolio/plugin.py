"""The ``portfolio`` MkDocs plugin: thin glue from MkDocs' events to the parts that work.

Everything inside one page is done by the Python-Markdown extension in
:mod:`mkdocs_portfolio.markdown`; the plugin registers it, makes a record of every
page it renders (:mod:`.records`), and hands explicit inputs to one object per
site-wide part (:class:`.parts.Parts`): the overview, the source pages, the audit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from . import diagrams, exiting, lazydata
from .config import PortfolioConfig
from .configure import PACKAGE_DIR, add_asset_files, fit_i18n, listed_once
from .data_files import mark_changed_data
from .held_charts import HeldCharts
from .markdown.highlight_cache import keep_in_process
from .memo import Memo
from .overview.compiled import compiled_templates
from .pages import PageRecord
from .parts import Parts
from .records import make_record, place_records
from .search_view import wrap_search
from .theme_texts import ThemeTexts

if TYPE_CHECKING:  # importing it pulls in watchdog: ~25 ms on every `mkdocs build`
    from jinja2 import Environment
    from mkdocs.livereload import LiveReloadServer


class PortfolioPlugin(BasePlugin[PortfolioConfig]):
    """Presents a machine-learning project writeup as a portfolio site."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        # Kept across serve rebuilds: a --dirty rebuild still knows the pages it does not
        # render again, and what the site-wide parts made of them (see memo.py).
        self.records: dict[str, PageRecord] = {}
        self.memo = Memo()
        self.texts = ThemeTexts()
        self.is_dirty = False
        self.parts: Parts | None = None
        self.charts = HeldCharts()

    # on_startup makes MkDocs keep this instance across serve rebuilds (the records).
    def on_startup(self, *, command: str, dirty: bool) -> None:
        exiting.thaw()  # another run in this process: its garbage is collected again
        self.is_dirty = dirty
        keep_in_process(command == "serve")  # serve's rebuilds highlight nothing again

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        # MkDocs keeps one instance of a plugin with on_startup for the whole process
        # (serve rebuilds, but also several builds in one process): start clean, and
        # keep the records and the memo only for a --dirty rebuild, which needs them.
        self.parts = None
        self.charts = HeldCharts()
        self.texts.restore(config)
        if not self.is_dirty:
            self.records.clear()
            self.memo.clear()
        if not self.config.enabled:
            return None
        listed_once(config, PortfolioPlugin)
        if self.config.code.fast_search:
            wrap_search(config.plugins)
        self.parts = Parts.make(config, self.config, self.memo, self.is_dirty)
        return config

    # Runs after every other plugin's on_files, even mkdocs-static-i18n's (-100): it
    # rebuilds the file list from docs_dir and cannot take generated files (overview,
    # assets); added after it, they are kept.
    @event_priority(-110)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if (parts := self.parts) is None:
            return None
        add_asset_files(files, config, self.config)
        parts.notebooks.add_pages(files, config)  # before anything lists the pages
        known = {f.src_uri for f in files.documentation_pages()}
        for src_uri in self.records.keys() - known:  # deleted or excluded since last build
            del self.records[src_uri]
        if self.is_dirty:  # a results file changed: its pages are rendered again
            mark_changed_data(files, self.records)
        self.memo.keep_pages(known)
        if not parts.projects.add_files(files, config):  # several projects: no one overview
            parts.overview.add_file(files, config)
        parts.sources.add_pages(files, config)
        fit_i18n(files, config, known)
        # The files raw HTML paths may name (see markdown/rawpaths.py), by source path.
        parts.extension.site_files = {f.src_uri: f.url for f in files}
        return files

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation | None:
        if (parts := self.parts) is not None:
            parts.nav = nav
            parts.overview.place(nav, config)
            parts.projects.place(nav, config)
        return nav

    # Runs first, so that the extension knows which page it converts before any
    # other plugin's on_page_markdown output reaches it.
    @event_priority(100)
    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig,
                         files: Files) -> str | None:
        if self.parts is not None:
            # A page another plugin renders (mkdocs-jupyter's notebooks) has no facts.
            self.parts.extension.reset()
            self.parts.extension.setConfig("page", page.file.src_uri)
            self.parts.extension.setConfig("page_url", page.file.url)
        return None

    # Runs first, before other plugins change the HTML, while the extension's
    # facts still belong to this page.
    @event_priority(100)
    def on_page_content(self, html: str, page: Page, config: MkDocsConfig,
                        files: Files) -> str | None:
        if (parts := self.parts) is None:
            return None
        self.records[page.file.src_uri] = make_record(page, parts.extension.facts)
        # Charts wait until the search has indexed the page (see held_charts.py).
        return self.charts.hold(page.file.src_uri, parts.sources.fill(html, page))

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment | None:
        if (parts := self.parts) is None:
            return None
        parts.files = files
        if self.config.template_cache and env.bytecode_cache is None:
            env.bytecode_cache = compiled_templates(env)  # before any template is loaded
        place_records(self.records, files, parts.nav, str(config.site_name or ""))
        # Every page is converted by now, and MkDocs copies the static files after this.
        diagrams.drop_unused(files, self.records)
        parts.overview.fill(env, config, files, parts.nav, self.records)
        if parts.projects.active:
            parts.projects.fill(env, config, files, parts.nav, self.records)
        # Cards are files of the site: added before MkDocs copies the files, after this.
        parts.previews.plan(config, files, self.records, parts.overview.file,
                            parts.overview.model)
        parts.audit.check_report_path(files)
        # After our parts read them as written (their templates escape), before
        # Material prints them: it puts these values into the page unescaped.
        self.texts.defuse(config, files)
        return None

    def _on_page_context(self, context: dict[str, Any], page: Page, config: MkDocsConfig,
                         nav: Navigation) -> dict[str, Any] | None:
        if self.parts is not None:
            self.parts.overview.add_page_info(page, self.records.get(page.file.src_uri), config)
        return context

    # Runs after the search plugin has indexed the page.
    @event_priority(-100)
    def _after_search(self, context: dict[str, Any], page: Page, config: MkDocsConfig,
                      nav: Navigation) -> dict[str, Any] | None:
        if self.parts is not None:
            self.parts.overview.after_search(page)
        if page.content is not None:
            page.content = self.charts.restore(page.file.src_uri, page.content)
        return context

    on_page_context = CombinedEvent(_on_page_context, _after_search)  # type: ignore[assignment]

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str | None:
        return self.parts.previews.insert(output, page) if self.parts is not None else None

    # Runs last, so that the audit sees every file other plugins wrote.
    @event_priority(-100)
    def on_post_build(self, config: MkDocsConfig) -> None:
        lazydata.keep()  # the dataclasses' methods this build compiled, for the next one
        if (parts := self.parts) is None:
            return
        parts.overview.finish()
        parts.projects.finish()
        if parts.files is not None:
            parts.audit.run(config, parts.files, self.records,
                            str(self.texts.as_written(config, "site_name") or ""),
                            parts.overview.file or parts.projects.gallery,
                            parts.projects.groups())

    # Runs last: the process ends after this (MkDocs' build, gh-deploy and serve).
    @event_priority(-100)
    def on_shutdown(self) -> None:
        exiting.freeze()  # Python's exit need not walk every object once more

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig,
                 builder: Callable[..., Any]) -> LiveReloadServer | None:
        if self.parts is not None:
            self.parts.sources.watch(server)
        return server


__all__ = ["PACKAGE_DIR", "PortfolioPlugin"]
