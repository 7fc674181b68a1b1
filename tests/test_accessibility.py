"""Accessibility of our markup: axe-core in headless Chromium, keyboard, colour contrast.

- axe-core (installed from npm by ``.ci/run``; found by ``$AXE_CORE``) runs over every
  page of the demo site in the light and the dark (``slate``) palette: no serious or
  critical violation may come from our markup (the six blocks, fold controls, demos,
  page info, the overview). Violations in Material's own markup are not ours to fix
  and are only printed.
- The fold control and the demo launcher are reached with Tab and work with Enter.
- Every block type, in both palettes and in both the ``!!!`` and ``???`` forms, has
  text at 4.5:1 against its background and an icon at 3:1 (WCAG 2.1 AA 1.4.3, 1.4.11).

The demo site and its pages load nothing from the network: requests that leave
127.0.0.1 are refused, as for an offline reader.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mkdocs_portfolio.markdown import BLOCK_TYPES

from .harness import build

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent
AXE_DEFAULT = Path.home() / ".cache/mkdocs-portfolio/node_modules/axe-core/axe.min.js"
PALETTES = {"light": "default", "dark": "slate"}
OURS = ", ".join([
    "[class*='pf-']",
    *(f".admonition.{t}, details.{t}" for t in BLOCK_TYPES),
])
"""Our markup: anything with a ``pf-`` class, and the six blocks."""


def axe_source() -> str:
    path = Path(os.environ.get("AXE_CORE") or AXE_DEFAULT)
    if not path.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"axe-core is missing at {path}: .ci/run installs it from npm")
        pytest.skip(f"axe-core not installed (npm install --prefix {AXE_DEFAULT.parents[2]} "
                    "axe-core@4)")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (REPO / "demo_site" / "mkdocs.yml").is_file():
        pytest.skip("demo_site/ is not there yet")
    root = tmp_path_factory.mktemp("a11y") / "demo"
    shutil.copytree(REPO / "demo_site", root, ignore=shutil.ignore_patterns("site"))
    build(root, config_file=root / "mkdocs.yml", site_dir=str(root / "site"),
          allow_warnings=True)
    return root / "site"


def _offline(context: Any) -> None:
    def route(r: Any) -> None:
        if r.request.url.startswith(("http://127.0.0.1", "data:", "blob:")):
            r.continue_()
        else:
            r.abort()

    context.route("**/*", route)


@pytest.fixture(params=list(PALETTES), scope="module")
def palette(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def tab(browser: Any, palette: str) -> Iterator[Any]:
    context = browser.new_context(color_scheme=palette, viewport={"width": 1280, "height": 900})
    _offline(context)
    page = context.new_page()
    yield page
    context.close()


def _open(tab: Any, url: str, palette: str) -> None:
    tab.goto(url)
    tab.wait_for_load_state("load")
    scheme = tab.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
    if scheme != PALETTES[palette]:  # a site with one palette: switch it by hand
        tab.evaluate(f"() => document.body.setAttribute('data-md-color-scheme', "
                     f"'{PALETTES[palette]}')")
    tab.wait_for_timeout(150)


# -- axe-core over the demo site ------------------------------------------------------------------

RUN_AXE = """
async (ours) => {
  const results = await axe.run(document, {resultTypes: ['violations']});
  const out = [];
  for (const v of results.violations) {
    if (!['serious', 'critical'].includes(v.impact)) continue;
    for (const node of v.nodes) {
      const selector = node.target[node.target.length - 1];
      let el = null;
      try { el = document.querySelector(Array.isArray(selector) ? selector[0] : selector); }
      catch (e) { el = null; }
      // Code inside our fold wrapper is Pygments' and Material's (line numbers, spans),
      // unless the element itself is ours.
      const code = el && el.closest('.highlight, .md-code__nav') &&
                   !(el.className && String(el.className).includes('pf-'));
      // Links in an author's text are styled by Material, inside our blocks or not.
      const authorLink = v.id === 'link-in-text-block' && el && el.tagName === 'A' &&
                         !String(el.className).includes('pf-');
      let part = null;
      if (el && !code && !authorLink) {
        if (el.closest('.pf-fold')) part = 'fold';
        else if (el.closest('.pf-demo')) part = 'demo';
        else if (el.closest('.pf-page-info')) part = 'page-info';
        else if (el.closest('.pf-overview') || el.closest('[class*="pf-ov"]')) part = 'overview';
        else if (el.closest(ours)) part = 'blocks';
      }
      out.push({rule: v.id, impact: v.impact, target: String(selector), part: part,
                summary: node.failureSummary, html: node.html.slice(0, 200)});
    }
  }
  return out;
}
"""
PARTS = ["blocks", "fold", "demo", "page-info", "overview"]
"""Our markup, by the feature that makes it."""

_AXE_RESULTS: dict[str, list[dict[str, Any]]] = {}


def axe_results(demo_site: Path, browser: Any, serve: Any, palette: str) -> list[dict[str, Any]]:
    """axe-core over every page of the demo site in one palette (run once per palette)."""
    if palette in _AXE_RESULTS:
        return _AXE_RESULTS[palette]
    axe = axe_source()
    base = serve(demo_site)
    pages = sorted(p.relative_to(demo_site).as_posix() for p in demo_site.rglob("index.html"))
    assert len(pages) >= 5, pages
    context = browser.new_context(color_scheme=palette, viewport={"width": 1280, "height": 900})
    _offline(context)
    tab = context.new_page()
    found: list[dict[str, Any]] = []
    counted = 0
    try:
        for rel in pages:
            _open(tab, base + rel, palette)
            tab.add_script_tag(content=axe)
            counted += tab.evaluate(f"() => document.querySelectorAll(\"{OURS}\").length")
            found += [{**v, "page": rel} for v in tab.evaluate(RUN_AXE, OURS)]
    finally:
        context.close()
    assert counted > 20, "the demo site shows our blocks, folds, demos, overview"
    theirs = sorted({f"{v['rule']} at {v['target']}" for v in found if v["part"] is None})
    if theirs:
        print(f"[{palette}] violations in Material's own markup (not ours): {theirs}")
    _AXE_RESULTS[palette] = found
    return found


KNOWN: dict[tuple[str, str], str] = {
}
"""Violations found and not yet fixed by the owner of the CSS: (palette, part) -> what."""


@pytest.mark.parametrize("part", PARTS)
def test_no_serious_axe_violation_in_our_markup(demo_site: Path, browser: Any, serve: Any,
                                                palette: str, part: str,
                                                request: pytest.FixtureRequest) -> None:
    if (palette, part) in KNOWN:
        request.applymarker(pytest.mark.xfail(strict=True, reason=KNOWN[palette, part]))
    found = axe_results(demo_site, browser, serve, palette)
    ours = [f"{v['page']}: {v['rule']} ({v['impact']}) at {v['target']}: {v['html']}\n"
            f"    {v['summary']}" for v in found if v["part"] == part]
    assert not ours, f"[{palette}] serious/critical axe violations in the {part} markup:\n" + \
        "\n".join(ours)


# -- keyboard --------------------------------------------------------------------------------


def _tab_to(tab: Any, selector: str, limit: int = 400) -> bool:
    """Press Tab until the focused element matches ``selector``."""
    for _ in range(limit):
        tab.keyboard.press("Tab")
        if tab.evaluate("(s) => !!document.activeElement && document.activeElement.matches(s)",
                        selector):
            return True
    return False


def test_fold_control_works_by_keyboard(demo_site: Path, tab: Any, serve: Any,
                                        palette: str) -> None:
    base = serve(demo_site)
    page = next(p for p in sorted(demo_site.rglob("index.html"))
                if "pf-fold" in p.read_text(encoding="utf-8"))
    _open(tab, base + page.relative_to(demo_site).as_posix(), palette)
    first = ("() => { const code = document.querySelector('.pf-fold pre > code'); "
             "return [code.getBoundingClientRect().height, code.scrollHeight]; }")
    before = tab.evaluate(first)
    assert before[0] < before[1] - 2, f"the block is not folded on load: {before}"
    toggle = ".pf-fold .pf-fold__toggle summary, .pf-fold__toggle [role=button]"
    assert _tab_to(tab, toggle), "Tab never reaches a fold control"
    # Focus that passed through the block on the way (its copy button, its code) may
    # have unfolded it already; Enter must then toggle it either way.
    state = ("() => { const b = document.activeElement.closest('.pf-fold'); "
             "const code = b.querySelector('pre > code'); "
             "const r = code.getBoundingClientRect().height; "
             "return {open: r >= code.scrollHeight - 2, "
             "expanded: document.activeElement.getAttribute('aria-expanded'), "
             "label: document.activeElement.innerText.trim()}; }")
    start = tab.evaluate(state)
    wanted = "Show fewer" if start["open"] else "Show all"
    assert wanted in start["label"], f"the control says what it does: {start}"
    for _ in range(2):
        previous = tab.evaluate(state)
        tab.keyboard.press("Enter")
        tab.wait_for_timeout(200)
        now = tab.evaluate(state)
        assert now["open"] != previous["open"], f"Enter did not toggle the fold: {now}"
        if now["expanded"] is not None:
            assert now["expanded"] == ("true" if now["open"] else "false"), now
    visible = tab.evaluate("() => { const r = document.activeElement.getBoundingClientRect(); "
                           "return r.width > 0 && r.height > 0; }")
    assert visible, "the focused control is visible"
    outline = tab.evaluate("() => { const s = getComputedStyle(document.activeElement); "
                           "return s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.boxShadow; }")
    assert outline.split()[0] != "none" or "rgb" in outline, f"no focus indicator: {outline}"


def test_demo_launcher_works_by_keyboard(demo_site: Path, tab: Any, serve: Any,
                                         palette: str) -> None:
    base = serve(demo_site)
    page = next(p for p in sorted(demo_site.rglob("index.html"))
                if "data-pf-launch" in p.read_text(encoding="utf-8")
                and "pf-overview" not in p.read_text(encoding="utf-8"))
    _open(tab, base + page.relative_to(demo_site).as_posix(), palette)
    launcher = ".pf-demo [data-pf-launch]"
    assert _tab_to(tab, launcher), "Tab never reaches a demo launcher"
    label = tab.evaluate("() => document.activeElement.getAttribute('aria-label') || "
                         "document.activeElement.innerText")
    assert "demo" in label.lower(), f"the launcher says what it does: {label!r}"
    popups: list[Any] = []
    tab.context.on("page", lambda new: popups.append(new))
    tab.keyboard.press("Enter")
    frame = tab.wait_for_selector(".pf-demo iframe", state="attached", timeout=5000)
    assert frame is not None, "Enter did not launch the demo"
    assert not popups, "Enter opened a new tab instead of launching the demo in the page"
    assert frame.get_attribute("title"), "the launched frame has a title"


# -- colour contrast of every block ------------------------------------------------------------

CONTRAST = """
(selector) => {
  function parse(text) {
    let m = text.match(/^rgba?\\(([^)]+)\\)/);
    if (m) {
      const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(parseFloat);
      return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
    }
    m = text.match(/^color\\(srgb ([^)]+)\\)/);
    if (m) {
      const p = m[1].split(/[\\s\\/]+/).filter(Boolean).map(parseFloat);
      return {r: p[0] * 255, g: p[1] * 255, b: p[2] * 255, a: p.length > 3 ? p[3] : 1};
    }
    return null;
  }
  function over(top, bottom) {
    const a = top.a + bottom.a * (1 - top.a);
    const mix = (t, b) => (t * top.a + b * bottom.a * (1 - top.a)) / a;
    return {r: mix(top.r, bottom.r), g: mix(top.g, bottom.g), b: mix(top.b, bottom.b), a: a};
  }
  function background(el) {
    const chain = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0) chain.push(c);
      if (c && c.a >= 1) break;
    }
    let colour = {r: 255, g: 255, b: 255, a: 1};
    for (const c of chain.reverse()) colour = over(c, colour);
    return colour;
  }
  function luminance(c) {
    const f = (v) => {
      v /= 255;
      return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  }
  function ratio(fg, bg) {
    fg = over(fg, bg);
    const [x, y] = [luminance(fg), luminance(bg)].sort((p, q) => q - p);
    return Math.round((x + 0.05) / (y + 0.05) * 100) / 100;
  }
  const out = [];
  for (const block of document.querySelectorAll(selector)) {
    const title = block.querySelector(':scope > .admonition-title, :scope > summary');
    const body = block.querySelector(':scope > p:not(.admonition-title)');
    const titleBg = background(title);
    const icon = getComputedStyle(title, '::before');
    out.push({
      id: block.id,
      title: ratio(parse(getComputedStyle(title).color), titleBg),
      body: body ? ratio(parse(getComputedStyle(body).color), background(body)) : null,
      icon: ratio(parse(icon.backgroundColor) || {r: 0, g: 0, b: 0, a: 0}, titleBg),
    });
  }
  return out;
}
"""


def _blocks_page() -> str:
    parts = ["# Every block\n\nThe six blocks in both forms, for contrast checks.\n"]
    for t in BLOCK_TYPES:
        if t == "demo":
            parts.append('!!! demo "Demo block"\n    A demo, described in words.\n')
            parts.append('??? demo "Demo block, collapsible"\n    Collapsed.\n')
            continue
        parts.append(f'!!! {t} "The {t} block"\n    Body text of the {t} block.\n')
        parts.append(f'???+ {t} "The collapsible {t} block"\n    Body text, collapsible.\n')
    return "\n".join(parts)


@pytest.fixture(scope="module")
def blocks_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("contrast")
    palettes = [{"scheme": "default", "primary": "indigo", "accent": "indigo",
                 "media": "(prefers-color-scheme: light)"},
                {"scheme": "slate", "primary": "indigo", "accent": "indigo",
                 "media": "(prefers-color-scheme: dark)"}]
    built = build(root, {"index.md": _blocks_page()},
                  {"theme": {"name": "material", "palette": palettes}}, allow_warnings=True)
    return built.site_dir


def test_blocks_meet_wcag_aa_contrast(blocks_site: Path, tab: Any, serve: Any,
                                      palette: str) -> None:
    _open(tab, serve(blocks_site), palette)
    selector = ", ".join(f".admonition.{t}, details.{t}" for t in BLOCK_TYPES)
    results = tab.evaluate(CONTRAST, selector)
    assert len(results) == 2 * len(BLOCK_TYPES), results
    failures = []
    for r in results:
        if r["title"] < 4.5:
            failures.append(f"{r['id']}: title text {r['title']}:1 (needs 4.5:1)")
        if r["body"] is not None and r["body"] < 4.5:
            failures.append(f"{r['id']}: body text {r['body']}:1 (needs 4.5:1)")
        if r["icon"] < 3:
            failures.append(f"{r['id']}: icon {r['icon']}:1 (needs 3:1)")
    assert not failures, f"[{palette}] WCAG AA contrast:\n" + "\n".join(failures)


def test_contrast_check_can_fail(blocks_site: Path, tab: Any, serve: Any,
                                 palette: str) -> None:
    """The measure itself: grey on grey is caught."""
    _open(tab, serve(blocks_site), palette)
    tab.add_style_tag(content=".admonition.problem > .admonition-title { color: #888 !important;"
                              " background: #999 !important; }")
    results = tab.evaluate(CONTRAST, ".admonition.problem")
    assert results and results[0]["title"] < 1.5, results
