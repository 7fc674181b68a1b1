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
"""

from __future__ import annotations

import dataclasses
import threading
from typing import TYPE_CHECKING, Any, TypeVar

T = TypeVar("T")

_waiting: dict[type, dict[str, Any]] = {}
"""Classes not made yet -> their options."""
_lock = threading.RLock()

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
    with _lock:
        for base in reversed(cls.__mro__):
            options = _waiting.pop(base, None)
            if options is not None:
                delattr(base, "__init__")
                dataclasses.dataclass(base, **options)
    return cls
