"""A result's metric as written (its ``///`` options or its ``Metric:`` line), and bound
to the experiment's files where it names one (``from: results/eval.json#test.f1``).

A number read from a file is the one the page, the overview and the audit show; a
number written beside it by hand is kept only to say, through the audit's
``stale-result`` check, that it disagrees. A file, key or value that cannot be used is
a warning naming the page, the block, the file and what is not there; the block then
shows the hand-written number, or none: never a number nobody read.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..lazydata import dataclass
from ..log import log
from ..results import (
    Bound,
    ResultsProblem,
    is_ref,
    read_value,
)
from ..results.format import agrees, shown
from ..results.tables import Table, read_table
from .facts import Metric
from .numbers import read_number
from .paths import PathProblem
from .sourcefiles import context

if TYPE_CHECKING:
    from . import PortfolioExtension

METRIC_LINE = re.compile(r"^\s*metric\s*:\s*(?P<body>.+?)\s*(?:\((?P<paren>[^()]*)\))?\s*$",
                         re.IGNORECASE)
"""``Metric: F1 = 0.91 (baseline 0.84)`` as the first line of a ``!!! result`` block; the
value may come from a file (``Metric: F1 from results/eval.json#f1``, or ``= 0.91 from
...`` to check a number written by hand), and the parentheses hold the baseline (a
number or ``PATH#KEY``), ``relative`` or ``difference``, ``precision N`` and ``unit U``."""
_REF = r"(?P<ref>[^\s#]+#.*|[^\s#]*/[^\s#]*)"
_FROM = re.compile(r"(?:(?P<value>.*?)\s+)?from\s+" + _REF + r"$", re.IGNORECASE)
_NAMED_FROM = re.compile(r"(?P<name>[^=]+?)\s+from\s+" + _REF + r"$", re.IGNORECASE)
_ITEM_SPLIT = re.compile(r"\s*[,;]\s*(?=(?:relative|difference|precision|unit|baseline|vs)\b)",
                         re.IGNORECASE)
_BASELINE = re.compile(r"(?:baseline|vs\.?)\s*:?\s*(?P<baseline>\S.*)", re.IGNORECASE)
_CHANGE = re.compile(r"(?P<change>relative|difference)(?:\s+change)?", re.IGNORECASE)
_PRECISION = re.compile(r"precision\s*:?\s*(?P<precision>\d{1,2})", re.IGNORECASE)
_UNIT = re.compile(r"unit\s*:?\s*(?P<unit>\S.*)", re.IGNORECASE)


@dataclass
class MetricSpec:
    """A metric as the author wrote it, before any file is read."""

    name: str
    value: str | None = None
    """The number written by hand (``None``: only the file's)."""
    source: str = ""
    """``PATH#KEY`` of the value."""
    baseline: str | None = None
    """A number, or ``PATH#KEY``."""
    unit: str = ""
    lower_is_better: bool = False
    relative: bool = False
    precision: int | None = None


def parse_line(text: str) -> MetricSpec | None:
    """The metric of a ``Metric:`` line; ``None`` when the line is not one."""
    match = METRIC_LINE.match(text)
    if not match:
        return None
    body, spec = match["body"], MetricSpec("")
    named = _NAMED_FROM.match(body)  # "F1 from a.csv#row=x&col=f1": no "=" before "from"
    if named:
        spec.name, spec.source = named["name"].strip(), named["ref"]
    elif "=" in body:
        name, _, value = body.partition("=")
        spec.name, value = name.strip(), value.strip()
        if "(" in value or ")" in value:
            return None  # the name may hold parentheses, the value not
        found = _FROM.match(value)
        if found:
            spec.value, spec.source = (found["value"] or "").strip() or None, found["ref"]
        else:
            spec.value = value
    else:
        return None
    if not (spec.value or spec.source):  # a name may be empty: all raw HTML, say
        return None
    for item in _ITEM_SPLIT.split(match["paren"] or "") if match["paren"] is not None else ():
        item = item.strip()
        if (m := _BASELINE.fullmatch(item)) is not None:
            spec.baseline = m["baseline"].strip()
        elif (m := _CHANGE.fullmatch(item)) is not None:
            spec.relative = m["change"].lower() == "relative"
        elif (m := _PRECISION.fullmatch(item)) is not None and int(m["precision"]) <= 15:
            spec.precision = int(m["precision"])
        elif (m := _UNIT.fullmatch(item)) is not None:
            spec.unit = m["unit"].strip()
        else:
            return None  # not a metric line after all: left as the author's text
    return spec


def make_metric(ext: PortfolioExtension, spec: MetricSpec, title: str) -> Metric | None:
    """The metric of a result block, its numbers read from the files it names."""
    baseline = spec.baseline
    if not spec.source and not is_ref(baseline):
        if not spec.value:
            return None
        return Metric(spec.name, spec.value, baseline, spec.unit, spec.lower_is_better,
                      spec.relative)
    what = f"result block '{title}'{ext.page_hint()}"
    like = read_number(spec.value)
    value, source, url, written, held = spec.value, "", "", "", ""
    if spec.source:
        then = f"the block shows the number written by hand, {spec.value}" if spec.value \
            else "the block shows no number"
        bound = _read(ext, spec.source, what, then)
        if bound is None:
            if not spec.value:
                return None
        else:
            source, held = bound.ref, bound.text
            url = context(ext).repo.link(bound.path) or ""
            value = shown(bound.value, bound.text, spec.precision, like)
            if spec.value is not None and (like is None or not agrees(bound.value, like)):
                written = spec.value
    assert value is not None
    baseline_source = ""
    if is_ref(baseline):
        assert baseline is not None
        bound = _read(ext, baseline, f"{what}, its baseline", "the block shows no baseline")
        baseline_source = bound.ref if bound is not None else ""
        baseline = shown(bound.value, bound.text, spec.precision, like) \
            if bound is not None else None
        if baseline is not None and spec.unit:  # as the value is shown: "38%", "12 ms"
            baseline += spec.unit if spec.unit == "%" else f" {spec.unit}"
    return Metric(spec.name, value, baseline, spec.unit, spec.lower_is_better, spec.relative,
                  source=source, source_url=url, baseline_source=baseline_source,
                  written=written, held=held)


def _read(ext: PortfolioExtension, ref: str, what: str, then: str) -> Bound | None:
    """The number ``ref`` names; ``None``, with a warning ending with ``then``, when it
    cannot be read."""
    ctx = context(ext)
    try:
        bound = read_value(ctx.repo.root, ref, ctx.data, what)
    except (ResultsProblem, PathProblem) as problem:
        log.warning(f"{problem}; {then}")
        return None
    _depends(ext, bound.path, bound.stamp)
    return bound


def page_table(ext: PortfolioExtension, ref: str, what: str) -> Table:
    """The table ``ref`` names (a chart's ``from:``, :func:`..results.tables.read_table`),
    read through this build's results files; the page depends on its file from now on.
    :class:`.ResultsProblem` or :class:`.PathProblem` says why it cannot be read."""
    ctx = context(ext)
    table, path, stamp = read_table(ctx.repo.root, ref, ctx.data, what)
    _depends(ext, path, stamp)
    return table


def _depends(ext: PortfolioExtension, path: Path, stamp: tuple[int, int]) -> None:
    """The page being converted reads ``path``: ``mkdocs serve`` watches it, and a
    ``--dirty`` rebuild renders the page again when it changed."""
    context(ext).used.add(path)
    ext.facts.data_files[str(path)] = stamp
