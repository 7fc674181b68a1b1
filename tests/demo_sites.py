"""The demo and visuals tests' sites: ``harness.build`` with two images and no audit,
shared by a whole test module (the function-scoped ``build_site`` builds once a test)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .harness import Built, build

SHOT = Path(__file__).parent / "data" / "demo-screenshot.png"
QUIET = {"audit": {"enabled": False}}
"""The audit judges whole writeups; these sites are fixtures for one feature."""


def build_shared(
    root: Path, pages: dict[str, Any], config: dict[str, Any], *, warnings_ok: bool = False
) -> tuple[Built, Any]:
    """A real build outside the function-scoped fixture; returns the site and its plugin.

    Fails on any warning, unless ``warnings_ok`` (then the test reads ``site.warnings``).
    """
    pages = dict(pages)
    pages["img/shot.png"] = SHOT.read_bytes()
    pages["media/run.gif"] = SHOT.read_bytes()
    conf: dict[str, Any] = {"plugins": [{"portfolio": QUIET}]}
    conf.update(config)
    built = build(root, pages, conf, allow_warnings=warnings_ok)
    return built, built.plugin
