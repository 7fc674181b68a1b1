"""The overview's table of bound results (``overview.results_table``) in real builds:
one row per result read from a file, its numbers, its file linked at the commit being
built, every value escaped; off by default."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from .harness import Built, build

DATA = Path(__file__).parent / "data" / "results"
PAGES = {
    "index.md": "# Home\n\nThe writeup.\n",
    "results.md": """
# Results

/// result | Routing across departments
    from: results/eval.json#test.macro_f1
    baseline: results/eval.json#baseline.macro_f1
    metric: Macro F1
    precision: 3
The router beats the rules.
///

!!! result "Urgent requests are caught"
    Metric: Urgent recall from results/slices.csv#row=urgent&col=recall (baseline 0.81)

    Urgent requests reach a crew.

/// result | Written by hand
    metric: Recall
    value: 0.5
///

/// result | Hostile
    from: results/evil.json#<b>x</b>
    metric: <img src=x onerror=alert(1)>
///
""",
}
EVIL = {"<b>x</b>": 0.25}


def _site(root: Path, table: bool | None, **options: Any) -> Built:
    shutil.copytree(DATA, root / "results", dirs_exist_ok=True)
    (root / "results" / "evil.json").write_text(json.dumps(EVIL), encoding="utf-8")
    overview: dict[str, Any] = {} if table is None else {"results_table": table}
    config = {"repo_url": "https://github.com/o/r",
              "plugins": [{"portfolio": {"overview": overview, "audit": {"enabled": False},
                                         "source": {"ref": "v2.0", "root_in_repo": "."}}}]}
    return build(root, PAGES, config, **options)


def _rows(built: Built) -> list[list[str]]:
    table = built.soup("index.html").select_one(".pf-ov-section--results .pf-ov-results-table")
    assert table is not None
    return [[" ".join(c.stripped_strings) for c in tr.find_all(["th", "td"])]
            for tr in table.select("tbody tr")]


@pytest.mark.parametrize("use_directory_urls", [True, False])
def test_the_table_lists_each_bound_result_with_its_file(tmp_path: Path,
                                                        use_directory_urls: bool) -> None:
    built = _site(tmp_path, True, use_directory_urls=use_directory_urls)
    assert _rows(built) == [
        ["Macro F1", "0.871", "0.783", "+0.088", "results/eval.json test.macro_f1"],
        ["Urgent recall", "0.97", "0.81", "+0.16", "results/slices.csv row=urgent&col=recall"],
        ["<img src=x onerror=alert(1)>", "0.25", "\u2014", "\u2014", "results/evil.json <b>x</b>"],
    ]  # the result written by hand is not in it: it has no file
    table = built.soup("index.html").select_one(".pf-ov-results-table")
    sources = [a["href"] for a in table.select(".pf-ov-results-table__source a")]
    assert sources == ["https://github.com/o/r/blob/v2.0/results/eval.json",
                       "https://github.com/o/r/blob/v2.0/results/slices.csv",
                       "https://github.com/o/r/blob/v2.0/results/evil.json"]
    names = [a["href"] for a in table.select("th[scope=row] a")]
    page = "results/" if use_directory_urls else "results.html"
    assert names[0] == f"{page}#result-routing-across-departments"
    assert table.select("img, b, script") == []  # text from pages and files, escaped
    assert [r["data-pf-improved"] for r in table.select("tbody tr")[:2]] == ["true", "true"]
    (style,) = table.select("style[data-pf-results-table]")  # on this page, not in the bundle
    assert "44.9375em" in style.get_text()  # a row a block of its own on a narrow screen
    assert "onerror=alert(1)>" not in built.html("index.html").split("pf-ov-results-table")[1]


def test_the_table_is_off_by_default_and_with_false(tmp_path: Path) -> None:
    for table in (None, False):
        built = _site(tmp_path / str(table), table)
        overview = built.soup("index.html")
        assert overview.select(".pf-ov-metric")  # the cards are there
        assert overview.select(".pf-ov-results-table") == []


def test_without_a_forge_the_file_is_named_not_linked(tmp_path: Path) -> None:
    shutil.copytree(DATA, tmp_path / "results")
    (tmp_path / "results" / "evil.json").write_text(json.dumps(EVIL), encoding="utf-8")
    config = {"plugins": [{"portfolio": {"overview": {"results_table": True},
                                         "audit": {"enabled": False}}}]}
    built = build(tmp_path, PAGES, config)
    cells = built.soup("index.html").select(".pf-ov-results-table__source")
    files = [c.select_one(".pf-ov-results-table__file").get_text() for c in cells]
    assert files == ["results/eval.json", "results/slices.csv", "results/evil.json"]
    assert [c.select("a") for c in cells] == [[], [], []]
