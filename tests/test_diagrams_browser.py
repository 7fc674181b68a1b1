"""The demo site's diagrams render in real headless Chromium with every request that
leaves the site refused, as for an offline reader or one behind a network that blocks
the CDN; in the light and the dark palette, in Material's diagram colours; after
instant navigation from a page without a diagram too. Every refused request is
recorded: the only outside request left is Material's own to api.github.com for the
repository's facts (the demo site has a ``repo_url``). With ``mermaid_script: cdn``
the page asks unpkg.com, as Material does; a mermaid of the author's wins."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from .conftest import loopback_server
from .demo_sites import build_shared
from .harness import build

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent
UNPKG = "https://unpkg.com/mermaid@11/dist/mermaid.min.js"
"""Where Material 9 loads Mermaid from when the page has none."""
MATERIALS_OWN = {"api.github.com"}
"""Outside hosts the demo site's pages still ask: Material's repository facts (stars,
forks, latest release) for ``repo_url`` (docs/configuration.md, Outside requests)."""

OPEN_SHADOWS = """
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) {
  return attach.call(this, Object.assign({}, init, {mode: "open"}));
};
"""
"""Material puts each diagram in a closed shadow root; the test opens it to look inside."""

COLOURS = """() => {
  const root = document.querySelector('div.mermaid').shadowRoot;
  const probe = (name) => {
    const el = document.createElement('span');
    el.style.color = `var(${name})`;
    document.querySelector('div.mermaid').parentElement.append(el);
    const colour = getComputedStyle(el).color;
    el.remove();
    return colour;
  };
  const shape = root.querySelector('.node rect, .node polygon, .node path');
  const label = root.querySelector('.nodeLabel');
  const edge = root.querySelector('.flowchart-link');
  return {
    edge: getComputedStyle(edge).stroke, edgeVar: probe('--md-mermaid-edge-color'),
    node: getComputedStyle(shape).fill, stroke: getComputedStyle(shape).stroke,
    label: getComputedStyle(label).color,
    nodeVar: probe('--md-mermaid-node-bg-color'), strokeVar: probe('--md-mermaid-node-fg-color'),
    labelVar: probe('--md-mermaid-label-fg-color'),
  };
}"""


@dataclass
class Tab:
    page: Any
    outside: list[str] = field(default_factory=list)
    """Every request to another host, refused."""
    inside: list[str] = field(default_factory=list)

    def hosts(self) -> set[str]:
        return {urlsplit(url).hostname or url for url in self.outside}

    def copies(self) -> list[str]:
        return [url for url in self.inside if url.endswith("/mermaid/mermaid.min.js")]

    def svg(self) -> Any:
        svg = self.page.locator("div.mermaid svg").first
        svg.wait_for()
        return svg


Open = Callable[..., Tab]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo site, built at the URL it is served at (instant navigation follows only
    links inside ``site_url``)."""
    root = tmp_path_factory.mktemp("diagrams")
    shutil.copytree(REPO / "demo_site", root / "demo", ignore=shutil.ignore_patterns("site"))
    (root / "www").mkdir()
    with loopback_server(root / "www") as base:
        url = f"{base}curbside/"
        build(root / "demo", config_file=root / "demo" / "mkdocs.yml",
              site_dir=str(root / "www" / "curbside"), site_url=url, allow_warnings=True)
        yield url


@pytest.fixture
def open_tab(browser: Any) -> Iterator[Open]:
    contexts: list[Any] = []

    def go(url: str, scheme: str = "default") -> Tab:
        # The demo site's palettes follow the system's (prefers-color-scheme).
        context = browser.new_context(color_scheme="dark" if scheme == "slate" else "light")
        contexts.append(context)
        tab = Tab(context.new_page())
        site = url[:url.index("/", len("http://"))]

        def route(r: Any) -> None:
            if r.request.url.startswith(site + "/"):
                tab.inside.append(r.request.url)
                r.continue_()
            elif r.request.url.startswith(("data:", "blob:")):
                r.continue_()
            else:
                tab.outside.append(r.request.url)
                r.abort()

        context.route("**/*", route)
        context.add_init_script(OPEN_SHADOWS)
        tab.page.goto(url)
        return tab

    yield go
    for context in contexts:
        context.close()


def test_demo_diagram_renders_offline_in_both_palettes(demo: str, open_tab: Open) -> None:
    seen = {}
    for scheme in ("default", "slate"):
        tab = open_tab(demo + "problem/", scheme)
        svg = tab.svg()
        assert tab.page.evaluate("document.body.getAttribute('data-md-color-scheme')") == scheme
        assert "Dispatcher" in svg.text_content()
        assert tab.page.locator("pre.mermaid").count() == 0  # every diagram of the page
        colours = seen[scheme] = tab.page.evaluate(COLOURS)
        # Material's diagram theme, read through its custom properties, in this palette.
        assert colours["node"] == colours["nodeVar"], colours
        assert colours["stroke"] == colours["strokeVar"], colours
        assert colours["label"] == colours["labelVar"], colours
        assert colours["edge"] == colours["edgeVar"], colours
        tab.page.wait_for_load_state("networkidle")
        assert len(tab.copies()) == 1
        assert tab.hosts() == MATERIALS_OWN, tab.outside
    light, dark = seen["default"], seen["slate"]
    # Labels and edges follow the scheme (nodes take the accent colour, the same in both).
    assert light["label"] != dark["label"], (light, dark)
    assert light["edge"] != dark["edge"], (light, dark)


