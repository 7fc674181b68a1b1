"""Which elements are semantic blocks, and their parts, for every step that reads them."""

from __future__ import annotations

import xml.etree.ElementTree as etree

from ..blocktypes import BLOCK_TYPES
from .util import classes


def block_type(el: etree.Element) -> str | None:
    """The semantic type of an admonition or details element, if it has one."""
    if el.tag not in ("div", "details"):
        return None
    names = classes(el)
    if el.tag == "div" and "admonition" not in names:
        return None
    for name in names:
        if name in BLOCK_TYPES:
            return name
    return None


def title_element(el: etree.Element) -> etree.Element | None:
    """The title element (``p.admonition-title`` or ``summary``) of a block."""
    for child in el:
        if child.tag == "summary" or "admonition-title" in classes(child):
            return child
        break
    return None


def label(block_type: str) -> str:
    """A block type's default title."""
    return BLOCK_TYPES[block_type].label
