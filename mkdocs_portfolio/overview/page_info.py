"""Reading time and summary (TL;DR) at the top of every page.

Rendered from ``portfolio/page-info.html`` (overridable from a ``custom_dir``)
and put right after the page's first heading, so that it reads as a subtitle.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from jinja2 import Environment

from ..config import PageInfoConfig
from ..lazydata import dataclass
from ..markdown.facts import PageFacts
from .summary import description_html, excerpt_html, reading_minutes, summarize

TEMPLATE = "portfolio/page-info.html"

_OWN_TLDR = re.compile(
    # a paragraph, heading, list item or block title that starts with "TL;DR" ...
    r"<(?:p|h[1-6]|li|summary|dt)\b[^>]*>\s*(?:<(?:strong|b|em|i|span|mark)\b[^>]*>\s*)*"
    r"TL\s*[;:/.]?\s*DR\b"
    # ... or an abstract / summary / tldr admonition (Material's names for one)
    r"|<(?:div|details)\s[^>]*?class=\"(?:[^\"]*\s)?(?:abstract|summary|tldr)(?:\s[^\"]*)?\"",
    re.IGNORECASE,
)
"""The author's own TL;DR, in the HTML of a page."""


@dataclass
class PageInfo:
    """What the page-info partial shows."""

    minutes: int = 0
    """Reading time; 0 when it is not shown."""
    words: int = 0
    summary: str = ""
    """The TL;DR, as HTML (escaped text, inline code as ``<code>``); empty when it is not
    shown."""


def page_info(meta: Mapping[str, Any], facts: PageFacts, options: PageInfoConfig) -> PageInfo:
    """The reading time and summary of one page, as the options ask."""
    info = PageInfo(words=facts.words)
    if options.reading_time:
        info.minutes = reading_minutes(facts.words, options.words_per_minute)
    if options.summary:
        description = description_html(meta)
        if description is not None:
            info.summary = description
        elif options.summary_fallback:
            info.summary = excerpt_html(summarize(facts.first_paragraph))
    return info


def has_own_tldr(html: str) -> bool:
    """Whether the top of a page (up to its first ``<h2>``, that heading included) holds
    the author's own TL;DR: a paragraph, heading or list item that starts with "TL;DR"
    (or "TLDR"), or an ``abstract``, ``summary`` or ``tldr`` admonition."""
    end = html.find("<h2")
    if end >= 0:
        end = html.find("</h2>", end)
    return _OWN_TLDR.search(html, 0, end if end >= 0 else len(html)) is not None


def insert(html: str, env: Environment, info: PageInfo, context: dict[str, Any]) -> str:
    """``html`` with the page info after its first ``<h1>`` (or at its start); without
    our TL;DR when the page has its own."""
    if info.summary and has_own_tldr(html):
        info = replace(info, summary="")
    if not (info.minutes or info.summary):
        return html
    block = env.get_template(TEMPLATE).render(dict(context, info=info))
    end = html.find("</h1>")
    if end < 0:
        return block + html
    end += len("</h1>")
    return html[:end] + block + html[end:]
