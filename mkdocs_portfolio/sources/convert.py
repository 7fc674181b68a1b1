"""Every page of a site read from its sources, converted and made into its record.

What the plugin's ``on_page_content`` records under MkDocs, made here without it: each
page's front matter is split off as MkDocs does, its Markdown converted with the site's
``markdown_extensions``, the companions the blocks stand on and our extension (as the
plugin sets them up), and links to other pages rewritten to their URLs, as MkDocs
rewrites them before our extension collects the page's facts.
"""

from __future__ import annotations

import html
import posixpath
import re
import xml.etree.ElementTree as etree
from collections.abc import Mapping
from functools import partial
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

import markdown
import yaml
from markdown.treeprocessors import Treeprocessor

from ..log import get_logger
from ..markdown import PortfolioExtension, sourcefiles
from ..markdown.companions import companions
from ..markdown.repo import Repo
from ..markdown.urls import relative_url
from ..pages import PageRecord, Place, check_title, page_title
from .site import SourcePage, SourceSite

if TYPE_CHECKING:
    from ..config import PortfolioConfig

log = get_logger(__name__)

FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
"""YAML front matter, as MkDocs (``mkdocs.utils.meta``) and Zensical find it."""


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """``(meta, body)``: the front matter (``{}`` when there is none, or it is not a
    mapping of valid YAML, as MkDocs takes it) and the Markdown after it."""
    found = FRONT_MATTER.match(text)
    if found is None:
        return {}, text
    try:
        meta = yaml.safe_load(found.group(1))
    except yaml.YAMLError:
        return {}, text
    if not isinstance(meta, dict):
        return {}, text
    return meta, text[found.end():].lstrip("\n")


class LinksToUrls(Treeprocessor):
    """Links and images to files of the site, pointed at their URLs from the page, as
    MkDocs' own treeprocessor does (``page.md#x`` -> ``../page/#x``)."""

    def __init__(self, md: markdown.Markdown, page: SourcePage, urls: Mapping[str, str]):
        super().__init__(md)
        self.page = page
        self.urls = urls

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            key = "href" if element.tag == "a" else "src" if element.tag == "img" else None
            url = element.get(key) if key else None
            if key and url:
                element.set(key, self.to_url(url))

    def to_url(self, url: str) -> str:
        scheme, netloc, path, query, anchor = urlsplit(url)
        if scheme or netloc or url.startswith(("/", "\\")) or not path:
            return url
        target = posixpath.normpath(posixpath.join(posixpath.dirname(self.page.src_uri),
                                                   path))
        found = self.urls.get(target)
        if found is None:
            return url
        return urlunsplit(("", "", relative_url(found, self.page.url), query, anchor))


def extension_for(site: SourceSite, options: PortfolioConfig,
                  ) -> tuple[PortfolioExtension, list[Any], dict[str, Any]]:
    """Our extension set up as the plugin sets it up, and the extension list around it."""
    settings = options.extension_settings(site.text("repo_url"), str(site.docs_dir))
    settings["standalone"] = False
    names: list[Any] = []
    configs: dict[str, Any] = {}
    for entry in site.config.get("markdown_extensions") or []:
        if isinstance(entry, str) and entry in ("mkdocs_portfolio.markdown", "mkdocs_portfolio"):
            continue
        names.append(entry)
    mdx = site.config.get("mdx_configs") or {}
    configs.update({k: v for k, v in mdx.items() if k in names})
    for user in ("mkdocs_portfolio.markdown", "mkdocs_portfolio"):
        settings.update({k: v for k, v in (mdx.get(user) or {}).items()
                         if k not in ("standalone", "docs_dir")})
    for name, wanted in companions(mermaid=options.visuals.mermaid,
                                   figures=options.visuals.figures):
        if name not in names:
            names.append(name)
            configs[name] = wanted
    extension = PortfolioExtension(**settings)
    return extension, names, configs


def page_text(page: SourcePage, texts: Mapping[str, str]) -> str | None:
    """A page's Markdown (a notebook's, as converted), or ``None`` (with a warning)."""
    if page.src_uri in texts:
        return texts[page.src_uri]
    try:
        return page.path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        log.warning(f"page '{page.src_uri}' cannot be read: {error}; it is left out")
        return None


def convert_page(page: SourcePage, extension: PortfolioExtension, names: list[Any],
                 configs: dict[str, Any], urls: Mapping[str, str],
                 texts: Mapping[str, str]) -> tuple[dict[str, Any], str] | None:
    """Convert one page; ``(meta, html)``, or ``None`` (with a warning) when it cannot
    be read."""
    text = page_text(page, texts)
    if text is None:
        return None
    meta, body = split_front_matter(text)
    extension.setConfig("page", page.src_uri)
    extension.setConfig("page_url", page.url)
    md = markdown.Markdown(extensions=[*names, extension], extension_configs=configs)
    md.treeprocessors.register(LinksToUrls(md, page, urls), "portfolio_links_to_urls", 0)
    return meta, md.convert(body)


def read_source(path: str) -> str:
    try:
        with open(path, encoding="utf-8-sig") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError):
        return ""


def page_records(site: SourceSite, options: PortfolioConfig, repo: Repo,
                 texts: Mapping[str, str]) -> tuple[dict[str, PageRecord], dict[str, str]]:
    """The record of every page, by source path, and every page's HTML (``texts``: the
    Markdown of the pages that is not their file's, the notebooks'); snippets come
    from ``repo`` (and link to its forge: an engine without plugins has no source pages)."""
    extension, names, configs = extension_for(site, options)
    urls = extension.site_files = site.urls
    sourcefiles.reset(extension, repo)
    records: dict[str, PageRecord] = {}
    pages_html: dict[str, str] = {}
    from ..frontmatter import page_settings

    for page in site.pages:
        converted = convert_page(page, extension, names, configs, urls, texts)
        if converted is None:
            continue
        meta, content = converted
        check_title(page.src_uri, meta)
        facts = extension.facts
        record = PageRecord(page.src_uri, facts, meta, page_settings(meta, page.src_uri),
                            source=partial(read_source, str(page.path)))
        engine_title = page.nav_title
        site_name = site.text("site_name")
        if engine_title is None and page.is_home and not facts.title and "title" not in meta \
                and site_name.strip():
            engine_title = html.escape(site_name)
        record.place = Place(url=page.url,
                             title=page_title(meta, facts, engine_title, page.name),
                             section=page.section, in_nav=page.in_nav)
        records[page.src_uri] = record
        pages_html[page.src_uri] = content
    return records, pages_html
