"""Mermaid from the site itself: a pinned copy in the wheel, served only to diagram pages.

Material for MkDocs renders each ``.mermaid`` element with a global ``mermaid``, and
loads one from unpkg.com only when there is none. With ``visuals.mermaid_script: site``
(the default) the plugin's script (``assets/diagrams.js``, in ``portfolio.js`` on every
page) puts a stand-in there, which loads the copy below from the site the first time
Material renders a diagram; the built site holds that copy only when a page has a
diagram. ``cdn`` leaves Material's loading as it is.

The copy is the ``mermaid`` package of the npm registry, at the version in ``VERSION``;
``scripts/update_mermaid.py VERSION`` moves the pin.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

if TYPE_CHECKING:  # config.py reads MERMAID_SCRIPTS from here
    from .config import PortfolioConfig
    from .pages import PageRecord

VENDOR_DIR = Path(__file__).parent / "assets" / "vendor" / "mermaid"
VENDORED = VENDOR_DIR / "mermaid.min.js"
LICENSE = VENDOR_DIR / "LICENSE"
VERSION_FILE = VENDOR_DIR / "VERSION"
MATERIAL_MAJOR = 11
"""The major version Material 9 loads (``mermaid@11``) and styles its diagrams for."""

SITE_DIR = "assets/portfolio/mermaid"
"""Where the copy goes in the built site: ``mermaid/`` beside ``portfolio.js``, which is
where ``diagrams.js`` looks for it."""
SHIM = "diagrams.js"
"""The source, in ``assets/``, of the stand-in ``mermaid`` (left out of ``portfolio.js``
with ``cdn``)."""
SITE, CDN = MERMAID_SCRIPTS = ("site", "cdn")
"""The values of ``visuals.mermaid_script``; the first is the default."""

_EMBEDDED = re.compile(r'\{version:"(\d+\.\d+\.\d+)"\}')


def embedded_version(script: str) -> str | None:
    """The version a ``mermaid.min.js`` reports (``mermaid.version()``), read from its text."""
    found = _EMBEDDED.search(script)
    return found.group(1) if found else None


@functools.cache
def pinned_version() -> str:
    """The version of the copy the plugin ships."""
    return VERSION_FILE.read_text(encoding="utf-8").strip()


def from_site(options: PortfolioConfig) -> bool:
    """Whether diagrams take Mermaid from the site (not from Material's CDN)."""
    return bool(options.visuals.mermaid_script == SITE)


def shim_left_out(options: PortfolioConfig) -> frozenset[str]:
    """The sources of ``assets/`` that ``portfolio.js`` goes without for these options."""
    return frozenset() if from_site(options) else frozenset({SHIM})


def _ours(config: MkDocsConfig) -> list[File]:
    return [File.generated(config, f"{SITE_DIR}/{path.name}", abs_src_path=str(path))
            for path in (VENDORED, LICENSE)]


def add_files(files: Files, config: MkDocsConfig, options: PortfolioConfig) -> None:
    """The copy and its licence as files of the site (unless the site has its own there).
    Added for every build that takes Mermaid from the site, so that every plugin sees
    them; :func:`drop_unused` takes them out again when no page has a diagram."""
    if not from_site(options):
        return
    for file in _ours(config):
        if files.get_file_from_path(file.src_uri) is None:
            files.append(file)


def drop_unused(files: Files, records: Mapping[str, PageRecord]) -> None:
    """No page has a diagram: the site needs no Mermaid. Runs once every page has been
    converted (``on_env``), before MkDocs copies the static files."""
    if any(record.facts.diagrams for record in records.values()):
        return
    for path in (VENDORED, LICENSE):
        file = files.get_file_from_path(f"{SITE_DIR}/{path.name}")
        if file is not None and file.abs_src_path == str(path):
            files.remove(file)
