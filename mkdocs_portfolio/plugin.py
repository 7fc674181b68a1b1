"""The ``portfolio`` MkDocs plugin: thin glue from MkDocs' events to the features.

Everything inside one page is done by the Python-Markdown extension in
:mod:`mkdocs_portfolio.markdown`; the plugin registers it, ships the theme
overrides and assets, and runs the site-wide features (overview, audit).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from jinja2 import Environment
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from .config import PortfolioConfig
from .configure import (
    PACKAGE_DIR,
    add_assets,
    add_markdown_extensions,
    add_theme_dirs,
    add_zoom,
    asset_files,
)
from .feature import Feature
from .markdown import PageFacts, PortfolioExtension
from .markdown.util import clean_text

if TYPE_CHECKING:  # importing it pulls in watchdog: ~25 ms on every `mkdocs build`
    from mkdocs.livereload import LiveReloadServer

log = get_plugin_logger(__name__)


def _listed_once(config: MkDocsConfig) -> None:
    """Stop a build that lists the plugin twice: both would generate the overview, the
    second finding the first's page "already there"."""
    names = [name for name, plugin in config.plugins.items()
             if isinstance(plugin, PortfolioPlugin) and plugin.config.enabled]
    if len(names) > 1:
        raise PluginError(
            f"'plugins' lists the 'portfolio' plugin {len(names)} times ("
            f"{', '.join(repr(n) for n in names)}): list it once, with all its options "
            "under that one entry")


class PortfolioPlugin(BasePlugin[PortfolioConfig]):
    """Presents a machine-learning project writeup as a portfolio site."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.facts: dict[str, PageFacts] = {}
        """Facts of every page by ``src_uri``; kept across ``mkdocs serve`` rebuilds so
        that a ``--dirty`` rebuild still knows the pages it did not render."""
        self.page_meta: dict[str, dict[str, Any]] = {}
        """Front matter of every rendered page by ``src_uri``, kept like ``facts`` (under
        ``--dirty`` an unchanged page is not read again, so its ``page.meta`` is empty)."""
        self.extension: PortfolioExtension | None = None
        self.caches: dict[str, Any] = {}
        """Caches of the features by name, kept like ``facts`` across ``--dirty`` rebuilds
        (each entry keyed by what it depends on: a page's facts object, a file's mtime)."""
        self.features: list[Feature] = []
        self.config_texts: dict[str, tuple[Any, Any]] = {}
        """Config values escaped for Material in the last build: ``{key: (written, escaped)}``."""
        self.is_dirty = False

    def as_written(self, config: MkDocsConfig, key: str) -> Any:
        """A config value as the author wrote it, also after :func:`defuse_texts` made
        it safe for Material (JSON and logs hold text, not HTML)."""
        value = config[key]
        written, escaped = self.config_texts.get(key, (value, value))
        return written if value is escaped else value

    # on_startup makes MkDocs keep this instance across serve rebuilds (the facts cache).
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.is_dirty = dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        # MkDocs keeps one instance of a plugin with on_startup for the whole process
        # (serve rebuilds, but also several builds in one process): start clean, and
        # keep the per-page caches only for a --dirty rebuild, which needs them.
        self.features, self.extension = [], None
        for key, (written, escaped) in self.config_texts.items():
            if config[key] == escaped:  # the same config object, built again
                config[key] = written
        self.config_texts = {}
        if not self.is_dirty:
            self.facts.clear()
            self.page_meta.clear()
            self.caches.clear()
        if not self.config.enabled:
            return None
        _listed_once(config)
        from .audit import Audit
        from .overview import Overview
        from .sources import SourcePages

        self.features = [Overview(self), SourcePages(self), Audit(self)]
        self.extension = add_markdown_extensions(config, self.config)
        add_theme_dirs(config)
        add_assets(config)
        add_zoom(config, self.config)
        for feature in self.features:
            feature.on_config(config)
        return config

    # Runs after every other plugin's on_files, even mkdocs-static-i18n's (-100): it
    # rebuilds the file list from docs_dir and cannot take generated files (overview,
    # assets); added after it, they are kept.
    @event_priority(-110)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        for src_uri, content in asset_files():
            if files.get_file_from_path(src_uri) is None:
                files.append(File.generated(config, src_uri, content=content))
        known = {f.src_uri for f in files.documentation_pages()}
        for src_uri in list(self.facts):
            if src_uri not in known:  # deleted or excluded since the last build
                del self.facts[src_uri]
                self.page_meta.pop(src_uri, None)
        for feature in self.features:
            files = feature.on_files(files, config) or files
        i18n = config.plugins.get("i18n")
        if i18n is not None:  # mkdocs-static-i18n: one build per language
            prefix = _i18n_prefix(i18n)
            for file in files.documentation_pages():
                if file.src_uri in known or hasattr(file, "alternates"):
                    continue
                file.alternates = {}  # type: ignore[attr-defined]  # its templates ask for it
                if prefix:
                    file.dest_uri = f"{prefix}/{file.dest_uri}"
        return files

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation | None:
        if not self.config.enabled:
            return None
        for feature in self.features:
            nav = feature.on_nav(nav, config, files) or nav
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
        if self.extension is None:
            return None
        self.facts[page.file.src_uri] = self.extension.facts
        self.page_meta[page.file.src_uri] = dict(page.meta)
        for feature in self.features:
            html = feature.on_page_content(html, page, config) or html
        return html

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment | None:
        for feature in self.features:
            feature.on_env(env, config, files)
        if self.config.enabled:
            # After our features read them as written (their templates escape), before
            # Material prints them: it puts these values into the page unescaped.
            self.config_texts = defuse_texts(config, files)
        return None

    def _on_page_context(
        self, context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
    ) -> dict[str, Any] | None:
        for feature in self.features:
            feature.on_page_context(context, page, config, nav)
        return context

    # Runs after the search plugin has indexed the page.
    @event_priority(-100)
    def _after_search(self, context: dict[str, Any], page: Page, config: MkDocsConfig,
                      nav: Navigation) -> dict[str, Any] | None:
        for feature in self.features:
            feature.after_search(page)
        return context

    on_page_context = CombinedEvent(_on_page_context, _after_search)  # type: ignore[assignment]

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str | None:
        for feature in self.features:
            output = feature.on_post_page(output, page, config) or output
        return output

    # Runs last, so that the audit sees every file other plugins wrote.
    @event_priority(-100)
    def on_post_build(self, config: MkDocsConfig) -> None:
        for feature in self.features:
            feature.on_post_build(config)

    def on_serve(
        self, server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., Any]
    ) -> LiveReloadServer | None:
        for feature in self.features:
            feature.on_serve(server, config)
        return server


RAW_TEXTS = ("title", "description")
"""Front matter keys that Material's templates print without escaping."""


