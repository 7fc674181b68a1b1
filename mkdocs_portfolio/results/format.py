"""A number from a results file, written as the page shows it, and checked against the
number an author wrote by hand."""

from __future__ import annotations

from ..markdown.numbers import Number

MAX_PRECISION = 15
"""Decimals at most (a float holds no more)."""


def shown(value: float, held: str, precision: int | None, like: Number | None = None) -> str:
    """``value`` with ``precision`` decimals; without one, with as many as the author's
    own number ``like`` has; without either, as the file holds it (``held``)."""
    if precision is None and like is not None and not like.exponent:
        precision = like.decimals
    if precision is None:
        return held
    text = f"{value:.{min(precision, MAX_PRECISION)}f}"
    return "0" + text[2:] if text.startswith("-0") and not text.strip("-0.") else text


def agrees(value: float, written: Number) -> bool:
    """Whether the file's ``value`` is the author's ``written`` number, to as many
    decimals as the author wrote (0.871 is 0.87, not 0.89)."""
    if written.exponent:
        return bool(abs(value - written.value) <= abs(written.value) * 1e-6)
    half = 0.5 * 10 ** -written.decimals
    return bool(abs(value - written.value) <= half * (1 + 1e-9))
