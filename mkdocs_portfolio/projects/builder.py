"""Several projects under MkDocs: their overview pages, the gallery home and the tag pages.

In ``on_files`` the projects are found (:func:`.model.discover`) and their pages are
added, generated (``File.generated``, never written into ``docs_dir``) where the author
has none: ``<project>/index.md`` for each project's overview, ``index.md`` for the
gallery, ``<gallery.tags_path>/<tag>.md`` for each tag. In ``on_env`` every project's
overview is gathered from its own pages only and rendered; its card is harvested from
that model; then the gallery and the tag pages are rendered.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import yaml
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from ..audit.projects import ProjectAudit
from ..markdown import paths
from ..markdown.util import slugify
from ..memo import Memo
from ..overview import placement
from ..overview.builder import overview_toc, shown_pages
from ..overview.gather import Gatherer, SiteInfo
from ..overview.marks import MARKER_ALL
from ..overview.model import OverviewModel, section_id
from ..overview.render import Renderer, escaping
from ..pages import PageRecord
from .gallery import Author, SiteLink, gallery_model, site_image
from .model import (
    Card,
    Project,
    card_of,
    discover,
    lessons_of,
    ordered,
)
from .navigation import put_first
from .rewrites import Rewrites

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.nav import Navigation

    from ..config import PortfolioConfig

log = get_plugin_logger(__name__)

GALLERY_MARKER = "<!-- portfolio:gallery -->"
LESSONS_MARKER = "<!-- portfolio:lessons -->"
LESSONS_PATH = "lessons.md"
GALLERY_TEMPLATE = "portfolio/gallery.html"
BYLINE_TEMPLATE = "portfolio/gallery-byline.html"
LESSONS_TEMPLATE = "portfolio/gallery-lessons.html"


def _source(title: str, marker: str, hide: tuple[str, ...] = ("toc",)) -> str:
    # Material prints page titles unescaped (navigation, <title>): escape ours here.
    meta: dict[str, Any] = {"title": html.escape(title), "portfolio": "overview",
                            "hide": list(hide)}
    return f"---\n{yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)}---\n\n{marker}\n"


class ProjectsBuilder:
    """The pages of a portfolio of several projects. One per build."""

    def __init__(self, options: PortfolioConfig, memo: Memo | None = None,
                 dirty: bool = False) -> None:
        self.options = options
        self.rewrites = Rewrites(memo if memo is not None else Memo(), dirty)
        self.projects: list[Project] = []
        self.overviews: dict[str, File] = {}
        """Slug -> the project's overview page (generated, or the author's index)."""
        self.gallery: File | None = None
        self.tag_files: dict[str, File] = {}
        self.lessons: File | None = None
        """The page of every dead end and next step (``gallery.lessons``)."""
        self.cards: list[Card] = []
        """This build's cards, in the gallery's order (for the audit and tests)."""
        self.author = Author()
        self.images: dict[str, SiteLink] = {}
        """Slug -> the project's configured image, found among the site's files."""

    @property
    def active(self) -> bool:
        return bool(self.projects)

    def groups(self) -> list[ProjectAudit]:
        """The projects as the audit sees them (empty: a site of one project)."""
        cards = {c.slug: c for c in self.cards}
        groups = []
        for project in self.projects:
            card = cards.get(project.slug)
            missing = ("image", "problem", "result") if card is None else tuple(
                name for name, has in (("image", card.image), ("problem", card.problem),
                                       ("result", card.result)) if not has)
            groups.append(ProjectAudit(project.slug, project.title, frozenset(project.pages),
                                       missing))
        return groups

    def add_files(self, files: Files, config: MkDocsConfig) -> bool:
        """Find the projects and add their pages; whether the site has projects."""
        option = self.options.projects
        if not option:
            return False
        # Folders another plugin owns (Material's blog: blog_dir) are not projects.
        owned = tuple(f"{str(folder).strip('/')}/" for plugin in config.plugins.values()
                      if (folder := getattr(plugin.config, "blog_dir", None)))
        pages = [f.src_uri for f in files.documentation_pages()
                 if option is not True or not f.src_uri.startswith(owned)]
        everything = [f.src_uri for f in files.documentation_pages(
            inclusion=InclusionLevel.all)]
        found = discover(option, pages, everything, config.nav)
        for message in found.warnings:
            log.warning(message)
        for message in found.infos:
            log.info(message)
        self.projects = found.projects
        if not self.projects:
            log.warning("projects: no project has pages in this build; the site has the "
                        "overview of one project instead")
            return False
        taken = paths.taken_paths(files)
        for project in self.projects:
            path = project.overview_path
            existing = files.get_file_from_path(path)
            if existing is not None and existing.inclusion.is_included():
                self.overviews[project.slug] = existing
                self.rewrites.watch(existing)
                continue
            if existing is not None:
                files.remove(existing)
            file = File.generated(config, path, content=_source(project.title, MARKER_ALL),
                                  inclusion=InclusionLevel.NOT_IN_NAV)
            self._add(files, file)
            self.overviews[project.slug] = file
        home = placement.home_page(files)
        if home is None:
            title = self.options.author.name or str(config.site_name or "Projects")
            home = File.generated(config, "index.md", content=_source(
                title, GALLERY_MARKER, ("toc",)), inclusion=InclusionLevel.NOT_IN_NAV)
            self._add(files, home)
        else:
            self.rewrites.watch(home)
        self.gallery = home
        self._add_tag_files(files, config, taken)
        if self.options.gallery.lessons:
            self._add_lessons(files, config)
        return True

    def _add_lessons(self, files: Files, config: MkDocsConfig) -> None:
        if files.get_file_from_path(LESSONS_PATH) is not None:
            log.warning(f"gallery.lessons: '{LESSONS_PATH}' is a page of the site already; "
                        "the page of every dead end and next step is not generated")
            return
        self.lessons = File.generated(config, LESSONS_PATH, content=_source(
            "Dead ends and next steps", LESSONS_MARKER), inclusion=InclusionLevel.NOT_IN_NAV)
        self._add(files, self.lessons)

    def _add_tag_files(self, files: Files, config: MkDocsConfig,
                       taken: Mapping[str, str]) -> None:
        folder = self.options.gallery.tags_path.strip().strip("/") or "tags"
        for project in self.projects:
            for tag in project.tags:
                slug = slugify(tag) or "tag"
                if slug in self.tag_files:
                    continue
                path = f"{folder}/{slug}.md"
                try:
                    paths.site_path(path, "gallery.tags_path")
                    if files.get_file_from_path(path) is not None:
                        raise paths.PathProblem(f"gallery.tags_path: '{path}' is a page of "
                                                "the site already")
                    file = File.generated(config, path, content=_source(
                        f"Projects tagged {tag}", GALLERY_MARKER),
                        inclusion=InclusionLevel.NOT_IN_NAV)
                    paths.check_dest(file.dest_uri, taken, f"tag '{tag}'")
                except paths.PathProblem as problem:
                    log.warning(f"{problem}; the tag '{tag}' has no page")
                    continue
                self._add(files, file)
                self.tag_files[slug] = file

    def _add(self, files: Files, file: File) -> None:
        """Add a generated page; under ``--dirty`` it is written only when what it shows
        changed (decided once it is filled in, in ``on_env``)."""
        files.append(file)
        self.rewrites.watch(file)

    def finish(self) -> None:
        """After the site is written: remember what each page we filled in holds."""
        self.rewrites.finish([*self.overviews.values(), *self.tag_files.values(),
                              *(f for f in (self.gallery, self.lessons) if f is not None)])

    def place(self, nav: Navigation, config: MkDocsConfig) -> None:
        """Each project's overview first in its section; the gallery first of all."""
        for project in self.projects:
            file = self.overviews[project.slug]
            put_first(nav, file, project.pages, config)
        if self.gallery is not None:
            placement.place_in_nav(nav, self.gallery, config)

    def fill(self, env: Environment, config: MkDocsConfig, files: Files,
             nav: Navigation | None, records: Mapping[str, PageRecord]) -> None:
        """Render every project's overview, then the gallery and the tag pages."""
        env = escaping(env)
        gallery = self.gallery
        if gallery is None:
            return
        self.author = Author.of(self.options, files)
        # One pass over the pages for all projects: no cost per page per project.
        slug_of = {src: p.slug for p in self.projects for src in p.pages}
        grouped: dict[str, list[PageRecord]] = {p.slug: [] for p in self.projects}
        for record in shown_pages(files, nav, records, gallery):
            slug = slug_of.get(record.src_uri)
            if slug is not None and record.src_uri != self.overviews[slug].src_uri:
                grouped[slug].append(record)
        cards, lessons = [], []
        for project in self.projects:
            file = self.overviews[project.slug]
            model = self._fill_project(env, config, files, grouped[project.slug], project,
                                       file)
            if self.lessons is not None:
                lessons.append(lessons_of(project, model, file.url, self.lessons.url))
            image = self.images.get(project.slug)
            cards.append(card_of(project, model, file.url, gallery.url,
                                 image.seen_from(gallery.url) if image else ""))
        if nav is not None and config.nav is not None:
            # A hand-written nav's order: where each project's first page is in it (else
            # the order of the 'projects' list, or of the folders).
            place = {page.file.src_uri: i for i, page in enumerate(nav.pages)}
            first = {p.slug: min((place.get(src, len(place)) for src in p.pages), default=0)
                     for p in self.projects}
            cards.sort(key=lambda card: first[card.slug])
        self.cards = ordered(cards, self.options.gallery.order)
        for page_file in (gallery, *self.tag_files.values()):
            self._fill_gallery(env, config, page_file)
        if self.lessons is not None and self.lessons.page is not None:
            page = self.lessons.page
            renderer = Renderer(env, {"config": config, "page": page, "lessons": lessons})
            page.content = str(renderer.env.get_template(LESSONS_TEMPLATE).render(
                renderer.context))
            self.rewrites.filled(self.lessons, config)

    def _fill_project(self, env: Environment, config: MkDocsConfig, files: Files,
                      pages: list[PageRecord], project: Project, file: File) -> OverviewModel:
        """Gather the project's overview from its ``pages`` and render it into its page."""
        gatherer = Gatherer(pages=pages, overview_url=file.url,
                            words_per_minute=self.options.page_info.words_per_minute)
        found = site_image(project.image, files, f"project '{project.slug}', option 'image'") \
            if project.image else None
        if found is not None:
            self.images[project.slug] = found
        image = found.seen_from(file.url) if found else ""
        site = SiteInfo(name=project.title, tagline=project.description,
                        repo_url=project.source or str(config.repo_url or ""),
                        hero_image=image,
                        # Without them, the tagline and the hero image come from its first page.
                        home=pages[0].src_uri if pages else "")
        model = gatherer.gather(site)
        page = file.page
        if page is None or page.content is None:
            return model
        context = {"config": config, "page": page, "section_id": section_id}
        renderer = Renderer(env, context)
        filled = renderer.fill(page.content, model, file.src_uri)
        content = str(filled.content)
        byline = self._byline(env, config, page, file.url)
        if byline.strip():  # under the hero (a page of the author's: at its top)
            end = content.find("</header>")
            at = end + len("</header>") if end >= 0 else 0
            content = content[:at] + byline + content[at:]
        page.content = content
        page.toc = overview_toc(page, model, filled.shown)
        self.rewrites.filled(file, config)
        return model

    def _fill_gallery(self, env: Environment, config: MkDocsConfig, file: File) -> None:
        page, gallery = file.page, self.gallery
        if page is None or page.content is None or gallery is None:
            return
        model = gallery_model(self.author, self.options, config, self.cards, gallery, file,
                              self.tag_files, self.lessons)
        body = str(env.get_template(GALLERY_TEMPLATE).render(
            {"config": config, "page": page, "gallery": model}))
        content = page.content
        if GALLERY_MARKER in content:
            page.content = content.replace(GALLERY_MARKER, body, 1)
        else:
            page.content = content + body
        self.rewrites.filled(file, config)

    def _byline(self, env: Environment, config: MkDocsConfig, page: Any, url: str) -> str:
        if not self.author.name or self.gallery is None:
            return ""
        model = self.author.model(url, self.gallery.url)
        return str(env.get_template(BYLINE_TEMPLATE).render(
            {"config": config, "page": page, "gallery": model}))


__all__ = ["ProjectsBuilder"]
