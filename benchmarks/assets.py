"""The reader's side: what the plugin adds to every page load.

1. Size: the CSS and JS files that a built page links to with the plugin and not
   without it, raw and gzipped (level 9, what a static host typically serves).
2. Hosts: the generated site is built both ways, served on 127.0.0.1, and a few
   pages (the home page, the overview, a page with a demo block, a page with a
   Mermaid diagram) are loaded in headless Chromium; every request is recorded
   and any host other than 127.0.0.1 is reported.

    python -m benchmarks.assets [--pages 40] [--no-browser]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import re
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .generate import generate

ASSETS_DIR = Path(__file__).resolve().parent.parent / "mkdocs_portfolio" / "assets"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
LINKED = re.compile(r'<(?:link[^>]+href|script[^>]+src)="([^"]+\.(?:css|js))"')


@dataclass
class Asset:
    name: str
    raw: int
    gzipped: int


def _measure(name: str, data: bytes) -> Asset:
    return Asset(name, len(data), len(gzip.compress(data, compresslevel=9, mtime=0)))


def source_assets() -> list[Asset]:
    """Every CSS and JS source file in ``mkdocs_portfolio/assets/``, as written."""
    return [_measure(p.name, p.read_bytes()) for p in sorted(ASSETS_DIR.iterdir())
            if p.suffix in (".css", ".js")]


def plugin_assets() -> list[Asset]:
    """What the plugin serves on every page: its bundled, minified stylesheet and script."""
    from mkdocs_portfolio.configure import asset_files

    return [_measure(src_uri, content.encode("utf-8")) for src_uri, content in asset_files()]


def linked_assets(site_dir: Path, page: str) -> dict[str, Path]:
    """CSS and JS files a built page links to, by URL path relative to the site."""
    html = (site_dir / page).read_text(encoding="utf-8")
    found: dict[str, Path] = {}
    for url in LINKED.findall(html):
        if "://" in url:
            found[url] = Path(url)
            continue
        path = (site_dir / page).parent / url.split("?")[0]
        found[str(path.resolve().relative_to(site_dir.resolve()))] = path
    return found


def added_assets(with_site: Path, without_site: Path, page: str = "index.html") -> list[Asset]:
    """The files ``page`` links to when built with the plugin and not without it."""
    with_plugin = linked_assets(with_site, page)
    without = linked_assets(without_site, page)
    return [_measure(name, path.read_bytes()) for name, path in sorted(with_plugin.items())
            if name not in without]


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """``http://127.0.0.1:PORT/`` serving ``folder``, for the duration of the block."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def outside_requests(site_dir: Path, pages: list[str]) -> dict[str, list[str]]:
    """Load each page in headless Chromium; the requests to hosts other than loopback."""
    from playwright.sync_api import sync_playwright

    outside: dict[str, list[str]] = {}
    with served(site_dir) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for page_url in pages:
                page = browser.new_page()
                seen: list[str] = []
                page.on("request", lambda r, seen=seen: seen.append(r.url))
                page.goto(base + page_url, wait_until="networkidle")
                page.wait_for_timeout(500)
                outside[page_url] = [u for u in seen if urlsplit(u).hostname != "127.0.0.1"
                                     and not u.startswith(("data:", "blob:"))]
                page.close()
        finally:
            browser.close()
    return outside


def pages_to_load(docs: Path, site_dir: Path) -> list[str]:
    """The home page, the overview (if built), a demo page and a Mermaid page."""
    chosen = ["index.html"]
    for candidate in ("overview/index.html", "overview.html"):
        if (site_dir / candidate).is_file():
            chosen.append(candidate)
            break
    for marker in ("/// demo", "``` mermaid"):
        for md in sorted(docs.rglob("*.md")):
            if marker in md.read_text(encoding="utf-8") and md.name != "index.md":
                chosen.append(md.relative_to(docs).with_suffix("").as_posix() + "/")
                break
    return chosen


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=60, help="size of the site to build")
    parser.add_argument("--no-browser", action="store_true", help="sizes only")
    args = parser.parse_args(argv)

    for title, assets in (("sources (mkdocs_portfolio/assets/)", source_assets()),
                          ("served by the plugin", plugin_assets())):
        print(f"{title}:")
        for a in assets:
            print(f"  {a.name:30} {a.raw:7} B raw {a.gzipped:6} B gzipped")
        print(f"  {'total':30} {sum(a.raw for a in assets):7} B raw "
              f"{sum(a.gzipped for a in assets):6} B gzipped")

    with tempfile.TemporaryDirectory(prefix="portfolio-assets-") as tmp:
        root = generate(args.pages, Path(tmp) / "site")
        for variant in ("with", "without"):
            subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f",
                            str(root / f"mkdocs.{variant}.yml"), "-d",
                            str(root / f"site-{variant}")], check=True, cwd=root)
        added = added_assets(root / "site-with", root / "site-without")
        print("linked by a built page with the plugin and not without it:")
        for a in added:
            print(f"  {a.name:45} {a.raw:7} B raw {a.gzipped:6} B gzipped")
        total = sum(a.gzipped for a in added)
        print(f"  total added: {total} B gzipped ({total / 1024:.1f} KiB; budget 6 KB, "
              "and 400 B for the Mermaid stand-in)")
        if args.no_browser:
            return
        for variant in ("without", "with"):
            site_dir = root / f"site-{variant}"
            pages = pages_to_load(root / "docs", site_dir)
            outside = outside_requests(site_dir, pages)
            print(f"outside hosts requested at load, {variant} the plugin:")
            for page, urls in outside.items():
                hosts = sorted({urlsplit(u).hostname or u for u in urls})
                print(f"  {page:40} {', '.join(hosts) if hosts else 'none'}")


if __name__ == "__main__":
    main()
