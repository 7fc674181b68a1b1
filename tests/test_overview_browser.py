"""The overview in a real headless Chromium: links land on their blocks, also after
Material's instant navigation brought the reader to the overview."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .harness import build
from .test_overview import QUIET, WRITEUP

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("overview-browser")
    config = {
        "site_name": "Spam & Co",
        "draft_docs": "drafts/\n",
        "exclude_docs": "private.md\n",
        "plugins": ["search", {"portfolio": QUIET}],
    }
    built = build(root, WRITEUP, config)
    return built.site_dir


def _dead_end_lands(page: Any) -> None:
    link = page.locator(".pf-ov-item--dead-end a", has_text="A random split")
    link.click()
    page.wait_for_url("**/work/data/#dead-end-a-random-split")
    target = page.locator("#dead-end-a-random-split")
    target.wait_for(state="attached")
    box = target.bounding_box()
    viewport = page.viewport_size
    assert box is not None and viewport is not None
    assert 0 <= box["y"] < viewport["height"], "the block is scrolled into view"
    assert target.evaluate("el => el.tagName") == "DETAILS"


def test_overview_opens_and_a_dead_end_link_lands_on_its_block(
    site_dir: Path, browser: Any, serve: Any
) -> None:
    base = serve(site_dir)
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base + "overview/")
    assert page.locator(".pf-hero h1").inner_text() == "Spam & Co"
    cards = page.locator(".pf-ov-contents > li")
    assert cards.count() == 5
    # The cards are laid out as a grid, not a plain list.
    assert page.locator(".pf-ov-contents").evaluate("el => getComputedStyle(el).display") == "grid"
    _dead_end_lands(page)
    assert not errors, errors
    page.close()


def test_overview_reached_by_instant_navigation(
    tmp_path: Path, browser: Any, serve: Any
) -> None:
    # Material's instant navigation only takes links that its sitemap lists, by path
    # and port: build for the very address it is served from, under a sub-path.
    base = serve(tmp_path) + "site/"
    config = {
        "site_name": "Spam & Co",
        "site_url": base,
        "theme": {"name": "material", "features": ["navigation.instant"]},
        "draft_docs": "drafts/\n",
        "exclude_docs": "private.md\n",
        "plugins": ["search", {"portfolio": QUIET}],
    }
    build(tmp_path, WRITEUP, config)
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base + "work/model/")
    page.wait_for_load_state("networkidle")  # instant navigation starts once it has the sitemap
    page.evaluate("window.__sameDocument = true")
    page.locator(".md-nav--primary a.md-nav__link", has_text="Overview").first.click()
    page.wait_for_url("**/site/overview/")
    page.locator(".pf-hero").wait_for()
    assert page.evaluate("window.__sameDocument === true"), "instant navigation was not used"
    assert page.locator("#overview-results ~ ul .pf-ov-metric").count() == 2
    _dead_end_lands(page)
    assert page.evaluate("window.__sameDocument === true")
    assert not errors, errors
    page.close()


def test_overview_at_phone_width_has_no_horizontal_scroll(
    site_dir: Path, browser: Any, serve: Any
) -> None:
    base = serve(site_dir)
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme)
        page = context.new_page()
        page.goto(base + "overview/")
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{scheme}: the page scrolls sideways by {overflow}px"
        context.close()
