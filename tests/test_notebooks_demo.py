"""The demo's notebook page and the notebooks benchmark: their scripts make what they
promise, the same every run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import nbformat

from benchmarks.notebooks import generate

DEMO = Path(__file__).resolve().parent.parent / "demo_site"


def _without_images(text: str) -> Any:
    data = json.loads(text)
    for cell in data["cells"]:
        for output in cell.get("outputs", []):
            output.get("data", {}).pop("image/png", None)
    return data


def test_the_demo_notebook_is_what_its_script_makes(tmp_path: Path) -> None:
    script = DEMO / "scripts" / "make_error_analysis.py"
    made = []
    for run in ("a", "b"):
        out = tmp_path / f"{run}.ipynb"
        subprocess.run([sys.executable, str(script), "--out", str(out)], check=True,
                       capture_output=True, timeout=300)
        made.append(out.read_text(encoding="utf-8"))
    assert made[0] == made[1]
    committed = (DEMO / "docs" / "error-analysis.ipynb").read_text(encoding="utf-8")
    # The PNG bytes depend on the Matplotlib version; everything else is the script's.
    assert _without_images(made[0]) == _without_images(committed)
    nb = nbformat.reads(committed, as_version=4)
    nbformat.validate(nb)
    kinds = [o["output_type"] for c in nb.cells for o in c.get("outputs", [])]
    assert kinds.count("display_data") == 2 and "execute_result" in kinds
    assert any("dead-end" in c.source for c in nb.cells if c.cell_type == "markdown")
    assert any("hide-input" in c.metadata.get("tags", []) for c in nb.cells)
    nav = (DEMO / "mkdocs.yml").read_text(encoding="utf-8")
    assert "- Error analysis: error-analysis.ipynb" in nav


def test_the_benchmark_site_has_what_it_promises(tmp_path: Path) -> None:
    root = generate(6, tmp_path / "site")
    notebooks = sorted((root / "docs").glob("*.ipynb"))
    assert len(notebooks) == 6
    with_images = 0
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
        assert len(nb.cells) == 20
        with_images += any("image/png" in o.get("data", {})
                           for c in nb.cells for o in c.get("outputs", []))
    assert with_images == 2
    assert {p.name for p in root.glob("mkdocs.*.yml")} == {
        "mkdocs.jupyter.yml", "mkdocs.ours.yml", "mkdocs.jupyter-cached.yml"}
    again = generate(6, tmp_path / "again")
    assert [p.read_bytes() for p in sorted((again / "docs").glob("*.ipynb"))] == \
        [p.read_bytes() for p in notebooks]
