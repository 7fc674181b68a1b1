"""The pixel size of a demo's screenshot, read from its file's header.

A screenshot without ``width`` and ``height`` has no height until it loads: the
demo's stage would jump from the launch button's height to the image's. With its
size known at build time, the browser reserves the space. Only the first bytes of
the file are read (PNG, GIF, WebP), or its segment headers (JPEG), with the
standard library.
"""

from __future__ import annotations

import posixpath
import struct
from pathlib import Path
from typing import BinaryIO
from urllib.parse import unquote, urlsplit

from .paths import PathProblem, resolve_under

_MAX_SIDE = 100_000
"""A side longer than this is not a real screenshot: the header is not trusted."""
_MAX_SEGMENTS = 200
"""JPEG segments read at most before the frame header (EXIF, ICC profiles come first)."""


def image_size(path: Path) -> tuple[int, int] | None:
    """``(width, height)`` of a PNG, GIF, JPEG or WebP file; ``None`` when unknown."""
    try:
        with open(path, "rb") as f:
            head = f.read(32)
            size = _from_head(head) if len(head) >= 24 else None
            if size is None and head[:2] == b"\xff\xd8":
                size = _jpeg(f)
    except OSError:
        return None
    if size is None or not all(0 < side <= _MAX_SIDE for side in size):
        return None
    return size


def _from_head(head: bytes) -> tuple[int, int] | None:
    if head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR":
        width, height = struct.unpack(">II", head[16:24])
        return width, height
    if head[:6] in (b"GIF87a", b"GIF89a"):
        width, height = struct.unpack("<HH", head[6:10])
        return width, height
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP" and len(head) >= 30:
        chunk = head[12:16]
        if chunk == b"VP8 " and head[23:26] == b"\x9d\x01\x2a":
            width, height = struct.unpack("<HH", head[26:30])
            return width & 0x3FFF, height & 0x3FFF
        if chunk == b"VP8L" and head[20] == 0x2F:
            bits = int.from_bytes(head[21:25], "little")
            return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
        if chunk == b"VP8X":
            width = int.from_bytes(head[24:27], "little") + 1
            height = int.from_bytes(head[27:30], "little") + 1
            return width, height
    return None


def _jpeg(f: BinaryIO) -> tuple[int, int] | None:
    """The size in a JPEG's frame header (SOF0..SOF15 but DHT, JPG and DAC)."""
    f.seek(2)
    for _ in range(_MAX_SEGMENTS):
        marker = f.read(2)
        while marker[:1] == b"\xff" and marker[1:] == b"\xff":  # fill bytes
            marker = marker[1:] + f.read(1)
        if len(marker) < 2 or marker[0] != 0xFF:
            return None
        kind = marker[1]
        if kind in (0xD8, 0x01) or 0xD0 <= kind <= 0xD7:  # no length
            continue
        length_bytes = f.read(2)
        if len(length_bytes) < 2:
            return None
        length = struct.unpack(">H", length_bytes)[0]
        if 0xC0 <= kind <= 0xCF and kind not in (0xC4, 0xC8, 0xCC):
            data = f.read(5)
            if len(data) < 5:
                return None
            height, width = struct.unpack(">HH", data[1:5])
            return width, height
        if kind == 0xDA or length < 2:  # the image data starts: no frame header found
            return None
        f.seek(length - 2, 1)
    return None


def screenshot_size(src: str, docs_dir: str, page: str) -> tuple[int, int] | None:
    """The size of a screenshot of this site, ``src`` as written on ``page`` (relative to
    it, or to ``docs_dir`` with a leading ``/``); ``None`` when it cannot be read (MkDocs
    itself reports a missing file)."""
    if not docs_dir:
        return None
    path = unquote(urlsplit(src).path)
    if not path:
        return None
    if path.startswith("/"):
        rel = path.lstrip("/")
    else:
        rel = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    try:
        file = resolve_under(Path(docs_dir), rel, "demo screenshot")
    except PathProblem:
        return None
    return image_size(file)
