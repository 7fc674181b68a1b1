"""Charts kept out of the way of the search index, then put back.

A chart's drawing and its table of numbers are hundreds of elements (ten charts of 50
bars: 7,600 tags), and the search plugin parses every page's HTML in Python: 37 ms for
those ten charts, which it would index as a heap of tick labels and numbers. So the
plugin holds each drawing back from ``on_page_content`` until the search has indexed the
page (``on_page_context``, after the search), and the page is written with it: the
search finds the chart by its caption, which stays in the page.
"""

from __future__ import annotations

import re

from .markdown.chart_svg import PLOT_OPEN

DRAWN = re.compile(re.escape(PLOT_OPEN) + r".*?</table></div></div>", re.S)
"""A chart's drawing as :mod:`.markdown.charts` writes it, its table's box at its end."""
HELD = re.compile(r'<div class="pf-chart__plot" data-pf-held="(\d+)"></div>')


class HeldCharts:
    """The drawings of the pages being rendered, by page, for one build."""

    def __init__(self) -> None:
        self.held: dict[str, list[str]] = {}

    def hold(self, src_uri: str, html: str) -> str:
        """``html`` with its drawings taken out (kept for :meth:`restore`)."""
        if PLOT_OPEN not in html:
            return html
        kept: list[str] = []

        def take(match: re.Match[str]) -> str:
            kept.append(match[0])
            return f'<div class="pf-chart__plot" data-pf-held="{len(kept) - 1}"></div>'

        html = DRAWN.sub(take, html)
        self.held[src_uri] = kept
        return html

    def restore(self, src_uri: str, html: str) -> str:
        """``html`` with the drawings of its page put back."""
        kept = self.held.pop(src_uri, None)
        if not kept:
            return html
        return HELD.sub(lambda m: kept[int(m[1])] if int(m[1]) < len(kept) else m[0], html)
