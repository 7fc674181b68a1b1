"""Card images for link previews: 1200x630 PNGs drawn at build time, no network.

Drawn with Pillow in Roboto, Material's own font, from the ``font-roboto`` package (both
in ``pip install "mkdocs-portfolio[cards]"``; without it, in the font Pillow ships, which
has ASCII letters only), in the palette's primary colour. A card is kept in the per-machine cache
folder under the digest of everything it shows: a build draws only the cards whose text
or colours changed since any earlier build.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
from collections.abc import Callable, Mapping
from dataclasses import astuple
from pathlib import Path
from typing import Any

from ..cache import cache_dir, write_atomic
from ..lazydata import dataclass

WIDTH, HEIGHT = 1200, 630
FORMAT = 2
"""Bumped when the drawing changes, so that cached cards are drawn again."""
MARGIN = 80

# Material for MkDocs' primary colours (its palette's --md-primary-fg-color).
PRIMARY = {
    "red": "#ef5350", "pink": "#e91e63", "purple": "#ab47bc", "deep-purple": "#7e56c2",
    "indigo": "#4051b5", "blue": "#2094f3", "light-blue": "#02a6f2", "cyan": "#00bdd6",
    "teal": "#009485", "green": "#4cae4f", "light-green": "#8bc34b", "lime": "#cbdc38",
    "yellow": "#ffec3d", "amber": "#ffc105", "orange": "#ffa724", "deep-orange": "#ff6e42",
    "brown": "#795649", "grey": "#757575", "blue-grey": "#546d78", "black": "#000000",
    "white": "#ffffff",
}
DEFAULT_PRIMARY = "indigo"


@dataclass(frozen=True)
class Card:
    """What one card shows."""

    site_name: str
    title: str
    text: str = ""
    """A line under the title: the page's summary, or the overview's tagline."""
    metric: str = ""
    """The headline result (the overview's card), shown large at the bottom."""
    footer: str = ""
    """The site's address, at the bottom."""
    background: str = PRIMARY[DEFAULT_PRIMARY]

    @property
    def digest(self) -> str:
        data = "\0".join(map(str, (FORMAT, WIDTH, HEIGHT, *astuple(self))))
        return hashlib.blake2b(data.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


def palette_colour(palette: Any) -> str:
    """The hex colour of the theme's (first) palette's ``primary``."""
    first = palette[0] if isinstance(palette, list) and palette else palette
    name = first.get("primary") if isinstance(first, Mapping) else None
    key = str(name).strip().lower().replace(" ", "-") if name else DEFAULT_PRIMARY
    return PRIMARY.get(key, PRIMARY[DEFAULT_PRIMARY])


def _rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _ink(background: tuple[int, int, int]) -> tuple[int, int, int]:
    """Black or white text, whichever reads better on ``background`` (WCAG luminance)."""
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in background)
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return (0, 0, 0) if (luminance + 0.05) / 0.05 > 1.05 / (luminance + 0.05) else \
        (255, 255, 255)


def _lines(text: str, fits: Callable[[str], bool], most: int) -> list[str]:
    """``text`` broken into at most ``most`` lines that fit, the last one cut with an
    ellipsis when the text goes on. A word longer than a line is cut."""
    lines: list[str] = []
    words = text.split()
    while words and len(lines) < most:
        line = words.pop(0)
        if not fits(line):  # a word wider than the card: cut, the rest on the next line
            cut = len(line) - 1
            while cut > 1 and not fits(line[:cut]):
                cut -= 1
            words.insert(0, line[cut:])
            line = line[:cut]
        while words and fits(f"{line} {words[0]}"):
            line = f"{line} {words.pop(0)}"
        lines.append(line)
    if words and lines:
        last = lines[-1]
        while last and not fits(f"{last}…"):
            last = last[:-1].rstrip()
        lines[-1] = f"{last}…"
    return lines


def _roboto(bold: bool) -> str | None:
    """The path of Roboto (bold or regular) from the ``font-roboto`` package, if installed."""
    spec = importlib.util.find_spec("font_roboto")
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / "files" / f"Roboto-{'Bold' if bold else 'Regular'}.ttf"
    return str(path) if path.is_file() else None


@functools.cache
def _font(size: int, bold: bool) -> Any:
    from PIL import ImageFont

    path = _roboto(bold)
    return ImageFont.truetype(path, size) if path else ImageFont.load_default(size=size)


def draw(card: Card) -> bytes:
    """The card as PNG bytes."""
    import io

    from PIL import Image, ImageDraw

    background = _rgb(card.background)
    ink = _ink(background)
    soft = tuple(round(i * 0.8 + b * 0.2) for i, b in zip(ink, background, strict=True))
    image = Image.new("RGB", (WIDTH, HEIGHT), background)
    pen = ImageDraw.Draw(image)
    width = WIDTH - 2 * MARGIN

    def block(text: str, size: int, most: int, y: int, colour: Any, bold: bool = False,
              ) -> int:
        face = _font(size, bold)
        for line in _lines(text, lambda t: pen.textlength(t, font=face) <= width, most):
            pen.text((MARGIN, y), line, font=face, fill=colour)
            y += round(size * 1.25)
        return y

    y = block(card.site_name, 34, 1, MARGIN - 10, soft, bold=True)
    y = block(card.title, 68, 3, y + 36, ink, bold=True)
    bottom = HEIGHT - MARGIN + 10
    room = bottom - 70 - (y + 24)  # down to the metric or the address
    block(card.text, 34, max(0, room // round(34 * 1.25)), y + 24, soft)
    if card.metric:
        block(card.metric, 48, 1, bottom - 60, ink, bold=True)
    elif card.footer:
        block(card.footer, 30, 1, bottom - 36, soft)
    pen.rectangle((0, HEIGHT - 16, WIDTH, HEIGHT), fill=ink)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def cached(card: Card, folder: Path | None = None) -> Path:
    """The card's PNG in the cache folder, drawn when it is not there."""
    folder = folder or cache_dir() / "cards"
    path = folder / f"{card.digest}.png"
    if path.is_file():
        return path
    # Another build drawing the same card at the same time writes the same bytes.
    if not write_atomic(path, draw(card)):
        raise OSError(f"cannot write the card into the cache folder '{folder}'")
    return path


def pillow_missing() -> bool:
    """Whether Pillow is not installed (looked up, not imported: a build whose cards are
    all in the cache never imports it)."""
    return importlib.util.find_spec("PIL") is None
