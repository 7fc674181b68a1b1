"""The overview of a site read from its sources, as the Markdown page an engine builds.

The same choices as the plugin's (:mod:`mkdocs_portfolio.overview.placement`): the
author's page with the front matter ``portfolio: overview``; else, with
``overview.home``, the home page; else a generated page at ``overview.path`` (the home
page when the site has none). The sections come from the same model and templates: the
page is the author's Markdown with the sections as raw HTML where its markers are (or
after its text), or the generated page's front matter and the whole overview. Its
stylesheet travels with it, as the extension's do on every page.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment, FileSystemLoader

from ..bundle import ASSETS_DIR, minify_css
from ..lazydata import dataclass
from ..log import get_logger
from ..markdown.urls import is_local, relative_url, web_url
from ..overview.gather import Gatherer, SiteInfo
from ..overview.marks import generated_source
from ..overview.model import OverviewModel, section_id
from ..overview.render import Renderer
from ..pages import PageRecord
from .convert import FRONT_MATTER
from .site import SourcePage, SourceSite, page_url

if TYPE_CHECKING:
    from ..config import PortfolioConfig

log = get_logger(__name__)

TEMPLATES_DIR = Path(__file__).parent.parent / "templates"
STYLE_MARK = "data-pf-overview"


@dataclass
class StagedOverview:
    """The overview page an engine without plugins builds in place of the author's."""

    src_uri: str
    url: str
    text: str
    """The page's Markdown, sections included."""
    html: str
    """The page's HTML as a reader gets it: its own and the sections (the audit measures
    its reading time)."""
    generated: bool
    model: OverviewModel


def _environment(site: SourceSite) -> Environment:
    theme = site.config.get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    folders = [str(site.root / custom)] if isinstance(custom, str) and custom else []
    # The theme's folders hold the icons the templates include (".icons/...").
    theme_dirs = [d for d in site.config.get("theme_dirs") or [] if isinstance(d, str)]
    return Environment(loader=FileSystemLoader([*folders, str(TEMPLATES_DIR), *theme_dirs]),
                       autoescape=True)


def _stylesheet() -> str:
    css = minify_css((ASSETS_DIR / "overview.css").read_text(encoding="utf-8"))
    css = re.sub(r"</(?=style)", r"<\\/", css, flags=re.I)
    return f"<style {STYLE_MARK}>{css}</style>"


def _overview_page(site: SourceSite, records: Mapping[str, PageRecord],
                   options: PortfolioConfig) -> tuple[SourcePage | None, str | None]:
    """``(the author's page that is the overview, None)`` or ``(None, generated path)``."""
    marked = [p for p in site.pages if p.src_uri in records
              and records[p.src_uri].settings.overview]
    if len(marked) > 1:
        log.warning("several pages have the front matter 'portfolio: overview': "
                    f"{', '.join(repr(p.src_uri) for p in marked)}; '{marked[0].src_uri}' "
                    "is the overview, the others are ordinary pages")
    if marked:
        return marked[0], None
    home = next((p for p in site.pages if p.is_home), None)
    if home is not None and home.src_uri in records and options.overview.on_home:
        return home, None
    path = options.overview.path.strip().lstrip("/") or "overview.md"
    if not path.endswith(".md"):
        path = "overview.md"
    if home is None:
        path = "index.md"
    if site.page(path) is not None:
        log.warning(f"overview: '{site.docs_dir / path}' already exists, so the overview "
                    "cannot be generated there: set 'overview.path' to a free path, or make "
                    "that page the overview with the front matter 'portfolio: overview'")
        return None, None
    return None, path


def _hero_image(image: str, site: SourceSite, overview_url: str) -> str:
    if not image:
        return ""
    if web_url(image):
        return image
    rel = image.lstrip("/")
    if not is_local(image) or rel not in site.other_files:
        log.warning(f"overview.hero_image: '{image}' is not a file in docs_dir (give a path "
                    "relative to docs_dir, or a full URL); the hero has no image")
        return ""
    return relative_url(site.other_files[rel], overview_url)


def stage_overview(site: SourceSite, records: Mapping[str, PageRecord], options: PortfolioConfig,
                   pages_html: Mapping[str, str]) -> StagedOverview | None:
    """The overview page, or ``None`` when the overview is off or has no place."""
    if not options.overview.enabled:
        return None
    author, generated = _overview_page(site, records, options)
    if author is None and generated is None:
        return None
    directory_urls = site.config.get("use_directory_urls") is not False
    src = author.src_uri if author is not None else str(generated)
    url = author.url if author is not None else page_url(src, directory_urls)
    shown = [records[p.src_uri] for p in site.pages
             if p.src_uri != src and p.src_uri in records
             and not records[p.src_uri].settings.exclude
             and not records[p.src_uri].settings.overview]
    home = next((p.src_uri for p in site.pages if p.is_home and p.src_uri != src), "")
    model = Gatherer(pages=shown, overview_url=url,
                     words_per_minute=options.page_info.words_per_minute,
                     results_table=options.overview.results_table).gather(SiteInfo(
        name=site.text("site_name"), tagline=site.text("site_description"),
        repo_url=site.text("repo_url"),
        hero_image=_hero_image(options.overview.hero_image or "", site, url), home=home))
    author_html = pages_html.get(src, "")
    if author is not None:
        text = author.path.read_text(encoding="utf-8-sig")
    else:
        text = generated_source(options.overview)
    found = FRONT_MATTER.match(text)
    front, body = (text[:found.end()], text[found.end():]) if found else ("", text)
    renderer = Renderer(_environment(site), {"section_id": section_id})
    filled = renderer.fill(body, model, src)
    # Raw HTML is a block of its own in Markdown: blank lines around every section (the
    # author's text is in both lists of the filling, the sections only in the shown one).
    authors = {id(part) for part in filled.indexed}
    sections = [part for part in filled.html if id(part) not in authors]
    text = "".join(part if id(part) in authors else f"\n\n{part}\n\n" for part in filled.html)
    page = f"{front}{text.rstrip()}\n\n{_stylesheet()}\n"
    shown_html = (author_html or "") + "".join(sections)
    if "<h1" not in shown_html:  # the theme heads the article with the page's title
        shown_html = f"<h1>{html.escape(_theme_title(author, records))}</h1>{shown_html}"
    return StagedOverview(src, url, page, shown_html, author is None, model)


def _theme_title(author: SourcePage | None, records: Mapping[str, PageRecord]) -> str:
    """The title Material (and Zensical) print above a page without a heading: the front
    matter's or the nav's, else ``Home`` on the home page, else the file's name."""
    if author is None:
        return ""
    meta = records[author.src_uri].meta if author.src_uri in records else {}
    title = meta.get("title") or author.nav_title
    if isinstance(title, str) and title.strip():
        return title
    return "Home" if author.is_home else author.name.replace("-", " ").capitalize()
