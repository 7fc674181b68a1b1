"""A page's link preview as ``<meta>`` tags (no MkDocs).

A previewer (Slack, LinkedIn, a messenger) reads Open Graph's ``og:*`` properties, or
Twitter's ``twitter:*`` names, from the page's ``<head>``. URLs are absolute: a
previewer fetches the image on its own, from no page. Every value is escaped.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urljoin

from ..lazydata import dataclass
from ..markdown.urls import is_local, web_url
from ..markdown.util import clean_text

DESCRIPTION_CHARS = 200
"""Longest description; previewers cut at about this length anyway."""
_TAG = re.compile(r"<[^>]*>")
_OWN_TAGS = re.compile(r"""<meta\s[^>]*(?:property|name)\s*=\s*["']?(?:og|twitter):""",
                       re.IGNORECASE)


@dataclass(frozen=True)
class Image:
    """A preview image: its absolute URL, its alt text and, when known, its size."""

    url: str
    alt: str = ""
    width: int = 0
    height: int = 0


@dataclass(frozen=True)
class Preview:
    """What a link to one page previews as."""

    title: str
    description: str = ""
    site_name: str = ""
    url: str = ""
    """The page's canonical URL (absolute), or empty without ``site_url``."""
    image: Image | None = None
    kind: str = "article"
    """``website`` for the home page and the overview, ``article`` for the others."""


def text_of(fragment: str, limit: int = DESCRIPTION_CHARS) -> str:
    """An HTML fragment (a summary, a tagline) as one line of text, cut at a word."""
    text = clean_text(html.unescape(_TAG.sub(" ", fragment)))
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.-\u2013\u2014 ")
    return f"{cut}…"


def absolute(url: str, page_url: str) -> str:
    """``url`` (written on the page whose absolute URL is ``page_url``) as an absolute
    http(s) URL, or empty when there is none to make."""
    if web_url(url):
        return url
    if not page_url or not is_local(url):  # another host (//x, \\x), or another scheme
        return ""
    joined = urljoin(page_url, url)
    return joined if web_url(joined) else ""


def tags(preview: Preview) -> str:
    """The ``<meta>`` tags of ``preview``, one per line, every value escaped."""
    pairs: list[tuple[str, str, str]] = [
        ("property", "og:type", preview.kind),
        ("property", "og:title", preview.title),
        ("property", "og:description", preview.description),
        ("property", "og:site_name", preview.site_name),
        ("property", "og:url", preview.url),
    ]
    image = preview.image
    if image is not None:
        pairs += [("property", "og:image", image.url),
                  ("property", "og:image:alt", image.alt)]
        if image.width and image.height:
            pairs += [("property", "og:image:width", str(image.width)),
                      ("property", "og:image:height", str(image.height))]
    pairs += [
        ("name", "twitter:card", "summary_large_image" if image is not None else "summary"),
        ("name", "twitter:title", preview.title),
        ("name", "twitter:description", preview.description),
    ]
    if image is not None:
        pairs += [("name", "twitter:image", image.url),
                  ("name", "twitter:image:alt", image.alt)]
    return "".join(
        f'<meta {attr}="{key}" content="{html.escape(clean_text(value), quote=True)}">\n'
        for attr, key, value in pairs if clean_text(value))


def has_own_tags(head: str) -> bool:
    """Whether a page's ``<head>`` already has Open Graph or Twitter tags (a theme
    override's, another plugin's)."""
    return _OWN_TAGS.search(head) is not None


def insert(page_html: str, tag_text: str) -> str | None:
    """``page_html`` with ``tag_text`` at the end of its ``<head>``; ``None`` when the page
    has no ``</head>`` or already has tags of its own."""
    end = page_html.find("</head>")
    if end < 0 or has_own_tags(page_html[:end]):
        return None
    return f"{page_html[:end]}{tag_text}{page_html[end:]}"
