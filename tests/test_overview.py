"""The generated overview page: real MkDocs + Material builds, parsed.

One writeup is built once per URL style (directory URLs with a sub-path
``site_url``, and ``.html`` URLs) and every section of its overview is checked;
every link of the overview is resolved in the built site, down to the block id
it points at. Smaller sites cover placement, escaping, markers and rebuilds.
"""

from __future__ import annotations

import json
import posixpath
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag
from mkdocs.config import load_config

from . import harness
from .harness import Built, build_config, write_site

QUIET = {"audit": {"enabled": False}, "overview": {"home": False}}
"""No audit, and the overview on a page of its own beside the home page."""

WRITEUP = {
    "index.md": """
        ---
        description: Spam filtering for a small shop, on a laptop.
        ---
        # Home

        This is the home page of the writeup.
        """,
    "problem.md": """
        # The problem

        Small shops drown in spam. Every morning the owner spends an hour sorting mail
        by hand, and real orders get lost among the offers. Rules written by hand miss
        most new spam waves. A model must do better, on the owner's own laptop. The
        rest of this page explains who loses what, and why the obvious fixes fail.

        !!! problem "Orders lost in spam"
            One order in twenty lands in the spam folder. See [the data](work/data.md#the-mail)
            and the chart: ![volume](img/volume.png)

        !!! use-case "One laptop, no cloud"
            The owner runs it on a five-year-old laptop, offline.
        """,
    "work/data.md": """
        # The data

        Two years of mail, labelled by hand.

        ## The mail

        <figure markdown>
        ![volume](../img/volume.png)
        <figcaption>Mail per week</figcaption>
        </figure>

        ??? dead-end "A random split"
            It leaked next week's spam waves into training. The scores were too good.
        """,
    "work/model.md": """
        # The model

        A small fine-tuned encoder.

        /// result | Fewer orders lost
            metric: F1
            value: 0.91
            baseline: 0.84

        The model finds more spam and loses fewer orders.
        ///

        !!! result "Fast enough"
            Metric: latency = 40 ms (baseline 120 ms)

            Classifies a mail in 40 ms on the laptop.

        !!! dead-end "Zero-shot prompting"
            A large language model was slow and missed shop jargon.

        !!! dead-end "Zero-shot prompting"
            Tried twice, with another prompt.

        !!! next-step "Learn from corrections"
            Every mail the owner moves back is a new label.
        """,
    "demo.md": """
        # Demo

        /// demo | Try the filter
            url: https://example.org/spam-demo

        Paste a mail and see the verdict.
        ///
        """,
    "drafts/secret.md": """
        # Secret draft

        !!! dead-end "Draft dead end"
            Must not leak.
        """,
    "private.md": """
        # Private

        !!! next-step "Excluded next step"
            Must not leak.
        """,
    "notes.md": """
        ---
        portfolio:
          exclude: true
        ---
        # Notes

        !!! next-step "Note to self"
            Must not leak.
        """,
    "img/volume.png": b"\x89PNG\r\n\x1a\n",
}

WRITEUP_CONFIG: dict[str, Any] = {
    "site_name": "Spam & Co",
    "site_description": "Catching spam <b>before</b> it costs an order",
    "repo_url": "https://github.com/example/spam",
    "draft_docs": "drafts/\n",
    "exclude_docs": "private.md\n",
    "plugins": ["search", {"portfolio": QUIET}],
}


def build(root: Path, pages: dict[str, Any], config: dict[str, Any] | None = None,
          allow: tuple[str, ...] = ()) -> Built:
    """``harness.build`` with the audit off unless ``config`` gives the plugins."""
    return harness.build(root, pages, {"plugins": [{"portfolio": QUIET}], **(config or {})},
                         allow_warnings=allow)


def resolve(built: Built, from_src: str, href: str) -> tuple[Path, str]:
    """The built file and fragment that a relative ``href`` on page ``from_src`` opens."""
    assert href and not href.startswith("/") and "://" not in href, href
    parts = urlsplit(href)
    base = posixpath.dirname(built.path(from_src))
    target = posixpath.normpath(posixpath.join(base, unquote(parts.path))) if parts.path \
        else built.path(from_src)
    path = built.site_dir / target
    if path.is_dir() or parts.path.endswith("/"):
        path = path / "index.html"
    return path, parts.fragment


