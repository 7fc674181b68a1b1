"""Results from the experiment's own files: every source with a real file of its format,
real builds that show the file's number on the page and the overview, the audit's
``stale-result`` finding, bad input, and ``--dirty`` rebuilds after a file changes."""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.exceptions import Abort

from mkdocs_portfolio.results import DataFiles, ResultsProblem, read_value
from mkdocs_portfolio.results.files import MAX_BYTES

from . import harness
from .harness import Built

DATA = Path(__file__).parent / "data" / "results"
RUN = "results/mlruns/1/3f2a9c7e41d04b1e"
WANDB = "results/wandb/run-20261118_101502-k3x9q2/files/wandb-summary.json"


def site(root: Path, pages: dict[str, str], **options: object) -> Built:
    """A real build with the results files under ``root/results`` (the source root)."""
    shutil.copytree(DATA, root / "results", dirs_exist_ok=True)
    return harness.build(root, pages, {"plugins": [{"portfolio": {"audit": {"enabled": True}}}]},
                         **options)  # type: ignore[arg-type]


def attempt(root: Path, pages: dict[str, str], **options: object) -> Built:
    shutil.copytree(DATA, root / "results", dirs_exist_ok=True)
    return harness.attempt(root, pages, **options)  # type: ignore[arg-type]


# -- every source, by the module an engine without MkDocs would call ---------------------


@pytest.mark.parametrize(("ref", "value", "text"), [
    ("eval.json#test.macro_f1", 0.8712, "0.8712"),
    ("eval.json#/test/requests", 4180, "4180"),
    ("eval.json#latency.p95_ms", 41.5, "41.5"),  # a key that holds a dot, found whole
    ("eval.json#slices.1.ours", 0.86, "0.86"),
    ("metrics.yaml#test.routed_automatically", 81.4, "81.4"),
    ("metrics.yaml#calibration.ece", 0.031, "0.031"),  # a number written as text
    ("pyproject.toml#tool.eval.test.macro_f1", 0.8712, "0.8712"),
    ("slices.csv#row=urgent&col=recall", 0.97, "0.97"),
    ("slices.csv#col=precision&row=Street lights", 0.8, "0.8"),
    ("README.md#model-index.f1", 0.8712, "0.8712"),
    ("README.md#model-index.accuracy", 0.912, "0.912"),
    ("mlruns/1/3f2a9c7e41d04b1e/metrics/val_f1", 0.8694, "0.8694"),  # the last value
    ("mlruns/1/3f2a9c7e41d04b1e#val_loss", 0.423, "0.423"),  # a run folder, by metric
    ("wandb/run-20261118_101502-k3x9q2/files/wandb-summary.json#eval/f1", 0.8694, "0.8694"),
])
def test_each_source_gives_its_number(ref: str, value: float, text: str) -> None:
    bound = read_value(DATA, ref, DataFiles(), "test")
    assert (bound.value, bound.text) == (value, text)


def test_a_file_is_parsed_once_while_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "eval.json"
    path.write_text('{"f1": 0.5}')
    files = DataFiles()
    assert read_value(tmp_path, "eval.json#f1", files, "t").value == 0.5
    parsed = files.parsed[path.resolve()][1]
    assert read_value(tmp_path, "eval.json#f1", files, "t").value == 0.5
    assert files.parsed[path.resolve()][1] is parsed  # not parsed again
    path.write_text('{"f1": 0.75}')
    os.utime(path, (time.time() + 5, time.time() + 5))
    assert read_value(tmp_path, "eval.json#f1", files, "t").value == 0.75


# -- real builds -------------------------------------------------------------------------

ROUTED = ("Metric: Routed automatically from results/metrics.yaml#test.routed_automatically "
          "(baseline results/metrics.yaml#baseline.routed_automatically, unit %, precision 0)")
