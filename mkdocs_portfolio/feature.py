"""The shape of a site-wide feature (overview, audit, source pages).

The plugin is thin glue: each MkDocs event is handed to every feature in turn.
A feature overrides only the hooks it needs; each hook returns what MkDocs'
matching event returns (or ``None`` to keep the value).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, cast

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

    from .plugin import PortfolioPlugin


T = TypeVar("T")


class Feature:
    """A site-wide part of the plugin, fed by the plugin's events."""

    def __init__(self, plugin: PortfolioPlugin) -> None:
        self.plugin = plugin

    @property
    def options(self) -> Any:
        """The plugin's validated options."""
        return self.plugin.config

    def cache(self, name: str) -> dict[Any, Any]:
        """A cache of the plugin's, kept across ``--dirty`` rebuilds (the plugin empties
        its caches before any other build); each entry keyed by what it depends on."""
        cache: dict[Any, Any] = self.plugin.caches.setdefault(name, {})
        return cache

    def per_file(self, name: str, path: str, compute: Callable[[], T]) -> T:
        """``compute()`` for the file at ``path``, kept in the cache ``name`` while the
        file's modification time and size stay the same (computed every time when the
        file cannot be looked at)."""
        try:
            stat = os.stat(path)
        except OSError:
            return compute()
        stamp = (stat.st_mtime_ns, stat.st_size)
        cache = self.cache(name)
        kept = cache.get(path)
        if kept is not None and kept[0] == stamp:
            return cast("T", kept[1])
        value = compute()
        cache[path] = (stamp, value)
        return value

    def on_config(self, config: MkDocsConfig) -> None:
        """Per-build set-up: reset state here, never keep it from the last build."""

    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        """Add virtual files."""
        return None

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation | None:
        """Change the navigation."""
        return None

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig) -> str | None:
        """Change one page's HTML, right after Markdown made it."""
        return None

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> None:
        """Every page's content is known here (or cached, under ``--dirty``)."""

    def on_page_context(
        self, context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
    ) -> None:
        """Add to a page's template context."""

    def after_search(self, page: Page) -> None:
        """After every ``on_page_context`` (the search indexes the page there), before
        the page's template is rendered."""

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str | None:
        """Change one page's final HTML."""
        return None

    def on_post_build(self, config: MkDocsConfig) -> None:
        """After the site is written."""

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig) -> None:
        """Once, when ``mkdocs serve`` has built the site: watch more files."""
