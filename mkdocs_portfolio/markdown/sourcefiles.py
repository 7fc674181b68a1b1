"""The files of the source root that pages name: which lines they show, and where
each file is shown in full.

Paths are relative to the source root of the build (:class:`.repo.Repo`) and may
not leave it; files are read once per build while unchanged; a Python symbol is
found with :mod:`ast`, decorators included. A file is shown in full at its
forge's permalink, or on the page the plugin generates for it. Every problem is
a :class:`~.util.PortfolioError` naming the page, the file and what is missing.
"""

from __future__ import annotations

import ast
import functools
import re
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING

from ..lazydata import dataclass
from .paths import resolve_under
from .repo import Repo
from .util import PortfolioError, split_lines

if TYPE_CHECKING:
    from ..results.files import DataFiles
    from . import PortfolioExtension

RANGE = re.compile(r"^\s*(\d+)\s*(?:(-)\s*(\d+)?)?\s*$")
PAGE_LINK = "pf-source:"
"""Links to generated source pages start so; the plugin makes them relative URLs."""
LINE_ANCHOR = "__codelineno-0-"
"""Line anchors on a generated source page."""


def _data_files() -> DataFiles:
    from ..results.files import DataFiles  # it imports this package's modules

    return DataFiles()


@dataclass
class SourceContext:
    """The source root and file cache of one build (reset by the plugin per build)."""

    repo: Repo
    files: dict[Path, tuple[int, list[str]]] = field(default_factory=dict)
    used: set[Path] = field(default_factory=set)
    """Every file a page of this build named (``mkdocs serve`` watches them)."""
    page_url: str = ""
    """Site URL prefix of the pages that show a whole file ('': no such pages)."""
    data: DataFiles = field(default_factory=_data_files)
    """The results files read in this build (:mod:`mkdocs_portfolio.results`)."""


def context(ext: PortfolioExtension) -> SourceContext:
    """The source context of an extension: the one the plugin gave it for this build, or,
    used without the plugin, discovered from the extension's own settings on first use."""
    ctx = ext.sources
    if ctx is None:
        repo = Repo.discover(
            str(ext.getConfig("source_root") or ""),
            str(ext.getConfig("docs_dir") or ""),
            str(ext.getConfig("source_ref") or ""),
            str(ext.getConfig("repo_url") or ""),
            str(ext.getConfig("source_forge") or ""),
            str(ext.getConfig("source_root_in_repo") or "") or None,
        )
        ctx = ext.sources = SourceContext(repo, page_url=str(ext.getConfig("source_page_url")))
    assert isinstance(ctx, SourceContext)
    return ctx


def reset(ext: PortfolioExtension, repo: Repo | None = None, page_url: str = "",
          ) -> SourceContext:
    """Start a new build: forget cached files and git facts (or use ``repo``, whose
    whole files are shown at ``page_url``)."""
    ext.sources = SourceContext(repo, page_url=page_url) if repo is not None else None
    return context(ext)


def resolve(ext: PortfolioExtension, rel: str, what: str) -> Path:
    """The file at ``rel`` under the source root: a regular file that does not leave it
    (:func:`.paths.resolve_under` says why not)."""
    root = context(ext).repo.root
    path = resolve_under(root, rel, f"{what}{ext.page_hint()}", noun="file",
                         root_name="the source root")
    context(ext).used.add(path)
    return path


def read_lines(ext: PortfolioExtension, path: Path, rel: str, what: str) -> list[str]:
    """The lines of a file (cached per build while the file is unchanged)."""
    ctx = context(ext)
    mtime = path.stat().st_mtime_ns
    cached = ctx.files.get(path)
    if cached and cached[0] == mtime:
        return cached[1]
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise PortfolioError(f"{what}{ext.page_hint()}: cannot read '{rel}' as UTF-8 "
                             f"text: {error}") from None
    lines = split_lines(text)
    ctx.files[path] = (mtime, lines)
    return lines


def page_link(ext: PortfolioExtension, rel: str, fragment: str = "") -> str | None:
    """A link to the generated page of a file, when the plugin makes such pages."""
    if not context(ext).page_url:
        return None
    return f"{PAGE_LINK}{rel}{('#' + fragment) if fragment else ''}"


def link(ext: PortfolioExtension, path: Path, first: int | None = None,
         last: int | None = None) -> str | None:
    """Where the file (or its lines) is shown in full: the forge, or a generated page."""
    repo = context(ext).repo
    rel = path.relative_to(repo.root).as_posix()
    url = repo.link(path, first, last)
    if url:
        return url
    return page_link(ext, rel, f"{LINE_ANCHOR}{first}" if first else "")


