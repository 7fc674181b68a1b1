"""Folded code in a real headless Chromium: heights, clicks, keyboard, no JS, print, copy.

One site is built for the module (Material with copy buttons, annotations and
instant navigation) and served on 127.0.0.1; each test opens a fresh page.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from .conftest import loopback_server
from .test_fold import build_shared, fence, lines

pytestmark = pytest.mark.browser

INDEX = (
    "# Code\n\nA page of folded code. [The second page](two.md).\n\n"
    "## Plain\n\n" + fence(40) + "\n"
    "## Numbered\n\n" + fence(40, 'python title="train.py" linenums="1"') + "\n"
    "## Annotated\n\n"
    "```python\n" + lines(3) + "marker = 1  # (1)!\n" + lines(36) + "```\n\n"
    "1. The annotation *opens* inside the folded block.\n\n"
    "## After\n\nThe end.\n"
)
TWO = "# Two\n\nThe second page.\n\n" + fence(30)


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site under a sub-path of a loopback server whose address is its site_url
    (Material's instant navigation follows only links within site_url)."""
    root = tmp_path_factory.mktemp("browser")
    (root / "www").mkdir()
    with loopback_server(root / "www") as server:
        base = server + "writeup/"
        build_shared(root / "src", {"index.md": INDEX, "two.md": TWO}, {
            "site_url": base,
            "site_dir": str(root / "www" / "writeup"),
            "theme": {"name": "material", "font": False, "features": [
                "content.code.copy", "content.code.annotate", "navigation.instant"]},
        })
        yield base


