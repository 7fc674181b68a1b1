"""The search plugin's view of a page: highlighted code as the text it would index.

Material's search plugin parses every page's HTML in Python (``html.parser``), and on a
page with code most of that is the highlighter's markup: a highlighted line is a dozen
``<span>`` tags. Of a code block it keeps only the text (the ``pre`` and ``code`` tags
and, inside ``pre``, every piece of text whole, whitespace too). So the plugin hands the
search plugin, and it alone, the page with each such block's markup taken out of its
code, and puts the page back right after: the index is the same to the byte
(``tests/test_search_view.py`` compares whole sites), and indexing a page of
highlighted code costs a seventh of what it did.

A block is shown as text only when that is certain to change nothing: ``<pre>``, an
optional empty ``<span></span>``, ``<code>``, then only text, ``<span>`` and ``<a>``
tags and comments up to ``</code></pre>``. Anything else (a tag the search keeps or
skips, an attribute that excludes from search, a stray ``<``) leaves the block as it is.
"""

from __future__ import annotations

import html as htmllib
import re
from collections.abc import Callable
from typing import Any

OPEN = re.compile(r"<pre\b[^>]*>(?:<span></span>)?<code\b[^>]*>")
CLOSE = "</code></pre>"
_ATTRS = r"""(?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*"""
MARKUP = re.compile(rf"<(?:/?(?:span|a){_ATTRS}|!--.*?--)>", re.S)
"""The tags a block's code may hold to be shown as text (the highlighter's)."""
UNSAFE = ("data-search-exclude", "linenodiv")
"""Attributes that make the search plugin skip what they hold."""
SEARCH_MODULE = "material.plugins.search"


def code_as_text(html: str) -> str:
    """``html`` with the markup inside its highlighted code blocks taken out (``html``
    itself when there is none)."""
    pieces: list[str] = []
    done = 0
    match = OPEN.search(html)
    while match is not None:
        end = html.find(CLOSE, match.end())
        if end < 0:
            break
        code = html[match.end():end]
        text = _as_text(code) if "<" in code else None
        if text is not None:
            pieces += (html[done:match.end()], text)
            done = end
        match = OPEN.search(html, end)
    if not pieces:
        return html
    pieces.append(html[done:])
    return "".join(pieces)


def _as_text(code: str) -> str | None:
    """The escaped text of ``code`` as the search plugin reads it, or ``None``."""
    if any(word in code for word in UNSAFE):
        return None
    texts = MARKUP.split(code)
    if any("<" in text for text in texts):
        return None
    # html.parser unescapes each piece of text between two tags on its own.
    return htmllib.escape("".join(htmllib.unescape(text) for text in texts), quote=False)


def wrap_search(plugins: Any) -> bool:
    """Give Material's search plugin, among ``plugins`` (MkDocs' plugin collection), the
    page with its code as text. ``False`` when there is no such plugin to wrap."""
    events = getattr(plugins, "events", None)
    if not isinstance(events, dict):
        return False
    methods = events.get("page_context") or []
    for i, method in enumerate(methods):
        if getattr(method, "_portfolio_view", False):
            return True
        owner = getattr(method, "__self__", None)
        if owner is not None and type(owner).__module__.startswith(SEARCH_MODULE):
            methods[i] = wrapped = _indexing_text(method)
            origins = getattr(plugins, "_event_origins", None)
            if isinstance(origins, dict) and method in origins:
                origins[wrapped] = origins[method]
            return True
    return False


def _indexing_text(method: Callable[..., Any]) -> Callable[..., Any]:
    def on_page_context(context: Any, *, page: Any, **kwargs: Any) -> Any:
        shown = page.content
        view = code_as_text(shown) if isinstance(shown, str) else shown
        if view is shown:
            return method(context, page=page, **kwargs)
        page.content = view
        try:
            return method(context, page=page, **kwargs)
        finally:
            if page.content is view:
                page.content = shown

    on_page_context._portfolio_view = True  # type: ignore[attr-defined]
    return on_page_context
