"""Rendering the overview through the theme's Jinja environment.

The whole page is ``portfolio/overview.html``; each section is a partial
``portfolio/overview-<section>.html``. Both can be overridden from a
``custom_dir``. Templates render with autoescaping on (MkDocs' own environment
has it off), so every value from front matter and config is escaped unless the
model marks it as finished HTML.
"""

from __future__ import annotations

import re
from typing import Any

from jinja2 import Environment
from markupsafe import Markup
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from .model import SECTIONS, OverviewModel, section_id
from .placement import MARKER_ALL

log = get_plugin_logger(__name__)

PAGE_TEMPLATE = "portfolio/overview.html"
SECTION_TEMPLATE = "portfolio/overview-{}.html"
MARKER_RE = re.compile(r"<!--\s*portfolio:\s*(?P<name>[\w-]+)\s*-->")
"""``<!-- portfolio:results -->``: where an author's overview page wants a section."""


def escaping(env: Environment) -> Environment:
    """The theme's environment (same loader, filters, globals) with autoescaping on."""
    return env.overlay(autoescape=True)


class Renderer:
    """Renders overview sections into an overview page's HTML."""

    def __init__(self, env: Environment, context: dict[str, Any]) -> None:
        self.env = escaping(env)
        self.context = context

    def render(self, template: str, model: OverviewModel) -> str:
        """One template, with the model as ``overview``."""
        return self.env.get_template(template).render(dict(self.context, overview=model))

    def fill(self, html: str, model: OverviewModel, page: Page) -> tuple[str, list[str]]:
        """Put the sections where the page's markers are; return the HTML and the sections.

        The generated page holds the whole-overview marker. A page without any marker
        gets every section but the hero after its own content.
        """
        shown: list[str] = []
        markers = list(MARKER_RE.finditer(html))
        if not markers:
            part = model.showing(s for s in SECTIONS if s != "hero")
            shown.extend(part.sections)
            return html + self.render(PAGE_TEMPLATE, part), shown

        def one(match: re.Match[str]) -> str:
            name = match["name"]
            if match[0] == MARKER_ALL or name == "overview":
                part = model.showing(SECTIONS)
                shown.extend(part.sections)
                return self.render(PAGE_TEMPLATE, part)
            if name not in SECTIONS:
                log.warning(
                    f"page '{page.file.src_uri}': unknown overview marker '{match[0]}'; "
                    f"the markers are {', '.join(f'<!-- portfolio:{s} -->' for s in SECTIONS)} "
                    "and <!-- portfolio:overview --> for all of them"
                )
                return match[0]
            part = model.showing([name])
            if not part.sections:
                return ""
            shown.extend(part.sections)
            body = self.render(SECTION_TEMPLATE.format(name), part)
            return Markup('<div class="pf-overview pf-overview--part">{}</div>').format(
                Markup(body)
            )

        return MARKER_RE.sub(one, html), shown


def overview_toc(page: Page, model: OverviewModel, shown: list[str]) -> TableOfContents:
    """The page's table of contents, with the overview's section headings in it."""
    links = [AnchorLink(model.headings[s], section_id(s), 2) for s in shown if s in model.headings]
    if "hero" in shown:
        top = AnchorLink(model.site_name, section_id("hero"), 1)
        top.children = links
        return TableOfContents([top])
    items = list(page.toc)
    if items and items[0].level == 1:
        items[0].children.extend(links)
        return TableOfContents(items)
    return TableOfContents([*items, *links])


__all__ = ["Renderer", "overview_toc"]
