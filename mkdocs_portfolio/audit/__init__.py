"""The audit: the writeup checked against the portfolio checklist."""

from __future__ import annotations

from ..feature import Feature


class Audit(Feature):
    """Checks every page and the whole site, reports findings and a scorecard."""
