"""Mermaid and image zoom in a real headless Chromium, with every request that leaves
the site refused: diagrams take Mermaid from the site (``visuals.mermaid_script: site``,
the default; see test_diagrams_browser.py for the demo site and the CDN)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from .demo_sites import QUIET, SHOT, build_shared
from .harness import Built

pytestmark = pytest.mark.browser

PAGES: dict[str, Any] = {
    "index.md": """
        # Diagrams

        ```mermaid
        graph LR
          A[Images] --> B(Model) --> C{Label}
        ```

        ![A chart](img/shot.png)

        /// caption
        Errors by class.
        ///

        [Continue reading](next.md)
        """,
    "next.md": """
        # Next

        ```mermaid
        sequenceDiagram
          Reader->>Site: opens
          Site-->>Reader: diagram
        ```

        ![Another chart](img/shot.png)
        """,
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: Any) -> Iterator[tuple[Built, str]]:
    """Served at its own site_url (instant navigation follows only links inside it)."""
    import functools
    import http.server
    import threading

    root = tmp_path_factory.mktemp("visuals")
    (root / "www").mkdir()

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(root / "www")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/docs/"
    config = {
        "theme": {"name": "material", "font": False, "features": ["navigation.instant"],
                  "palette": [{"scheme": "default", "toggle": {"icon": "material/weather-night",
                                                               "name": "Dark"}},
                              {"scheme": "slate", "toggle": {"icon": "material/weather-sunny",
                                                             "name": "Light"}}]},
        "site_url": base,
        "site_dir": str(root / "www" / "docs"),
        "plugins": [{"portfolio": dict(QUIET, visuals={"zoom": True})}],
    }
    pages = dict(PAGES, **{"img/shot.png": SHOT.read_bytes()})
    built, _ = build_shared(root / "src", pages, config)
    yield built, base
    server.shutdown()
    server.server_close()


@pytest.fixture
def open_page(browser: Any, site: tuple[Built, str]) -> Iterator[Any]:
    base = site[1]
    contexts: list[Any] = []
    outside: list[str] = []

    def go(path: str = "", scheme: str = "default") -> Any:
        context = browser.new_context()
        contexts.append(context)
        context.route(lambda url: not url.startswith(base),
                      lambda route: (outside.append(route.request.url), route.abort()))
        index = 1 if scheme == "slate" else 0
        context.add_init_script(OPEN_SHADOWS)
        context.add_init_script(
            "localStorage.setItem('/docs/.__palette', JSON.stringify("
            f"{{index: {index}, color: {{scheme: '{scheme}'}}}}))")
        page = context.new_page()
        page.goto(base + path)
        return page

    yield go
    for context in contexts:
        context.close()
    assert outside == []


OPEN_SHADOWS = """
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) {
  return attach.call(this, Object.assign({}, init, {mode: "open"}));
};
"""
"""Material puts each diagram in a closed shadow root; the test opens it to look inside."""


def _rgba(css: str) -> tuple[float, float, float, float]:
    parts = [float(p) for p in css[css.index("(") + 1:css.index(")")].split(",")]
    return parts[0], parts[1], parts[2], parts[3] if len(parts) > 3 else 1.0


def _over(colour: str, background: str) -> str:
    """``colour`` composited over an opaque ``background``."""
    r, g, b, a = _rgba(colour)
    br, bg, bb, _ = _rgba(background)
    return f"rgb({r * a + br * (1 - a)}, {g * a + bg * (1 - a)}, {b * a + bb * (1 - a)})"


def _luminance(css: str) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b, _ = _rgba(css)
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def _contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_mermaid_renders_a_readable_svg(open_page: Any, scheme: str) -> None:
    page = open_page(scheme=scheme)
    svg = page.locator("div.mermaid svg")
    svg.wait_for()
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == scheme
    assert svg.locator(".node").count() == 3
    assert "Model" in svg.text_content()
    colours = page.evaluate("""() => {
      const root = document.querySelector('div.mermaid').shadowRoot;
      const shape = root.querySelector('.node rect, .node path, .node polygon');
      const label = root.querySelector('.nodeLabel, .node .label');
      const edge = root.querySelector('.flowchart-link, .edgePath path');
      return {page: getComputedStyle(document.body).backgroundColor,
              node: getComputedStyle(shape).fill, text: getComputedStyle(label).color,
              edge: getComputedStyle(edge).stroke};
    }""")
    assert (_luminance(colours["page"]) < 0.2) == (scheme == "slate")
    node = _over(colours["node"], colours["page"])
    assert _contrast(node, colours["text"]) >= 4.5, colours
    assert _contrast(colours["page"], colours["edge"]) >= 3, colours


def test_second_diagram_after_instant_navigation(open_page: Any) -> None:
    page = open_page()
    page.locator("div.mermaid svg").wait_for()
    page.evaluate("window.__sameDocument = true")
    page.get_by_role("link", name="Continue reading").click()
    page.wait_for_function("document.querySelector('h1').textContent.includes('Next')")
    assert page.evaluate("window.__sameDocument") is True
    page.locator("div.mermaid svg").wait_for()
    assert "Reader" in page.locator("div.mermaid svg").text_content()


def test_zoom_opens_an_image_after_instant_navigation(open_page: Any) -> None:
    page = open_page()
    page.get_by_role("link", name="Continue reading").click()
    page.wait_for_function("document.querySelector('h1').textContent.includes('Next')")
    page.locator("a.glightbox").click()
    page.locator(".glightbox-container .gslide-image img").wait_for()
    assert page.locator(".glightbox-container").is_visible()
