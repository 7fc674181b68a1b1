"""Small helpers shared by the parts of the Markdown extension."""

from __future__ import annotations

import html
import os
import re
import unicodedata
import xml.etree.ElementTree as etree
from collections.abc import Iterator, Sequence
from typing import Any

try:  # inside MkDocs a PluginError stops the build with our message, not a traceback
    from mkdocs.exceptions import PluginError as _ErrorBase
except ImportError:  # plain Python-Markdown, Zensical
    _ErrorBase = ValueError  # type: ignore[assignment,misc]

STASH_RE = re.compile("\x02wzxhzdk:\\d+\x03")
"""Placeholders that Python-Markdown leaves in the tree for stashed raw HTML and code."""

AMP_RE = re.compile("\x02amp\x03(#?\\w+;)?")
"""Python-Markdown's stand-in for an ``&`` that starts an entity (toc's permalink ``&para;``)."""

CHAR_REF_RE = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);")
"""A character reference (``&amp;``, ``&#169;``, ``&#xA9;``): Python-Markdown stashes each
one as raw HTML, and the reader sees its character."""

SKIP_TEXT = frozenset({"pre", "code", "script", "style", "kbd", "samp", "svg", "math"})
"""Elements whose text is not prose."""

CODE_OPEN, CODE_CLOSE = "\ue000", "\ue001"
"""Around inline code in an excerpt (a page's first paragraph, a block's gist): private-use
characters, which no prose holds, so that the overview shows the code as ``<code>``
(see ``overview.summary.excerpt_html``) and a cut never falls inside it."""
_NO_MARKS = {ord(CODE_OPEN): None, ord(CODE_CLOSE): None}
_TAG_RE = re.compile(r"<[^>]*>")


class PortfolioError(_ErrorBase):
    """Bad input that must stop the build, with a message naming page and file."""


def mtime_ns(path: str | os.PathLike[str]) -> int | None:
    """A file's modification time in nanoseconds; ``None`` when it is missing."""
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return None


def slugify(text: str) -> str:
    """A stable, unicode-aware anchor slug: ``Fine-tuning BERT!`` -> ``fine-tuning-bert``."""
    text = unicodedata.normalize("NFKC", text).strip().lower()
    text = re.sub(r"[^\w\s-]", "", text)
    return re.sub(r"[\s_-]+", "-", text).strip("-")


def classes(el: etree.Element) -> list[str]:
    """The class names of an element."""
    return (el.get("class") or "").split()


def prose_text(el: etree.Element, stash: Sequence[object] = (), code: bool = False) -> str:
    """The text of an element without code, scripts or stash placeholders (a stashed
    character reference, looked up in ``stash``, is its character: see :func:`plain`).

    With ``code``, inline code is kept, between :data:`CODE_OPEN` and :data:`CODE_CLOSE`
    (an excerpt for the reader; the typo check and word counts take the text without)."""
    parts: list[str] = []

    def walk(node: etree.Element) -> None:
        if code and node.tag == "code":
            parts.append(CODE_OPEN + code_text(node, stash) + CODE_CLOSE)
        elif node.tag not in SKIP_TEXT and not is_permalink(node):
            if node.text:
                parts.append(node.text.translate(_NO_MARKS) if code else node.text)
            for child in node:
                walk(child)
        if node is not el and node.tail:
            parts.append(node.tail.translate(_NO_MARKS) if code else node.tail)

    walk(el)
    return plain("".join(parts), stash)


def code_text(el: etree.Element, stash: Sequence[object] = ()) -> str:
    """The text of an inline ``<code>`` as the reader sees it, on one line: Python-Markdown
    escapes it (``&lt;``) and stashes it, highlighted, under ``pymdownx.inlinehilite``."""
    text = "".join(el.itertext())
    if "\x02" in text:
        text = STASH_RE.sub(lambda m: _TAG_RE.sub("", str(stashed(m, stash) or "")), text)
    text = html.unescape(text).translate(_NO_MARKS)
    return " ".join(clean_text(text).split())