def file_link(ext: PortfolioExtension, rel: str) -> str | None:
    """The link behind "View the full file" of a fence that names its ``source``."""
    path = resolve(ext, rel, f"code block with source=\"{rel}\"")
    return link(ext, path)


_TRY: tuple[type[ast.stmt], ...] = tuple(
    getattr(ast, name) for name in ("Try", "TryStar") if hasattr(ast, name))
"""``try`` statements (``try ... except*`` is Python 3.11+)."""
_BRANCHES = (ast.If, ast.For, ast.AsyncFor, ast.While, ast.With, ast.AsyncWith, ast.Match,
             *_TRY)
"""Statements whose bodies define names at the level they are in (``try: ... except
ImportError: def helper(): ...``, ``if TYPE_CHECKING:``)."""


def _branches(node: ast.stmt) -> list[list[ast.stmt]]:
    """The bodies of a compound statement that is not a scope, in the order written."""
    if isinstance(node, ast.Match):
        return [case.body for case in node.cases]
    bodies = [getattr(node, "body", [])]
    if isinstance(node, _TRY):
        bodies += [handler.body for handler in getattr(node, "handlers", [])]
        bodies += [getattr(node, "orelse", []), getattr(node, "finalbody", [])]
    else:
        bodies.append(getattr(node, "orelse", []))
    return bodies


@functools.lru_cache(maxsize=32)
def symbols(text: str) -> dict[str, tuple[int, int]]:
    """Every class, function, method and assignment by dotted name: (first, last) line.

    Definitions inside ``if``, ``try``, ``with``, loops and ``match`` count at the level
    they are in; the first definition of a name wins. Kept for the next snippet of the
    same file (a page often shows several symbols of one module): do not change it."""
    found: dict[str, tuple[int, int]] = {}

    def walk(body: list[ast.stmt], prefix: str) -> None:
        for node in body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                first = min([d.lineno for d in node.decorator_list] + [node.lineno])
                name = prefix + node.name
                found.setdefault(name, (first, node.end_lineno or node.lineno))
                walk(node.body, name + ".")
            elif isinstance(node, (ast.Assign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    if isinstance(target, ast.Name):
                        found.setdefault(prefix + target.id,
                                         (node.lineno, node.end_lineno or node.lineno))
            elif isinstance(node, _BRANCHES):
                for branch in _branches(node):
                    walk(branch, prefix)

    walk(ast.parse(text).body, "")
    return found


def find_symbol(ext: PortfolioExtension, lines: list[str], rel: str, name: str,
                what: str) -> tuple[int, int]:
    """First and last line of a Python symbol."""
    text = "\n".join(lines)
    try:
        table = symbols(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError) as error:
        raise PortfolioError(f"{what}{ext.page_hint()}: cannot look up '{name}': '{rel}' "
                             f"{_unparsable(text, error)}; give 'lines:' instead") from None
    if name not in table:
        known = [n for n in table if n.count(".") <= name.count(".") + 1]
        shown = ", ".join(known[:15]) + (", ..." if len(known) > 15 else "")
        raise PortfolioError(f"{what}{ext.page_hint()}: no symbol '{name}' in '{rel}' "
                             f"(it defines: {shown or 'nothing'})")
    return table[name]


def _unparsable(text: str, error: Exception) -> str:
    """Why :func:`ast.parse` refused a file, as the end of a sentence."""
    if isinstance(error, (RecursionError, MemoryError)):  # 200,000 terms in one expression
        return "is too deeply nested for Python's parser"
    if "\0" in text:  # SyntaxError without a line (ValueError before Python 3.12)
        return "is not valid Python (it holds a NUL character)"
    if isinstance(error, SyntaxError) and error.lineno:
        return f"is not valid Python (line {error.lineno}: {error.msg})"
    return f"is not valid Python ({error})"


def parse_range(ext: PortfolioExtension, spec: str, total: int, rel: str,
                what: str) -> tuple[int, int]:
    """``10-42``, ``17`` or ``10-`` as first and last line, checked against the file."""
    match = RANGE.match(spec)
    if not match:
        raise PortfolioError(f"{what}{ext.page_hint()}: 'lines: {spec}' is not a line range "
                             "(write 10-42, 17 or 10-)")
    first = int(match[1])
    last = int(match[3]) if match[3] else (total if match[2] else first)
    if first < 1 or last < first:
        raise PortfolioError(f"{what}{ext.page_hint()}: 'lines: {spec}' is not a line range "
                             "(lines count from 1, and the first comes before the last)")
    if last > total:
        raise PortfolioError(f"{what}{ext.page_hint()}: 'lines: {spec}' goes past the end of "
                             f"'{rel}', which has {total} lines")
    return first, last
