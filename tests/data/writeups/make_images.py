"""Draw the writeups' images: simple charts, scans and diagrams, each under 2 KB.

To draw them again (Pillow needed), from the repository's root::

    python tests/data/writeups/make_images.py tests/data/writeups
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw

RGB = tuple[int, int, int]
BG, INK, A, B, C = (255, 255, 255), (40, 40, 48), (0, 121, 107), (230, 120, 30), (200, 200, 210)


def save(img: Image.Image, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    img.convert("P", palette=Image.Palette.ADAPTIVE, colors=8).save(path, optimize=True)
    assert path.stat().st_size < 2048, path


def canvas(w: int, h: int) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    img = Image.new("RGB", (w, h), BG)
    return img, ImageDraw.Draw(img)


def axes(d: ImageDraw.ImageDraw, w: int, h: int) -> None:
    d.line([(20, 10), (20, h - 20), (w - 10, h - 20)], fill=INK)


def curve(path: Path, series: list[tuple[list[float], RGB]], w: int = 240, h: int = 140) -> None:
    img, d = canvas(w, h)
    axes(d, w, h)
    for ys, col in series:
        n = len(ys)
        d.line([(20 + i * (w - 35) / (n - 1), h - 20 - y * (h - 35)) for i, y in enumerate(ys)],
               fill=col, width=2)
    save(img, path)


def bars(path: Path, values: list[tuple[float, RGB]], w: int = 240, h: int = 140) -> None:
    img, d = canvas(w, h)
    axes(d, w, h)
    bw = (w - 40) / len(values)
    for i, (v, col) in enumerate(values):
        x = 25 + i * bw
        d.rectangle((x, h - 20 - v * (h - 35), x + bw * 0.7, h - 21), fill=col)
    save(img, path)


def scans(path: Path, n: int = 4, w: int = 260, h: int = 100) -> None:
    """``n`` pages of text side by side, every other one with a black bar."""
    img, d = canvas(w, h)
    for i in range(n):
        x, pw = 8 + i * (w - 8) / n, (w - 8) / n - 8
        d.rectangle((x, 8, x + pw, h - 8), outline=INK, fill=(248, 248, 244))
        for j in range(6):
            d.line([(x + 5, 16 + j * 12), (x + pw - 5, 16 + j * 12)], fill=C, width=2)
        if i % 2 == 0:
            d.rectangle((x + 6, 30 + i * 4, x + pw * 0.7, 38 + i * 4), fill=(0, 0, 0))
    save(img, path)


def matrix(path: Path, cells: list[list[float]], w: int = 140) -> None:
    img, d = canvas(w, w)
    s = (w - 20) / len(cells)
    for r, row in enumerate(cells):
        for c, v in enumerate(row):
            g = int(255 - v * 200)
            d.rectangle((10 + c * s, 10 + r * s, 10 + (c + 1) * s - 2, 10 + (r + 1) * s - 2),
                        fill=(g, 255 - int(v * 80), g))
    save(img, path)


def boxes(path: Path, n: int, w: int = 300, h: int = 90) -> None:
    """``n`` boxes joined by arrows: a pipeline."""
    img, d = canvas(w, h)
    bw = (w - 20) / n
    for i in range(n):
        x = 10 + i * bw
        d.rectangle((x + 4, 25, x + bw - 14, h - 25), outline=A, width=2)
        if i < n - 1:
            d.line([(x + bw - 12, h / 2), (x + bw + 2, h / 2)], fill=INK, width=2)
    save(img, path)


def screenshot(path: Path, w: int = 320, h: int = 200) -> None:
    img, d = canvas(w, h)
    d.rectangle((0, 0, w, 22), fill=A)
    d.rectangle((12, 36, w - 12, 120), outline=C, fill=(250, 250, 250))
    for j in range(5):
        d.line([(20, 46 + j * 14), (w - 40 - j * 20, 46 + j * 14)], fill=C, width=3)
    d.rectangle((20, 62, 120, 70), fill=B)
    d.rectangle((140, 90, 230, 98), fill=(90, 140, 220))
    d.rectangle((12, 140, 110, 166), fill=A)
    save(img, path)


def main(out: Path) -> None:
    blog = out / "blog-series/docs/images"
    scans(blog / "redacted-samples.png")
    curve(blog / "first-run-loss.png", [
        ([0.9, 0.7, 0.55, 0.45, 0.41, 0.40, 0.42, 0.47, 0.52], B),
        ([0.95, 0.62, 0.44, 0.33, 0.25, 0.2, 0.16, 0.13, 0.11], A)])
    scans(blog / "crop-cut-redaction.png", n=3)
    matrix(blog / "confusion-matrix.png", [[0.8, 0.1, 0.1], [0.15, 0.7, 0.15], [0.05, 0.2, 0.75]])
    bars(blog / "latency.png", [(0.9, C), (0.45, A), (0.2, B)])
    readme = out / "readme-project/docs/images"
    boxes(readme / "arch.png", 4)
    scans(readme / "example-trial.png", n=2)
    bars(readme / "label-counts.png", [(0.9, A), (0.6, A), (0.35, B), (0.2, B), (0.1, C)])
    curve(readme / "training-curve.png", [([0.1, 0.4, 0.58, 0.66, 0.7, 0.72, 0.73, 0.735], A)])
    matrix(readme / "confusion.png", [[0.85, 0.1, 0.05, 0], [0.1, 0.8, 0.05, 0.05],
                                      [0.1, 0.1, 0.7, 0.1], [0.05, 0.05, 0.2, 0.7]])
    bars(readme / "per-label-f1.png", [(0.84, A), (0.79, A), (0.66, B), (0.58, B)])
    curve(readme / "pr-curve.png", [([0.98, 0.95, 0.9, 0.86, 0.8, 0.7, 0.55, 0.3], A),
                                    ([0.9, 0.85, 0.78, 0.7, 0.6, 0.48, 0.33, 0.15], B)])
    screenshot(readme / "demo-screenshot.png")
    scans(readme / "logo.png", n=1, w=70, h=70)
    tutorial = out / "tutorial/docs/img"
    boxes(tutorial / "pipeline.png", 3)
    curve(tutorial / "loss.png", [([0.95, 0.6, 0.42, 0.33, 0.28, 0.25, 0.23, 0.22], A)])


if __name__ == "__main__":
    main(Path(sys.argv[1]))
