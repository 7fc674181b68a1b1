"""Texts and numbers as written: escaped once, no NUL, finite numbers, lines as editors count.

The cases 10-15 of issue 12 (docs/robustness.md, Bad input): real MkDocs + Material
builds through :func:`tests.test_bad_input.build`, and the Markdown extension directly
for source snippets.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from mkdocs_portfolio.markdown.sourcefiles import symbols
from mkdocs_portfolio.markdown.util import PortfolioError, split_lines

from .harness import attempt
from .test_source import convert, title_link

QUIET = {"audit": {"enabled": False}, "overview": {"home": False}}
SITE_NAME = 'R&D <Lab> "x"'


def texts_of(soup: Any, selector: str) -> list[str]:
    return [" ".join(t.get_text(" ").split()) for t in soup.select(selector)]


# -- 10: escaped once, where text meets HTML ---------------------------------------------


@pytest.fixture(scope="module")
def amp(tmp_path_factory: pytest.TempPathFactory) -> Any:
    out = attempt(tmp_path_factory.mktemp("amp"), {
        "index.md": "# Home\n\nThe start of it all.\n",
        "pr.md": "# Precision & recall <3\n\nWe trade one for the other.\n\n"
                 '!!! dead-end "Tuning & guessing <3"\n    It did not help.\n',
        "fm.md": "---\ntitle: 'Q&A <1>'\ndescription: 'Why & how <fast>'\n---\n# FM\n\nText.\n",
    }, {"site_name": SITE_NAME, "site_description": "a & b <c>",
        "nav": ["index.md", "pr.md", "fm.md"],
        "plugins": ["search", {"portfolio": {"overview": {"title": "Tour & <more>",
                                                          "toc": True, "home": False}}}]})
    assert out.error is None, out.stop_message
    return out


def test_heading_titles_are_escaped_once_in_the_overview(amp: Any) -> None:
    soup = amp.soup("overview.md")
    assert texts_of(soup, ".pf-ov-page__title") == ["Home", "Precision & recall <3", "Q&A <1>"]
    cards = soup.select_one(".pf-overview")
    assert cards is not None
    text = cards.get_text(" ")
    assert "&amp;" not in text and "&lt;" not in text, text
    assert "Tuning & guessing <3" in text and "Why & how <fast>" in text


def test_site_texts_are_escaped_once_in_the_overview_and_header(amp: Any) -> None:
    soup = amp.soup("overview.md")
    hero = soup.select_one(".pf-hero")
    assert hero is not None and SITE_NAME in hero.get_text(" "), hero
    assert "a & b <c>" in hero.get_text(" ")
    # Material's own header and <title>, after the plugin made them safe for it.
    logo = soup.select_one("a.md-header__button.md-logo")
    assert logo is not None and logo["title"] == SITE_NAME and logo["aria-label"] == SITE_NAME
    assert soup.title is not None and SITE_NAME in soup.title.get_text()
    assert soup.find("lab") is None, "the site name went into the page as markup"
    page = amp.soup("fm.md")
    assert page.title is not None and page.title.get_text() == f"Q&A <1> - {SITE_NAME}"


def test_overview_title_is_escaped_once_in_the_nav_and_search(amp: Any) -> None:
    soup = amp.soup("pr.md")
    nav = texts_of(soup, ".md-nav--primary .md-nav__link")
    assert "Tour & <more>" in nav, nav
    index = json.loads((amp.site_dir / "search/search_index.json").read_text("utf-8"))
    titles = {BeautifulSoup(d["title"], "html.parser").get_text() for d in index["docs"]}
    assert {"Tour & <more>", "Precision & recall <3"} <= titles, titles


def test_page_info_summary_is_escaped_once(amp: Any) -> None:
    info = amp.soup("fm.md").select_one(".pf-page-info__summary")
    assert info is not None and "Why & how <fast>" in info.get_text(), info


def test_report_holds_the_site_name_as_written(amp: Any, tmp_path: Path) -> None:
    out = attempt(tmp_path, {"index.md": "# Home\n\nText.\n"},
                {"site_name": SITE_NAME, "plugins": [{"portfolio": {}}]})
    report = json.loads((out.site_dir / "portfolio-audit.json").read_text("utf-8"))
    assert report["site_name"] == SITE_NAME


# -- 14: NUL characters ------------------------------------------------------------------


def test_nul_characters_are_dropped(tmp_path: Path) -> None:
    out = attempt(tmp_path, {
        "index.md": "# Home\n\nHello.\n",
        "a.md": '---\ntitle: "Nul\\0title"\ndescription: "De\\0scription"\n---\n# Heading\n\n'
                'Text.\n\n!!! dead-end "Dead\x00end"\n    Body\x00 here.\n',
        "b.md": '# B\x00heading\n\nSome\x00 words.\n\n/// next-step | Next\x00step\nGo.\n///\n',
    }, {"site_name": "Site\0name", "site_description": "Tag\0line",
        "nav": ["index.md", "a.md", "b.md"],
        "plugins": ["search", {"portfolio": {"overview": {"home": False}}}]})
    assert out.error is None, out.stop_message
    for src in ("overview.md", "a.md", "b.md"):
        html = out.html(src)
        assert "\0" not in html and "\ufffd" not in html, (src, html[html.find("\0") - 80:][:160])
    overview = out.soup("overview.md").get_text(" ")
    for text in ("Sitename", "Tagline", "Nultitle", "Description", "Bheading", "Deadend",
                 "Nextstep"):
        assert text in overview, (text, overview)
    report = (out.site_dir / "portfolio-audit.json").read_text("utf-8")
    assert "\\u0000" not in report and "\0" not in report
    assert json.loads(report)["site_name"] == "Sitename"


# -- 11: numbers finite and in range, texts not empty --------------------------------------


@pytest.mark.parametrize(("option", "value", "expected"), [
    ("audit.max_code_share", ".nan", "Sub-option 'max_code_share': must be a finite number"),
    ("audit.max_code_share", ".inf", "Sub-option 'max_code_share': must be a finite number"),
    ("audit.max_code_share", "-.inf", "Sub-option 'max_code_share': must be a finite number"),
    ("audit.max_code_share", "0", "Sub-option 'max_code_share': must be a positive number, not 0"),
    ("audit.visual_words", "0", "Sub-option 'visual_words': must be a positive integer, not 0"),
    ("audit.overview_minutes", "2.5", "Sub-option 'overview_minutes': Expected type"),
    ("page_info.words_per_minute", ".nan", "Sub-option 'words_per_minute': Expected type"),
    ("code.fold_lines", "true", "Sub-option 'fold_lines': Expected type: <class 'int'>"),
    ("overview.title", "''", "Sub-option 'title': must not be empty"),
    ("overview.title", "'   '", "Sub-option 'title': must not be empty"),
    ("overview.title", '"\\0"', "Sub-option 'title': must not be empty, not '\\x00'"),
    ("overview.title", '"\\u200b \\u2060"',
     "Sub-option 'title': must not be empty, not '\\u200b \\u2060'"),
    ("overview.title", '"\\x07\\ufeff\\t"', "Sub-option 'title': must not be empty"),
    ("overview.hero_image", "''", "Sub-option 'hero_image': must not be empty"),
    ("source.ref", "''", "Sub-option 'ref': must not be empty"),
    ("source.repo_url", "' '", "Sub-option 'repo_url': must not be empty"),
    ("source.root_in_repo", "''", "Sub-option 'root_in_repo': must not be empty"),
    ("audit.words", "['ok', '']", "Sub-option 'words': must not be empty"),
])
def test_numbers_and_texts_are_checked(tmp_path: Path, option: str, value: str,
                                       expected: str) -> None:
    group, leaf = option.split(".")
    extra = f"plugins:\n  - portfolio:\n      {group}:\n        {leaf}: {value}\n"
    out = attempt(tmp_path, {"index.md": "# Home\n"}, {"plugins": []}, extra_yaml=extra)
    assert out.error is not None, f"{option}: {value} was accepted"
    message = out.stop_message
    assert f"Plugin 'portfolio' option '{group}': {expected}" in message, message
    assert "Traceback" not in message


def test_good_numbers_still_build(tmp_path: Path) -> None:
    out = attempt(tmp_path, {"index.md": "# Home\n"}, {"plugins": [{"portfolio": {
        "audit": {"max_code_share": 2, "visual_words": 10, "overview_minutes": 1},
        "page_info": {"words_per_minute": 300}, "code": {"fold_lines": 5, "preview_lines": 2},
    }}]})
    assert out.error is None, out.stop_message


# -- 12: the author's overview page in exclude_docs ---------------------------------------


def test_excluded_author_overview_is_replaced_by_the_generated_one(tmp_path: Path) -> None:
    out = attempt(tmp_path, {
        "index.md": "---\nportfolio: overview\n---\n# My overview\n\n<!-- portfolio:overview -->\n",
        "a.md": "# A\n\nSome text about it.\n",
    }, {"exclude_docs": "index.md\n", "plugins": [{"portfolio": QUIET}]})
    assert out.error is None, out.stop_message
    assert not any("front matter 'portfolio: overview'" in w and "make that page" in w
                   for w in out.warnings), out.warnings
    said = [m for m in out.messages(logging.INFO) if "portfolio: overview" in m]
    assert len(said) == 1 and "'index.md'" in said[0] and "excluded" in said[0], said
    assert "generated instead" in said[0], said
    home = out.soup("index.md")
    assert home.select_one(".pf-overview") is not None, "no generated overview at the home page"
    assert "My overview" not in home.get_text()


# -- 13, 15: lines as editors count them ---------------------------------------------------


def test_split_lines_breaks_only_where_editors_do() -> None:
    assert split_lines("a\fb\vc\x1cd\x1de\x1ef\x85g\u2028h\u2029i") == [
        "a\fb\vc\x1cd\x1de\x1ef\x85g\u2028h\u2029i"]
    assert split_lines("a\nb\r\nc\rd\n") == ["a", "b", "c", "d"]
    assert split_lines("") == [] and split_lines("\n") == [""]


FORM_FEED = "import os\n\f\n\ndef target():\n    return 1\n"
SEPARATOR = "def f():\n    return 'a\u2028b'\n\n\ndef g():\n    return 2\n"


@pytest.fixture
def odd_files(tmp_path: Path) -> Path:
    (tmp_path / "ff.py").write_text(FORM_FEED, encoding="utf-8")
    (tmp_path / "sep.py").write_text(SEPARATOR, encoding="utf-8")
    (tmp_path / "guarded.py").write_text(
        "try:\n    import fast\nexcept ImportError:\n    def helper():\n        return 1\n"
        "else:\n    helper = fast.helper\n\n"
        "if True:\n    class Thing:\n        def go(self):\n            pass\n"
        "\nwith open('x') as f:\n    DATA = f.read()\n", encoding="utf-8")
    return tmp_path


def test_form_feed_is_not_a_line_break(odd_files: Path) -> None:
    soup = convert(odd_files, "/// source | ff.py::target\n///\n",
                   repo_url="https://github.com/x/y", source_ref="abc")
    link = title_link(soup)
    assert "lines 4\u20135" in link.get_text(), link
    assert link["href"].endswith("#L4-L5"), link["href"]


def test_line_separator_in_a_string_is_valid_python(odd_files: Path) -> None:
    soup = convert(odd_files, "/// source | sep.py::g\n///\n")
    assert "sep.py::g (lines 5\u20136)" in soup.get_text()


def test_symbols_under_if_try_and_with_are_found(odd_files: Path) -> None:
    found = symbols((odd_files / "guarded.py").read_text("utf-8"))
    assert found["helper"] == (4, 5), found  # the first definition wins
    assert found["Thing"] == (10, 12) and found["Thing.go"] == (11, 12), found
    assert found["DATA"] == (15, 15), found
    soup = convert(odd_files, "/// source | guarded.py::helper\n///\n")
    assert "lines 4\u20135" in soup.get_text()


def test_symbols_under_match_are_found() -> None:
    text = "match x:\n    case 1:\n        def one():\n            pass\n    case _:\n" \
           "        one = None\n"
    assert symbols(text)["one"] == (3, 4)


def test_reversed_hl_lines_is_named(odd_files: Path) -> None:
    (odd_files / "six.py").write_text("".join(f"x{i} = {i}\n" for i in range(1, 9)), "utf-8")
    with pytest.raises(PortfolioError) as caught:
        convert(odd_files, "/// source | six.py\n    hl_lines: 6-5\n///\n")
    message = str(caught.value)
    assert "source snippet 'six.py' on page 'notes.md'" in message, message
    assert "hl_lines '6-5'" in message and "first" in message, message


def test_audit_findings_count_lines_as_editors_do(tmp_path: Path) -> None:
    out = attempt(tmp_path, {"index.md": "# Home\n\nA line\fwith a feed.\n\nTeh typo here.\n"},
                {"plugins": [{"portfolio": QUIET | {"audit": {"checks": {"typos": "warn"}}}}]})
    report = json.loads((out.site_dir / "portfolio-audit.json").read_text("utf-8"))
    typo = [f for f in report["findings"] if f["check"] == "typos"]
    assert typo and typo[0]["line"] == 5, typo


# -- F6, F7: numbers as authors write them (exponents, decimal commas) ---------------------


def result_block(name: str, value: str, baseline: str) -> str:
    return (f"/// result | {name}\n    metric: {name}\n    value: \"{value}\"\n"
            f"    baseline: \"{baseline}\"\n\nText.\n///\n")


@pytest.mark.parametrize(("name", "value", "baseline", "change", "improved"), [
    ("Validation loss", "1.5e-3", "2e-4", "+1.3e-3", "false"),
    ("Validation loss", "2e-4", "1.5e-3", "-1.3e-3", "true"),
    ("Accuracy", "0,89", "0,78", "+0,11", "true"),
    ("Accuracy", "0,891", "0,8", "+0,091", "true"),
    ("Throughput", "12,345 rows/s", "1,234 rows/s", "+11,111 rows/s", "true"),
    ("Throughput", "1,234.5 rows/s", "1,000 rows/s", "+234.5 rows/s", "true"),
    ("Accuracy", "0.91", "0.84", "+0.07", "true"),
    ("p95 latency", "120 ms", "340 ms", "-220 ms", "true"),
    # cannot be read unambiguously: no change rather than a wrong one
    ("Accuracy", "1,234", "0,89", "", None),
    ("Accuracy", "1.234,5", "1.000,0", "", None),
    ("Accuracy", "1,23,4", "1", "", None),
])
def test_metric_change_reads_numbers_as_written(tmp_path: Path, name: str, value: str,
                                                baseline: str, change: str,
                                                improved: str | None) -> None:
    out = attempt(tmp_path, {"index.md": "# Home\n\nHello.\n",
                           "r.md": "# R\n\n" + result_block(name, value, baseline)},
                {"nav": ["index.md", "r.md"], "plugins": [{"portfolio": QUIET}]})
    assert out.error is None, out.stop_message
    fig = out.soup("r.md").select_one("figure.pf-metric")
    assert fig is not None
    delta = fig.select_one(".pf-metric__delta")
    assert (delta.get_text() if delta else "") == change, fig
    assert fig.get("data-pf-improved") == improved, fig
    shown = fig.select_one(".pf-metric__value")
    assert shown is not None and shown.get_text() == value, fig
    card = out.soup("overview.md").select_one(".pf-ov-metric")
    assert card is not None
    ov_delta = card.select_one(".pf-ov-metric__delta")
    assert (ov_delta.get_text() if ov_delta else "") == change, card
    assert card.get("data-pf-improved") == improved, card


# -- F8: character references in titles and metric names ------------------------------


def test_character_references_in_titles_and_metrics_are_kept(tmp_path: Path) -> None:
    out = attempt(tmp_path, {
        "index.md": "# Home\n\nHello.\n",
        "r.md": '# Fish &amp; chips &#x263A;\n\nSalt &amp; vinegar here.\n\n'
                '!!! dead-end "Cats &amp; dogs &#169;"\n    It rained &amp; poured.\n\n'
                "/// next-step | Fish &amp; chips\nThen dessert.\n///\n\n"
                '!!! result "Both"\n    Metric: P&amp;R = 0.9 (baseline 0.8)\n\n    Text.\n\n'
                '!!! dead-end "Raw <b>bold</b> &lt;b&gt;"\n    Body.\n',
    }, {"nav": ["index.md", "r.md"], "plugins": [{"portfolio": QUIET}]})
    assert out.error is None, out.stop_message
    soup = out.soup("overview.md")
    dead = texts_of(soup, ".pf-ov-items--dead-end .pf-ov-item__title")
    assert dead[:1] == ["Cats & dogs \u00a9"], dead
    assert "Raw bold <b>" in dead[1], dead  # raw HTML still dropped, its text kept
    assert texts_of(soup, ".pf-ov-items--next-step .pf-ov-item__title") == ["Fish & chips"]
    assert "It rained & poured." in soup.get_text(" ")
    assert texts_of(soup, ".pf-ov-metric__name") == ["P&R"]
    assert texts_of(soup, ".pf-ov-page__title")[1] == "Fish & chips \u263a"
    html = out.html("overview.md")
    assert "Cats &amp; dogs" in html and "&amp;amp;" not in html
    page = out.soup("r.md")
    name = page.select_one(".pf-metric__name")
    assert name is not None and name.get_text() == "P&R", name


def test_character_references_in_a_demo_title_reach_its_messages(tmp_path: Path) -> None:
    out = attempt(tmp_path, {"index.md": '# Home\n\n!!! demo "Cats &amp; dogs"\n'
                                       "    url: https://demo.streamlit.app/\n"
                                       "    screenshot: https://tracker.example/s.png\n"})
    assert out.error is None, out.stop_message
    assert any("demo block 'Cats & dogs' on page 'index.md'" in w and "screenshot" in w
               for w in out.warnings), out.warnings


def test_uptime_is_better_higher() -> None:
    # Found by the second attack run: 'time' in the lower-is-better names matched 'Uptime'.
    from mkdocs_portfolio.markdown.facts import Metric

    assert Metric("Uptime", "99.9%", "99.0%").improved is True
    assert Metric("Inference time", "12 ms", "20 ms").improved is True
    assert Metric("Runtime", "5 s", "4 s").improved is False


@pytest.mark.parametrize(("value", "baseline"), [
    ("12 345 rows/s", "11 111 rows/s"), ("12\u202f345", "11\u202f111"),
    ("1'234.5", "1'111.1"), ("1_000", "900")])
def test_other_thousands_separators_show_no_wrong_change(value: str, baseline: str) -> None:
    # Second attack run: '12 345' read as 12 with the unit '345 rows/s' (+1 345, better).
    from mkdocs_portfolio.markdown.facts import Metric

    metric = Metric("Throughput", value, baseline)
    assert not metric.delta_text and metric.improved is None, (metric.delta_text,
                                                               metric.improved)
