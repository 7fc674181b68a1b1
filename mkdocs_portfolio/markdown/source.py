"""Source snippets: lines of a real file of the project, linked to exactly those lines.

```markdown
/// source | src/train.py::Trainer.fit
///

/// source | src/train.py
    lines: 10-42
///
```

The path is relative to the source root (:mod:`.repo`); a symbol is found with
:mod:`ast`, decorators included. The excerpt is highlighted like any fence (so
it folds when long) and titled with the path and lines, linking to the forge's
permalink at the commit being built, or to a page the plugin generates with the
whole file. Anything missing stops the build with a message naming the page.
"""

from __future__ import annotations

import ast
import re
import textwrap
import weakref
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pymdownx.blocks.block import Block, type_boolean

from .fold import count_lines, finish, highlight, should_fold
from .repo import Repo
from .util import PortfolioError

if TYPE_CHECKING:
    from . import PortfolioExtension

PAGE_LINK = "pf-source:"
"""Links to generated source pages start so; the plugin makes them relative URLs."""
LINE_ANCHOR = "__codelineno-0-"
"""Line anchors on a generated source page."""
RANGE = re.compile(r"^\s*(\d+)\s*(?:(-)\s*(\d+)?)?\s*$")
LANGUAGES = {
    ".py": "python", ".pyi": "python", ".ipynb": "json", ".js": "javascript",
    ".ts": "typescript", ".sh": "bash", ".yml": "yaml", ".yaml": "yaml", ".toml": "toml",
    ".json": "json", ".md": "markdown", ".rs": "rust", ".go": "go", ".c": "c", ".h": "c",
    ".cpp": "cpp", ".java": "java", ".r": "r", ".R": "r", ".jl": "julia", ".sql": "sql",
    ".html": "html", ".css": "css", ".cfg": "ini", ".ini": "ini",
}


@dataclass
class SourceContext:
    """The source root and file cache of one build (reset by the plugin per build)."""

    repo: Repo
    files: dict[Path, tuple[int, list[str]]] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)
    """Root-relative paths of every file a page linked to."""


_CONTEXTS: weakref.WeakKeyDictionary[PortfolioExtension, SourceContext] = (
    weakref.WeakKeyDictionary())


def context(ext: PortfolioExtension) -> SourceContext:
    """The source context of an extension, discovered on first use."""
    ctx = _CONTEXTS.get(ext)
    if ctx is None:
        repo = Repo.discover(
            str(ext.getConfig("source_root") or ""),
            str(ext.getConfig("docs_dir") or ""),
            str(ext.getConfig("source_ref") or ""),
            str(ext.getConfig("repo_url") or ""),
            str(ext.getConfig("source_forge") or ""),
            str(ext.getConfig("source_root_in_repo") or "") or None,
        )
        ctx = _CONTEXTS[ext] = SourceContext(repo)
    return ctx


def reset(ext: PortfolioExtension, repo: Repo | None = None) -> SourceContext:
    """Start a new build: forget cached files and git facts (or use ``repo``)."""
    _CONTEXTS.pop(ext, None)
    if repo is not None:
        _CONTEXTS[ext] = SourceContext(repo)
    return context(ext)


def resolve(ext: PortfolioExtension, rel: str, what: str) -> Path:
    """The file at ``rel`` under the source root; refuses paths that leave it."""
    root = context(ext).repo.root
    where = ext.page_hint()
    if not rel.strip():
        raise PortfolioError(f"{what}{where}: no file path given")
    if Path(rel).is_absolute() or re.match(r"^[A-Za-z]:[\\/]", rel):
        raise PortfolioError(
            f"{what}{where}: '{rel}' is an absolute path; give a path relative to the "
            f"source root {root}")
    path = (root / rel).resolve()
    if not path.is_relative_to(root):
        raise PortfolioError(
            f"{what}{where}: '{rel}' is outside the source root {root}; only files of "
            "the project can be shown")
    if not path.is_file():
        missing = "is a folder, not a file" if path.is_dir() else "does not exist"
        raise PortfolioError(f"{what}{where}: file '{rel}' {missing} (source root: {root})")
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
    lines = text.splitlines()
    ctx.files[path] = (mtime, lines)
    return lines


