"""A demo promises nothing from a third party before the reader's click, whatever its
author wrote: a screenshot or video path that a browser reads as another host
(``\\\\evil.example\\shot.png`` is ``//evil.example/shot.png`` to Chromium), or an image
of another host in the demo's body. Real builds, then real Chromium recording every
request at page load, on the pages and on the overview."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from .conftest import loopback_server
from .demo_sites import build_shared
from .harness import Built

PAGES: dict[str, Any] = {
    "index.md": """
        # Home

        /// demo | Tracked app
            url: https://demo.streamlit.app/

        ![shot](https://tracker.example/pixel.png)

        Its output: ![inline](https://tracker.example/inline.png) and
        ![ours](img/shot.png).
        ///
        """,
    "shot.md": """
        # Shot

        /// demo | UNC shot
            url: https://demo.streamlit.app/
            screenshot: '\\\\evil.example\\shot.png'
        ///

        /// demo | Slashed shot
            url: https://demo.streamlit.app/
            poster: '/\\evil.example/poster.png'
        ///
        """,
    "bang.md": r"""
        # The admonition form, where Markdown's escapes apply

        !!! demo "Escaped shot"
            url: https://demo.streamlit.app/
            screenshot: \\\\evil.example\shot.png

        ??? demo "Escaped body"
            https://demo.streamlit.app/

            ![x](\\\\evil.example\y.png)

        !!! demo "Entity shot"
            url: https://demo.streamlit.app/
            screenshot: &#47;/evil.example/shot.png
        """,
    "more.md": """
        # A title image and a style

        /// demo | ![logo](https://tracker.example/title.png) Titled app
            url: https://demo.streamlit.app/

        See it run.
        { style="background: url('https://tracker.example/bg.png')" }

        In a set.
        { style="background-image: image-set('https://tracker.example/a5.png' 1x)" }

        Escaped.
        { style="background: \\75 rl(https://tracker.example/esc.png)" }
        ///
        """,
    "clip.md": """
        # Clip

        /// demo | UNC clip
            video: '\\\\evil.example\\clip.mp4'
        ///

        !!! demo "Local clip"
            video: media/run.gif
        """,
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: Any) -> Iterator[tuple[Built, str]]:
    root = tmp_path_factory.mktemp("requests")
    (root / "www").mkdir()
    with loopback_server(root / "www") as server:
        # The overview on a page of its own: the launch is tried on a page and on it.
        config = {"theme": {"name": "material", "font": False},
                  "site_dir": str(root / "www"), "site_url": server,
                  "plugins": [{"portfolio": {"overview": {"home": False}}}]}
        built, _ = build_shared(root / "src", PAGES, config, warnings_ok=True)
        yield built, server


def test_backslash_paths_are_refused_by_name(site: tuple[Built, str]) -> None:
    warnings = site[0].warnings
    for option, value, demo, page in [
        ("screenshot", "\\\\evil.example\\shot.png", "UNC shot", "shot.md"),
        ("poster", "/\\evil.example/poster.png", "Slashed shot", "shot.md"),
        ("video", "\\\\evil.example\\clip.mp4", "UNC clip", "clip.md"),
        ("screenshot", "\\\\evil.example\\shot.png", "Escaped shot", "bang.md"),
        ("screenshot", "&#47;/evil.example/shot.png", "Entity shot", "bang.md"),
    ]:
        named = [w for w in warnings if f"'{option}: {value}'" in w and f"'{demo}'" in w
                 and page in w and "refused" in w]
        assert len(named) == 1, (option, warnings)
    html = site[0].html("shot/index.html") + site[0].html("clip/index.html")
    assert "evil.example" not in html
    assert any("'\\\\evil.example\\y.png' in its body" in w and "'Escaped body'" in w
               and "bang.md" in w for w in warnings), warnings


def test_remote_media_in_a_body_is_named(site: tuple[Built, str]) -> None:
    warnings = site[0].warnings
    for url in ("https://tracker.example/pixel.png", "https://tracker.example/inline.png"):
        assert any(url in w and "'Tracked app'" in w and "index.md" in w
                   and "launches the demo" in w for w in warnings), (url, warnings)
    soup = site[0].soup("index.html")
    block = soup.select_one(".admonition.demo, details.demo, div.demo")
    assert block is not None
    assert not block.select('[src*="tracker.example"], [srcset*="tracker.example"]'), block
    assert len(block.select('[data-pf-defer-src*="tracker.example"]')) == 2
    assert block.select_one(".pf-demo__poster") is None  # a third party's is no screenshot
    assert block.select_one('img[src$="img/shot.png"]') is not None  # ours stays
    for url, where in (("https://tracker.example/title.png", "title"),
                       ("https://tracker.example/bg.png", "body")):
        assert any(f"'{url}' in its {where}" in w and "'Titled app'" in w
                   and "more.md" in w for w in warnings), (url, warnings)
    more = site[0].html("more/index.html")
    assert not re.search(r'(?<![-\w])(src|style)="[^"]*tracker\.example', more), more


def test_raw_html_media_of_another_host_is_named(tmp_path: Any) -> None:
    # A README's raw HTML, pasted into a demo's body: kept as written (it is the author's
    # HTML), but a warning names what it loads before the launch.
    pages = {"index.md": """
        # Home

        !!! demo "Pasted README"
            url: https://demo.streamlit.app/

            <p align="center"><img src="https://tracker.example/raw.png" width="600"></p>

            Inline <img srcset="img/a.png 1x, https://tracker.example/2x.png 2x"> too,
            and ours: <img src="img/ours.png">.

            <link rel="stylesheet" href="https://tracker.example/s.css">
            <svg><image href="https://tracker.example/i.png"/></svg>
            <style>.x { background: url("https://tracker.example/c.png") }</style>
            <meta http-equiv="refresh" content="0; url=https://tracker.example/r">
            <!--><img src="https://tracker.example/cm.png">-->
            <link rel="preload" as="image" imagesrcset="https://tracker.example/iss.png 1x">
            <base href="https://tracker.example/">
            <div style="background-image: image-set('https://tracker.example/set.png' 1x)">
            </div>

        /// demo | <img src="https://tracker.example/t.png"> Raw title
            url: https://demo.streamlit.app/
        ///
        """}
    built, _ = build_shared(tmp_path, pages, {"theme": {"name": "material", "font": False}},
                            warnings_ok=True)
    for url in ("https://tracker.example/raw.png", "https://tracker.example/2x.png",
                "https://tracker.example/s.css", "https://tracker.example/i.png",
                "https://tracker.example/c.png", "https://tracker.example/r",
                "https://tracker.example/cm.png", "https://tracker.example/iss.png",
                "https://tracker.example/", "https://tracker.example/set.png"):
        named = [w for w in built.warnings if "raw HTML in its body loads" in w and f"'{url}'" in w
                 and "'Pasted README'" in w and "index.md" in w]
        assert len(named) == 1, (url, built.warnings)
    assert not [w for w in built.warnings if "ours.png" in w], built.warnings
    assert any("raw HTML in its title loads 'https://tracker.example/t.png'" in w
               and "'Raw title'" in w for w in built.warnings), built.warnings


@pytest.mark.browser
def test_no_request_leaves_the_site_before_the_launch(browser: Any,
                                                      site: tuple[Built, str]) -> None:
    base = site[1]
    context = browser.new_context()
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    context.route(lambda url: not url.startswith(base),
                  lambda route: route.fulfill(status=200, content_type="image/png", body=b""))
    try:
        page = context.new_page()
        away: dict[str, list[str]] = {}
        for path in ("", "overview/", "shot/", "clip/", "bang/", "more/"):
            requests.clear()
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            away[path] = [u for u in requests if not u.startswith((base, "data:", "blob:"))]
        assert away == {"": [], "overview/": [], "shot/": [], "clip/": [], "bang/": [],
                        "more/": []}
        for path in ("", "overview/"):  # the launch loads them, on the page and the overview
            requests.clear()
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            with page.expect_request("https://tracker.example/inline.png"):
                page.get_by_role("link", name="Launch demo: Tracked app").first.click()
            page.locator(".pf-demo iframe").first.wait_for()
            assert "https://tracker.example/pixel.png" in requests, (path, requests)
            assert "https://tracker.example/inline.png" in requests, (path, requests)
    finally:
        context.close()
