"""Tables of records from an experiment's files, for the ``metrics`` chart block.

:func:`read_table` reads one file into a :class:`Table` (named columns, rows of cells as
the file gives them), by the file's name:

- ``.csv`` (``.tsv``): a header row, then one row per record; every row has as many
  cells as the header;
- ``.json``, ``.yaml``, ``.yml``: a list of records (mappings), or a mapping whose one
  list of records is under any key (``{"slices": [...]}``); the columns are the keys, in
  the order they first appear;
- an MLflow metric history (``mlruns/<exp>/<run>/metrics/<name>``, a file without a
  suffix in a ``metrics`` folder): lines ``timestamp value step``, read as the columns
  ``step``, ``value`` and ``timestamp``.

Every problem is a :class:`TableError` saying what is wrong, without the file's name
(the caller names the page, the block and the file). Standard library and PyYAML only.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MAX_BYTES = 10_000_000
"""Largest file read (10 MB): a chart of more is no chart a reader can read."""
MLFLOW_COLUMNS = ("step", "value", "timestamp")
Cell = str | float | bool | None
"""A cell as the file gives it: text (CSV), a number, a boolean, or nothing."""


class TableError(ValueError):
    """A file that is not a table; the message says why (and where in the file)."""


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
    """A cell as a finite number (``0.91``, ``"0.91"``, ``"91%"`` is not), else ``None``."""
    if isinstance(cell, bool) or cell is None:
        return None
    try:
        value = float(cell)
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def read_table(path: Path) -> Table:
    """The table in the file at ``path`` (see the module's documentation)."""
    try:
        size = path.stat().st_size
    except OSError as error:
        raise TableError(f"cannot be read ({error.strerror})") from None
    if size > MAX_BYTES:
        raise TableError(f"is {size / 1_000_000:.1f} MB, more than the "
                         f"{MAX_BYTES // 1_000_000} MB a chart reads")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise TableError(f"cannot be read as UTF-8 text ({error})") from None
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv"):
        table = _csv(text, "\t" if suffix == ".tsv" else ",")
    elif suffix == ".json":
        table = _records(_json(text))
    elif suffix in (".yaml", ".yml"):
        table = _records(_yaml(text))
    elif not suffix and path.parent.name == "metrics":
        table = _mlflow(text)
    else:
        raise TableError("is not a table this block reads (give a .csv, .tsv, .json, .yaml "
                         "file or an MLflow metric history, mlruns/<exp>/<run>/metrics/<name>)")
    if not table.rows:
        raise TableError("holds no rows")
    return table


def _csv(text: str, delimiter: str) -> Table:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        rows = [row for row in reader if any(cell.strip() for cell in row)]
    except csv.Error as error:
        raise TableError(f"is not valid CSV (line {reader.line_num}: {error})") from None
    if not rows:
        raise TableError("is empty (a CSV file starts with a header row)")
    header = tuple(cell.strip() for cell in rows[0])
    _check_header(header)
    for n, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            raise TableError(f"has a ragged row: row {n} has {len(row)} cells, the header "
                             f"{len(header)}")
    return Table(header, tuple(tuple(cell.strip() for cell in row) for row in rows[1:]))


def _check_header(header: Sequence[str]) -> None:
    for n, name in enumerate(header, start=1):
        if not name:
            raise TableError(f"has an empty column name in its header (column {n})")
    seen: set[str] = set()
    for name in header:
        if name in seen:
            raise TableError(f"has the column '{name}' twice in its header")
        seen.add(name)


def _json(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise TableError(f"is not valid JSON (line {error.lineno}: {error.msg})") from None
    except RecursionError:
        raise TableError("is nested too deeply to read") from None


def _yaml(text: str) -> Any:
    import yaml

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise TableError(f"is not valid YAML{where}") from None
    except RecursionError:
        raise TableError("is nested too deeply to read") from None


def _records(data: Any) -> Table:
    if isinstance(data, dict):
        lists = [v for v in data.values() if isinstance(v, list)]
        if len(lists) != 1:
            raise TableError("is a mapping, not a list of records (give a list of mappings, "
                             "or a mapping with one such list)")
        data = lists[0]
    if not isinstance(data, list):
        raise TableError("is not a list of records (mappings of column to value)")
    columns: dict[str, None] = {}
    for n, record in enumerate(data, start=1):
        if not isinstance(record, dict):
            raise TableError(f"record {n} is not a mapping of column to value")
        for key in record:
            columns.setdefault(str(key), None)
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


def _mlflow(text: str) -> Table:
    rows: list[tuple[Cell, ...]] = []
    for n, line in enumerate(text.splitlines(), start=1):
        parts = line.split()
        if not parts:
            continue
        if len(parts) not in (2, 3) or any(number(p) is None for p in parts):
            raise TableError(f"is not an MLflow metric history (line {n} is not "
                             "'timestamp value step')")
        timestamp, value = parts[0], parts[1]
        step = parts[2] if len(parts) == 3 else "0"
        rows.append((step, value, timestamp))
    return Table(MLFLOW_COLUMNS, tuple(rows), kind="history")


def _listed(names: Sequence[str]) -> str:
    shown = ", ".join(f"'{n}'" for n in names[:12])
    return shown + (", ..." if len(names) > 12 else "") if names else "none"
