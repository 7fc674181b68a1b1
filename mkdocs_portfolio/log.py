"""One logger for the plugin and the Markdown extension.

It lives under ``mkdocs.plugins`` so that ``mkdocs build --strict`` counts our
warnings, and it does not import MkDocs, so the Markdown extension keeps working
where MkDocs is not installed (plain Python-Markdown, Zensical).
"""

from __future__ import annotations

import logging
from collections.abc import MutableMapping
from typing import Any

PREFIX = "mkdocs_portfolio"


class _Prefixed(logging.LoggerAdapter):  # type: ignore[type-arg]
    def process(self, msg: str, kwargs: MutableMapping[str, Any]) -> tuple[str, Any]:
        return f"{PREFIX}: {msg}", kwargs


def get_logger(name: str = "mkdocs_portfolio") -> logging.LoggerAdapter:  # type: ignore[type-arg]
    """Return the prefixed logger ``mkdocs.plugins.<name>``."""
    return _Prefixed(logging.getLogger(f"mkdocs.plugins.{name}"), {})


log = get_logger()
