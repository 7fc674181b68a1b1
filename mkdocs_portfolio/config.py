"""Configuration of the ``portfolio`` plugin.

Every option is optional and validated by MkDocs' own config system, so that a
wrong value stops the build with a message that names the option.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError

from .diagrams import MERMAID_SCRIPTS
from .markdown import paths
from .markdown.util import is_blank
from .projects.options import AuthorConfig, GalleryConfig, ProjectsOption

CHECK_LEVELS = ("warn", "info", "off")


class Count(c.Type[int]):
    """A whole number of at least 1 (``true`` is not a number, though YAML makes it 1)."""

    def __init__(self, default: int) -> None:
        super().__init__(int, default=default)

    def run_validation(self, value: object) -> int:
        if isinstance(value, bool):
            raise ValidationError(f"Expected type: {int} but received: {type(value)}")
        number = super().run_validation(value)
        if number < 1:
            raise ValidationError(f"must be a positive integer, not {number!r}")
        return number


class Ratio(c.Type[float]):
    """A finite number above 0 (``.nan`` would make every comparison false)."""

    def __init__(self, default: float) -> None:
        super().__init__((int, float), default=default)  # type: ignore[arg-type]

    def run_validation(self, value: object) -> float:
        if isinstance(value, bool):
            raise ValidationError(f"Expected type: {(int, float)} but received: {type(value)}")
        number = super().run_validation(value)
        if not math.isfinite(number):
            raise ValidationError(f"must be a finite number, not {number!r}")
        if number <= 0:
            raise ValidationError(f"must be a positive number, not {number!r}")
        return number


class Text(c.Type[str]):
    """Text with something visible in it (an empty title, or one of only invisible
    characters, is a link with no words)."""

    def __init__(self, *, empty_ok: bool = False, **kwargs: Any) -> None:
        super().__init__(str, **kwargs)
        self.empty_ok = empty_ok

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value)
        if not self.empty_ok and is_blank(text):
            raise ValidationError(f"must not be empty, not {text!r}; leave the option out "
                                  "for its default")
        return text


class PathOption(Text):
    """Text that names a path, checked by the one path resolver (:mod:`.markdown.paths`);
    ``check(value, what)`` returns the value to use (normalised) or raises."""

    def __init__(self, what: str, check: Callable[[str, str], str], default: str | None = None,
                 *, empty_ok: bool = False) -> None:
        super().__init__(default=default, empty_ok=empty_ok)
        self.what, self.check = what, check

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value)
        try:
            return self.check(text, self.what)
        except paths.PathProblem as problem:  # MkDocs names the option: "Sub-option 'x': ..."
            raise ValidationError(str(problem).removeprefix(f"{self.what}: ")) from None


def _site_file(rel: str, what: str) -> str:
    """A file of the built site; empty: none."""
    return paths.site_path(rel, what) if rel else rel


def _page_path(rel: str, what: str) -> str:
    """A page's source path (a leading ``/`` is dropped); empty: the default, with a warning."""
    rel = rel.strip().lstrip("/")
    return paths.site_path(rel, what) if rel else rel


def _folder(rel: str, what: str) -> str:
    paths.check_text(rel, what, relative=False)
    return rel


def _in_repo(rel: str, what: str) -> str:
    return paths.inside(rel, what, place="the repository", allow_top=True)


def _chars(rel: str, what: str) -> str:
    paths.check_chars(rel, what)
    return rel


DEFAULT_OVERVIEW_PATH = "overview.md"


class OverviewConfig(base.Config):
    """``overview``: the generated overview page."""

    enabled = c.Type(bool, default=True)
    title = Text(default="Overview")
    path = PathOption("overview.path", _page_path, default=DEFAULT_OVERVIEW_PATH,
                      empty_ok=True)
    """Source path of the generated page (it never exists in ``docs_dir``)."""
    hero_image = c.Optional(PathOption("overview.hero_image", _chars))
    """An image under ``docs_dir`` shown in the hero."""
    home = c.Optional(c.Type(bool))
    """On a site with a home page of its own (``index.md`` or ``README.md``), put the
    overview's sections on it, after its text, instead of on a page at ``path``.
    Unset: yes, unless ``path`` names another page (see :attr:`on_home`)."""

    @property
    def on_home(self) -> bool:
        """Whether the overview goes onto a home page of the author's."""
        if self.home is not None:
            return bool(self.home)
        return self.path.strip().lstrip("/") in ("", DEFAULT_OVERVIEW_PATH)
    toc = c.Type(bool, default=False)
    """Show Material's table of contents beside the generated overview (hidden by
    default, so that the hero and the cards get the page's width)."""
    results_table = c.Type(bool, default=False)
    """Under the Results section's cards, a table of every result bound to a file: metric,
    value, baseline, change, and the file, linked at the commit being built."""


