"""The demo block in a real headless Chromium: click to load, and nothing before."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from .conftest import loopback_server
from .demo_sites import build_shared
from .harness import Built

pytestmark = pytest.mark.browser

PAGES: dict[str, Any] = {
    "index.md": """
        # Home

        /// demo | Try the classifier
            space: alice/tiny-clf
        ///

        ![A figure](img/shot.png)

        Read [the details](details.md).
        """,
    "details.md": """
        # Details

        /// demo | The app
            url: https://demo.streamlit.app/
            screenshot: img/shot.png
        ///

        !!! demo "The talk"
            https://youtu.be/dQw4w9WgXcQ
        """,
}
SPACE = "https://alice-tiny-clf.hf.space/"
# The home page's own demo block (its anchor id): the overview's sections, its Demo
# among them, follow the home page's text.
HOME_DEMO = "#demo-try-the-classifier"


@pytest.fixture(scope="module")
def site(tmp_path_factory: Any) -> Iterator[tuple[Built, str]]:
    """The site under a sub-path of a loopback server whose address is its site_url:
    Material's instant navigation only follows links within site_url."""
    root = tmp_path_factory.mktemp("browser")
    (root / "www").mkdir()
    with loopback_server(root / "www") as server:
        base = server + "writeup/"
        config = {
            # Material's fonts come from Google unless font: false; the test is about the
            # demo.
            "theme": {"name": "material", "font": False, "features": ["navigation.instant"]},
            "site_url": base,
            "site_dir": str(root / "www" / "writeup"),
        }
        built, _ = build_shared(root / "src", PAGES, config)
        yield built, base


@pytest.fixture
def visit(browser: Any, site: tuple[Built, str]) -> Iterator[Any]:
    """Open the site in a fresh context that records every request and reaches no host
    but the local server (third parties get a stand-in page)."""
    base = site[1]
    contexts: list[Any] = []

    def open_page(path: str = "", *, javascript: bool = True) -> Any:
        context = browser.new_context(java_script_enabled=javascript)
        contexts.append(context)
        context.requests = []  # type: ignore[attr-defined]
        context.on("request", lambda r: context.requests.append(r.url))

        def outside(route: Any) -> None:
            route.fulfill(status=200, content_type="text/html", body="<h1>outside</h1>")

        context.route(lambda url: not url.startswith(base), outside)
        context.base = base  # type: ignore[attr-defined]
        page = context.new_page()
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        return page

    yield open_page
    for context in contexts:
        context.close()


def _third_party(page: Any) -> list[str]:
    base = page.context.base
    return [u for u in page.context.requests if not u.startswith((base, "data:", "blob:"))]


def test_nothing_from_a_third_party_until_launch(visit: Any) -> None:
    page = visit()
    block = page.locator(HOME_DEMO)
    assert block.locator(".pf-demo__placeholder").is_visible()
    assert page.locator("iframe").count() == 0
    assert _third_party(page) == []

    block.get_by_role("link", name="Launch demo: Try the classifier").click()
    frame = block.locator(".pf-demo iframe")
    frame.wait_for()
    assert frame.get_attribute("src") == SPACE.rstrip("/")
    assert frame.get_attribute("title") == "Try the classifier (Hugging Face Space alice/tiny-clf)"
    assert frame.get_attribute("loading") == "lazy"
    assert "allow-scripts" in (frame.get_attribute("sandbox") or "")
    block.frame_locator(".pf-demo iframe").locator("h1").wait_for()  # the stand-in loaded
    assert any(u.startswith(SPACE.rstrip("/")) for u in _third_party(page))
    assert block.locator(".pf-demo__open").get_attribute("href") == \
        "https://huggingface.co/spaces/alice/tiny-clf"


def test_every_page_loads_without_third_parties(visit: Any) -> None:
    page = visit("details/")
    assert page.locator("img.pf-demo__poster").evaluate("img => img.naturalWidth") > 0
    assert page.locator("iframe").count() == 0
    assert _third_party(page) == []


def test_launch_after_instant_navigation(visit: Any) -> None:
    page = visit()
    page.evaluate("window.__sameDocument = true")
    page.get_by_role("link", name="the details").click()
    page.wait_for_function("document.querySelector('h1').textContent.includes('Details')")
    # instant navigation swapped the content without loading a new document
    assert page.evaluate("window.__sameDocument") is True
    page.get_by_role("link", name="Launch demo: The talk").click()
    frame = page.locator(".pf-demo iframe")
    frame.wait_for()
    src = frame.get_attribute("src") or ""
    assert src.startswith("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ")
    assert page.locator("iframe").count() == 1  # only the demo that was launched
    page.go_back()
    page.wait_for_function("document.querySelector('h1').textContent.includes('Home')")
    page.get_by_role("link", name="Launch demo: Try the classifier").click()
    assert page.locator(".pf-demo iframe").get_attribute("src") == SPACE.rstrip("/")


def test_without_javascript_the_link_opens_the_demo(visit: Any) -> None:
    page = visit(javascript=False)
    block = page.locator(HOME_DEMO)
    stage = block.get_by_role("link", name="Launch demo: Try the classifier")
    assert stage.is_visible()
    with page.context.expect_page() as opened:
        stage.click()
    assert opened.value.url == "https://huggingface.co/spaces/alice/tiny-clf"
    assert page.locator("iframe").count() == 0
    assert block.get_by_role("link", name="Open in a new tab").is_visible()
