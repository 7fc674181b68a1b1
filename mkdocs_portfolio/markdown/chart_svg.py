"""Charts drawn as inline SVG, with a table of the same numbers: no JavaScript, no library.

:func:`draw` turns a :class:`ChartData` into HTML: an ``<svg>`` scaled to its box by its
``viewBox`` (crisp at any size, readable at 390 px: the text is sized for a phone's
column), and a ``<table>`` of the numbers that screen readers read and the eye does not
see (in ``div.pf-chart__data``). Categories are drawn as horizontal bars or dots, one row per
category (long labels and fifty categories fit a phone); a numeric ``x`` as lines.
Colours are classes (``pf-chart__s1`` ...) whose CSS custom properties follow the light
and dark palettes (``assets/charts.css``). Every text from the file is escaped.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence

from ..lazydata import dataclass

WIDTH = 420
"""Width of the drawing in its own units; the page scales it to its column, at most
21rem wide (``assets/charts/charts.css``): one unit is one CSS pixel on a wide screen."""
FONT = 16
"""Labels' size: about 13.5 px in a 390 px wide screen's column, 16 px (as the text) in a
wide one."""
SMALL = 14
"""Ticks' and values' size: 12 px on a phone, 14 px on a wide screen."""
CHAR = 0.5
"""A character's average width, in ems (to size margins to the labels)."""
COLOURS = 6
"""Series colours in the stylesheet (``pf-chart__s1`` to ``pf-chart__s6``), reused after."""
BAR, BAR_GAP, GROUP_GAP, DOT_ROW = 14, 2, 10, 22
KINDS = ("bar", "dot", "line")
PLOT_OPEN = '<div class="pf-chart__plot">'
"""How a chart's raw HTML starts (the page's media leave it unread: it is ours)."""


@dataclass(frozen=True)
class Series:
    """One column drawn: its name, its numbers, and the numbers as the file writes them."""

    name: str
    values: Sequence[float]
    texts: Sequence[str]


@dataclass(frozen=True)
class ChartData:
    """What to draw: one ``x`` per row (labels, or numbers for lines) and the series."""

    kind: str
    x_name: str
    x_labels: Sequence[str]
    series: Sequence[Series]
    labelled_by: str
    """The id of the caption that names the chart (``aria-labelledby``)."""
    x_values: Sequence[float] = ()
    """The numbers of ``x`` (a line chart's)."""


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def _f(value: float) -> str:
    """A coordinate, to a tenth of a unit."""
    return f"{value:.1f}"


def ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round numbers from at or below ``low`` to at or above ``high``, about ``count`` steps."""
    if high < low:
        low, high = high, low
    if high == low:
        pad = abs(low) / 10 or 1.0
        low, high = low - pad, high + pad
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw * 0.999)
    start = math.floor(low / step + 1e-9) * step
    steps = math.ceil((high - start) / step - 1e-9)
    return [round(start + i * step, 12) for i in range(steps + 1)]


def tick_text(value: float, step: float) -> str:
    """A tick's label, with as many decimals as its step needs."""
    decimals = 0
    while decimals < 10 and abs(round(step, decimals) - step) > 1e-9 * max(1.0, abs(step)):
        decimals += 1
    text = f"{value:,.{decimals}f}" if abs(value) >= 10_000 else f"{value:.{decimals}f}"
    return "0" if text.strip("-0.,") == "" else text


def _width(text: str, size: float) -> float:
    return len(text) * size * CHAR


def _fit(text: str, room: float, size: float) -> str:
    """``text`` cut with an ellipsis to fit ``room`` units."""
    most = max(3, int(room / (size * CHAR)))
    return text if len(text) <= most else text[:most - 1].rstrip() + "\u2026"


def _legend(series: Sequence[Series], top: float, marker: str) -> tuple[list[str], float]:
    """The legend's items, wrapped to the width; returns them and the height they take."""
    parts: list[str] = ['<g class="pf-chart__legend">']
    x, y = 0.0, top
    for i, s in enumerate(series):
        name = _fit(s.name, WIDTH * 0.6, FONT)
        item = 12 + 6 + _width(name, FONT) + 18
        if x and x + item > WIDTH:
            x, y = 0.0, y + 22
        colour = f"pf-chart__s{i % COLOURS + 1}"
        if marker == "line":
            parts.append(f'<line class="{colour}" x1="{_f(x)}" y1="{_f(y + 6)}" '
                         f'x2="{_f(x + 12)}" y2="{_f(y + 6)}"/>')
        elif marker == "dot":
            parts.append(f'<circle class="{colour}" cx="{_f(x + 6)}" cy="{_f(y + 6)}" r="5"/>')
        else:
            parts.append(f'<rect class="{colour}" x="{_f(x)}" y="{_f(y)}" width="12" '
                         'height="12" rx="2"/>')
        parts.append(f'<text x="{_f(x + 18)}" y="{_f(y + 11)}">{esc(name)}</text>')
        x += item
    parts.append("</g>")
    return parts, y + 22 - top + 8