class PageInfoConfig(base.Config):
    """``page_info``: reading time and summary (TL;DR) at the top of every page."""

    enabled = c.Type(bool, default=True)
    reading_time = c.Type(bool, default=True)
    summary = c.Type(bool, default=True)
    """Show the page's front matter ``description`` as its TL;DR."""
    summary_fallback = c.Type(bool, default=False)
    """Without a ``description``, show a TL;DR cut from the first paragraph. Off by
    default: that paragraph follows right below, so the TL;DR would repeat it."""
    words_per_minute = Count(default=220)
    """Reading speed for the reading times (prose only; code is not counted)."""


class CodeConfig(base.Config):
    """``code``: folding of long code blocks."""

    enabled = c.Type(bool, default=True)
    fold_lines = Count(default=25)
    preview_lines = Count(default=10)
    fast_search = c.Type(bool, default=True)
    """Hand Material's search plugin each highlighted block as its text (see
    :mod:`mkdocs_portfolio.search_view`): the same index, built several times faster."""
    highlight_cache = c.Type(bool, default=True)
    """Keep highlighted blocks for the next builds and rebuilds (see
    :mod:`mkdocs_portfolio.markdown.highlight_cache`)."""

    def validate(self) -> tuple[list[tuple[str, Exception]], list[tuple[str, str]]]:
        failed, warnings = super().validate()
        if failed:
            return failed, warnings
        fold, preview = self.fold_lines, self.preview_lines
        if preview >= fold:
            failed.append(("preview_lines", ValidationError(
                f"must be smaller than code.fold_lines ({fold}), not {preview}")))
        return failed, warnings


class SourceConfig(base.Config):
    """``source``: source snippets that link to the exact lines of a file."""

    root = c.Optional(PathOption("source.root", _folder))
    """Folder that snippet paths are relative to (a relative one: to the folder of
    ``mkdocs.yml``); default: the git top level of the docs."""
    ref = c.Optional(Text())
    """Commit (or tag) that permalinks point at; default: ``git rev-parse HEAD``."""
    repo_url = c.Optional(Text())
    """Forge URL for permalinks; default: the site's ``repo_url``."""
    forge = c.Optional(c.Choice(("github", "gitlab", "gitea", "bitbucket")))
    """How permalinks are spelled; default: told from the host of the repository URL
    (Codeberg and Forgejo link like Gitea)."""
    root_in_repo = c.Optional(PathOption("source.root_in_repo", _in_repo))
    """Where ``root`` sits in the repository at ``repo_url`` (``.``: at its top); default:
    where it sits in the local git repository. For a source tree published on its own."""


class VisualsConfig(base.Config):
    """``visuals``: Mermaid diagrams, numbered figures and image zoom."""

    mermaid = c.Type(bool, default=True)
    """Add Material's ``mermaid`` fence to ``pymdownx.superfences`` when it is missing."""
    mermaid_script = c.Choice(MERMAID_SCRIPTS, default=MERMAID_SCRIPTS[0])
    """Where a reader's browser gets Mermaid from: ``site``, the copy the plugin ships,
    put into the built site when a page has a diagram; ``cdn``, Material's own loading
    from unpkg.com (see :mod:`mkdocs_portfolio.diagrams`)."""
    figures = c.Type(bool, default=True)
    """Enable ``pymdownx.blocks.caption`` and number captioned figures (``Figure 1.``)."""
    zoom = c.Type(bool, default=False)
    """Image zoom with mkdocs-glightbox (``pip install "mkdocs-portfolio[zoom]"``). Off by
    default: it adds about 11% to the build time and 18 KB (gzipped) to every page load
    (measured with ``python -m benchmarks.zoom``; see docs/visuals.md)."""


