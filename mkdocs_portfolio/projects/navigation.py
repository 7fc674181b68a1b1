"""A project's overview page, first in the navigation section of its project."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page


def _pages_under(section: Section) -> list[Page]:
    found: list[Page] = []
    for item in section.children:
        if isinstance(item, Page):
            found.append(item)
        elif isinstance(item, Section):
            found.extend(_pages_under(item))
    return found


def _find(items: list[Any], srcs: set[str]) -> tuple[list[Any], Section | None] | None:
    """The top-level list of nav items that holds the project's first page: the top
    level itself, or the children of a top-level section."""
    for item in items:
        if isinstance(item, Page) and item.file.src_uri in srcs:
            return items, None
        if isinstance(item, Section) and any(p.file.src_uri in srcs for p in _pages_under(item)):
            return item.children, item
    return None


def put_first(nav: Navigation, file: File, pages: Sequence[str], config: MkDocsConfig) -> None:
    """Put ``file``'s page first among the project's ``pages`` in the navigation (its
    top-level section), unless the navigation lists it already."""
    page = file.page if file.page is not None else Page(None, file, config)
    if any(p is page for p in nav.pages):
        return
    srcs = set(pages) - {file.src_uri}
    found = _find(nav.items, srcs)
    if found is None:
        return
    items, section = found
    page.parent = section
    items.insert(0, page)
    first = next((i for i, p in enumerate(nav.pages) if p.file.src_uri in srcs), len(nav.pages))
    nav.pages.insert(first, page)
    for i, each in enumerate(nav.pages):
        each.previous_page = nav.pages[i - 1] if i else None
        each.next_page = nav.pages[i + 1] if i + 1 < len(nav.pages) else None
