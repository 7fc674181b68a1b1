"""Running the checks over a writeup: pages and settings in, findings out."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from ..memo import AuditMemo, PageMemo
from .checks import CHECKS, PAGE_CHECKS, AuditPage, Thresholds, links, links_out, missing_blocks
from .findings import Finding, Levels, normalize_level
from .linkcheck import SiteIndex
from .scorecard import Scorecard, build_scorecard


def site_levels(configured: Mapping[str, object]) -> Levels:
    """Each check's level: its default, or what ``audit.checks`` sets."""
    levels = {cid: check.default for cid, check in CHECKS.items()}
    for cid, value in configured.items():
        level = normalize_level(value)
        if cid in levels and level is not None:
            levels[cid] = level
    return Levels(levels)


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


def _link_findings(page: AuditPage, index: SiteIndex, memo: PageMemo | None,
                   ) -> list[Finding]:
    """The links check of one page; from the page's memo when its URL, and the ids of
    every page it links to (the same objects when unchanged), are as last time. A page
    whose check looked into the built site is checked every time."""
    if memo is None:
        return list(links(page, index))
    if memo.links_url == page.url and \
            all(index.ids(src) is ids for src, ids in memo.links_looked_up):
        return [replace(finding) for finding in memo.link_findings]
    index.looked_up, index.read_built = [], False
    try:
        found = list(links(page, index))
        looked_up, on_disk = index.looked_up, index.read_built
    finally:
        index.looked_up = None
    if on_disk:
        memo.links_url = None
    else:
        memo.links_url, memo.links_looked_up, memo.link_findings = page.url, looked_up, found
    return [replace(finding) for finding in found]


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
    memo: AuditMemo | None = None,
) -> AuditResult:
    """Run every check that is not ``off``; findings carry their level.

    With a ``memo`` (kept across ``--dirty`` rebuilds), the page checks of a page whose
    record and settings are those of the last audit are not run again (each page's
    :class:`~mkdocs_portfolio.memo.PageMemo` is in ``AuditPage.memo``): a page rendered
    again gets a new record.
    """
    findings: list[Finding] = []
    for finding in _site_findings(pages, overview, overview_minutes):
        level = levels.of(finding.check)
        if level != "off":
            finding.level = level
            findings.append(finding)
    settings = (tuple(sorted(levels.site.items())), tuple(limits.words), limits.max_code_share,
                limits.visual_words, limits.fold_lines)
    same_site = False
    if memo is not None:
        site = (tuple(sorted(index.pages.items())), str(index.site_dir),
                index.report_missing_md, index.report_anchors, index.report_unrecognized)
        same_site, memo.links_site = memo.links_site == site, site
    for page in pages:
        kept = page.memo if memo is not None else None
        key = (settings, page.url, tuple(sorted(page.levels.items())))
        if kept is not None and kept.audit_key == key:
            found = kept.findings
        else:
            found = _page_findings(page, levels, limits)
            if kept is not None:
                kept.audit_key, kept.findings = key, found
        findings.extend(found)  # levels set by _page_findings; nothing changes them after
        level = levels.of("links", page.levels)
        if level != "off":
            if kept is not None and not same_site:
                kept.links_url = None
            for finding in _link_findings(page, index, kept):
                # "info": MkDocs warned about the link already; the finding adds the fix.
                finding.level = "info" if finding.level == "info" else level
                findings.append(finding)
    site_levels = {cid: levels.of(cid) for cid in CHECKS}
    measured = overview is not None and overview.minutes is not None
    scorecard = build_scorecard(findings, site_levels, () if measured else ("overview-length",))
    return AuditResult(findings, scorecard, site_levels, [p.src_uri for p in pages], overview)
