"""Lines of a page's Markdown source, to point a finding at the line to edit.

The facts of a page come from its element tree, which knows no line numbers;
the audit looks the word or link up in the Markdown text instead, skipping the
front matter and fenced code (where a word in prose cannot be).

A fence opens, as in CommonMark, with three or more backticks or tildes and an info
string, which for backticks holds no backtick (```` ```Condition``` is the field ````
is a line of prose that starts with inline code); it closes with a run of the same
character at least as long and nothing else. Fences nested in admonitions, tabs or
lists are indented: any indentation (and blockquote marks) is taken.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from ..markdown.util import split_lines

FRONT_MATTER_END = re.compile(r"^(---|\.\.\.)\s*$")
FENCE = re.compile(r"^\s*(?:>\s*)*(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
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
                    and not match["info"].strip():
                fence = ""
            continue
        if match and not (match["fence"][0] == "`" and "`" in match["info"]):
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


def find_lines(source: str, needle: str) -> list[int]:
    """Each prose line holding ``needle``, once for each time it holds it, in order."""
    if not needle:
        return []
    return [number for number, line in prose_lines(source) for _ in range(line.count(needle))]


class Places:
    """Where each occurrence of a text is written on a page, in page order: the nth time
    a finding meets a text (a path, a link's target), it is at the nth line holding it."""

    def __init__(self, lines_of: Callable[[str], list[int]]) -> None:
        self._lines_of = lines_of
        """The lines holding a text, in order (looked up once per text, when needed)."""
        self._lines: dict[str, list[int]] = {}
        self._seen: dict[str, int] = {}

    def count(self, text: str) -> int:
        """Meet ``text`` once more: how many times it was met before."""
        nth = self._seen[text] = self._seen.get(text, -1) + 1
        return nth

    def line(self, text: str, nth: int, *, last: bool = False) -> int | None:
        """The line of the ``nth`` occurrence of ``text``; past the last one, ``None``
        (or, with ``last``, the last line)."""
        if text not in self._lines:
            self._lines[text] = self._lines_of(text)
        found = self._lines[text]
        if nth < len(found):
            return found[nth]
        return found[-1] if last and found else None


INLINE_CODE = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)")
REF_DEFINITION = re.compile(
    r"^\s*(?:>\s*)*\[(?P<label>[^\]]+)\]:\s*(?:<(?P<angled>[^>]*)>|(?P<url>\S+))")
"""A reference definition: ``[label]: target``."""
REF_USE = re.compile(r"\[(?P<text>[^\[\]]*)\]\[(?P<label>[^\[\]]*)\]"
                     r"|(?<!\])\[(?P<short>[^\[\]]+)\](?![\[(:])")
"""A reference link: ``[text][label]``, ``[label][]`` or ``[label]``."""


def _label(text: str) -> str:
    return " ".join(text.split()).casefold()


def _link_patterns(target: str) -> re.Pattern[str]:
    """Where ``target`` is written as a link's target: ``[text](target "title")``,
    ``<target>`` or ``href="target"``."""
    t = re.escape(target)
    return re.compile(
        rf"(?P<inline>\]\(\s*<?{t}>?(?=[\s)]))"
        rf"|<{t}>"
        rf"|\bhref\s*=\s*(?:\"{t}\"|'{t}'|{t}(?=[\s>]))",
        re.IGNORECASE)


def _is_image(line: str, bracket: int) -> bool:
    """Whether the ``]`` at ``bracket`` closes the alt text of an image ``![...]``."""
    depth = 0
    for i in range(bracket, -1, -1):
        if line[i] == "]":
            depth += 1
        elif line[i] == "[":
            depth -= 1
            if depth == 0:
                return i > 0 and line[i - 1] == "!"
    return False


def link_lines(source: str, target: str) -> list[int]:
    """The prose line of each link to ``target``, in page order (a line twice when it
    holds two): inline links, autolinks and raw HTML ``href`` where the target is
    written, reference links where they are used (their definition's line when none
    is). Images are not links."""
    if not target:
        return []
    lines = [(number, INLINE_CODE.sub(lambda m: " " * len(m.group()), line))
             for number, line in prose_lines(source)]
    labels: set[str] = set()
    definitions: list[int] = []
    for number, line in lines:
        match = REF_DEFINITION.match(line)
        if match and (match["angled"] if match["angled"] is not None else match["url"]) == target:
            labels.add(_label(match["label"]))
            definitions.append(number)
    pattern = _link_patterns(target)
    found: list[int] = []
    for number, line in lines:
        places: list[int] = []
        if target in line:
            places += [m.start() for m in pattern.finditer(line)
                       if not (m["inline"] and _is_image(line, m.start()))]
        if labels and number not in definitions:
            for use in REF_USE.finditer(line):
                label = (use["label"] or use["text"]) if use["short"] is None else use["short"]
                if _label(label) in labels and line[use.start() - 1:use.start()] != "!":
                    places.append(use.start())
        found += [number] * len(places)
    return found or definitions
