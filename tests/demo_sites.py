"""Real builds shared by a whole test module (the function-scoped ``build_site`` fixture
builds once per test): used by the demo and visuals tests."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from .conftest import Site, write_site

SHOT = Path(__file__).parent / "data" / "demo-screenshot.png"
QUIET = {"audit": {"enabled": False}}
"""The audit judges whole writeups; these sites are fixtures for one feature."""


def build_shared(
    root: Path, pages: dict[str, Any], config: dict[str, Any], *, warnings_ok: bool = False
) -> tuple[Site, Any]:
    """A real build outside the function-scoped fixture; returns the site and its plugin.

    Fails on any warning, unless ``warnings_ok`` (then the test reads ``site.warnings``).
    """
    pages = dict(pages)
    pages["img/shot.png"] = SHOT.read_bytes()
    pages["media/run.gif"] = SHOT.read_bytes()
    conf: dict[str, Any] = {"plugins": [{"portfolio": QUIET}]}
    conf.update(config)
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    handler = Keep(logging.DEBUG)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        cfg = load_config(str(write_site(root, pages, conf)))
        mkdocs_build(cfg)
    finally:
        logger.removeHandler(handler)
    site = Site(root, cfg, records)
    assert warnings_ok or not site.warnings, site.warnings
    return site, cfg.plugins["portfolio"]
