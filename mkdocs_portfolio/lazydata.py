"""Dataclasses made when first used, not when their module is imported.

``dataclasses.dataclass`` writes and compiles each class's methods as it is defined:
about 0.5 ms a class, 1 ms a frozen one, on a small machine. The plugin has some 80
dataclasses, and a build of a small site uses half of them (no gallery, no results
file, no chart...), so importing the plugin spent more time making classes than a
one-page site spends on its page. :func:`dataclass` takes the same options and gives
the same class, made on its first instance: until then its ``__init__`` is a stand-in
that makes the class and calls the real one. (A copy of an instance is of a class made
already; :mod:`pickle` would make an instance without ``__init__`` in a new process, and
the plugin pickles none of these.)

What differs before the first instance: :func:`dataclasses.fields` and
:func:`dataclasses.is_dataclass` do not know the class yet (:func:`made` makes it
first), and a field given as ``field(...)`` is that ``Field`` as a class attribute.
A class with its own ``__new__`` or ``__init__``, ``init=False`` or ``slots=True`` is made
at once. Type checkers see :func:`dataclasses.dataclass` itself.

Making a class is mostly compiling the source text ``dataclasses`` writes for each
method (``__init__``, ``__eq__``, ``__repr__``...): 40 ms of a small site's build for the
57 classes it uses. The code compiled from a text is kept in the per-machine cache
folder, one file per Python bytecode version (:func:`keep`, after a build), so that the
next process runs the same code without compiling it. While :func:`made` makes a class,
``dataclasses``' own ``exec`` is :func:`_exec`, which takes the compiled text from
there: the same code, as compiling a text again gives the same code. The file holds
each text's code under the text's BLAKE2 digest (not the text itself: less to read and
to keep in memory), at most :data:`KEPT_BYTES` of code. A missing, unreadable or
corrupt file is compiled again, silently.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.util
import marshal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import CodeType
from typing import TYPE_CHECKING, Any, TypeVar

from .cache import cache_dir, write_atomic

T = TypeVar("T")

_waiting: dict[type, dict[str, Any]] = {}
"""Classes not made yet -> their options."""
_lock = threading.RLock()

KEPT_BYTES = 512 * 1024
"""Marshalled code kept in the cache file at most (this version of the plugin writes
about 200 KiB for all its classes); more, and only what this process used is kept: the
classes of older versions of the plugin go, and the file read by every build stays small."""


def _digest(source: str) -> bytes:
    return hashlib.blake2b(source.encode(), digest_size=16).digest()


class _Codes:
    """The compiled method texts' code, each marshalled under its text's digest
    (unmarshalled when a class uses it): loaded from the cache file on first use."""

    def __init__(self) -> None:
        self.codes: dict[bytes, bytes] | None = None
        self.used: set[bytes] = set()
        self.fresh = False  # compiled a text the file did not have

    def get(self, source: str) -> CodeType:
        if self.codes is None:
            self.codes = _read(_codes_file())
        key = _digest(source)
        self.used.add(key)
        try:
            code = marshal.loads(self.codes[key])
            if type(code) is CodeType:
                return code
        except (KeyError, EOFError, ValueError, TypeError):
            pass
        code = compile(source, "<string>", "exec")
        self.codes[key] = marshal.dumps(code)
        self.fresh = True
        return code


_codes = _Codes()


def _codes_file() -> Path:
    """The cache file of this Python's bytecode (what a ``.pyc`` file is checked by)."""
    tag = sys.implementation.cache_tag or sys.implementation.name
    return cache_dir() / "dataclasses" / f"{tag}-{importlib.util.MAGIC_NUMBER.hex()}.marshal"


def _read(path: Path) -> dict[bytes, bytes]:
    try:
        data = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, bytes) and isinstance(v, bytes)}


def keep() -> None:
    """Write the compiled method texts to the cache file if this process compiled any."""
    with _lock:
        codes = _codes.codes
        if not _codes.fresh or codes is None:
            return
        if sum(map(len, codes.values())) > KEPT_BYTES:
            codes = {k: v for k, v in codes.items() if k in _codes.used}
        if write_atomic(_codes_file(), marshal.dumps(codes)):
            _codes.fresh = False


def _exec(source: Any, globals: Any = None, locals: Any = None) -> None:
    """``exec``, with a text's code from the cache."""
    exec(_codes.get(source) if isinstance(source, str) else source, globals, locals)


@contextmanager
def _compiling() -> Iterator[None]:
    """``dataclasses`` compiling with :func:`_exec` (under the lock)."""
    module = vars(dataclasses)
    before = module.get("exec", _exec)
    module["exec"] = _exec
    try:
        yield
    finally:
        if before is _exec:
            module.pop("exec", None)
        else:
            module["exec"] = before

if TYPE_CHECKING:
    from dataclasses import dataclass as dataclass
else:

    def dataclass(cls=None, /, **options):
        """:func:`dataclasses.dataclass`, made on the class's first instance."""
        if cls is None:
            return lambda cls: _wait(cls, options)
        return _wait(cls, options)


def _wait(cls: type[T], options: dict[str, Any]) -> type[T]:
    own = cls.__dict__
    if "__init__" in own or "__new__" in own or not options.get("init", True) \
            or options.get("slots"):
        with _lock, _compiling():
            return dataclasses.dataclass(cls, **options)  # type: ignore[no-any-return]

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        made(type(self))  # a subclass's dataclass bases, or this class
        cls.__init__(self, *args, **kwargs)

    __init__.__qualname__ = f"{cls.__qualname__}.__init__"
    with _lock:
        cls.__init__ = __init__  # type: ignore[method-assign]
        _waiting[cls] = options
    return cls


def made(cls: type[T]) -> type[T]:
    """``cls`` made, with every dataclass of these it is based on, bases first (a
    dataclass takes the fields of the dataclasses it is based on)."""
    with _lock, _compiling():
        for base in reversed(cls.__mro__):
            options = _waiting.pop(base, None)
            if options is not None:
                delattr(base, "__init__")
                dataclasses.dataclass(base, **options)
    return cls
