"""Generated pages that hold the whole source file a snippet comes from."""

from __future__ import annotations

from .feature import Feature


class SourcePages(Feature):
    """Adds a page per snippet source file when the site has no ``repo_url``."""
