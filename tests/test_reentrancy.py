"""Re-entrancy: a second build with the same config object, and a real ``mkdocs serve``.

``mkdocs serve`` re-runs the build in one process with one plugin instance, and i18n
plugins build several times with one config: the second build must give the same
bytes. A real ``mkdocs serve`` on loopback, with and without ``--dirty``, follows two
edits of one page: the overview and the audit report show each edit, keep every other
page, and list nothing twice.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from mkdocs.config import load_config

from .test_bad_input import build

REPO = Path(__file__).resolve().parent.parent
DEMO_SITE = REPO / "demo_site"

FEATURE_PAGES = {
    "index.md": """
        # A small writeup

        The story in one paragraph, before the details.

        !!! problem "Slow triage"
            Requests wait days for a human to route them.

        !!! use-case "A dispatcher's morning"
            Two hundred requests before nine, on one laptop.

        /// result | Routing accuracy
            metric: accuracy
            value: "0.91"
            baseline: "0.74"

        Most requests reach the right crew.
        ///
        """,
    "work.md": """
        # The work

        Words about the work, enough to count for a reading time.

        ```python
        """ + "".join(f"        step_{i} = {i}\n" for i in range(40)) + """        ```

        !!! dead-end "Keyword rules"
            They missed half the requests.

        !!! next-step "Active learning"
            Ask the dispatchers about the uncertain ones.

        /// demo | Try the router
            url: https://example.org/router
        ///
        """,
}


def snapshot(site_dir: Path) -> dict[str, bytes]:
    return {p.relative_to(site_dir).as_posix(): p.read_bytes()
            for p in sorted(site_dir.rglob("*")) if p.is_file()}


def _differences(first: dict[str, bytes], second: dict[str, bytes]) -> list[str]:
    changed = [name for name in first if name in second and first[name] != second[name]]
    return [*(f"only in the first build: {n}" for n in first.keys() - second.keys()),
            *(f"only in the second build: {n}" for n in second.keys() - first.keys()),
            *(f"changed: {n}" for n in changed)]


@pytest.mark.parametrize("use_directory_urls", [True, False])
def test_second_build_with_the_same_config_is_byte_identical(
        tmp_path: Path, use_directory_urls: bool) -> None:
    first = build(tmp_path, FEATURE_PAGES, {
        "use_directory_urls": use_directory_urls,
        "site_url": "https://example.org/sub/path/",
        "theme": {"name": "material", "features": ["content.code.copy", "navigation.instant"]},
    })
    assert first.error is None, first.stop_message
    one = snapshot(first.site_dir)
    assert any(name.startswith("overview") for name in one), sorted(one)[:20]
    second = build(tmp_path, {}, config_object=first.config)
    assert second.error is None, second.stop_message
    two = snapshot(second.site_dir)
    assert not _differences(one, two), _differences(one, two)
    assert first.warnings == second.warnings  # the audit reports the same, once each


def test_demo_site_builds_twice_identically(tmp_path: Path) -> None:
    if not (DEMO_SITE / "mkdocs.yml").is_file():
        pytest.skip("demo_site/ has no mkdocs.yml yet")
    root = tmp_path / "demo"
    shutil.copytree(DEMO_SITE, root, ignore=shutil.ignore_patterns("site"))
    config = load_config(str(root / "mkdocs.yml"))
    first = build(root, {}, config_object=config)
    assert first.error is None, first.stop_message
    one = snapshot(first.site_dir)
    second = build(root, {}, config_object=config)
    assert second.error is None, second.stop_message
    assert not _differences(one, snapshot(second.site_dir))
    assert first.warnings == second.warnings


# -- a real mkdocs serve ---------------------------------------------------------------------------

SERVE_PAGES = {
    "index.md": """
        # Home

        The start of the writeup.

        !!! problem "Routing requests"
            Requests wait days for a human to route them.
        """,
    "alpha.md": """
        # Alpha

        A page that will be edited.

        !!! dead-end "Alpha first try"
            It did not work.
        """,
    "beta.md": """
        # Beta

        A page that is never edited, with one seperate typo.

        !!! dead-end "Beta try"
            Nor did this.

        !!! next-step "Beta next"
            Later.
        """,
}

EDITS = [
    ("Alpha second try", "A page that will be edited, now with a typo: recieve.", True),
    ("Alpha third try", "A page that was edited twice, and spelled right.", False),
]
"""(dead-end title, first paragraph, whether the page has a typo) after each edit."""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return bytes(response.read())
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait_for(check: Callable[[], Any], what: str, log: Path, seconds: float = 90) -> Any:
    """Poll until ``check()`` is truthy; the deadline only keeps a broken server from hanging."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.3)
    raise AssertionError(f"gave up waiting for {what}; server log:\n{log.read_text()[-3000:]}")


