"""Rendering the overview through the theme's Jinja environment (or, for an engine
without plugins, :mod:`mkdocs_portfolio.sources`, an environment of their own).

The whole page is ``portfolio/overview.html``; each section is a partial
``portfolio/overview-<section>.html``. Both can be overridden from a
``custom_dir``. Templates render with autoescaping on (MkDocs' own environment
has it off), so every value from front matter and config is escaped unless the
model marks it as finished HTML.
"""

from __future__ import annotations

import re
from dataclasses import field
from typing import Any

from jinja2 import Environment, Template
from markupsafe import Markup

from ..lazydata import dataclass
from ..log import get_logger
from .compiled import CompiledTemplates, compiled_templates
from .marks import MARKER_ALL
from .model import SECTIONS, OverviewModel, section_id

log = get_logger(__name__)

PAGE_TEMPLATE = "portfolio/overview.html"
SECTION_TEMPLATE = "portfolio/overview-{}.html"
BLOCK_TYPE_TEMPLATE = "portfolio/overview-block-type.html"
"""The section of a block type that has no template of its own."""
MARKER_RE = re.compile(r"<!--\s*portfolio:\s*(?P<name>[\w-]+)\s*-->")
"""``<!-- portfolio:results -->``: where an author's overview page wants a section."""


def escaping(env: Environment) -> Environment:
    """The theme's environment (same loader, filters, globals) with autoescaping on, and
    our templates compiled once per machine (:mod:`.compiled`)."""
    if env.autoescape is True and isinstance(env.bytecode_cache, CompiledTemplates):
        return env  # already ours
    overlay = env.overlay(autoescape=True)
    overlay.bytecode_cache = compiled_templates(overlay)
    return overlay


class Renderer:
    """Renders overview sections into an overview page's HTML.

    The cards that there is one of per page, dead end or next step are rendered by
    ``part()`` from the templates, and kept in ``parts`` by template and values: a
    ``--dirty`` rebuild renders again only the cards whose values changed.
    """

    def __init__(self, env: Environment, context: dict[str, Any],
                 parts: dict[tuple[Any, ...], tuple[tuple[Any, ...], Markup]] | None = None,
                 ) -> None:
        self.env = escaping(env)
        self.context = dict(context, part=self.part)
        self.parts = {} if parts is None else parts
        """Cards of the last rendering: ``{(template, *values): (that key, HTML)}``."""
        self.used: dict[tuple[Any, ...], tuple[tuple[Any, ...], Markup]] = {}
        """Cards of this rendering, to keep for the next."""

    def render(self, template: str | list[str | Template], model: OverviewModel,
               **values: Any) -> str:
        """One template (the first of a list that exists), with the model as ``overview``."""
        return self.env.get_or_select_template(template).render(
            dict(self.context, overview=model, **values))

    def part(self, template: str, **values: Any) -> Markup:
        """One card: ``template`` rendered with ``values`` (hashable: the model's entries
        are frozen), the same card as last time when the values are equal."""
        key = (template, *values.items())  # a call site names its values in one order
        found = self.used.get(key)
        if found is None:
            found = self.parts.get(key)
            if found is None:
                html = Markup(self.env.get_template(template).render(
                    dict(self.context, **values)))
                found = (key, html)
            # Kept under last time's key object: no new objects to outlive the build.
            self.used[found[0]] = found
        return found[1]

    def fill(self, html: str, model: OverviewModel, src_uri: str) -> Filled:
        """Put the sections where the page's markers are.

        The generated page holds the whole-overview marker. A page without any marker
        gets every section but the hero after its own content.
        """
        filled = Filled()
        markers = list(MARKER_RE.finditer(html))
        if not markers:
            filled.add(html)
            self._part(filled, model.showing(s for s in SECTIONS if s != "hero"), PAGE_TEMPLATE)
            return filled
        last = 0
        for match in markers:
            filled.add(html[last:match.start()])
            last = match.end()
            name = match["name"]
            if match[0] == MARKER_ALL or name == "overview":
                self._part(filled, model.showing(SECTIONS), PAGE_TEMPLATE)
            elif name not in SECTIONS:
                log.warning(
                    f"page '{src_uri}': unknown overview marker '{match[0]}'; "
                    f"the markers are {', '.join(f'<!-- portfolio:{s} -->' for s in SECTIONS)} "
                    "and <!-- portfolio:overview --> for all of them"
                )
                filled.add(match[0])
            else:
                part = model.showing([name])
                if part.sections:
                    self._part(filled, part, [SECTION_TEMPLATE.format(name), BLOCK_TYPE_TEMPLATE],
                               wrap=True, section=name)
        filled.add(html[last:])
        return filled

    def _part(self, filled: Filled, part: OverviewModel, template: str | list[str | Template],
              wrap: bool = False, **values: Any) -> None:
        """Add sections to the page, and for the search index the hero and the headings."""
        body = self.render(template, part, **values)
        if wrap:
            body = Markup('<div class="pf-overview pf-overview--part">{}</div>').format(
                Markup(body))
        filled.html.append(body)
        filled.shown.extend(part.sections)
        for name in part.sections:
            if name == "hero":
                filled.indexed.append(self.render(SECTION_TEMPLATE.format(name), part))
            elif name in part.headings:
                filled.indexed.append(Markup('<h2 id="{}">{}</h2>').format(
                    section_id(name), part.headings[name]))


@dataclass
class Filled:
    """An overview page's HTML, and what of it the site search indexes: the sections
    are gathered from the other pages, which the search indexes themselves, so only
    the hero and the section headings are indexed (a query would otherwise find each
    block twice, and the search would parse the whole overview again on every
    ``--dirty`` rebuild that changes it)."""

    html: list[str] = field(default_factory=list)
    indexed: list[str] = field(default_factory=list)
    shown: list[str] = field(default_factory=list)

    def add(self, text: str) -> None:
        """The page's own HTML: shown and indexed."""
        self.html.append(text)
        self.indexed.append(text)

    @property
    def content(self) -> str:
        return "".join(self.html)

    @property
    def search_content(self) -> str:
        return "".join(self.indexed)


__all__ = ["Filled", "Renderer"]
