"""Numbers as authors write them in a metric: ``0.91``, ``1,234``, ``0,89``, ``1.5e-3``.

A comma followed by groups of exactly three digits after a first group of one to three
(``1,234``, ``12,345,678``) separates thousands; any other single comma is a decimal
comma (``0,89``). A number that could be read two ways (``1.234,5``, ``1,23,4``, or a
``1,234`` beside a decimal comma) is not read at all: a metric then shows no change
rather than a wrong one. The change is written in the authors' own style.
"""

from __future__ import annotations

import math
import re

from ..lazydata import dataclass

_NUMBER = re.compile(
    r"\s*(?P<sign>[-+\u2212]?)"
    r"(?:(?P<grouped>[1-9]\d{0,2}(?:,\d{3})+)(?:\.(?P<gfrac>\d*))?"
    r"|(?P<int>\d+)(?:(?P<point>[.,])(?P<frac>\d*))?"
    r"|\.(?P<dfrac>\d+))"
    r"(?:(?P<e>[eE])(?P<exp>[-+\u2212]?\d{1,4}))?"
)
_AMBIGUOUS_END = re.compile(r"[.,'_\s\u00a0\u202f]?\d|[eE][-+\u2212]?\d")
"""After a number: more digits (``1.234,5``, ``1,23,4``, ``1e99999``, or after a space,
an apostrophe or an underscore between groups: ``12 345``, ``1'234``, ``1_000``) mean it
was not read right."""
_MAX_DECIMALS = 15
"""A float holds no more: a change is never shown with more decimals than this."""
_MAX_MANTISSA = 6
"""Decimals of a change in scientific notation at most (``+1.234568e-3``)."""


@dataclass(frozen=True)
class Number:
    """One number as written: its value and how it was written."""

    value: float
    end: int
    """Where the number ends in the text (the unit follows)."""
    decimals: int
    """Digits after the decimal mark, counted in absolute terms (``1.5e-3``: 4)."""
    comma: bool = False
    """Written with a decimal comma (``0,89``)."""
    grouped: bool = False
    """Written with commas between thousands (``12,345``)."""
    exponent: str = ""
    """``e`` or ``E`` when written in scientific notation."""


def read_number(text: str | None) -> Number | None:
    """The number at the start of ``text``; ``None`` when there is none or it is ambiguous."""
    if text is None:
        return None
    text = str(text)
    match = _NUMBER.match(text)
    if not match or _AMBIGUOUS_END.match(text, match.end()):
        return None
    sign = "-" if match["sign"] in ("-", "\u2212") else ""
    exp = int((match["exp"] or "0").replace("\u2212", "-"))
    if match["grouped"]:
        whole, frac = match["grouped"].replace(",", ""), match["gfrac"] or ""
    elif match["int"] is not None:
        whole, frac = match["int"], match["frac"] or ""
    else:
        whole, frac = "0", match["dfrac"]
    value = float(f"{sign}{whole}.{frac or '0'}e{exp}")
    if not math.isfinite(value):
        return None
    return Number(value, match.end(), max(len(frac) - exp, 0),
                  comma=match["point"] == ",", grouped=bool(match["grouped"]),
                  exponent=match["e"] or "")


def change(value: Number, base: Number) -> str:
    """``value - base`` with its sign, in the style both were written in: ``+0,11``,
    ``+1.3e-3``, ``+11,111``; ``""`` when the two are written in ways that clash."""
    if (value.comma and base.grouped) or (base.comma and value.grouped):
        return ""  # 1,234 beside 0,89: a thousand or one and a bit?
    decimals = max(value.decimals, base.decimals)
    delta = round(value.value - base.value, decimals)
    exponent = value.exponent or base.exponent
    if exponent:
        if not delta:
            return "+0"
        power = math.floor(math.log10(abs(delta)))
        digits = min(max(decimals + power, 0), _MAX_MANTISSA)
        mantissa, _, exp = f"{delta:+.{digits}e}".partition("e")
        text = f"{mantissa}{exponent}{int(exp)}"
    else:
        decimals = min(decimals, _MAX_DECIMALS)
        group = "," if value.grouped or base.grouped else ""
        text = f"{delta:+{group}.{decimals}f}"
    return text.replace(".", ",") if value.comma or base.comma else text


def relative_change(value: Number, base: Number) -> str:
    """``value`` against ``base`` in per cent of ``base``, with its sign and one decimal
    at most: ``+6.8%`` (73 to 78), ``-50%``; ``""`` for a baseline of zero or numbers
    written in ways that clash."""
    if not base.value or not change(value, base):
        return ""
    ratio = round((value.value - base.value) / abs(base.value) * 100, 1)
    text = f"{ratio:+.1f}".removesuffix(".0")
    if text in ("+0", "-0"):
        text = "+0"
    return (text.replace(".", ",") if value.comma or base.comma else text) + "%"
