"""Under ``mkdocs serve --dirty``: the pages of a portfolio we fill in (each project's
overview, the gallery, the tag pages) are written again only when what they show
changed, so that an edit in one project leaves the others' pages and, when no card
changed, the gallery as they are."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING

from ..markdown.util import mtime_ns
from ..memo import Memo
from ..overview.builder import _digest as content_digest

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File


class Rewrites:
    """Which of our pages a ``--dirty`` rebuild writes. One per build."""

    def __init__(self, memo: Memo, dirty: bool) -> None:
        self.memo = memo
        self.dirty = dirty
        self.digests: dict[str, bytes] = {}
        """This build's digest of each page's content, by source path."""
        self.unchanged: set[str] = set()
        """Under ``--dirty``: the pages that would be written as last time."""

    def watch(self, file: File) -> None:
        """A page we fill in (an author's too: its sections come from other pages). MkDocs
        asks whether it changed twice: before reading it (yes, always), and before
        writing it (only if what it shows changed, known by then)."""
        file.is_modified = partial(self._is_modified, file.src_uri)  # type: ignore[method-assign]

    def _is_modified(self, src_uri: str) -> bool:
        return src_uri not in self.unchanged

    def filled(self, file: File, config: MkDocsConfig) -> None:
        """A page is filled in (in ``on_env``): is it as last written?"""
        page = file.page
        if page is None:
            return
        digest = self.digests[file.src_uri] = content_digest(page.content or "", page, config)
        kept = self.memo.written.get(file.src_uri)
        if self.dirty and kept == (file.abs_dest_path, digest, mtime_ns(file.abs_dest_path)):
            self.unchanged.add(file.src_uri)

    def finish(self, files: Iterable[File]) -> None:
        """After the site is written: what each page holds, as written."""
        self.memo.written.clear()
        for file in files:
            digest = self.digests.get(file.src_uri)
            if digest is not None:
                self.memo.written[file.src_uri] = (file.abs_dest_path, digest,
                                                   mtime_ns(file.abs_dest_path))
