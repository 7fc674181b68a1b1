"""Results files: found under the source root, size-capped, parsed once per build.

A results file is named by a path relative to the source root (the folder source
snippets are read from) and may not leave it (:func:`.paths.resolve_under`). What
it holds is parsed by its kind, from its name: JSON, YAML, TOML, CSV, a model card
(``.md``: its front matter), an MLflow metric file (``.../metrics/<name>``). A file
is parsed once while its modification time and size stay the same (:class:`DataFiles`,
one per build); one over :data:`MAX_BYTES` is refused, not read.

No MkDocs import: the Markdown extension uses it.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import field
from pathlib import Path
from typing import Any

from ..fastyaml import safe_load
from ..lazydata import dataclass
from ..markdown.paths import resolve_under, shown
from ..markdown.util import PortfolioError

MAX_BYTES = 10_000_000
"""Largest results file read (10 MB): an evaluation summary is a few kilobytes; a file
of 100 MB is a data set, not a result, and reading it would cost the build seconds."""

Stamp = tuple[int, int]
"""A file's modification time (ns) and size: it is read again when either changes."""


class ResultsProblem(PortfolioError):
    """A results file, key, row or value that cannot be used; the message says why."""


KINDS = ("json", "yaml", "toml", "csv", "model card", "mlflow")
SUFFIXES = {".json": "json", ".yaml": "yaml", ".yml": "yaml", ".toml": "toml",
            ".csv": "csv", ".tsv": "csv", ".md": "model card", ".markdown": "model card"}


def kind_of(path: Path) -> str:
    """The kind of a results file, from its name (``""``: not one we read)."""
    if path.parent.name == "metrics" and not path.suffix:
        return "mlflow"  # mlruns/<experiment>/<run>/metrics/<name>
    return SUFFIXES.get(path.suffix.lower(), "")


def resolve(root: Path, rel: str, what: str, files: DataFiles | None = None) -> Path:
    """The file (or MLflow run folder) at ``rel`` under ``root`` (once per build with the
    build's ``files``: fifty blocks naming one file resolve it once)."""
    key = (root, rel)
    if files is not None and key in files.resolved:
        return files.resolved[key]
    path = resolve_under(root, rel, what, kind="any", noun="file", root_name="the source root")
    if files is not None:
        files.resolved[key] = path
    return path


@dataclass(frozen=True)
class Located:
    """Where a reference ``PATH#KEY`` points: the file, the key inside it, and its path."""

    path: Path
    rel: str
    """The path as written (an MLflow run folder's: with ``metrics/<name>`` added)."""
    key: str
    shown: str
    """The file's path under the source root, as the page and the report name it."""


def locate(root: Path, rel: str, key: str, what: str, files: DataFiles) -> Located:
    """The file ``rel#key`` names under ``root``: an MLflow run folder with ``#metric``
    is its file ``metrics/<metric>``, which takes no key."""
    path = resolve(root, rel, what, files)
    if path.is_dir():
        if not key:
            raise ResultsProblem(f"{what}: {shown(rel)} is a folder; name a metric of an "
                                 f"MLflow run after '#' ('{rel}#val_f1')")
        rel = f"{rel.rstrip('/')}/metrics/{key}"
        path, key = resolve(root, rel, what, files), ""
    real = path.relative_to(resolve(root, ".", what, files)).as_posix()  # the real root
    return Located(path, rel, key, real)


