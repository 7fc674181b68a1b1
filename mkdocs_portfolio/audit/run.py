"""Running the checks over a writeup: pages and settings in, findings out."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from .checks import CHECKS, PAGE_CHECKS, AuditPage, Thresholds, links, links_out, missing_blocks
from .findings import Finding, Levels
from .linkcheck import SiteIndex
from .scorecard import Scorecard, build_scorecard


@dataclass
class OverviewInfo:
    """The overview page, and its reading time when it was built."""

    page: str
    words: int | None = None
    minutes: float | None = None

    def to_dict(self) -> dict[str, Any] | None:
        if self.words is None or self.minutes is None:
            return None
        return {"page": self.page, "words": self.words, "minutes": self.minutes}


@dataclass
class AuditResult:
    """Everything one audit found."""

    findings: list[Finding]
    scorecard: Scorecard
    levels: dict[str, str]
    pages: list[str] = field(default_factory=list)
    overview: OverviewInfo | None = None
    report: dict[str, Any] = field(default_factory=dict)

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.level == "warn"]


def _site_findings(pages: list[AuditPage], overview: OverviewInfo | None,
                   overview_minutes: int) -> Iterator[Finding]:
    if overview is None:
        yield Finding("overview", "the writeup has no overview page",
                      "Turn on `overview.enabled`, or write one and give it the front "
                      "matter `portfolio: overview`")
    elif overview.minutes is not None and overview.minutes > overview_minutes:
        yield Finding(
            "overview-length",
            f"the overview takes {overview.minutes:g} minutes to read ({overview.words} "
            f"words), more than {overview_minutes}",
            "Keep one gist per block (its first sentence) and move detail into the pages, "
            "or raise `audit.overview_minutes`", overview.page)
    yield from missing_blocks(pages)
    yield from links_out(pages)


PageCache = dict[str, Any]
"""Findings of the page checks by page: ``{src_uri: (facts, settings, findings)}``, and
under ``LINKS`` those of the links check (a :data:`LinkCache`)."""


LinkCache = dict[str, Any]
"""Findings of the links check by page: ``{src_uri: (facts, url, ids looked up, findings)}``,
and under ``SITE`` the pages and settings of the site they were found in."""
LINKS = "\0links"
SITE = "\0site"


def _link_findings(page: AuditPage, index: SiteIndex,
                   cache: LinkCache | None) -> Iterator[Finding]:
    """The links check of one page; from ``cache`` when the page's facts and URL, and the
    ids of every page it links to (the same objects when unchanged), are as last time.
    A page whose check looked into the built site is checked every time."""
    if cache is None:
        yield from links(page, index)
        return
    cached = cache.get(page.src_uri)
    if cached is not None and cached[0] is page.facts and cached[1] == page.url and \
            all(index.ids(src) is ids for src, ids in cached[2]):
        for finding in cached[3]:
            yield replace(finding)
        return
    looked_up: list[tuple[str, Any]] = []
    on_disk = False
    ids_of, built = index.ids, index.built

    def recording_ids(src: str) -> set[str] | None:
        ids = ids_of(src)
        looked_up.append((src, ids))
        return ids

    def recording_built(path: str) -> Any:
        nonlocal on_disk
        on_disk = True
        return built(path)

    index.ids = recording_ids
    index.built = recording_built  # type: ignore[method-assign]
    try:
        found = list(links(page, index))
    finally:
        index.ids = ids_of
        del index.built
    if on_disk:
        cache.pop(page.src_uri, None)
    else:
        cache[page.src_uri] = (page.facts, page.url, looked_up, found)
    for finding in found:
        yield replace(finding)


def _page_findings(page: AuditPage, levels: Levels, limits: Thresholds) -> list[Finding]:
    found: list[Finding] = []
    for check_id, check in PAGE_CHECKS.items():
        level = levels.of(check_id, page.levels)
        if level == "off":
            continue
        for finding in check(page, limits):
            finding.level = level
            found.append(finding)
    return found


def run_checks(
    pages: list[AuditPage],
    levels: Levels,
    limits: Thresholds,
    index: SiteIndex,
    overview: OverviewInfo | None,
    overview_minutes: int,
    cache: PageCache | None = None,
) -> AuditResult:
    """Run every check that is not ``off``; findings carry their level.

    With a ``cache`` (kept across ``--dirty`` rebuilds), the page checks of a page
    whose facts object and settings are those of the last audit are not run again:
    a page rendered again gets a new facts object.
    """
    findings: list[Finding] = []
    for finding in _site_findings(pages, overview, overview_minutes):
        level = levels.of(finding.check)
        if level != "off":
            finding.level = level
            findings.append(finding)
    settings = (tuple(sorted(levels.site.items())), tuple(limits.words), limits.max_code_share,
                limits.visual_words, limits.fold_lines)
    link_cache: LinkCache | None = None
    if cache is not None:
        site = (tuple(sorted(index.pages.items())), str(index.site_dir),
                index.report_missing_md, index.report_anchors)
        link_cache = cache.setdefault(LINKS, {})
        assert link_cache is not None
        if link_cache.get(SITE) != site:
            link_cache.clear()
            link_cache[SITE] = site
    for page in pages:
        key = (settings, page.url, tuple(sorted(page.levels.items())))
        cached = cache.get(page.src_uri) if cache is not None else None
        if cached is not None and cached[0] is page.facts and cached[1] == key:
            found = cached[2]
        else:
            found = _page_findings(page, levels, limits)
            if cache is not None:
                cache[page.src_uri] = (page.facts, key, found)
        findings.extend(found)  # levels set by _page_findings; nothing changes them after
        level = levels.of("links", page.levels)
        if level != "off":
            for finding in _link_findings(page, index, link_cache):
                finding.level = level
                findings.append(finding)
    if cache is not None:
        for src in cache.keys() - {page.src_uri for page in pages} - {LINKS}:
            del cache[src]
    site_levels = {cid: levels.of(cid) for cid in CHECKS}
    measured = overview is not None and overview.minutes is not None
    scorecard = build_scorecard(findings, site_levels, () if measured else ("overview-length",))
    return AuditResult(findings, scorecard, site_levels, [p.src_uri for p in pages], overview)