def _defused(value: Any) -> Any:
    """``value`` safe for Material: without NUL characters and, when it holds markup,
    escaped once, as :class:`~markupsafe.Markup` (so that Material's own ``| e``, in
    the header's ``title=""``, does not escape it again)."""
    if not isinstance(value, str) or isinstance(value, Markup):
        return value
    text = clean_text(value)
    if any(c in text for c in '<>"'):
        return Markup(html.escape(text, quote=True))
    return text if text != value else value


def defuse_texts(config: MkDocsConfig, files: Files) -> dict[str, tuple[Any, Any]]:
    """Escape markup in the texts Material prints raw (idempotent: an escaped value is
    :class:`~markupsafe.Markup`, left as it is). Returns ``{key: (as written, escaped)}``
    of the config values, for the next build with the same config to start from, and
    for :meth:`PortfolioPlugin.as_written`."""
    changed: dict[str, tuple[Any, Any]] = {}
    for key in ("site_name", "site_description"):
        value = config[key]
        safe = _defused(value)
        if safe is not value:
            config[key] = safe
            changed[key] = (value, safe)
    for file in files.documentation_pages():
        meta = file.page.meta if file.page is not None else None
        for key in RAW_TEXTS:
            if meta and key in meta:
                meta[key] = _defused(meta[key])
    return changed


def _i18n_prefix(i18n: Any) -> str:
    """The folder of the language mkdocs-static-i18n is building ('' for the default)."""
    current = getattr(i18n, "current_language", None)
    default = getattr(i18n, "default_language", None)
    return str(current) if current and current != default else ""


__all__ = ["PACKAGE_DIR", "PortfolioPlugin"]