def plain(text: str, stash: Sequence[object] = ()) -> str:
    """Text from the tree as a reader sees it: stash placeholders dropped (but those of
    ``stash``, ``md.htmlStash.rawHtmlBlocks``, that hold a character reference replaced by
    its character), Python-Markdown's ``&`` stand-in resolved, white space collapsed."""
    if "\x02" in text:  # most texts have none

        def unstash(match: re.Match[str]) -> str:
            raw = stashed(match, stash)
            if isinstance(raw, str) and CHAR_REF_RE.fullmatch(raw):
                return html.unescape(raw)
            return " "

        text = STASH_RE.sub(unstash, text)
        text = AMP_RE.sub(lambda m: html.unescape("&" + (m[1] or "")), text)
    return " ".join(clean_text(text).split())


def stashed(match: re.Match[str], stash: Sequence[object]) -> object | None:
    """The raw HTML a stash placeholder (a match of :data:`STASH_RE`) stands for, if any."""
    index = int(match[0][9:-1])
    return stash[index] if index < len(stash) else None


def raw_html(md: Any) -> Sequence[object]:
    """The raw HTML that a Markdown instance stashed (for :func:`plain`); none without one."""
    return md.htmlStash.rawHtmlBlocks if md is not None else ()


def is_permalink(el: etree.Element) -> bool:
    """The ``¶`` link that toc's ``permalink`` appends to a heading: not prose."""
    return el.tag == "a" and "headerlink" in classes(el)


def iter_with_parent(
    root: etree.Element,
) -> Iterator[tuple[etree.Element, etree.Element]]:
    """Every ``(parent, child)`` pair below ``root``, in document order."""
    for parent in root.iter():
        for child in parent:
            yield parent, child


def first_sentence(text: str, words: int = 30) -> str:
    """The first sentence of ``text``, or its first ``words`` words with an ellipsis
    (never cut inside a marked code span: see :data:`CODE_OPEN`)."""
    text = " ".join(text.split())
    sentence = text
    for match in re.finditer(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])", text):
        if not inside_code(text, match.start()):
            sentence = text[: match.start()]
            break
    tokens = sentence.split()
    if len(tokens) > words:
        return close_code(" ".join(tokens[:words]).rstrip(",;:")) + "…"
    return sentence


def inside_code(text: str, index: int) -> bool:
    """Whether ``text[index]`` is inside a marked code span."""
    if CODE_OPEN not in text:
        return False
    before = text[:index]
    return before.count(CODE_OPEN) > before.count(CODE_CLOSE)


def unmarked(text: str) -> str:
    """``text`` without the characters that mark code spans (text an author wrote)."""
    return text.translate(_NO_MARKS)


def close_code(text: str) -> str:
    """``text``, cut, with the code span it was cut in closed."""
    return text + CODE_CLOSE if inside_code(text, len(text)) else text


_LINE_BREAK = re.compile(r"\r\n?|\n")


def split_lines(text: str) -> list[str]:
    """The lines of a file as editors, forges and Python number them: broken at ``\\n``,
    ``\\r\\n`` and ``\\r`` only (``str.splitlines`` also breaks at form feeds, ``\\x85``,
    ``\\u2028`` and more), without the line end; no last empty line after a final break."""
    lines = _LINE_BREAK.split(text)
    if lines[-1] == "":
        lines.pop()
    return lines


def clean_text(text: str) -> str:
    """Text as it may reach a page or the report: without NUL characters (HTML has no
    place for them: a browser shows U+FFFD or nothing)."""
    return text.replace("\0", "") if "\0" in text else text


def is_blank(text: str) -> bool:
    """Whether ``text`` shows nothing: only white space, control (Cc) and format (Cf)
    characters (``"\\0"``, a zero-width space ``\\u200b``, a word joiner ``\\u2060``)."""
    return all(ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf") for ch in text)
