"""Paths in raw HTML, made to work as the author wrote them.

A GitHub README writes ``<img src="images/arch.png">`` relative to the Markdown file,
as GitHub (and MkDocs, for Markdown images and links) reads it. MkDocs rewrites the
paths of Markdown images and links to be relative to the page's URL (with
``use_directory_urls`` the page ``evaluation.md`` is built at ``evaluation/``), but it
leaves raw HTML as written: the image would load ``evaluation/images/arch.png``.
:class:`RawPaths` does for raw HTML what MkDocs does for Markdown: a relative path
whose file-relative target is a file of the site becomes a URL relative to the page's
URL. Any other path is kept as written (an author who wrote ``../images/arch.png`` for
the built URL keeps it: from the file, it points outside the docs), and so are URLs
with a scheme or a host, ``/``-rooted paths, fragments and ``data:``.

Only the attribute's value is changed, in the stashed HTML string: the HTML is not
parsed and written again. No MkDocs import: the plugin gives the page's URL and the
site's files; without a page URL (another engine) nothing is rewritten.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable, Mapping, MutableSequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote, urlsplit

from .fences import around_code
from .urls import is_local, relative_url, scheme

if TYPE_CHECKING:
    from . import PortfolioExtension

PATH_TAG_RE = re.compile(
    r"""<(img|source|video|audio|track|a\b(?=[^>]*?href\s*=\s*(?:["'](?!#)|[^\s"'#>])))\b[^>]*>""",
    re.IGNORECASE)
"""The raw tags whose paths are rewritten (a cheap test first: most pieces have none).
An ``<a>`` is one only when one of its ``href`` values may not be a fragment: the line
anchors of highlighted code (``anchor_linenums``, tens of thousands in a large site)
are ``<a href="#__codelineno-0-1">``, which no rewrite would change."""
ATTRIBUTES: Mapping[str, frozenset[str]] = {
    "img": frozenset({"src", "srcset"}),
    "source": frozenset({"src", "srcset"}),
    "video": frozenset({"src", "poster"}),
    "audio": frozenset({"src"}),
    "track": frozenset({"src"}),
    "a": frozenset({"href"}),
}
"""The attributes of each tag that hold a path."""
ATTR_RE = re.compile(
    r"""(?<=[\s"'/])(src|srcset|poster|href)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""",
    re.IGNORECASE)
_SRCSET_URL = re.compile(r"[^\s,][^\s]*")


class RawPaths:
    """Rewrites the paths of raw HTML on one page (see the module's docstring)."""

    def __init__(self, page: str, page_url: str, url_of: Callable[[str], str | None]) -> None:
        self.page = page
        """The page's source path (``guide/deep.md``)."""
        self.page_url = page_url
        """The page's URL in the site (``guide/deep/``, ``guide/deep.html``)."""
        self.url_of = url_of
        """The URL of a file of the site by its source path, ``None`` when none."""
        self.done: dict[str, str] = {}

    def url(self, written: str) -> str:
        """The path for the browser of a path as the author wrote it (not escaped)."""
        if written not in self.done:
            self.done[written] = self._url(written)
        return self.done[written]

    def _url(self, written: str) -> str:
        value = written.strip()
        if not value or value.startswith(("/", "\\", "#", "?")) or scheme(value) \
                or not is_local(value):
            return written
        parts = urlsplit(value)
        if parts.scheme or parts.netloc or not parts.path:
            return written
        target = posixpath.normpath(posixpath.join(posixpath.dirname(self.page),
                                                   unquote(parts.path)))
        if target in (".", "..") or target.startswith("../"):
            return written  # outside the docs from the file: written for the URL, maybe
        url = self.url_of(target)
        if url is None:
            return written
        new = relative_url(url, self.page_url)
        if parts.query:
            new += "?" + parts.query
        if parts.fragment:
            new += "#" + parts.fragment
        return new

    def srcset(self, written: str) -> str:
        """A ``srcset`` with each candidate's URL rewritten (its descriptors kept)."""
        return _SRCSET_URL.sub(lambda m: self._candidate(m[0]), written)

    def _candidate(self, token: str) -> str:
        if "," in token and not token.endswith(","):
            return token  # a descriptor list or a data: URL: not a path
        url = token.rstrip(",")
        return self.url(url) + token[len(url):] if url and not _descriptor(url) else token

    def rewrite(self, raw: str) -> str:
        """``raw`` with the paths of its media and links rewritten, the rest as it was."""
        if not PATH_TAG_RE.search(raw):
            return raw
        return PATH_TAG_RE.sub(self._tag, raw)

    def _tag(self, match: re.Match[str]) -> str:
        names = ATTRIBUTES[match[1].lower()]
        text = match[0]

        def attribute(attr: re.Match[str]) -> str:
            name = attr[1].lower()
            if name not in names:
                return attr[0]
            group = next(g for g in (2, 3, 4) if attr[g] is not None)
            value = html.unescape(attr[group])
            new = self.srcset(value) if name == "srcset" else self.url(value)
            if new == value:
                return attr[0]
            start, end = attr.start(group) - attr.start(), attr.end(group) - attr.start()
            return attr[0][:start] + html.escape(new, quote=True) + attr[0][end:]

        return ATTR_RE.sub(attribute, text)

    def rewrite_stash(self, stash: MutableSequence[Any],
                      highlighted: Mapping[int, tuple[str, str]] | None = None) -> None:
        """Rewrite every raw HTML piece of a page's stash, in place; of a fence of
        ``highlighted``, only the HTML around its code (:func:`.fences.around_code`)."""
        for i, raw in enumerate(stash):
            if isinstance(raw, str) and "<" in raw:
                parts = around_code(raw, highlighted)
                if parts is None:
                    new = self.rewrite(raw)
                else:
                    head, tail = parts
                    new_head, new_tail = self.rewrite(head), self.rewrite(tail)
                    new = raw if new_head == head and new_tail == tail else \
                        new_head + raw[len(head):len(raw) - len(tail)] + new_tail
                if new != raw:
                    stash[i] = new


def _descriptor(token: str) -> bool:
    """A ``srcset`` descriptor (``2x``, ``480w``), not a URL."""
    return bool(re.fullmatch(r"\d+(?:\.\d+)?[wxh]", token))


def raw_paths(ext: PortfolioExtension) -> RawPaths | None:
    """The rewriter of the page being converted, ``None`` when its URL is not known
    (Python-Markdown without the plugin, another engine)."""
    page_url = str(ext.getConfig("page_url") or "")
    page = str(ext.getConfig("page") or "")
    if not page_url or not page:
        return None
    files = ext.site_files
    if files is not None:
        return RawPaths(page, page_url, files.get)
    docs_dir = str(ext.getConfig("docs_dir") or "")
    if not docs_dir:
        return None
    return RawPaths(page, page_url, lambda target: _docs_file(docs_dir, target))


def _docs_file(docs_dir: str, target: str) -> str | None:
    """``target``'s URL when it is a file under ``docs_dir`` (no site files given)."""
    if "\0" in target or target.endswith(".md"):
        return None
    try:
        return quote(target) if (Path(docs_dir) / target).is_file() else None
    except (OSError, ValueError):
        return None
