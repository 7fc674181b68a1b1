"""Our CSS and JS on the page itself, where no plugin serves them (Zensical, plain Markdown).

Zensical copies ``extra_css`` and ``extra_javascript`` only from the author's docs folder,
and an extension cannot add a file to its site. So the extension ends each page with
one ``<style>`` and one ``<script>`` holding the minified bundle (about 4 kB gzipped),
once per page: a page whose raw HTML holds them already (a Markdown instance inside this
one, as mkdocstrings makes, converted them first) gets no second copy. Under the MkDocs
plugin, which serves ``assets/portfolio/portfolio.css`` and ``.js``, nothing is added.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import TYPE_CHECKING

from markdown.treeprocessors import Treeprocessor

from .. import blocktypes
from ..blockstyles import variant_css
from ..bundle import GALLERY, bundle
from .engine import zensical_variant

if TYPE_CHECKING:
    from markdown import Markdown

_ENDS_STYLE = re.compile(r"</(?=style)", re.I)
_ENDS_SCRIPT = re.compile(r"</(?=script)", re.I)
"""What would end the element early (``</svg>`` in a data URL does not); in a CSS or JS
string ``<\\/`` is the same text."""

MARKER = "data-pf-assets"
"""The attribute our ``<style>`` and ``<script>`` carry: how a page's copy is found."""

LEFT_OUT = frozenset({"overview.css", "page-info.css", "diagrams.js"}) | GALLERY
"""Sources only the plugin's pages use: the overview, the reading time under a title, the
stand-in that loads the Mermaid the plugin serves (elsewhere the theme's Mermaid), and a
portfolio's gallery."""


def inline_assets(variant: str = "") -> str:
    """The ``<style>`` and ``<script>`` appended to a page, the CSS fitted to a ``variant``
    of Zensical's theme (``modern`` or ``classic``; ``""``: Material's look)."""
    css = bundle(".css", LEFT_OUT) + variant_css(blocktypes.BLOCK_TYPES.values(), variant)
    css = _ENDS_STYLE.sub(r"<\\/", css)
    js = _ENDS_SCRIPT.sub(r"<\\/", bundle(".js", LEFT_OUT))
    return f"<style {MARKER}>{css}</style>\n<script {MARKER}>{js}</script>"


class AssetsTreeprocessor(Treeprocessor):
    """Ends the page with :func:`inline_assets`, unless the page holds them already.

    A treeprocessor, not a postprocessor: Python-Markdown runs the postprocessors on
    fragments too (``toc`` on each heading's text, the plugin on a block it copies),
    and a tree is only ever the whole page. The HTML goes through the stash, as raw HTML
    does, so no other treeprocessor sees into it."""

    def run(self, root: etree.Element) -> None:
        if any(f"<style {MARKER}>" in str(raw) for raw in self.md.htmlStash.rawHtmlBlocks):
            return
        html = inline_assets(zensical_variant())
        etree.SubElement(root, "p").text = self.md.htmlStash.store(html)


def install(md: Markdown) -> None:
    """Register the treeprocessor last, after every other one changed the page."""
    md.treeprocessors.register(AssetsTreeprocessor(md), "portfolio_assets", -100)
