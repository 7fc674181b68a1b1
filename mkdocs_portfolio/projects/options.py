"""Options of a portfolio of several projects: ``projects``, ``gallery`` and ``author``.

``projects: true`` makes each top-level folder of ``docs_dir`` that holds pages (or,
with a hand-written ``nav``, each top-level section) a project; ``projects:`` as a
list names them, with what the folder layout cannot say (tags, status, date...).
Every value is checked here, by option classes, so that a wrong one stops the build
with a message naming the project and the option.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import BaseConfigOption, ValidationError

from ..markdown import paths
from ..markdown.urls import safe_url, scheme, web_url
from ..markdown.util import is_blank, slugify

STATUSES = ("shipped", "in progress", "archived")
ORDERS = ("nav", "date", "featured")
LINK_KINDS = {
    "github": "GitHub", "linkedin": "LinkedIn", "huggingface": "Hugging Face",
    "scholar": "Google Scholar", "website": "Website", "email": "Email", "cv": "CV",
}
"""The author's links, in the order they are shown, with their labels."""
_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


class Label(BaseConfigOption[str]):
    """Visible text (a tag, a title): a list, a mapping or a number is refused."""

    def run_validation(self, value: object) -> str:
        if not isinstance(value, str):
            raise ValidationError(f"must be text, not {type(value).__name__} {value!r}")
        if is_blank(value):
            raise ValidationError("must not be empty")
        return value.strip()


class DateText(BaseConfigOption[str]):
    """A date (``2025-03-01``, or ``2025-03``, or ``2025``), kept as ISO text."""

    def run_validation(self, value: object) -> str:
        if isinstance(value, datetime.date):
            return value.isoformat()[:10]
        if isinstance(value, int) and not isinstance(value, bool) and 1900 < value < 3000:
            return str(value)
        if isinstance(value, str) and re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value.strip()):
            return value.strip()
        raise ValidationError(f"must be a date such as 2025-03-01 (or 2025-03), not {value!r}")


class ImagePath(Label):
    """An image: a path under ``docs_dir`` or an http(s) URL (checked again, against the
    site's files, when they are known)."""

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value)
        if web_url(text):
            return text
        if scheme(text):
            raise ValidationError(f"must be a path under docs_dir or an http(s) URL, not "
                                  f"a {scheme(text)}: URL")
        try:
            return paths.site_path(text.lstrip("/"), "image")
        except paths.PathProblem as problem:
            raise ValidationError(str(problem).removeprefix("image: ")) from None


class ProjectConfig(base.Config):
    """One entry of ``projects:``."""

    slug = c.Optional(Label())
    """The project's name in URLs (tag pages, the JSON report); default: from ``path``."""
    path = c.Optional(Label())
    """The project's folder under ``docs_dir``."""
    nav = c.Optional(Label())
    """Or: the title of the project's top-level section in ``nav``."""
    title = c.Optional(Label())
    description = c.Optional(Label())
    """One line for the card; default: the first sentence of its problem block."""
    tags = c.ListOfItems(Label(), default=[])
    status = c.Optional(c.Choice(STATUSES))
    date = c.Optional(DateText())
    featured = c.Type(bool, default=False)
    image = c.Optional(ImagePath())
    """The card's image; default: the project's hero image or its first figure."""
    source = c.Optional(Label())
    """The project's repository (an http(s) URL); default: the site's ``repo_url``."""


