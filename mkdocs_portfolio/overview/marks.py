"""How a page says it is the overview, and the Markdown of the generated one (no MkDocs)."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from ..config import OverviewConfig

MARKER_ALL = "<!-- portfolio:overview -->"
"""The marker of the whole overview (every section, hero included)."""


def marks_overview(meta: object) -> bool:
    """Whether front matter marks its page as the overview. Asked of the file before
    MkDocs reads the pages (the navigation must know the overview); the page's record
    validates the whole key once the page is rendered (frontmatter.py)."""
    if not isinstance(meta, dict):
        return False
    raw = meta.get("portfolio")
    return raw == "overview" or (isinstance(raw, dict) and raw.get("overview") is True)


def generated_source(options: OverviewConfig) -> str:
    """The Markdown of the generated overview: its title, and the overview marker."""
    # Material prints page titles unescaped (navigation, <title>): escape ours here.
    meta: dict[str, Any] = {"title": html.escape(options.title), "portfolio": "overview"}
    if not options.toc:
        meta["hide"] = ["toc"]
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    return f"---\n{front}---\n\n{MARKER_ALL}\n"
