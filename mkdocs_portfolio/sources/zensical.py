"""A Zensical build (or serve) of the site with its overview, nothing left among the sources.

Zensical builds the pages of ``docs_dir``, and the overview is a page no file holds (or
the author's home page with the sections added). So the build reads a staged copy of
the docs folder instead: ``.cache/mkdocs-portfolio/docs`` beside the config, in
Zensical's own cache folder (which it keeps out of git), made of links to the author's
files and the overview page. Zensical is told through the config it reads: its own
reader (``zensical.config.parse_config``, which it calls back into) is wrapped for this
one run, so that its ``docs_dir`` is the staged folder and, where ``markdown_extensions``
lacks our extension, it gets it with the plugin's options. Every other setting,
``site_dir`` included, is as the author wrote it. The staged folder is removed after the
build.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from ..theme_texts import CONFIG_TEXTS, RAW_TEXTS, defused
from . import SourceBuild
from .convert import FRONT_MATTER
from .notebooks import stage_notebook
from .site import NOTEBOOK, SiteProblem

STAGE = PurePosixPath(".cache/mkdocs-portfolio/docs")
"""Where the staged docs folder goes, relative to the config's folder."""
PAGE_SUFFIXES = (".md", ".markdown")
EXTENSION = "mkdocs_portfolio.markdown"
NAMES = (EXTENSION, "mkdocs_portfolio")


def _link(source: Path, target: Path) -> None:
    """``target`` made anew as ``source``: a copy of a page (what ``serve`` sees change,
    and small), a link to any other file (no copy of the images)."""
    if target.is_symlink() or target.exists():
        target.unlink()
    if source.suffix in PAGE_SUFFIXES:
        try:
            text = source.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):  # left out, as the overview's reading said
            return
        target.write_text(safe_front_matter(text), encoding="utf-8")
        return
    try:
        os.symlink(source.resolve(), target)
    except OSError:  # no symlinks here (Windows without the right): a copy
        shutil.copy2(source, target)


def _mirror(source: Path, target: Path, written: dict[PurePosixPath, str]) -> None:
    """``target`` as ``source``: its folders made, its files linked (Zensical does not
    look into a linked folder), but for the files of ``written`` (by path)."""
    for folder, dirs, files in os.walk(source, followlinks=True):
        rel = Path(folder).relative_to(source)
        dirs[:] = sorted(dirs)
        (target / rel).mkdir(parents=True, exist_ok=True)
        for name in sorted(files):
            if PurePosixPath((rel / name).as_posix()) not in written:
                _link(Path(folder) / name, target / rel / name)
    for path, text in written.items():
        write(target / path, text)


def safe_front_matter(text: str) -> str:
    """A page with its front matter ``title`` and ``description`` escaped when they hold
    markup: Zensical prints them as they are (the plugin does the same for Material)."""
    found = FRONT_MATTER.match(text)
    if found is None:
        return text
    try:
        meta = yaml.safe_load(found.group(1))
    except yaml.YAMLError:
        return text
    if not isinstance(meta, dict):
        return text
    changed = {key: defused(meta[key]) for key in RAW_TEXTS
               if isinstance(meta.get(key), str) and defused(meta[key]) != meta[key]}
    if not changed:
        return text
    meta.update({key: str(value) for key, value in changed.items()})
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    return f"---\n{front}---\n{text[found.end():]}"


def write(path: Path, text: str) -> None:
    """Write a staged page, unless it holds that text already (Zensical would rebuild)."""
    try:
        if not path.is_symlink() and path.read_text(encoding="utf-8") == text:
            return
    except OSError:
        pass
    if path.is_symlink():
        path.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def sync(build: SourceBuild, changed: list[str], removed: list[str]) -> None:
    """Under ``serve``: bring the staged folder up to date with the docs folder's changes
    (paths under ``docs_dir``) and the overview made again."""
    folder = build.site.root / STAGE
    overview = build.overview
    for rel in changed:
        if rel in build.notebooks:
            _stage_notebook(build, rel)
        elif overview is None or rel != overview.src_uri:
            (folder / rel).parent.mkdir(parents=True, exist_ok=True)
            _link(build.site.docs_dir / rel, folder / rel)
    for rel in removed:
        if overview is None or rel != overview.src_uri:
            with contextlib.suppress(OSError):
                (folder / rel).unlink()
    if overview is not None:
        write(folder / overview.src_uri, safe_front_matter(overview.text))


def stage(build: SourceBuild) -> Path:
    """Make the staged docs folder of ``build``; return it."""
    folder = build.site.root / STAGE
    clear(build.site.root)
    written = {}
    if build.overview is not None:
        written[PurePosixPath(build.overview.src_uri)] = safe_front_matter(build.overview.text)
    _mirror(build.site.docs_dir, folder, written)
    for src in build.notebooks:
        _stage_notebook(build, src)
    return folder


def _stage_notebook(build: SourceBuild, src: str) -> None:
    page = build.site.page(src)
    if page is not None:
        stage_notebook(src, build.notebooks[src], page.path, build.site.root / STAGE,
                       lambda path, text: write(path, safe_front_matter(text)))


