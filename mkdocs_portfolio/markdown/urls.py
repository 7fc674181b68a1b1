"""The one URL check: every link or media URL the plugin emits or keeps goes through it.

A browser does not read a URL as it is written. In an HTML attribute, character
references are decoded first (``&#106;avascript:`` is ``javascript:``, and so is
``javascript&colon;``); then the URL parser (WHATWG) strips leading and trailing
C0 controls and spaces, removes every tab and newline (``jav&#x09;ascript:`` and
``java\\nscript:`` are ``javascript:``), and, for ``http(s)`` pages, reads a
backslash as a slash (``\\\\host\\x`` is ``//host/x``, another host). These
functions look at a URL the way the browser will, at every level of decoding
(Python-Markdown keeps ``&#106;`` as written, so a value may be decoded once more
by the browser), and allow only what cannot run code.

Pure functions of a string: no MkDocs, no I/O.
"""

from __future__ import annotations

import functools
import html
import posixpath
import re
from collections.abc import Iterator

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
"""The schemes a link may use; a relative URL (no scheme) is allowed too."""

WEB_SCHEMES = frozenset({"http", "https"})

_EDGES = "".join(chr(c) for c in range(0x21))
"""C0 controls and space: stripped from both ends by the URL parser."""
_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_AUTHORITY = re.compile(r"^//([^/?#]+)")
_MAX_LEVELS = 8


def browser_view(url: str) -> str:
    """``url`` as the browser's URL parser gets it: edges stripped, tabs and newlines gone."""
    return _TAB_OR_NEWLINE.sub("", url.strip(_EDGES))


def _levels(url: str) -> Iterator[str]:
    """``url`` as written, then decoded once, twice, ... until nothing changes."""
    for _ in range(_MAX_LEVELS):
        yield browser_view(url)
        decoded = html.unescape(url)
        if decoded == url:
            return
        url = decoded
    yield browser_view(url)


def _schemes(url: str) -> list[str]:
    return [m[1].lower() if (m := _SCHEME.match(level)) else "" for level in _levels(url)]


def scheme(url: str) -> str:
    """The scheme a browser reads in ``url`` (lower case), ``""`` for a relative URL.

    Where decoding the entities gives a scheme (``&#106;avascript:``), that one: it is
    the one to name in a message.
    """
    found = [s for s in _schemes(url) if s]
    return found[-1] if found else ""


def safe_url(url: str) -> bool:
    """Whether a link to ``url`` runs no code: ``http``, ``https``, ``mailto`` or relative.

    ``javascript:``, ``data:``, ``vbscript:`` and every other scheme are refused, however
    they are spelled (entities, tabs, newlines, controls, upper case).
    """
    return set(_schemes(url)) <= SAFE_SCHEMES | {""}


def web_url(url: str) -> bool:
    """Whether ``url`` is an absolute ``http(s)`` URL with a host, and nothing else.

    For the URLs a demo embeds, the repository the source links point at and the
    overview's buttons. White space and control characters are refused, not repaired
    (a browser would drop some of them); quotes and angle brackets are left to the
    escaping of the place that writes the URL.
    """
    if any(c.isspace() or ord(c) < 0x20 or ord(c) == 0x7F for c in url):
        return False
    for level in _levels(url):
        match = _SCHEME.match(level)
        if not match or match[1].lower() not in WEB_SCHEMES:
            return False
        authority = _AUTHORITY.match(level[match.end():].replace("\\", "/"))
        if not authority or not authority[1].rsplit("@", 1)[-1].strip(":"):
            return False
    return True


def is_local(path: str) -> bool:
    """Whether ``path`` names a file of this site: no scheme and no host.

    ``//host/x``, ``\\\\host\\x`` and ``/\\host/x`` are another host to a browser (a
    backslash is a slash in an http(s) page), so they are not local.
    """
    for level in _levels(path):
        if _SCHEME.match(level) or level.replace("\\", "/").startswith("//"):
            return False
    return True


@functools.cache
def _parts(path: str) -> tuple[str, ...]:
    """A slash-separated path, normalised (``..`` goes up, never above the root)."""
    if not path.startswith("/"):
        path = "/" + path
    path = posixpath.normpath(path)[1:]
    return tuple(path.split("/")) if path else ()


def relative_url(target: str, from_url: str) -> str:
    """``target`` (a site URL such as ``File.url``) as seen from the page at ``from_url``.

    The same results as MkDocs' ``mkdocs.utils.get_relative_url`` (whose logic this
    is, so that the overview needs no MkDocs): both are slash-separated paths, the
    last part of ``from_url`` is dropped when it holds a dot (a file), and a
    trailing slash of ``target`` is kept."""
    if target in ("", "."):
        target = "./"
    folder, _, name = from_url.rpartition("/")
    if "." in name:
        from_url = folder
    here, there = _parts(from_url), _parts(target)
    common = 0
    for a, b in zip(here, there, strict=False):
        if a != b:
            break
        common += 1
    rel = "/".join([".."] * (len(here) - common) + list(there[common:])) or "."
    return rel + "/" if target.endswith("/") else rel