class Served:
    """A running ``mkdocs serve`` and the site it serves."""

    def __init__(self, root: Path, dirty: bool) -> None:
        from .conftest import write_site

        self.root = root
        write_site(root, SERVE_PAGES, {"plugins": ["search", "portfolio"]})
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        self.log = root / "serve.log"
        args = [sys.executable, "-m", "mkdocs", "serve", "-f", str(root / "mkdocs.yml"),
                "-a", f"127.0.0.1:{self.port}"]
        if dirty:
            args.append("--dirty")
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(args, cwd=root, env=env, stdin=subprocess.DEVNULL,
                                        stdout=self.log.open("wb"), stderr=subprocess.STDOUT)
        _wait_for(lambda: _get(self.base + "overview/"), "mkdocs serve to start", self.log)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def overview(self) -> BeautifulSoup:
        return BeautifulSoup(_get(self.base + "overview/") or b"", "html.parser")

    def report(self) -> dict[str, Any]:
        raw = _get(self.base + "portfolio-audit.json")
        return json.loads(raw) if raw else {}

    def edit(self, title: str, paragraph: str) -> None:
        page = self.root / "docs" / "alpha.md"
        time.sleep(1.1)  # a new mtime second, so that --dirty sees the page as changed
        page.write_text(f"# Alpha\n\n{paragraph}\n\n!!! dead-end \"{title}\"\n"
                        "    It did not work either.\n", encoding="utf-8")


@pytest.fixture(params=[False, True], ids=["serve", "serve-dirty"])
def served(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Served]:
    server = Served(tmp_path / "site", dirty=request.param)
    try:
        yield server
    finally:
        server.stop()


def _if(value: Any, test: Callable[[Any], bool]) -> Any:
    return value if test(value) else None


def _dead_ends(soup: BeautifulSoup) -> list[str]:
    section = soup.select_one(".pf-ov-items--dead-end")
    if section is None:
        return []
    return [a.get_text(strip=True) for a in section.select(".pf-ov-item__title")]


def _contents(soup: BeautifulSoup) -> list[str]:
    return [a.get_text(strip=True) for a in soup.select(".pf-ov-contents .pf-ov-page__title")]


def _typo_pages(report: dict[str, Any]) -> list[str]:
    return [f["page"] for f in report.get("findings", []) if f.get("check") == "typos"]


@pytest.mark.slow
def test_serve_follows_two_edits(served: Served) -> None:
    soup = served.overview()
    assert sorted(_dead_ends(soup)) == ["Alpha first try", "Beta try"], soup.select_one("article")
    assert _contents(soup) == ["Home", "Alpha", "Beta"]
    assert _typo_pages(served.report()) == ["beta.md"]

    for title, paragraph, typo in EDITS:
        served.edit(title, paragraph)
        def shows(soup: BeautifulSoup, title: str = title) -> bool:
            return title in _dead_ends(soup)

        soup = _wait_for(lambda shows=shows: _if(served.overview(), shows),
                         f"the overview to show {title!r}", served.log)
        assert sorted(_dead_ends(soup)) == [title, "Beta try"], _dead_ends(soup)
        assert _contents(soup) == ["Home", "Alpha", "Beta"]
        summaries = [p.get_text(" ", strip=True) for p in soup.select(".pf-ov-page__summary")]
        assert any(paragraph in s for s in summaries), summaries
        assert soup.select_one(".pf-ov-items--next-step .pf-ov-item__title").get_text(
            strip=True) == "Beta next"

        wanted = ["alpha.md", "beta.md"] if typo else ["beta.md"]
        report = _wait_for(lambda wanted=wanted: _if(
            served.report(), lambda r, w=wanted: sorted(_typo_pages(r)) == w),
            f"the audit report to list typos on {wanted}", served.log)
        assert sorted(report["pages"]) == sorted(set(report["pages"]))
        assert {"index.md", "alpha.md", "beta.md"} <= set(report["pages"])
    log = served.log.read_text()
    assert "Traceback" not in log and "ERROR" not in log, log[-3000:]