def draw(data: ChartData) -> str:
    """The chart's ``<svg>`` and its table of numbers."""
    svg = _lines(data) if data.kind == "line" else _rows(data)
    return svg + table(data)


def _svg_open(data: ChartData, height: float) -> str:
    return (f'<svg class="pf-chart__svg pf-chart--{data.kind}" xmlns="http://www.w3.org/2000/svg"'
            f' viewBox="0 0 {WIDTH} {_f(height)}" width="{WIDTH}" height="{_f(height)}" '
            f'role="img" aria-labelledby="{esc(data.labelled_by)}" focusable="false" '
            f'font-size="{FONT}">')


def _rows(data: ChartData) -> str:
    """A row per category: horizontal bars (from zero) or dots, over a value axis."""
    bars = data.kind == "bar"
    values = [v for s in data.series for v in s.values]
    low, high = min(values), max(values)
    if bars:
        low, high = min(low, 0.0), max(high, 0.0)
    scale = ticks(low, high)
    low, high = scale[0], scale[-1]
    step = scale[1] - scale[0]
    legend, top = _legend(data.series, 0, data.kind)
    label_room = min(max(_width(t, FONT) for t in data.x_labels), WIDTH * 0.48)
    left = label_room + 10
    longest = max((_width(t, SMALL) for s in data.series for t in s.texts), default=0)
    right = WIDTH - (longest + 8 if bars else _width(tick_text(high, step), SMALL) / 2 + 2)
    k = len(data.series)
    row = k * BAR + (k - 1) * BAR_GAP + GROUP_GAP if bars else DOT_ROW
    plot_top = top + 4
    plot_bottom = plot_top + row * len(data.x_labels)
    height = plot_bottom + 6 + SMALL + 6

    def at(value: float) -> float:
        return left + (value - low) / (high - low) * (right - left)

    out = [_svg_open(data, height), *legend, '<g class="pf-chart__grid">']
    for t in scale:
        out.append(f'<line x1="{_f(at(t))}" y1="{_f(plot_top)}" x2="{_f(at(t))}" '
                   f'y2="{_f(plot_bottom)}"/>')
    out.append(f'</g><g class="pf-chart__ticks" font-size="{SMALL}">')
    for t in scale:
        out.append(f'<text x="{_f(at(t))}" y="{_f(plot_bottom + 6 + SMALL)}" '
                   f'text-anchor="middle">{esc(tick_text(t, step))}</text>')
    out.append('</g><g class="pf-chart__labels">')
    for i, label in enumerate(data.x_labels):
        y = plot_top + i * row + (row - (GROUP_GAP if bars else 0)) / 2
        shown = _fit(label, label_room, FONT)
        title = f"<title>{esc(label)}</title>" if shown != label else ""
        out.append(f'<text x="{_f(left - 8)}" y="{_f(y + FONT * 0.35)}" '
                   f'text-anchor="end">{title}{esc(shown)}</text>')
    out.append("</g>")
    zero = at(0.0) if low <= 0 <= high else at(low)
    if not bars and k > 1:  # a dot chart's dots of one row, joined: the gap reads at once
        out.append('<g class="pf-chart__links">')
        for i in range(len(data.x_labels)):
            row_values = [s.values[i] for s in data.series]
            y = plot_top + i * row + row / 2
            out.append(f'<line x1="{_f(at(min(row_values)))}" y1="{_f(y)}" '
                       f'x2="{_f(at(max(row_values)))}" y2="{_f(y)}"/>')
        out.append("</g>")
    for j, s in enumerate(data.series):
        colour = f"pf-chart__s{j % COLOURS + 1}"
        out.append(f'<g class="pf-chart__series {colour}">')
        for i, (value, raw) in enumerate(zip(s.values, s.texts, strict=True)):
            text = esc(raw)
            if bars:  # its number is written beside it
                y = plot_top + i * row + j * (BAR + BAR_GAP)
                x0, x1 = sorted((zero, at(value)))
                out.append(f'<rect x="{_f(x0)}" y="{_f(y)}" width="{x1 - x0:.2f}" '
                           f'height="{BAR}" data-value="{text}"/>')
                anchor, tx = ("end", x0 - 4) if value < 0 else ("start", x1 + 4)
                out.append(f'<text class="pf-chart__value" font-size="{SMALL}" x="{_f(tx)}" '
                           f'y="{_f(y + BAR / 2 + SMALL * 0.35)}" text-anchor="{anchor}">'
                           f'{text}</text>')
            else:
                y = plot_top + i * row + row / 2
                tip = f"<title>{esc(data.x_labels[i])}, {esc(s.name)}: {text}</title>"
                out.append(f'<circle cx="{_f(at(value))}" cy="{_f(y)}" r="5" '
                           f'data-value="{text}">{tip}</circle>')
        out.append("</g>")
    out.append(f'<line class="pf-chart__axis" x1="{_f(zero)}" y1="{_f(plot_top)}" '
               f'x2="{_f(zero)}" y2="{_f(plot_bottom)}"/></svg>')
    return "".join(out)


