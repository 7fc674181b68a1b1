"""Hostile input never reaches the HTML live.

Every vector (``<script>``, ``"><svg onload=...>``, an ``onerror`` image,
``javascript:`` and ``data:`` URLs, a Jinja expression) is put in every place an
author controls and the plugin shows: front matter, block titles (all three forms),
result metrics, demo options, and the config values the overview shows. Each
(vector, place) pair carries its own marker, so a failure names both.

"Live" means: inside a ``<script>``, in an ``on*`` attribute, or as a URL with a
scheme that runs code (in ``href``/``src``/... or a ``data-*`` attribute our
JavaScript may load). A Jinja expression is live if it was evaluated.

Material's own templates do not escape front matter (its ``<meta name=description>``
takes ``page.meta.description`` raw): for front matter and ``site_*`` values, what is
checked is that the plugin adds no live occurrence to what Material alone produces.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from .harness import Built, attempt
from .test_urls import RUNS_CODE, browser_scheme

VECTORS: dict[str, str] = {
    "script": "<script>alert({n})</script>",
    "svg-onload": '"><svg onload=alert({n})>',
    "img-onerror": "'><img src=x onerror=alert({n})>",
    "javascript-url": "javascript:alert({n})",
    "data-url": "data:text/html,<script>alert({n})</script>",
    "jinja": "pf{{{{ 6*7 }}}}x{n}",
    # what a browser reads as javascript: once it decodes the attribute and drops the
    # tabs, newlines and controls its URL parser ignores
    "entity-decimal": "&#106;avascript:window.__pwned={n};alert({n})",
    "entity-hex": "&#x6A;avascript:window.__pwned={n};alert({n})",
    "entity-tab": "jav&#x09;ascript:window.__pwned={n};alert({n})",
    "entity-colon": "javascript&colon;window.__pwned={n};alert({n})",
    "newline": "java\nscript:window.__pwned={n};alert({n})",
    "control": "\x01 \x1fJaVaScRiPt:window.__pwned={n};alert({n})",
    "javascript-slashes": "javascript://%0awindow.__pwned={n};alert({n})",
    # markup that Python's HTML parser reads as running to '-->' or ']]>', a browser only
    # to the first '>': what hides inside is live in the browser
    "comment-open": "<!--><img src=x onerror=alert({n})>-->",
    "comment-dash": "<!---><img src=x onerror=alert({n})>-->",
    "cdata": "<![CDATA[><img src=x onerror=alert({n})>]]>",
    "processing": "<?x ><img src=x onerror=alert({n})>?>",
}
"""Payload templates; ``{n}`` is the marker of one (vector, place) pair. A newline is
written ``&#10;`` where a Markdown line holds the payload (it would end the line)."""

PLACES = [
    "front-matter-title", "front-matter-description",
    "admonition-title", "details-title", "block-title", "markdown-link-title",
    "details-link-title", "block-link-title",
    "metric-name", "metric-value", "metric-baseline", "metric-line",
    "demo-space", "demo-url", "demo-video", "demo-screenshot", "demo-poster", "demo-height",
    "site-name", "site-description", "overview-title", "hero-image", "source-repo-url",
    "repo-url",
]
MATERIAL_RENDERS_RAW = {"front-matter-title", "front-matter-description", "site-name",
                        "site-description", "repo-url"}
"""Places that Material itself renders unescaped, with or without the plugin (its header
links to ``repo_url`` as it is)."""
MKDOCS_URL_VECTORS = {"javascript-slashes"}
"""The vectors MkDocs accepts as ``repo_url`` (a scheme and a host); the others stop the
build in MkDocs' own validation, before the plugin runs."""

PAIRS = [(v, p) for p in PLACES for v in VECTORS
         if p != "repo-url" or v in MKDOCS_URL_VECTORS]


def marker(vector: str, place: str) -> int:
    return 1000 + PLACES.index(place) * 100 + list(VECTORS).index(vector)


def payload(vector: str, place: str) -> str:
    return VECTORS[vector].format(n=marker(vector, place))


def evidence(vector: str, place: str) -> str:
    """What appears in the HTML only if the payload is live."""
    n = marker(vector, place)
    return f"pf42x{n}" if vector == "jinja" else f"alert({n})"


def q(text: str) -> str:
    """A YAML/JSON double-quoted scalar."""
    return json.dumps(text)


