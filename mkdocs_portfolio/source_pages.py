"""Generated pages that hold the whole source file a snippet comes from.

With a ``repo_url`` and a commit, snippets link to the forge. Without them the
reader would have nowhere to go, so this feature adds one page per file that a
snippet (or a fence with ``source="..."``) names: ``source/<path>.md``, holding
the whole file with line numbers and line anchors, left out of the navigation,
the search index, the overview and the audit. Snippets carry ``pf-source:``
links, which become relative URLs here, in the few pages that have any.
"""

from __future__ import annotations

import html as htmllib
import re
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from .markdown import PortfolioExtension
from .markdown import sourcefiles as source
from .markdown.paths import (
    PathProblem,
    check_dest,
    resolve_under,
    shown,
    taken_paths,
)
from .markdown.repo import Repo, RepoSettings, discover_repo
from .markdown.snippets import LANGUAGES
from .markdown.sourcefiles import LINE_ANCHOR, PAGE_LINK
from .markdown.util import clean_text

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.pages import Page

    from .memo import Memo

log = get_plugin_logger(__name__)

PREFIX = "source/"
"""Folder of the generated pages in the site."""
BODY = "pf-source-body"
SNIPPET = re.compile(r"^[ \t>]*/{3,}[ \t]*source[ \t]*\|[ \t]*(\S[^\n]*?)[ \t]*$", re.M)
FENCE = re.compile(r"^[ \t>]*(?:`{3,}|~{3,})[^\n]*?\bsource=(\"|')(.+?)\1", re.M)
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")
LINK = re.compile(r'href="' + PAGE_LINK + r'([^"]*?)(#' + LINE_ANCHOR + r'\d+)?"')
"""A link to a source page; a ``#`` in a file name is part of the name (only a line
anchor is a fragment)."""
TOO_LARGE_LINK = re.compile(r'<a (?:class="([^"]*)" )?href="' + PAGE_LINK
                            + r'([^"]*?)(?:#' + LINE_ANCHOR + r'\d+)?">(.*?)</a>', re.S)
MAX_BYTES = 1_000_000
"""Largest file a source page shows in full (1 MB): highlighting a 50 MB file took over a
minute and made a page of 226 MB. Snippets of a larger file are shown, not linked."""


def _page_text(rel: str) -> str:
    title = rel.replace("\\", "\\\\").replace('"', '\\"')
    heading = MARKDOWN_SPECIAL.sub(r"\\\1", htmllib.escape(rel, quote=False))
    return (
        "---\n"
        f'title: "{title}"\n'
        "search:\n  exclude: true\n"
        "portfolio:\n  exclude: true\n  page_info: false\n"
        "---\n\n"
        f"# {heading}\n\n{BODY}\n"
    )


def _repo(config: MkDocsConfig, settings: RepoSettings) -> Repo:
    """The repository snippets come from: a relative ``source.root`` is relative to
    mkdocs.yml; without one, the git top level of docs_dir."""
    base = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
    return discover_repo(base, config.docs_dir, settings)


def _is_its_file(file: File) -> bool:
    """Whether a page's text is its source file (not generated, not given its content
    by a plugin)."""
    return file.generated_by is None and bool(file.abs_src_path) and \
        getattr(file, "_content", None) is None


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def _snippets(file: File) -> set[str]:
    """The paths a page's snippets and ``source=`` fences name (NUL characters dropped, as
    the extension drops them from the page)."""
    try:
        text = clean_text(file.content_string)
    except (OSError, UnicodeDecodeError):
        return set()
    found: set[str] = set()
    if "source" in text:
        found.update(m[1].split("::")[0].strip() for m in SNIPPET.finditer(text))
        found.update(m[2].strip() for m in FENCE.finditer(text))
    return found


