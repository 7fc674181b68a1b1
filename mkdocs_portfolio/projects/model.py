"""The projects of a portfolio and their gallery cards (no MkDocs).

:func:`discover` finds the projects from the option ``projects``, the site's pages
and its hand-written ``nav``; :func:`card_of` harvests a project's card from its
overview model (the author writes each fact once); :func:`ordered` sorts the cards.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import field, replace
from typing import Any

from markupsafe import Markup

from ..lazydata import dataclass
from ..markdown.urls import relative_url
from ..markdown.util import slugify
from ..overview.model import BlockEntry, Button, OverviewModel
from ..overview.rebase import rebase_url
from .options import LINK_KINDS, ProjectConfig


@dataclass(frozen=True)
class Project:
    """One project of the site: which pages are its, and what its card says."""

    slug: str
    title: str
    pages: tuple[str, ...]
    """Source paths of its pages, in nav order where the nav says."""
    folder: str = ""
    """Its folder under docs_dir (its overview is ``<folder>/index.md``)."""
    description: str = ""
    tags: tuple[str, ...] = ()
    status: str = ""
    date: str = ""
    featured: bool = False
    image: str = ""
    source: str = ""

    @property
    def overview_path(self) -> str:
        return f"{self.folder}/index.md"


def nav_sections(nav: object) -> dict[str, list[str]]:
    """Top-level sections of a hand-written ``nav``: title -> the pages under it."""
    found: dict[str, list[str]] = {}
    for item in nav if isinstance(nav, list) else []:
        if isinstance(item, Mapping) and len(item) == 1:
            (title, value), = item.items()
            if isinstance(value, list):
                found[str(title)] = list(_pages_of(value))
    return found


def _pages_of(value: object) -> Iterable[str]:
    if isinstance(value, str):
        if value.endswith(".md") and "://" not in value:
            yield value.lstrip("/")
    elif isinstance(value, list):
        for item in value:
            yield from _pages_of(item)
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _pages_of(item)


def _title(folder: str) -> str:
    words = folder.replace("-", " ").replace("_", " ").strip()
    return words[:1].upper() + words[1:]


@dataclass
class Discovery:
    """What :func:`discover` found: the projects, and what to tell the author."""

    projects: list[Project] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    infos: list[str] = field(default_factory=list)


def discover(option: bool | list[ProjectConfig], pages: Sequence[str],
             all_pages: Iterable[str], nav: object) -> Discovery:
    """The projects: ``pages`` are the site's pages (drafts and excluded ones left out),
    ``all_pages`` every page in docs_dir, ``nav`` the hand-written ``nav`` or ``None``."""
    found = Discovery()
    sections = nav_sections(nav) if nav is not None else {}
    included = set(pages)
    if option is True:
        if sections:
            entries = [ProjectConfig() for _ in sections]
            for entry, title in zip(entries, sections, strict=True):
                entry.load_dict({"nav": title})
                entry.validate()
        else:
            folders = dict.fromkeys(p.split("/", 1)[0] for p in pages if "/" in p)
            entries = []
            for folder in folders:
                entry = ProjectConfig()
                entry.load_dict({"path": folder})
                entry.validate()
                entries.append(entry)
        for entry in entries:
            entry.slug = slugify(entry.path or entry.nav or "")
    elif isinstance(option, list):
        entries = option
    else:
        return found
    everything = set(all_pages)
    slugs: set[str] = set()
    for entry in entries:
        slug = str(entry.slug)
        if slug in slugs:
            found.warnings.append(f"projects: two projects have the slug '{slug}'; the "
                                  "second is left out (set 'slug' on one of them)")
            continue
        if entry.path:
            folder = entry.path
            mine = [p for p in pages if p.startswith(f"{folder}/")]
            if not any(p.startswith(f"{folder}/") for p in everything):
                found.warnings.append(f"projects: project '{slug}', option 'path': there is "
                                      f"no folder '{folder}' with pages in docs_dir")
                continue
        else:
            section = str(entry.nav)
            if section not in sections:
                found.warnings.append(f"projects: project '{slug}', option 'nav': the nav "
                                      f"has no top-level section '{section}'")
                continue
            mine = [p for p in sections[section] if p in included]
            folder = _common_folder(mine) or slug
        if not mine:
            where = f"folder '{entry.path}'" if entry.path else f"nav section '{entry.nav}'"
            found.infos.append(f"projects: project '{slug}' ({where}) has no page in this "
                               "build (drafts or excluded pages only): it is not on the gallery")
            continue
        slugs.add(slug)
        title = entry.title or (entry.nav if entry.nav else _title(folder.rsplit("/", 1)[-1]))
        found.projects.append(Project(
            slug=slug, title=str(title), pages=tuple(mine), folder=folder,
            description=entry.description or "", tags=tuple(entry.tags),
            status=entry.status or "", date=entry.date or "", featured=bool(entry.featured),
            image=entry.image or "", source=entry.source or ""))
    return found


def _common_folder(pages: Sequence[str]) -> str:
    folders = {p.rsplit("/", 1)[0] if "/" in p else "" for p in pages}
    return folders.pop() if len(folders) == 1 else ""


@dataclass(frozen=True)
class Tag:
    name: str
    slug: str
    url: str
    """From the page that shows it."""
    count: int = 0


@dataclass(frozen=True)
class Card:
    """One project on the gallery (URLs from the gallery's page)."""

    slug: str
    title: str
    url: str
    image: str = ""
    image_alt: str = ""
    problem: Markup = field(default_factory=Markup)
    result: BlockEntry | None = None
    tags: tuple[str, ...] = ()
    status: str = ""
    date: str = ""
    featured: bool = False
    minutes: int = 0
    pages: int = 0
    buttons: tuple[Button, ...] = ()

    @property
    def tag_slugs(self) -> str:
        return " ".join(slugify(t) for t in self.tags)

    @property
    def status_slug(self) -> str:
        return slugify(self.status)

    def moved(self, from_url: str, to_url: str) -> Card:
        """The card as seen from another page (a tag page)."""
        def move(url: str) -> str:
            return rebase_url(url, from_url, to_url)
        buttons = tuple(Button(b.label, b.url if b.external else move(b.url), b.icon,
                               b.primary, b.external) for b in self.buttons)
        return Card(**{**self.__dict__, "url": move(self.url),
                       "image": move(self.image) if self.image else "", "buttons": buttons})


def card_of(project: Project, model: OverviewModel, overview_url: str, gallery_url: str,
            image: str = "") -> Card:
    """The card of ``project`` from its overview's model (URLs from ``overview_url``);
    ``image`` is the configured image's URL from the gallery, if any."""
    def move(url: str) -> str:
        return rebase_url(url, overview_url, gallery_url)

    alt = model.hero_image_alt
    if not image and model.hero_image:
        image = move(model.hero_image)
    if not image:
        first = next((p for p in model.contents if p.image), None)
        if first is not None:
            image, alt = move(first.image), first.image_alt
    writeup = relative_url(overview_url, gallery_url)
    buttons: list[Button] = []
    if model.demo is not None:
        buttons.append(Button("Demo", move(model.demo.url), "material/play-circle-outline",
                              primary=True))
    for button in model.buttons:
        if button.external:
            buttons.append(Button("Source", button.url, "material/source-branch",
                                  external=True))
    buttons.append(Button("Writeup", writeup, "material/book-open-variant",
                          primary=model.demo is None))
    problem = Markup.escape(project.description) if project.description else \
        Markup(model.problems[0].gist if model.problems else "")
    return Card(
        slug=project.slug, title=project.title, url=writeup, image=image,
        image_alt=alt or project.title,
        problem=problem,
        result=model.results[0] if model.results else None,
        tags=project.tags, status=project.status, date=project.date,
        featured=project.featured, minutes=model.minutes, pages=len(model.contents),
        buttons=tuple(buttons))


def ordered(cards: Sequence[Card], order: str) -> list[Card]:
    """The cards in nav order (as given), newest first, or featured first."""
    if order == "date":
        return sorted(cards, key=lambda c: c.date or "", reverse=True)
    if order == "featured":
        return sorted(cards, key=lambda c: not c.featured)
    return list(cards)


def tags_of(cards: Sequence[Card], url_of: Mapping[str, str]) -> list[Tag]:
    """Every tag of the cards, in order of first use, with its page's URL."""
    counts: dict[str, int] = {}
    for card in cards:
        for tag in card.tags:
            counts[tag] = counts.get(tag, 0) + 1
    return [Tag(name, slugify(name), url_of.get(slugify(name), ""), count)
            for name, count in counts.items()]


@dataclass(frozen=True)
class Link:
    kind: str
    label: str
    url: str


@dataclass
class GalleryModel:
    """Everything the gallery's templates show."""

    title: str
    tagline: str = ""
    author: str = ""
    photo: str = ""
    bio: str = ""
    links: list[Link] = field(default_factory=list)
    cards: list[Card] = field(default_factory=list)
    tags: list[Tag] = field(default_factory=list)
    filter: bool = True
    tag: Tag | None = None
    """On a tag page: its tag."""
    home_url: str = ""
    lessons_url: str = ""
    """The page of every dead end and next step, if there is one."""

    def tag_url(self, name: str) -> str:
        """The URL of the page of the tag ``name`` (empty when it has none)."""
        slug = slugify(name)
        return next((t.url for t in self.tags if t.slug == slug), "")


def author_links(links: Mapping[str, str], resolve: Any) -> list[Link]:
    """The author's links in their shown order; ``resolve(kind, url)`` gives the URL to
    use (a file of the site, from the page), or empty to leave it out."""
    shown = []
    for kind, label in LINK_KINDS.items():
        url = links.get(kind)
        if url:
            url = resolve(kind, url)
            if url:
                shown.append(Link(kind, label, url))
    return shown


@dataclass(frozen=True)
class Lessons:
    """One project's dead ends and next steps, for the page of all of them."""

    slug: str
    title: str
    url: str
    dead_ends: tuple[BlockEntry, ...]
    next_steps: tuple[BlockEntry, ...]


def lessons_of(project: Project, model: OverviewModel, overview_url: str,
               page_url: str) -> Lessons:
    """A project's dead ends and next steps with their links from the page at ``page_url``."""
    def moved(entries: Sequence[BlockEntry]) -> tuple[BlockEntry, ...]:
        return tuple(replace(e, url=rebase_url(e.url, overview_url, page_url),
                             page_url=rebase_url(e.page_url, overview_url, page_url))
                     for e in entries)

    return Lessons(project.slug, project.title, relative_url(overview_url, page_url),
                   moved(model.dead_ends), moved(model.next_steps))
