"""The tables a ``metrics`` chart reads (:func:`.results.tables.read_table`), through
the results files' one reader: CSV, a list of records inside a JSON/YAML/TOML file by
``PATH#KEY``, an MLflow history or run folder; what is not a table is named."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from mkdocs_portfolio.markdown.util import PortfolioError
from mkdocs_portfolio.results import DataFiles, ResultsProblem
from mkdocs_portfolio.results.tables import TableError, read_table

from .harness import build, page_facts

CONFIG = {"plugins": [{"portfolio": {"audit": {"enabled": False}}}]}


def test_read_table_api(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("\ufeffa,b\n x , 2 \n\ny,3.5\n", encoding="utf-8")
    table, read, stamp = read_table(tmp_path, "t.csv", DataFiles(), "chart 'T'")
    assert table.columns == ("a", "b") and table.texts("a") == ["x", "y"]
    assert table.numbers("b") == [2.0, 3.5] and table.numeric_columns() == ["b"]
    assert read == path.resolve() and stamp[1] == path.stat().st_size
    with pytest.raises(TableError, match="there is no column 'c'"):
        table.numbers("c")
    for content, problem in [("a,a\n1,2\n", "has the column 'a' twice"),
                             ("a,b\n", "holds no rows"),
                             ("a,b\n1,2,3\n", "has a ragged row: line 2 has 3 fields")]:
        path.write_text(content, encoding="utf-8")
        with pytest.raises(ResultsProblem, match=f"^chart 'T': 't.csv' {problem}"):
            read_table(tmp_path, "t.csv", DataFiles(), "chart 'T'")
    os.remove(path)
    with pytest.raises(PortfolioError, match=r"^chart 'T': file 't\.csv' does not exist"):
        read_table(tmp_path, "t.csv", DataFiles(), "chart 'T'")


RESULTS = Path(__file__).parent / "data" / "results"


@pytest.mark.parametrize(("ref", "column", "values"), [
    ("eval.json#slices", "ours", [0.9, 0.86]),  # a list of records inside a file
    ("eval.json#/slices", "baseline", [0.81, 0.77]),  # by JSON pointer
    ("slices.csv", "recall", [0.9, 0.86, 0.97, 0.83]),
    ("curve.toml#epochs", "val_loss", [0.95, 0.7]),
    ("mlruns/1/3f2a9c7e41d04b1e#val_loss", "value", [1.204, 0.733, 0.511, 0.423]),
    ("mlruns/1/3f2a9c7e41d04b1e/metrics/val_loss", "step", [0.0, 1.0, 2.0, 3.0]),
])
def test_a_table_is_read_as_a_bound_result_reads_its_file(
        tmp_path: Path, ref: str, column: str, values: list[float]) -> None:
    shutil.copytree(RESULTS, tmp_path, dirs_exist_ok=True)
    (tmp_path / "curve.toml").write_text(
        "[[epochs]]\nepoch = 1\nval_loss = 0.95\n\n[[epochs]]\nepoch = 2\nval_loss = 0.7\n",
        encoding="utf-8")
    files = DataFiles()
    table, path, _ = read_table(tmp_path, ref, files, "chart")
    assert table.numbers(column) == values
    assert path in files.parsed  # parsed once, by the cache bound results use


@pytest.mark.parametrize(("ref", "problem"), [
    ("eval.json#test", "'test' in 'eval.json' is not a list of records"),
    ("eval.json#nope", "'eval.json' has no key 'nope'"),
    ("two.json", "'two.json' is a mapping, not a list of records (give a list of mappings, "
                 "or name the list after '#': 'two.json#slices')"),
    ("slices.csv#recall", "'slices.csv' is a CSV table; it takes no key"),
    ("mlruns/1/3f2a9c7e41d04b1e", "is a folder; name a metric of an MLflow run"),
    ("mlruns/1/3f2a9c7e41d04b1e#nope", "'mlruns/1/3f2a9c7e41d04b1e/metrics/nope' does not "
                                       "exist"),
])
def test_a_table_that_is_not_there_is_named(tmp_path: Path, ref: str, problem: str) -> None:
    shutil.copytree(RESULTS, tmp_path, dirs_exist_ok=True)
    (tmp_path / "two.json").write_text('{"a": [{"x": 1}], "b": [{"x": 2}]}', encoding="utf-8")
    with pytest.raises(PortfolioError, match=f"^chart: .*{re.escape(problem)}"):
        read_table(tmp_path, ref, DataFiles(), "chart")


def test_a_chart_of_a_list_inside_a_file_and_of_an_mlflow_run(tmp_path: Path) -> None:
    page = """# R

/// metrics | By department
    from: results/eval.json#slices
    x: department
///

/// metrics | Loss
    from: results/mlruns/1/3f2a9c7e41d04b1e#val_loss
///
"""
    shutil.copytree(RESULTS, tmp_path / "results", dirs_exist_ok=True)
    built = build(tmp_path, {"index.md": page}, CONFIG)
    bars, curve = built.article("index.md").select("figure.pf-chart svg")
    assert [r["data-value"] for r in bars.select("g.pf-chart__series rect")] == [
        "0.81", "0.77", "0.9", "0.86"]
    assert curve.polyline is not None
    assert curve.select_one(".pf-chart__legend text").get_text() == "val_loss"
    data = page_facts(built.plugin, "index.md").data_files
    assert sorted(Path(p).name for p in data) == ["eval.json", "val_loss"]
