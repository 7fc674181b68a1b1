"""codespell's dictionary, kept once per machine in a compact file in the user's cache.

Parsing codespell's default dictionaries (about 1.4 MB of text, 65,000 misspellings)
costs some 45 ms of CPU and 12 MiB of memory, on every build. The parsed dictionary
is written once to a hash file in the user's cache folder (:func:`cache_dir`); later
builds map that file into memory and read only the buckets of the words their pages
use, so a build touches a few pages of it and never holds the whole dictionary.

The file is named by codespell's install folder and version, and its header holds
what decides its content: this format's version, codespell's version and the paths,
sizes and modification times of codespell's code and of the dictionary files it read.
A file that is missing, stale, truncated or not this format is written anew (to a
temporary file first, then moved into place, so no build reads half a file); a
folder that cannot be written just means parsing the text, as before. The answer is
the same either way: every lookup gives what :func:`.typos.dictionary` gives.

Layout, all integers little-endian ``uint32``::

    MAGIC  header-length  JSON header
    bucket-count  data-length  offsets[bucket-count + 1]  data

Bucket ``crc32(word) % bucket-count`` holds the records ``word NUL fix LF`` of the
words that hash there, at ``data[offsets[i]:offsets[i + 1]]``.
"""

from __future__ import annotations

import importlib.util
import json
import mmap
import os
import re
import struct
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ..cache import cache_dir, write_atomic

FORMAT = 1
MAGIC = b"mkdocs-portfolio typos\n"
BUCKETS = 1 << 14
_U32 = struct.Struct("<I")
_VERSION = re.compile(r"""^__version__\s*=.*?['"]([^'"]+)['"]""", re.MULTILINE)


def _stat(path: str) -> list[Any]:
    st = os.stat(path)
    return [path, st.st_size, st.st_mtime_ns]


def _codespell() -> tuple[str, str] | None:
    """codespell's install folder and version, found without importing it (4 ms)."""
    spec = importlib.util.find_spec("codespell_lib")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = os.path.abspath(next(iter(spec.submodule_search_locations)))
    try:
        with open(os.path.join(folder, "_version.py"), encoding="utf-8") as handle:
            found = _VERSION.search(handle.read())
    except OSError:
        found = None
    return folder, found.group(1) if found else "unknown"


def _code_files(folder: str) -> list[list[Any]]:
    """What decides which dictionaries codespell reads by default, and how."""
    return [_stat(os.path.join(folder, name)) for name in ("_codespell.py", "_version.py")
            if os.path.exists(os.path.join(folder, name))]


class Lookup:
    """Misspelling -> fix, for the words asked about; remembers every answer."""

    def __init__(self, get: Callable[[str], str | None], from_cache: bool = False) -> None:
        self._get = get
        self.from_cache = from_cache
        """Whether the answers come from the cache file (else from the parsed text)."""
        self._checked: set[str] = set()
        self._hits: dict[str, str] = {}

    def get(self, word: str) -> str | None:
        """codespell's fix of ``word`` (lower case), or ``None`` if it is no known typo."""
        if word in self._hits:
            return self._hits[word]
        if word in self._checked:
            return None
        return self._ask(word)

    def _ask(self, word: str) -> str | None:
        self._checked.add(word)
        fix = self._get(word)
        if fix is not None:
            self._hits[word] = fix
        return fix

    def among(self, words: set[str]) -> set[str]:
        """The known typos in ``words``: set operations for the words already asked about."""
        for word in words - self._checked:
            self._ask(word)
        return words & self._hits.keys()


class _Mapped:
    """A lookup in a cache file mapped into memory."""

    def __init__(self, view: mmap.mmap, start: int, buckets: int) -> None:
        self._view = view
        self._index = start + 8
        self._data = self._index + 4 * (buckets + 1)
        self._buckets = buckets

    def get(self, word: str) -> str | None:
        key = word.encode("utf-8", "surrogatepass")
        at = self._index + 4 * (zlib.crc32(key) % self._buckets)
        begin, end = struct.unpack_from("<II", self._view, at)
        bucket = self._view[self._data + begin:self._data + end]
        key += b"\0"
        for record in bucket.split(b"\n"):
            if record.startswith(key):
                return record[len(key):].decode("utf-8", "surrogatepass")
        return None


