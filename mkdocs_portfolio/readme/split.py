"""A README split into pages: the intro as ``index.md``, one page per ``##`` section.

Fenced code and HTML comments are never read for headings; setext headings
(``Title`` over ``---``) count as headings; front matter gives the title and the
description. Headings below the split level move up one level, so that each page
starts with its ``#`` title. Pure: text in, pages out.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import field
from typing import Any

import yaml

from ..lazydata import dataclass
from .text import Slugs, github_slug, plain_text, toc_slug, without_badges

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?)(?:[ \t]+#+)?)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(={2,}|-{2,})[ \t]*$")
_NOT_PARAGRAPH = re.compile(r"^ {0,3}(?:[-*+>|<]|\d+[.)]\s|#)")
_REF_DEF = re.compile(r"^ {0,3}\[(?!\^)([^\]]+)\]:\s*(\S+)")
_HTML_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.I)
_WRAPPER = re.compile(r"^\s*</?(?:p|center)\b[^>]*>\s*$", re.I)
_BLOCK_OPEN = re.compile(r"^(\s*<(div|details)\b)([^>]*)>\s*$", re.I)
_TOC_TITLES = {"table of contents", "table of content", "contents", "toc"}
_TOC_LINE = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+\[[^\]]*\]\(#[^)]*\)\s*$")
RESERVED = ("index", "overview", "404")
"""Page names taken by the home page, the generated overview and the 404 page."""


@dataclass
class Page:
    """One page of the writeup: its file name, title and Markdown lines."""

    name: str
    title: str
    lines: list[str] = field(default_factory=list)
    code: list[bool] = field(default_factory=list)
    """For each line: inside fenced code or an HTML comment (never rewritten)."""
    github: list[str | None] = field(default_factory=list)
    """GitHub's anchor of each heading of the page, in order (``None``: added here)."""

    def add(self, line: str, code: bool = False) -> None:
        self.lines.append(line)
        self.code.append(code)

    @property
    def text(self) -> str:
        return "\n".join(self.lines).strip("\n") + "\n"


@dataclass
class Readme:
    """What a README makes: its pages in order, and what was read off it."""

    title: str
    description: str
    pages: list[Page]
    anchors: dict[str, tuple[str, str]]
    """GitHub anchor -> (page, anchor on it; ``""``: the page's own title)."""
    refs: dict[str, str]
    """Reference definitions: lower-case label -> the definition's line."""
    dropped: list[str] = field(default_factory=list)
    """What was left out, as sentences for the user."""


def code_lines(lines: Sequence[str]) -> list[bool]:
    """For each line, whether it is inside fenced code or an HTML comment."""
    flags: list[bool] = []
    fence = ""
    comment = False
    for line in lines:
        if fence:
            flags.append(True)
            closing = _FENCE.match(line)
            if closing and closing[1][0] == fence[0] and len(closing[1]) >= len(fence) \
                    and not closing[2].strip():
                fence = ""
            continue
        if comment:
            flags.append(True)
            comment = "-->" not in line
            continue
        opening = _FENCE.match(line)
        if opening and not (opening[1][0] == "`" and "`" in opening[2]):
            fence = opening[1]
            flags.append(True)
        elif line.lstrip().startswith("<!--") and "-->" not in line:
            comment = True
            flags.append(True)
        else:
            flags.append(False)
    return flags


def front_matter(lines: list[str]) -> tuple[dict[str, Any], list[str]]:
    """The front matter (a YAML mapping between ``---`` lines at the top) and the rest."""
    if not lines or lines[0].strip() != "---":
        return {}, lines
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            try:
                meta = yaml.safe_load("\n".join(lines[1:i]))
            except yaml.YAMLError:
                return {}, lines
            return (meta, lines[i + 1:]) if isinstance(meta, dict) else ({}, lines)
    return {}, lines


def headings(lines: list[str], code: list[bool]) -> dict[int, tuple[int, str]]:
    """Line index -> (level, title as written) of every heading; a setext underline's
    line maps to level 0 (to leave out)."""
    found: dict[int, tuple[int, str]] = {}
    for i, line in enumerate(lines):
        if code[i]:
            continue
        atx = _ATX.match(line)
        if atx:
            found[i] = (len(atx[1]), (atx[2] or "").strip())
            continue
        under = _SETEXT.match(line)
        if under and i and not code[i - 1] and lines[i - 1].strip() and i - 1 not in found \
                and not _NOT_PARAGRAPH.match(lines[i - 1]) \
                and (i < 2 or code[i - 2] or not lines[i - 2].strip() or i - 2 in found):
            found[i - 1] = (1 if under[1][0] == "=" else 2, lines[i - 1].strip())
            found[i] = (0, "")
    return found


def paragraphs(page: Page) -> list[tuple[int, int]]:
    """``(start, end)`` of each run of non-blank lines outside code."""
    runs: list[tuple[int, int]] = []
    start = None
    for i, (line, code) in enumerate([*zip(page.lines, page.code, strict=True), ("", False)]):
        if code or not line.strip():
            if start is not None:
                runs.append((start, i))
            start = None
        elif start is None:
            start = i
    return runs