def symbols(text: str) -> dict[str, tuple[int, int]]:
    """Every class, function, method and assignment by dotted name: (first, last) line."""
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

    walk(ast.parse(text).body, "")
    return found


def find_symbol(ext: PortfolioExtension, lines: list[str], rel: str, name: str,
                what: str) -> tuple[int, int]:
    """First and last line of a Python symbol."""
    try:
        table = symbols("\n".join(lines))
    except SyntaxError as error:
        raise PortfolioError(f"{what}{ext.page_hint()}: cannot look up '{name}': '{rel}' is "
                             f"not valid Python (line {error.lineno}: {error.msg})") from None
    if name not in table:
        known = [n for n in table if n.count(".") <= name.count(".") + 1]
        shown = ", ".join(known[:15]) + (", ..." if len(known) > 15 else "")
        raise PortfolioError(f"{what}{ext.page_hint()}: no symbol '{name}' in '{rel}' "
                             f"(it defines: {shown or 'nothing'})")
    return table[name]


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


def page_link(ext: PortfolioExtension, rel: str, fragment: str = "") -> str | None:
    """A link to the generated page of a file, when the plugin makes such pages."""
    if not ext.getConfig("source_page_url"):
        return None
    return f"{PAGE_LINK}{rel}{('#' + fragment) if fragment else ''}"


def link(ext: PortfolioExtension, path: Path, first: int | None = None,
         last: int | None = None) -> str | None:
    """Where the file (or its lines) is shown in full: the forge, or a generated page."""
    ctx = context(ext)
    rel = path.relative_to(ctx.repo.root).as_posix()
    ctx.used.add(rel)
    url = ctx.repo.link(path, first, last)
    if url:
        return url
    return page_link(ext, rel, f"{LINE_ANCHOR}{first}" if first else "")


def file_link(ext: PortfolioExtension, rel: str) -> str | None:
    """The link behind "View the full file" of a fence that names its ``source``."""
    path = resolve(ext, rel, f"code block with source=\"{rel}\"")
    return link(ext, path)


def _text(value: Any) -> str:
    if isinstance(value, (dict, list)) or value is None:
        raise ValueError("expected a single value")
    return str(value)


def _hl_lines(value: Any) -> str:
    text = " ".join(str(value).replace(",", " ").split())
    if not re.fullmatch(r"\d+(?:-\d+)?(?: \d+(?:-\d+)?)*", text):
        raise ValueError("expected line numbers such as 12 20-22")
    return text


class SourceBlock(Block):
    """``/// source | path[::Symbol]`` with options ``lines``, ``title``, ``lang``..."""

    NAME = "source"
    ARGUMENT = True
    OPTIONS: dict[str, tuple[Any, Any]] = {
        "lines": ("", _text),
        "title": ("", _text),
        "lang": ("", _text),
        "hl_lines": ("", _hl_lines),
        "linenums": (True, type_boolean),
        "dedent": (True, type_boolean),
        "fold": (None, type_boolean),
    }

    @property
    def ext(self) -> PortfolioExtension:
        ext: PortfolioExtension = self.config["ext"]
        return ext

    def _validate(self, parent: etree.Element, arg: Any, **options: Any) -> bool:
        # pymdownx silently turns a block with a bad header into text; a snippet that
        # shows nothing must stop the build instead.
        what = f"source snippet '{arg}'" if arg else "source snippet"
        where = self.ext.page_hint()
        if not arg or not str(arg).strip():
            raise PortfolioError(f"{what}{where}: name a file after '/// source |', e.g. "
                                 "'/// source | src/train.py::Trainer.fit'")
        known = sorted(k for k in self.option_spec if k != "attrs")
        for key, value in options.items():
            if key not in self.option_spec:
                raise PortfolioError(f"{what}{where}: unknown option '{key}'; the options "
                                     f"are {', '.join(known)}")
            parser = self.option_spec[key][1]
            try:
                parser(value)
            except Exception:
                raise PortfolioError(f"{what}{where}: option '{key}' has a bad value "
                                     f"{value!r}") from None
        return bool(super()._validate(parent, arg, **options))

    def on_create(self, parent: etree.Element) -> etree.Element:
        html = render(self.ext, self.md, str(self.argument).strip(), self.options)
        el = etree.SubElement(parent, "div", {"class": "pf-source"})
        holder = etree.SubElement(el, "p")
        holder.text = self.md.htmlStash.store(html)
        return el


