"""``--dirty`` rebuilds, as ``mkdocs serve --dirty`` runs them: every test of them.

The plugin keeps caches across dirty rebuilds (audit findings by page, the
overview's reading time, file scans by mtime) and builds the overview again only
when what it shows changed. Each step here edits one page and checks that the
overview and the audit report follow the edit, and that an edit the overview
does not show leaves the overview's HTML as it was. Most run in this process
(``harness.Serving``); one drives a real ``mkdocs serve --dirty``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.config import load_config

from . import harness
from .harness import (
    Serving,
    all_page_facts,
    build_config,
    own_plugin_instances,
    page_facts,
    write_site,
)
from .test_audit import plugin_config
from .test_overview import PARTS, QUIET, WRITEUP, WRITEUP_CONFIG, texts
from .test_reentrancy import SERVE_CONFIG, SERVE_PAGES, check_serve_follows_two_edits

PAGES = {
    "index.md": """
        # Home

        The start of the writeup.

        !!! problem "Routing requests"
            Requests wait days for a human to route them.
        """,
    "alpha.md": """
        # Alpha

        A page that will be edited.

        ```python
        x = 1
        ```

        !!! dead-end "Alpha first try"
            It did not work.
        """,
    "beta.md": """
        # Beta

        A page that is never edited, with one seperate typo, and a link to
        [a block of alpha](alpha.md#dead-end-alpha-second-try) that only the second
        edit of alpha makes.

        !!! next-step "Beta next"
            Later.
        """,
}


@pytest.fixture
def serving(tmp_path: Path) -> Iterator[Serving]:
    """One process, one plugin instance: a full build, then dirty rebuilds."""
    # toc's permalinks: a page the dirty rebuild does not read is titled from its facts.
    with harness.serving(tmp_path, PAGES, {
            "plugins": ["search", {"portfolio": {"overview": {"home": False}}}],
            "markdown_extensions": [{"toc": {"permalink": True}}]}) as site:
        yield site


def clean_overview(serving: Serving) -> str:
    """The overview's article from a full build of the same pages, in a fresh folder
    (the dirty rebuilds must give the same)."""
    # A plugin instance of its own: MkDocs keeps one per process for `serve`, and a
    # full build with it would start its caches afresh.
    with own_plugin_instances():
        built = harness.build(serving.root, config_file=serving.config_file,
                              site_dir=str(serving.root / "clean"), allow_warnings=True)
        assert built.plugin is not serving.plugin
    return _article(serving.root / "clean" / "overview" / "index.html")


def _dead_ends(soup: BeautifulSoup) -> list[str]:
    return sorted(a.get_text(strip=True)
                  for a in soup.select(".pf-ov-items--dead-end .pf-ov-item__title"))


def _article(path: Path) -> str:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return str(soup.select_one("article"))


def _page_titles(soup: BeautifulSoup) -> list[str]:
    return [t.get_text(" ", strip=True) for t in soup.select(".pf-ov-page__title")]


def test_dirty_rebuilds_follow_edits_and_skip_an_unchanged_overview(serving: Serving) -> None:
    assert _dead_ends(serving.overview()) == ["Alpha first try"]
    assert serving.pages_with("typos") == ["beta.md"]
    assert serving.pages_with("links") == ["beta.md"]
    built = serving.overview_file.read_bytes()
    minutes = serving.report()["overview"]

    # The code changes, not the prose: the overview shows the same, so it is not built again.
    before = os.stat(serving.overview_file).st_mtime_ns
    serving.edit("alpha.md", PAGES["alpha.md"].replace("x = 1", "x = 2"))
    assert os.stat(serving.overview_file).st_mtime_ns == before
    assert serving.overview_file.read_bytes() == built
    assert serving.pages_with("typos") == ["beta.md"]  # beta's findings kept from the cache
    assert serving.pages_with("links") == ["beta.md"]
    assert serving.report()["overview"] == minutes
    alpha = (serving.root / "site" / "alpha" / "index.html").read_text(encoding="utf-8")
    assert "x = 2" in BeautifulSoup(alpha, "html.parser").get_text()  # the page itself was

    # A new block title and a typo: the overview and the audit follow.
    serving.edit("alpha.md", PAGES["alpha.md"].replace("Alpha first try", "Alpha second try")
                 .replace("will be edited.", "will be edited, and recieve a typo."))
    assert _dead_ends(serving.overview()) == ["Alpha second try"]
    assert os.stat(serving.overview_file).st_mtime_ns != before
    # Beta was not read again: its title comes from its facts, without the permalink.
    assert _page_titles(serving.overview()) == ["Home", "Alpha", "Beta"]
    assert serving.pages_with("typos") == ["alpha.md", "beta.md"]
    assert serving.pages_with("links") == []  # beta's link checked again: alpha changed

    # Back to spelled right: alpha's findings are checked again, beta's stay.
    serving.edit("alpha.md", PAGES["alpha.md"].replace("Alpha first try", "Alpha third try"))
    assert _dead_ends(serving.overview()) == ["Alpha third try"]
    assert serving.pages_with("typos") == ["beta.md"]
    assert serving.pages_with("links") == ["beta.md"]


def test_dirty_overview_is_the_overview_of_a_full_build(serving: Serving) -> None:
    """The cards and page parts kept across rebuilds: after edits that add, change and
    remove blocks and change a title and a summary, the overview is what a full build
    of the same pages makes, card for card."""
    edits = [
        PAGES["alpha.md"] + '\n        !!! next-step "Alpha later"\n            Soon.\n',
        PAGES["alpha.md"].replace("# Alpha", "# Alpha renamed")
        .replace("A page that will be edited.", "A new first paragraph."),
        PAGES["alpha.md"].replace("Alpha first try", "Alpha second try"),
        PAGES["alpha.md"],
    ]
    for text in edits:
        serving.edit("alpha.md", text)
        assert _article(serving.overview_file) == clean_overview(serving)
    # A new nav in mkdocs.yml: beta is not rendered again, but its title and place change.
    config = yaml.safe_load(serving.config_file.read_text(encoding="utf-8"))
    config["nav"] = ["index.md", {"Part two": [{"Beta, as the nav calls it": "beta.md"}]},
                     "alpha.md"]
    serving.config_file.write_text(yaml.safe_dump(config), encoding="utf-8")
    serving.edit("alpha.md", PAGES["alpha.md"])
    assert "Beta, as the nav calls it" in _page_titles(serving.overview())
    assert _article(serving.overview_file) == clean_overview(serving)


def test_a_dirty_rebuild_logs_only_the_findings_that_changed(serving: Serving) -> None:
    """As MkDocs does for pages it does not render again: beta's typo, logged by the
    first build, is not logged again; alpha's new one is, and a count says the rest."""
    logged = serving.edit("alpha.md", PAGES["alpha.md"].replace(
        "will be edited.", "will be edited, and recieve a typo."))
    audit = [m for m in logged if "audit [" in m]
    assert len(audit) == 1 and "'alpha.md'" in audit[0] and "recieve" in audit[0]
    summary = [m for m in logged if m.startswith("mkdocs_portfolio: audit: ")]
    assert len(summary) == 1 and "(1 new and 0 gone since the last build" in summary[0]
    assert "portfolio-audit.json has them all" in summary[0]
    assert serving.pages_with("typos") == ["alpha.md", "beta.md"]  # the report has them all
    logged = serving.edit("alpha.md", PAGES["alpha.md"])
    assert not [m for m in logged if "audit [" in m]
    assert any("(0 new and 1 gone since the last build" in m for m in logged)


def test_a_deleted_overview_is_built_again(serving: Serving) -> None:
    serving.overview_file.unlink()
    serving.edit("alpha.md", PAGES["alpha.md"].replace("x = 1", "x = 3"))
    assert _dead_ends(serving.overview()) == ["Alpha first try"]


def test_a_prose_edit_that_keeps_the_reading_time_skips_the_overview(serving: Serving) -> None:
    before = os.stat(serving.overview_file).st_mtime_ns
    built = serving.overview_file.read_bytes()
    # More words in a later paragraph: same minutes, same summary, same blocks.
    serving.edit("alpha.md", PAGES["alpha.md"] + "\n        A closing paragraph, for reasons "
                 "the page explains.\n")
    assert os.stat(serving.overview_file).st_mtime_ns == before
    assert serving.overview_file.read_bytes() == built
    alpha = (serving.root / "site" / "alpha" / "index.html").read_text(encoding="utf-8")
    assert "for reasons the page explains" in alpha


# -- the overview: every page listed, the author's page refreshed -----------------------------


@pytest.fixture
def dirty_site(tmp_path: Path) -> Iterator[tuple[Any, Path]]:
    root = tmp_path / "dirty"
    config = load_config(str(write_site(root, WRITEUP, dict(
        WRITEUP_CONFIG, plugins=[{"portfolio": QUIET}]))))
    yield config, root


def test_dirty_rebuild_still_lists_every_page_and_stays_partial(
    dirty_site: tuple[Any, Path],
) -> None:
    config, root = dirty_site
    plugin = config.plugins["portfolio"]
    plugin.on_startup(command="serve", dirty=True)
    full = build_config(config)
    before = full.html("overview.md")
    untouched = Path(full.site_dir / full.path("work/data.md"))
    stamp = untouched.stat().st_mtime_ns
    edited = root / "docs" / "demo.md"
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text + '\n!!! next-step "Run it in the browser"\n    With WebGPU.\n',
                      encoding="utf-8")
    facts_before = all_page_facts(plugin)
    dirty = build_config(config, dirty=True, allow_warnings=("dirty",))
    rendered = [src for src, facts in all_page_facts(plugin).items()
                if facts is not facts_before.get(src)]
    assert untouched.stat().st_mtime_ns == stamp, "an unchanged page was written again"
    assert sorted(rendered) == ["demo.md", "overview.md"]
    after = dirty.article("overview.md")
    items = texts(after.select("#overview-next-steps ~ ul .pf-ov-item__title"))
    assert items == ["Run it in the browser", "Learn from corrections"]
    dead = texts(after.select("#overview-dead-ends ~ ul .pf-ov-item__title"))
    assert dead == ["A random split", "Zero-shot prompting", "Zero-shot prompting"]
    assert len(after.select(".pf-ov-page")) == 5
    assert "Orders lost in spam" in before and "Orders lost in spam" in str(after)


