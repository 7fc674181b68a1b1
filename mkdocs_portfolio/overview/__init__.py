"""The overview page, assembled from the facts of every page, and the page info.

The feature is glue between MkDocs' events and the modules of this package:

- :mod:`.placement`: which file is the overview, and its place in the navigation;
- :mod:`.model`: what each section shows, gathered from ``plugin.facts``;
- :mod:`.render`: the Jinja templates, the author's markers, the table of contents;
- :mod:`.page_info`: reading time and TL;DR at the top of every page;
- :mod:`.rebase` and :mod:`.summary`: relative links, summaries and reading times.

The overview is rendered in ``on_env``: by then every page's content is known
(under ``--dirty``, the pages not rendered again are known from the plugin's
facts cache), and the search index has not read the page yet.
"""

from __future__ import annotations

import hashlib
import os
from typing import TYPE_CHECKING, Any

from mkdocs.plugins import get_plugin_logger

from ..feature import Feature
from ..markdown.util import mtime_ns
from . import page_info, placement
from .model import SECTIONS, Gatherer, section_id
from .placement import MARKER_ALL
from .render import MARKER_RE, Renderer, escaping, overview_toc

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)


class Overview(Feature):
    """Generates the overview page, places it first in the navigation, fills it in."""

    def on_config(self, config: MkDocsConfig) -> None:
        self.file: File | None = None
        """The overview's file: generated, or the author's own overview page."""
        self.nav: Navigation | None = None
        self.env: Environment | None = None
        self.unchanged = False
        """Under ``--dirty``: the overview would be built exactly as last time."""
        self.digest: bytes | None = None
        """Digest of what the overview shows, computed under ``--dirty``."""
        self.content: str | None = None
        """The overview's HTML, while the page holds what the search indexes of it."""

    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if not self.options.overview.enabled:
            return None
        author = placement.find_author_overview(files, lambda path: self.per_file(
            "overview.authored", path, lambda: placement.says_overview(path)))
        if author is not None:
            # A dirty rebuild must still refresh the overview when another page changed.
            author.is_modified = self._is_modified  # type: ignore[method-assign]
            self.file = author
            return None
        self.file = placement.generated_file(config, files, self.options.overview)
        if self.file is not None:
            self.file.is_modified = self._is_modified  # type: ignore[method-assign]
            files.append(self.file)
        return files

    def _is_modified(self) -> bool:
        """The overview is read and filled in every build (its content comes from other
        pages); under ``--dirty`` MkDocs builds it again only when that content changed."""
        return not self.unchanged

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation | None:
        self.nav = nav
        if self.file is not None:
            placement.place_in_nav(nav, self.file, config)
        return nav

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> None:
        self.env = escaping(env)
        file = self.file
        if file is None or file.page is None or file.page.content is None:
            return
        page = file.page
        gatherer = Gatherer(
            facts=self.plugin.facts,
            meta=self.plugin.page_meta,
            files=files,
            nav=self.nav,
            overview=file,
            words_per_minute=self.options.page_info.words_per_minute,
            # Only --dirty reuses a page's part: in any other build every page is new.
            cache=self.cache("overview.pages") if self.plugin.is_dirty else None,
        )
        model = gatherer.gather(config, self.options.overview.hero_image)
        context = {"config": config, "page": page, "section_id": section_id}
        templates = self._templates_key(page, config, env) if self.plugin.is_dirty else None
        built = self._built()
        inputs = (templates, page.content, model)
        rendered = built.get("rendered")
        if templates is not None and rendered is not None and rendered[0] == inputs:
            html, indexed, shown = rendered[1], rendered[2], list(rendered[3])
        else:
            parts = built.get("parts")
            renderer = Renderer(self.env, context, parts[1] if parts and parts[0] == templates
                                and templates is not None else None)
            filled = renderer.fill(page.content or "", model, page)
            html, indexed, shown = filled.content, filled.search_content, filled.shown
            if templates is not None:
                built["rendered"] = (inputs, html, indexed, tuple(shown))
                built["parts"] = (templates, renderer.used)
        # The search index reads the page before the sections are put in (see Filled).
        page.content, self.content = indexed, html
        page.toc = overview_toc(page, model, shown)
        if self.plugin.is_dirty:
            self.digest = _digest(html, page, config)
            last = built.get(file.abs_dest_path)
            self.unchanged = last is not None and last == (self.digest,
                                                           mtime_ns(file.abs_dest_path))

    def after_search(self, page: Page) -> None:
        """The overview's sections go in once the search has indexed the page."""
        if self.file is not None and page.file is self.file and self.content is not None:
            page.content, self.content = self.content, None

    def _built(self) -> dict[str, Any]:
        """What the last build made of the overview, kept across ``--dirty`` rebuilds:
        ``{dest path: (digest of what it showed, mtime of its HTML)}``; under
        ``"rendered"`` what its last rendering was made of (templates, page, model) and
        made (HTML, what the search indexed, sections); under ``"parts"`` its cards."""
        return self.cache("overview.built")

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

    def on_post_build(self, config: MkDocsConfig) -> None:
        file = self.file
        built = self._built()
        kept: dict[str, Any] = {k: built[k] for k in ("rendered", "parts") if k in built}
        built.clear()
        if self.digest is not None and file is not None:
            built[file.abs_dest_path] = (self.digest, mtime_ns(file.abs_dest_path))
            built.update(kept)

    def on_page_context(
        self, context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
    ) -> None:
        options = self.options.page_info
        if not options.enabled or self.env is None or page.content is None:
            return
        if self.file is not None and page.file is self.file:
            return
        src = page.file.src_uri
        facts = self.plugin.facts.get(src)
        # The front matter as written (the plugin escapes page.meta for Material).
        meta = self.plugin.page_meta.get(src) or page.meta or {}
        if facts is None or placement.is_overview_meta(meta):
            return
        raw = meta.get("portfolio")
        if isinstance(raw, dict) and raw.get("page_info") is False:
            return
        info = page_info.page_info(meta, facts, options)
        page.content = page_info.insert(page.content, self.env, info, {"config": config,
                                                                        "page": page})


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