def stamp(path: Path) -> Stamp | None:
    """``(mtime_ns, size)`` of a file; ``None`` when it cannot be looked at."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


def changed(stamps: Mapping[str, Stamp]) -> bool:
    """Whether any of the files (by path, with their stamps when read) changed since."""
    return any(stamp(Path(path)) != tuple(was) for path, was in stamps.items())


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


@dataclass
class DataFiles:
    """The results files read in one build, each parsed once while unchanged."""

    parsed: dict[Path, tuple[Stamp, Any]] = field(default_factory=dict)
    resolved: dict[tuple[Path, str], Path] = field(default_factory=dict)
    """Each path as written, by its root, resolved (a path that fails is not kept)."""

    def load(self, path: Path, rel: str, what: str) -> tuple[Any, Stamp]:
        """What the file at ``path`` holds, parsed by its kind, with its stamp."""
        now = stamp(path)
        if now is None:
            raise ResultsProblem(f"{what}: file {shown(rel)} cannot be read")
        kept = self.parsed.get(path)
        if kept is not None and kept[0] == now:
            return kept[1], now
        if now[1] > MAX_BYTES:
            raise ResultsProblem(
                f"{what}: file {shown(rel)} is {megabytes(now[1])}, more than the "
                f"{megabytes(MAX_BYTES)} a results file may be; point at a summary of it")
        kind = kind_of(path)
        parse = PARSERS.get(kind)
        if parse is None:
            raise ResultsProblem(
                f"{what}: file {shown(rel)} is not a results file that can be read (JSON, "
                "YAML, TOML, CSV, a model card's .md, an MLflow metric or run folder)")
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise ResultsProblem(f"{what}: cannot read {shown(rel)} as UTF-8 text: "
                                 f"{error}") from None
        value = parse(text, rel, what)
        self.parsed[path] = (now, value)
        return value, now


def _json(text: str, rel: str, what: str) -> Any:
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as error:
        raise ResultsProblem(f"{what}: {shown(rel)} is not valid JSON ({error})") from None


def _yaml(text: str, rel: str, what: str) -> Any:
    import yaml

    try:
        return safe_load(text)
    except (yaml.YAMLError, RecursionError) as error:
        problem = " ".join(str(error).split())
        raise ResultsProblem(f"{what}: {shown(rel)} is not valid YAML ({problem})") from None


def _toml(text: str, rel: str, what: str) -> Any:
    if sys.version_info >= (3, 11):
        import tomllib
    else:
        try:
            import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]
        except ImportError:
            raise ResultsProblem(f"{what}: reading TOML ({shown(rel)}) needs Python 3.11 or "
                                 "the 'tomli' package") from None
    try:
        return tomllib.loads(text)
    except (ValueError, RecursionError) as error:
        raise ResultsProblem(f"{what}: {shown(rel)} is not valid TOML ({error})") from None


@dataclass(frozen=True)
class Rows:
    """A CSV file as written: its header and its rows of text (each as long as it)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def _csv(text: str, rel: str, what: str) -> Rows:
    dialect: Any = "excel-tab" if rel.lower().endswith(".tsv") else "excel"
    try:
        lines = [row for row in csv.reader(io.StringIO(text, newline=""), dialect)]
    except csv.Error as error:
        raise ResultsProblem(f"{what}: {shown(rel)} is not valid CSV ({error})") from None
    numbered = [(n, row) for n, row in enumerate(lines, 1) if any(c.strip() for c in row)]
    if not numbered:
        raise ResultsProblem(f"{what}: {shown(rel)} is empty (no header row)")
    (_, header), body = numbered[0], numbered[1:]
    for n, row in body:
        if len(row) != len(header):
            raise ResultsProblem(
                f"{what}: {shown(rel)} has a ragged row: line {n} has {len(row)} fields, the "
                f"header {len(header)}")
    return Rows(tuple(c.strip() for c in header), tuple(tuple(row) for _, row in body))


def _front_matter(text: str, rel: str, what: str) -> Any:
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return {}
    for n, line in enumerate(lines[1:], 1):
        if line.strip() in ("---", "..."):
            return _yaml("\n".join(lines[1:n]), rel, what) or {}
    raise ResultsProblem(f"{what}: the front matter of {shown(rel)} has no closing '---'")


@dataclass(frozen=True)
class History:
    """An MLflow metric file: one ``timestamp value step`` line per logged value."""

    points: tuple[tuple[int, float, int], ...]
    """``(timestamp, value, step)``, in the order logged."""
    texts: tuple[str, ...] = ()
    """Each value as the file writes it (``1.20``), in the same order."""


def _mlflow(text: str, rel: str, what: str) -> History:
    points, texts = [], []
    for n, line in enumerate(text.splitlines(), 1):
        parts = line.split()
        if not parts:
            continue
        try:
            stamp_, value = int(parts[0]), float(parts[1])
            step = int(parts[2]) if len(parts) > 2 else 0
        except (ValueError, IndexError):
            raise ResultsProblem(f"{what}: line {n} of {shown(rel)} is not an MLflow metric "
                                 "line ('timestamp value step')") from None
        points.append((stamp_, value, step))
        texts.append(parts[1])
    return History(tuple(points), tuple(texts))


PARSERS: dict[str, Callable[[str, str, str], Any]] = {
    "json": _json, "yaml": _yaml, "toml": _toml, "csv": _csv,
    "model card": _front_matter, "mlflow": _mlflow,
}