def test_diagram_after_instant_navigation_from_a_page_without_one(demo: str,
                                                                  open_tab: Open) -> None:
    tab = open_tab(demo + "data/")
    tab.page.wait_for_load_state("networkidle")
    assert tab.page.locator(".mermaid").count() == 0
    assert tab.copies() == []  # a page without a diagram loads no Mermaid
    tab.page.evaluate("window.__sameDocument = true")
    tab.page.locator("nav.md-nav--primary a.md-nav__link[href$='problem/']").first.click()
    tab.page.wait_for_url(demo + "problem/")
    assert "Dispatcher" in tab.svg().text_content()
    assert tab.page.evaluate("window.__sameDocument") is True  # instant, not a page load
    tab.page.locator("nav.md-nav--primary a.md-nav__link[href$='approach/']").first.click()
    tab.page.wait_for_url(demo + "approach/")
    tab.page.wait_for_function("!document.querySelector('pre.mermaid')")
    tab.svg()
    tab.page.wait_for_load_state("networkidle")
    assert len(tab.copies()) == 1  # loaded once for the whole visit
    assert tab.hosts() == MATERIALS_OWN, tab.outside


DIAGRAM = """
# Pipeline

```mermaid
graph LR
  A[Images] --> B(Model)
```
"""


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., str]]:
    """Small sites with one diagram and no repository, served on loopback."""
    root = tmp_path_factory.mktemp("small")
    (root / "www").mkdir()
    with loopback_server(root / "www") as base:
        def make(name: str, config: dict[str, Any], pages: dict[str, Any] | None = None,
                 theme: dict[str, Any] | None = None, beside: dict[str, str] | None = None,
                 ) -> str:
            """``beside``: files next to ``mkdocs.yml`` (a ``custom_dir``)."""
            url = f"{base}{name}/"
            for rel, text in (beside or {}).items():
                (root / name / rel).parent.mkdir(parents=True, exist_ok=True)
                (root / name / rel).write_text(text, encoding="utf-8")
            conf = {"theme": {"name": "material", "font": False,
                              "features": ["navigation.instant"], **(theme or {})},
                    "site_url": url, "site_dir": str(root / "www" / name), **config}
            build_shared(root / name, {"index.md": DIAGRAM, **(pages or {})}, conf)
            return url

        yield make


def test_cdn_asks_unpkg_as_material_does(small: Callable[..., str], open_tab: Open) -> None:
    url = small("cdn", {"plugins": [{"portfolio": {"audit": {"enabled": False},
                                                   "visuals": {"mermaid_script": "cdn"}}}]})
    tab = open_tab(url)
    tab.page.wait_for_load_state("networkidle")
    assert tab.outside == [UNPKG]  # asked, and refused here
    assert tab.copies() == []
    assert tab.page.locator("div.mermaid svg").count() == 0


def test_the_authors_own_mermaid_wins(small: Callable[..., str], open_tab: Open) -> None:
    own = ("window.mermaid = {initialize: function () {}, render: function (id) {"
           " return Promise.resolve({svg: '<svg id=\"theirs\"><text>theirs</text></svg>'});"
           " }};\n")
    url = small("own", {"extra_javascript": ["js/mermaid.js"]}, {"js/mermaid.js": own})
    tab = open_tab(url)
    assert tab.svg().get_attribute("id") == "theirs"
    tab.page.wait_for_load_state("networkidle")
    assert tab.copies() == [] and tab.outside == []


def source_without_facts() -> str:
    """The override of Material's ``partials/source.html`` that docs/configuration.md
    gives (Outside requests): the link without ``data-md-component="source"``, the hook
    of Material's script that asks the forge for the facts."""
    text = (REPO / "docs" / "configuration.md").read_text(encoding="utf-8")
    section = text[text.index("## Outside requests"):]
    found = re.search(r"```html\n(.*?)```", section, re.DOTALL)
    assert found is not None, "docs/configuration.md lost its override of source.html"
    return found[1]


def test_outside_requests_and_how_to_turn_them_off(small: Callable[..., str],
                                                   open_tab: Open) -> None:
    repo = {"repo_url": "https://github.com/ada-moreno/curbside"}
    asked = open_tab(small("asks", repo, theme={"font": {"text": "Roboto"}}))
    asked.page.wait_for_load_state("networkidle")
    assert asked.hosts() == {"api.github.com", "fonts.googleapis.com"}, asked.outside
    assert asked.copies() and asked.svg()
    quiet = open_tab(small("quiet", repo, theme={"custom_dir": "overrides"},
                           beside={"overrides/partials/source.html": source_without_facts()}))
    quiet.svg()
    quiet.page.wait_for_load_state("networkidle")
    assert quiet.outside == []
    assert quiet.page.locator("a.md-source[href='https://github.com/ada-moreno/curbside']").count()
