"""Mermaid and image zoom in a real headless Chromium.

Material loads Mermaid from unpkg.com on pages that have a diagram. This machine
reaches no such host, so the test serves the same file, Mermaid 11 from the npm
registry (``npm pack``, cached), in its place.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tarfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .demo_sites import QUIET, SHOT, build_shared
from .harness import Built

pytestmark = pytest.mark.browser

MERMAID_URL = "https://unpkg.com/mermaid@11/dist/mermaid.min.js"
"""Where Material 9 loads Mermaid from."""

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


@pytest.fixture(scope="session")
def mermaid_js(tmp_path_factory: Any) -> bytes:
    """``dist/mermaid.min.js`` of Mermaid 11, from the npm registry (cached)."""
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    target = cache / "mkdocs-portfolio-tests" / "mermaid-11.min.js"
    if not target.is_file():
        npm = shutil.which("npm")
        why = "npm is not installed" if npm is None else ""
        if npm is not None:
            work = tmp_path_factory.mktemp("npm")
            done = subprocess.run([npm, "pack", "mermaid@11", "--silent"], cwd=work,
                                  capture_output=True, text=True, timeout=300, check=False)
            packs = list(work.glob("mermaid-*.tgz"))
            if done.returncode or not packs:
                why = f"npm pack mermaid@11 failed: {done.stderr.strip()[-300:]}"
            else:
                with tarfile.open(packs[0]) as tar:
                    member = tar.extractfile("package/dist/mermaid.min.js")
                    assert member is not None
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(member.read())
        if why:
            if os.environ.get("CI"):
                pytest.fail(why)
            pytest.skip(why)
    return target.read_bytes()


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
def open_page(browser: Any, site: tuple[Built, str], mermaid_js: bytes) -> Iterator[Any]:
    base = site[1]
    contexts: list[Any] = []

    def go(path: str = "", scheme: str = "default") -> Any:
        context = browser.new_context()
        contexts.append(context)
        context.route(MERMAID_URL, lambda route: route.fulfill(
            body=mermaid_js, content_type="text/javascript"))
        context.route(lambda url: not url.startswith(base) and url != MERMAID_URL,
                      lambda route: route.abort())
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