def test_dirty_rebuild_refreshes_the_authors_overview_page(tmp_path: Path) -> None:
    config = load_config(str(write_site(tmp_path, PARTS, {"plugins": [{"portfolio": QUIET}]})))
    config.plugins["portfolio"].on_startup(command="serve", dirty=True)
    build_config(config)
    work = tmp_path / "docs" / "work.md"
    work.write_text(work.read_text(encoding="utf-8") + '\n!!! dead-end "Worse idea"\n    No.\n',
                    encoding="utf-8")
    dirty = build_config(config, dirty=True, allow_warnings=("dirty",))
    items = texts(dirty.article("index.md").select(".pf-ov-item__title"))
    assert items == ["Bad idea", "Worse idea"]


def test_dirty_rebuild_refreshes_a_readme_home_page_as_the_overview(tmp_path: Path) -> None:
    pages = {"README.md": "# Shelf counter\n\nCounts the products left on a shelf.\n",
             "work.md": '# Work\n\n!!! dead-end "Bad idea"\n    It failed.\n',
             "more.md": "# More\n\nMore prose.\n"}
    config = load_config(str(write_site(tmp_path, pages, {"plugins": [{"portfolio": {
        "audit": {"enabled": False}}}]})))
    config.plugins["portfolio"].on_startup(command="serve", dirty=True)
    build_config(config)
    home = tmp_path / "site" / "index.html"
    assert texts(BeautifulSoup(home.read_text("utf-8"), "html.parser").select(
        ".pf-ov-item__title")) == ["Bad idea"]
    work = tmp_path / "docs" / "work.md"
    work.write_text(work.read_text(encoding="utf-8") + '\n!!! dead-end "Worse idea"\n    No.\n',
                    encoding="utf-8")
    later = home.stat().st_mtime + 10
    os.utime(work, (later, later))
    more = tmp_path / "site" / "more" / "index.html"
    before = more.stat().st_mtime_ns
    build_config(config, dirty=True, allow_warnings=("dirty",))
    article = BeautifulSoup(home.read_text("utf-8"), "html.parser").select_one("article")
    assert article is not None
    assert texts(article.select(".pf-ov-item__title")) == ["Bad idea", "Worse idea"]
    assert "Counts the products left on a shelf." in article.get_text(" ")
    assert more.stat().st_mtime_ns == before, "an unchanged page is not rendered again"


