"""Block titles may format, not script.

A block's title is copied into the overview, the audit report and the anchor id,
so a hostile string there (``<script>``, ``"><svg onload=...>``, a ``javascript:``
link) must never reach the HTML live. Raw HTML in a title that could run code is
shown as text; links and images in a title keep only safe URLs (:func:`.urls.safe_url`,
which reads them as a browser does: ``&#106;avascript:`` is ``javascript:``). Harmless
markup (emphasis, code, Material's emoji SVGs) is kept.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Sequence
from html.parser import HTMLParser
from typing import Any

from .urls import safe_url
from .util import AMP_RE, STASH_RE, raw_html, stashed

DANGEROUS_TAGS = frozenset({
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "base",
    "form", "input", "button", "textarea", "select", "meta", "link", "template", "portal",
    "noscript", "xmp", "plaintext", "noembed", "noframes", "set", "animate", "handler",
})
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "data",
                            "poster", "background", "srcset", "ping", "dynsrc", "lowsrc"})


class _Inspector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.unsafe = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DANGEROUS_TAGS:
            self.unsafe = True
        for name, value in attrs:
            value = value or ""
            if (name.startswith("on") or name == "srcdoc"
                    or (name in URL_ATTRIBUTES and not all(safe_url(v) for v in value.split(",")))
                    or (name == "style" and re.search(r"url\s*\(|expression\s*\(", value, re.I))):
                self.unsafe = True

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in DANGEROUS_TAGS:
            self.unsafe = True


LOADED_ATTRIBUTES = ("src", "srcset", "poster", "data", "background", "style")
"""Attributes whose URLs a browser fetches as the page loads, on any element."""
_LOADED_HREF_TAGS = frozenset({"link", "image", "use", "feimage", "base"})
"""Elements whose ``href`` (or ``xlink:href``) is fetched as the page loads (``<base>``:
every relative URL of the page, its scripts included, then comes from there)."""
_CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)", re.S)
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")\s]*)""", re.I)
"""``url(`` and what follows, closed or not (a browser fetches an unclosed one too)."""
_CSS_STRING = re.compile(r"""(['"])(.*?)\1""", re.S)
"""Quoted strings: ``image-set('x.png' 1x)``, ``@import "x.css"``."""
_REFRESH_URL = re.compile(r"""^\s*[\d.]*\s*[;,]?\s*(?:url\s*=\s*)?['"]?([^'"\s]+)""", re.I)
_COMMENTS = re.compile(r"<!--(?:>|->)|<!--.*?(?:--!?>|$)|<![^>]*>?|<\?[^>]*>?", re.S)
"""Comments and declarations where a browser ends them: ``<!-->`` and ``<!--->`` at once,
``<![CDATA[`` and ``<?x`` at the first ``>``, a comment at ``-->`` or ``--!>``."""


def _css_unescape(css: str) -> str:
    def char(match: re.Match[str]) -> str:
        if match[1]:
            code = int(match[1], 16)
            return chr(code) if 0 < code < 0x110000 and not 0xD800 <= code < 0xE000 else ""
        return match[2]

    return _CSS_ESCAPE.sub(char, css) if "\\" in css else css


def css_urls(css: str) -> list[str]:
    """What a piece of CSS may fetch, as the browser reads it (escapes decoded):
    ``url(...)`` (closed or not) and every quoted string (``image-set()``,
    ``@import``); a string that is no URL is a relative path, which the caller keeps."""
    css = _css_unescape(css)
    return [m[2] for m in _CSS_URL.finditer(css) if m[2]] + \
        [m[2] for m in _CSS_STRING.finditer(css) if m[2]]


def urls_loaded_by(tag: str, name: str, value: str) -> list[str]:
    """The URLs that the attribute ``name`` of a ``tag`` makes the browser fetch at load."""
    if name in ("srcset", "imagesrcset"):
        return [part.split()[0] for part in value.split(",") if part.split()]
    if name == "style":
        return css_urls(value)
    if name == "srcdoc":  # a document of its own, loaded with the page
        return loaded_urls(value)
    if name in ("src", "poster", "data", "background") or (
            name in ("href", "xlink:href") and tag.lower() in _LOADED_HREF_TAGS):
        return [value]
    return []


class _Loads(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name, value in values.items():
            self.urls.extend(urls_loaded_by(tag, name, value))
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self.urls.extend(_REFRESH_URL.findall(values.get("content", "")))
        self.in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self.in_style = False

    def handle_data(self, data: str) -> None:
        if self.in_style:
            self.urls.extend(css_urls(data))


def loaded_urls(html: str) -> list[str]:
    """The URLs a fragment of raw HTML makes the browser fetch as the page loads
    (entities decoded, as the browser reads them): media, frames, objects, style sheets,
    SVG images, CSS ``url()``, a refresh."""
    parser = _Loads()
    parser.feed(_COMMENTS.sub(" ", html) if "<!" in html or "<?" in html else html)
    parser.close()
    return parser.urls


_DECLARATION = re.compile(r"<[!?]")
"""Comments, CDATA, doctypes, processing instructions: where a browser ends them is not
where Python's parser does (``<!-->`` and ``<![CDATA[`` end at the first ``>`` in HTML),
so what hides inside them could be live."""


def unsafe_html(html: str) -> bool:
    """Whether a fragment of raw HTML could run code or load a hostile URL."""
    if _DECLARATION.search(html):
        return True
    inspector = _Inspector()
    inspector.feed(html)
    leftover = inspector.rawdata  # a tag the parser could not finish: ``<svg onload=x``
    inspector.close()
    return inspector.unsafe or "<" in leftover


def _unstash(text: str | None, stash: Sequence[object]) -> str | None:
    if not text or "\x02" not in text:
        return text

    def replace(match: re.Match[str]) -> str:
        raw = stashed(match, stash)
        if isinstance(raw, str) and unsafe_html(raw):
            return raw  # as text: the serializer escapes it
        return match[0]

    return STASH_RE.sub(replace, text)


_ESCAPED_RE = re.compile("\x02(\\d+)\x03")


def as_written(text: str, md: Any) -> str:
    """``text`` of the element tree as the browser will get it: Python-Markdown's
    placeholders replaced by the raw HTML they stand for (an entity such as ``&#106;``),
    its backslash escapes by their character (``\\\\`` is ``\\``), its ``&`` by ``&``."""
    if "\x02" not in text:
        return text
    stash = raw_html(md)

    def replace(match: re.Match[str]) -> str:
        raw = stashed(match, stash)
        return raw if isinstance(raw, str) else match[0]

    text = STASH_RE.sub(replace, text)
    text = AMP_RE.sub(lambda m: "&" + (m[1] or ""), text)
    return _ESCAPED_RE.sub(lambda m: chr(int(m[1])), text)


def defuse_title(head: etree.Element, md: Any) -> None:
    """Make a block title harmless in place (see the module docstring)."""
    stash = raw_html(md)
    for node in head.iter():
        for name in list(node.attrib):
            value = node.get(name, "")
            if name.lower().startswith("on") or name.lower() == "srcdoc" or (
                name.lower() in URL_ATTRIBUTES and not safe_url(as_written(value, md))
            ):
                del node.attrib[name]
        if node.tag in ("a", "img") and node.get("href" if node.tag == "a" else "src") is None:
            node.set("href" if node.tag == "a" else "src", "")  # MkDocs' link pass needs one
        node.text = _unstash(node.text, stash)
        if node is not head:
            node.tail = _unstash(node.tail, stash)
