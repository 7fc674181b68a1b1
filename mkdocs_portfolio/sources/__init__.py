"""The site-wide parts for an engine without plugins, run from the sources.

Zensical builds each page with our Python-Markdown extension, but has no plugin API: no
hook tells us the site's pages, so the overview and the audit cannot run inside its
build. This package runs them before it, from what the build reads: the config file
(``mkdocs.yml`` or ``zensical.toml``), the docs folder and its navigation.

- :mod:`.site`: the config, the plugin's options and the pages, as the engine lists them;
- :mod:`.convert`: each page converted as under the plugin, made into its record;
- :mod:`.overview`: the overview page, as Markdown the engine builds;
- :mod:`.audit`: the plugin's checks over the same records;
- :mod:`.zensical`: a Zensical build (or serve) with the overview, leaving nothing
  among the author's sources.

Nothing here imports MkDocs' build: the plugin's options and the pages' front matter are
checked with the same option classes as under the plugin (MkDocs' ``config`` module,
which the package depends on).
"""

from __future__ import annotations

from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING

from ..lazydata import dataclass
from .site import SiteProblem, SourceSite, read_site

if TYPE_CHECKING:
    from ..audit.run import AuditResult
    from ..config import PortfolioConfig
    from ..markdown.repo import Repo
    from ..notebooks.convert import Converted
    from ..pages import PageRecord
    from .overview import StagedOverview


def load_options(site: SourceSite) -> PortfolioConfig:
    """The plugin's options, checked as the plugin checks them; :class:`SiteProblem` names
    the file and the option."""
    from ..config import PortfolioConfig

    options = PortfolioConfig(config_file_path=str(site.config_file))
    options.load_dict(site.options)
    failed, warnings = options.validate()
    if failed:
        key, error = failed[0]
        raise SiteProblem(f"{site.config_file}: the '{key}' option of the 'portfolio' plugin: "
                          f"{error}")
    for key, message in warnings:
        from ..log import log

        log.warning(f"{site.config_file}: option 'portfolio.{key}': {message}")
    if options.projects:
        from ..log import log

        log.warning(f"{site.config_file}: option 'portfolio.projects': several projects "
                    "(their overviews and the gallery) need the MkDocs plugin for now; "
                    "this site gets one overview")
    return options


@dataclass
class SourceBuild:
    """The site-wide parts of one site, run from its sources."""

    site: SourceSite
    options: PortfolioConfig
    records: dict[str, PageRecord]
    overview: StagedOverview | None
    repo: Repo | None = None
    notebooks: dict[str, Converted] = field(default_factory=dict)
    """Each notebook's page, as the plugin makes it, by its source path."""

    @classmethod
    def run(cls, config_file: Path) -> SourceBuild:
        """Read the site, convert its pages and make its overview."""
        from ..markdown.repo import RepoSettings, discover_repo
        from .convert import page_records
        from .notebooks import convert_notebooks
        from .overview import stage_overview

        site = read_site(config_file)
        options = load_options(site)
        source = options.source
        repo = discover_repo(site.root, str(site.docs_dir), RepoSettings(
            root=source.root or "", ref=source.ref or "",
            repo_url=source.repo_url or site.text("repo_url"), forge=source.forge or "",
            root_in_repo=source.root_in_repo or ""))
        notebooks = convert_notebooks(site, repo)
        records, pages_html = page_records(site, options, repo,
                                           {src: nb.markdown for src, nb in notebooks.items()})
        overview = stage_overview(site, records, options, pages_html)
        return cls(site, options, records, overview, repo, notebooks)

    def audit(self) -> AuditResult:
        from .audit import audit_site

        return audit_site(self.site, self.options, self.records, self.overview, self.repo)


__all__ = ["SiteProblem", "SourceBuild", "SourceSite", "read_site"]
