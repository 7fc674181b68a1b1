"""Jupyter notebooks as pages of the writeup.

:mod:`.convert` turns a ``.ipynb`` into the Markdown text of a page (no MkDocs, no
execution); :mod:`.site` gives MkDocs that text as the page's content, and the
notebook's images and the notebook itself as files of the site, so that the
extension, the overview and the audit see a notebook as any other page.
"""

from .convert import Converted, NotebookUnreadable, convert

__all__ = ["Converted", "NotebookUnreadable", "convert"]
