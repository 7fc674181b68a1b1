"""Internal links to missing pages, anchors or files, where MkDocs does not warn already.

MkDocs resolves every relative link against the documentation files. A link whose
target is not one of them it leaves as written and logs, at the level of
``validation.links.not_found`` (a warning by default) when the target has a file
extension (``train.py``, ``missing.md``), or of ``validation.links.unrecognized_links``
(an info line by default, which ``--strict`` does not count) when it has none
(``../results/``). A link to a file left out of the site (``exclude_docs``, a draft) it
rewrites and notes as an info line; a missing anchor it reports at
``validation.anchors`` (info by default). This check resolves every relative link of a
page against the built site and reports what MkDocs lets through, each occurrence once.

A broken link whose target is a file of the repository (outside the docs folder, or
left out of the site) gets one finding whose fix is the file's permalink on the forge
at the built commit; when MkDocs has warned about that link already, the finding is
an info line, so that one link is never warned about twice.
"""

from __future__ import annotations

import logging
import os
import posixpath
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..lazydata import dataclass
from ..markdown.paths import PathProblem, resolve_under
from ..markdown.repo import Repo, permalink

SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


@dataclass(frozen=True)
class RepoFile:
    """A file of the repository (or of the project folder, without git)."""

    path: str
    """Its path in the repository, as the forge names it."""
    url: str | None
    """Its permalink on the forge at the built commit (``None``: no forge, or not
    committed)."""
    committed: bool | None
    """Whether git has it (``None``: not a git checkout)."""


@dataclass(frozen=True)
class BrokenLink:
    """A link whose page, anchor or file does not exist in the site."""

    href: str
    """As built (MkDocs rewrites links to documentation files)."""
    written: str
    """As the author wrote it."""
    problem: str
    file: RepoFile | None = None
    """The file of the repository the link names, when there is one."""
    mkdocs_warned: bool = False
    """MkDocs logged a warning for this link already."""
    left_out: bool = False
    """The target is a documentation file left out of the site (``exclude_docs``, a
    draft)."""


@dataclass
class SiteIndex:
    """What a link may land on: pages by URL, their ids, and the built site."""

    pages: Mapping[str, str]
    """URL of each page (``''`` for the home page) -> its source path."""
    ids: Callable[[str], frozenset[str] | None]
    """Ids of a page by source path, ``None`` when not known."""
    site_dir: Path
    report_missing_md: bool
    """MkDocs' ``validation.links.not_found`` is below warning: report missing files."""
    report_anchors: bool
    """MkDocs' ``validation.anchors`` is below warning: report missing anchors."""
    looked_up: list[tuple[str, frozenset[str] | None]] | None = field(default=None)
    """While a list: every ``(page, ids)`` read through :meth:`ids_of` is added to it."""
    read_built: bool = False
    """Whether :meth:`built` (or :meth:`repo_file`) looked on disk (set back by the
    caller)."""
    report_unrecognized: bool = True
    """MkDocs' ``validation.links.unrecognized_links`` is below warning."""
    doc_file: Callable[[str], bool | None] = lambda src_uri: None
    """Whether a documentation file is in the site (``False``: left out), ``None`` when
    there is no such file."""
    docs_dir: Path | None = None
    repo: Repo | None = None
    """The repository of the build (:class:`~mkdocs_portfolio.markdown.repo.Repo`)."""

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

    def repo_file(self, target_uri: str) -> RepoFile | None:
        """The file of the repository at ``target_uri`` (relative to the docs folder, and
        maybe out of it), if there is one: a regular file inside the git top level (or
        the source root). It is only looked at, never read."""
        repo = self.repo
        if repo is None or self.docs_dir is None:
            return None
        self.read_built = True
        top = (repo.toplevel or repo.root).resolve()
        rel = posixpath.normpath(posixpath.join(
            Path(os.path.relpath(self.docs_dir.resolve(), top)).as_posix(), target_uri))
        if rel.startswith("../") or rel in (".", ".."):
            return None
        try:
            path = resolve_under(top, rel, "link")
        except PathProblem:  # not a file, outside the repository, no file name
            return None
        rel = repo.git_path(path)
        committed = repo.committed(rel) if repo.toplevel is not None else None
        url = None
        if committed and repo.links_out:
            try:
                url = permalink(repo.forge or "github", repo.repo_url, repo.sha or "",
                                repo.repo_path(path))
            except ValueError:  # outside source.root, which source.root_in_repo places
                url = None
        return RepoFile(rel, url, committed)


