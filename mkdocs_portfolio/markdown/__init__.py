"""The Python-Markdown extension of mkdocs-portfolio.

Everything that happens inside one page lives here, so that it works wherever
Python-Markdown runs: under MkDocs (where the plugin registers it), in a plain
``markdown.markdown(text, extensions=["mkdocs_portfolio.markdown"])`` call, and
under Zensical. It provides the ``///`` forms of the six semantic blocks, gives
every block its anchor id, folds long code, renders source snippets and demos,
and records each page's facts for the site-wide overview and audit.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Mapping
from typing import Any

from markdown import Markdown
from markdown.preprocessors import Preprocessor
from pymdownx.blocks import BlocksExtension, BlocksProcessor

from ..blocktypes import BLOCK_TYPES
from .blocks import BlockRenderer, block_classes
from .collect import CollectTreeprocessor, PrepareTreeprocessor
from .facts import PageFacts
from .util import clean_text

__all__ = ["BLOCK_TYPES", "PageFacts", "PortfolioExtension", "makeExtension"]


class _StartPreprocessor(Preprocessor):
    """Starts the facts of a new page before anything else runs, and drops the page's NUL
    characters (HTML has no place for them; they would reach the page's headings, block
    titles and the overview)."""

    def __init__(self, md: Markdown, ext: PortfolioExtension) -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, lines: list[str]) -> list[str]:
        self.ext.facts = PageFacts()
        if any("\0" in line for line in lines):
            return [clean_text(line) for line in lines]
        return lines


class PortfolioExtension(BlocksExtension):
    """Semantic blocks, code folding, source snippets and demos for one page."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "fold": [True, "Fold long code blocks"],
            "fold_lines": [25, "Blocks longer than this many lines fold"],
            "preview_lines": [10, "Lines shown of a folded block"],
            "source_root": ["", "Folder snippet paths are relative to (default: git top level)"],
            "source_ref": ["", "Commit for permalinks (default: git rev-parse HEAD)"],
            "repo_url": ["", "Forge URL for permalinks"],
            "source_forge": ["", "github, gitlab, gitea or bitbucket (default: from repo_url)"],
            "source_root_in_repo": ["", "Where source_root sits in the repository at repo_url, "
                                    "'.' for its top (default: as in git)"],
            "source_page_url": ["", "Site URL prefix of the generated source pages"],
            "docs_dir": ["", "The docs folder (set by the plugin)"],
            "page": ["", "Source path of the page being converted (set by the plugin)"],
            "page_url": ["", "URL of the page being converted in the site (set by the plugin): "
                         "raw HTML paths are rewritten relative to it"],
            "number_figures": [True, "Prefix captioned figures with 'Figure N.'"],
            "highlight_cache": [True, "Keep highlighted code blocks, in the process and in the "
                                "per-machine cache folder (see highlight_cache.py)"],
            "standalone": [True, "Register the extensions the blocks need and end each page "
                           "with our CSS and JS (the MkDocs plugin, which does both, sets "
                           "this to false)"],
        }
        super().__init__(**kwargs)
        self.facts = PageFacts()
        self.md: Markdown | None = None
        self.renderers: dict[str, BlockRenderer] = {}
        """What turns a block of a type into its finished elements (the demo's embed)."""
        self.written: dict[etree.Element, str] = {}
        """The ``src`` of each image and ``href`` of each link of the page being converted,
        as written: before MkDocs rewrote them (kept from priority 6 to -5)."""
        self.highlighted: dict[int, tuple[str, str]] = {}
        """The fences of the page being converted, by the ``id`` of the HTML that the
        formatter returned (kept alive here): that HTML and its highlighted code, which
        :mod:`.rawpaths` need not scan (a large site's code is most of its HTML)."""
        self.site_files: Mapping[str, str] | None = None
        """The URL of each file of the site by its source path (given by the plugin), for
        the paths of raw HTML (:mod:`.rawpaths`); ``None``: look under ``docs_dir``."""
        self._companions_for: Markdown | None = None
        """The Markdown instance whose missing companions are still to be registered."""
        self.sources: object = None
        """The source root and files of this build (a :class:`.sourcefiles.SourceContext`),
        given by the plugin or discovered from the settings above on first use."""

    # -- facts ---------------------------------------------------------------

    def page_hint(self) -> str:
        """`` on page 'x.md'`` when the page is known, for messages."""
        page = self.getConfig("page")
        return f" on page '{page}'" if page else ""

    def serialize_blocks(self, root: etree.Element) -> None:
        """Record the finished HTML of the blocks the overview shows in full."""
        assert self.md is not None
        wanted = {b.id: b for b in self.facts.blocks
                  if b.type in BLOCK_TYPES and BLOCK_TYPES[b.type].full}
        if not wanted:
            return
        for el in root.iter():
            fact = wanted.get(el.get("id", ""))
            if fact is None:
                continue
            tail, el.tail = el.tail, None
            html = self.md.serializer(el)
            el.tail = tail
            for pp in self.md.postprocessors:
                html = pp.run(html)
            fact.html = html

    # -- registration ----------------------------------------------------------

    def extendMarkdown(self, md: Markdown) -> None:
        self.md = md
        self.facts = PageFacts()
        self.highlighted = {}
        md.registerExtension(self)
        super().extendMarkdown(md)
        md.preprocessors.register(_StartPreprocessor(md, self), "portfolio_start", 100)
        md.treeprocessors.register(PrepareTreeprocessor(md, self), "portfolio_prepare", 6)
        md.treeprocessors.register(CollectTreeprocessor(md, self), "portfolio_collect", -5)
        from . import charts, demo, fences, figures

        fences.install(md, self)
        demo.install(md, self)
        charts.install(md, self)
        figures.install(md, self)
        if self.getConfig("standalone"):
            from . import assets, engine

            assets.install(md)
            engine.tell_of_lost_plugin()
            self._companions_for = md  # registered in reset(), once every entry is

    def extendMarkdownBlocks(self, md: Markdown, block_mgr: BlocksProcessor) -> None:
        for cls, config in block_classes(self.page_hint):
            if cls.NAME not in block_mgr.blocks:
                block_mgr.register(cls, config)
        from .charts import MetricsBlock
        from .snippets import SourceBlock

        for block in (SourceBlock, MetricsBlock):
            if block.NAME not in block_mgr.blocks:
                block_mgr.register(block, {"ext": self})

    def reset(self) -> None:
        self.facts = PageFacts()
        self.highlighted = {}
        md, self._companions_for = self._companions_for, None
        if md is not None:
            # Markdown() resets once after registering every extension of its list: the
            # first moment we can see which companions the list lacks.
            from .companions import register_missing

            register_missing(md, figures=bool(self.getConfig("number_figures")))


def makeExtension(**kwargs: Any) -> PortfolioExtension:
    """Entry point for Python-Markdown."""
    return PortfolioExtension(**kwargs)
