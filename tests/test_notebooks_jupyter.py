"""Our notebooks beside the real mkdocs-jupyter: it keeps the notebooks it includes, and
ours says so in one line; the ones it is told to ignore are ours."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .harness import Built, build, page_facts
from .test_notebooks import QUIET, notebook, page

pytest.importorskip("mkdocs_jupyter")

HOME = "# Home\n\n!!! problem \"Routing\"\n    Requests wait days.\n"


def jupyter_site(root: Path, jupyter: dict[str, Any]) -> Built:
    pages = {"index.md": HOME, "analysis.ipynb": notebook("analysis.ipynb"),
             "other.ipynb": notebook("v3.ipynb")}
    # mkdocs-jupyter's cache folder is relative to the working directory: none here.
    return build(root, pages, {"plugins": [{"mkdocs-jupyter": {"cache": False, **jupyter}},
                                           {"portfolio": QUIET}]},
                 allow_warnings=("is in nbformat 3",))


def test_ours_steps_aside_for_the_notebooks_mkdocs_jupyter_includes(tmp_path: Path) -> None:
    built = jupyter_site(tmp_path, {})
    said = [m for m in built.infos if "rendered by mkdocs-jupyter" in m]
    assert said == [
        "mkdocs_portfolio: notebooks 'analysis.ipynb', 'other.ipynb' are rendered by "
        "mkdocs-jupyter, not by portfolio: their blocks are not on the overview (to let "
        "portfolio render them, list them in mkdocs-jupyter's 'ignore')"]
    article = page(built, "analysis.ipynb")
    assert article.select(".jp-Cell") and not article.select(".pf-nb-output")
    assert not (built.site_dir / "analysis_files").exists()
    # The notebook page's record has no facts of its own, and none of the page before it.
    assert page_facts(built.plugin, "analysis.ipynb").blocks == []
    assert [b.type for b in page_facts(built.plugin, "index.md").blocks] == ["problem"]


def test_a_notebook_mkdocs_jupyter_ignores_is_ours(tmp_path: Path) -> None:
    built = jupyter_site(tmp_path, {"ignore": ["analysis.ipynb"]})
    article = page(built, "analysis.ipynb")
    assert article.select(".pf-nb-output") and not article.select(".jp-Cell")
    assert [b.type for b in page_facts(built.plugin, "analysis.ipynb").blocks] == ["dead-end"]
    assert page(built, "other.ipynb").select(".jp-Cell")
    said = [m for m in built.infos if "rendered by mkdocs-jupyter" in m]
    assert len(said) == 1 and "'other.ipynb' are" in said[0] and "analysis" not in said[0]
