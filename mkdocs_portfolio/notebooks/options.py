"""What a code cell asks for: Jupyter Book's tags and Quarto's ``#|`` cell options.

Jupyter Book writes ``remove-input``, ``hide-output``... as cell tags; Quarto writes
``#| echo: false`` lines at the top of the cell's code. Both come down to one
:class:`CellOptions`: whether the cell, its code and its outputs are shown, hidden
behind a control, or left out, and the caption of its figures.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from ..fastyaml import safe_load
from ..lazydata import dataclass

QUARTO_LINE = re.compile(r"^[ \t]*#\|[ \t]?(.*)$")
DEFAULT_SUMMARY = "Show code"
TAGS = ("remove-cell", "remove-input", "remove-output", "hide-input", "hide-output",
        "hide-cell")
"""The Jupyter Book tags that change what a cell shows."""


@dataclass
class CellOptions:
    """How one cell is shown."""

    remove: bool = False
    """Leave the whole cell out."""
    show_input: bool = True
    show_output: bool = True
    fold_input: bool = False
    """Show the code folded behind a "Show code" control."""
    fold_output: bool = False
    summary: str = DEFAULT_SUMMARY
    caption: str = ""
    """The caption of the cell's figures (Quarto ``fig-cap``, or the cell metadata)."""
    alt: str = ""
    problem: str = ""
    """What was wrong with the ``#|`` lines (the cell is shown as if they were absent)."""


def split_quarto(source: str) -> tuple[dict[str, Any], str, str]:
    """The ``#|`` options at the top of a code cell, the code without them, and what was
    wrong with them (empty when nothing)."""
    lines = source.split("\n")
    count = 0
    while count < len(lines) and QUARTO_LINE.match(lines[count]):
        count += 1
    if not count:
        return {}, source, ""
    text = "\n".join(QUARTO_LINE.sub(r"\1", line) for line in lines[:count])
    rest = "\n".join(lines[count:])
    try:
        options = safe_load(text)
    except yaml.YAMLError as error:
        first = str(error).splitlines()[0] if str(error) else "not YAML"
        return {}, rest, f"its '#|' options are not YAML ({first})"
    if options is None:
        return {}, rest, ""
    if not isinstance(options, dict):
        return {}, rest, "its '#|' options are not 'key: value' lines"
    return options, rest, ""


def _text(value: Any) -> str:
    if isinstance(value, list):
        value = " ".join(str(v) for v in value)
    return " ".join(str(value).split()) if value is not None else ""


def _false(value: Any) -> bool:
    return value is False or (isinstance(value, str) and value.strip().lower() == "false")


def cell_options(metadata: Any, quarto: dict[str, Any], problem: str = "") -> CellOptions:
    """The options of a cell from its metadata (tags, ``caption``) and its ``#|`` lines."""
    meta = metadata if isinstance(metadata, dict) else {}
    raw_tags = meta.get("tags")
    tags = {t for t in raw_tags if isinstance(t, str)} if isinstance(raw_tags, list) else set()
    jupyter = meta.get("jupyter")
    hidden: dict[str, Any] = jupyter if isinstance(jupyter, dict) else {}
    options = CellOptions(problem=problem)
    options.remove = "remove-cell" in tags or _false(quarto.get("include", True))
    options.show_input = "remove-input" not in tags and not _false(quarto.get("echo", True))
    options.show_output = "remove-output" not in tags and \
        not _false(quarto.get("output", True))
    options.fold_input = bool({"hide-input", "hide-cell"} & tags) or \
        quarto.get("code-fold") in (True, "true", "show") or bool(hidden.get("source_hidden"))
    options.fold_output = bool({"hide-output", "hide-cell"} & tags) or \
        bool(hidden.get("outputs_hidden"))
    summary = _text(quarto.get("code-summary"))
    if summary:
        options.summary = summary[:200]
    options.caption = _text(quarto.get("fig-cap") or meta.get("fig-cap")
                            or meta.get("caption"))
    options.alt = _text(quarto.get("fig-alt") or meta.get("fig-alt"))
    return options
