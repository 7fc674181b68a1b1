"""The browser harness itself: a built site opens in headless Chromium."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import BuildSite

pytestmark = pytest.mark.browser


def test_blocks_render_with_their_icon(build_site: BuildSite, browser: Any, serve: Any) -> None:
    site = build_site({"index.md": """
        # Home

        !!! dead-end "Tried a CNN"
            It overfit.
        """}, allow_warnings=("audit [",))
    base = serve(site.site_dir)
    page = browser.new_page()
    page.goto(base)
    block = page.locator("#dead-end-tried-a-cnn")
    assert block.is_visible()
    colour = block.evaluate("el => getComputedStyle(el).borderLeftColor")
    mask = page.locator("#dead-end-tried-a-cnn > .admonition-title").evaluate(
        "el => getComputedStyle(el, '::before').maskImage || "
        "getComputedStyle(el, '::before').webkitMaskImage")
    assert colour == "rgb(109, 76, 65)"  # the dead-end colour of the light palette
    assert "svg" in mask
    page.close()