class SourcePages:
    """Adds a page per snippet source file when the site has no forge to link to.
    One per build."""

    def __init__(self, memo: Memo, config: MkDocsConfig, ext: PortfolioExtension,
                 settings: RepoSettings) -> None:
        self.memo = memo
        self.ext = ext
        self.pages: dict[str, Path] = {}
        self.too_large: dict[str, int] = {}
        """Files named by a snippet that are over :data:`MAX_BYTES`: path -> size."""
        self.files: Files | None = None
        self.highlight_config = dict(config.mdx_configs.get("pymdownx.highlight") or {})
        self.repo = _repo(config, settings)
        # The extension's snippets read this build's repository, and link to our pages
        # when they cannot link to a forge.
        source.reset(ext, self.repo, "" if self.repo.links_out else PREFIX)

    def add_pages(self, files: Files, config: MkDocsConfig) -> None:
        """A generated page for each file a snippet names (without a forge to link to)."""
        self.files = files
        if self.repo.links_out:
            return
        root = self.repo.root
        wanted: dict[str, list[str]] = {}
        for file in files.documentation_pages():
            if _is_its_file(file):  # a file in docs_dir: scanned again only when it changed
                found = self.memo.scan("snippet paths", file.abs_src_path or "",
                                       partial(_snippets, file))
            else:
                found = _snippets(file)
            for rel in found:
                wanted.setdefault(rel, []).append(file.src_uri)
        taken = taken_paths(files) if wanted else {}
        for rel in sorted(wanted):
            try:
                path = resolve_under(root, rel, "source snippet")
            except PathProblem:
                continue  # the page's build stops with the reason
            named, rel = wanted[rel], path.relative_to(root).as_posix()
            size = path.stat().st_size
            if size > MAX_BYTES:
                self.too_large[rel] = size
                pages = ", ".join(f"'{src}'" for src in sorted(named))
                log.warning(f"page {pages}: source file {shown(rel)} is too large for a "
                            f"source page ({_megabytes(size)}, more than "
                            f"{_megabytes(MAX_BYTES)}): its snippets are shown, not linked")
                continue
            src_uri = f"{PREFIX}{rel}.md"
            if files.get_file_from_path(src_uri) is not None:
                log.warning(f"a page '{src_uri}' exists already: the source page of '{rel}' "
                            "is not generated, and snippets of it link to that page")
                continue
            page = File.generated(config, src_uri, content=_page_text(rel),
                                  inclusion=InclusionLevel.NOT_IN_NAV)
            try:
                check_dest(page.dest_uri, taken, f"the source page of {shown(rel)}")
            except PathProblem as problem:
                log.warning(f"{problem}; it is not generated, and snippets of it link nowhere")
                continue
            files.append(page)
            self.pages[src_uri] = path

    def fill(self, html: str, page: Page) -> str:
        """A source page's whole file, and links to source pages made relative."""
        path = self.pages.get(page.file.src_uri)
        if path is not None:
            html = html.replace(f"<p>{BODY}</p>", self._whole_file(path), 1)
        if PAGE_LINK in html:
            if self.too_large:
                html = TOO_LARGE_LINK.sub(self._unlinked, html)
            html = LINK.sub(lambda m: self._href(m, page), html)
        return html

    def watch(self, server: LiveReloadServer) -> None:
        """A snippet's file is outside docs_dir: watch it, so that editing the code
        rebuilds the site (a --dirty rebuild re-renders only pages that changed)."""
        for path in sorted(source.context(self.ext).used):
            server.watch(str(path), recursive=False)

    def _unlinked(self, match: re.Match[str]) -> str:
        """A link to the page of a file too large for one: its text, saying so."""
        rel = htmllib.unescape(match[2])
        size = self.too_large.get(rel)
        if size is None:
            return match[0]
        note = htmllib.escape(f"{rel} is too large to show in full ({_megabytes(size)})")
        if "pf-fold__file" in (match[1] or ""):
            return '<span class="pf-fold__file">The full file is too large to show</span>'
        return f'<span title="{note}">{match[3]}</span>'

    def _href(self, match: re.Match[str], page: Page) -> str:
        rel, fragment = htmllib.unescape(match[1]), match[2] or ""
        target = self.files.get_file_from_path(f"{PREFIX}{rel}.md") if self.files else None
        if target is None:
            log.warning(f"page '{page.file.src_uri}': no source page for '{rel}' (a snippet "
                        "included from another file?); its link goes nowhere")
            return 'href="#"'
        return f'href="{htmllib.escape(target.url_relative_to(page.file))}{fragment}"'

    def _whole_file(self, path: Path) -> str:
        from pymdownx.highlight import Highlight

        settings = self.highlight_config
        text = path.read_text(encoding="utf-8-sig", errors="replace")
        highlighter = Highlight(
            None,
            pygments_style=settings.get("pygments_style", "default"),
            noclasses=settings.get("noclasses", False),
            linenums=True,
            linenums_style="table",
            anchor_linenums=True,
            line_spans="__span",
            pygments_lang_class=True,
        )
        language = LANGUAGES.get(path.suffix, "text")
        return str(highlighter.highlight(text, language, code_block_count=0))
