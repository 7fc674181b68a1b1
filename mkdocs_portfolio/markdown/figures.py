"""Numbered figures: ``Figure 1.`` before the caption of every captioned figure.

``pymdownx.blocks.caption`` numbers only its typed ``/// figure-caption`` blocks;
the plain ``/// caption`` that Material's documentation teaches, and a
``<figure markdown>`` with a ``<figcaption>`` (md_in_html), get no number. This
treeprocessor numbers them all in page order, ``Table N.`` for a captioned
table, and leaves a caption that already has its prefix as it is.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import TYPE_CHECKING

from markdown.treeprocessors import Treeprocessor

from .util import classes

if TYPE_CHECKING:
    from markdown import Markdown

    from . import PortfolioExtension

SKIP = frozenset({"pf-metric"})
"""Figures of our own that are not illustrations."""


def install(md: Markdown, ext: PortfolioExtension) -> None:
    """Register the numbering after ``pymdownx.blocks.caption`` (4) made its figures."""
    md.treeprocessors.register(FigureNumbers(md, ext), "portfolio_figures", 3)


class FigureNumbers(Treeprocessor):
    """Prefix captions with ``Figure N.`` / ``Table N.`` and give figures an id."""

    def __init__(self, md: Markdown, ext: PortfolioExtension) -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, root: etree.Element) -> None:
        if not self.ext.getConfig("number_figures"):
            return
        figures = list(root.iter("figure"))
        if not figures:
            return
        counts = {"Figure": 0, "Table": 0}
        used = {el.get("id") for el in root.iter() if el.get("id")}
        for fig in figures:
            if SKIP & set(classes(fig)):
                continue
            caption = next((c for c in fig if c.tag == "figcaption"), None)
            if caption is None:
                continue
            kind = "Table" if any(c.tag == "table" for c in fig.iter()) else "Figure"
            counts[kind] += 1
            if any("caption-prefix" in classes(c) for c in caption.iter()):
                continue  # numbered by pymdownx.blocks.caption already
            number = counts[kind]
            if not fig.get("id"):
                candidate = f"{kind.lower()}-{number}"
                if candidate not in used:
                    fig.set("id", candidate)
                    used.add(candidate)
            prefix = etree.Element("span", {"class": "caption-prefix"})
            prefix.text = f"{kind} {number}."
            holder = caption[0] if len(caption) and caption[0].tag == "p" else caption
            prefix.tail = " " + (holder.text or "").lstrip()
            holder.text = None
            holder.insert(0, prefix)
