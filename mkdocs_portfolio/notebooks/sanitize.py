"""HTML from a notebook's outputs, kept to what a table of results needs.

A ``text/html`` output was made by code (``DataFrame._repr_html_()``, a Styler, a
library's report) and may hold anything: ``<script>``, ``onclick=``, a ``<style>`` that
restyles the whole page. It is read with the standard library's parser and written
again with only the elements and attributes of :data:`ELEMENTS` and
:data:`ATTRIBUTES`, every value escaped: no script, event handler, style or URL
survives. Classes go too, so that Material styles the tables as its own
(``table:not([class])``). A Markdown cell keeps its raw HTML, as a Markdown page does,
except tags that could run code (:func:`defuse_markdown`), which Jupyter does not run
either.
"""

from __future__ import annotations

import html as htmllib
import re
from html.parser import HTMLParser

from ..markdown.safe import unsafe_html

ELEMENTS = frozenset({
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col",
    "div", "span", "p", "br", "hr", "b", "i", "em", "strong", "code", "pre", "sub", "sup",
    "small", "ul", "ol", "li", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "abbr", "kbd", "samp", "var", "del", "ins", "s", "u", "mark",
})
"""Elements kept; any other is dropped (its text kept, except in :data:`DROPPED`)."""
DROPPED = frozenset({"script", "style", "template", "noscript", "textarea", "iframe",
                     "object", "embed", "svg", "math", "title", "head", "select"})
"""Elements left out with everything inside them."""
ATTRIBUTES = frozenset({"colspan", "rowspan", "align", "valign", "title", "scope", "span"})
VOID = frozenset({"br", "hr", "col"})


class _Cleaner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.open: list[str] = []
        self.dropping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.dropping:
            if tag == self.dropping[0]:
                self.dropping.append(tag)
            return
        if tag in DROPPED:
            self.dropping.append(tag)
            return
        if tag not in ELEMENTS:
            return
        kept = "".join(f' {name}="{htmllib.escape(value or "")}"' for name, value in attrs
                       if name in ATTRIBUTES)
        self.out.append(f"<{tag}{kept}>")
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.open and self.open[-1] == tag and not self.dropping:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.dropping:
            if tag == self.dropping[0]:
                self.dropping.pop()
            return
        if tag not in self.open:
            return
        while self.open:
            last = self.open.pop()
            self.out.append(f"</{last}>")
            if last == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self.out.append(htmllib.escape(data, quote=False))

    def result(self) -> str:
        self.close()
        return "".join(self.out) + "".join(f"</{tag}>" for tag in reversed(self.open))


def clean_html(html: str) -> str:
    """``html`` with only harmless markup left (see the module docstring)."""
    cleaner = _Cleaner()
    cleaner.feed(html)
    return cleaner.result()


_CODE = re.compile(r"(`{3,}|~{3,})[\s\S]*?(?:\n[ \t]*\1|\Z)|(`+)(?!`)[\s\S]*?(?<!`)\2(?!`)")
"""Fenced code and code spans of Markdown: their ``<`` is text already."""
_TAG = re.compile(r"<[A-Za-z!/?][^>]*>?")


def defuse_markdown(text: str) -> tuple[str, int]:
    """A Markdown cell with each raw HTML tag that could run code or load a hostile URL
    shown as text (as Jupyter shows such a cell), and how many there were."""
    if "<" not in text:
        return text, 0
    count = 0

    def tag(match: re.Match[str]) -> str:
        nonlocal count
        if not unsafe_html(match[0]):
            return match[0]
        count += 1
        return "&lt;" + match[0][1:]

    parts: list[str] = []
    last = 0
    for code in _CODE.finditer(text):
        parts.append(_TAG.sub(tag, text[last:code.start()]))
        parts.append(code[0])
        last = code.end()
    parts.append(_TAG.sub(tag, text[last:]))
    return "".join(parts), count
