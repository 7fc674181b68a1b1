"""The ``demo`` block: a live demo that loads only when the reader asks for it."""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from . import PortfolioExtension


def render_demo(
    el: etree.Element, head: etree.Element | None, title: str, ext: PortfolioExtension
) -> dict[str, Any]:
    """Turn a demo block into its click-to-load embed; return its options."""
    data = {k[8:]: el.attrib.pop(k) for k in list(el.attrib) if k.startswith("data-pf-")}
    return data
