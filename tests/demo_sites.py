"""Real builds shared by a whole test module (the function-scoped ``build_site`` fixture
builds once per test): used by the demo and visuals tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .conftest import Site, build_once

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
    return build_once(root, pages, conf, warnings_ok=warnings_ok)
