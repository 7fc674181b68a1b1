"""Findings: what the audit found, and at which level it reports it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..lazydata import dataclass

LEVELS = ("warn", "info", "off")
"""Levels of a check: a warning (fails ``--strict``), an info line, or not run."""


@dataclass
class Finding:
    """One thing the writeup lacks or gets wrong."""

    check: str
    """Id of the check that found it."""
    message: str
    """What is wrong."""
    fix: str
    """How to fix it."""
    page: str | None = None
    """Source path of the page (``None`` for the whole site)."""
    line: int | None = None
    """Line in the page's Markdown file, where known."""
    level: str = "warn"
    url: str | None = None
    """URL of the page in the site, relative to its root."""

    @property
    def where(self) -> str:
        """``page 'a.md', line 3``, ``page 'a.md'`` or ``the site``."""
        if self.page is None:
            return "the site"
        return f"page '{self.page}'" + (f", line {self.line}" if self.line else "")

    @property
    def location(self) -> str:
        """``a.md:3``, ``a.md`` or ``(site)``, for compact listings."""
        if self.page is None:
            return "(site)"
        return self.page + (f":{self.line}" if self.line else "")

    def log_text(self) -> str:
        """The message logged for this finding."""
        return f"audit [{self.check}] {self.where}: {self.message}. {self.fix}"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready copy (``dataclasses.asdict`` would copy each field deeply)."""
        return {"check": self.check, "message": self.message, "fix": self.fix,
                "page": self.page, "line": self.line, "level": self.level, "url": self.url}


def normalize_level(value: Any) -> str | None:
    """A level from YAML, where ``off`` reads as ``False`` and ``on`` as ``True``."""
    if value is False:
        return "off"
    if value is True:
        return "warn"
    if isinstance(value, str) and value.strip().lower() in LEVELS:
        return value.strip().lower()
    return None


@dataclass
class Levels:
    """The level of every check: defaults, then the site's config, then one page."""

    site: Mapping[str, str]

    def of(self, check: str, page: Mapping[str, str] | None = None) -> str:
        """The level of ``check``, on ``page`` when its front matter sets one."""
        if page and check in page:
            return page[check]
        return self.site[check]
