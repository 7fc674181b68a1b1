"""What a ``mkdocs serve --dirty`` rebuild keeps from the last build: one module, named fields.

A dirty rebuild renders only the pages that changed; the overview and the audit still
read every page's record (:mod:`mkdocs_portfolio.pages`). What they made of a record is
kept here while the record is the same object (a page rendered again gets a new one),
so that an unchanged page costs a comparison, not a new card or a new check. Any other
build starts from an empty memo.

Each field earns its place in ``benchmarks.dirty`` (see docs/performance.md).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import field
from typing import Any, TypeVar, cast

from .audit.findings import Finding
from .lazydata import dataclass
from .markdown.facts import BlockFact
from .overview.model import BlockEntry, PageEntry
from .pages import PageRecord

T = TypeVar("T")


@dataclass(eq=False)
class PageMemo:
    """What the overview and the audit made of one page's record."""

    record: PageRecord
    overview_key: tuple[Any, ...] | None = None
    """The page's place and the overview's URL when its part below was made."""
    blocks: list[tuple[BlockFact, BlockEntry]] = field(default_factory=list)
    """The page's blocks, as the overview shows them."""
    contents: PageEntry | None = None
    """The page's entry in the overview's Contents (unnumbered)."""
    numbered: PageEntry | None = None
    """That entry with its number, the same object while the number is."""
    audit_page: Any = None
    """The page under audit (an :class:`~.audit.checks.AuditPage`), the same object while
    its URL is: a ``--dirty`` rebuild makes no new objects for the pages it did not
    render (fewer for Python's garbage collector to walk)."""
    audit_key: tuple[Any, ...] | None = None
    """The audit's settings and the page's URL when its findings below were made."""
    findings: list[Finding] = field(default_factory=list)
    """Findings of the page checks (not links)."""
    links_url: str | None = None
    """The page's URL when its link findings were made (``None``: not kept)."""
    links_looked_up: list[tuple[str, frozenset[str] | None]] = field(default_factory=list)
    """The pages whose ids the links check read, and the ids it read."""
    link_findings: list[Finding] = field(default_factory=list)


@dataclass
class OverviewMemo:
    """The overview page's last rendering."""

    inputs: tuple[Any, ...] | None = None
    """What it was made of: templates key, the page's own HTML, the model."""
    html: str = ""
    indexed: str = ""
    """What the search indexed of it."""
    shown: tuple[str, ...] = ()
    """The sections it showed."""
    cards_key: bytes | None = None
    """The templates key of ``cards``."""
    cards: dict[tuple[Any, ...], Any] = field(default_factory=dict)
    """The cards of its last rendering, by template and values."""
    written: tuple[str, bytes, int | None] | None = None
    """``(dest path, digest of what it showed, mtime of its HTML)`` after the last build."""


@dataclass
class AuditMemo:
    """What the last audit logged and measured."""

    logged_in: tuple[Any, ...] | None = None
    """The config file and site dir of the build that logged ``logged``."""
    logged: set[tuple[str, str]] = field(default_factory=set)
    """``(level, text)`` of every finding logged by the last build."""
    links_site: tuple[Any, ...] | None = None
    """The site the kept link findings were found in (pages by URL, settings)."""
    reading_key: tuple[Any, ...] | None = None
    """The overview's built HTML (path, words per minute, digest) ``reading`` is of."""
    reading: tuple[int, float] | None = None


@dataclass
class Memo:
    """Everything kept across ``--dirty`` rebuilds, emptied before any other build."""

    pages: dict[str, PageMemo] = field(default_factory=dict)
    overview: OverviewMemo = field(default_factory=OverviewMemo)
    audit: AuditMemo = field(default_factory=AuditMemo)
    scans: dict[tuple[str, str], tuple[tuple[int, int], Any]] = field(default_factory=dict)
    """``{(what, path): ((mtime, size), value)}``: a file read for one thing, again only
    when it changed."""
    written: dict[str, tuple[str, bytes, int | None]] = field(default_factory=dict)
    """A portfolio's generated pages (project overviews, gallery, tag pages) by source
    path: ``(built file, digest of what it shows, its mtime)`` when last written."""

    def page(self, record: PageRecord) -> PageMemo:
        """The memo of a page's record: a new, empty one when the record is new."""
        memo = self.pages.get(record.src_uri)
        if memo is None or memo.record is not record:
            memo = self.pages[record.src_uri] = PageMemo(record)
        return memo

    def keep_pages(self, src_uris: Iterable[str]) -> None:
        """Forget the pages that are gone."""
        keep = set(src_uris)
        for src in self.pages.keys() - keep:
            del self.pages[src]

    def scan(self, what: str, path: str, compute: Callable[[], T]) -> T:
        """``compute()`` for the file at ``path``, kept while the file's modification time
        and size stay the same (computed every time when the file cannot be looked at)."""
        try:
            stat = os.stat(path)
        except OSError:
            return compute()
        stamp = (stat.st_mtime_ns, stat.st_size)
        kept = self.scans.get((what, path))
        if kept is not None and kept[0] == stamp:
            return cast("T", kept[1])
        value = compute()
        self.scans[(what, path)] = (stamp, value)
        return value

    def clear(self) -> None:
        self.pages.clear()
        self.overview = OverviewMemo()
        self.audit = AuditMemo()
        self.scans.clear()
        self.written.clear()
