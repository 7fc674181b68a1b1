"""The ``metrics`` block: a chart of an experiment's own file, drawn when the site is built.

```markdown
/// metrics | Recall by department
    from: results/slices.csv
    x: department
    y: [baseline, ours]
///
```

``from`` names a table (:mod:`..results.tables`: a CSV file, a JSON, YAML or TOML list of
records, ``PATH#KEY`` for one inside a file, an MLflow metric history or ``RUN#metric``)
by its path from the source root, read as a bound result's file is (:mod:`.bound`); ``x``
is the column of the categories (default: the first), ``y`` one column or several
(default: every numeric column but ``x``), ``kind`` is ``bar`` (default), ``dot`` or
``line`` (over a numeric ``x``; the default for an MLflow history). The block's body, if
any, continues its caption.

Two steps: :class:`MetricsBlock` makes a ``<figure class="pf-chart">`` with its caption
(so that the title gets inline Markdown), and :class:`ChartTreeprocessor` (priority 3.5:
after the ids of headings and blocks are known, before figures are numbered) reads the
file and puts the drawing (:mod:`.chart_svg`) in front of the caption. A file that cannot
be drawn is a warning naming the page, the block, the file and why (so ``--strict``
fails), and the page says the chart is missing: never a traceback, never a wrong chart.
"""

from __future__ import annotations

import functools
import json
import xml.etree.ElementTree as etree
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markdown.treeprocessors import Treeprocessor
from pymdownx.blocks.block import Block

from ..log import log
from ..results.tables import Table, TableError
from .bound import page_table
from .chart_svg import KINDS, PLOT_OPEN, ChartData, Series, draw
from .paths import printable, shown
from .util import PortfolioError, classes, prose_text, raw_html, slugify

if TYPE_CHECKING:
    from markdown import Markdown

    from . import PortfolioExtension

STYLESHEET = Path(__file__).parent.parent / "assets" / "charts" / "charts.css"
"""The charts' look. Not in the bundle of every page (its budget is spent on what every
page uses): a page with charts carries it, minified, in a ``<style>`` before its first
chart (about 0.7 kB gzipped), under any engine."""
OPTIONS_ATTR = "data-pf-chart"
"""The block's options, from the block to the treeprocessor (popped there)."""
NAME = "metrics"


def _text(value: Any) -> str:
    if isinstance(value, (dict, list)) or value is None:
        raise ValueError("expected a single value")
    return str(value)


def _columns(value: Any) -> list[str]:
    """``ours``, ``[baseline, ours]`` or ``baseline, ours``."""
    items = value if isinstance(value, list) else str(value).split(",")
    names = [str(v).strip() for v in items if not isinstance(v, (dict, list))]
    if len(names) != len(items) or not all(names):
        raise ValueError("expected a column name or a list of them")
    return names


def _kind(value: Any) -> str:
    if not isinstance(value, str) or value.strip().lower() not in KINDS:
        raise ValueError(f"expected one of {', '.join(KINDS)}")
    return value.strip().lower()


class MetricsBlock(Block):
    """``/// metrics | Title`` with options ``from``, ``x``, ``y`` and ``kind``."""

    NAME = NAME
    ARGUMENT = None
    OPTIONS: dict[str, tuple[Any, Any]] = {
        "from": ("", _text), "x": ("", _text), "y": ([], _columns), "kind": ("", _kind),
    }

    @property
    def ext(self) -> PortfolioExtension:
        ext: PortfolioExtension = self.config["ext"]
        return ext

    def _validate(self, parent: etree.Element, arg: Any, **options: Any) -> bool:
        # pymdownx silently drops a block with a bad option: say which, keep the block.
        where = f"'/// {NAME}' block{f' {arg!r}' if arg else ''}{self.ext.page_hint()}"
        known = sorted(k for k in self.option_spec if k != "attrs")
        kept: dict[str, Any] = {}
        for key, value in options.items():
            if key not in self.option_spec:
                log.warning(f"unknown option '{printable(str(key))}' in a {where}; known "
                            f"options: {', '.join(known)}")
                continue
            try:
                self.option_spec[key][1](value)
            except Exception as error:
                log.warning(f"option '{key}' of a {where} has a bad value {value!r} "
                            f"({error}); it is ignored")
                continue
            kept[key] = value
        return bool(super()._validate(parent, arg, **kept))

    def on_create(self, parent: etree.Element) -> etree.Element:
        options = {k: v for k, v in self.options.items() if k != "attrs" and v}
        fig = etree.SubElement(parent, "figure", {"class": "pf-chart",
                                                  OPTIONS_ATTR: json.dumps(options)})
        caption = etree.SubElement(fig, "figcaption")
        etree.SubElement(caption, "p").text = str(self.argument or "").strip() or None
        return caption


def install(md: Markdown, ext: PortfolioExtension) -> None:
    """Register the step that draws the charts (see the module's documentation)."""
    md.treeprocessors.register(ChartTreeprocessor(md, ext), "portfolio_charts", 3.5)


