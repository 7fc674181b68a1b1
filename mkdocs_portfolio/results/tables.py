"""Tables of records from an experiment's files, for the ``metrics`` chart block.

:func:`read_table` reads what a reference ``PATH#KEY`` names into a :class:`Table`
(named columns, rows of cells as the file gives them). The file is found, capped and
parsed by :mod:`.files`, as for a bound result's number:

- a CSV (``.tsv``) file: its header row, then one row per record (no key);
- a JSON, YAML or TOML file: a list of records (mappings) at ``#KEY`` (dotted, or a JSON
  pointer), or, without a key, the whole file, or a mapping's one list of records
  (``{"slices": [...]}``); the columns are the keys, in the order they first appear;
- an MLflow metric history (``mlruns/<exp>/<run>/metrics/<name>``, or the run folder
  ``mlruns/<exp>/<run>#<name>``): the columns ``step``, ``value`` and ``timestamp``.

A file that is not a table is a :class:`.files.ResultsProblem` naming the block and the
file; a column that is not there or not numbers is a :class:`TableError`, which says
what is wrong in the table (the caller names the page, the block and the file).
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..lazydata import dataclass
from ..markdown.paths import printable, shown
from .files import DataFiles, History, Located, ResultsProblem, Rows, Stamp, locate
from .values import find, split_ref, whole_number

MLFLOW_COLUMNS = ("step", "value", "timestamp")
Cell = str | float | bool | None
"""A cell as the file gives it: text (CSV), a number, a boolean, or nothing."""


class TableError(ValueError):
    """A column that is not in the table, or holds what is not a number; the message says
    which (the caller names the page, the block and the file)."""


@dataclass(frozen=True)
class Table:
    """Named columns and rows of cells, one cell per column in each row."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    kind: str = "records"
    """``records`` (CSV, JSON, YAML) or ``history`` (an MLflow metric history)."""

    def index(self, column: str) -> int:
        """The position of a column; :class:`TableError` names the columns there are."""
        try:
            return self.columns.index(column)
        except ValueError:
            raise TableError(f"there is no column '{column}' (the columns are "
                             f"{_listed(self.columns)})") from None

    def texts(self, column: str) -> list[str]:
        """A column's cells as text (an empty cell is ``""``)."""
        i = self.index(column)
        return [cell_text(row[i]) for row in self.rows]

    def numbers(self, column: str) -> list[float]:
        """A column's cells as numbers; :class:`TableError` names the first that is not."""
        i = self.index(column)
        out: list[float] = []
        for n, row in enumerate(self.rows, start=1):
            value = number(row[i])
            if value is None:
                shown = cell_text(row[i])
                raise TableError(f"column '{column}' holds {repr(shown) if shown else 'nothing'}"
                                 f" in row {n}, which is not a number")
            out.append(value)
        return out

    def numeric_columns(self) -> list[str]:
        """The columns whose every cell is a number."""
        return [c for i, c in enumerate(self.columns)
                if self.rows and all(number(row[i]) is not None for row in self.rows)]


def cell_text(cell: Cell) -> str:
    """A cell as it is shown: the file's text, a number as Python writes it."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, float) and cell.is_integer() and abs(cell) < 1e15:
        return str(int(cell))
    return str(cell).strip()


def number(cell: Cell) -> float | None:
    """A cell as a finite number (``0.91``, ``"0.91"``; ``"91%"`` and ``"n/a"`` are not),
    else ``None``: a text cell is read as a bound result's number is."""
    if isinstance(cell, bool) or cell is None:
        return None
    if isinstance(cell, float):
        return cell if math.isfinite(cell) else None
    return whole_number(cell)


def read_table(root: Path, ref: str, files: DataFiles, what: str,
               ) -> tuple[Table, Path, Stamp]:
    """The table ``ref`` names under ``root`` (see the module's documentation), the file
    it was read from and that file's stamp; :class:`.files.ResultsProblem` says why not."""
    at = locate(root, *split_ref(ref), what, files)
    data, stamp = files.load(at.path, at.rel, what)
    if isinstance(data, Rows):
        if at.key:
            raise ResultsProblem(f"{what}: {shown(at.rel)} is a CSV table; it takes no key, "
                                 f"not '#{printable(at.key)}'")
        _check_header(data.header, at.rel, what)
        table = Table(data.header, tuple(tuple(c.strip() for c in row) for row in data.rows))
    elif isinstance(data, History):
        table = Table(MLFLOW_COLUMNS, tuple(
            (str(step), text, str(when))
            for (when, _, step), text in zip(data.points, data.texts, strict=True)),
            kind="history")
    else:
        table = _records(find(data, at.key, at.rel, what) if at.key else data, at, what)
    if not table.rows:
        raise ResultsProblem(f"{what}: {shown(at.rel)} holds no rows")
    return table, at.path, stamp


def _check_header(header: Sequence[str], rel: str, what: str) -> None:
    for n, name in enumerate(header, start=1):
        if not name:
            raise ResultsProblem(f"{what}: {shown(rel)} has an empty column name in its "
                                 f"header (column {n})")
    seen: set[str] = set()
    for name in header:
        if name in seen:
            raise ResultsProblem(f"{what}: {shown(rel)} has the column '{printable(name)}' "
                                 "twice in its header")
        seen.add(name)


def _records(data: Any, at: Located, what: str) -> Table:
    where = f"'{printable(at.key)}' in {shown(at.rel)}" if at.key else shown(at.rel)
    if isinstance(data, dict) and not at.key:  # {"slices": [...]}: its one list
        lists = [v for v in data.values() if isinstance(v, list)]
        if len(lists) != 1:
            raise ResultsProblem(
                f"{what}: {where} is a mapping, not a list of records (give a list of "
                f"mappings, or name the list after '#': '{at.rel}#slices')")
        data = lists[0]
    if not isinstance(data, list):
        raise ResultsProblem(f"{what}: {where} is not a list of records (mappings of column "
                             "to value)")
    columns: dict[str, None] = {}
    for n, record in enumerate(data, start=1):
        if not isinstance(record, dict):
            raise ResultsProblem(f"{what}: record {n} of {where} is not a mapping of column "
                                 "to value")
        columns.update((str(key), None) for key in record)
    names = tuple(columns)
    rows: list[tuple[Cell, ...]] = []
    for record in data:
        by_name = {str(k): v for k, v in record.items()}
        rows.append(tuple(_cell(by_name.get(name)) for name in names))
    return Table(names, tuple(rows))


def _cell(value: Any) -> Cell:
    if value is None or isinstance(value, (str, bool, float)):
        return value
    if isinstance(value, int):
        return float(value) if abs(value) < 2 ** 53 else str(value)
    return json.dumps(value, default=str)  # a list or mapping: shown as text, no number


def _listed(names: Sequence[str]) -> str:
    shown = ", ".join(f"'{n}'" for n in names[:12])
    return shown + (", ..." if len(names) > 12 else "") if names else "none"
