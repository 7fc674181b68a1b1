"""A notebook page in a real headless Chromium: the hidden code behind "Show code", the
hidden outputs, the figure and the table as a reader sees them, with and without JS."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from .conftest import loopback_server
from .harness import build
from .test_notebooks import QUIET, notebook

pytestmark = pytest.mark.browser

HIDDEN = "article .pf-fold--hidden"


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("nb-browser")
    (root / "www").mkdir()
    with loopback_server(root / "www") as server:
        base = server + "writeup/"
        build(root / "src", {"index.md": "# Home\n\nThe writeup.\n",
                             "analysis.ipynb": notebook("analysis.ipynb")},
              {"plugins": [{"portfolio": QUIET}], "site_url": base,
               "site_dir": str(root / "www" / "writeup"),
               "theme": {"name": "material", "font": False,
                         "features": ["content.code.copy", "navigation.instant"]}})
        yield base + "analysis/"


def _visible(tab: Any, selector: str) -> bool:
    """Whether the first match is rendered (``checkVisibility`` knows a closed
    ``<details>``, where a box can still have a height)."""
    return bool(tab.evaluate("(s) => { const e = document.querySelector(s);"
                             " return !!e && e.checkVisibility()"
                             " && e.getBoundingClientRect().height > 0; }", selector))


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_hidden_code_shows_on_click(browser: Any, base_url: str, javascript: bool) -> None:
    context = browser.new_context(viewport={"width": 1100, "height": 900},
                                  java_script_enabled=javascript)
    tab = context.new_page()
    tab.goto(base_url)
    code = f"{HIDDEN} pre"
    assert not _visible(tab, code), "hidden input starts folded"
    summary = tab.locator(f"{HIDDEN} .pf-fold__toggle > summary").first
    assert summary.inner_text().startswith("Show code")
    summary.click()
    assert _visible(tab, code)
    assert "def confusion" in tab.locator(code).first.inner_text()
    assert summary.inner_text().startswith("Hide code")
    # Outputs hidden with hide-output open the same way.
    outputs = tab.locator("article details.pf-nb-outputs > summary")
    assert not _visible(tab, "article details.pf-nb-outputs .pf-nb-output")
    outputs.click()
    assert _visible(tab, "article details.pf-nb-outputs .pf-nb-output")
    # The figure loads, the table is Material's.
    loaded = tab.evaluate("() => { const i = document.querySelector('article figure img');"
                          " return i.complete && i.naturalWidth > 0; }")
    assert loaded
    if javascript:  # Material wraps its tables in a scroll wrapper by script
        assert tab.locator("article .pf-nb-html .md-typeset__table table").count() == 1
    context.close()


def test_printed_hidden_code_is_shown(browser: Any, base_url: str) -> None:
    context = browser.new_context()
    tab = context.new_page()
    tab.goto(base_url)
    tab.emulate_media(media="print")
    assert _visible(tab, f"{HIDDEN} pre")
    context.close()