def _header(folder: str, version: str, dictionaries: Iterable[str]) -> dict[str, Any]:
    return {"format": FORMAT, "codespell": version, "folder": folder,
            "code": _code_files(folder), "dictionaries": [_stat(p) for p in dictionaries]}


def _file_name(folder: str, version: str) -> str:
    tag = zlib.crc32(f"{folder}\0{version}".encode("utf-8", "surrogatepass"))
    safe = re.sub(r"[^\w.+-]", "_", version)[:40]
    return f"typos-{FORMAT}-{safe}-{tag:08x}.bin"


def encode(known: dict[str, str], header: dict[str, Any], buckets: int = BUCKETS) -> bytes | None:
    """The cache file's bytes for ``known``, or ``None`` if a word holds a separator."""
    table: list[list[bytes]] = [[] for _ in range(buckets)]
    for word, fix in known.items():
        key, value = word.encode("utf-8", "surrogatepass"), fix.encode("utf-8", "surrogatepass")
        if b"\0" in key or b"\n" in key or b"\n" in value:
            return None
        table[zlib.crc32(key) % buckets].append(key + b"\0" + value)
    offsets, chunks, size = [0], [], 0
    for records in table:
        chunk = b"\n".join(records)
        chunks.append(chunk)
        size += len(chunk)
        offsets.append(size)
    head = json.dumps(header, sort_keys=True).encode("utf-8", "surrogatepass")
    return b"".join([MAGIC, _U32.pack(len(head)), head, struct.pack("<II", buckets, size),
                     struct.pack(f"<{buckets + 1}I", *offsets), *chunks])


def _open(path: Path, folder: str, version: str) -> _Mapped | None:
    """The cache at ``path`` if it is whole and was made from today's dictionaries."""
    try:
        with open(path, "rb") as handle:
            view = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):  # missing, unreadable, or empty (mmap's ValueError)
        return None
    try:
        if view[:len(MAGIC)] != MAGIC:
            raise ValueError("not a cache file")
        start = len(MAGIC) + 4
        (head_size,) = _U32.unpack_from(view, len(MAGIC))
        header = json.loads(view[start:start + head_size].decode("utf-8", "surrogatepass"))
        dictionaries = [entry[0] for entry in header["dictionaries"]]
        if header != _header(folder, version, dictionaries):
            raise ValueError("stale")
        start += head_size
        buckets, size = struct.unpack_from("<II", view, start)
        if buckets < 1 or len(view) != start + 8 + 4 * (buckets + 1) + size:
            raise ValueError("truncated")
        (last,) = _U32.unpack_from(view, start + 8 + 4 * buckets)
        if last != size:
            raise ValueError("corrupt")
    except (ValueError, TypeError, KeyError, IndexError, OSError, struct.error):
        view.close()
        return None
    return _Mapped(view, start, buckets)


def load(parse: Callable[[], tuple[dict[str, str], list[str]]],
         folder: Path | None = None) -> Lookup:
    """The dictionary from the cache in ``folder`` (default :func:`cache_dir`), made anew
    from ``parse()`` (the dictionary and the files it read) when the cache is not right."""
    found = _codespell()
    if found is None:
        known, _ = parse()  # as before: parsing says what is wrong with codespell
        return Lookup(known.get)
    try:
        path = (folder or cache_dir()) / _file_name(*found)
    except (OSError, RuntimeError):  # no home folder to find
        known, _ = parse()
        return Lookup(known.get)
    mapped = _open(path, *found)
    if mapped is not None:
        return Lookup(mapped.get, from_cache=True)
    known, dictionaries = parse()
    try:
        data = encode(known, _header(*found, dictionaries))
    except OSError:  # a dictionary went away while parsing: do not keep what it gave
        data = None
    if data is not None:
        write_atomic(path, data)
    return Lookup(known.get)
