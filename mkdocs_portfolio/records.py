"""Page records from MkDocs' pages: made when a page is rendered, placed in every build.

The MkDocs side of :mod:`mkdocs_portfolio.pages`: :func:`make_record` turns a page
that was just rendered into its record (the front matter validated here, once), and
:func:`place_records` tells every record where its page is in this build (a
``--dirty`` rebuild keeps the records of the pages it does not render again).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from functools import partial
from typing import TYPE_CHECKING

from mkdocs.structure.nav import Section

from .frontmatter import page_settings
from .markdown.facts import PageFacts
from .notebooks.site import NotebookFile
from .pages import PageRecord, Place, check_title, page_title

if TYPE_CHECKING:
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page


def make_record(page: Page, facts: PageFacts) -> PageRecord:
    """The record of a page MkDocs has just rendered; warnings name the page."""
    file = page.file
    meta = dict(page.meta)
    check_title(file.src_uri, meta)
    # The reader holds the path, not the File: a kept record must not keep the last
    # build's pages and navigation alive.
    if isinstance(file, NotebookFile):  # its text is the Markdown made of the notebook
        source: Callable[[], str] = partial(str, file.markdown)
    elif file.abs_src_path:
        source = partial(read_source, file.abs_src_path)
    else:
        source = _reader(file)  # content another plugin set in memory
    return PageRecord(file.src_uri, facts, meta, page_settings(meta, file.src_uri),
                      source=source, authored=file.generated_by is None)


def place_records(records: Mapping[str, PageRecord], files: Files,
                  nav: Navigation | None, site_name: str = "") -> None:
    """Set every record's place in this build: URL, title, navigation section.

    MkDocs titles a home page without a heading (a README that starts with badges)
    "Home"; the record takes the site's name instead, unless the author gave the title
    (front matter, or the ``nav`` entry)."""
    in_nav = {id(page.file) for page in nav.pages} if nav is not None else set()
    for file in files.documentation_pages():
        record = records.get(file.src_uri)
        if record is None:
            continue
        page = file.page
        engine_title = None
        if page is not None and page.title and "title" not in page.meta:
            engine_title = str(page.title)
            if page.is_homepage and not record.facts.title and "title" not in vars(page) \
                    and site_name.strip():
                engine_title = html.escape(site_name)  # as MkDocs' titles: HTML
        section = _section_of(page) if page is not None else ""
        key = (file.url, engine_title, section, id(file) in in_nav, file.name)
        if record.place is not None and record.place_key == key:
            continue  # an unchanged page under --dirty: the same place object
        record.place_key = key
        record.place = Place(
            url=file.url,
            title=page_title(record.meta, record.facts, engine_title, file.name),
            section=section,
            in_nav=key[3],
        )


def _section_of(page: Page) -> str:
    parent = page.parent
    return parent.title if isinstance(parent, Section) and parent.title else ""


def _reader(file: File) -> Callable[[], str]:
    def read() -> str:
        try:
            return file.content_string
        except (OSError, UnicodeDecodeError):
            return ""
    return read


def read_source(path: str | None) -> str:
    """A page's Markdown, as MkDocs reads it; empty when it cannot be read."""
    if not path:
        return ""
    try:
        with open(path, encoding="utf-8-sig", errors="strict") as f:
            return f.read()
    except (OSError, UnicodeDecodeError):
        return ""
