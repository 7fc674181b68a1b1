"""The audit: the writeup checked against the portfolio checklist.

After every build, the checks (:mod:`.checks`) run over the facts of every page
(kept across ``mkdocs serve --dirty`` rebuilds by the plugin, so no page is
rendered again for the audit). Each finding is logged through the plugin's
logger (a warning fails ``mkdocs build --strict``), a scorecard
(:mod:`.scorecard`) follows in the build log, and the JSON report
(:mod:`.report`) is written into the site.
"""

from __future__ import annotations

import hashlib
import logging
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from mkdocs.plugins import get_plugin_logger

from ..feature import Feature
from ..frontmatter import PageOptions, page_options
from ..frontmatter import log as frontmatter_log
from ..markdown.paths import check_dest, taken_paths
from ..markdown.util import clean_text
from .checks import CHECKS, AuditPage, Thresholds
from .findings import Levels, normalize_level
from .linkcheck import SiteIndex, levels_from
from .reading import minutes_of
from .report import build_report, write_report
from .run import AuditResult, OverviewInfo, run_checks

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files

__all__ = ["CHECKS", "Audit", "AuditResult"]

log = get_plugin_logger(__name__)


def site_levels(configured: dict[str, Any]) -> Levels:
    """Each check's level: its default, or what ``audit.checks`` sets."""
    levels = {cid: check.default for cid, check in CHECKS.items()}
    for cid, value in configured.items():
        level = normalize_level(value)
        if cid in levels and level is not None:
            levels[cid] = level
    return Levels(levels)


