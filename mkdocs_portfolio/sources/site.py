"""A site read from its sources: the config file, the docs folder and its navigation.

For an engine without a plugin API (Zensical), nothing tells us which pages a build has,
in what order, at which URL: this module works it out from the sources, as the engine
does. The config is read by Zensical's own reader (``zensical.config.parse_config``: the
same defaults, ``!ENV`` tags, ``nav`` shapes and errors as the build), which reads both
``mkdocs.yml`` and ``zensical.toml``; the ``portfolio`` plugin's options, which Zensical
drops, are read from the file again (:func:`plugin_options`). The pages are the
Markdown files of ``docs_dir`` as MkDocs and Zensical list them: no dot-files, no
``exclude_docs`` or ``draft_docs``; a ``README.md`` is its folder's index when there is
no ``index.md``.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import os
import sys
from collections.abc import Iterator, Mapping
from dataclasses import field
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from ..lazydata import dataclass
from ..markdown.engine import PLUGIN, _AnyTags

NOTEBOOK = ".ipynb"


class SiteProblem(Exception):
    """The site cannot be read: a message that names the file and what is wrong."""


@dataclass(frozen=True)
class SourcePage:
    """One Markdown page of the site."""

    src_uri: str
    """Path under ``docs_dir``, with ``/``."""
    path: Path
    url: str
    """URL relative to the site's root, as MkDocs' ``File.url`` (``./`` for the home page)."""
    nav_title: str | None = None
    """The title its ``nav`` entry gives it."""
    section: str = ""
    """Title of the navigation section it is in."""
    in_nav: bool = False

    @property
    def name(self) -> str:
        """The file's name without ``.md`` (``index`` for a README), as MkDocs has it."""
        stem = PurePosixPath(self.src_uri).stem
        return "index" if stem == "README" else stem

    @property
    def is_notebook(self) -> bool:
        return self.src_uri.endswith(NOTEBOOK)

    @property
    def staged_as(self) -> str:
        """Its source path in the staged folder: a notebook is staged as its Markdown."""
        return f"{self.src_uri[:-len(NOTEBOOK)]}.md" if self.is_notebook else self.src_uri

    @property
    def is_home(self) -> bool:
        return self.url in ("./", "index.html")


@dataclass
class SourceSite:
    """What a build of the site holds, read from its sources."""

    config_file: Path
    config: Mapping[str, Any]
    """The config as the engine parsed it."""
    options: dict[str, Any]
    """The ``portfolio`` plugin's options as written (``{}`` when it is not listed)."""
    lists_plugin: bool
    docs_dir: Path
    pages: list[SourcePage] = field(default_factory=list)
    """Every page, the navigation's first in its order, then the others by path."""
    other_files: dict[str, str] = field(default_factory=dict)
    """Source path -> URL of every file of the site that is not a page."""

    @property
    def root(self) -> Path:
        return self.config_file.parent

    def text(self, key: str) -> str:
        value = self.config.get(key)
        return value if isinstance(value, str) else ""

    @property
    def urls(self) -> dict[str, str]:
        """Source path -> URL of every file of the site, pages included."""
        return {**self.other_files, **{p.src_uri: p.url for p in self.pages}}

    def page(self, src_uri: str) -> SourcePage | None:
        return self._by_src.get(src_uri)

    @functools.cached_property
    def _by_src(self) -> dict[str, SourcePage]:
        """The pages by source path (the audit asks once per link)."""
        return {p.src_uri: p for p in self.pages}


def _load_toml(path: Path) -> Any:
    toml = importlib.import_module("tomllib" if sys.version_info >= (3, 11) else "tomli")
    with path.open("rb") as handle:
        return toml.load(handle)


def plugin_options(path: Path) -> tuple[bool, dict[str, Any]]:
    """Whether the config file lists the ``portfolio`` plugin, and its options."""
    try:
        if path.suffix == ".toml":
            data: Any = _load_toml(path)
            data = data.get("project", data)
        else:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=_AnyTags)
    except (OSError, ValueError, yaml.YAMLError, ImportError) as error:
        raise SiteProblem(f"{path}: cannot be read: {error}") from None
    plugins = data.get("plugins") if isinstance(data, dict) else None
    entries: list[tuple[str, Any]] = []
    if isinstance(plugins, dict):
        entries = list(plugins.items())
    elif isinstance(plugins, list):
        for entry in plugins:
            if isinstance(entry, dict) and entry:
                entries.extend(entry.items())
            else:
                entries.append((str(entry), None))
    for name, options in entries:
        if name == PLUGIN:
            if options is None:
                return True, {}
            if not isinstance(options, dict):
                raise SiteProblem(f"{path}: the options of the '{PLUGIN}' plugin must be a "
                                  f"mapping, not {options!r}")
            return True, dict(options)
    return False, {}


