"""Charts of the ``metrics`` block in a real headless Chromium: seen at a phone's and a
desktop's width in both palettes, colours that follow the palette, and the numbers'
table there for screen readers and not for the eye."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import loopback_server
from .harness import build

pytestmark = pytest.mark.browser

PAGE = """
# Results

/// metrics | Recall by department
    from: results/slices.csv
    x: department
    y: [baseline, ours]
///

/// metrics | Validation loss
    from: results/curve.csv
    x: epoch
    kind: line
///
"""
SLICES = ("department,baseline,ours\nSanitation & bulk pickup,0.71,0.84\nStreets,0.65,0.80\n"
          "Parks & trees,0.80,0.86\nIllegal dumping (state),0.34,0.69\n")
PALETTES = [{"scheme": "default", "toggle": {"icon": "material/weather-night", "name": "Dark"}},
            {"scheme": "slate", "toggle": {"icon": "material/weather-sunny", "name": "Light"}}]


@pytest.fixture(scope="module")
def site(tmp_path_factory: Any) -> Iterator[str]:
    root: Path = tmp_path_factory.mktemp("charts")
    (root / "results").mkdir()
    (root / "results/slices.csv").write_text(SLICES, encoding="utf-8")
    (root / "results/curve.csv").write_text(
        "epoch,train_loss,val_loss\n1,0.9,0.95\n2,0.6,0.7\n3,0.45,0.61\n4,0.41,0.6\n",
        encoding="utf-8")
    config = {"theme": {"name": "material", "font": False, "palette": PALETTES},
              "plugins": [{"portfolio": {"audit": {"enabled": False}}}]}
    build(root, {"index.md": PAGE}, config)
    with loopback_server(root / "site") as base:
        yield base


@pytest.fixture
def open_page(browser: Any, site: str) -> Iterator[Any]:
    contexts: list[Any] = []
    outside: list[str] = []

    def go(width: int, scheme: str) -> Any:
        context = browser.new_context(viewport={"width": width, "height": 900})
        contexts.append(context)
        context.route(lambda url: not url.startswith(site),
                      lambda route: (outside.append(route.request.url), route.abort()))
        index = 1 if scheme == "slate" else 0
        context.add_init_script(
            "localStorage.setItem('/.__palette', JSON.stringify("
            f"{{index: {index}, color: {{scheme: '{scheme}'}}}}))")
        page = context.new_page()
        page.goto(site)
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == scheme
        return page

    yield go
    for context in contexts:
        context.close()
    assert outside == []


LOOK = """() => {
  const svg = document.querySelector('figure.pf-chart svg');
  const box = svg.getBoundingClientRect();
  const label = svg.querySelector('.pf-chart__labels text').getBoundingClientRect();
  const bars = [...svg.querySelectorAll('g.pf-chart__series')].map(
    g => getComputedStyle(g.querySelector('rect')).fill);
  const line = getComputedStyle(document.querySelectorAll('figure.pf-chart svg')[1]
    .querySelector('polyline')).stroke;
  const table = document.querySelector('.pf-chart__data').getBoundingClientRect();
  return {width: box.width, height: box.height, left: box.left, right: box.right,
          label: label.height, bars, line, table: [table.width, table.height],
          text: getComputedStyle(svg.querySelector('text')).fill,
          background: getComputedStyle(document.body).backgroundColor,
          overflow: document.documentElement.scrollWidth > window.innerWidth};
}"""


@pytest.mark.parametrize("width", [390, 1280])
def test_charts_are_seen_whole_and_follow_the_palette(open_page: Any, width: int) -> None:
    looks = {}
    for scheme in ("default", "slate"):
        page = open_page(width, scheme)
        look = page.evaluate(LOOK)
        assert not look["overflow"]
        assert look["left"] >= 0 and look["right"] <= width
        assert look["width"] >= (330 if width == 390 else 400)
        assert look["height"] > 100
        assert look["label"] >= 11  # a category's label, in CSS pixels on the screen
        assert look["bars"][0] != look["bars"][1]  # two series, two colours
        assert "rgba(0, 0, 0, 0)" not in look["bars"] and look["text"] != look["background"]
        assert look["table"][0] <= 1 and look["table"][1] <= 1  # out of sight
        looks[scheme] = look
    assert looks["default"]["bars"] != looks["slate"]["bars"]
    assert looks["default"]["line"] != looks["slate"]["line"]
    assert looks["default"]["text"] != looks["slate"]["text"]


def test_screen_readers_get_a_named_image_and_the_numbers(open_page: Any) -> None:
    page = open_page(390, "default")
    image = page.get_by_role("img", name="Figure 1. Recall by department")
    assert image.count() == 1
    table = page.get_by_role("table").first
    assert table.get_by_role("rowheader").all_inner_texts() == [
        "Sanitation & bulk pickup", "Streets", "Parks & trees", "Illegal dumping (state)"]
    assert table.get_by_role("columnheader").all_inner_texts() == [
        "department", "baseline", "ours"]
