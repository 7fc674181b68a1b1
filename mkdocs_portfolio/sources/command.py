"""``mkdocs-portfolio build``, ``serve`` and ``audit --engine zensical``: the sources' side.

Messages the site-wide parts log while they read the sources (a page's bad front matter,
a missing hero image) are collected and printed as the build's warnings; the audit's
findings are printed with its scorecard, as the plugin prints them into MkDocs' log. A
:class:`~.site.SiteProblem` is said by the command line as one message.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..markdown.engine import CONFIG_NAMES
from . import SiteProblem, SourceBuild

POLL_SECONDS = 0.5
"""How often ``serve`` looks for changed sources."""


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
    from ..markdown.util import PortfolioError

    with _collected() as warnings:
        try:
            build = SourceBuild.run(config_file)
        except PortfolioError as error:  # what stops a MkDocs build (a snippet's file)
            raise SiteProblem(f"{config_file}: the site does not build: {error}") from None
    return build, warnings.messages


def audit(config_file: Path) -> tuple[Any, list[str]]:
    """The audit of the site read from its sources, and the other warnings."""
    build, warnings = _run(config_file)
    with _collected() as more:
        result = build.audit()
    return result, warnings + more.messages


def build(config_file: Path, *, serve: bool, strict: bool = False, clean: bool = False,
          open_browser: bool = False, dev_addr: str | None = None) -> int:
    """Build (or serve) the site with Zensical, its overview included."""
    from . import zensical

    made, warnings = _run(config_file)
    audit_result = made.audit() if made.options.audit.enabled else None
    _report(audit_result, warnings)
    if serve:
        _serve(made, {"strict": False, "open": open_browser, "dev_addr": dev_addr})
    else:
        zensical.run(made, {"strict": strict, "clean": clean})
    failed = bool(warnings) or bool(audit_result is not None and audit_result.warnings)
    return 1 if strict and failed else 0


def _report(result: Any, warnings: list[str]) -> None:
    """The warnings, then the audit's findings and scorecard, as the plugin logs them."""
    for message in warnings:
        print(f"WARNING {message.removeprefix('mkdocs_portfolio: ')}", file=sys.stderr)
    if result is None:
        return
    for finding in result.findings:
        level = "WARNING" if finding.level == "warn" else "INFO   "
        print(f"{level} {finding.log_text()}", file=sys.stderr)
    print(result.scorecard.text(), file=sys.stderr)


def _serve(made: SourceBuild, options: dict[str, Any]) -> None:
    """Zensical's server in a child process, on the staged folder, which this process
    keeps up to date: a changed source is staged again, and the overview made again."""
    from . import zensical

    config_file = str(made.site.config_file.resolve())
    zensical.stage(made)
    seen = _stamps(made)
    child = subprocess.Popen([sys.executable, "-m", zensical.__name__, config_file,
                              json.dumps(options)])
    # Stopped by a signal, as by Ctrl-C: the server stops and the staged folder goes.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        while child.poll() is None:
            time.sleep(POLL_SECONDS)
            stamps = _stamps(made)
            if stamps == seen:
                continue
            changed = [rel for rel, stamp in stamps.items() if seen.get(rel) != stamp]
            removed = [rel for rel in seen if rel not in stamps]
            seen = stamps
            try:
                again, warnings = _run(made.site.config_file)
            except Exception as error:  # a page half saved: said, and tried again
                print(f"WARNING the overview was not made again: {error}", file=sys.stderr)
                continue
            _report(None, warnings)
            made = again
            zensical.sync(made, [r for r in changed if r != CONFIG_KEY], removed)
    except KeyboardInterrupt:
        pass
    finally:
        if child.poll() is None:
            child.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                child.wait(timeout=5)
        zensical.clear(made.site.root)


CONFIG_KEY = "\0config"


def _stamps(made: SourceBuild) -> dict[str, int]:
    """Each source's modification time: the docs folder's files, and the config."""
    docs = made.site.docs_dir
    stamps = {CONFIG_KEY: _mtime(made.site.config_file)}
    for folder, dirs, files in os.walk(docs, followlinks=True):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            path = Path(folder) / name
            stamps[path.relative_to(docs).as_posix()] = _mtime(path)
    return stamps


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0
