"""Import ``pymdownx.blocks.html`` (which the caption extension imports) without its
40-100 ms of regular-expression compiling.

At import, ``pymdownx/blocks/html.py`` compiles four CSS-selector patterns with
``re.I | re.X``. Each holds the classes ``[A-Za-z_\\x80-\\U0010ffff]`` and
``[-0-9A-Za-z_\\x80-\\U0010ffff]``, ten in all, and for every one Python's compiler
walks each BMP character of the range, case-folding it under ``re.I``; without
``re.I`` it still walks them, about half as slowly. Every build pays this, since
the plugin adds ``pymdownx.blocks.caption`` whenever figures are on.

The ``re.I`` is only nominal: no ASCII character other than a letter case-folds into
those classes, so they match the same characters with or without it; and the one
other class it touches, the hexadecimal digits ``[a-f0-9]`` of a CSS escape, matches
under ``re.I`` exactly what ``[a-fA-F0-9]`` matches without. Written as the ASCII
characters they leave out (``[^\\x00-\\x40...]``), the two identifier classes compile
in microseconds. So while we import the module, ``re.compile`` compiles exactly
those four pattern strings, with exactly those flags, as the same patterns written
that way without ``re.I``, and everything else as before. The strings are rebuilt
here the way ``html.py`` builds them: if pymdownx changes a pattern, ours no longer
equals it and its own compiles, slower and never different.
(``tests/test_fastcaption.py`` checks the equivalence and that the rewrite applies.)
"""

from __future__ import annotations

import importlib
import re
import sys
from typing import Any

MODULE = "pymdownx.blocks.html"

_FLAGS = re.I | re.X
_WS = r"(?:[ \t])"


def _patterns(hex_digit: str, ident_start: str, ident_char: str) -> tuple[str, ...]:
    """The patterns ``html.py`` compiles with ``re.I | re.X``, built as it builds them
    (RE_IDENT, RE_ID, RE_CLASS, RE_ATTR), from the three classes given."""
    css_escapes = rf"(?:\\(?:{hex_digit}{{1,6}}{_WS}?+|[^\r\n\f]|$))"
    identifier = rf'''
(?:(?:--|-?+(?:{ident_start}|{css_escapes}))
(?:{ident_char}|{css_escapes})*+)
'''
    value = rf'''
(?:"(?:\\.|[^\\"\r\n\f])*+"|'(?:\\.|[^\\'\r\n\f])*+'|{identifier}++)
'''
    attr = rf'''
(?:{_WS}*+(?P<cmp>=){_WS}*+(?P<value>{value}))?+
'''
    return (identifier, rf"\#{identifier}", rf"\.{identifier}",
            rf"{_WS}*+(?P<attr_name>{identifier}){attr}")


_REWRITE = dict(zip(
    _patterns(r"[a-f0-9]", r"[A-Za-z_\x80-\U0010ffff]", r"[-0-9A-Za-z_\x80-\U0010ffff]"),
    _patterns(r"[a-fA-F0-9]",
              r"[^\x00-\x40\x5b-\x5e\x60\x7b-\x7f]",            # all but A-Z a-z _
              r"[^\x00-\x2c\x2e\x2f\x3a-\x40\x5b-\x5e\x60\x7b-\x7f]"),  # and - 0-9
    strict=True,
))
"""Each pattern ``html.py`` compiles with ``re.I | re.X`` -> the same, for ``re.X``."""


def import_html_blocks() -> None:
    """Import ``pymdownx.blocks.html`` the cheap way, unless it is imported already.

    Call it before Markdown loads ``pymdownx.blocks.caption``. ``re.compile`` is
    replaced for the length of the import only; a pattern compiled meanwhile by
    another thread goes to the real one unchanged.
    """
    if MODULE in sys.modules:
        return
    real = re.compile

    def compile(pattern: Any, flags: Any = 0) -> re.Pattern[Any]:
        if flags == _FLAGS and isinstance(pattern, str) and pattern in _REWRITE:
            return real(_REWRITE[pattern], re.X)
        return real(pattern, flags)

    re.compile = compile  # type: ignore[assignment]
    try:
        importlib.import_module(MODULE)
    finally:
        re.compile = real
