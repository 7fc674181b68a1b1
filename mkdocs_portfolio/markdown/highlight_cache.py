"""Highlighted code kept, so that code that did not change is not highlighted again.

Pygments is the largest cost of rendering a page of code: on a small site, compiling a
lexer's regular expressions on first use, then the highlighting itself; a ``mkdocs
serve`` rebuild highlights every block of the site again. So superfences is given a
highlighter (pymdownx.highlight's ``Highlight``, subclassed) that keeps what it made:
in the per-machine cache folder (:func:`..cache.cache_dir`), for the next builds, and
under ``mkdocs serve`` in the process too, for its rebuilds (:func:`keep_in_process`; a
build keeps nothing in memory: a block is read from its file, and a large site's code
would otherwise stay in memory to the end).

What a block's HTML depends on is its key: the source, every argument of the call (the
language, the lines to highlight, the line numbers, the title, the block's number on
the page, ...) and every setting of the highlighter (style, line-number style,
anchors, languages added by the author ...), with the versions of Pygments and
pymdown-extensions. Blocks whose HTML could depend on more are highlighted as before,
and kept in the process only: a language that is not one of Pygments' own (a plugin
installed later could lex it differently), a guessed language, inline styles (a style
may come from a plugin). An HTML title (``title_mode: html``) and inline code are never
kept: the first writes into the page's HTML stash, the second returns an element.
A file that is missing or unreadable is highlighted again; a folder that cannot be
written just means highlighting, as before.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from pathlib import Path
from typing import Any

from ..cache import cache_dir, write_atomic

FORMAT = 1
KEPT_IN_PROCESS = 8192
"""Blocks kept in the process under ``serve`` (most recently used)."""

_kept: OrderedDict[str, str] = OrderedDict()
_in_process: list[bool] = [False]


def keep_in_process(keep: bool) -> None:
    """Keep blocks in the process too (``mkdocs serve``), or not (a build)."""
    _in_process[0] = keep
    if not keep:
        _kept.clear()
_classes: dict[type, type] = {}
_folder: list[Path | None] = []
_own_languages: set[str] = set()


def _builtin_aliases() -> set[str]:
    """The names of Pygments' own lexers (no plugin can take them: they are found first)."""
    if not _own_languages:
        from pygments.lexers._mapping import LEXERS  # type: ignore[import-untyped]

        for _module, _name, aliases, _files, _mimes in LEXERS.values():
            _own_languages.update(alias.lower() for alias in aliases)
    return _own_languages


def folder() -> Path | None:
    """This Pygments' and pymdown-extensions' folder in the cache folder."""
    if not _folder:
        try:
            import pygments  # type: ignore[import-untyped]
            from pymdownx.__meta__ import __version__ as pymdownx_version

            _folder.append(cache_dir() / "highlighted" /
                           f"{FORMAT}-pygments-{pygments.__version__}-pymdownx-{pymdownx_version}")
        except (ImportError, AttributeError, OSError, RuntimeError):
            _folder.append(None)
    return _folder[0]


def _settings(highlighter: Any) -> str:
    return repr(sorted((name, repr(value)) for name, value in vars(highlighter).items()
                       if name != "md"))


def _on_disk(highlighter: Any, language: str) -> bool:
    """Whether a block's HTML depends on nothing but its key."""
    if highlighter.noclasses:
        return False
    name = highlighter.get_extended_language(language)[0] if language else ""
    name = name or highlighter.default_lang or "text"
    return str(name).lower() in _builtin_aliases()


def _read(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8", "surrogatepass")
    except (OSError, UnicodeDecodeError):
        return None


def _keep(key: str, html: str) -> None:
    if not _in_process[0]:
        return
    _kept[key] = html
    _kept.move_to_end(key)
    while len(_kept) > KEPT_IN_PROCESS:
        _kept.popitem(last=False)


def caching(highlighter_class: type) -> type:
    """``highlighter_class`` (pymdownx.highlight's ``Highlight`` or a subclass) with its
    ``highlight`` kept (one subclass per class)."""
    if getattr(highlighter_class, "_portfolio_cached", False):
        return highlighter_class
    made = _classes.get(highlighter_class)
    if made is not None:
        return made

    def highlight(self: Any, src: str, language: str, *args: Any, **kwargs: Any) -> Any:
        inline = kwargs.get("inline", args[5] if len(args) > 5 else False)
        if inline or getattr(self, "title_mode", "text") == "html" or not self.use_pygments:
            return super_highlight(self, src, language, *args, **kwargs)
        key = hashlib.sha256(repr((_settings(self), src, language, args, sorted(
            kwargs.items(), key=lambda item: item[0]))).encode("utf-8", "surrogatepass")
        ).hexdigest()
        found = _kept.get(key)
        if found is not None:
            _kept.move_to_end(key)
            return found
        base = folder() if _on_disk(self, language) else None
        path = base / key[:2] / key if base is not None else None
        found = _read(path) if path is not None else None
        if found is None:
            found = super_highlight(self, src, language, *args, **kwargs)
            if not isinstance(found, str):
                return found
            if path is not None:
                write_atomic(path, found.encode("utf-8", "surrogatepass"))
        _keep(key, found)
        return found

    super_highlight = highlighter_class.highlight  # type: ignore[attr-defined]
    made = type(highlighter_class.__name__, (highlighter_class,),
                {"highlight": highlight, "_portfolio_cached": True,
                 "__module__": highlighter_class.__module__})
    _classes[highlighter_class] = made
    return made
