"""The gallery of several projects in a real headless Chromium, at 390 and 1280 px:
cards in a grid (one column on a phone), nothing wider than the screen, the tags
filter in place with JavaScript and through instant navigation."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import loopback_server
from .harness import build
from .projects_site import portfolio_config, portfolio_pages

pytestmark = pytest.mark.browser
VISIBLE = "cards => cards.filter(c => !c.hidden).map(c => c.id)"


@pytest.fixture(scope="module")
def site(tmp_path_factory: Any) -> Iterator[str]:
    root: Path = tmp_path_factory.mktemp("projects")
    www = root / "www"
    www.mkdir()
    with loopback_server(www) as base:
        config = portfolio_config()
        config.update(
            site_url=base + "portfolio/", site_dir=str(www / "portfolio"),
            theme={"name": "material", "font": False, "features": ["navigation.instant"],
                   "palette": [
                       {"media": "(prefers-color-scheme: light)", "scheme": "default",
                        "toggle": {"icon": "material/weather-night", "name": "Dark"}},
                       {"media": "(prefers-color-scheme: dark)", "scheme": "slate",
                        "toggle": {"icon": "material/weather-sunny", "name": "Light"}}]})
        build(root / "src", portfolio_pages(), config)
        yield base + "portfolio/"


def _columns(page: Any) -> list[int]:
    return list(page.eval_on_selector_all(
        ".pf-gallery__grid > .pf-card",
        "cards => cards.map(c => Math.round(c.getBoundingClientRect().left))"))


@pytest.mark.parametrize(("width", "columns"), [(1280, 2), (390, 1)])
def test_gallery_layout(browser: Any, site: str, width: int, columns: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(site)
        lefts = _columns(page)
        assert len(lefts) == 3
        assert len(set(lefts)) == columns
        overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
        assert overflow <= 0
        photo = page.eval_on_selector(".pf-author__photo", "e => e.getBoundingClientRect().width")
        assert 60 < photo < 200
    finally:
        page.close()


def test_tags_filter_in_place_and_after_instant_navigation(browser: Any, site: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(site)
        page.click(".pf-gallery__tags [data-pf-tag='forecasting']")
        assert page.url == site  # filtered in place: no navigation
        visible = page.eval_on_selector_all(".pf-card", VISIBLE)
        assert visible == ["project-grid"]
        page.click(".pf-gallery__tags [data-pf-tag='']")
        assert len(page.eval_on_selector_all(".pf-card:not([hidden])", "cs => cs")) == 3
        # Through instant navigation to a project and back, the filter is bound again.
        page.click("#project-shelf .pf-card__title a")
        page.wait_for_selector(".pf-byline")
        page.click(".pf-byline a")
        page.wait_for_selector(".pf-gallery__tags")
        page.click(".pf-gallery__tags [data-pf-tag='python']")
        visible = page.eval_on_selector_all(".pf-card", VISIBLE)
        assert visible == ["project-curbside", "project-shelf"]
    finally:
        page.close()


def test_tag_page_works_without_javascript(browser: Any, site: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(site)
        page.click(".pf-gallery__tags [data-pf-tag='python']")
        assert page.url == site + "tags/python/"
        ids = page.eval_on_selector_all(".pf-card", "cs => cs.map(c => c.id)")
        assert ids == ["project-curbside", "project-shelf"]
    finally:
        context.close()


AXE_OURS = """
async () => {
  const results = await axe.run(document, {resultTypes: ['violations']});
  const out = [];
  for (const v of results.violations) {
    if (!['serious', 'critical'].includes(v.impact)) continue;
    for (const node of v.nodes) {
      const selector = node.target[node.target.length - 1];
      let el = null;
      try { el = document.querySelector(Array.isArray(selector) ? selector[0] : selector); }
      catch (e) { el = null; }
      if (el && el.closest('.pf-gallery, .pf-byline')) {
        out.push(v.id + ' at ' + String(selector) + ': ' + node.failureSummary);
      }
    }
  }
  return out;
}
"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_axe_violation_in_the_gallery(browser: Any, site: str, scheme: str) -> None:
    from .test_accessibility import axe_source

    axe = axe_source()
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    found: list[str] = []
    try:
        for path in ("", "tags/python/", "shelf/"):
            page.goto(site + path)
            page.wait_for_load_state("load")
            assert page.evaluate("document.body.dataset.mdColorScheme") == \
                ("slate" if scheme == "dark" else "default")
            page.add_script_tag(content=axe)
            found += [f"{path or 'home'}: {v}" for v in page.evaluate(AXE_OURS)]
    finally:
        context.close()
    assert found == []
