"""One number from a results file, by reference: ``PATH#KEY``.

- JSON, YAML, TOML (and a W&B ``wandb-summary.json``): a dotted key
  (``test.macro_f1``; a list item by its index, ``runs.0.f1``; a key that itself holds
  dots is found whole) or a JSON pointer (``#/test/macro_f1``);
- CSV: ``#row=urgent&col=recall``, the row matched on the first column;
- a model card (``README.md``, ``modelcard.md``): ``#model-index.accuracy``, the first
  result whose metric ``type`` is ``accuracy``; any other key is read from the front
  matter as in YAML;
- an MLflow metric file (``mlruns/<exp>/<run>/metrics/<name>``, no key) or run folder
  (``mlruns/<exp>/<run>#<name>``): the last value logged.

Every problem is a :class:`.files.ResultsProblem` naming the file and what is not there.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from ..lazydata import dataclass
from ..markdown.numbers import read_number
from ..markdown.paths import printable, shown
from .files import DataFiles, History, ResultsProblem, Rows, Stamp, locate

_MISSING = object()
_LISTED = 12
"""Keys, rows or columns named at most in a message."""


@dataclass(frozen=True)
class Bound:
    """A number read from a results file."""

    value: float
    text: str
    """The number as the file holds it (``412``, ``0.8712``)."""
    rel: str
    """The file's path under the source root."""
    key: str
    path: Path
    stamp: Stamp
    """The file's stamp when it was read (a ``--dirty`` rebuild compares it)."""

    @property
    def ref(self) -> str:
        return f"{self.rel}#{self.key}" if self.key else self.rel


def is_ref(text: str | None) -> bool:
    """Whether an option's value names a file (``PATH#KEY``), not a plain number or text."""
    if text is None or "#" not in text:
        return False
    number = read_number(text)
    if number is not None and number.end == len(text.rstrip()):
        return False
    rel = text.strip().partition("#")[0]
    return bool(rel) and not any(c.isspace() for c in rel)  # "38% (#1 model)" is text


def split_ref(text: str) -> tuple[str, str]:
    """``PATH#KEY`` as its path and key (the key may be empty)."""
    rel, _, key = str(text).strip().partition("#")
    return rel.strip(), key.strip()


def read_value(root: Path, ref: str, files: DataFiles, what: str) -> Bound:
    """The number ``ref`` names, from a file under ``root``."""
    at = locate(root, *split_ref(ref), what, files)
    data, stamp = files.load(at.path, at.rel, what)
    value = _lookup(data, at.key, at.rel, what)
    number, text = _number(value, at.rel, at.key, what)
    return Bound(number, text, at.shown, at.key, at.path, stamp)


def _lookup(data: Any, key: str, rel: str, what: str) -> Any:
    if isinstance(data, History):
        if key not in ("", "last"):
            raise ResultsProblem(f"{what}: {shown(rel)} is an MLflow metric file; it takes "
                                 f"no key (its last value is read), not '#{printable(key)}'")
        if not data.points:
            raise ResultsProblem(f"{what}: the MLflow metric file {shown(rel)} is empty")
        return data.points[-1][1]
    if isinstance(data, Rows):
        return _cell(data, key, rel, what)
    if rel.lower().endswith((".md", ".markdown")):
        head, _, metric = key.partition(".")
        if head == "model-index" and metric and not metric.split(".")[0].isdigit():
            return _model_index(data, metric, rel, what)
    if not key:
        raise ResultsProblem(f"{what}: name the number in {shown(rel)} after '#', by dotted "
                             f"key or JSON pointer ('{rel}#test.accuracy')")
    return find(data, key, rel, what)


def find(data: Any, key: str, rel: str, what: str) -> Any:
    """What ``key`` names in parsed data: a JSON pointer (``/test/f1``) or a dotted key."""
    if key.startswith("/"):
        return _pointer(data, key, rel, what)
    return _dotted(data, key, rel, what)


def _keys(data: Any) -> str:
    if isinstance(data, dict):
        names = [printable(str(k)) for k in data]
    elif isinstance(data, list):
        names = [str(n) for n in range(len(data))]
    else:
        return "it holds a single value there"
    more = ", ..." if len(names) > _LISTED else ""
    return f"keys there: {', '.join(names[:_LISTED])}{more}" if names else "nothing there"


def _dotted(data: Any, key: str, rel: str, what: str) -> Any:
    parts, done = key.split("."), []
    while parts:
        found = _MISSING
        for n in range(len(parts), 0, -1):  # the longest run of parts that is a key
            name = ".".join(parts[:n])
            found = _child(data, name)
            if found is not _MISSING:
                done.append(name)
                parts = parts[n:]
                break
        if found is _MISSING:
            at = f" under '{printable('.'.join(done))}'" if done else ""
            raise ResultsProblem(f"{what}: {shown(rel)} has no key "
                                 f"'{printable(parts[0])}'{at} ({_keys(data)})")
        data = found
    return data


