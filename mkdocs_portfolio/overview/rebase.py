"""Relative links, and moving a page's HTML fragment to another page's URL.

A block's HTML is made on its own page, so its relative links (``../data/``,
``img.png``, ``#x``) point from there. Shown on the overview, they must point
from the overview's URL instead: :func:`rebase_html` rewrites them. The
fragments are small (one block), so a regular expression over the serialised
attributes (Python-Markdown always writes ``name="value"``) is enough.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urljoin, urlsplit

from ..markdown.urls import relative_url

URL_ATTRS = ("href", "src", "poster", "data-src", "data-poster", "data-href")
"""Attributes that hold one URL."""

_ATTR_RE = re.compile(
    r"(?P<pre>\s(?:" + "|".join(re.escape(a) for a in URL_ATTRS) + r')=")(?P<url>[^"]*)(?P<post>")'
)
_SRCSET_RE = re.compile(r'(?P<pre>\ssrcset=")(?P<url>[^"]*)(?P<post>")')
_SCHEME_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_SITE = "http://site.invalid/"


def is_relative(url: str) -> bool:
    """A link inside the site, written relative to its page (``#x`` included)."""
    return bool(url) and not _SCHEME_RE.match(url) and not url.startswith("/")


def rebase_url(url: str, page_url: str, new_url: str) -> str:
    """A URL written on the page at ``page_url``, rewritten for the page at ``new_url``."""
    if not is_relative(url):
        return url
    if url.startswith("#"):
        if page_url == new_url:
            return url
        return relative_url(page_url, new_url) + url
    absolute = urlsplit(urljoin(_SITE + (page_url if page_url != "./" else ""), url))
    path = absolute.path.lstrip("/") or "./"
    rebased = relative_url(path, new_url)
    if absolute.query:
        rebased += "?" + absolute.query
    if absolute.fragment:
        rebased += "#" + absolute.fragment
    return rebased


def rebase_html(fragment: str, page_url: str, new_url: str) -> str:
    """Rewrite the relative links of an HTML fragment made for ``page_url``."""
    if page_url == new_url:
        return fragment

    def one(match: re.Match[str]) -> str:
        url = html.unescape(match["url"])
        new = rebase_url(url, page_url, new_url)
        if new == url:
            return match[0]
        return match["pre"] + html.escape(new, quote=True) + match["post"]

    def srcset(match: re.Match[str]) -> str:
        parts = []
        for candidate in html.unescape(match["url"]).split(","):
            bits = candidate.strip().split(None, 1)
            if bits:
                bits[0] = rebase_url(bits[0], page_url, new_url)
            parts.append(" ".join(bits))
        return match["pre"] + html.escape(", ".join(parts), quote=True) + match["post"]

    return _SRCSET_RE.sub(srcset, _ATTR_RE.sub(one, fragment))
