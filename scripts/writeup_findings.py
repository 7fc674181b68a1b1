#!/usr/bin/env python
"""Build one writeup and print what the plugin makes of it, for review.

Prints, for the MkDocs project in DIR (a folder with ``mkdocs.yml``):

- every warning the build logs that is not the audit's (MkDocs' own, other plugins');
- every audit finding: check, level, page, line, message and fix, from the JSON report;
- the overview's hero (title, tagline, image) and every Contents card (title,
  summary, reading time and counts), from the built overview page.

The site is built into a temporary folder (or ``--site-dir``); nothing is written
into DIR. Used on the realistic writeups under ``tests/data/writeups/``::

    python scripts/writeup_findings.py tests/data/writeups/readme-project
    python scripts/writeup_findings.py tests/data/writeups/*

Exit status 0 when the build ended without an error, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup, Tag
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError, PluginError

AUDIT_PREFIX = "audit"
"""The audit's warnings start with this word (after the plugin's logger name)."""


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname:7} {record.name}: {record.getMessage()}")


def build(project: Path, site_dir: Path) -> tuple[list[str], str | None]:
    """Build ``project`` into ``site_dir``: the warnings logged, and the error if any."""
    handler = _Capture()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site_dir))
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
    except (Abort, ConfigurationError, PluginError) as error:
        return handler.lines, f"{type(error).__name__}: {error}"
    finally:
        logger.removeHandler(handler)
    return handler.lines, None


def overview_page(site_dir: Path) -> Path | None:
    """The built page that holds the overview's Contents (the home page or /overview/)."""
    for candidate in (site_dir / "index.html", site_dir / "overview" / "index.html",
                      site_dir / "overview.html"):
        if candidate.is_file() and "pf-ov-contents" in candidate.read_text("utf-8"):
            return candidate
    return None


def _text(tag: Tag | None) -> str:
    return "" if tag is None else " ".join(tag.get_text(" ").split())


def cards(soup: BeautifulSoup) -> list[dict[str, Any]]:
    """Every Contents card: its title, summary, thumbnail and meta line."""
    found = []
    for card in soup.select(".pf-ov-contents > li"):
        image = card.select_one("img")
        found.append({
            "title": _text(card.select_one(".pf-ov-page__title")),
            "summary": _text(card.select_one(".pf-ov-page__summary")),
            "thumbnail": None if image is None else (image.get("src"), image.get("alt")),
            "meta": [_text(li) for li in card.select(".pf-ov-page__meta > li")],
        })
    return found


def hero(soup: BeautifulSoup) -> dict[str, Any]:
    found = soup.select_one(".pf-hero")
    if found is None:
        return {}
    image = found.select_one("img")
    return {"title": _text(found.select_one("h1")),
            "tagline": _text(found.select_one(".pf-hero__tagline")),
            "image": None if image is None else image.get("src")}


def show(project: Path, site_dir: Path) -> bool:
    print(f"=== {project}")
    warnings, error = build(project, site_dir)
    if error:
        print(f"BUILD ERROR: {error}")
    others = [w for w in warnings if f": {AUDIT_PREFIX} [" not in w]
    print(f"--- other warnings ({len(others)})")
    for line in others:
        print("  " + line)
    report_file = site_dir / "portfolio-audit.json"
    if report_file.is_file():
        report = json.loads(report_file.read_text("utf-8"))
        score = report["score"]
        print(f"--- audit findings ({len(report['findings'])}; score "
              f"{score['passed']}/{score['checked']}, overview {report['overview']})")
        for f in report["findings"]:
            where = "the site" if f["page"] is None else f"{f['page']}:{f['line'] or '?'}"
            print(f"  [{f['check']}] {f['level']} {where}: {f['message']}")
            print(f"      fix: {f['fix']}")
    else:
        print("--- no audit report")
    page = overview_page(site_dir)
    if page is None:
        print("--- no overview with Contents")
        return error is None
    soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    print(f"--- overview: {page.relative_to(site_dir)}; hero {hero(soup)}")
    for number, card in enumerate(cards(soup), 1):
        print(f"  {number:02d} {card['title']!r}  [{' · '.join(card['meta'])}]")
        print(f"     summary: {card['summary']!r}")
        if card["thumbnail"]:
            print(f"     thumbnail: {card['thumbnail']}")
    return error is None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dirs", nargs="+", type=Path, help="folders with a mkdocs.yml")
    parser.add_argument("--site-dir", type=Path, help="build here (one DIR only)")
    args = parser.parse_args(argv)
    if args.site_dir and len(args.dirs) > 1:
        parser.error("--site-dir takes one DIR")
    ok = True
    for project in args.dirs:
        if not project.is_dir() and len(args.dirs) > 1:
            continue  # a file caught by a glob such as tests/data/writeups/*
        if not (project / "mkdocs.yml").is_file():
            print(f"{project}: no mkdocs.yml", file=sys.stderr)
            ok = False
            continue
        if args.site_dir:
            ok = show(project.resolve(), args.site_dir.resolve()) and ok
            continue
        with tempfile.TemporaryDirectory() as tmp:
            ok = show(project.resolve(), Path(tmp) / "site") and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
