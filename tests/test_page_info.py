"""Reading time and TL;DR under the title of every page, and their switches."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError

from .harness import write_site
from .test_overview import QUIET, build

PAGES = {
    "index.md": "# Home\n\nFirst sentence here. Second one.\n",
    "described.md": "---\ndescription: Short <em>and</em> sweet.\n---\n# Described\n\n"
                    + "word " * 500 + "\n\n```python\n" + "x = 1\n" * 400 + "```\n",
    "untitled.md": "---\ntitle: From front matter\ndescription: No heading here.\n---\n\nText.\n",
    "quiet.md": "---\nportfolio:\n  page_info: false\ndescription: D\n---\n# Quiet\n\nText.\n",
}


def info_text(built: object, src: str) -> str:
    info = built.article(src).select_one(".pf-page-info")  # type: ignore[attr-defined]
    return " ".join(info.get_text(" ").split()) if info is not None else ""


@pytest.fixture(scope="module")
def default(tmp_path_factory: pytest.TempPathFactory) -> object:
    return build(tmp_path_factory.mktemp("page-info"), PAGES)


def test_reading_time_and_description_under_the_title(default: object) -> None:
    article = default.article("described.md")  # type: ignore[attr-defined]
    assert article.select_one("h1 + .pf-page-info") is not None
    # 501 words of prose at 220 a minute; the 400 lines of code do not count.
    assert info_text(default, "described.md") == "2 min read TL;DR Short <em>and</em> sweet."
    assert not article.select(".pf-page-info em")


def test_without_description_only_the_reading_time(default: object) -> None:
    assert info_text(default, "index.md") == "1 min read"


def test_page_without_a_heading_gets_it_after_materials_title(default: object) -> None:
    article = default.article("untitled.md")  # type: ignore[attr-defined]
    title = article.select_one("h1")
    assert title is not None and title.get_text(strip=True) == "From front matter"
    assert article.select_one("h1 + .pf-page-info") is not None


def test_a_page_can_turn_it_off(default: object) -> None:
    assert info_text(default, "quiet.md") == ""


def test_not_on_the_overview(default: object) -> None:
    assert info_text(default, "overview.md") == ""


def test_switches(tmp_path: Path) -> None:
    fallback = build(tmp_path / "a", PAGES, {"plugins": [{"portfolio": dict(
        QUIET, page_info={"summary_fallback": True, "words_per_minute": 1})}]})
    # "Home" and the five words of the paragraph, at one word a minute.
    assert info_text(fallback, "index.md") == "6 min read TL;DR First sentence here. Second one."
    off = build(tmp_path / "b", PAGES, {"plugins": [{"portfolio": dict(
        QUIET, page_info={"enabled": False})}]})
    assert all(info_text(off, src) == "" for src in PAGES)
    no_time = build(tmp_path / "c", PAGES, {"plugins": [{"portfolio": dict(
        QUIET, page_info={"reading_time": False})}]})
    assert info_text(no_time, "described.md") == "TL;DR Short <em>and</em> sweet."
    assert info_text(no_time, "index.md") == ""
    no_summary = build(tmp_path / "d", PAGES, {"plugins": [{"portfolio": dict(
        QUIET, page_info={"summary": False})}]})
    assert info_text(no_summary, "described.md") == "2 min read"


@pytest.mark.parametrize("bad", [0, -5, "fast"])
def test_bad_reading_speed_is_named(tmp_path: Path, bad: object, capture_logs: Any) -> None:
    config_file = write_site(tmp_path, {"index.md": "# Home\n"}, {"plugins": [{"portfolio": dict(
        QUIET, page_info={"words_per_minute": bad})}]})
    with pytest.raises((ConfigurationError, Abort)):
        load_config(str(config_file))
    messages = " ".join(r.getMessage() for r in capture_logs.records)
    assert "page_info" in messages and "words_per_minute" in messages, messages