@pytest.fixture
def page(browser: Any, base_url: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    tab = context.new_page()
    tab.goto(base_url)
    tab.wait_for_function("document.querySelector('.pf-fold__toggle[data-pf-ready]')")
    yield tab
    context.close()


BLOCK = {"Plain": 0, "Numbered": 1, "Annotated": 2}

GEOMETRY = """(n) => {
  const block = document.querySelectorAll('article .pf-fold')[n];
  const code = block.querySelector('.code pre > code') || block.querySelector('pre > code');
  const style = getComputedStyle(code);
  const numbers = block.querySelector('td.linenos');
  return {
    height: code.getBoundingClientRect().height,
    full: code.scrollHeight,
    line: parseFloat(style.lineHeight),
    top: parseFloat(style.paddingTop),
    numbers: numbers ? numbers.getBoundingClientRect().height : null,
    open: block.querySelector('.pf-fold__toggle').open,
    expanded: block.querySelector('.pf-fold__toggle > summary').getAttribute('aria-expanded'),
  };
}"""


def geometry(tab: Any, name: str) -> dict[str, Any]:
    return dict(tab.evaluate(GEOMETRY, BLOCK[name]))


def summary(tab: Any, name: str) -> Any:
    return tab.locator("article .pf-fold").nth(BLOCK[name]).locator("summary")


def assert_folded(g: dict[str, Any]) -> None:
    assert g["height"] == pytest.approx(10 * g["line"] + g["top"], abs=1.5), g
    assert g["full"] > g["height"] * 3, g


def assert_unfolded(g: dict[str, Any]) -> None:
    assert g["height"] >= 40 * g["line"], g


def test_folded_height_shows_the_preview_lines(page: Any) -> None:
    for name in BLOCK:
        assert_folded(geometry(page, name))
        assert geometry(page, name)["expanded"] == "false"
    numbered = geometry(page, "Numbered")
    assert numbered["numbers"] == pytest.approx(numbered["height"], abs=1), \
        "the line-number column folds in step with the code"
    assert page.locator("article .pf-fold").nth(0).locator(".pf-fold__more").inner_text() == \
        "Show all 40 lines"


def test_click_unfolds_and_folds_again(page: Any) -> None:
    summary(page, "Numbered").click()
    # the toggle event (which sets aria-expanded) is queued after the click
    expect(summary(page, "Numbered")).to_have_attribute("aria-expanded", "true")
    opened = geometry(page, "Numbered")
    assert opened["open"]
    assert_unfolded(opened)
    assert opened["numbers"] == pytest.approx(opened["height"], abs=1)
    assert summary(page, "Numbered").locator(".pf-fold__less").is_visible()
    assert not summary(page, "Numbered").locator(".pf-fold__more").is_visible()
    summary(page, "Numbered").click()
    expect(summary(page, "Numbered")).to_have_attribute("aria-expanded", "false")
    closed = geometry(page, "Numbered")
    assert not closed["open"]
    assert_folded(closed)


def test_folding_again_keeps_the_block_in_view(page: Any) -> None:
    summary(page, "Plain").click()
    expect(summary(page, "Plain")).to_have_attribute("aria-expanded", "true")
    summary(page, "Plain").scroll_into_view_if_needed()
    block = page.locator("article .pf-fold").nth(BLOCK["Plain"])
    assert block.evaluate("el => el.getBoundingClientRect().top") < 0
    summary(page, "Plain").click()
    expect(summary(page, "Plain")).to_have_attribute("aria-expanded", "false")
    top = block.evaluate("el => el.getBoundingClientRect().top")
    assert 0 <= top < 900, "the folded block is in view, not far above"


def test_printing_does_not_move_the_page(page: Any) -> None:
    page.locator("article h2", has_text="After").scroll_into_view_if_needed()
    before = page.evaluate("window.scrollY")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    expect(summary(page, "Plain")).to_have_attribute("aria-expanded", "true")
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    expect(summary(page, "Plain")).to_have_attribute("aria-expanded", "false")
    assert page.evaluate("window.scrollY") == before


def test_keyboard_toggles_with_aria_expanded(page: Any) -> None:
    target = summary(page, "Plain")
    assert target.get_attribute("aria-controls") == page.evaluate(
        "document.querySelectorAll('article .pf-fold')[0].querySelector('pre').id")
    target.focus()
    page.keyboard.press("Enter")
    expect(target).to_have_attribute("aria-expanded", "true")
    assert_unfolded(geometry(page, "Plain"))
    page.keyboard.press("Space")
    expect(target).to_have_attribute("aria-expanded", "false")
    assert_folded(geometry(page, "Plain"))


def test_unfolds_without_javascript(browser: Any, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    try:
        tab.goto(base_url)
        assert_folded(geometry(tab, "Plain"))
        summary(tab, "Plain").click()
        assert_unfolded(geometry(tab, "Plain"))
        summary(tab, "Plain").click()
        assert_folded(geometry(tab, "Plain"))
    finally:
        context.close()


def test_prints_unfolded(page: Any) -> None:
    page.emulate_media(media="print")
    for name in BLOCK:
        assert_unfolded(geometry(page, name))
    assert not summary(page, "Plain").is_visible()


def test_copy_button_copies_every_line(page: Any) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    block = page.locator("article .pf-fold").nth(BLOCK["Plain"])
    button = block.locator("button[data-clipboard-target]")
    target = button.get_attribute("data-clipboard-target")
    assert target and target.endswith("> code")
    text = page.evaluate("(t) => document.querySelector(t).innerText", target)
    assert text.count("\n") >= 39 and "value_40 = 40  # line 40" in text
    block.hover()
    button.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.splitlines() == [f"value_{i} = {i}  # line {i}" for i in range(1, 41)]


def test_annotation_opens_inside_a_folded_block(page: Any) -> None:
    block = page.locator("article .pf-fold").nth(BLOCK["Annotated"])
    marker = block.locator(".md-annotation__index")
    assert marker.count() == 1, "Material found the list after the folded block"
    marker.click()
    tooltip = block.locator(".md-tooltip--active")
    tooltip.wait_for(state="visible")
    assert "opens inside the folded block" in tooltip.inner_text()
    inside = tooltip.evaluate("""(el) => {
        const r = el.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return el.contains(hit);
    }""")
    assert inside, "the tooltip is not clipped by the fold"
    assert_folded(geometry(page, "Annotated"))


def test_link_to_a_hidden_line_unfolds_its_block(page: Any, base_url: str) -> None:
    page.goto(base_url + "#__span-0-35")
    page.wait_for_function("document.querySelectorAll('article .pf-fold')[0]"
                           ".querySelector('.pf-fold__toggle').open")
    g = geometry(page, "Plain")
    assert g["expanded"] == "true"
    assert_unfolded(g)


def test_link_to_a_preview_line_leaves_the_block_folded(page: Any, base_url: str) -> None:
    page.goto(base_url + "#__span-0-4")
    page.wait_for_function("document.querySelector('.pf-fold__toggle[data-pf-ready]')")
    assert_folded(geometry(page, "Plain"))


def test_keyboard_focus_below_the_fold_unfolds(page: Any) -> None:
    block = page.locator("article .pf-fold").nth(BLOCK["Numbered"])
    block.locator(".linenodiv a").nth(4).focus()
    assert_folded(geometry(page, "Numbered"))
    block.locator(".linenodiv a").nth(34).focus()
    expect(summary(page, "Numbered")).to_have_attribute("aria-expanded", "true")
    assert_unfolded(geometry(page, "Numbered"))


def test_survives_instant_navigation(page: Any) -> None:
    page.evaluate("window.__sameDocument = true")
    page.get_by_role("link", name="The second page").click()
    page.wait_for_function("document.querySelector('article h1').textContent === 'Two'")
    assert page.evaluate("window.__sameDocument === true"), "Material loaded the page instantly"
    toggle = page.locator("article .pf-fold summary")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
