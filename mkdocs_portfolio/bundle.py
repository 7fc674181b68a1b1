"""One stylesheet and one script for everything the plugin ships, minified.

The sources stay readable, one file per feature, in ``assets/``; a reader's
browser gets them joined into ``portfolio.css`` and ``portfolio.js`` with comments
and spacing removed: two requests, and a few kilobytes gzipped for all of it.

Minifying is most of what the assets cost a build, and its result only depends on the
sources: it is kept in the per-machine cache folder (``bundles/``), named by the
sha256 of what was minified, and checked against its own sha256 when read back. A
missing, damaged or unwritable file means minifying, as before.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable
from pathlib import Path

from . import blocktypes
from .blockstyles import block_css
from .cache import cache_dir, write_atomic

ASSETS_DIR = Path(__file__).parent / "assets"
BUNDLES = {".css": "portfolio.css", ".js": "portfolio.js"}
"""Suffix of the sources -> name of the file served under ``assets/portfolio/``."""
GALLERY = frozenset({"gallery.css", "gallery.js"})
"""Sources only a portfolio of several projects uses (its gallery, tag pages and bylines):
a site of one project goes without them."""
MADE: dict[str, Callable[[], str]] = {
    "blocks.css": lambda: block_css(blocktypes.BLOCK_TYPES.values()),
}
"""Sources that rules made from a table go in front of: each block type's look."""
FORMAT = "1"
"""Of the kept bundles: a change to the minifiers changes it, and so every name."""

_STRING = r"""(?:"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`)"""
_STRINGS = re.compile(f"({_STRING})")
_STRING_OR_COMMENT = re.compile(rf"({_STRING})|/\*.*?\*/|^[ \t]*//[^\n]*", re.S | re.M)


def _strip_comments(text: str) -> str:
    """Comments out, scanning left to right so that quotes in comments do not count."""
    return _STRING_OR_COMMENT.sub(lambda m: m.group(1) or "", text)


def _outside_strings(text: str, change: Callable[[str], str]) -> str:
    """Apply ``change`` to the parts of ``text`` that are not string literals."""
    parts = _STRINGS.split(text)
    return "".join(part if i % 2 else change(part) for i, part in enumerate(parts))


def _css_code(part: str) -> str:
    part = re.sub(r"\s+", " ", part)
    part = re.sub(r"\s*([{};,])\s*", r"\1", part)
    return part.replace(";}", "}")


def minify_css(text: str) -> str:
    """Comments and spacing out; strings (and so data URIs) kept as they are."""
    return _outside_strings(_strip_comments(text), _css_code).strip()


def _js_code(part: str) -> str:
    lines = (line.strip() for line in part.split("\n"))
    return "\n".join(line for line in lines if line)


def minify_js(text: str) -> str:
    """Comments, indentation and empty lines out; line breaks kept (no ASI surprises)."""
    return _outside_strings(_strip_comments(text), _js_code).strip()


@functools.lru_cache(maxsize=8)
def _bundle(suffix: str, stamp: tuple[tuple[str, int], ...], table: int) -> str:
    sources = [MADE.get(name, str)() + (ASSETS_DIR / name).read_text(encoding="utf-8")
               for name, _ in stamp]
    key = hashlib.sha256("\0".join([FORMAT, suffix, *sources]).encode("utf-8", "surrogatepass"))
    path = cache_dir() / "bundles" / f"{key.hexdigest()}{suffix}"
    kept = _read_kept(path)
    if kept is not None:
        return kept
    if suffix == ".css":
        made = "".join(minify_css(s) for s in sources) + "\n"
    else:
        made = "".join(f";{minify_js(s)}\n" for s in sources)
    data = made.encode("utf-8", "surrogatepass")
    write_atomic(path, hashlib.sha256(data).hexdigest().encode("ascii") + b"\n" + data)
    return made


def _read_kept(path: Path) -> str | None:
    """A kept bundle, or ``None`` if it is missing, unreadable or not what was written."""
    try:
        digest, _, data = path.read_bytes().partition(b"\n")
        if hashlib.sha256(data).hexdigest().encode("ascii") == digest:
            return data.decode("utf-8", "surrogatepass")
    except (OSError, UnicodeDecodeError):
        pass
    return None


def bundle(suffix: str, without: frozenset[str] = frozenset()) -> str:
    """The bundled, minified content of every ``assets/*<suffix>`` file (but those named in
    ``without``), in name order, with the rules made from the table of block types. Only
    the top level of ``assets/`` is joined: ``assets/vendor/`` is served on its own."""
    stamp = tuple((p.name, p.stat().st_mtime_ns) for p in sorted(ASSETS_DIR.glob(f"*{suffix}"))
                  if p.name not in without)
    return _bundle(suffix, stamp, blocktypes.generation())
