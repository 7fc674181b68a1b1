"""Results from the experiment's own files: a number by ``PATH#KEY``, a table of rows.

:mod:`.files` finds, caps and parses a file (once per build, while unchanged);
:mod:`.values` reads one number from it (``read_value``); :mod:`.tables` reads the
records a chart draws (``read_table``); :mod:`.format` writes a number as a page shows
it. No MkDocs import: the Markdown extension reads results through this package.
"""

from __future__ import annotations

from .files import MAX_BYTES, DataFiles, ResultsProblem, resolve
from .values import Bound, is_ref, read_value, split_ref

__all__ = ["MAX_BYTES", "Bound", "DataFiles", "ResultsProblem", "is_ref", "read_value",
           "resolve", "split_ref"]