def parse_config(path: Path) -> dict[str, Any]:
    """The config as Zensical reads it; :class:`SiteProblem` when it cannot."""
    try:
        from zensical.config import parse_config as zensical_parse  # type: ignore[import-untyped]
    except ImportError:
        raise SiteProblem("Zensical is not installed: pip install zensical") from None
    try:
        config = zensical_parse(str(path))
    except Exception as error:  # its ConfigurationError, or YAML/TOML errors: one message
        message = getattr(error, "message", None) or str(error)
        raise SiteProblem(f"{path}: {message}") from None
    if not isinstance(config, dict):
        raise SiteProblem(f"{path}: not a site config")
    return config


def page_url(src_uri: str, directory_urls: bool) -> str:
    """A page's URL as MkDocs makes it (``File.url``)."""
    path = PurePosixPath(src_uri)
    stem, parent = path.stem, path.parent.as_posix()
    folder = "" if parent == "." else f"{parent}/"
    if stem in ("index", "README"):
        return (folder or "./") if directory_urls else f"{folder}index.html"
    return f"{folder}{stem}/" if directory_urls else f"{folder}{stem}.html"


def _patterns(config: Mapping[str, Any], key: str) -> Any:
    import pathspec

    text = config.get(key)
    lines = text.splitlines() if isinstance(text, str) else []
    return pathspec.PathSpec.from_lines("gitwildmatch", lines)


def _walk(docs_dir: Path) -> Iterator[str]:
    for folder, dirs, files in os.walk(docs_dir, followlinks=True):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        rel = Path(folder).relative_to(docs_dir).as_posix()
        for name in sorted(files):
            if not name.startswith("."):
                yield name if rel == "." else f"{rel}/{name}"


def file_order(src_uri: str) -> tuple[Any, ...]:
    """The order of MkDocs' and Zensical's file lists: by folder, its index first."""
    parts = src_uri.split("/")
    return (parts[:-1], PurePosixPath(parts[-1]).stem not in ("index", "README"), parts[-1])


def folder_title(src_uri: str) -> str:
    """The title MkDocs gives the section of a page's folder in a navigation it makes
    (``dirname_to_title``): ``model-cards`` -> ``Model cards``; ``""`` at the top."""
    name = PurePosixPath(src_uri).parent.name.replace("-", " ").replace("_", " ")
    return name.capitalize() if name.lower() == name else name


def _nav_entries(nav: Any, section: str = "") -> Iterator[tuple[str, str | None, str]]:
    """``(path, title, section)`` of every page of a ``nav`` as Zensical converted it."""
    for item in nav if isinstance(nav, list) else []:
        if not isinstance(item, dict):
            continue
        url, title, children = item.get("url"), item.get("title"), item.get("children")
        if isinstance(url, str) and url.endswith((".md", NOTEBOOK)) and "://" not in url:
            yield url.lstrip("/"), title if isinstance(title, str) else None, section
        if children:
            yield from _nav_entries(children, title if isinstance(title, str) else section)


def read_site(config_file: Path) -> SourceSite:
    """Read the site of ``config_file``: its config, options and pages."""
    config = parse_config(config_file)
    lists, options = plugin_options(config_file)
    root = config_file.parent
    docs_dir = (root / str(config.get("docs_dir") or "docs")).resolve()
    site = SourceSite(config_file, config, options, lists, docs_dir)
    excluded = _patterns(config, "exclude_docs")
    drafts = _patterns(config, "draft_docs")
    directory_urls = config.get("use_directory_urls") is not False
    sources = [s for s in _walk(docs_dir) if not excluded.match_file(s)
               and not drafts.match_file(s)]
    markdown = {s for s in sources if s.endswith((".md", ".markdown"))}
    if importlib.util.find_spec("nbformat") is not None:  # as the plugin: notebooks are pages
        markdown |= {s for s in sources if s.endswith(NOTEBOOK)}
    # README.md is its folder's index only without an index.md (MkDocs skips it otherwise).
    markdown -= {s for s in markdown if PurePosixPath(s).name == "README.md"
                 and PurePosixPath(s).with_name("index.md").as_posix() in markdown}
    pages: dict[str, SourcePage] = {}
    for path, title, section in _nav_entries(config.get("nav")):
        if path in markdown and path not in pages:
            pages[path] = SourcePage(path, docs_dir / path, page_url(path, directory_urls),
                                     title, section, True)
    auto = not config.get("nav")  # MkDocs' navigation of the folders: a section each
    for src in sorted(markdown - pages.keys(), key=file_order):
        pages[src] = SourcePage(src, docs_dir / src, page_url(src, directory_urls),
                                section=folder_title(src) if auto else "", in_nav=auto)
    site.pages = list(pages.values())
    site.other_files = {s: s for s in sources if s not in markdown}
    return site