class PreviewsConfig(base.Config):
    """``previews``: link previews (Open Graph and Twitter card tags) on every page."""

    enabled = c.Type(bool, default=True)
    card = c.Type(bool, default=False)
    """Generate a 1200x630 card image per page (the project's name, the page's title or
    the tagline, the headline result, in the palette's colour) as its preview image.
    Needs Pillow: ``pip install "mkdocs-portfolio[cards]"``."""


class AuditConfig(base.Config):
    """``audit``: the writeup checked against the portfolio checklist."""

    enabled = c.Type(bool, default=True)
    checks = c.Type(dict, default={})
    """Check id -> ``warn``, ``info`` or ``off`` (YAML's bare ``off`` reads as false)."""
    words = c.ListOfItems(Text(), default=[])
    """Words the typo check accepts (names, jargon)."""
    max_code_share = Ratio(default=1.0)
    """Code lines per prose line above which a page is flagged."""
    visual_words = Count(default=400)
    """Words of prose a page may have without a visual."""
    overview_minutes = Count(default=5)
    """Longest reading time, in minutes, of an overview."""
    report = PathOption("audit.report", _site_file, default="portfolio-audit.json",
                        empty_ok=True)
    """Path of the JSON report in the built site; empty: no report."""
    in_progress = c.Type(bool, default=False)
    """The writeup is still being written: a part it lacks (no problem, no demo, no dead
    end...) is reported as info, not as a warning, so that a ``--strict`` build of a
    writeup in progress passes and deploys. Typos, broken links and the other checks
    still warn. A new writeup's ``mkdocs.yml`` sets it from the environment, true on its
    hosts (see docs/hosting.md)."""

    def validate(self) -> tuple[list[tuple[str, Exception]], list[tuple[str, str]]]:
        failed, warnings = super().validate()
        from .audit.checks import CHECKS
        from .audit.findings import normalize_level

        checks: Any = self.get("checks")
        if isinstance(checks, dict):
            for key, level in checks.items():
                if key not in CHECKS:
                    failed.append(("checks", ValidationError(
                        f"there is no check {key!r}; the checks are {', '.join(CHECKS)}")))
                elif normalize_level(level) is None:
                    failed.append(("checks", ValidationError(
                        f"check {key!r} must be one of {', '.join(CHECK_LEVELS)}, "
                        f"not {level!r}")))
                else:
                    checks[key] = normalize_level(level)
        return failed, warnings


class PortfolioConfig(base.Config):
    """Options of the ``portfolio`` plugin."""

    enabled = c.Type(bool, default=True)
    overview = c.SubConfig(OverviewConfig)
    page_info = c.SubConfig(PageInfoConfig)
    code = c.SubConfig(CodeConfig)
    source = c.SubConfig(SourceConfig)
    visuals = c.SubConfig(VisualsConfig)
    previews = c.SubConfig(PreviewsConfig)
    audit = c.SubConfig(AuditConfig)
    template_cache = c.Type(bool, default=True)
    """Keep the theme's compiled templates for the next builds and rebuilds (see
    :mod:`mkdocs_portfolio.overview.compiled`)."""
    projects = ProjectsOption()
    """Several projects in one site, with a gallery home (see docs/projects.md)."""
    gallery = c.SubConfig(GalleryConfig)
    author = c.SubConfig(AuthorConfig)

    def extension_settings(self, repo_url: str, docs_dir: str) -> dict[str, Any]:
        """The Markdown extension's settings for these options (``repo_url``: the site's
        own, unless ``source.repo_url`` names another)."""
        return {
            "fold": self.code.enabled,
            "fold_lines": self.code.fold_lines,
            "preview_lines": self.code.preview_lines,
            "source_root": self.source.root or "",
            "source_ref": self.source.ref or "",
            "repo_url": self.source.repo_url or repo_url or "",
            "source_forge": self.source.forge or "",
            "source_root_in_repo": self.source.root_in_repo or "",
            "docs_dir": docs_dir,
            "number_figures": self.visuals.figures,
            "highlight_cache": self.code.highlight_cache,
        }
