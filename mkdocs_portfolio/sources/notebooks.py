"""The notebooks of a site read from its sources: pages, as the plugin makes them.

The plugin turns each ``.ipynb`` of ``docs_dir`` into a page (:mod:`..notebooks`); an
engine without plugins builds Markdown, so the notebook is converted here, with its
links out, and staged as ``name.md`` beside its output images (``name_files/``) and the
copy its "Download" link names.
"""

from __future__ import annotations

import posixpath
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..log import get_logger
from ..notebooks.convert import Converted, convert_file
from ..notebooks.links import link_bar

if TYPE_CHECKING:
    from ..markdown.repo import Repo
    from .site import SourceSite

log = get_logger(__name__)


def download_path(src_uri: str) -> str:
    """Where the notebook's copy goes, relative to its folder: ``name_files/name.ipynb``."""
    name = posixpath.basename(src_uri)
    return posixpath.join(f"{name[:-len('.ipynb')]}_files", name)


def convert_notebooks(site: SourceSite, repo: Repo) -> dict[str, Converted]:
    """Each notebook page of the site, converted; its problems logged, naming it. The
    files it names (its images, its copy) become files of ``site``."""
    converted: dict[str, Converted] = {}
    for page in site.pages:
        if not page.is_notebook:
            continue
        stem = posixpath.basename(page.src_uri)[:-len(".ipynb")]
        links = link_bar(repo, str(page.path), download_path(page.src_uri))
        made = convert_file(str(page.path), stem, links)
        for problem in made.problems:
            log.warning(f"notebook '{page.src_uri}' {problem}")
        converted[page.src_uri] = made
        folder = posixpath.dirname(page.src_uri)
        for rel in [*made.files, download_path(page.src_uri)]:  # files of the site too
            path = posixpath.join(folder, rel)
            site.other_files.setdefault(path, path)
    return converted


def stage_notebook(page_src: str, made: Converted, notebook: Path, folder: Path,
                   write: Callable[[Path, str], None]) -> None:
    """Put a notebook's page, images and copy into the staged ``folder``."""
    here = folder / posixpath.dirname(page_src)
    write(folder / f"{page_src[:-len('.ipynb')]}.md", made.markdown)
    for rel, data in made.files.items():
        target = here / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    copy = here / download_path(page_src)
    copy.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(notebook, copy)
