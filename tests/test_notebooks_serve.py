"""``mkdocs serve`` follows edits to a notebook; ``--dirty`` rebuilds only the pages
that changed and keeps the overview right (as tests/test_dirty_rebuild.py for pages)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from . import harness
from .harness import Serving
from .test_notebooks import notebook

HOME = "# Home\n\nThe start of the writeup.\n"


def _dead_ends(soup: BeautifulSoup) -> list[str]:
    return sorted(a.get_text(strip=True)
                  for a in soup.select(".pf-ov-items--dead-end .pf-ov-item__title"))


def _renamed(title: str) -> str:
    data = json.loads(notebook("analysis.ipynb"))
    cell = data["cells"][4]
    cell["source"] = cell["source"].replace("Class weights", title) \
        if isinstance(cell["source"], str) else \
        [line.replace("Class weights", title) for line in cell["source"]]
    return json.dumps(data, indent=1)


@pytest.fixture
def serving(tmp_path: Path) -> Iterator[Serving]:
    pages = {"index.md": HOME, "analysis.ipynb": notebook("analysis.ipynb")}
    with harness.serving(tmp_path, pages, {
            "plugins": [{"portfolio": {"overview": {"home": False},
                                       "audit": {"enabled": False}}}]}) as site:
        yield site


def test_dirty_rebuilds_follow_a_notebook_edit(serving: Serving) -> None:
    assert _dead_ends(serving.overview()) == ["Class weights"]
    notebook_page = serving.root / "site" / "analysis" / "index.html"
    before = os.stat(notebook_page).st_mtime_ns

    # Another page changes: the notebook is not rendered again, and stays on the overview.
    serving.edit("index.md", HOME + "\nMore words.\n")
    assert os.stat(notebook_page).st_mtime_ns == before
    assert _dead_ends(serving.overview()) == ["Class weights"]

    # The notebook changes: its page and the overview follow.
    serving.edit("analysis.ipynb", _renamed("Oversampling"))
    assert os.stat(notebook_page).st_mtime_ns != before
    assert "Oversampling" in notebook_page.read_text(encoding="utf-8")
    assert _dead_ends(serving.overview()) == ["Oversampling"]
    assert (serving.root / "site" / "analysis_files" / "cell-3-1.png").is_file()


@pytest.mark.slow
def test_a_real_mkdocs_serve_follows_a_notebook_edit(tmp_path: Path) -> None:
    pages = {"index.md": HOME, "analysis.ipynb": notebook("analysis.ipynb")}
    with harness.serving(tmp_path, pages, {"plugins": [{"portfolio": {
            "overview": {"home": False}, "audit": {"enabled": False}}}]},
            real=True) as site:
        harness.wait_for(lambda: "Class weights" in site.read("analysis/index.html").decode(),
                         "the notebook page", site.log)
        site.edit("analysis.ipynb", _renamed("Oversampling"))
        harness.wait_for(lambda: "Oversampling" in site.read("analysis/index.html").decode(),
                         "the edited notebook page", site.log)
        harness.wait_for(lambda: _dead_ends(site.overview()) == ["Oversampling"],
                         "the overview after the edit", site.log)
