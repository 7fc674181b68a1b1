"""Typos in prose, found with codespell's dictionary.

codespell keeps a maintained list of common misspellings and their fixes; we
use its dictionaries (the ones its command line uses by default) through its
library, and look only at prose: the facts hold no code, inline code or front
matter, and URLs are taken out here before words are split.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from ..lazydata import dataclass
from .typocache import Lookup, load

URI = re.compile(
    r"\b[a-z][a-z0-9+.-]*://\S+"   # a URL
    r"|\bwww\.\S+"                 # a URL without its scheme
    r"|\b[\w.%+-]+@[\w-]+\.[\w.-]+"  # an e-mail address
    r"|\S+\.(?:md|html?|py|ipynb|json|ya?ml|txt|csv|png|jpe?g|svg|gif)\b",  # a file name
    re.IGNORECASE,
)
WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
"""A word: letters, with inner apostrophes (``don't``); digits and ``_`` split words."""


@dataclass(frozen=True)
class Typo:
    """A misspelt word and codespell's suggestion."""

    word: str
    suggestion: str
    """One fix, or several separated by commas."""
    count: int = 1


@functools.lru_cache(maxsize=1)
def dictionary() -> dict[str, str]:
    """codespell's default dictionaries (``clear`` and ``rare``): misspelling -> fix."""
    return _parse()[0]


def _parse() -> tuple[dict[str, str], list[str]]:
    """codespell's default dictionaries, and the files they were read from.

    Read the way codespell reads them (``word->fix``, or ``word->fix1, fix2,`` and
    an optional reason after the last comma), without building its objects.
    """
    from codespell_lib._codespell import _builtin_default, _select_builtin_dictionary

    known: dict[str, str] = {}
    paths = _select_builtin_dictionary(_builtin_default)
    for path in paths:
        with open(path, encoding="utf-8") as lines:
            for line in lines:
                key, _, data = line.partition("->")
                data = data.strip()
                if "," in data:
                    data = data.rsplit(",", 1)[0]
                known[key.lower()] = data.strip().lower()
    return known, paths


@functools.lru_cache(maxsize=1)
def known_typos() -> Lookup:
    """:func:`dictionary`, from the user's cache when it is there (see :mod:`.typocache`)."""
    return load(_parse)


def _match_case(word: str, fix: str) -> str:
    if word.isupper() and len(word) > 1:
        return fix.upper()
    if word[:1].isupper():
        return ", ".join(f[:1].upper() + f[1:] for f in fix.split(", "))
    return fix


def find_typos(texts: Iterable[str], accepted: Iterable[str] = ()) -> list[Typo]:
    """The misspelt words of ``texts`` in order of first appearance, each once."""
    known = known_typos()
    texts = list(texts)
    # Most pages have no typo: one pass over all their words finds out.
    allowed = {word.lower() for word in accepted}
    words = set(WORD.findall(" ".join(texts).lower().replace("\u2019", "'")))
    hits = known.among(words) - allowed
    if not hits:
        return []
    found: dict[str, Typo] = {}
    for text in texts:
        lowered = text.lower().replace("\u2019", "'")
        if not any(hit in lowered for hit in hits):
            continue
        for match in WORD.finditer(URI.sub(" ", text)):
            word = match.group()
            lower = word.lower().replace("\u2019", "'")
            if lower in allowed:
                continue
            fix = known.get(lower)
            if fix is None:
                continue
            if lower in found:
                old = found[lower]
                found[lower] = Typo(old.word, old.suggestion, old.count + 1)
            else:
                found[lower] = Typo(word, _match_case(word, fix))
    return list(found.values())


def page_typos(prose: list[str], accepted: Iterable[str] = ()) -> list[Typo]:
    """:func:`find_typos` of a page's prose, with ``accepted`` words in any case."""
    return find_typos(prose, frozenset(word.lower() for word in accepted))