BOUND = {
    "results.md": f"""
        # Results

        /// result | Routing across departments
            from: results/eval.json#test.macro_f1
            baseline: results/eval.json#baseline.macro_f1
            metric: Macro F1
            precision: 3
        The router beats the rules on every department.
        ///

        !!! result "Urgent requests are caught"
            Metric: Urgent recall from results/slices.csv#row=urgent&col=recall (baseline 0.81)

            Urgent requests reach a crew.

        !!! result "Routed without a dispatcher"
            {ROUTED}

            Four in five.

        /// result | The model card agrees
            from: results/README.md#model-index.accuracy
            baseline: 0.853
        ///

        /// result | Validation F1 at the last epoch
            from: results/mlruns/1/3f2a9c7e41d04b1e#val_f1
            precision: 2
        ///

        /// result | W&B summary
            from: results/wandb/run-20261118_101502-k3x9q2/files/wandb-summary.json#eval/loss
            metric: Validation loss
        ///

        /// result | From the project file
            from: results/pyproject.toml#tool.eval.test.accuracy
            metric: Accuracy
            value: 0.91
        ///
        """,
}


def _cards(built: Built, page: str) -> list[str]:
    return [" | ".join(f.stripped_strings) for f in built.soup(page).select("figure.pf-metric")]


@pytest.mark.parametrize("use_directory_urls", [True, False])
def test_the_page_and_the_overview_show_the_files_numbers(tmp_path: Path,
                                                         use_directory_urls: bool) -> None:
    built = site(tmp_path, BOUND, use_directory_urls=use_directory_urls,
                 allow_warnings=("audit [",))
    assert _cards(built, "results.md") == [
        "0.871 | Macro F1 | baseline 0.783 | +0.088",
        "0.97 | Urgent recall | baseline 0.81 | +0.16",
        "81% | Routed automatically | baseline 38% | +43 pts",
        "0.912 | The model card agrees | baseline 0.853 | +0.059",
        "0.87 | Validation F1 at the last epoch",
        "0.423 | Validation loss",
        "0.91 | Accuracy",  # 0.912 to the two decimals written by hand: it agrees
    ]
    overview = built.soup("index.html")  # the overview is the home
    values = [v.get_text(strip=True) for v in overview.select(".pf-ov-metric__value")]
    assert values == ["0.871", "0.97", "81%", "0.912", "0.87", "0.423", "0.91"]
    assert not built.of("stale-result")
    facts = harness.page_facts(built.plugin, "results.md")
    assert sorted(Path(p).name for p in facts.data_files) == [
        "README.md", "eval.json", "metrics.yaml", "pyproject.toml", "slices.csv", "val_f1",
        "wandb-summary.json"]


STALE = {
    "results.md": """
        # Results

        /// result | Macro F1
            metric: Macro F1
            value: 0.89
            from: results/eval.json#test.macro_f1
        ///

        !!! result "Urgent recall"
            Metric: Urgent recall = 0.99 from results/slices.csv#row=urgent&col=recall
        """,
}


def test_a_stale_hand_written_number_is_a_finding_and_the_page_shows_the_file(
        tmp_path: Path) -> None:
    built = site(tmp_path, STALE, allow_warnings=("audit [",))
    assert _cards(built, "results.md") == ["0.87 | Macro F1", "0.97 | Urgent recall"]
    assert "0.89" not in built.article("results.md").get_text()
    findings = built.of("stale-result")
    assert [(f.page, f.line, f.message) for f in findings] == [
        ("results.md", 6, "the result 'Macro F1' says 0.89, but "
         "results/eval.json#test.macro_f1 holds 0.8712, shown as 0.87"),
        ("results.md", 10, "the result 'Urgent recall' says 0.99, but "
         "results/slices.csv#row=urgent&col=recall holds 0.97"),
    ]
    report = [f for f in built.report["findings"] if f["check"] == "stale-result"]
    assert [f["message"] for f in report] == [f.message for f in findings]
    assert any("audit [stale-result] page 'results.md', line 6" in w for w in built.warnings)


# -- bad input ---------------------------------------------------------------------------