def clear(root: Path) -> None:
    """Remove the staged folder."""
    folder = root / STAGE
    if folder.is_symlink() or folder.is_file():
        folder.unlink()
    elif folder.exists():
        shutil.rmtree(folder)
    with contextlib.suppress(OSError):
        folder.parent.rmdir()  # .cache/mkdocs-portfolio, when nothing else is in it


def extension_settings(build: SourceBuild) -> dict[str, Any]:
    """Our extension's settings from the plugin's options, as the plugin gives them (a
    ``source.root`` is relative to the config's folder, not to Zensical's)."""
    settings = build.options.extension_settings(build.site.text("repo_url"),
                                                str(build.site.docs_dir))
    if settings["source_root"]:
        settings["source_root"] = str(build.site.root / settings["source_root"])
    return settings


def _notebooks_in_nav(items: Any) -> None:
    """A notebook's ``nav`` entry names the Markdown page it is staged as."""
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        url = item.get("url")
        if isinstance(url, str) and url.endswith(NOTEBOOK) and "://" not in url:
            item["url"] = url[:-len(NOTEBOOK)] + ".md"
        _notebooks_in_nav(item.get("children"))


def configured(config: dict[str, Any], build: SourceBuild) -> dict[str, Any]:
    """The config Zensical parsed, pointed at the staged folder, with our extension."""
    config["docs_dir"] = str(STAGE)
    _notebooks_in_nav(config.get("nav"))
    for key in CONFIG_TEXTS:  # Zensical prints them as they are, as Material does
        value = defused(config.get(key))
        config[key] = str(value) if isinstance(value, str) else value
    overview = build.overview
    nav = config.get("nav")
    if overview is not None and nav and not any(
            isinstance(item, dict) and item.get("url") == overview.src_uri for item in nav):
        # First in the navigation, as the plugin puts it (an entry as Zensical makes one).
        nav.insert(0, {"title": build.options.overview.title if overview.generated else None,
                       "url": overview.src_uri, "canonical_url": None, "meta": None,
                       "children": [], "is_index": overview.src_uri.endswith("index.md"),
                       "active": False})
    extensions = config.get("markdown_extensions")
    # The command builds a writeup: without our extension its blocks would be plain text.
    if isinstance(extensions, list) \
            and not any(e in NAMES for e in extensions if isinstance(e, str)):
        extensions.append(EXTENSION)
        settings = extension_settings(build)
        mdx = config.setdefault("mdx_configs", {})
        mdx[EXTENSION] = settings
        digest = hashlib.sha1(repr(sorted(settings.items())).encode(), usedforsecurity=False)
        old = config.get("mdx_configs_hash")
        config["mdx_configs_hash"] = ((old if isinstance(old, int) else 0)
                                      ^ int(digest.hexdigest(), 16)) % (2 ** 64)
    return config


@contextmanager
def zensical_reading(build: SourceBuild) -> Iterator[None]:
    """While it lasts, Zensical reads the site's config as :func:`configured` makes it."""
    try:
        import zensical.config as zc  # type: ignore[import-untyped]
    except ImportError:
        raise SiteProblem("Zensical is not installed: pip install zensical") from None
    from ..markdown import engine

    original = zc.parse_config
    target = build.site.config_file.resolve()

    def parse(path: str) -> dict[str, Any]:
        config = original(path)
        return configured(config, build) if Path(path).resolve() == target else config

    zc.parse_config = parse
    engine.quiet_for(target)  # the command runs the overview and the audit itself
    try:
        yield
    finally:
        zc.parse_config = original


def run(build: SourceBuild, options: dict[str, Any]) -> None:
    """Build the site with Zensical, from the staged folder (removed after)."""
    import zensical  # type: ignore[import-untyped]

    stage(build)
    try:
        with zensical_reading(build):
            zensical.build(str(build.site.config_file.resolve()), options)
    except (SiteProblem, KeyboardInterrupt, SystemExit):
        raise
    except BaseException as error:  # Zensical's errors: RuntimeError, a Rust panic's own
        raise SiteProblem(f"{build.site.config_file}: Zensical stopped: "
                          f"{str(error).strip() or type(error).__name__}") from None
    finally:
        clear(build.site.root)


def serve_staged(config_file: str, options: dict[str, Any]) -> None:
    """Serve the staged folder that the parent process made (and keeps up to date).

    Zensical's server runs in Rust and keeps Python's interpreter busy, so the watching
    is done by the ``mkdocs-portfolio serve`` process, and this runs in a child."""
    import logging

    import zensical

    logger = logging.getLogger("mkdocs.plugins")
    logger.addHandler(logging.NullHandler())  # the parent has said it all
    logger.propagate = False
    build = SourceBuild.run(Path(config_file))
    logger.propagate = True
    with zensical_reading(build):
        zensical.serve(str(Path(config_file).resolve()), options)


if __name__ == "__main__":  # the child of ``mkdocs-portfolio serve``
    import json
    import sys

    serve_staged(sys.argv[1], json.loads(sys.argv[2]))