def _lines(data: ChartData) -> str:
    """Lines over a numeric ``x``: training curves."""
    xs = data.x_values
    values = [v for s in data.series for v in s.values]
    y_scale = ticks(min(values), max(values))
    x_scale = ticks(min(xs), max(xs))
    y_step, x_step = y_scale[1] - y_scale[0], x_scale[1] - x_scale[0]
    legend, top = _legend(data.series, 0, "line")
    left = max(_width(tick_text(t, y_step), SMALL) for t in y_scale) + 10
    right = WIDTH - _width(tick_text(x_scale[-1], x_step), SMALL) / 2 - 2
    plot_top, plot_bottom = top + 6, top + 6 + 220
    height = plot_bottom + 8 + SMALL + 8 + FONT + 2

    def at_x(value: float) -> float:
        return left + (value - x_scale[0]) / (x_scale[-1] - x_scale[0]) * (right - left)

    def at_y(value: float) -> float:
        return plot_bottom - (value - y_scale[0]) / (y_scale[-1] - y_scale[0]) \
            * (plot_bottom - plot_top)

    out = [_svg_open(data, height), *legend, '<g class="pf-chart__grid">']
    out += [f'<line x1="{_f(left)}" y1="{_f(at_y(t))}" x2="{_f(right)}" y2="{_f(at_y(t))}"/>'
            for t in y_scale]
    out.append(f'</g><g class="pf-chart__ticks" font-size="{SMALL}">')
    out += [f'<text x="{_f(left - 6)}" y="{_f(at_y(t) + SMALL * 0.35)}" text-anchor="end">'
            f'{esc(tick_text(t, y_step))}</text>' for t in y_scale]
    out += [f'<text x="{_f(at_x(t))}" y="{_f(plot_bottom + 8 + SMALL)}" text-anchor="middle">'
            f'{esc(tick_text(t, x_step))}</text>' for t in x_scale]
    out.append(f'</g><text class="pf-chart__axis-title" x="{_f((left + right) / 2)}" '
               f'y="{_f(height - 4)}" text-anchor="middle">{esc(_fit(data.x_name, WIDTH, FONT))}'
               '</text>')
    marks = len(xs) <= 40
    for j, s in enumerate(data.series):
        colour = f"pf-chart__s{j % COLOURS + 1}"
        points = " ".join(f"{_f(at_x(x))},{_f(at_y(v))}" for x, v in zip(xs, s.values, strict=True))
        out.append(f'<g class="pf-chart__series {colour}"><polyline points="{points}"/>')
        if marks:
            out += [f'<circle cx="{_f(at_x(x))}" cy="{_f(at_y(v))}" r="3"/>'
                    for x, v in zip(xs, s.values, strict=True)]
        out.append("</g>")
    out.append(f'<line class="pf-chart__axis" x1="{_f(left)}" y1="{_f(plot_bottom)}" '
               f'x2="{_f(right)}" y2="{_f(plot_bottom)}"/></svg>')
    return "".join(out)


def table(data: ChartData) -> str:
    """The numbers as a table: read by screen readers, folded away for the eye."""
    out = ['<div class="pf-chart__data"><table class="pf-chart__table"><thead><tr>',
           f'<th scope="col">{esc(data.x_name)}</th>']
    out += [f'<th scope="col">{esc(s.name)}</th>' for s in data.series]
    out.append("</tr></thead><tbody>")
    for i, label in enumerate(data.x_labels):
        out.append(f'<tr><th scope="row">{esc(label)}</th>')
        out += [f"<td>{esc(s.texts[i])}</td>" for s in data.series]
        out.append("</tr>")
    out.append("</tbody></table></div>")
    return "".join(out)
