"""One build's site-wide parts under MkDocs, made by the plugin in ``on_config``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .audit.auditor import SiteAudit
from .configure import set_up
from .lazydata import dataclass
from .markdown import PortfolioExtension
from .memo import Memo
from .notebooks.site import NotebookPages
from .overview.builder import OverviewBuilder
from .previews.builder import Previews
from .projects.builder import ProjectsBuilder
from .source_pages import SourcePages

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation

    from .config import PortfolioConfig


@dataclass
class Parts:
    """The Markdown extension and one object per site-wide part, for one build."""

    extension: PortfolioExtension
    overview: OverviewBuilder
    sources: SourcePages
    audit: SiteAudit
    previews: Previews
    notebooks: NotebookPages
    projects: ProjectsBuilder
    """Several projects in one site (inactive unless ``projects`` names some)."""
    nav: Navigation | None = None
    """The build's navigation, once MkDocs has made it."""
    files: Files | None = None
    """The build's files, once every page is rendered."""

    @classmethod
    def make(cls, config: MkDocsConfig, options: PortfolioConfig, memo: Memo,
             dirty: bool) -> Parts:
        """Set up ``config`` for the plugin and make the parts of this build."""
        extension, source = set_up(config, options)
        sources = SourcePages(memo, config, extension, source)
        return cls(extension, OverviewBuilder(options, memo, dirty), sources,
                   SiteAudit(options, memo, dirty, sources.repo), Previews(options, config),
                   NotebookPages(memo, sources.repo), ProjectsBuilder(options, memo, dirty))
