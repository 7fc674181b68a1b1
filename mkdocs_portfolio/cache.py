"""The per-machine cache folder, and writing a file into it safely.

What a build may keep for the next ones on this machine (the typo check's dictionary,
link-preview cards) lives in one folder: ``$MKDOCS_PORTFOLIO_CACHE_DIR``, else the
user's cache folder + ``mkdocs-portfolio``. A file is written to a temporary file first
and then moved into place, so that no build reads half a file.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path

ENV = "MKDOCS_PORTFOLIO_CACHE_DIR"
"""An environment variable naming the cache folder instead of the user's (tests set it)."""


def cache_dir() -> Path:
    """``$MKDOCS_PORTFOLIO_CACHE_DIR``, else the user's cache folder + ``mkdocs-portfolio``:
    ``%LOCALAPPDATA%`` on Windows, ``$XDG_CACHE_HOME`` or ``~/.cache`` elsewhere."""
    chosen = os.environ.get(ENV)
    if chosen:
        return Path(chosen)
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        base = Path(os.environ["LOCALAPPDATA"])
    else:
        xdg = os.environ.get("XDG_CACHE_HOME", "")
        # The XDG spec says to ignore a relative path.
        base = Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "mkdocs-portfolio"


def write_atomic(path: Path, data: bytes) -> bool:
    """``data`` into ``path`` atomically; ``False`` (and nothing written) if the folder
    cannot be written."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        return False
    return True
