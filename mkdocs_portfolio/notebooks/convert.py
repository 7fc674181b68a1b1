"""A notebook as the Markdown text of a page.

:func:`convert` reads a ``.ipynb`` (with nbformat: the reference reader and validator)
and writes one Markdown page: Markdown cells as they are, code cells as fenced blocks
in the kernel's language (so they fold and count as code like any fence), stored
outputs as :mod:`.outputs` shows them, cell tags and Quarto options as
:mod:`.options` reads them. Nothing is executed. What is wrong with the notebook is
returned as problems naming the cell; the page shows the rest.
"""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Callable
from dataclasses import field
from typing import Any

import yaml

from ..fastyaml import safe_load
from ..lazydata import dataclass
from . import validated
from .options import CellOptions, cell_options, split_quarto
from .outputs import IMAGES, OutputContext, decode_image, note, render_output, text_of
from .sanitize import defuse_markdown

HEADING = re.compile(r"^[ ]{0,3}(#{1,6})[ \t]+(.+?)[ \t#]*$", re.M)
TAG = re.compile(r"<[^>]*>?")
ATTACHMENT = re.compile(r"attachment:([^\s)\"'>]+)")
LANGUAGE = re.compile(r"[^A-Za-z0-9_+-]")
FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})(.*)$", re.M)
Warn = Callable[[str], None]
"""Takes a problem of the notebook (naming the cell), for the build's log."""


@dataclass
class Converted:
    """A notebook's page: its Markdown, the files it names, what was wrong."""

    markdown: str
    files: dict[str, bytes] = field(default_factory=dict)
    """Output images and attachments, by path relative to the notebook's folder."""
    problems: list[str] = field(default_factory=list)


class NotebookUnreadable(Exception):
    """The file is no notebook at all (not JSON, no cells list)."""


def read(raw: bytes, problems: list[str]) -> dict[str, Any]:
    """The notebook as nbformat 4 (a version 3 one converted); a failed validation is a
    problem, not a stop."""
    with warnings.catch_warnings():  # nbformat's warnings are about it, not the notebook
        warnings.simplefilter("ignore")
        return _read(raw, problems)


def _read(raw: bytes, problems: list[str]) -> dict[str, Any]:
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise NotebookUnreadable(f"is not UTF-8 text ({error.reason})") from None
    except json.JSONDecodeError as error:
        raise NotebookUnreadable(f"is not JSON (line {error.lineno}: {error.msg})") from None
    if not isinstance(data, dict):
        raise NotebookUnreadable("is not a notebook (its JSON is not an object)")
    major = data.get("nbformat")
    if major in (1, 2, 3):
        import nbformat

        problems.append(f"is in nbformat {major}: it is read as nbformat 4 (save it again "
                        "in Jupyter to update it)")
        try:
            data = dict(nbformat.convert(nbformat.from_dict(data), 4))
        except Exception as error:  # nbformat's converters assume a valid notebook
            raise NotebookUnreadable(f"nbformat {major} could not be converted "
                                     f"({type(error).__name__})") from None
        problems.extend(validated.validate(data))
    else:
        if major != 4:
            problems.append(f"has nbformat {str(major)[:20]!r}, not 4: it is read as 4")
        problems.extend(validated.validation(raw, data))
    if not isinstance(data.get("cells"), list):
        raise NotebookUnreadable("has no list of cells")
    return data


def _language(meta: Any) -> str:
    meta = meta if isinstance(meta, dict) else {}
    for holder, key in (("kernelspec", "language"), ("language_info", "name")):
        part = meta.get(holder)
        if isinstance(part, dict) and isinstance(part.get(key), str):
            return LANGUAGE.sub("", part[key])[:40] or "text"
    return "text"


def _fence(code: str, language: str, options: CellOptions) -> str:
    longest = max((len(m) for m in re.findall(r"`+", code)), default=0)
    ticks = "`" * max(3, longest + 1)
    if options.fold_input:
        label = re.sub(r'["\\{}\n]', "'", options.summary)
        head = f'{ticks} {{.{language} .pf-hidden fold_summary="{label}"}}'
    else:
        head = f"{ticks} {language}"
    return f"{head}\n{code.rstrip()}\n{ticks}"


def _unclosed_fence(text: str) -> str | None:
    """The fence a Markdown cell opens and never closes (it would swallow the cells
    after it: Jupyter shows each cell on its own)."""
    opened: str | None = None
    for match in FENCE.finditer(text):
        mark = match[1]
        if opened is None:
            opened = mark
        elif mark[0] == opened[0] and len(mark) >= len(opened) and not match[2].strip():
            opened = None
    return opened


def _markdown_cell(cell: dict[str, Any], number: int, folder: str,
                   files: dict[str, bytes], warn: Warn) -> str:
    text, defused = defuse_markdown(text_of(cell.get("source")))
    if defused:
        warn(f"cell {number}: {defused} raw HTML tag(s) that could run script are shown as "
             "text")
    attachments = cell.get("attachments")
    if isinstance(attachments, dict) and "attachment:" in text:
        names: dict[str, str] = {}
        for name, bundle in attachments.items():
            if not isinstance(bundle, dict):
                continue
            mime = next((m for m in IMAGES if m in bundle), None)
            data = decode_image(mime, bundle[mime]) if mime else None
            if data is None:
                continue
            safe = re.sub(r"[^A-Za-z0-9_.-]", "-", str(name))[:80].lstrip(".") or "image"
            path = f"{folder}/cell-{number}-{safe}"
            files[path] = data
            names[str(name)] = path
        text = ATTACHMENT.sub(lambda m: names.get(m[1], m[0]), text)
    fence = _unclosed_fence(text)
    if fence:
        warn(f"cell {number}: a code fence ({fence}) is not closed; it ends with the cell")
        text = f"{text.rstrip()}\n{fence}"
    return text.strip("\n")