def vector_page(vector: str) -> str:
    """One page with every in-page place of one vector."""
    p = {place: payload(vector, place) for place in PLACES}
    line = {place: value.replace("\n", "&#10;") for place, value in p.items()}
    return "\n".join([
        "---",
        f"title: {q(p['front-matter-title'])}",
        f"description: {q(p['front-matter-description'])}",
        "---",
        f"# Vector {vector}",
        "",
        "Some prose so that the page has a summary and a reading time.",
        "",
        f'!!! dead-end "{line["admonition-title"]}"',
        "    A dead end.",
        "",
        f'??? next-step "{line["details-title"]}"',
        "    A next step.",
        "",
        f"/// problem | {line['block-title']}",
        "The problem.",
        "///",
        "",
        f'!!! use-case "[a link]({line["markdown-link-title"]})"',
        "    The use case.",
        "",
        f'??? use-case "[a link]({line["details-link-title"]})"',
        "    Another use case.",
        "",
        f"/// problem | [a link]({line['block-link-title']})",
        "Another problem.",
        "///",
        "",
        "/// result | A metric",
        f"    metric: {q(p['metric-name'])}",
        f"    value: {q(p['metric-value'])}",
        f"    baseline: {q(p['metric-baseline'])}",
        "",
        "Better.",
        "///",
        "",
        '!!! result "Metric line"',
        f"    Metric: {line['metric-line']} = 0.9 (baseline 0.8)",
        "",
        "    More.",
        "",
        "/// demo | Space",
        f"    space: {q(p['demo-space'])}",
        "///",
        "",
        "/// demo | App",
        f"    url: {q(p['demo-url'])}",
        f"    screenshot: {q(p['demo-screenshot'])}",
        f"    height: {q(p['demo-height'])}",
        "///",
        "",
        "/// demo | Video",
        f"    video: {q(p['demo-video'])}",
        f"    poster: {q(p['demo-poster'])}",
        "///",
        "",
    ])


def site_pages() -> dict[str, str]:
    pages = {"index.md": "# Home\n\nThe start of a hostile writeup.\n"}
    for vector in VECTORS:
        pages[f"{vector}.md"] = vector_page(vector)
    return pages


def refused_path(text: str) -> bool:
    """A path option with a control character stops the build (test_refused_hero_image):
    the hostile sites are built without it."""
    return any(ord(c) < 0x20 or ord(c) == 0x7F for c in text)


def config_for(vector: str) -> dict[str, Any]:
    extra = {"repo_url": payload(vector, "repo-url")} if vector in MKDOCS_URL_VECTORS else {}
    hero = payload(vector, "hero-image")
    return {
        **extra,
        "site_name": payload(vector, "site-name"),
        "site_description": payload(vector, "site-description"),
        "plugins": ["search", {"portfolio": {
            # A page of its own: the hero (with the payloads in it) is on it.
            "overview": {"title": payload(vector, "overview-title"), "home": False,
                         **({} if refused_path(hero) else {"hero_image": hero})},
            "source": {"repo_url": payload(vector, "source-repo-url")},
        }}],
    }


# -- finding live payloads ---------------------------------------------------------------------

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster",
                  "background", "srcset", "ping"}
TEXT_ATTRIBUTES = {"title", "alt", "aria-label", "aria-description", "content", "value",
                   "placeholder", "id", "class", "data-clipboard-text", "data-md-state"}


def _runs_code(url: str) -> bool:
    """Whether a browser reads ``url`` (an attribute value, entities decoded) as code."""
    return browser_scheme(url) in RUNS_CODE


def live_places(html: str, needle: str) -> list[str]:
    """Where ``needle`` (an ``alert(N)``) is live in a page; empty if nowhere."""
    found: list[str] = []
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(True):
        if tag.name == "script" and tag.get("type", "text/javascript") in (
                "text/javascript", "module", "application/javascript") and needle in tag.text:
            found.append(f"<script>{tag.text[:80]}")
        if tag.name in ("iframe", "frame") and needle in tag.get("srcdoc", ""):
            found.append(f"<{tag.name} srcdoc>")
        for name, value in tag.attrs.items():
            value = " ".join(value) if isinstance(value, list) else str(value)
            if needle not in value:
                continue
            url_like = name in URL_ATTRIBUTES or (
                name.startswith("data-") and name not in TEXT_ATTRIBUTES)
            if name.startswith("on") or (url_like and _runs_code(value)):
                found.append(f"<{tag.name} {name}={value[:60]!r}>")
    return found


