"""A notebook's validation kept in the cache folder: an unchanged notebook is not validated
(nor nbformat imported) again, and every build says the same of it. Real ``mkdocs build``
processes of the fixtures in data/notebooks/, each with its own cache folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from .harness import write_site
from .test_notebooks import QUIET, notebook

# A build that says at its end whether it imported nbformat.
BUILD = """
import runpy, sys
sys.argv = ["mkdocs", "build", "--site-dir", sys.argv[1]]
try:
    runpy.run_module("mkdocs", run_name="__main__")
except SystemExit as stop:
    assert not stop.code, stop.code
print("nbformat imported:", "nbformat" in sys.modules)
"""
INVALID = "is not a valid notebook at cells/0: 'outputs' is a required property"


def site(root: Path) -> Path:
    pages = {"index.md": "# Home\n\nSee [the analysis](analysis.ipynb).\n",
             "analysis.ipynb": notebook("analysis.ipynb"),
             "invalid.ipynb": notebook("invalid.ipynb")}
    write_site(root, pages, {"plugins": [{"portfolio": QUIET}]})
    return root


def run(root: Path, cache: Path, out: str) -> tuple[bool, str, dict[str, str]]:
    """Build into ``out``: whether nbformat was imported, the log, the notebooks' pages."""
    env = {**os.environ, "MKDOCS_PORTFOLIO_CACHE_DIR": str(cache), "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-c", BUILD, str(root / out)], cwd=root, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    pages = {name: (root / out / name / "index.html").read_text("utf-8")
             for name in ("analysis", "invalid")}
    return "nbformat imported: True" in done.stdout, done.stderr, pages


def warnings(log: str) -> list[str]:
    return [line for line in log.splitlines() if line.startswith("WARNING")]


def kept(cache: Path) -> list[Path]:
    return sorted(cache.glob("notebooks/*/*.json"))


def test_an_unchanged_notebook_is_not_validated_again(tmp_path: Path) -> None:
    root, cache = site(tmp_path / "site"), tmp_path / "cache"
    imported, log, pages = run(root, cache, "first")
    assert imported and INVALID in log
    assert len(kept(cache)) == 2
    assert json.loads(max(kept(cache), key=lambda p: p.stat().st_size).read_text()) == [INVALID]
    imported, again, pages_again = run(root, cache, "second")
    assert not imported
    assert INVALID in again
    assert warnings(again) == warnings(log) != []
    assert pages_again == pages


def test_a_changed_notebook_is_validated_again(tmp_path: Path) -> None:
    root, cache = site(tmp_path / "site"), tmp_path / "cache"
    run(root, cache, "first")
    data = json.loads(notebook("analysis.ipynb"))
    code = next(cell for cell in data["cells"] if cell["cell_type"] == "code")
    del code["outputs"]  # now invalid too
    (root / "docs" / "analysis.ipynb").write_text(json.dumps(data), "utf-8")
    imported, log, _ = run(root, cache, "second")
    assert imported
    assert "notebook 'analysis.ipynb'" in log and "'outputs' is a required property" in log
    assert len(kept(cache)) == 3


def test_a_damaged_kept_answer_is_validated_again(tmp_path: Path) -> None:
    root, cache = site(tmp_path / "site"), tmp_path / "cache"
    run(root, cache, "first")
    for path in kept(cache):
        path.write_bytes(b'["half')
    imported, log, _ = run(root, cache, "second")
    assert imported and INVALID in log
    assert all(json.loads(path.read_text()) in ([], [INVALID]) for path in kept(cache))


def test_an_unwritable_cache_folder_still_validates(tmp_path: Path) -> None:
    root, blocked = site(tmp_path / "site"), tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would be")
    for out in ("first", "second"):
        imported, log, _ = run(root, blocked / "cache", out)
        assert imported and INVALID in log