@pytest.mark.parametrize(("ref", "words"), [
    ("results/missing.json#f1", ["'results/missing.json' does not exist"]),
    ("results/eval.json#test.f2", ["'results/eval.json' has no key 'f2' under 'test'",
                                   "keys there: macro_f1, accuracy"]),
    ("results/eval.json#/test/f2", ["has no 'f2' at '/test'"]),
    ("results/slices.csv#row=Parks&col=recall", ["no row 'Parks'", "'department'",
                                                 "rows: Streets, Water, urgent"]),
    ("results/slices.csv#row=urgent&col=f1", ["no column 'f1'", "requests, baseline, recall"]),
    ("results/eval.json#model", ["'model' in 'results/eval.json' is 'curbside-router-v3', "
                                 "not a number"]),
    ("results/eval.json#test", ["'test' in 'results/eval.json' is a mapping, not a number"]),
    ("results/metrics.yaml#notes", ["is 'routed by department only', not a number"]),
    ("results/ragged.csv#row=Water&col=recall", ["'results/ragged.csv' has a ragged row: "
                                                 "line 3 has 2 fields, the header 3"]),
    ("results/nocard.md#model-index.f1", ["the model card 'results/nocard.md' has no "
                                          "'model-index'"]),
    ("results/README.md#model-index.bleu", ["no result with a metric of type 'bleu'",
                                            "types there: accuracy, f1"]),
    ("../outside.json#f1", ["'../outside.json' is outside the source root"]),
    ("results/big.json#f1", ["'results/big.json' is 100.0 MB, more than the 10.0 MB"]),
    ("results/mlruns/1/3f2a9c7e41d04b1e#val_acc", ["metrics/val_acc' does not exist"]),
    ("results/eval.json", ["name the number in 'results/eval.json' after '#'"]),
])
def test_bad_input_is_a_warning_naming_page_block_file_and_what(
        tmp_path: Path, ref: str, words: list[str]) -> None:
    (tmp_path / "results").mkdir()
    with open(tmp_path / "results" / "big.json", "wb") as big:
        big.truncate(100 * MAX_BYTES // 10)  # 100 MB, sparse: only its size is looked at
    (tmp_path / "outside.json").write_text('{"f1": 0.5}')
    pages = {"index.md": f"""
        # Home

        /// result | Macro F1
            metric: Macro F1
            from: {ref}
        ///
        """}
    built = attempt(tmp_path, pages)
    assert built.error is None
    (warning,) = [w for w in built.warnings if "result block" in w]
    assert warning.startswith("mkdocs_portfolio: result block 'Macro F1' on page "
                              "'index.md': "), warning
    for word in words:
        assert word in warning, warning
    assert warning.endswith("; the block shows no number")
    assert not built.soup("index.md").select("figure.pf-metric")  # no number nobody read
    assert "Traceback" not in built.log
    strict = attempt(tmp_path / "strict", pages, strict=True)
    assert isinstance(strict.error, Abort)


def test_a_hand_written_number_is_shown_when_its_file_cannot_be_read(tmp_path: Path) -> None:
    line = ("Metric: Recall = 0.91 from results/eval.json#test.recall "
            "(baseline results/eval.json#baseline.recall)")
    pages = {"index.md": f"""
        # Home

        !!! result "Recall"
            {line}
        """}
    built = attempt(tmp_path, pages)
    warnings = [w for w in built.warnings if "result block" in w]
    assert warnings == [
        "mkdocs_portfolio: result block 'Recall' on page 'index.md': 'results/eval.json' has "
        "no key 'recall' under 'test' (keys there: macro_f1, accuracy, urgent_recall, "
        "requests); the block shows the number written by hand, 0.91",
        "mkdocs_portfolio: result block 'Recall' on page 'index.md', its baseline: "
        "'results/eval.json' has no key 'recall' under 'baseline' (keys there: macro_f1, "
        "accuracy); the block shows no baseline",
    ]
    assert _cards(built, "index.md") == ["0.91 | Recall"]


def test_a_metric_line_without_a_file_is_text_as_before(tmp_path: Path) -> None:
    pages = {"index.md": """
        # Home

        !!! result "Latency"
            Metric: time from click to answer

        !!! result "Recall"
            Metric: Recall = 0.91 (vs. 0.84, relative)
        """}
    built = site(tmp_path, pages, allow_warnings=("audit [",))
    assert _cards(built, "index.md") == ["0.91 | Recall | baseline 0.84 | +8.3%"]
    assert "Metric: time from click to answer" in built.article("index.md").get_text()


# -- mkdocs serve ------------------------------------------------------------------------


def test_a_dirty_rebuild_follows_an_edited_results_file(tmp_path: Path) -> None:
    shutil.copytree(DATA, tmp_path / "results")
    pages = {"results.md": re.sub(r"\n *value: 0.89", "", STALE["results.md"])
             .replace("= 0.99 ", ""),
             "other.md": "# Other\n\nA page that names no file.\n"}
    with harness.serving(tmp_path, pages, {}) as served:
        assert _value(served, "results/index.html") == "0.8712"
        watched: list[str] = []

        class Server:
            def watch(self, path: str, recursive: bool = True) -> None:
                watched.append(path)

        served.plugin.on_serve(Server(), config=served.config, builder=None)
        assert str((tmp_path / "results" / "eval.json").resolve()) in watched
        assert str((tmp_path / "results" / "slices.csv").resolve()) in watched
        other = tmp_path / "site" / "other" / "index.html"
        other_built = os.stat(other).st_mtime_ns

        eval_json = tmp_path / "results" / "eval.json"
        eval_json.write_text(eval_json.read_text().replace("0.8712", "0.9034"))
        future = time.time() + 30
        os.utime(eval_json, (future, future))
        served.config = served.load()
        with harness.mkdocs_logs():
            mkdocs_build(served.config, dirty=True)
        assert _value(served, "results/index.html") == "0.9034"
        values = [v.get_text(strip=True)
                  for v in served.soup("index.html").select(".pf-ov-metric__value")]
        assert values == ["0.9034", "0.97"]
        assert os.stat(other).st_mtime_ns == other_built  # still a dirty rebuild


def _value(served: harness.Serving, path: str) -> str:
    figure = served.soup(path).select_one("figure.pf-metric .pf-metric__value")
    assert figure is not None
    return figure.get_text(strip=True)


def test_plain_python_markdown_reads_the_file_from_its_source_root() -> None:
    import markdown

    text = ("!!! result \"F1\"\n    Metric: F1 from eval.json#test.macro_f1 "
            "(baseline eval.json#baseline.macro_f1, precision 2)\n")
    html = markdown.markdown(text, extensions=["mkdocs_portfolio.markdown"], extension_configs={
        "mkdocs_portfolio.markdown": {"source_root": str(DATA)}})
    assert '<span class="pf-metric__value">0.87</span>' in html
    assert '<span class="pf-metric__baseline">baseline 0.78</span>' in html


def test_a_baseline_of_text_with_a_hash_is_text(tmp_path: Path) -> None:
    pages = {"index.md": """
        # Home

        /// result | Recall
            metric: Recall
            value: 0.91
            baseline: "0.84 (#1 on the board)"
        ///
        """}
    built = site(tmp_path, pages, allow_warnings=("audit [",))
    assert _cards(built, "index.md") == ["0.91 | Recall | baseline 0.84 (#1 on the board) | +0.07"]


@pytest.mark.skipif(shutil.which("zensical") is None, reason="zensical is not installed")
def test_zensical_shows_the_files_number(tmp_path: Path) -> None:
    from .test_zensical import MKDOCS_YML, soup_of, zensical_build

    shutil.copytree(DATA, tmp_path / "results")
    page = ("# Results\n\n!!! result \"Macro F1\"\n    Metric: Macro F1 from "
            "results/eval.json#test.macro_f1 (baseline 0.78, precision 2)\n")
    zensical_build(tmp_path, "mkdocs.yml", MKDOCS_YML, {"index.md": page})
    value = soup_of(tmp_path, "index.html").select_one(".pf-metric__value")
    assert value is not None and value.get_text() == "0.87"


@pytest.mark.parametrize(("held", "words"), [
    ("true", "'f1' in 'v.json' is true, not a number"),
    ("null", "'f1' in 'v.json' is empty, not a number"),
    ("NaN", "'f1' in 'v.json' is nan, not a finite number"),
    ('"n/a"', "'f1' in 'v.json' is 'n/a', not a number"),
    ('"0,87"', "'f1' in 'v.json' is '0,87', not a number"),  # which decimal mark?
    ("[0.87]", "'f1' in 'v.json' is a list, not a number"),
])
def test_only_a_number_is_a_number(tmp_path: Path, held: str, words: str) -> None:
    (tmp_path / "v.json").write_text(f'{{"f1": {held}}}')
    with pytest.raises(ResultsProblem) as raised:
        read_value(tmp_path, "v.json#f1", DataFiles(), "w")
    assert str(raised.value) == f"w: {words}"