# -- the audit: every page audited, only the edited one rendered --------------------------------


def test_dirty_rebuild_audits_every_page_without_rendering_them(tmp_path: Path) -> None:
    pages = {"a.md": "# A\n\nTeh first page.\n", "b.md": "# B\n\nThe second page.\n",
             "c.md": "---\nportfolio:\n  audit:\n    typos: info\n---\n# C\n\nA wrod.\n"}
    config_file = write_site(tmp_path, pages, plugin_config())
    cfg = load_config(str(config_file))
    cfg.plugins.on_startup(command="serve", dirty=True)
    build_config(cfg, dirty=True, allow_warnings=True)
    plugin = cfg.plugins["portfolio"]
    first = all_page_facts(plugin)
    b = tmp_path / "docs" / "b.md"
    b.write_text("# B\n\nThe seperate page.\n", encoding="utf-8")
    later = (tmp_path / "site" / "b" / "index.html").stat().st_mtime + 10
    os.utime(b, (later, later))
    built = build_config(cfg, dirty=True, allow_warnings=True)
    cfg.plugins.on_shutdown()
    assert page_facts(plugin, "a.md") is first["a.md"]
    assert page_facts(plugin, "c.md") is first["c.md"]
    assert page_facts(plugin, "b.md") is not first["b.md"]
    assert sorted(built.report["pages"]) == ["a.md", "b.md", "c.md"]
    typos = {(f.page, f.level, f.message.split("'")[1]) for f in built.of("typos")}
    assert typos == {("a.md", "warn", "Teh"), ("b.md", "warn", "seperate"),
                     ("c.md", "info", "wrod")}


# -- a real mkdocs serve --dirty ------------------------------------------------------------------


@pytest.mark.slow
def test_real_serve_dirty_follows_two_edits(tmp_path: Path) -> None:
    with harness.serving(tmp_path / "site", SERVE_PAGES, SERVE_CONFIG,
                         dirty=True, real=True) as served:
        check_serve_follows_two_edits(served)