class ProjectsOption(BaseConfigOption[Any]):
    """``projects``: ``false`` (one project: the site), ``true`` (one per top-level folder
    or nav section), or a list of :class:`ProjectConfig`."""

    def __init__(self) -> None:
        super().__init__()
        self.default = False

    def run_validation(self, value: object) -> bool | list[ProjectConfig]:
        if value is None:
            return False
        if isinstance(value, bool):
            return value
        if not isinstance(value, list):
            raise ValidationError(f"must be true, false or a list of projects, not "
                                  f"{type(value).__name__}")
        projects: list[ProjectConfig] = []
        seen: dict[str, int] = {}
        for number, raw in enumerate(value, 1):
            name = f"project {number}"
            if isinstance(raw, str):
                raw = {"path": raw}
            if not isinstance(raw, Mapping):
                raise ValidationError(f"{name} must be a mapping (slug, path, title...) or "
                                      f"a folder name, not {raw!r}")
            name = f"project {number} ({raw.get('slug') or raw.get('path') or raw.get('nav')!s})"
            project = ProjectConfig()
            project.load_dict(dict(raw))
            failed, unknown = project.validate()
            if failed:
                key, error = failed[0]
                raise ValidationError(f"{name}, option '{key}': {error}")
            for key, message in unknown:  # a misspelt option ('tag:') must not go unseen
                self.warnings.append(f"{name}, option '{key}': {message}")
            if not project.path and not project.nav:
                raise ValidationError(f"{name} needs 'path' (its folder under docs_dir) or "
                                      "'nav' (the title of its section in nav)")
            slug = project.slug or slugify(project.path or project.nav or "")
            if not _SLUG.match(slug):
                raise ValidationError(f"{name}, option 'slug': {slug!r} must be lower-case "
                                      "letters, digits, '-' and '_'")
            if slug in seen:
                raise ValidationError(f"{name}, option 'slug': {slug!r} is also the slug of "
                                      f"project {seen[slug]}; each project needs its own")
            seen[slug] = number
            project.slug = slug
            if project.path:
                project.path = project.path.strip("/")
            if project.source and not web_url(project.source):
                raise ValidationError(f"{name}, option 'source': must be an http(s) URL, "
                                      f"not {project.source!r}")
            projects.append(project)
        return projects


class AuthorLinks(BaseConfigOption[dict[str, str]]):
    """``author.links``: kind -> URL; http(s) or mailto only (``email`` may be an address,
    ``cv`` a file under ``docs_dir``)."""

    def __init__(self) -> None:
        super().__init__()
        self.default: dict[str, str] = {}

    def run_validation(self, value: object) -> dict[str, str]:
        if not isinstance(value, Mapping):
            raise ValidationError(f"must be a mapping of {', '.join(LINK_KINDS)} to URLs")
        links: dict[str, str] = {}
        for kind, url in value.items():
            if kind not in LINK_KINDS:
                raise ValidationError(f"there is no link {kind!r}; the links are "
                                      f"{', '.join(LINK_KINDS)}")
            if not isinstance(url, str) or is_blank(url):
                raise ValidationError(f"link {kind!r} must be text (a URL), not {url!r}")
            url = url.strip()
            if kind == "email" and not scheme(url) and "@" in url:
                url = f"mailto:{url}"
            if kind == "cv" and not scheme(url):
                try:
                    links[kind] = paths.site_path(url.lstrip("/"), "author.links.cv")
                except paths.PathProblem as problem:
                    raise ValidationError(str(problem)) from None
                continue
            if not (web_url(url) or (scheme(url) == "mailto" and safe_url(url))):
                raise ValidationError(f"link {kind!r} must be an http(s) or mailto: URL, "
                                      f"not {url!r}")
            links[kind] = url
        return links


class AuthorConfig(base.Config):
    """``author``: who made the projects, shown as the home page's hero and as a byline."""

    name = c.Optional(Label())
    photo = c.Optional(ImagePath())
    bio = c.Optional(Label())
    """One line."""
    links = AuthorLinks()


class GalleryConfig(base.Config):
    """``gallery``: the home page of a portfolio of several projects."""

    order = c.Choice(ORDERS, default="nav")
    """``nav``: as in the navigation; ``date``: newest first; ``featured``: featured
    projects first, then as in the navigation."""
    tags_path = c.Type(str, default="tags")
    """Folder of the generated tag pages (one page per tag)."""
    filter = c.Type(bool, default=True)
    """With JavaScript, the tags above the gallery filter its cards in place."""
    lessons = c.Type(bool, default=False)
    """A page ``lessons.md`` of every dead end and every next step, grouped by project."""
