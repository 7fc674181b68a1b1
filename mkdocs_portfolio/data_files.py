"""``mkdocs serve --dirty`` renders a page again when a results file it read changed.

A dirty rebuild renders only the pages whose source is newer than their built HTML;
a results file (of a bound result or a chart) is not the page's source, so editing it
would leave the old number or chart in place. The record of each page (kept across
dirty rebuilds) names the files it read with their stamps (``PageFacts.data_files``); a
page one of whose files changed, or is gone, counts as modified in this build.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from .results.files import changed

if TYPE_CHECKING:
    from mkdocs.structure.files import Files

    from .pages import PageRecord


def _modified() -> bool:
    return True


def mark_changed_data(files: Files, records: Mapping[str, PageRecord]) -> list[str]:
    """Make the pages whose results files changed since they were read count as modified
    (MkDocs asks each page's ``File.is_modified()``); returns their source paths."""
    marked = []
    for file in files.documentation_pages():
        record = records.get(file.src_uri)
        if record is None or not record.facts.data_files:
            continue
        if changed(record.facts.data_files):
            # This build's File objects are new each build: the change lasts one build.
            file.is_modified = _modified  # type: ignore[method-assign]
            marked.append(file.src_uri)
    return marked