def live_in_site(site_dir: Path, needle: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for path in sorted(site_dir.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        if needle.startswith("pf42x"):
            hits = [needle] if needle in html else []
        else:
            hits = live_places(html, needle)
        if hits:
            out[str(path.relative_to(site_dir))] = hits
    return out


# -- the builds -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    """One site per vector, with the plugin."""
    pages = site_pages()
    sites = {}
    for vector in VECTORS:
        sites[vector] = attempt(tmp_path_factory.mktemp(f"with-{vector}"), pages,
                                config_for(vector))
    return sites


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    """The same sites with Material alone: what Material itself renders raw."""
    pages = site_pages()
    sites = {}
    for vector in VECTORS:
        config = config_for(vector)
        config["plugins"] = ["search"]
        config["markdown_extensions"] = ["admonition", "pymdownx.details", "attr_list",
                                         "md_in_html", "pymdownx.superfences"]
        sites[vector] = attempt(tmp_path_factory.mktemp(f"without-{vector}"), pages, config)
    return sites


@pytest.mark.parametrize("vector", [v for v in VECTORS if refused_path(payload(v, "hero-image"))])
def test_refused_hero_image(tmp_path: Path, vector: str) -> None:
    site = attempt(tmp_path, {"index.md": "# Home\n"}, {"plugins": ["search", {"portfolio": {
        "overview": {"hero_image": payload(vector, "hero-image")}}}]})
    assert site.error is not None, vector
    assert "Sub-option 'hero_image'" in site.stop_message and "control character" in \
        site.stop_message, site.stop_message


def test_hostile_sites_build(hostile: dict[str, Built]) -> None:
    for vector, site in hostile.items():
        assert site.error is None, (vector, site.stop_message)
        assert (site.site_dir / "index.html").is_file()
        # every block made it, so each place was really exercised
        article = site.article(f"{vector}.md")
        assert len(article.select(".admonition, details")) >= 8, vector


@pytest.mark.parametrize(("vector", "place"), PAIRS, ids=[f"{p}:{v}" for v, p in PAIRS])
def test_never_live(hostile: dict[str, Built], baseline: dict[str, Built],
                    vector: str, place: str) -> None:
    site = hostile[vector]
    assert site.error is None, site.stop_message
    needle = evidence(vector, place)
    live = live_in_site(site.site_dir, needle)
    if place in MATERIAL_RENDERS_RAW:
        without = live_in_site(baseline[vector].site_dir, needle)
        # Same page, same count: only what Material itself did. A page that exists only
        # with the plugin (the overview) may have what Material puts on every page.
        allowance = max((len(hits) for hits in without.values()), default=0)
        live = {page: hits for page, hits in live.items()
                if len(hits) > len(without.get(page, [])) and
                (page in without or len(hits) > allowance)}
    assert not live, f"{place} with a {vector} payload is live in {live}"


def test_hostile_titles_are_shown_as_text(hostile: dict[str, Built]) -> None:
    article = hostile["script"].article("script.md")
    block = article.select_one(".admonition.dead-end")
    title = block.select_one(".admonition-title").get_text()
    assert title == payload("script", "admonition-title")
    svg = hostile["svg-onload"].article("svg-onload.md").select_one("details.next-step summary")
    assert payload("svg-onload", "details-title") in svg.get_text()
    assert svg.find("svg") is None


def test_link_in_a_title_loses_its_hostile_url(hostile: dict[str, Built]) -> None:
    for vector in ("javascript-url", "data-url"):
        link = hostile[vector].article(f"{vector}.md").select_one(
            ".admonition.use-case .admonition-title a")
        assert link is not None and link.get_text() == "a link"
        assert not _runs_code(link.get("href", "")), link


def test_hostile_demo_options_are_named(hostile: dict[str, Built]) -> None:
    warnings = hostile["javascript-url"].warnings
    for option in ("url", "video"):
        assert any(f"{option}" in w and "javascript" in w and "javascript-url.md" in w
                   for w in warnings), (option, warnings)


def test_hostile_repo_url_is_named(hostile: dict[str, Built]) -> None:
    site = hostile["javascript-slashes"]
    url = payload("javascript-slashes", "repo-url")
    assert any(f"repo_url '{url}'" in w and "'Source code' button" in w
               for w in site.warnings), site.warnings
    hero = site.soup("overview.md").select_one(".pf-hero")
    assert hero is not None and hero.select(".pf-hero__button")  # the other buttons stay
    assert not hero.select(".pf-hero__button--external"), hero


def test_harmless_title_markup_is_kept(tmp_path: Path) -> None:
    site = attempt(tmp_path, {"index.md": """
# Home

!!! dead-end "Tried *BERT* with `lr=1e-3` and <em>more</em> :rocket:"
    It diverged.
"""}, extra_yaml="""
        markdown_extensions:
          - pymdownx.emoji:
              emoji_index: !!python/name:material.extensions.emoji.twemoji
              emoji_generator: !!python/name:material.extensions.emoji.to_svg
        """)
    assert site.error is None, site.stop_message
    title = site.article("index.md").select_one(".dead-end .admonition-title")
    assert title.find("em") is not None and title.find("code") is not None
    assert title.select_one(".twemoji") is not None, title
    assert "<em>" not in title.get_text()


CLICK_SCRIPT_LINKS = """async () => {
  // Every link the browser reads as javascript: (however it was written), except
  // Material's own header link to repo_url; each clicked, its flag read after.
  const ran = [];
  const links = [...document.querySelectorAll('a[href], area[href]')].filter(
    (a) => a.protocol === 'javascript:' && !a.closest('.md-source, .md-header'));
  for (const a of links) {
    window.__pwned = undefined;
    a.click();
    await new Promise((resolve) => setTimeout(resolve, 20));
    ran.push([a.outerHTML.slice(0, 120), window.__pwned === undefined ? null
              : String(window.__pwned)]);
  }
  return {clicked: links.length, ran: ran.filter((r) => r[1] !== null),
          pwned: window.__pwned === undefined ? null : String(window.__pwned)};
}"""


@pytest.mark.browser
def test_no_payload_runs_in_chromium(hostile: dict[str, Built], browser: Any,
                                     serve: Any) -> None:
    """Open every page of every hostile site (the overview too), launch every demo and
    click every link that goes to ``javascript:``: no dialog opens, no ``window.__pwned``
    is set, from any of our places."""
    dialogs: list[str] = []
    raw = {str(marker(v, place)) for v in VECTORS for place in MATERIAL_RENDERS_RAW}
    for vector, site in hostile.items():
        base = serve(site.site_dir)
        page = browser.new_page()
        page.on("dialog", lambda d: (dialogs.append(f"{d.message}"), d.dismiss()))
        # Every site has every vector's page; its own config shows on every page.
        pages = ["index.html", "overview/index.html", f"{vector}/index.html"]
        ran: list[Any] = []
        for rel in pages:
            page.goto(base + rel)
            page.wait_for_load_state("load")
            for button in page.locator(".pf-demo button, .pf-demo [role=button]").all():
                if button.is_visible():
                    button.click()
            page.wait_for_timeout(50)  # let launched frames load
            clicked = page.evaluate(CLICK_SCRIPT_LINKS)
            ran += [(rel, *r) for r in clicked["ran"] if r[1] not in raw]
            if clicked["pwned"] is not None and clicked["pwned"] not in raw:
                ran.append((rel, "window.__pwned", clicked["pwned"]))
        page.close()
        # Material itself runs what it renders raw (front matter titles in its nav,
        # site_name in its header): test_never_live checks we add nothing to that.
        ours = [d for d in dialogs if d not in raw]
        assert not ours, f"{vector}: a payload ran: {ours}"
        assert not ran, f"{vector}: a link ran its script: {ran}"
        dialogs.clear()


@pytest.mark.browser
def test_the_click_test_can_fail(tmp_path: Path, browser: Any, serve: Any) -> None:
    """The clicking above does catch a link it should: plain Markdown keeps
    ``&#106;avascript:`` in a page's own text (not a block title)."""
    site = attempt(tmp_path, {"index.md": "[x](&#106;avascript:window.__pwned=7)\n"})
    page = browser.new_page()
    try:
        page.goto(serve(site.site_dir) + "index.html")
        assert page.evaluate(CLICK_SCRIPT_LINKS)["pwned"] == "7"
    finally:
        page.close()


# -- the title defuser itself ------------------------------------------------------------------

@pytest.mark.parametrize(("html", "unsafe"), [
    ("<script>", True), ("</script>", True), ("<svg onload=x>", True), ("<svg onload=x", True),
    ('<a href="&#106;avascript:x">', True), ("<img src=x onerror=y>", True),
    ('<iframe srcdoc="x">', True), ('<span style="background:url(x)">', True),
    ("<em>", False), ("</em>", False), ("<br>", False), ('<span class="x">', False),
    ('<svg viewBox="0 0 24 24"><path d="M0 0"/></svg>', False),
])
def test_unsafe_html(html: str, unsafe: bool) -> None:
    from mkdocs_portfolio.markdown.safe import unsafe_html

    assert unsafe_html(html) is unsafe
