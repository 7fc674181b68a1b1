"""Notebooks under MkDocs: each ``.ipynb`` of the docs becomes a page.

MkDocs lists a ``.ipynb`` as a static file. :class:`NotebookPages` replaces each one
by a :class:`NotebookFile`: the same path, but a documentation page whose content is
the Markdown :func:`.convert.convert` made, so that MkDocs, the extension, the
overview and the audit read it as any page. Its images, its attachments and a copy
of the notebook (for "Download .ipynb") are generated files of the site, beside it
in ``<name>_files/``. A conversion is kept while the notebook file is unchanged
(``--dirty`` rebuilds of another page reuse it). A notebook another plugin already
made a page (mkdocs-jupyter) is left to it, with one message.
"""

from __future__ import annotations

import importlib.util
import posixpath
from typing import TYPE_CHECKING

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files

from ..markdown.paths import PathProblem, check_dest, taken_paths
from .convert import Converted, convert_file
from .links import link_bar

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from ..markdown.repo import Repo
    from ..memo import Memo

log = get_plugin_logger(__name__)

SUFFIX = ".ipynb"


class NotebookFile(File):
    """A notebook of ``docs_dir`` as a page: read from disk, shown as its Markdown."""

    markdown: str = ""

    def is_documentation_page(self) -> bool:
        return True

    @property  # type: ignore[override]
    def content_string(self) -> str:
        return self.markdown

    @content_string.setter
    def content_string(self, value: str) -> None:
        self.markdown = value

    @property  # type: ignore[override]
    def content_bytes(self) -> bytes:
        return self.markdown.encode("utf-8")

    @content_bytes.setter
    def content_bytes(self, value: bytes) -> None:
        self.markdown = value.decode("utf-8-sig", errors="replace")


def _maker(file: File) -> str:
    """Who made a notebook a page: mkdocs-jupyter, or another plugin."""
    module = type(file).__module__
    return "mkdocs-jupyter" if module.startswith("mkdocs_jupyter") else f"'{module}'"


class NotebookPages:
    """Makes the notebooks of one build pages (see the module docstring)."""

    def __init__(self, memo: Memo, repo: Repo) -> None:
        self.memo = memo
        self.repo = repo
        self.pages: dict[str, Converted] = {}

    def add_pages(self, files: Files, config: MkDocsConfig) -> None:
        """Replace each notebook of ``files`` by its page, and add the files it names."""
        self.pages = {}
        taken: dict[str, str] | None = None
        others: dict[str, str] = {}
        for file in list(files):
            if not file.src_uri.endswith(SUFFIX) or file.inclusion.is_excluded():
                continue
            if file.is_documentation_page():
                if not isinstance(file, NotebookFile):
                    others[file.src_uri] = _maker(file)
                continue
            if file.abs_src_path is None or file.generated_by is not None:
                continue
            if taken is None:
                if importlib.util.find_spec("nbformat") is None:
                    log.warning("notebooks are copied as files, not shown as pages: "
                                "nbformat is not installed (pip install nbformat)")
                    return
                taken = taken_paths(files)
            self._add(file, files, config, taken)
        if others:
            shown = ", ".join(f"'{src}'" for src in sorted(others)[:5])
            more = f" and {len(others) - 5} more" if len(others) > 5 else ""
            makers = " and ".join(sorted(set(others.values())))
            log.info(f"notebooks {shown}{more} are rendered by {makers}, not by portfolio: "
                     "their blocks are not on the overview (to let portfolio render them, "
                     "list them in mkdocs-jupyter's 'ignore')")

    def _add(self, old: File, files: Files, config: MkDocsConfig,
             taken: dict[str, str]) -> None:
        src = old.src_uri
        folder, name = posixpath.split(src)
        stem = name[: -len(SUFFIX)]
        download = posixpath.join(folder, f"{stem}_files", name)
        links = link_bar(self.repo, old.abs_src_path or "", posixpath.join(f"{stem}_files",
                                                                           name))
        path = old.abs_src_path or ""
        converted = self.memo.scan(f"notebook {links}", path,
                                   lambda: convert_file(path, stem, links))
        for problem in converted.problems:
            log.warning(f"notebook '{src}' {problem}")
        page = NotebookFile(src, old.src_dir, old.dest_dir, old.use_directory_urls,
                            inclusion=old.inclusion)
        page.markdown = converted.markdown
        files.remove(old)
        files.append(page)
        self.pages[src] = converted
        for rel, data in converted.files.items():
            self._generated(files, config, taken, posixpath.join(folder, rel), src,
                            content=data)
        self._generated(files, config, taken, download, src, abs_src_path=path)

    @staticmethod
    def _generated(files: Files, config: MkDocsConfig, taken: dict[str, str], src_uri: str,
                   notebook: str, *, content: bytes | None = None,
                   abs_src_path: str | None = None) -> None:
        try:
            check_dest(src_uri, taken, f"a file of notebook '{notebook}'")
        except PathProblem as problem:
            log.warning(f"{problem}; it is not written")
            return
        if content is not None:
            made = File.generated(config, src_uri, content=content)
        else:
            assert abs_src_path is not None
            made = File.generated(config, src_uri, abs_src_path=abs_src_path)
        files.append(made)
        taken[made.dest_uri] = f"notebook '{notebook}'"