class Audit(Feature):
    """Checks every page and the whole site, reports findings and a scorecard."""

    def __init__(self, plugin: Any) -> None:
        super().__init__(plugin)
        self.files: Files | None = None
        self.result: AuditResult | None = None
        """The last audit, for the command line and tests."""

    def on_config(self, config: MkDocsConfig) -> None:
        self.files = None
        self.result = None

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> None:
        self.files = files
        report = self.options.audit.report
        if self.options.audit.enabled and report:
            # Before any page is written: the report must not replace one of the site.
            check_dest(report, taken_paths(files), "audit.report")

    def on_post_build(self, config: MkDocsConfig) -> None:
        options = self.options.audit
        if not options.enabled or self.files is None:
            return
        result = self.audit(config, self.files)
        logged = [(finding.level, finding.log_text()) for finding in result.findings]
        # Under `serve --dirty`, as MkDocs does for the pages it does not render again,
        # a finding logged by the last build is not logged again; a count says so.
        cache = self.cache("audit.logged") if self.plugin.is_dirty else {}
        site = (config.config_file_path, config.site_dir)
        last: set[tuple[str, str]] | None = cache["logged"] if cache.get("site") == site else None
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
        if self.plugin.is_dirty:
            cache.update(site=site, logged=set(logged))
        log.info(result.scorecard.text())
        if options.report:
            write_report(result.report, config.site_dir, options.report)
        self.result = result

    def audit(self, config: MkDocsConfig, files: Files) -> AuditResult:
        """Audit every page of ``files`` from the facts the plugin keeps."""
        options = self.options
        pages: list[AuditPage] = []
        overview_file: File | None = None
        overview_src: str | None = None
        urls: dict[str, str] = {}
        for file in files.documentation_pages():
            urls["" if file.url == "./" else file.url] = file.src_uri
            meta = self.plugin.page_meta.get(file.src_uri, {})
            if file.generated_by is not None:  # the overview, source pages: not the author's
                if meta.get("portfolio") == "overview" or (
                        overview_file is None and file.src_uri == options.overview.path):
                    overview_file, overview_src = file, file.src_uri
                continue
            facts = self.plugin.facts.get(file.src_uri)
            if facts is None:
                continue
            page = self._page_options(meta, file.src_uri)
            if page.overview:
                overview_file, overview_src = file, file.src_uri
            if page.exclude:
                continue
            # page_options validated the levels (and warned about the bad ones).
            pages.append(self._audit_page(file, facts, meta, page))
        overview = None
        if overview_file is not None and overview_src is not None:
            overview = OverviewInfo(overview_src)
            measured = self._reading_minutes(Path(overview_file.abs_dest_path),
                                             options.page_info.words_per_minute)
            if measured is not None:
                overview.words, overview.minutes = measured
        elif options.overview.enabled:  # generated under another name, or not yet built
            overview = OverviewInfo(options.overview.path)
        known = self.plugin.facts
        id_sets = self.cache("audit.ids")

        def ids_of(src: str) -> set[str] | None:
            """The page's ids: the same set object while its facts are the same."""
            facts = known.get(src)
            if facts is None:
                return None
            cached = id_sets.get(src)
            if cached is None or cached[0] is not facts:
                cached = id_sets[src] = (facts, set(facts.ids))
            ids: set[str] = cached[1]
            return ids

        report_md, report_anchors = levels_from(config)
        index = SiteIndex(urls, ids_of, Path(config.site_dir), report_md, report_anchors)
        limits = Thresholds(list(options.audit.words), float(options.audit.max_code_share),
                            options.audit.visual_words, options.code.fold_lines)
        result = run_checks(pages, site_levels(options.audit.checks), limits, index,
                            overview, options.audit.overview_minutes,
                            self.cache("audit.checks"))
        result.report = build_report(
            site_name=clean_text(str(self.plugin.as_written(config, "site_name") or "")),
            pages=result.pages, findings=result.findings,
            scorecard=result.scorecard, levels=result.levels,
            overview=overview.to_dict() if overview else None)
        return result

    def _audit_page(self, file: File, facts: Any, meta: dict[str, Any],
                    options: PageOptions) -> AuditPage:
        """The page under audit; the same object as last time while its facts and front
        matter are the same objects and its URL is the same (a ``--dirty`` rebuild makes
        no new objects for the pages it did not render)."""
        cache = self.cache("audit.pages")
        cached = cache.get(file.src_uri)
        if cached is not None and cached[0] is facts and cached[1] is meta \
                and cached[2].url == file.url:
            page: AuditPage = cached[2]
            return page
        # The reader holds the path, not the File: a kept page must not keep the last
        # build's pages and navigation alive.
        source = partial(_read_source, file.abs_src_path) if file.abs_src_path \
            else _reader(file)  # content another plugin set in memory
        page = AuditPage(file.src_uri, file.url, facts, dict(options.audit), source=source)
        cache[file.src_uri] = (facts, meta, page)
        return page

    def _page_options(self, meta: dict[str, Any], src_uri: str) -> PageOptions:
        """The page's options; again only when its front matter object is new (a page
        rendered again), or when reading them warned (the warnings are logged each time)."""
        cache = self.cache("audit.page_options")
        cached = cache.get(src_uri)
        if cached is not None and cached[0] is meta:
            return cast("PageOptions", cached[1])
        counter = _Counter()
        frontmatter_log.logger.addHandler(counter)
        try:
            options = page_options(meta, src_uri)
        finally:
            frontmatter_log.logger.removeHandler(counter)
        if counter.count:
            cache.pop(src_uri, None)
        else:
            cache[src_uri] = (meta, options)
        return options

    def _reading_minutes(self, path: Path, words_per_minute: int) -> tuple[int, float] | None:
        """The overview's reading time, parsed again only when its built HTML changed."""
        try:
            data = path.read_bytes()
        except OSError:
            return None
        cache = self.cache("audit.reading")
        key = (str(path), words_per_minute, hashlib.blake2b(data, digest_size=16).digest())
        if key not in cache:
            cache.clear()
            cache[key] = minutes_of(data.decode("utf-8", errors="replace"), words_per_minute)
        result: tuple[int, float] | None = cache[key]
        return result


class _Counter(logging.Handler):
    """Counts the warnings logged while it is attached."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def _reader(file: File) -> Any:
    def read() -> str:
        try:
            return file.content_string
        except (OSError, UnicodeDecodeError):
            return ""
    return read


def _read_source(path: str | None) -> str:
    """A page's Markdown, as MkDocs reads it; empty when it cannot be read."""
    if not path:
        return ""
    try:
        with open(path, encoding="utf-8-sig", errors="strict") as f:
            return f.read()
    except (OSError, UnicodeDecodeError):
        return ""
