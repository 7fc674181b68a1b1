"""A notebook's validation kept, so that an unchanged notebook is not validated again.

nbformat is the reference validator of a notebook, and the slowest part of reading
one on a small site: importing it (with its JSON-schema validator) and validating
took about 90 ms of a demo build whose notebook had not changed. So what validating
a notebook file said (its problems, most often none) is kept in the per-machine cache
folder (:func:`..cache.cache_dir`), under the SHA-256 of the file's bytes, in a folder
of this nbformat install (where it is, its version file's size and time, and the
validator ``NBFORMAT_VALIDATOR`` chooses): a new nbformat validates every notebook
again. A kept answer that is missing or unreadable means validating, as before; a
cache folder that cannot be written just means validating every time.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
from pathlib import Path
from typing import Any

from ..cache import cache_dir, write_atomic

FORMAT = 1
_folder: list[Path | None] = []


def folder() -> Path | None:
    """This nbformat's folder in the cache folder (``None``: nbformat is not found)."""
    if not _folder:
        try:
            spec = importlib.util.find_spec("nbformat")
            origin = spec.origin if spec else None
            if not origin:
                raise ImportError
            version = os.stat(os.path.join(os.path.dirname(origin), "_version.py"))
            install = hashlib.sha256(repr((
                origin, version.st_size, version.st_mtime_ns,
                os.environ.get("NBFORMAT_VALIDATOR", ""))).encode()).hexdigest()[:16]
            _folder.append(cache_dir() / "notebooks" / f"{FORMAT}-nbformat-{install}")
        except (ImportError, ValueError, OSError, RuntimeError):
            _folder.append(None)
    return _folder[0]


def validation(raw: bytes, data: dict[str, Any]) -> list[str]:
    """What nbformat's validation says of ``data``, the notebook read from ``raw``
    (nbformat 4): nothing if it is valid. Kept for the next builds."""
    where = folder()
    path = where / f"{hashlib.sha256(raw).hexdigest()}.json" if where else None
    if path is not None:
        try:
            kept = json.loads(path.read_bytes())
            if isinstance(kept, list) and all(isinstance(p, str) for p in kept):
                return kept
        except (OSError, ValueError):
            pass
    problems = validate(data)
    if path is not None:
        write_atomic(path, json.dumps(problems).encode())
    return problems


def validate(data: dict[str, Any]) -> list[str]:
    """What nbformat's validation says of ``data`` (nothing if it is valid)."""
    import nbformat

    try:
        nbformat.validate(nbformat.from_dict(data))
    except nbformat.ValidationError as error:
        where = "/".join(str(p) for p in error.absolute_path) or "top level"
        return [f"is not a valid notebook at {where[:120]}: "
                f"{error.message.splitlines()[0][:200]}"]
    except Exception as error:  # a notebook may break the validator itself
        return [f"could not be validated ({type(error).__name__})"]
    return []
