"""Results from data on Zensical, from the sources: real ``mkdocs-portfolio build`` and
``audit --engine zensical`` runs with the real Zensical. A result bound to a file and a
chart render as under the plugin, the overview's table lists the bound result, and a
stale hand-written number is the same ``stale-result`` finding as ``mkdocs-portfolio
audit`` (the MkDocs plugin) gives."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from .test_zensical import ID, needs_zensical
from .test_zensical_site import _report, run, soup_of

pytestmark = needs_zensical
DATA = Path(__file__).parent / "data" / "results"
RESULTS = """\
# Results

/// result | Routing across departments
    metric: Macro F1
    value: 0.89
    from: results/eval.json#test.macro_f1
    baseline: results/eval.json#baseline.macro_f1
///

/// metrics | Recall by department
    from: results/eval.json#slices
    x: department
///

/// metrics | Validation loss
    from: results/mlruns/1/3f2a9c7e41d04b1e#val_loss
///
"""


def _site(root: Path) -> Path:
    shutil.copytree(DATA, root / "results")
    (root / "docs").mkdir()
    (root / "mkdocs.yml").write_text(textwrap.dedent("""\
        site_name: Routing
        site_description: Routing city requests to the right crew.
        theme:
          name: material
        plugins:
          - portfolio:
              overview:
                results_table: true
        nav:
          - Home: index.md
          - Results: results.md
        """), encoding="utf-8")
    (root / "docs" / "index.md").write_text("# Routing\n\nWe route requests.\n",
                                            encoding="utf-8")
    (root / "docs" / "results.md").write_text(RESULTS, encoding="utf-8")
    return root


@pytest.mark.parametrize("zensical", [ID])
def test_a_bound_result_and_charts_render_on_zensical(tmp_path: Path, zensical: str) -> None:
    root = _site(tmp_path)
    done = run("build", cwd=root)
    assert done.returncode == 0, done.stderr
    page = soup_of(root / "site" / "results" / "index.html")
    (card,) = page.select("figure.pf-metric")
    assert card.get_text(" | ", strip=True) == "0.87 | Macro F1 | baseline 0.78 | +0.09"
    assert "0.89" not in page.select_one("article").get_text()  # the file's, not the hand's
    bars, curve = page.select("figure.pf-chart svg")
    assert [r["data-value"] for r in bars.select("g.pf-chart__series rect")] == [
        "0.81", "0.77", "0.9", "0.86"]
    assert len(curve.polyline["points"].split()) == 4  # the four logged steps
    assert [f.figcaption.get_text(" ", strip=True) for f in page.select("figure.pf-chart")] == [
        "Figure 1. Recall by department", "Figure 2. Validation loss"]
    assert page.select_one("style[data-pf-charts]") is not None
    home = soup_of(root / "site" / "index.html")
    assert [v.get_text() for v in home.select(".pf-ov-metric__value")] == ["0.87"]
    rows = [[" ".join(c.stripped_strings) for c in tr.find_all(["th", "td"])]
            for tr in home.select(".pf-ov-results-table tbody tr")]
    assert rows == [["Macro F1", "0.87", "0.78", "+0.09", "results/eval.json test.macro_f1"]]
    assert "[stale-result]" in done.stderr


def test_a_stale_number_is_the_same_finding_as_under_the_plugin(tmp_path: Path) -> None:
    root = _site(tmp_path)
    plugin = _report(run("audit", "--json", cwd=root))
    sources = _report(run("audit", "--json", "--engine", "zensical", cwd=root))
    assert sources == plugin
    stale = [f for f in sources["findings"]  # type: ignore[union-attr]
             if f["check"] == "stale-result"]  # type: ignore[index]
    assert len(stale) == 1
    assert stale[0]["page"] == "results.md"  # type: ignore[index]
    assert "says 0.89, but results/eval.json#test.macro_f1 holds 0.8712" in \
        stale[0]["message"]  # type: ignore[index]
