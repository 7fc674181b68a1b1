"""The ``portfolio`` key of a page's front matter, validated like the plugin's config.

```yaml
portfolio: overview          # this page is the author's own overview page
portfolio:
  exclude: true              # leave this page out of the overview and the audit
  page_info: false           # no reading time / TL;DR at the top of this page
  audit:                     # per-page levels of audit checks
    typos: off
```

A value an author can fix is a warning naming the page; the page then builds
with the defaults. This is the one place that reads the key: the page's record
(:mod:`mkdocs_portfolio.pages`) holds the result, which every other part reads.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.plugins import get_plugin_logger

from .audit.checks import CHECKS
from .audit.findings import normalize_level
from .pages import PageSettings

log = get_plugin_logger(__name__)


class PageOptions(base.Config):
    """Options of one page."""

    overview = c.Type(bool, default=False)
    """This page is the overview: the generated sections go into it."""
    exclude = c.Type(bool, default=False)
    """Leave the page out of the overview and of the audit."""
    audit = c.Type(dict, default={})
    """Check id -> ``warn``, ``info`` or ``off``, for this page only."""
    page_info = c.Type(bool, default=True)
    """Show the reading time and summary (TL;DR) at the top of this page."""

    def validate(self) -> tuple[list[tuple[str, Exception]], list[tuple[str, str]]]:
        failed, warnings = super().validate()
        audit: Any = self.get("audit")
        if isinstance(audit, dict) and "audit" not in dict(failed):
            levels: dict[str, str] = {}
            for key, value in audit.items():
                level = normalize_level(value)
                if key not in CHECKS:
                    warnings.append(("audit", f"there is no check {key!r}; the checks are "
                                              f"{', '.join(CHECKS)}; it is ignored"))
                elif CHECKS[key].scope == "site":
                    warnings.append(("audit", f"check {key!r} is about the whole writeup, "
                                              "not one page: set it under 'audit.checks' in "
                                              "mkdocs.yml; it is ignored here"))
                elif level is None:
                    warnings.append(("audit", f"check {key!r} must be one of warn, info, off, "
                                              f"not {value!r}; it is ignored"))
                else:
                    levels[key] = level
            self["audit"] = levels
        return failed, warnings


def page_options(meta: dict[str, Any], page: str) -> PageOptions:
    """The validated ``portfolio`` options of a page; warnings name the page."""
    raw = meta.get("portfolio")
    options = PageOptions()
    if raw is None:
        raw = {}
    elif raw == "overview":
        raw = {"overview": True}
    elif not isinstance(raw, dict):
        log.warning(
            f"page '{page}': front matter 'portfolio' must be 'overview' or a mapping "
            f"(exclude, audit), not {raw!r}; it is ignored"
        )
        raw = {}
    options.load_dict(raw)
    failed, warnings = options.validate()
    for key, error in failed:
        log.warning(f"page '{page}': front matter 'portfolio.{key}': {error}; it is ignored")
    for key, message in warnings:
        log.warning(f"page '{page}': front matter 'portfolio.{key}': {message}")
    if failed:
        options = PageOptions()
        options.load_dict({k: v for k, v in raw.items() if k not in dict(failed)})
        options.validate()
    return options


def page_settings(meta: dict[str, Any], page: str) -> PageSettings:
    """The page's validated options, as the plain record every site-wide part reads."""
    options = page_options(meta, page)
    return PageSettings(overview=options.overview, exclude=options.exclude,
                        audit=dict(options.audit), page_info=options.page_info)
