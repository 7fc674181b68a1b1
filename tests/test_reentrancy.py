"""Re-entrancy: a second build with the same config object, and a real ``mkdocs serve``.

``mkdocs serve`` re-runs the build in one process with one plugin instance, and i18n
plugins build several times with one config: the second build must give the same
bytes. A real ``mkdocs serve`` on loopback follows two edits of one page (the same
with ``--dirty`` is in test_dirty_rebuild.py): the overview and the audit report show
each edit, keep every other page, and list nothing twice.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from mkdocs.config import load_config

from .harness import Serving, attempt, build_config, serving, wait_for

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
    first = attempt(tmp_path, FEATURE_PAGES, {
        "use_directory_urls": use_directory_urls,
        "site_url": "https://example.org/sub/path/",
        "theme": {"name": "material", "features": ["content.code.copy", "navigation.instant"]},
    })
    assert first.error is None, first.stop_message
    one = snapshot(first.site_dir)
    assert b"pf-overview" in one["index.html"]  # the overview is on the home page
    second = build_config(first.config, expect_error=True, allow_warnings=True)
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
    first = build_config(config, expect_error=True, allow_warnings=True)
    assert first.error is None, first.stop_message
    one = snapshot(first.site_dir)
    second = build_config(config, expect_error=True, allow_warnings=True)
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


def alpha_page(title: str, paragraph: str) -> str:
    return (f"# Alpha\n\n{paragraph}\n\n!!! dead-end \"{title}\"\n"
            "    It did not work either.\n")


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


SERVE_CONFIG: dict[str, Any] = {
    "plugins": ["search", {"portfolio": {"overview": {"home": False}}}]}
"""The overview on a page of its own, so that the home page is one of its cards."""


def check_serve_follows_two_edits(served: Serving) -> None:
    """A real ``mkdocs serve`` (with or without ``--dirty``) shows each edit of alpha in
    the overview and the audit report, keeps the other pages, and lists nothing twice."""
    soup = served.overview()
    assert sorted(_dead_ends(soup)) == ["Alpha first try", "Beta try"], soup.select_one("article")
    assert _contents(soup) == ["Home", "Alpha", "Beta"]
    assert _typo_pages(served.report()) == ["beta.md"]

    for title, paragraph, typo in EDITS:
        served.edit("alpha.md", alpha_page(title, paragraph))
        def shows(soup: BeautifulSoup, title: str = title) -> bool:
            return title in _dead_ends(soup)

        soup = wait_for(lambda shows=shows: _if(served.overview(), shows),
                        f"the overview to show {title!r}", served.log)
        assert sorted(_dead_ends(soup)) == [title, "Beta try"], _dead_ends(soup)
        assert _contents(soup) == ["Home", "Alpha", "Beta"]
        summaries = [p.get_text(" ", strip=True) for p in soup.select(".pf-ov-page__summary")]
        assert any(paragraph in s for s in summaries), summaries
        assert soup.select_one(".pf-ov-items--next-step .pf-ov-item__title").get_text(
            strip=True) == "Beta next"

        wanted = ["alpha.md", "beta.md"] if typo else ["beta.md"]
        report = wait_for(lambda wanted=wanted: _if(
            served.report(), lambda r, w=wanted: sorted(_typo_pages(r)) == w),
            f"the audit report to list typos on {wanted}", served.log)
        assert sorted(report["pages"]) == sorted(set(report["pages"]))
        assert {"index.md", "alpha.md", "beta.md"} <= set(report["pages"])
    log = served.log.read_text()
    assert "Traceback" not in log and "ERROR" not in log, log[-3000:]


@pytest.mark.slow
def test_serve_follows_two_edits(tmp_path: Path) -> None:
    with serving(tmp_path / "site", SERVE_PAGES, SERVE_CONFIG,
                 dirty=False, real=True) as served:
        check_serve_follows_two_edits(served)
