"""Texts that Material for MkDocs prints without escaping, made safe for it.

Material puts ``site_name``, ``site_description`` and a page's front matter ``title``
and ``description`` into its pages as they are: markup there would run. The plugin
escapes them once every part of ours has read them as written (our templates escape),
and puts the config values back as written before the next build with the same config.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from .markdown.util import clean_text

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

RAW_TEXTS = ("title", "description")
"""Front matter keys that Material's templates print without escaping."""
CONFIG_TEXTS = ("site_name", "site_description")


def defused(value: Any) -> Any:
    """``value`` safe for Material: without NUL characters and, when it holds markup,
    escaped once, as :class:`~markupsafe.Markup` (so that Material's own ``| e``, in
    the header's ``title=""``, does not escape it again)."""
    if not isinstance(value, str) or isinstance(value, Markup):
        return value
    text = clean_text(value)
    if any(c in text for c in '<>"'):
        return Markup(html.escape(text, quote=True))
    return text if text != value else value


class ThemeTexts:
    """The config values escaped for Material in the last build, to undo and to read."""

    def __init__(self) -> None:
        self.changed: dict[str, tuple[Any, Any]] = {}
        """``{key: (as written, escaped)}``."""

    def restore(self, config: MkDocsConfig) -> None:
        """Put back the values as written, when ``config`` is the one escaped last time."""
        for key, (written, escaped) in self.changed.items():
            if config[key] == escaped:  # the same config object, built again
                config[key] = written
        self.changed = {}

    def as_written(self, config: MkDocsConfig, key: str) -> Any:
        """A config value as the author wrote it, also after :meth:`defuse` made it safe
        for Material (JSON and logs hold text, not HTML)."""
        value = config[key]
        written, escaped = self.changed.get(key, (value, value))
        return written if value is escaped else value

    def defuse(self, config: MkDocsConfig, files: Files) -> None:
        """Escape markup in the texts Material prints raw (idempotent: an escaped value
        is :class:`~markupsafe.Markup`, left as it is)."""
        for key in CONFIG_TEXTS:
            value = config[key]
            safe = defused(value)
            if safe is not value:
                config[key] = safe
                self.changed[key] = (value, safe)
        for file in files.documentation_pages():
            meta = file.page.meta if file.page is not None else None
            for key in RAW_TEXTS:
                if meta and key in meta:
                    meta[key] = defused(meta[key])
