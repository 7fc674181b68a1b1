"""YAML read with libyaml's parser: the same values as ``yaml.safe_load`` on the results
files and notebook options of real writeups, and the Python parser's message on bad text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from mkdocs_portfolio import fastyaml
from mkdocs_portfolio.notebooks import options as options_module
from mkdocs_portfolio.notebooks.options import split_quarto

DATA = Path(__file__).parent / "data"
DEMO = Path(__file__).parent.parent / "demo_site"

TEXTS = [
    (DATA / "results" / "metrics.yaml").read_text("utf-8"),
    (DEMO / "results" / "pilot.yaml").read_text("utf-8"),
    "echo: false\nfig-cap: 'Precision at each threshold: 0.5, 0.7'\nlayout-ncol: 2\n",
    "auc: 0.91\nwhen: 2026-11-30\nflags: [yes, no, on, off, ~]\nratio: .5\nbig: 1e3\nhex: 0x1f\n",
    "- f1: 0.88\n  name: \"caf\\u00e9\"\n- &a {k: v}\n- *a\n",
    "",
    "# only a comment\n",
]


@pytest.mark.parametrize("text", TEXTS)
def test_the_same_values_as_safe_load(text: str) -> None:
    assert fastyaml.safe_load(text) == yaml.safe_load(text)


def test_a_notebook_cells_options_read_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    notebook = json.loads((DATA / "notebooks" / "analysis.ipynb").read_text("utf-8"))
    sources = ["".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code"]
    read = [split_quarto(source) for source in sources]
    assert any(options for options, _, _ in read), "the fixture has cells with '#|' options"
    monkeypatch.setattr(options_module, "safe_load", yaml.safe_load)
    assert read == [split_quarto(source) for source in sources]


@pytest.mark.parametrize("text", ["a: [1, 2", "a: b: c", "\t- x", "a: !!python/name:os.system"])
def test_bad_text_raises_with_the_python_parsers_message(text: str) -> None:
    with pytest.raises(yaml.YAMLError) as python:
        yaml.safe_load(text)
    with pytest.raises(yaml.YAMLError) as ours:
        fastyaml.safe_load(text)
    assert str(ours.value) == str(python.value)


def test_libyaml_is_used_where_pyyaml_has_it() -> None:
    assert fastyaml._FAST is getattr(yaml, "CSafeLoader", yaml.SafeLoader)
