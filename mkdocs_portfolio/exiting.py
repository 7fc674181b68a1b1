"""The end of a MkDocs process, without Python collecting its garbage once more.

When a process ends, Python's finalization runs the garbage collector over every
object still alive, only to free them all: about 55 ms of the demo site's
``mkdocs build`` without the plugin and 90 ms with it (its modules, records and
pages) on a small machine (``benchmarks/small.py``). After the last event of a MkDocs
run (``on_shutdown``: the end of ``build``, ``gh-deploy`` or ``serve``), :func:`freeze`
moves them to the collector's permanent generation (:func:`gc.freeze`), which
finalization does not walk: the process ends in 10 ms. Objects freed by their
reference count are freed as before, and what the process makes after that is
collected as usual; a next run in the same process (``on_startup``) moves them back
(:func:`thaw`). A process that froze objects itself (before forking workers, say) is
left as it is.
"""

from __future__ import annotations

import gc

_frozen = False
"""Whether :func:`freeze` froze the collector's objects (and :func:`thaw` has not)."""


def freeze() -> None:
    """Put the objects alive now out of the garbage collector's reach, unless someone
    else did (or this did already)."""
    global _frozen
    if _frozen or gc.get_freeze_count():
        return
    gc.freeze()
    _frozen = True


def thaw() -> None:
    """Give the collector back the objects :func:`freeze` took from it."""
    global _frozen
    if _frozen:
        gc.unfreeze()
        _frozen = False
