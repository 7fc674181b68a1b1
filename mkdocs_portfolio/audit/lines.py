"""Lines of a page's Markdown source, to point a finding at the line to edit.

The facts of a page come from its element tree, which knows no line numbers;
the audit looks the word or path up in the Markdown text instead, skipping the
front matter and fenced code (where a word in prose cannot be).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..markdown.util import split_lines

FRONT_MATTER_END = re.compile(r"^(---|\.\.\.)\s*$")
FENCE = re.compile(r"^\s*(?:>\s*)*(?P<fence>`{3,}|~{3,})")
NOT_PROSE = re.compile(
    r"`[^`]*`"                      # inline code
    r"|\]\([^)]*\)"                 # a link's target: [text](target)
    r"|<[a-z][a-z0-9+.-]*:[^>]*>"    # an autolink: <https://...>
    r"|\b[a-z][a-z0-9+.-]*://\S+",  # a bare URL
    re.IGNORECASE,
)
"""Parts of a line of Markdown that are not prose."""


def prose_lines(source: str) -> Iterator[tuple[int, str]]:
    """``(line number, text)`` of every line outside front matter and code fences."""
    lines = split_lines(source)  # numbered as the author's editor numbers them
    start = 0
    if lines and lines[0].strip() == "---":
        for i in range(1, len(lines)):
            if FRONT_MATTER_END.match(lines[i]):
                start = i + 1
                break
    fence = ""
    for number, line in enumerate(lines[start:], start=start + 1):
        match = FENCE.match(line)
        if fence:
            if match and match["fence"][0] == fence[0] and len(match["fence"]) >= len(fence) \
                    and not line.strip().lstrip(">").strip()[len(match["fence"]):].strip():
                fence = ""
            continue
        if match:
            fence = match["fence"]
            continue
        yield number, line


def find_line(source: str, needle: str, *, word: bool = False) -> int | None:
    """The first prose line holding ``needle`` (as a whole word with ``word=True``)."""
    if not needle:
        return None
    if word:
        pattern = re.compile(rf"(?<!\w){re.escape(needle)}(?!\w)", re.IGNORECASE)
        for number, line in prose_lines(source):
            if pattern.search(NOT_PROSE.sub(" ", line)):
                return number
        return None
    for number, line in prose_lines(source):
        if needle in line:
            return number
    return None
