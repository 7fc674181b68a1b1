"""The audit of a site read from its sources: the plugin's checks over the same records.

:func:`audit_site` does for an engine without plugins what the plugin's
:class:`~mkdocs_portfolio.audit.auditor.SiteAudit` does after a MkDocs build: every
page's record and the site's settings in, the same findings, scorecard and report out.
Links to files that are not pages are looked up in ``docs_dir`` (what the engine copies
into the site).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..audit.checks import AuditPage, Thresholds
from ..audit.linkcheck import SiteIndex, levels_from
from ..audit.reading import minutes_of
from ..audit.report import build_report
from ..audit.run import AuditResult, OverviewInfo, run_checks, site_levels
from ..markdown.repo import Repo
from ..markdown.util import clean_text
from ..memo import Memo
from ..pages import PageRecord
from .overview import StagedOverview
from .site import SourceSite, file_order

if TYPE_CHECKING:
    from ..config import PortfolioConfig


def audit_site(site: SourceSite, options: PortfolioConfig, records: dict[str, PageRecord],
               overview: StagedOverview | None, repo: Repo | None = None) -> AuditResult:
    """The audit's findings, scorecard and report for the site."""
    memo = Memo()
    pages: list[AuditPage] = []
    # As MkDocs lists its files: the plugin adds the notebooks' pages after the others.
    for page in sorted(site.pages, key=lambda p: (p.is_notebook, file_order(p.src_uri))):
        record = records.get(page.src_uri)
        if record is None or record.settings.exclude:
            continue
        pages.append(AuditPage(page.src_uri, page.url, record.facts,
                               dict(record.settings.audit), source=record.source,
                               memo=memo.page(record)))
    urls = {"" if p.url == "./" else p.url: p.src_uri for p in site.pages}
    info = None
    if overview is not None:
        urls["" if overview.url == "./" else overview.url] = overview.src_uri
        info = OverviewInfo(overview.src_uri, generated=overview.generated, url=overview.url)
        home = next((p for p in site.pages if p.is_home), None)
        if home is not None and home.src_uri != overview.src_uri:
            info.home = home.src_uri
        info.words, info.minutes = minutes_of(overview.html,
                                              options.page_info.words_per_minute)
    elif options.overview.enabled:
        info = OverviewInfo(options.overview.path)

    def ids_of(src: str) -> frozenset[str] | None:
        record = records.get(src)
        return record.ids if record is not None else None

    def doc_file(src: str) -> bool | None:
        return True if src in site.other_files or site.page(src) is not None else None

    audit = options.audit
    report_md, report_anchors, report_unrecognized = levels_from(None)  # MkDocs' defaults
    index = SiteIndex(urls, ids_of, site.docs_dir, report_md, report_anchors,
                      report_unrecognized=report_unrecognized, doc_file=doc_file,
                      docs_dir=site.docs_dir, repo=repo)
    limits = Thresholds(list(audit.words), float(audit.max_code_share), audit.visual_words,
                        options.code.fold_lines)
    levels = site_levels(audit.checks, in_progress=audit.in_progress)
    result = run_checks(pages, levels, limits, index, info, audit.overview_minutes, memo.audit,
                        no_site_url=bool(options.previews.enabled) and not site.text("site_url"))
    result.report = build_report(
        site_name=clean_text(site.text("site_name")), pages=result.pages,
        findings=result.findings, scorecard=result.scorecard, levels=result.levels,
        overview=info.to_dict() if info else None)
    return result