def render(ext: PortfolioExtension, md: Any, arg: str, options: dict[str, Any]) -> str:
    """The HTML of a snippet: the highlighted excerpt, titled and linked."""
    what = f"source snippet '{arg}'"
    rel, _, symbol = arg.partition("::")
    rel, symbol = rel.strip(), symbol.strip()
    path = resolve(ext, rel, what)
    lines = read_lines(ext, path, rel, what)
    spec = str(options.get("lines") or "").strip()
    if symbol and spec:
        raise PortfolioError(f"{what}{ext.page_hint()}: give a symbol or 'lines', not both")
    if symbol:
        first, last = find_symbol(ext, lines, rel, symbol, what)
    elif spec:
        first, last = parse_range(ext, spec, len(lines), rel, what)
    else:
        if not lines:
            raise PortfolioError(f"{what}{ext.page_hint()}: '{rel}' is empty")
        first, last = 1, len(lines)
    # Highlighting drops blank lines at either end: drop them here, so that line
    # numbers, title and permalink name the lines shown.
    while first < last and not lines[first - 1].strip():
        first += 1
    while last > first and not lines[last - 1].strip():
        last -= 1
    src = "\n".join(lines[first - 1:last])
    if options.get("dedent", True):
        src = textwrap.dedent(src)
    whole = not symbol and not spec
    span = f"line {first}" if first == last else f"lines {first}\u2013{last}"
    title = str(options.get("title") or "") or (
        rel if whole else f"{rel}::{symbol} ({span})" if symbol else f"{rel} ({span})")
    language = str(options.get("lang") or "") or LANGUAGES.get(path.suffix, "")
    hl_options: dict[str, str] = {"title": title}
    if options.get("linenums", True):
        hl_options["linenums"] = str(first)
    if options.get("hl_lines"):
        hl_options["hl_lines"] = _relative_lines(ext, str(options["hl_lines"]), first, last,
                                                 what)
    html = highlight(ext, md, src, language, hl_options)
    url = link(ext, path) if whole else link(ext, path, first, last)
    if url:
        html = _link_title(html, url)
    folds = should_fold(ext, count_lines(src), (), options.get("fold"))
    return finish(ext, html, src, force=options.get("fold"),
                  file_link=link(ext, path) if folds and not whole else None, linked=True)


def _relative_lines(ext: PortfolioExtension, spec: str, first: int, last: int,
                    what: str) -> str:
    """``hl_lines`` in the file's numbering, as superfences' block-relative numbering."""
    out = []
    for part in spec.split():
        ends = [int(n) for n in part.split("-")]
        if any(n < first or n > last for n in ends):
            raise PortfolioError(f"{what}{ext.page_hint()}: hl_lines '{part}' is outside the "
                                 f"lines shown ({first}\u2013{last}); number lines as in the file")
        out.append("-".join(str(n - first + 1) for n in ends))
    return " ".join(out)


def _link_title(html: str, url: str) -> str:
    """Make the title bar of a highlighted block a link."""
    import html as htmllib

    start = html.find('<span class="filename">')
    if start < 0:
        return html
    inner = start + len('<span class="filename">')
    end = html.find("</span>", inner)
    if end < 0:
        return html
    href = htmllib.escape(url)
    return f'{html[:inner]}<a href="{href}">{html[inner:end]}</a>{html[end:]}'


__all__ = ["SourceBlock", "context", "count_lines", "file_link", "render", "reset"]
