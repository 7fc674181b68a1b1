"""Tables from results files: the rows of a CSV, or a JSON/YAML/TOML list of records.

``read_table(path)`` gives a :class:`Table` (its columns in order, its rows as dicts);
``Table.numbers(column)`` reads a column as numbers. A CSV's cells are its text; a
record's values are as the file holds them. An MLflow metric file is a table too
(``step``, ``value``, ``timestamp``): a training curve. Every problem is a
:class:`.files.ResultsProblem`: a ragged CSV, a file that holds no list of records, a
key that is not there.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..markdown.numbers import read_number
from ..markdown.paths import printable, shown
from .files import DataFiles, History, ResultsProblem, Rows

__all__ = ["Table", "number", "read_table"]


@dataclass(frozen=True)
class Table:
    """Rows of named values."""

    columns: tuple[str, ...]
    """Every column, in the order first seen (a CSV's header)."""
    rows: tuple[Mapping[str, Any], ...]
    """One mapping per row: column -> value (a record may lack a column)."""
    source: str = ""
    """The file, as named (for messages)."""

    def column(self, name: str) -> list[Any]:
        """The values of one column, ``None`` where a row has none."""
        return [row.get(name) for row in self.rows]

    def numbers(self, name: str) -> list[float | None]:
        """A column as numbers, ``None`` where a cell is not one."""
        return [number(value) for value in self.column(name)]

    def numeric_columns(self) -> list[str]:
        """The columns whose every present value is a number."""
        return [c for c in self.columns
                if any(v is not None for v in self.column(c))
                and all(number(v) is not None for v in self.column(c) if v is not None)]


def number(value: Any) -> float | None:
    """A finite number, from a number or a text that is one whole (``0.871``, ``12``,
    ``1e-3``); ``None`` otherwise (text, a boolean, an empty cell)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, str):
        text = value.strip()
        read = read_number(text)
        if read is None or read.end != len(text) or read.comma or read.grouped:
            return None
        return read.value
    return None


def read_table(path: Path, *, key: str = "", files: DataFiles | None = None,
               rel: str = "", what: str = "table") -> Table:
    """The table in the file at ``path`` (resolved already: see :func:`.files.resolve`).

    ``key``: where a JSON/YAML/TOML file keeps its list of records (dotted, as for a
    value); ``files``: the build's cache (a new one if not given); ``rel`` names the
    file and ``what`` the block in messages."""
    from .values import _dotted

    rel = rel or path.name
    data, _ = (files or DataFiles()).load(path, rel, what)
    if isinstance(data, Rows):
        if key:
            raise ResultsProblem(f"{what}: {shown(rel)} is a CSV table; it takes no key, "
                                 f"not '#{printable(key)}'")
        rows = tuple(dict(zip(data.header, row, strict=True)) for row in data.rows)
        return Table(data.header, rows, rel)
    if isinstance(data, History):
        return Table(("step", "value", "timestamp"),
                     tuple({"step": s, "value": v, "timestamp": t} for t, v, s in data.points),
                     rel)
    if key:
        data = _dotted(data, key, rel, what)
    if not isinstance(data, list) or not data or not all(isinstance(r, dict) for r in data):
        at = f"'{printable(key)}' in {shown(rel)}" if key else shown(rel)
        raise ResultsProblem(f"{what}: {at} is not a list of records (a list of mappings, "
                             "one per row)")
    columns: dict[str, None] = {}
    for record in data:
        columns.update((str(k), None) for k in record)
    rows = tuple({str(k): v for k, v in record.items()} for record in data)
    return Table(tuple(columns), rows, rel)
