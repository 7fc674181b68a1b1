"""``mkdocs serve --dirty`` renders a page again when a file its charts read changed.

A dirty rebuild renders only the pages whose source is newer than their built HTML;
a chart's data file is not the page's source, so editing it would leave the old chart
in place. The record of each page (kept across dirty rebuilds) names the files its
charts read (``PageFacts.data_files``); a page one of whose files is newer than its
built HTML, or gone, counts as modified in this build.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from .markdown.util import mtime_ns

if TYPE_CHECKING:
    from mkdocs.structure.files import Files

    from .pages import PageRecord


def _modified() -> bool:
    return True


def mark_changed_data(files: Files, records: Mapping[str, PageRecord]) -> list[str]:
    """Make the pages whose charts' files changed since they were built count as modified
    (MkDocs asks each page's ``File.is_modified()``); returns their source paths."""
    marked = []
    for file in files.documentation_pages():
        record = records.get(file.src_uri)
        if record is None or not record.facts.data_files:
            continue
        built = mtime_ns(file.abs_dest_path)
        if built is None:
            continue  # not built yet: MkDocs renders it anyway
        stamps = [mtime_ns(path) for path in record.facts.data_files]
        if any(stamp is None or stamp > built for stamp in stamps):
            # This build's File objects are new each build: the change lasts one build.
            file.is_modified = _modified  # type: ignore[method-assign]
            marked.append(file.src_uri)
    return marked
