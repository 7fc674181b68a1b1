"""A Zensical build in a real headless Chromium: the fold unfolds, the blocks wear our
colours and icons, in the ``modern`` and ``classic`` variants, light and dark."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from mkdocs_portfolio.blocktypes import BLOCK_TYPES

from .conftest import loopback_server
from .test_zensical import ID, MKDOCS_YML, PAGE, needs_zensical, zensical_build

pytestmark = [pytest.mark.browser, needs_zensical]

PALETTE = """\
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
"""


def rgb(hex_colour: str) -> str:
    value = hex_colour.lstrip("#")
    r, g, b = (int(value[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgb({r}, {g}, {b})"


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Both variants built and served from one loopback server."""
    root = tmp_path_factory.mktemp("zensical")
    for variant in ("modern", "classic"):
        config = MKDOCS_YML + f"theme:\n  variant: {variant}\n" + PALETTE
        zensical_build(root / variant, "mkdocs.yml", config, {"index.md": PAGE})
    with loopback_server(root) as server:
        yield server


@pytest.fixture(params=[pytest.param((v, s), id=f"{ID}-{v}-{s}")
                        for v in ("modern", "classic") for s in ("light", "dark")])
def page(request: pytest.FixtureRequest, browser: Any, sites: str) -> Iterator[Any]:
    variant, scheme = request.param
    context = browser.new_context(viewport={"width": 1100, "height": 900}, color_scheme=scheme)
    tab = context.new_page()
    tab.goto(f"{sites}{variant}/site/")
    tab.wait_for_function("document.querySelector('.pf-fold__toggle[data-pf-ready]')")
    tab.variant, tab.scheme = variant, scheme
    yield tab
    context.close()


def test_the_fold_unfolds(page: Any) -> None:
    code = page.locator(".pf-fold pre > code").first
    folded = code.evaluate("e => e.getBoundingClientRect().height")
    summary = page.locator(".pf-fold__toggle > summary").first
    assert summary.get_attribute("aria-expanded") == "false"
    summary.click()
    # The toggle event (which sets aria-expanded) is queued after the click.
    expect(summary).to_have_attribute("aria-expanded", "true")
    unfolded = code.evaluate("e => e.getBoundingClientRect().height")
    assert unfolded > 3 * folded


def test_the_block_wears_our_colour_and_icon(page: Any) -> None:
    colours = BLOCK_TYPES["dead-end"].colours
    colour = rgb(colours.light if page.scheme == "light" else colours.dark)
    style = page.locator("div.admonition.dead-end").evaluate("""e => {
        const box = getComputedStyle(e);
        const icon = getComputedStyle(e.querySelector('.admonition-title'), '::before');
        const title = getComputedStyle(e.querySelector('.admonition-title'));
        return {border: box.borderLeftColor, borderWidth: box.borderLeftWidth,
                background: box.backgroundColor, title: title.backgroundColor,
                icon: icon.backgroundColor, mask: icon.maskImage || icon.webkitMaskImage};
    }""")
    assert style["icon"] == colour
    assert "data:image/svg+xml" in style["mask"] and "M" in style["mask"]
    tint = style["title"] if page.variant == "classic" else style["background"]
    assert tint.startswith(("color(srgb", "rgba(", "oklab(")) and tint != "rgba(0, 0, 0, 0)"
    if page.variant == "classic":
        assert style["border"] == colour and style["borderWidth"] != "0px"
    else:  # modern: the whole box tinted, no title strip of its own
        assert style["title"] == "rgba(0, 0, 0, 0)"


def test_the_page_and_variant_are_the_ones_asked_for(page: Any) -> None:
    sheet = page.evaluate("[...document.styleSheets].map(s => s.href || '').join(' ')")
    assert f"stylesheets/{page.variant}/" in sheet
    scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert scheme == ("default" if page.scheme == "light" else "slate")



# -- the demo site through `mkdocs-portfolio build`, with instant navigation --------------


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo site built with Zensical by our command (navigation.instant is on)."""
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    root = tmp_path_factory.mktemp("zensical-demo")
    demo = Path(__file__).resolve().parent.parent / "demo_site"
    shutil.copytree(demo, root / "demo", ignore=shutil.ignore_patterns("site", ".cache"))
    done = subprocess.run([sys.executable, "-m", "mkdocs_portfolio.cli", "build"],
                          cwd=root / "demo", capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    with loopback_server(root / "demo" / "site") as server:
        yield server


@pytest.mark.parametrize("scheme", [pytest.param(s, id=f"{ID}-{s}") for s in ("light", "dark")])
def test_instant_navigation_keeps_folds_and_blocks_working(browser: Any, demo_site: str,
                                                           scheme: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    tab = context.new_page()
    tab.goto(demo_site)
    expect(tab.locator(".pf-hero__title")).to_have_text("Curbside")
    hero = tab.locator(".pf-hero").evaluate("e => getComputedStyle(e).borderRadius")
    assert hero != "0px", "the overview's stylesheet reached the page"
    tab.evaluate("window.__same_document = true")
    tab.locator(".md-nav--primary a.md-nav__link", has_text="Approach").first.click()
    tab.wait_for_url("**/approach/")
    # Instant navigation: the page was swapped in, not loaded again.
    assert tab.evaluate("window.__same_document === true")
    summary = tab.locator(".pf-fold__toggle > summary").first
    expect(summary).to_have_attribute("aria-expanded", "false")
    summary.click()
    expect(summary).to_have_attribute("aria-expanded", "true")
    colours = BLOCK_TYPES["dead-end"].colours
    tab.locator(".md-nav--primary a.md-nav__link", has_text="Dead ends").first.click()
    tab.wait_for_url("**/dead-ends/")
    icon = tab.locator(".admonition.dead-end .admonition-title, .dead-end > summary").first \
        .evaluate("e => getComputedStyle(e, '::before').backgroundColor")
    assert icon == rgb(colours.light if scheme == "light" else colours.dark)
    context.close()
