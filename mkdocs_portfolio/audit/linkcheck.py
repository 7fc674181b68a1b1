"""Internal links to missing pages or anchors, where MkDocs does not warn already.

MkDocs resolves links written to ``.md`` files, and warns when the file is
missing; it reports a missing anchor (``page.md#no-such``) and a link written as
a URL (``../results/``) only as an info line by default, which ``--strict``
does not count. This check resolves every relative link of a page against the
built site and reports what MkDocs lets through.
"""

from __future__ import annotations

import logging
import posixpath
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


@dataclass(frozen=True)
class BrokenLink:
    """A link whose page or anchor does not exist."""

    href: str
    problem: str


@dataclass
class SiteIndex:
    """What a link may land on: pages by URL, their ids, and the built site."""

    pages: Mapping[str, str]
    """URL of each page (``''`` for the home page) -> its source path."""
    ids: Callable[[str], frozenset[str] | None]
    """Ids of a page by source path, ``None`` when not known."""
    site_dir: Path
    report_missing_md: bool
    """MkDocs' ``validation.links.not_found`` is below warning: report ``.md`` links."""
    report_anchors: bool
    """MkDocs' ``validation.anchors`` is below warning: report missing anchors."""
    looked_up: list[tuple[str, frozenset[str] | None]] | None = field(default=None)
    """While a list: every ``(page, ids)`` read through :meth:`ids_of` is added to it."""
    read_built: bool = False
    """Whether :meth:`built` looked into the built site (set back by the caller)."""

    def ids_of(self, src_uri: str) -> frozenset[str] | None:
        """The ids of a page, recorded in :attr:`looked_up`."""
        ids = self.ids(src_uri)
        if self.looked_up is not None:
            self.looked_up.append((src_uri, ids))
        return ids

    def built(self, path: str) -> Path | None:
        """The file of the built site that ``path`` (a URL path) serves, if any."""
        self.read_built = True
        for candidate in (path, posixpath.join(path, "index.html")):
            file = self.site_dir / candidate
            if candidate and file.is_file():
                return file
        return None

    def page_of(self, path: str) -> str | None:
        for candidate in (path, path + "/" if path else path,
                          path[: -len("index.html")] if path.endswith("index.html") else None):
            if candidate is not None and candidate in self.pages:
                return self.pages[candidate]
        return None

    def has_anchor(self, src_uri: str | None, path: str, anchor: str) -> bool:
        ids = self.ids_of(src_uri) if src_uri else None
        if ids is not None and anchor in ids:
            return True
        # Ids the facts cannot know (raw HTML, other plugins): look in the built page.
        built = self.built(path)
        if built is None:
            return ids is None
        html = built.read_text(encoding="utf-8", errors="replace")
        return f'id="{anchor}"' in html or f"id='{anchor}'" in html or \
            f'name="{anchor}"' in html


def levels_from(config: object) -> tuple[bool, bool]:
    """``(report_missing_md, report_anchors)`` from MkDocs' ``validation`` config."""
    validation = getattr(config, "validation", None)
    links = getattr(validation, "links", None)
    not_found = getattr(links, "not_found", logging.WARNING)
    anchors = getattr(links, "anchors", logging.INFO)
    return not_found < logging.WARNING, anchors < logging.WARNING


def broken_links(links: list[str], page_url: str, src_uri: str,
                 index: SiteIndex) -> Iterator[BrokenLink]:
    """The broken internal links among ``links`` of one page, each once."""
    seen: set[str] = set()
    base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url)
    for href in links:
        if href in seen or SCHEME.match(href) or href.startswith(("//", "/")):
            continue
        seen.add(href)
        parts = urlsplit(href)
        anchor = unquote(parts.fragment)
        if not parts.path:
            if anchor and index.report_anchors and not index.has_anchor(src_uri, page_url, anchor):
                yield BrokenLink(href, f"there is no anchor '#{anchor}' on this page")
            continue
        if parts.path.endswith(".md"):  # MkDocs rewrote every .md link that it found
            if index.report_missing_md:
                yield BrokenLink(href, f"there is no page '{parts.path}'")
            continue
        path = posixpath.normpath(posixpath.join(base, unquote(parts.path)))
        if path.startswith(".."):
            yield BrokenLink(href, "it points outside the site")
            continue
        path = "" if path == "." else path
        if parts.path.endswith("/") and path:
            path += "/"
        target = index.page_of(path)
        if target is None and index.built(path) is None:
            yield BrokenLink(href, f"nothing in the site is at '{path or '/'}'")
            continue
        if anchor and index.report_anchors and not index.has_anchor(target, path, anchor):
            yield BrokenLink(href, f"'{path or '/'}' has no anchor '#{anchor}'")