def levels_from(config: object) -> tuple[bool, bool, bool]:
    """``(report_missing_md, report_anchors, report_unrecognized)`` from MkDocs'
    ``validation`` config: whether MkDocs leaves each kind of broken link below warning."""
    validation = getattr(config, "validation", None)
    links = getattr(validation, "links", None)
    not_found = getattr(links, "not_found", logging.WARNING)
    anchors = getattr(links, "anchors", logging.INFO)
    unrecognized = getattr(links, "unrecognized_links", logging.INFO)
    return not_found < logging.WARNING, anchors < logging.WARNING, \
        unrecognized < logging.WARNING


def broken_links(links: list[str], page_url: str, src_uri: str, index: SiteIndex,
                 written: list[str] | None = None) -> Iterator[BrokenLink]:
    """The broken internal links among ``links`` of one page (``written``: the same links
    as the author wrote them), one for each occurrence, in page order."""
    known: dict[tuple[str, str], BrokenLink | None] = {}
    for i, href in enumerate(links):
        as_written = written[i] if written is not None and i < len(written) else href
        key = (href, as_written)
        if key not in known:
            known[key] = _broken(href, as_written, page_url, src_uri, index)
        broken = known[key]
        if broken is not None:
            yield broken


def _broken(href: str, written: str, page_url: str, src_uri: str,
            index: SiteIndex) -> BrokenLink | None:
    if SCHEME.match(href) or href.startswith(("//", "/", "\\")):
        return None
    base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url)
    parts = urlsplit(href)
    anchor = unquote(parts.fragment)
    if not parts.path:
        if anchor and index.report_anchors and not index.has_anchor(src_uri, page_url, anchor):
            return BrokenLink(href, written, f"there is no anchor '#{anchor}' on this page")
        return None
    path = posixpath.normpath(posixpath.join(base, unquote(parts.path)))
    outside = path.startswith("..")
    path = "" if path == "." else path
    if parts.path.endswith("/") and path:
        path += "/"
    target = None if outside else index.page_of(path)
    if target is None and (outside or parts.path.endswith(".md") or index.built(path) is None):
        return _missing(href, written, src_uri, index,
                        "it points outside the site" if outside
                        else f"nothing in the site is at '{path or '/'}'")
    if anchor and index.report_anchors and not index.has_anchor(target, path, anchor):
        return BrokenLink(href, written, f"'{path or '/'}' has no anchor '#{anchor}'")
    return None


def broken_image(src: str, page_url: str, index: SiteIndex) -> str | None:
    """Why the image of raw HTML at ``src`` (as built) shows nothing: no file of the built
    site is there. ``None`` when it is, or when it is not a path of this site. MkDocs
    does not look at raw HTML, so it never warns about one."""
    parts = urlsplit(src)
    if not parts.path or SCHEME.match(src) or src.startswith(("//", "/", "\\")):
        return None
    base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url)
    path = posixpath.normpath(posixpath.join(base, unquote(parts.path)))
    if path.startswith(".."):
        return "it points outside the site"
    if index.built(path) is None:
        return f"nothing in the site is at '{path}'"
    return None


def _missing(href: str, written: str, src_uri: str, index: SiteIndex,
             problem: str) -> BrokenLink | None:
    """A link to nothing in the site, told as MkDocs saw it and with the file it names."""
    wpath = unquote(urlsplit(written).path)
    target_uri = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), wpath))
    in_docs = index.doc_file(target_uri.lstrip("/"))
    if in_docs is not None:  # MkDocs found it (left out of the site: an info line at most)
        warned = False
        if not in_docs:
            problem = f"'{target_uri}' is left out of the site"
    elif posixpath.splitext(wpath)[1]:  # validation.links.not_found
        warned = not index.report_missing_md
        if wpath.endswith(".md"):
            problem = f"there is no page '{target_uri}'"
    else:  # validation.links.unrecognized_links
        warned = not index.report_unrecognized
    file = index.repo_file(target_uri)
    if file is not None:
        where = {True: "a file of the repository", None: "a file of the project folder",
                 False: "a file of the project folder that is not committed"}[file.committed]
        if in_docs is None:
            problem = f"the site does not publish '{file.path}', {where}"
        else:
            problem += f" ('{file.path}' is {where})"
    elif warned:
        return None  # MkDocs' warning says it all
    return BrokenLink(href, written, problem, file, warned, left_out=in_docs is False)