def _code_cell(cell: dict[str, Any], number: int, language: str, folder: str,
               converted: Converted, warn: Warn) -> str:
    quarto, code, problem = split_quarto(text_of(cell.get("source")))
    options = cell_options(cell.get("metadata"), quarto, problem)
    if options.problem:
        warn(f"cell {number}: {options.problem}")
    if options.remove:
        return ""
    parts = []
    if options.show_input and code.strip():
        parts.append(_fence(code, language, options))
    outputs = cell.get("outputs")
    if options.show_output and isinstance(outputs, list) and outputs:
        ctx = OutputContext(number, folder, warn, options.caption, options.alt)
        shown = [chunk for chunk in (render_output(o, ctx) for o in outputs) if chunk]
        converted.files.update(ctx.files)
        if shown and options.fold_output:
            body = "\n\n".join(shown)
            shown = [f'<details class="pf-nb-outputs" markdown="1">\n'
                     f"<summary>Show output</summary>\n\n{body}\n\n</details>"]
        parts.extend(shown)
    return "\n\n".join(parts)


def _title(meta: dict[str, Any], cells: list[Any]) -> tuple[str | None, bool]:
    """The title to write in the front matter (``None``: MkDocs finds the first H1), and
    whether the first cell starts with the heading that titles the page."""
    given = meta.get("title")
    if isinstance(given, str) and given.strip():
        return TAG.sub("", given).strip() or None, False
    for index, cell in enumerate(cells):
        if not isinstance(cell, dict) or cell.get("cell_type") != "markdown":
            continue
        match = HEADING.search(text_of(cell.get("source")))
        if match:
            first = index == 0 and text_of(cell.get("source")).lstrip().startswith("#")
            if len(match[1]) == 1:
                return None, first
            return TAG.sub("", match[2]).strip() or None, first
    return None, False


def convert(raw: bytes, stem: str, links: str = "") -> Converted:
    """The page of the notebook ``raw`` named ``stem`` (its file name without
    ``.ipynb``); ``links`` is HTML put under its title. Raises
    :class:`NotebookUnreadable` when it is no notebook."""
    converted = Converted("")
    problems = converted.problems
    nb = read(raw, problems)
    cells: list[Any] = nb["cells"]
    meta = nb.get("metadata") if isinstance(nb.get("metadata"), dict) else {}
    assert isinstance(meta, dict)
    language = _language(meta)
    folder = f"{stem}_files"
    front: dict[str, Any] = {}
    title, heading_first = _title(meta, cells)
    if title:
        front["title"] = title
    chunks: list[str] = []
    for index, cell in enumerate(cells):
        number = index + 1
        try:
            chunks.append(_cell(cell, number, language, folder, converted, front,
                                problems.append))
        except Exception as error:  # one broken cell must not lose the page
            problems.append(f"cell {number} could not be shown ({type(error).__name__})")
            chunks.append(note(f"Cell {number} could not be shown."))
    if not cells:
        problems.append("has no cells")
    chunks = [c for c in chunks if c.strip()]
    if links:
        if heading_first and chunks:
            head, _, rest = chunks[0].lstrip().partition("\n")
            chunks[0:1] = [head, links, rest] if rest.strip() else [head, links]
        else:
            chunks.insert(0, links)
    body = "\n\n".join(chunks) + "\n"
    if body.startswith("---"):  # a rule, not front matter
        body = "\n" + body
    if front:
        body = "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + \
            "---\n\n" + body
    converted.markdown = body
    return converted


def _cell(cell: Any, number: int, language: str, folder: str, converted: Converted,
          front: dict[str, Any], warn: Warn) -> str:
    if not isinstance(cell, dict):
        warn(f"cell {number} is not an object; it is left out")
        return ""
    kind = cell.get("cell_type")
    if kind == "markdown":
        return _markdown_cell(cell, number, folder, converted.files, warn)
    if kind == "code":
        return _code_cell(cell, number, language, folder, converted, warn)
    if kind == "raw":
        text = text_of(cell.get("source")).strip()
        if number == 1 and text.startswith("---"):  # Quarto's front matter
            try:
                data = safe_load(text.strip("-\n"))
            except yaml.YAMLError:
                warn("cell 1: its front matter is not YAML; it is left out")
                return ""
            if isinstance(data, dict):
                front.update({str(key): value for key, value in data.items()})
        return ""
    warn(f"cell {number} has an unknown type {str(kind)[:40]!r}; it is left out")
    return ""


def _unreadable_page(stem: str, reason: str) -> str:
    title = stem.replace("_", " ").replace("-", " ").strip() or stem
    return (f"# {title}\n\n!!! failure \"This notebook could not be read\"\n\n"
            f"    The notebook {reason}.\n")


def convert_file(path: str, stem: str, links: str) -> Converted:
    """The page of the notebook file at ``path``: a page that says why, when the file is
    no notebook or cannot be opened (its problems say so too)."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as error:
        return Converted(_unreadable_page(stem, "could not be opened"),
                         problems=[f"could not be opened ({error.strerror})"])
    try:
        return convert(raw, stem, links)
    except NotebookUnreadable as error:
        return Converted(_unreadable_page(stem, str(error)), problems=[str(error)])