def _tidy(page: Page, refs: dict[str, str]) -> int:
    """Drop the page's rows of badges and lone ``<p>``/``<center>`` tags, and read
    Markdown in ``<div>`` and ``<details>`` blocks, as GitHub does; return the badge
    rows dropped."""
    rows = 0
    prose = "\n".join(line for line, code in zip(page.lines, page.code, strict=True)
                      if not code).lower()
    for start, end in reversed(paragraphs(page)):
        opening = _BLOCK_OPEN.match(page.lines[start])
        if opening and "markdown" not in opening[3] and \
                prose.count(f"<{opening[2].lower()}") == prose.count(f"</{opening[2].lower()}>"):
            page.lines[start] = f"{opening[1]}{opening[3].rstrip()} markdown>"
            continue
        text = "\n".join(page.lines[start:end])
        kept = without_badges(text, refs)
        if kept == text.strip() or (kept is None and not (end - start == 1
                                                          and _WRAPPER.match(text))):
            continue  # nothing but launchers, or not badges at all
        rows += kept is not None
        if not kept and end < len(page.lines) and not page.lines[end].strip():
            end += 1  # and the blank line after it
        page.lines[start:end] = [kept] if kept else []
        page.code[start:end] = [False] if kept else []
    return rows


def _description(pages: list[Page], refs: dict[str, str]) -> str:
    for page in pages:
        for start, end in paragraphs(page):
            text = "\n".join(page.lines[start:end])
            if _NOT_PARAGRAPH.match(text) or _REF_DEF.match(text) or _SETEXT.match(text):
                continue
            plain = plain_text(text)
            if plain and without_badges(text, refs) is None:
                return plain
    return ""


def split(text: str, fallback_title: str) -> Readme:
    """The pages of a README (``text``); ``fallback_title`` when it has no ``#`` title."""
    meta, lines = front_matter(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    code = code_lines(lines)
    found = headings(lines, code)
    refs = {m[1].lower(): line for i, line in enumerate(lines)
            if not code[i] and (m := _REF_DEF.match(line))}
    split_level = 1 if sum(level == 1 for level, _ in found.values()) > 1 else 2
    shift = split_level - 1
    titled = [t for level, t in found.values() if level == 1]
    html_h1 = next((m[1] for i, line in enumerate(lines) if not code[i]
                    and (m := _HTML_H1.search(line))), "") if not titled else ""
    title = str(meta.get("title") or plain_text(titled[0] if titled else html_h1)
                or fallback_title)
    home = Page("index.md", title)
    pages, names, github = [home], Slugs("-"), Slugs("-")
    names.seen.update(RESERVED)
    page, first_h1 = home, True
    for i, line in enumerate(lines):
        level, written = found.get(i, (-1, ""))
        if level == 0 or (not code[i] and _REF_DEF.match(line)):
            continue
        if level < 0:
            page.add(line, code[i])
            continue
        anchor = github.unique(github_slug(plain_text(written)))
        if level == split_level and not (level == 1 and first_h1 and page is home):
            heading = plain_text(written) or f"Section {len(pages)}"
            name = names.unique(toc_slug(heading)[:60].strip("-") or "section")
            page = Page(f"{name}.md", heading)
            pages.append(page)
        first_h1 = first_h1 and level != 1
        page.add("#" * (1 if page is home and level == 1 else max(1, level - shift))
                 + " " + written)
        page.github.append(anchor)
    if html_h1:  # <h1 align="center">: the page keeps it, and is titled by it
        home.lines[:0] = ["---", f"title: {json.dumps(title)}", "---", ""]
        home.code[:0] = [True] * 4
    elif not any(re.match(r"^# ", line) for line in home.lines):
        home.lines[:0], home.code[:0] = [f"# {title}", ""], [False, False]
        home.github.insert(0, None)
    dropped: list[str] = []
    for page in list(pages[1:]):
        body = [line for line in page.lines[1:] if line.strip()]
        if page.title.lower() in _TOC_TITLES and all(_TOC_LINE.match(b) for b in body):
            pages.remove(page)
            dropped.append(f"the section '{page.title}' (the site's navigation lists "
                           "the pages)")
    urls = {label: m[2] for label, line in refs.items() if (m := _REF_DEF.match(line))}
    rows = sum(_tidy(page, urls) for page in pages)
    if rows:
        dropped.append(f"{rows} row{'s' * (rows != 1)} of badges")
    if len(home.lines) <= 2 and len(pages) > 1 and not any(s.strip() for s in home.lines[1:]):
        pages.remove(home)  # nothing but a title: the overview is the home page
    description = str(meta.get("description") or _description(pages, urls))
    return Readme(title, description, pages, _anchors(pages), refs, dropped)


def _anchors(pages: list[Page]) -> dict[str, tuple[str, str]]:
    anchors: dict[str, tuple[str, str]] = {}
    for page in pages:
        ids = Slugs("_")
        heads = [plain_text(m[2] or "") for i, line in enumerate(page.lines)
                 if not page.code[i] and (m := _ATX.match(line))]
        for n, (gh, head) in enumerate(zip(page.github, heads, strict=False)):
            toc = ids.unique(toc_slug(head))
            if gh is not None:
                anchors.setdefault(gh, (page.name, "" if n == 0 else toc))
    return anchors
