"""The gallery's and the byline's models under MkDocs: the author's photo and CV found
among the site's files once per build (a missing one warns once), then their URLs as
seen from each page that shows them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import field
from typing import TYPE_CHECKING

from mkdocs.plugins import get_plugin_logger

from ..lazydata import dataclass
from ..markdown.urls import is_local, relative_url, web_url
from .model import Card, GalleryModel, author_links, tags_of

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files

    from ..config import PortfolioConfig

log = get_plugin_logger(__name__)

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif")


@dataclass(frozen=True)
class SiteLink:
    """A URL of the web (kept as it is), or of a file of the site (made relative)."""

    url: str
    local: bool = False

    def seen_from(self, page_url: str) -> str:
        return relative_url(self.url, page_url) if self.local else self.url


def site_image(image: str, files: Files, what: str) -> SiteLink | None:
    """An image: a file in docs_dir, or a web URL; ``None``, with a warning naming
    ``what``, when it is neither."""
    if web_url(image):
        return SiteLink(image)
    file = files.get_file_from_path(image.lstrip("/")) if is_local(image) else None
    if file is None or file.inclusion.is_excluded():
        log.warning(f"{what}: '{image}' is not a file in docs_dir (give a path relative "
                    "to docs_dir, or an http(s) URL); it is left out")
        return None
    if not file.src_uri.lower().endswith(IMAGE_SUFFIXES):
        log.warning(f"{what}: '{image}' is not an image ({', '.join(IMAGE_SUFFIXES)}); "
                    "it is left out")
        return None
    return SiteLink(file.url, local=True)


@dataclass
class Author:
    """The ``author`` options, with the photo and the links found in this build."""

    name: str = ""
    bio: str = ""
    photo: SiteLink | None = None
    links: dict[str, SiteLink] = field(default_factory=dict)

    @classmethod
    def of(cls, options: PortfolioConfig, files: Files) -> Author:
        author = options.author
        links: dict[str, SiteLink] = {}
        for kind, url in author.links.items():
            if kind == "cv" and is_local(url) and not web_url(url):
                found = files.get_file_from_path(url)
                if found is None or found.inclusion.is_excluded():
                    log.warning(f"author.links.cv: '{url}' is not a file in docs_dir; the "
                                "CV link is left out")
                    continue
                links[kind] = SiteLink(found.url, local=True)
            else:
                links[kind] = SiteLink(url)
        photo = site_image(author.photo, files, "author.photo") if author.photo else None
        return cls(author.name or "", author.bio or "", photo, links)

    def model(self, page_url: str, home_url: str, **values: object) -> GalleryModel:
        """The author's part of a gallery model, for the page at ``page_url``."""
        links = {kind: link.seen_from(page_url) for kind, link in self.links.items()}
        return GalleryModel(
            title=str(values.pop("title", self.name)), author=self.name, bio=self.bio,
            photo=self.photo.seen_from(page_url) if self.photo else "",
            links=author_links(links, lambda kind, url: url),
            home_url=relative_url(home_url, page_url), **values)  # type: ignore[arg-type]


def gallery_model(author: Author, options: PortfolioConfig, config: MkDocsConfig,
                  cards: Sequence[Card], gallery: File, file: File,
                  tag_files: Mapping[str, File], lessons: File | None = None) -> GalleryModel:
    """The model of the gallery (``file`` is ``gallery``) or of a tag page."""
    urls = {slug: relative_url(f.url, file.url) for slug, f in tag_files.items()}
    tags = tags_of(cards, urls)
    tag = next((t for t in tags if tag_files.get(t.slug) is file), None)
    shown = list(cards)
    if tag is not None:
        shown = [c for c in shown if tag.slug in c.tag_slugs.split()]
    if file is not gallery:
        shown = [c.moved(gallery.url, file.url) for c in shown]
    return author.model(
        file.url, gallery.url, title=author.name or str(config.site_name or ""),
        tagline=author.bio or str(config.site_description or ""), cards=shown, tags=tags,
        filter=options.gallery.filter, tag=tag,
        lessons_url=relative_url(lessons.url, file.url) if lessons is not None else "")
