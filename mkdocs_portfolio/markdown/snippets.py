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

import re
import textwrap
import xml.etree.ElementTree as etree
from typing import TYPE_CHECKING, Any

from pymdownx.blocks.block import Block, type_boolean

from .fences import highlight
from .fold import count_lines, finish, should_fold
from .sourcefiles import find_symbol, link, parse_range, read_lines, resolve
from .util import PortfolioError, clean_text

if TYPE_CHECKING:
    from . import PortfolioExtension

LANGUAGES = {
    ".py": "python", ".pyi": "python", ".ipynb": "json", ".js": "javascript",
    ".ts": "typescript", ".sh": "bash", ".yml": "yaml", ".yaml": "yaml", ".toml": "toml",
    ".json": "json", ".md": "markdown", ".rs": "rust", ".go": "go", ".c": "c", ".h": "c",
    ".cpp": "cpp", ".java": "java", ".r": "r", ".R": "r", ".jl": "julia", ".sql": "sql",
    ".html": "html", ".css": "css", ".cfg": "ini", ".ini": "ini",
}


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
    title = clean_text(str(options.get("title") or "")) or (
        rel if whole else f"{rel}::{symbol} ({span})" if symbol else f"{rel} ({span})")
    language = clean_text(str(options.get("lang") or "")) or LANGUAGES.get(path.suffix, "")
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
        if ends[0] > ends[-1]:
            raise PortfolioError(f"{what}{ext.page_hint()}: hl_lines '{part}' is not a range "
                                 "of lines (the first comes before the last: write "
                                 f"{ends[-1]}-{ends[0]})")
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


__all__ = ["SourceBlock", "render"]
