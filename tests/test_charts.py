"""The ``metrics`` chart block in real builds: the SVG's geometry against the file's
numbers, escaping, figures and their count, every source format, and bad input."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import markdown
import pytest
from bs4 import BeautifulSoup, Tag
from mkdocs.exceptions import Abort

from mkdocs_portfolio.results.files import MAX_BYTES

from .harness import attempt, build, page_facts

CONFIG: dict[str, Any] = {"plugins": [{"portfolio": {"audit": {"enabled": False}}}]}
SLICES = ("department,baseline,ours\n"
          "Sanitation,0.71,0.84\n"
          "<script>alert(1)</script>,0.65,0.80\n"
          "Parks & Rec,0.80,0.86\n"
          "Water,0.52,0.77\n")
PAGE = """
# Results

Prose before the charts.

/// metrics | Recall by department
    from: results/slices.csv
    x: department
    y: [baseline, ours]
///

/// metrics | Validation loss
    from: results/curve.csv
    x: epoch
    y: val_loss
    kind: line
///
"""


def _site(root: Path, page: str = PAGE, files: dict[str, str | bytes] | None = None,
          **load: Any) -> Any:
    (root / "results").mkdir(parents=True, exist_ok=True)
    data: dict[str, str | bytes] = {
        "results/slices.csv": SLICES,
        "results/curve.csv": "epoch,train_loss,val_loss\n1,0.9,0.95\n2,0.6,0.7\n3,0.45,0.61\n",
    }
    data.update(files or {})
    for name, content in data.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return build(root, {"index.md": page}, CONFIG, **load)


def _bars(svg: Tag) -> dict[str, list[Tag]]:
    """The bars of each series, by series name (from the legend's order)."""
    names = [t.get_text() for t in svg.select(".pf-chart__legend text")]
    groups = svg.select("g.pf-chart__series")
    return {name: g.find_all("rect") for name, g in zip(names, groups, strict=True)}


def test_bars_are_as_long_as_their_numbers(tmp_path: Path) -> None:
    built = _site(tmp_path)
    svg = built.article("index.md").select_one("figure.pf-chart svg")
    assert svg is not None
    bars = _bars(svg)
    assert list(bars) == ["baseline", "ours"]
    assert [len(b) for b in bars.values()] == [4, 4]
    rows = [line.split(",") for line in SLICES.splitlines()[1:]]
    expected = {"baseline": [float(r[1]) for r in rows], "ours": [float(r[2]) for r in rows]}
    ratios = []
    for name, rects in bars.items():
        assert [r["data-value"] for r in rects] == [f"{v:.2f}" for v in expected[name]]
        ratios += [float(r["width"]) / v for r, v in zip(rects, expected[name], strict=True)]
        starts = {float(r["x"]) for r in rects}
        assert len(starts) == 1  # every bar starts at zero
    assert max(ratios) - min(ratios) < 0.01 * max(ratios)
    # the longest bar is the largest number, and fits in the drawing
    width = float(svg["viewbox"].split()[2])
    assert all(float(r["x"]) + float(r["width"]) <= width for rs in bars.values() for r in rs)


def test_labels_from_the_file_are_text_not_markup(tmp_path: Path) -> None:
    (tmp_path / "results").mkdir(parents=True)
    evil = '<img src=x onerror=alert(1)>,"a ""b"" <b>"\nx <script>alert(2)</script>,1\ny,2\n'
    built = _site(tmp_path, PAGE.replace("    x: department\n    y: [baseline, ours]\n", ""),
                  {"results/slices.csv": evil})
    html = built.html("index.html")
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>" not in html
    fig = built.article("index.md").select_one("figure.pf-chart")
    assert fig is not None
    assert fig.select("script") == [] and fig.select("img") == [] and fig.select("b") == []
    labels = [(t.title or t).get_text() for t in fig.select(".pf-chart__labels text")]
    assert labels == ["x <script>alert(2)</script>", "y"]
    assert [th.get_text() for th in fig.select("table thead th")] == [
        "<img src=x onerror=alert(1)>", 'a "b" <b>']


def test_a_chart_is_a_numbered_figure_with_a_table_of_its_numbers(tmp_path: Path) -> None:
    built = _site(tmp_path)
    figures = built.article("index.md").select("figure.pf-chart")
    assert len(figures) == 2
    assert [f.figcaption.get_text(" ", strip=True) for f in figures] == [
        "Figure 1. Recall by department", "Figure 2. Validation loss"]
    for fig in figures:
        svg = fig.select_one("svg")
        assert svg["role"] == "img"
        assert fig.figcaption["id"] == svg["aria-labelledby"]
    table = figures[0].select_one(".pf-chart__data table")
    assert [th.get_text() for th in table.select("thead th")] == ["department", "baseline", "ours"]
    assert [[c.get_text() for c in tr.find_all(["th", "td"])] for tr in table.select("tbody tr")] \
        == [line.split(",") for line in SLICES.replace("&", "&").splitlines()[1:]]
    facts = page_facts(built.plugin, "index.md")
    assert facts.figures == 2


def test_the_overview_counts_charts_as_figures(tmp_path: Path) -> None:
    _site(tmp_path)
    built = build(tmp_path, {"index.md": "# Home\n\nIntro.\n", "results.md": PAGE}, CONFIG)
    cards = built.article("index.md").select(".pf-ov-page")  # the home is the overview
    counts = {c.select_one(".pf-ov-page__title").get_text(strip=True):
              c.select_one(".pf-ov-count--figure") for c in cards}
    assert counts["Results"] is not None and counts["Results"]["data-count"] == "2"


def test_a_line_chart_follows_its_steps(tmp_path: Path) -> None:
    history = "1700000000000 0.95 3\n1700000000100 1.20 1\n1700000000050 1.02 2\n"
    page = """
    # Curves

    /// metrics | From MLflow
        from: mlruns/0/abc/metrics/val_loss
    ///
    """
    built = _site(tmp_path, page, {"mlruns/0/abc/metrics/val_loss": history})
    svg = built.article("index.md").select_one("figure.pf-chart svg")
    points = [tuple(map(float, p.split(","))) for p in svg.polyline["points"].split()]
    assert len(points) == 3
    assert [x for x, _ in points] == sorted(x for x, _ in points)  # steps 1, 2, 3
    heights = [y for _, y in points]  # SVG's y grows downwards: the loss falls
    assert heights == sorted(heights)
    assert svg.select_one(".pf-chart__legend text").get_text() == "val_loss"
    rows = [[c.get_text() for c in tr.find_all(["th", "td"])]
            for tr in built.article("index.md").select(".pf-chart__data tbody tr")]
    assert rows == [["1", "1.20"], ["2", "1.02"], ["3", "0.95"]]


@pytest.mark.parametrize("name, content", [
    ("results/slices.json", json.dumps([{"team": "A", "f1": 0.5}, {"team": "B", "f1": 0.75}])),
    ("results/slices.yaml", "slices:\n  - {team: A, f1: 0.5}\n  - {team: B, f1: 0.75}\n"),
    ("results/slices.tsv", "team\tf1\nA\t0.5\nB\t0.75\n"),
])
def test_records_from_json_yaml_and_tsv(tmp_path: Path, name: str, content: str) -> None:
    page = f"# R\n\n/// metrics | F1\n    from: {name}\n    kind: dot\n///\n"
    built = _site(tmp_path, page, {name: content})
    svg = built.article("index.md").select_one("figure.pf-chart svg")
    dots = svg.select("g.pf-chart__series circle")
    assert [d["data-value"] for d in dots] == ["0.5", "0.75"]
    xs = [float(d["cx"]) for d in dots]
    assert xs[0] < xs[1]


def test_standalone_markdown_brings_the_chart_css(tmp_path: Path) -> None:
    (tmp_path / "r.csv").write_text("k,v\na,1\nb,2\n", encoding="utf-8")
    html = markdown.markdown("/// metrics | V\n    from: r.csv\n///\n",
                             extensions=["mkdocs_portfolio.markdown"],
                             extension_configs={"mkdocs_portfolio.markdown": {
                                 "source_root": str(tmp_path)}})
    soup = BeautifulSoup(html, "html.parser")
    assert len(soup.select("figure.pf-chart g.pf-chart__series rect")) == 2
    (style,) = soup.select("figure.pf-chart style")
    assert "--pf-chart-1" in style.get_text()
    assert '[data-md-color-scheme="slate"] .pf-chart' in style.get_text()


def test_only_pages_with_charts_carry_their_stylesheet(tmp_path: Path) -> None:
    _site(tmp_path)  # the data files
    built = build(tmp_path, {"index.md": PAGE, "other.md": "# Other\n\nProse.\n"}, CONFIG)
    assert len(built.article("index.md").select("style[data-pf-charts]")) == 1
    assert built.article("other.md").select("style") == []
    assert "pf-chart__s1" not in built.file("assets/portfolio/portfolio.css").read_text(
        encoding="utf-8")


# -- bad input -----------------------------------------------------------------------------------

BAD = [
    ("missing file", "from: results/nope.csv", {}, "'results/nope.csv' does not exist"),
    ("outside the root", "from: ../secret.csv", {}, "is outside"),
    ("no numeric column", "from: results/words.csv",
     {"results/words.csv": "a,b\nx,y\nz,w\n"}, "has no column of numbers to draw"),
    ("unknown x", "from: results/slices.csv\n    x: team", {}, "there is no column 'team'"),
    ("unknown y", "from: results/slices.csv\n    y: [ours, theirs]", {},
     "there is no column 'theirs'"),
    ("not a number", "from: results/gap.csv\n    y: v",
     {"results/gap.csv": "d,v\na,1\nb,n/a\n"}, "column 'v' holds 'n/a' in row 2"),
    ("ragged", "from: results/ragged.csv",
     {"results/ragged.csv": "d,v\na,1\nb,2,3\n"}, "ragged row: line 3 has 3 fields"),
    ("not records", "from: results/eval.json",
     {"results/eval.json": '{"f1": 0.9}'}, "not a list of records"),
    ("no from", "x: department", {}, "no 'from' option"),
    ("line over words", "from: results/slices.csv\n    kind: line", {},
     "a line chart needs numbers along 'x'"),
]


@pytest.mark.parametrize("case, options, files, reason", BAD, ids=[b[0] for b in BAD])
def test_bad_input_is_a_warning_naming_page_block_file_and_reason(
        tmp_path: Path, case: str, options: str, files: dict[str, str], reason: str) -> None:
    root = tmp_path / "site"
    (root / "results").mkdir(parents=True)
    (root / "results/slices.csv").write_text(SLICES, encoding="utf-8")
    (tmp_path / "secret.csv").write_text("a,b\nx,1\n", encoding="utf-8")
    for name, content in files.items():
        (root / name).write_text(content, encoding="utf-8")
    page = f"# R\n\nText.\n\n/// metrics | Broken chart\n    {options}\n///\n"
    built = attempt(root, {"index.md": page}, CONFIG)
    assert built.error is None
    (warning,) = [w for w in built.warnings if "metrics block" in w]
    assert "metrics block 'Broken chart' on page 'index.md'" in warning
    assert reason in warning
    if "from:" in options:
        assert options.split("from: ")[1].split()[0] in warning
    article = built.article("index.md")
    assert article.select("figure") == [] and article.select("svg") == []
    assert "could not be drawn" in article.select_one(".pf-chart-missing").get_text()
    assert page_facts(built.plugin, "index.md").figures == 0
    with pytest.raises(Abort):
        build(root, {"index.md": page}, CONFIG, strict=True, allow_warnings=True)


def test_a_file_over_the_cap_is_refused_unread(tmp_path: Path) -> None:
    root = tmp_path
    (root / "results").mkdir()
    with (root / "results/huge.csv").open("wb") as f:  # sparse: 100 MB on no disk
        f.truncate(100_000_000)
    page = "# R\n\n/// metrics | Huge\n    from: results/huge.csv\n///\n"
    built = attempt(root, {"index.md": page}, CONFIG)
    (warning,) = [w for w in built.warnings if "metrics block" in w]
    assert "'results/huge.csv' is 100.0 MB, more than the 10.0 MB a results file may be" \
        in warning
    assert MAX_BYTES == 10_000_000


def test_unknown_and_bad_options_are_named(tmp_path: Path) -> None:
    page = PAGE.replace("kind: line", "kind: pie\n    colour: red")
    built = attempt(tmp_path, {"index.md": page}, CONFIG)
    assert any("unknown option 'colour' in a '/// metrics' block 'Validation loss' on page "
               "'index.md'" in w for w in built.warnings)
    assert any("option 'kind' of a '/// metrics' block" in w and "'pie'" in w
               for w in built.warnings)


def test_the_search_indexes_the_caption_not_the_drawing(tmp_path: Path) -> None:
    _site(tmp_path)
    built = build(tmp_path, {"index.md": PAGE},
                  {"plugins": ["search", *CONFIG["plugins"]]})
    index = json.loads(built.file("search/search_index.json").read_text(encoding="utf-8"))
    text = " ".join(doc["text"] for doc in index["docs"])
    assert "Recall by department" in text
    assert "Sanitation" not in text and "0.84" not in text
    html = built.html("index.html")  # the page is written with its drawings
    assert html.count("<svg class=\"pf-chart__svg") == 2 and "data-pf-held" not in html


@pytest.mark.parametrize("dirty", [True, False])
def test_serve_draws_the_chart_again_when_its_file_changes(tmp_path: Path, dirty: bool) -> None:
    """``mkdocs serve`` watches the file; a ``--dirty`` rebuild renders the page again."""
    import time

    from mkdocs.commands.build import build as mkdocs_build

    from .harness import serving

    csv = tmp_path / "results" / "slices.csv"
    csv.parent.mkdir(parents=True)
    csv.write_text(SLICES, encoding="utf-8")
    pages = {"index.md": "# Home\n\nIntro.\n", "results.md": PAGE.replace(
        "/// metrics | Validation loss", "/// metrics | Loss").replace(
        "results/curve.csv", "results/slices.csv").replace("kind: line", "kind: bar")}
    with serving(tmp_path, pages, CONFIG, dirty=dirty) as served:
        def values() -> list[str]:
            svg = served.soup("results/index.html").select_one("figure.pf-chart svg")
            return [r["data-value"] for r in svg.select("g.pf-chart__series rect")][:4]

        assert values() == ["0.71", "0.65", "0.80", "0.52"]
        watched: list[str] = []

        class Server:  # what mkdocs serve hands the plugin: it watches what we name
            def watch(self, path: str, recursive: bool = True) -> None:
                watched.append(path)

        served.plugin.on_serve(Server(), served.config, None)
        assert str(csv.resolve()) in watched
        csv.write_text(SLICES.replace("0.71", "0.93"), encoding="utf-8")
        future = time.time() + 10
        os.utime(csv, (future, future))
        served.config = served.load()
        mkdocs_build(served.config, dirty=dirty)
        assert values() == ["0.93", "0.65", "0.80", "0.52"]
