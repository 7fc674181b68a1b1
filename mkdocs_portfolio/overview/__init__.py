"""The generated overview page, assembled from the facts of every page."""

from __future__ import annotations

from ..feature import Feature


class Overview(Feature):
    """Generates the overview page and places it first in the navigation."""
