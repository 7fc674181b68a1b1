"""``--dirty`` rebuilds in one process, as ``mkdocs serve --dirty`` runs them.

The plugin keeps caches across dirty rebuilds (audit findings by page, the
overview's reading time, file scans by mtime) and builds the overview again only
when what it shows changed. Each step here edits one page and checks that the
overview and the audit report follow the edit, and that an edit the overview
does not show leaves the overview's HTML as it was.
"""

from __future__ import annotations

import json
import logging
import os
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from .conftest import mkdocs_logs, write_site

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


class Serving:
    """One process, one plugin instance: a full build, then dirty rebuilds."""

    def __init__(self, root: Path) -> None:
        self.root = root
        # toc's permalinks: a page the dirty rebuild does not read is titled from its facts.
        self.config_file = write_site(root, PAGES, {
            "plugins": ["search", "portfolio"],
            "markdown_extensions": [{"toc": {"permalink": True}}]})
        self.config = self.load()
        self.config.plugins.on_startup(command="serve", dirty=True)
        build(self.config, dirty=False)
        self.stamp = 0

    def load(self) -> Any:
        return load_config(str(self.config_file), site_dir=str(self.root / "site"))

    def edit(self, name: str, text: str) -> list[str]:
        """Edit a page and rebuild; return what the rebuild logged."""
        path = self.root / "docs" / name
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        self.stamp += 10  # a newer mtime than any built page, whatever the clock's grain
        future = os.stat(self.root / "site" / "index.html").st_mtime + self.stamp
        os.utime(path, (future, future))
        self.config = self.load()
        with mkdocs_logs() as records:
            build(self.config, dirty=True)
        return [r.getMessage() for r in records if r.levelno >= logging.INFO]

    def clean_overview(self) -> str:
        """The overview's article from a full build of the same pages, in a fresh folder
        (the dirty rebuilds must give the same)."""
        # A plugin instance of its own: MkDocs keeps one per process for `serve`, and a
        # full build with it would start its caches afresh.
        cache = MkDocsConfig.plugins.plugin_cache  # type: ignore[attr-defined]
        kept = dict(cache)
        cache.clear()
        try:
            config = load_config(str(self.config_file), site_dir=str(self.root / "clean"))
            assert config.plugins["portfolio"] is not self.config.plugins["portfolio"]
            build(config, dirty=False)
        finally:
            cache.clear()
            cache.update(kept)
        return _article(self.root / "clean" / "overview" / "index.html")

    @property
    def overview_file(self) -> Path:
        return self.root / "site" / "overview" / "index.html"

    def overview(self) -> BeautifulSoup:
        return BeautifulSoup(self.overview_file.read_text(encoding="utf-8"), "html.parser")

    def report(self) -> dict[str, Any]:
        text = (self.root / "site" / "portfolio-audit.json").read_text(encoding="utf-8")
        return dict(json.loads(text))

    def typo_pages(self) -> list[str]:
        return self.pages_with("typos")

    def pages_with(self, check: str) -> list[str]:
        return sorted(f["page"] for f in self.report()["findings"] if f["check"] == check)


@pytest.fixture
def serving(tmp_path: Path) -> Iterator[Serving]:
    site = Serving(tmp_path)
    try:
        yield site
    finally:  # the plugin instance outlives the test (MkDocs caches it): a plain build again
        site.config.plugins.on_startup(command="build", dirty=False)


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
    assert serving.typo_pages() == ["beta.md"]
    assert serving.pages_with("links") == ["beta.md"]
    built = serving.overview_file.read_bytes()
    minutes = serving.report()["overview"]

    # The code changes, not the prose: the overview shows the same, so it is not built again.
    before = os.stat(serving.overview_file).st_mtime_ns
    serving.edit("alpha.md", PAGES["alpha.md"].replace("x = 1", "x = 2"))
    assert os.stat(serving.overview_file).st_mtime_ns == before
    assert serving.overview_file.read_bytes() == built
    assert serving.typo_pages() == ["beta.md"]  # beta's findings kept from the cache
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
    assert serving.typo_pages() == ["alpha.md", "beta.md"]
    assert serving.pages_with("links") == []  # beta's link checked again: alpha changed

    # Back to spelled right: alpha's findings are checked again, beta's stay.
    serving.edit("alpha.md", PAGES["alpha.md"].replace("Alpha first try", "Alpha third try"))
    assert _dead_ends(serving.overview()) == ["Alpha third try"]
    assert serving.typo_pages() == ["beta.md"]
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
        assert _article(serving.overview_file) == serving.clean_overview()
    # A new nav in mkdocs.yml: beta is not rendered again, but its title and place change.
    config = yaml.safe_load(serving.config_file.read_text(encoding="utf-8"))
    config["nav"] = ["index.md", {"Part two": [{"Beta, as the nav calls it": "beta.md"}]},
                     "alpha.md"]
    serving.config_file.write_text(yaml.safe_dump(config), encoding="utf-8")
    serving.edit("alpha.md", PAGES["alpha.md"])
    assert "Beta, as the nav calls it" in _page_titles(serving.overview())
    assert _article(serving.overview_file) == serving.clean_overview()


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
    assert serving.typo_pages() == ["alpha.md", "beta.md"]  # the report has them all
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