def lands_on(built: Built, from_src: str, href: str) -> Tag:
    """The element that ``href`` scrolls to; fails when the file or the id is missing."""
    path, fragment = resolve(built, from_src, href)
    assert path.is_file(), f"{href} -> {path} does not exist"
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    found = soup.find(id=fragment)
    assert isinstance(found, Tag), f"{href}: no element with id {fragment!r} in {path}"
    return found


STYLES = {
    "dirs+subpath": {"use_directory_urls": True, "site_url": "https://example.org/shop/spam/"},
    "html-files": {"use_directory_urls": False},
}


@pytest.fixture(scope="module", params=list(STYLES))
def writeup(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    config = dict(WRITEUP_CONFIG, **STYLES[request.param])
    return build(tmp_path_factory.mktemp(request.param), WRITEUP, config)


def overview(built: Built) -> Tag:
    found = built.article("overview.md").select_one(".pf-overview")
    assert found is not None
    return found


def section(built: Built, name: str) -> Tag:
    heading = overview(built).find(id=f"overview-{name}")
    assert isinstance(heading, Tag), f"no section {name}"
    parent = heading.parent
    assert isinstance(parent, Tag)
    return parent


def texts(tags: list[Tag]) -> list[str]:
    return [" ".join(t.get_text(" ").split()) for t in tags]


# -- placement -------------------------------------------------------------------------


def test_overview_is_generated_and_first_in_nav(writeup: Built) -> None:
    docs = Path(writeup.config.docs_dir)
    assert not (docs / "overview.md").exists(), "the overview must stay virtual"
    assert (writeup.site_dir / writeup.path("overview.md")).is_file()
    nav = writeup.soup("work/model.md").select(".md-nav--primary > .md-nav__list > li")
    first = nav[0].select_one("a")
    assert first is not None and first.get_text(strip=True) == "Overview"
    assert writeup.soup("overview.md").title is not None
    assert "Overview" in writeup.soup("overview.md").title.get_text()


def test_sections_in_order(writeup: Built) -> None:
    ids = [h["id"] for h in overview(writeup).select("[id^=overview-]")]
    assert ids == [f"overview-{s}" for s in (
        "hero", "problem", "use-case", "results", "demo", "contents", "dead-ends", "next-steps")]


def test_hero(writeup: Built) -> None:
    hero = overview(writeup).select_one(".pf-hero")
    assert hero is not None
    title = hero.select_one("h1")
    assert title is not None and title.get_text() == "Spam & Co"
    tagline = hero.select_one(".pf-hero__tagline")
    assert tagline is not None
    assert tagline.get_text() == "Catching spam <b>before</b> it costs an order"
    buttons = {b.get_text(" ", strip=True): b["href"] for b in hero.select(".pf-hero__actions a")}
    assert buttons["Try the demo"] == "#overview-demo"
    assert buttons["Source code"] == "https://github.com/example/spam"
    first = lands_on(writeup, "overview.md", buttons["Read the writeup"] + "#home")
    assert first.name == "h1"


def test_problem_and_use_case_in_full_with_rebased_links(writeup: Built) -> None:
    problem = section(writeup, "problem")
    block = problem.select_one(".admonition.problem")
    assert block is not None and "One order in twenty" in block.get_text()
    link = block.select_one("a[href]")
    assert link is not None and link.get_text() == "the data"
    assert lands_on(writeup, "overview.md", str(link["href"])).get_text().startswith("The mail")
    image = block.select_one("img")
    assert image is not None
    path, _ = resolve(writeup, "overview.md", str(image["src"]))
    assert path.is_file(), image["src"]
    more = problem.select_one(".pf-ov-from")
    assert more is not None
    target = lands_on(writeup, "overview.md", str(more["href"]))
    assert target["id"] == "problem-orders-lost-in-spam"
    use_case = section(writeup, "use-case")
    assert "five-year-old laptop" in use_case.get_text()


def test_results_are_metric_cards(writeup: Built) -> None:
    cards = section(writeup, "results").select(".pf-ov-metric")
    assert len(cards) == 2
    f1, latency = cards
    assert f1.select_one(".pf-ov-metric__value").get_text() == "0.91"  # type: ignore[union-attr]
    assert f1.select_one(".pf-ov-metric__name").get_text() == "F1"  # type: ignore[union-attr]
    assert "0.84" in f1.select_one(".pf-ov-metric__baseline").get_text()  # type: ignore[union-attr]
    assert f1.select_one(".pf-ov-metric__delta").get_text() == "+0.07"  # type: ignore[union-attr]
    assert f1["data-pf-improved"] == "true"
    assert latency.select_one(".pf-ov-metric__value").get_text() == "40 ms"  # type: ignore[union-attr]
    assert latency.select_one(".pf-ov-metric__delta").get_text() == "-80 ms"  # type: ignore[union-attr]
    assert latency["data-pf-improved"] == "true"  # lower latency is better
    title = f1.select_one("a.pf-ov-metric__title")
    assert title is not None and title.get_text() == "Fewer orders lost"
    assert lands_on(writeup, "overview.md", str(title["href"]))["id"] == "result-fewer-orders-lost"


def test_demo_is_the_first_demo_block(writeup: Built) -> None:
    demo = section(writeup, "demo")
    block = demo.select_one(".admonition.demo, details.demo")
    assert block is not None
    assert "Try the filter" in block.get_text()
    assert "example.org/spam-demo" in str(block)
    assert not block.has_attr("id"), "the embedded block must not repeat the page's id"


def test_contents_in_nav_order_with_summary_time_and_counts(writeup: Built) -> None:
    entries = section(writeup, "contents").select(".pf-ov-page")
    titles = texts([e.select_one(".pf-ov-page__title") for e in entries])  # type: ignore[misc]
    assert titles == ["Home", "Demo", "The problem", "The data", "The model"]
    home, _demo, problem, data, model = entries
    assert texts(home.select(".pf-ov-page__summary")) == [
        "Spam filtering for a small shop, on a laptop."]
    summary = texts(problem.select(".pf-ov-page__summary"))[0]
    assert summary.startswith("Small shops drown in spam.")
    assert summary.endswith("on the owner's own laptop."), "cut at the sentence nearest 40 words"
    assert data.select_one(".pf-ov-page__section").get_text() == "Work"  # type: ignore[union-attr]
    meta = " ".join(texts(model.select(".pf-ov-page__meta li")))
    assert "1 min" in meta and "2 dead ends" in meta and "1 next step" in meta
    assert "figure" not in meta, "a count of zero is not shown"
    assert "1 figure" in " ".join(texts(data.select(".pf-ov-page__meta li")))
    for entry in entries:
        link = entry.select_one("a.pf-ov-page__title")
        assert link is not None
        path, _ = resolve(writeup, "overview.md", str(link["href"]))
        assert path.is_file(), link["href"]


def test_dead_ends_and_next_steps_land_on_their_blocks(writeup: Built) -> None:
    dead = section(writeup, "dead-ends").select(".pf-ov-item")
    assert texts([d.select_one(".pf-ov-item__title") for d in dead]) == [  # type: ignore[misc]
        "A random split", "Zero-shot prompting", "Zero-shot prompting"]
    gists = texts([d.select_one(".pf-ov-item__gist") for d in dead])  # type: ignore[misc]
    assert gists[0] == "It leaked next week's spam waves into training."
    ids = []
    for item in dead + section(writeup, "next-steps").select(".pf-ov-item"):
        link = item.select_one("a.pf-ov-item__title")
        assert link is not None
        target = lands_on(writeup, "overview.md", str(link["href"]))
        assert link.get_text() in target.get_text()
        ids.append(target["id"])
    assert ids == ["dead-end-a-random-split", "dead-end-zero-shot-prompting",
                   "dead-end-zero-shot-prompting-2", "next-step-learn-from-corrections"]


def test_every_link_is_relative_and_resolves(writeup: Built) -> None:
    for tag in overview(writeup).select("[href], [src]"):
        url = str(tag.get("href") or tag.get("src"))
        if url.startswith(("https://", "#")):
            continue
        assert not url.startswith("/"), url
        path, fragment = resolve(writeup, "overview.md", url)
        assert path.is_file(), url
        if fragment:
            lands_on(writeup, "overview.md", url)


def test_drafts_and_excluded_pages_do_not_leak(writeup: Built) -> None:
    html = str(overview(writeup))
    for leak in ("Draft dead end", "Secret draft", "Excluded next step", "Private",
                 "Note to self", "Notes", "secret", "private", "notes"):
        assert leak not in html, leak


def test_page_info_on_every_page(writeup: Built) -> None:
    article = writeup.article("problem.md")
    info = article.select_one("h1 + .pf-page-info")
    assert info is not None, "the page info follows the title"
    assert texts(info.select(".pf-page-info__time")) == ["1 min read"]
    assert not info.select(".pf-page-info__summary"), "no description: no TL;DR repeating it"
    home = writeup.article("index.md").select_one(".pf-page-info__summary")
    assert home is not None
    assert " ".join(home.get_text(" ").split()) == \
        "TL;DR Spam filtering for a small shop, on a laptop."
    assert not overview(writeup).select(".pf-page-info")


def search_entries(built: Built, src: str) -> list[dict[str, str]]:
    """The search index's entries of one page."""
    index = json.loads((built.site_dir / "search" / "search_index.json").read_text("utf-8"))
    url = built.path(src).removesuffix("index.html")
    return [d for d in index["docs"] if d["location"].split("#")[0] == url]


def test_search_indexes_the_hero_and_headings_not_the_gathered_sections(writeup: Built) -> None:
    entries = search_entries(writeup, "overview.md")
    titles = [e["title"] for e in entries]
    assert titles[1:] == ["Problem", "Use case and constraints", "Results", "Demo",
                          "Contents", "Dead ends", "Next steps"]
    text = " ".join(e["text"] for e in entries)
    assert "Catching spam" in text  # the tagline
    # What the sections gather is found on its own page only, not twice.
    assert "leaked next week" not in text and "One order in twenty" not in text
    assert any("leaked next week" in e["text"] for e in search_entries(writeup, "work/data.md"))
    # The page itself shows everything.
    assert "leaked next week" in section(writeup, "dead-ends").get_text()
    assert "One order in twenty" in section(writeup, "problem").get_text()


def test_toc_of_the_overview_is_hidden_by_default(writeup: Built) -> None:
    assert writeup.soup("overview.md").select(".md-sidebar--secondary[hidden]")
    assert not writeup.soup("work/model.md").select(".md-sidebar--secondary[hidden]")


# -- escaping ------------------------------------------------------------------------------

HOSTILE = '<img src=x onerror="alert(1)">'


def test_front_matter_and_config_are_escaped(tmp_path: Path) -> None:
    built = build(tmp_path, {
        "index.md": f"""
            ---
            title: '{HOSTILE} title'
            description: '<script>alert(2)</script> summary'
            ---
            # Page

            !!! dead-end "Tried"
                Nope.
            """,
    }, {"site_name": "<script>alert(3)</script>", "site_description": HOSTILE,
        "repo_url": 'https://github.com/x/y"><script>alert(4)</script>',
        "plugins": [{"portfolio": dict(QUIET, overview={"home": False, "title": "<i>Over</i>"})}]},
        allow=("forge",))
    article = built.article("overview.md")
    assert not article.select("script, img[onerror], i")
    text = article.get_text(" ")
    assert "<script>alert(3)</script>" in text
    assert HOSTILE in text
    assert f"{HOSTILE} title" in text
    assert "<script>alert(2)</script> summary" in text
    nav = built.soup("index.md").select_one(".md-nav--primary")
    assert nav is not None and not nav.select("i"), "the overview's title is escaped in the nav"
    assert "<i>Over</i>" in nav.get_text()
    page = built.article("index.md")
    assert not page.select(".pf-page-info script")
    assert "<script>alert(2)</script> summary" in page.select_one(".pf-page-info").get_text()  # type: ignore[union-attr]
    source = article.select(".pf-hero__actions a")[-1]
    assert source["href"] == 'https://github.com/x/y"><script>alert(4)</script>'
    assert 'y"><script>alert(4)' not in built.html("overview.md").split('<article', 1)[1]


# -- placement: hand-written nav, home page, existing file, disabled ----------------------


def test_hand_written_nav_gets_the_overview_first(tmp_path: Path) -> None:
    built = build(tmp_path, {"index.md": "# Home\n", "a.md": "# A\n"},
                  {"nav": [{"Start": "index.md"}, {"Part A": "a.md"}],
                   "theme": {"name": "material", "features": ["navigation.footer"]}})
    links = built.soup("a.md").select(".md-nav--primary > .md-nav__list > li > a")
    assert [a.get_text(strip=True) for a in links] == ["Overview", "Start", "Part A"]
    prev = built.soup("index.md").select_one("a.md-footer__link--prev")
    assert prev is not None and "Overview" in prev.get_text()


def test_overview_placed_by_the_author_stays_there(tmp_path: Path) -> None:
    built = build(tmp_path, {"index.md": "# Home\n", "a.md": "# A\n"},
                  {"nav": ["index.md", {"Summary": "overview.md"}, "a.md"]})
    links = built.soup("a.md").select(".md-nav--primary > .md-nav__list > li > a")
    assert [a.get_text(strip=True) for a in links] == ["Home", "Summary", "A"]


def test_without_index_the_overview_is_the_home_page(tmp_path: Path) -> None:
    built = build(tmp_path, {"a.md": "# A\n\n!!! next-step \"More\"\n    Yes.\n"},
                  {"use_directory_urls": False})
    assert built.soup("index.md").select_one(".pf-hero") is not None
    assert not (built.site_dir / "overview.html").exists()
    link = built.article("index.md").select_one(".pf-ov-item a")
    assert link is not None and link["href"] == "a.html#next-step-more"


def test_an_existing_page_at_the_path_is_not_overwritten(tmp_path: Path) -> None:
    built = build(tmp_path, {"index.md": "# Home\n", "overview.md": "# Mine\n"},
                  allow=("overview",))
    assert any("overview.md" in w and "overview.path" in w for w in built.warnings)
    assert built.article("overview.md").select_one(".pf-overview") is None
    assert "Mine" in built.article("overview.md").get_text()


def test_title_and_path_are_configurable(tmp_path: Path) -> None:
    built = build(tmp_path, {"index.md": "# Home\n"}, {"plugins": [{"portfolio": dict(
        QUIET, overview={"home": False, "title": "At a glance", "path": "start/here.md"})}]})
    assert (built.site_dir / "start/here/index.html").is_file()
    first = built.soup("index.md").select_one(".md-nav--primary > .md-nav__list > li > a")
    assert first is not None and first.get_text(strip=True) == "At a glance"


def test_disabled_overview_is_not_generated(tmp_path: Path) -> None:
    built = build(tmp_path, {"index.md": "# Home\n"}, {"plugins": [{"portfolio": dict(
        QUIET, overview={"home": False, "enabled": False})}]})
    assert not (built.site_dir / "overview").exists()


def test_sections_with_nothing_to_show_are_left_out(tmp_path: Path) -> None:
    built = build(tmp_path, {"index.md": "# Home\n\nJust prose.\n"})
    ids = [h["id"] for h in built.article("overview.md").select("[id^=overview-]")]
    assert ids == ["overview-hero", "overview-contents"]
    buttons = texts(built.article("overview.md").select(".pf-hero__actions a"))
    assert buttons == ["Read the writeup"]


def test_hero_image(tmp_path: Path) -> None:
    pages = {"index.md": "# Home\n", "img/hero.png": b"\x89PNG\r\n\x1a\n"}
    built = build(tmp_path, pages, {"plugins": [{"portfolio": dict(
        QUIET, overview={"home": False, "hero_image": "img/hero.png"})}]})
    image = built.article("overview.md").select_one(".pf-hero__media img")
    assert image is not None and image["src"] == "../img/hero.png"
    missing = build(tmp_path / "missing", pages, {"plugins": [{"portfolio": dict(
        QUIET, overview={"home": False, "hero_image": "img/nope.png"})}]}, allow=("hero_image",))
    assert any("overview.hero_image" in w and "img/nope.png" in w for w in missing.warnings)
    assert missing.article("overview.md").select_one(".pf-hero__media") is None
    for url in ("javascript:alert(1)", "data:text/html,<script>alert(1)</script>"):
        bad = build(tmp_path / "bad", pages, {"plugins": [{"portfolio": dict(
            QUIET, overview={"home": False, "hero_image": url})}]}, allow=("hero_image",))
        assert any("http(s) URL" in w for w in bad.warnings)
        assert bad.article("overview.md").select_one(".pf-hero__media") is None
    web = build(tmp_path / "web", pages, {"plugins": [{"portfolio": dict(
        QUIET, overview={"home": False, "hero_image": "https://example.org/hero.png"})}]})
    image = web.article("overview.md").select_one(".pf-hero__media img")
    assert image is not None and image["src"] == "https://example.org/hero.png"


# -- the author's own overview page and template overrides -----------------------------------

PARTS = {
    "index.md": """
        ---
        portfolio: overview
        ---
        # Our project

        Written by hand.

        <!-- portfolio:results -->

        Between the sections.

        <!-- portfolio:dead-ends -->
        """,
    "work.md": """
        # Work

        !!! result "Good"
            Metric: accuracy = 0.9 (baseline 0.8)

        !!! dead-end "Bad idea"
            Did not work.
        """,
}


def test_author_overview_page_with_markers(tmp_path: Path) -> None:
    built = build(tmp_path, PARTS, {"plugins": ["search", {"portfolio": QUIET}]})
    assert not (built.site_dir / "overview").exists(), "no generated page besides the author's"
    article = built.article("index.md")
    text = " ".join(article.get_text(" ").split())
    assert text.index("Written by hand") < text.index("Results") < text.index(
        "Between the sections") < text.index("Dead ends")
    assert article.select_one(".pf-hero") is None
    assert [h["id"] for h in article.select("[id^=overview-]")] == [
        "overview-results", "overview-dead-ends"]
    link = article.select_one(".pf-ov-item a")
    assert link is not None and lands_on(built, "index.md", str(link["href"]))["id"] == \
        "dead-end-bad-idea"
    assert "Overview" not in texts(built.soup("work.md").select(".md-nav--primary a"))
    toc = texts(built.soup("index.md").select(".md-sidebar--secondary .md-nav__link"))
    assert "Results" in toc and "Dead ends" in toc
    # The author's own words are searched; the gathered sections by their headings.
    entries = search_entries(built, "index.md")
    assert [e["title"] for e in entries] == ["Our project", "Results", "Dead ends"]
    assert "Written by hand" in entries[0]["text"]
    assert "Between the sections" in entries[1]["text"]
    assert "Did not work" not in json.dumps(entries)


def test_author_overview_page_without_markers_gets_every_section(tmp_path: Path) -> None:
    pages = dict(PARTS, **{"index.md": "---\nportfolio: overview\n---\n# Ours\n\nIntro.\n"})
    built = build(tmp_path, pages)
    ids = [h["id"] for h in built.article("index.md").select("[id^=overview-]")]
    assert ids == ["overview-results", "overview-contents", "overview-dead-ends"]


def test_unknown_marker_is_named(tmp_path: Path) -> None:
    pages = dict(PARTS, **{"index.md": "---\nportfolio: overview\n---\n# O\n\n"
                                       "<!-- portfolio:resluts -->\n"})
    built = build(tmp_path, pages, allow=("resluts",))
    assert any("index.md" in w and "portfolio:resluts" in w and "portfolio:results" in w
               for w in built.warnings)


def test_templates_can_be_overridden_from_custom_dir(tmp_path: Path) -> None:
    custom = tmp_path / "overrides" / "portfolio"
    custom.mkdir(parents=True)
    (custom / "overview-dead-ends.html").write_text(
        '<p class="mine">{% for d in overview.dead_ends %}{{ d.title }};{% endfor %}</p>',
        encoding="utf-8")
    (custom / "page-info.html").write_text('<p class="my-info">{{ info.minutes }}</p>',
                                           encoding="utf-8")
    built = build(tmp_path, PARTS, {"theme": {"name": "material", "custom_dir": "overrides"}})
    article = built.article("index.md")
    mine = article.select_one("p.mine")
    assert mine is not None and mine.get_text() == "Bad idea;"
    assert built.article("work.md").select_one("h1 + p.my-info") is not None


# -- rebuilds -----------------------------------------------------------------------------


def _outputs(built: Built) -> dict[str, str]:
    return {str(p.relative_to(built.site_dir)): p.read_text(encoding="utf-8")
            for p in sorted(built.site_dir.rglob("*.html"))}


def test_second_build_with_the_same_config_is_identical(tmp_path: Path) -> None:
    config = load_config(str(write_site(tmp_path, WRITEUP, dict(
        WRITEUP_CONFIG, plugins=[{"portfolio": QUIET}]))))
    first = _outputs(build_config(config))
    second = _outputs(build_config(config))
    assert first.keys() == second.keys()
    for name in first:
        assert first[name] == second[name], name
