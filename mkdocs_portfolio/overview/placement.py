"""Where the overview lives: which file it is, and its place first in the navigation.

With zero configuration the overview is a generated page (``File.generated``,
never written into ``docs_dir``). An author's own page with the front matter
``portfolio: overview`` takes its place. Either way the overview comes first in
the navigation, unless the author put it somewhere in a hand-written ``nav``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data

from ..config import OverviewConfig
from ..markdown.paths import PathProblem, check_dest, taken_paths
from .marks import generated_source, marks_overview

log = get_plugin_logger(__name__)

_FRONT_MATTER_PORTFOLIO = re.compile(r"^portfolio\s*:", re.MULTILINE)


def says_overview(path: str) -> bool:
    """Whether the Markdown file at ``path`` has the front matter ``portfolio: overview``."""
    try:
        with open(path, encoding="utf-8-sig", errors="replace") as handle:
            head = handle.read(4096)
            if not head.startswith("---"):
                return False
            text = head + handle.read()
    except OSError:
        return False
    end = text.find("\n---", 3)
    if end < 0 or not _FRONT_MATTER_PORTFOLIO.search(text, 0, end):
        return False
    try:
        _, meta = get_data(text)
    except yaml.YAMLError:  # MkDocs reports it when it reads the page
        return False
    return marks_overview(meta)


def find_author_overview(files: Files,
                         says: Callable[[str], bool] | None = None) -> File | None:
    """The author's own overview page (front matter ``portfolio: overview``), if any.

    Front matter is read before MkDocs reads the pages, since the navigation must
    know the overview. Only files that start with front matter mentioning
    ``portfolio`` are parsed, so this stays cheap on large sites. ``says(path)``
    answers for one file (:func:`says_overview`, or a cached version of it).
    """
    says = says or says_overview
    found = [file for file in files.documentation_pages(inclusion=InclusionLevel.all)
             if file.abs_src_path is not None and file.generated_by is None
             and says(file.abs_src_path)]
    for file in found:
        if file.inclusion.is_excluded():
            log.info(
                f"page '{file.src_uri}' has the front matter 'portfolio: overview' but is "
                "excluded from the site (exclude_docs or draft_docs): the overview is "
                "generated instead"
            )
    found = [file for file in found if not file.inclusion.is_excluded()]
    if len(found) > 1:
        log.warning(
            "several pages have the front matter 'portfolio: overview': "
            f"{', '.join(repr(f.src_uri) for f in found)}; '{found[0].src_uri}' is the "
            "overview, the others are ordinary pages"
        )
    return found[0] if found else None


_HOME = re.compile(r"(?:index|README)(?:\.[\w-]+)?\.md")
"""A home page's source: ``index.md``, ``README.md``, or a translation (``index.fr.md``)."""


def _is_home(file: File) -> bool:
    return (file.dest_uri == "index.html" or bool(_HOME.fullmatch(file.src_uri))) \
        and not file.inclusion.is_excluded()


def has_home_page(files: Files) -> bool:
    """Whether a page of the site is its home page (``index.md``, or ``README.md``)."""
    return any(_is_home(f) for f in files.documentation_pages())


def home_page(files: Files) -> File | None:
    """The author's home page (built as the site's ``index.html``), if the site has one."""
    for file in files.documentation_pages():
        if file.dest_uri == "index.html" and file.generated_by is None and _is_home(file):
            return file
    return None


def generated_file(config: MkDocsConfig, files: Files, options: OverviewConfig) -> File | None:
    """The generated overview page: at ``overview.path``, or ``index.md`` without a home page."""
    path = options.path.strip().lstrip("/")
    if not path.endswith(".md"):
        log.warning(
            f"overview.path must name a Markdown page (such as 'overview.md'), not "
            f"'{options.path}'; the overview is at 'overview.md'"
        )
        path = "overview.md"
    if not has_home_page(files):
        path = "index.md"
    existing = files.get_file_from_path(path)
    if existing is not None and existing.inclusion.is_excluded():
        files.remove(existing)  # not in the built site: the overview takes its place
        existing = None
    if existing is not None:
        where = Path(config.docs_dir, path)
        log.warning(
            f"overview: '{where}' already exists, so the overview cannot be generated there: "
            "set 'overview.path' to a free path, or make that page the overview with the "
            "front matter 'portfolio: overview'"
        )
        return None
    file = File.generated(
        config, path, content=generated_source(options), inclusion=InclusionLevel.NOT_IN_NAV
    )
    try:  # another page built at the same place (more.md and more/index.md)
        check_dest(file.dest_uri, taken_paths(files),
                   f"overview.path '{options.path}'")
    except PathProblem as problem:
        log.warning(f"{problem}; the overview is not generated (its page would be built as "
                    f"'{file.dest_uri}')")
        return None
    return file


def place_in_nav(nav: Navigation, file: File, config: MkDocsConfig) -> None:
    """Put the overview's page first in the navigation.

    A hand-written ``nav`` that lists the page already keeps it where the author
    put it. Previous/next links and the home page are brought up to date.
    """
    page = file.page if file.page is not None else Page(None, file, config)
    listed = any(p is page for p in nav.pages)
    if listed and (config.nav is not None or nav.pages[0] is page):
        return
    if listed:
        _remove(nav.items, page)
        nav.pages.remove(page)
    page.parent = None
    nav.items.insert(0, page)
    nav.pages.insert(0, page)
    for i, each in enumerate(nav.pages):
        each.previous_page = nav.pages[i - 1] if i else None
        each.next_page = nav.pages[i + 1] if i + 1 < len(nav.pages) else None
    if page.is_homepage:
        nav.homepage = page


def _remove(items: list[Any], page: Page) -> bool:
    for i, item in enumerate(items):
        if item is page:
            del items[i]
            return True
        if isinstance(item, Section) and _remove(item.children, page):
            return True
    return False
