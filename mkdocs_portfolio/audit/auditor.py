"""The audit under MkDocs: the page records and the site's settings in, findings logged.

The MkDocs side of the audit. After every build, :func:`.run.run_checks` (no MkDocs)
runs over the record of every page (kept across ``mkdocs serve --dirty`` rebuilds, so
no page is rendered again for the audit). Each finding is logged through the plugin's
logger (a warning fails ``mkdocs build --strict``), a scorecard follows in the build
log, and the JSON report is written into the site.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.plugins import get_plugin_logger

from ..markdown.paths import check_dest, taken_paths
from ..markdown.util import clean_text
from ..memo import AuditMemo, Memo
from ..pages import PageRecord
from .checks import AuditPage, Thresholds
from .linkcheck import SiteIndex, levels_from
from .projects import ProjectAudit, ProjectScores, project_scores, scores_text
from .reading import minutes_of
from .report import build_report, write_report
from .run import AuditResult, OverviewInfo, run_checks, site_levels

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files

    from ..config import PortfolioConfig
    from ..markdown.repo import Repo

log = get_plugin_logger(__name__)


class SiteAudit:
    """Checks every page and the whole site, reports findings and a scorecard. One per build."""

    def __init__(self, options: PortfolioConfig, memo: Memo, dirty: bool,
                 repo: Repo | None = None) -> None:
        self.options = options
        self.memo = memo
        self.dirty = dirty
        self.repo = repo
        """The repository of the build: links to its files get their forge URL."""
        self.result: AuditResult | None = None
        """The last audit, for the command line and tests."""
        self.pages: list[AuditPage] = []
        """The pages of the last audit."""
        self.project_scores: ProjectScores | None = None
        """The last audit's scorecard of each project (a portfolio of several)."""

    def check_report_path(self, files: Files) -> None:
        """Before any page is written: the report must not replace one of the site."""
        report = self.options.audit.report
        if self.options.audit.enabled and report:
            check_dest(report, taken_paths(files), "audit.report")

    def run(self, config: MkDocsConfig, files: Files, records: Mapping[str, PageRecord],
            site_name: str, overview: File | None = None,
            projects: Sequence[ProjectAudit] = ()) -> None:
        """Audit the site and log the findings; ``site_name`` as the author wrote it,
        ``overview`` the overview's file (from the overview's builder), ``projects`` the
        site's projects (each gets a scorecard of its own)."""
        options = self.options.audit
        if not options.enabled:
            return
        result = self.audit(config, files, records, site_name, overview)
        logged = [(finding.level, finding.log_text()) for finding in result.findings]
        # Under `serve --dirty`, as MkDocs does for the pages it does not render again,
        # a finding logged by the last build is not logged again; a count says so.
        kept = self.memo.audit if self.dirty else AuditMemo()
        site = (config.config_file_path, config.site_dir)
        last = kept.logged if kept.logged_in == site else None
        for level, text in logged:
            if last is not None and (level, text) in last:
                continue
            if level == "warn":
                log.warning(text)
            else:
                log.info(text)
        if last is not None:
            now = set(logged)
            where = f"; {options.report} has them all" if options.report else ""
            log.info(f"audit: {len(logged)} findings ({len(now - last)} new and "
                     f"{len(last - now)} gone since the last build; the others were logged "
                     f"before{where})")
        kept.logged_in, kept.logged = site, set(logged)
        log.info(result.scorecard.text())
        if projects:
            scores = project_scores(result, self.pages, projects)
            result.projects = scores_text(scores, projects)
            log.info(result.projects)
            result.report["projects"] = {
                slug: {"passed": card.passed, "checked": card.checked, "score": card.percent}
                for slug, card in scores.scorecards.items()}
            result.report["gallery"] = scores.gallery
            self.project_scores = scores
        if options.report:
            write_report(result.report, config.site_dir, options.report)
        self.result = result

    def audit(self, config: MkDocsConfig, files: Files, records: Mapping[str, PageRecord],
              site_name: str, overview_file: File | None = None) -> AuditResult:
        """Audit every page of ``files`` from its record; ``overview_file`` is the
        overview (without it, the page whose front matter says so)."""
        options = self.options
        pages: list[AuditPage] = []
        home: File | None = None
        urls: dict[str, str] = {}
        for file in files.documentation_pages():
            urls["" if file.url == "./" else file.url] = file.src_uri
            if file.dest_uri == "index.html":
                home = file
            record = records.get(file.src_uri)
            if file.generated_by is not None:  # the overview, source pages: not the author's
                if overview_file is None and (
                        (record is not None and record.settings.overview)
                        or file.src_uri == options.overview.path):
                    overview_file = file
                continue
            if record is None:
                continue
            if overview_file is None and record.settings.overview:
                overview_file = file
            if record.settings.exclude:
                continue
            memo = self.memo.page(record)
            page = memo.audit_page
            if page is None or page.url != file.url:
                page = memo.audit_page = AuditPage(
                    file.src_uri, file.url, record.facts, dict(record.settings.audit),
                    source=record.source, memo=memo)
            pages.append(page)
        self.pages = pages
        overview = None
        if overview_file is not None:
            overview = OverviewInfo(overview_file.src_uri, generated=overview_file.generated_by
                                    is not None, url=overview_file.url)
            if home is not None and home is not overview_file:
                overview.home = home.src_uri
            measured = self._reading_minutes(Path(overview_file.abs_dest_path),
                                             options.page_info.words_per_minute)
            if measured is not None:
                overview.words, overview.minutes = measured
        elif options.overview.enabled:  # generated under another name, or not yet built
            overview = OverviewInfo(options.overview.path)

        def ids_of(src: str) -> frozenset[str] | None:
            record = records.get(src)
            return record.ids if record is not None else None

        def doc_file(src: str) -> bool | None:
            file = files.get_file_from_path(src)
            return None if file is None else file.inclusion.is_included()

        report_md, report_anchors, report_unrecognized = levels_from(config)
        index = SiteIndex(urls, ids_of, Path(config.site_dir), report_md, report_anchors,
                          report_unrecognized=report_unrecognized, doc_file=doc_file,
                          docs_dir=Path(config.docs_dir), repo=self.repo)
        limits = Thresholds(list(options.audit.words), float(options.audit.max_code_share),
                            options.audit.visual_words, options.code.fold_lines)
        levels = site_levels(options.audit.checks, in_progress=options.audit.in_progress)
        no_site_url = bool(options.previews.enabled) and not config.site_url
        result = run_checks(pages, levels, limits, index, overview,
                            options.audit.overview_minutes, self.memo.audit,
                            no_site_url=no_site_url)
        result.report = build_report(
            site_name=clean_text(site_name),
            pages=result.pages, findings=result.findings,
            scorecard=result.scorecard, levels=result.levels,
            overview=overview.to_dict() if overview else None)
        return result

    def _reading_minutes(self, path: Path, words_per_minute: int) -> tuple[int, float] | None:
        """The overview's reading time, parsed again only when its built HTML changed."""
        try:
            data = path.read_bytes()
        except OSError:
            return None
        kept = self.memo.audit
        key = (str(path), words_per_minute, hashlib.blake2b(data, digest_size=16).digest())
        if kept.reading_key != key:
            kept.reading_key = key
            kept.reading = minutes_of(data.decode("utf-8", errors="replace"), words_per_minute)
        return kept.reading
