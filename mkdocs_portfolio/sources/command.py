"""``mkdocs-portfolio build``, ``serve`` and ``audit --engine zensical``: the sources' side.

Messages the site-wide parts log while they read the sources (a page's bad front matter,
a missing hero image) are collected and printed as the build's warnings; the audit's
findings are printed with its scorecard, as the plugin prints them into MkDocs' log.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..markdown.engine import CONFIG_NAMES
from . import SiteProblem, SourceBuild

POLL_SECONDS = 0.5
"""How often ``serve`` looks for changed sources."""


class CommandError(Exception):
    """A problem the user can fix, said in one message (the command line prints it)."""


def default_config() -> str:
    """The config Zensical builds when given none: the first of its names that exists."""
    return next((name for name in CONFIG_NAMES if Path(name).is_file()), CONFIG_NAMES[1])


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _collected() -> Iterator[_Warnings]:
    logger = logging.getLogger("mkdocs.plugins")
    handler = _Warnings()
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def _run(config_file: Path) -> tuple[SourceBuild, list[str]]:
    with _collected() as warnings:
        try:
            build = SourceBuild.run(config_file)
        except SiteProblem as problem:
            from ..cli import CliError

            raise CliError(str(problem)) from None
    return build, warnings.messages


def audit(config_file: Path) -> tuple[Any, list[str]]:
    """The audit of the site read from its sources, and the other warnings."""
    build, warnings = _run(config_file)
    with _collected() as more:
        result = build.audit()
    return result, warnings + more.messages


def _report(result: Any, warnings: list[str]) -> None:
    for message in warnings:
        print(f"WARNING {message.removeprefix('mkdocs_portfolio: ')}", file=sys.stderr)
    for finding in result.findings:
        level = "WARNING" if finding.level == "warn" else "INFO   "
        print(f"{level} {finding.log_text()}", file=sys.stderr)
    print(result.scorecard.text(), file=sys.stderr)


def build(config_file: Path, *, serve: bool, strict: bool = False, clean: bool = False,
          open_browser: bool = False, dev_addr: str | None = None) -> int:
    """Build (or serve) the site with Zensical, its overview included."""
    from . import zensical

    made, warnings = _run(config_file)
    audit_result = made.audit() if made.options.audit.enabled else None
    if audit_result is not None:
        _report(audit_result, warnings)
    else:
        _report_warnings(warnings)
    options: dict[str, Any] = {"strict": strict, "clean": clean} if not serve else {
        "strict": False, "open": open_browser, "dev_addr": dev_addr}
    watcher = _Watcher(config_file, made) if serve else None
    try:
        if watcher is not None:
            watcher.start()
        zensical.run(made, serve=serve, options=options)
    except SiteProblem as problem:
        from ..cli import CliError

        raise CliError(str(problem)) from None
    finally:
        if watcher is not None:
            watcher.stop()
    failed = bool(warnings) or bool(audit_result is not None and audit_result.warnings)
    return 1 if strict and failed else 0


def _report_warnings(warnings: list[str]) -> None:
    for message in warnings:
        print(f"WARNING {message.removeprefix('mkdocs_portfolio: ')}", file=sys.stderr)


class _Watcher(threading.Thread):
    """Under ``serve``: when a source changes, make the overview again and put it into the
    staged folder (Zensical, watching that folder, then rebuilds the page)."""

    def __init__(self, config_file: Path, made: SourceBuild) -> None:
        super().__init__(daemon=True, name="mkdocs-portfolio overview")
        self.config_file = config_file
        self.made = made
        self.stopped = threading.Event()
        self.seen = self._stamps()

    def _stamps(self) -> dict[str, int]:
        docs = self.made.site.docs_dir
        stamps = {str(self.config_file): _mtime(self.config_file)}
        for path in docs.rglob("*.md"):
            if not any(part.startswith(".") for part in path.relative_to(docs).parts):
                stamps[str(path)] = _mtime(path)
        return stamps

    def run(self) -> None:
        from .zensical import STAGE

        while not self.stopped.wait(POLL_SECONDS):
            stamps = self._stamps()
            if stamps == self.seen:
                continue
            self.seen = stamps
            try:
                made, warnings = _run(self.config_file)
            except Exception as error:  # a page mid-save: said, and tried again next time
                print(f"WARNING the overview was not made again: {error}", file=sys.stderr)
                continue
            _report_warnings(warnings)
            overview = made.overview
            if overview is None:
                continue
            staged = made.site.root / STAGE / overview.src_uri
            try:
                if staged.read_text(encoding="utf-8") == overview.text:
                    continue
            except OSError:
                pass
            if not staged.is_symlink():
                staged.write_text(overview.text, encoding="utf-8")

    def stop(self) -> None:
        self.stopped.set()


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0