def _child(data: Any, name: str) -> Any:
    if isinstance(data, dict):
        if name in data:
            return data[name]
        return next((v for k, v in data.items() if str(k) == name), _MISSING)
    if isinstance(data, list) and name.isdigit() and int(name) < len(data):
        return data[int(name)]
    return _MISSING


def _pointer(data: Any, key: str, rel: str, what: str) -> Any:
    done = ""
    for token in key[1:].split("/"):
        name = token.replace("~1", "/").replace("~0", "~")
        found = _child(data, name)
        if found is _MISSING:
            raise ResultsProblem(f"{what}: {shown(rel)} has no '{printable(name)}' at "
                                 f"'{printable(done or '/')}' ({_keys(data)})")
        data, done = found, f"{done}/{token}"
    return data


def _cell(rows: Rows, key: str, rel: str, what: str) -> str:
    wanted: dict[str, str] = {}
    for part in key.split("&"):
        name, equals, value = part.partition("=")
        if not equals or name.strip() not in ("row", "col"):
            raise ResultsProblem(f"{what}: name a cell of {shown(rel)} as "
                                 f"'#row=NAME&col=COLUMN', not '#{printable(key)}'")
        wanted[name.strip()] = value.strip()
    header = rows.header
    if "row" not in wanted:
        raise ResultsProblem(f"{what}: name the row of {shown(rel)} ('#row=NAME&col=COLUMN', "
                             f"the row by its first column, '{printable(header[0])}')")
    col = wanted.get("col")
    if col is None:
        if len(header) != 2:
            raise ResultsProblem(f"{what}: name the column of {shown(rel)} ('&col=COLUMN'; "
                                 f"its columns: {', '.join(map(printable, header[1:]))})")
        col = header[1]
    if col not in header[1:]:
        raise ResultsProblem(f"{what}: {shown(rel)} has no column '{printable(col)}' (its "
                             f"columns: {', '.join(map(printable, header[1:_LISTED + 1]))})")
    matches = [row for row in rows.rows if row[0].strip() == wanted["row"]]
    if not matches:
        names = [printable(row[0].strip()) for row in rows.rows[:_LISTED]]
        more = ", ..." if len(rows.rows) > _LISTED else ""
        raise ResultsProblem(f"{what}: {shown(rel)} has no row '{printable(wanted['row'])}' "
                             f"in its first column, '{printable(header[0])}' (rows: "
                             f"{', '.join(names) or 'none'}{more})")
    if len(matches) > 1:
        raise ResultsProblem(f"{what}: {shown(rel)} has {len(matches)} rows "
                             f"'{printable(wanted['row'])}'; which one is meant?")
    return matches[0][header.index(col)]


def _model_index(front: Any, metric: str, rel: str, what: str) -> Any:
    models = front.get("model-index") if isinstance(front, dict) else None
    if not isinstance(models, list) or not models:
        raise ResultsProblem(f"{what}: the model card {shown(rel)} has no 'model-index' in "
                             "its front matter")
    seen: list[str] = []
    for model in models:
        for result in (model.get("results") or []) if isinstance(model, dict) else []:
            for entry in (result.get("metrics") or []) if isinstance(result, dict) else []:
                if not isinstance(entry, dict):
                    continue
                kind = str(entry.get("type", ""))
                if kind == metric:
                    if "value" not in entry:
                        raise ResultsProblem(f"{what}: the metric '{printable(metric)}' of "
                                             f"the model card {shown(rel)} has no value")
                    return entry["value"]
                if kind and kind not in seen:
                    seen.append(kind)
    raise ResultsProblem(f"{what}: the model card {shown(rel)} has no result with a metric "
                         f"of type '{printable(metric)}' in its model-index (types there: "
                         f"{', '.join(map(printable, seen[:_LISTED])) or 'none'})")


def whole_number(text: str) -> float | None:
    """A text that is one whole number (``0.871``, ``12``, ``1e-3``), as a float; ``None``
    for anything else (``n/a``, ``91%``, ``0,87``, ``1,234``, ``NaN``)."""
    text = text.strip()
    number = read_number(text)
    if number is None or number.end != len(text) or number.comma or number.grouped:
        return None
    return number.value


def _number(value: Any, rel: str, key: str, what: str) -> tuple[float, str]:
    where = f"'{printable(key)}' in {shown(rel)}" if key else shown(rel)
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        kind = ("a list" if isinstance(value, list) else "a mapping" if isinstance(value, dict)
                else "empty" if value is None else printable(str(value).lower()))
        raise ResultsProblem(f"{what}: {where} is {kind}, not a number")
    if isinstance(value, str):
        text = value.strip()
        number = whole_number(text)
        if number is None:
            raise ResultsProblem(f"{what}: {where} is '{printable(text[:60])}', not a number")
        return number, text
    if not math.isfinite(value):
        raise ResultsProblem(f"{what}: {where} is {value}, not a finite number")
    return float(value), repr(value)