class ChartTreeprocessor(Treeprocessor):
    """Draws every ``figure.pf-chart`` from its file."""

    def __init__(self, md: Markdown, ext: PortfolioExtension) -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, root: etree.Element) -> None:
        charts = [(parent, fig) for parent in root.iter() for fig in parent
                  if fig.tag == "figure" and OPTIONS_ATTR in fig.attrib]
        if not charts:
            return
        used = {el.get("id") for el in root.iter() if el.get("id")}
        stash = raw_html(self.md)
        styled = False
        for parent, fig in charts:
            options = json.loads(fig.attrib.pop(OPTIONS_ATTR))
            caption = fig[0]
            title = prose_text(caption, stash)
            rel = str(options.get("from") or "")
            what = f"metrics block '{title}'" if title else "metrics block"
            what += self.ext.page_hint()
            try:
                html = self.render(options, title, what, caption, used)
            except (PortfolioError, TableError) as error:
                # A file's problem names the block and the page already (.results).
                told = f"{what}: {error}" if isinstance(error, TableError) else str(error)
                log.warning(f"{told}; the chart is not drawn")
                failed = etree.Element("p", {"class": "pf-chart-missing"})
                failed.text = (f"The chart \u201c{title or rel}\u201d could not be drawn from "
                               f"{rel or 'its file'}.")
                failed.tail = fig.tail
                parent.insert(list(parent).index(fig), failed)
                parent.remove(fig)
                continue
            # One block of raw HTML (a <div>: no <p> is left around it), out of reach of the
            # other treeprocessors.
            if not styled:
                html, styled = f"<style data-pf-charts>{stylesheet()}</style>{html}", True
            holder = etree.Element("p")
            holder.text = self.md.htmlStash.store(f"{PLOT_OPEN}{html}</div>")
            fig.insert(0, holder)

    def render(self, options: dict[str, Any], title: str, what: str, caption: etree.Element,
               used: set[str | None]) -> str:
        """The chart's HTML; :class:`TableError` or :class:`PortfolioError` says why not."""
        rel = str(options.get("from") or "").strip()
        if not rel:
            raise TableError("it has no 'from' option naming its file (e.g. "
                             "'from: results/slices.csv')")
        table = page_table(self.ext, rel, what)
        try:
            data = chart_data(table, options, _series_name(rel))
        except TableError as error:
            raise TableError(f"file {shown(rel)}: {error}") from None
        if not title:
            caption[0].text = f"{', '.join(s.name for s in data.series)} by {data.x_name}"
        base = slugify(f"chart {title}") if title else "chart"
        candidate, n = f"{base}-caption", 1
        while candidate in used:
            n += 1
            candidate = f"{base}-{n}-caption"
        used.add(candidate)
        caption.set("id", candidate)
        return draw(ChartData(data.kind, data.x_name, data.x_labels, data.series, candidate,
                              data.x_values))


@functools.lru_cache(maxsize=1)
def stylesheet() -> str:
    """:data:`STYLESHEET`, minified."""
    from ..bundle import minify_css

    return minify_css(STYLESHEET.read_text(encoding="utf-8"))


def _series_name(rel: str) -> str:
    """What an MLflow history's one line is called: its metric (``val_loss``)."""
    path, _, key = rel.partition("#")
    return key.strip() or Path(path.strip()).name


def chart_data(table: Table, options: dict[str, Any], metric: str) -> ChartData:
    """What to draw from a table and the block's options (its ``labelled_by`` is left
    empty); :class:`TableError` when a column is not there or holds no numbers."""
    history = table.kind == "history"
    x = str(options.get("x") or "").strip() or table.columns[0]
    table.index(x)
    kind = str(options.get("kind") or ("line" if history else "bar"))
    wanted = list(options.get("y") or [])
    if not wanted:
        wanted = [c for c in table.numeric_columns() if c != x and not (history and c != "value")]
        if not wanted:
            raise TableError(f"it has no column of numbers to draw besides '{x}' (the columns "
                             f"are {', '.join(repr(c) for c in table.columns)}); name them "
                             "with 'y:'")
    rows = list(range(len(table.rows)))
    x_values: list[float] = []
    if kind == "line":
        try:
            x_values = table.numbers(x)
        except TableError as error:
            raise TableError(f"a line chart needs numbers along 'x': {error}") from None
        rows.sort(key=lambda i: x_values[i])
        x_values = [x_values[i] for i in rows]
    labels = table.texts(x)
    series = []
    for column in wanted:
        numbers, texts = table.numbers(column), table.texts(column)
        name = metric if history and column == "value" else column
        series.append(Series(name, [numbers[i] for i in rows], [texts[i] for i in rows]))
    return ChartData(kind, x, [labels[i] for i in rows], series, "", x_values)


def is_chart(el: etree.Element) -> bool:
    """A chart's figure (a drawn one: a chart that failed is a paragraph)."""
    return el.tag == "figure" and "pf-chart" in classes(el)
