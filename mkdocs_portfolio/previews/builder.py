"""Link previews under MkDocs: each page's preview, its card, its tags in the built page.

Every page is converted by ``on_env``: :meth:`Previews.plan` works out each page's
preview from its record (and the overview's from the overview's model), and adds the
card images as files of the site before MkDocs copies them. ``on_post_page`` puts the
tags at the end of each page's ``<head>``, unless the page has such tags of its own (a
theme override's, Material's social plugin's).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File

from ..overview.gather import first_image, page_summary
from ..overview.model import OverviewModel
from . import cards, meta

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

    from ..config import PortfolioConfig
    from ..pages import PageRecord

log = get_plugin_logger(__name__)

CARDS_URI = "assets/portfolio/cards"
SOCIAL_PLUGINS = ("material/social", "social")


def headline(model: OverviewModel) -> str:
    """The overview's first result with a number, as one line (``Macro F1 0.89,
    baseline 0.71``)."""
    for entry in model.results:
        metric = entry.metric
        if metric is not None and entry.value_text:
            text = f"{metric.name} {entry.value_text}" if metric.name else entry.value_text
            return f"{text}, baseline {metric.baseline}" if metric.baseline else text
    return ""


def _address(site_url: str) -> str:
    """``https://you.github.io/project/`` as ``you.github.io/project``."""
    parts = urlsplit(site_url)
    return f"{parts.netloc}{parts.path}".rstrip("/")


class Previews:
    """The link previews of one build."""

    def __init__(self, options: PortfolioConfig, config: MkDocsConfig) -> None:
        self.tags: dict[str, str] = {}
        """Tags by source path of the page."""
        self.on = bool(options.enabled and options.previews.enabled)
        self.card = self.on and bool(options.previews.card)
        self.stepped_aside = False
        social = next((name for name in SOCIAL_PLUGINS if name in config.plugins), None)
        if self.on and social is not None:
            log.info(f"previews: the '{social}' plugin writes the link-preview tags; "
                     "mkdocs-portfolio leaves them to it")
            self.on = self.card = False
        if self.card and cards.pillow_missing():
            log.warning("previews.card is on, but Pillow is not installed: "
                        "pip install \"mkdocs-portfolio[cards]\", or set previews.card: "
                        "false; the previews use the pages' own images meanwhile")
            self.card = False

    def plan(self, config: MkDocsConfig, files: Files, records: Mapping[str, PageRecord],
             overview: File | None, model: OverviewModel | None) -> None:
        """Each page's tags (and card); runs once every page is converted."""
        self.tags.clear()
        if not self.on:
            return
        site_name = str(config.site_name or "")
        background = cards.palette_colour(config.theme.get("palette"))
        for file in files.documentation_pages():
            page = file.page
            record = records.get(file.src_uri)
            if page is None or record is None:
                continue
            url = page.canonical_url or ""
            summary = meta.text_of(page_summary(record.meta, record.facts))
            image = self._own_image(record, url)
            if overview is not None and file is overview and model is not None:
                preview, card = self._overview(site_name, url, model, background, summary,
                                               image)
            else:
                description = summary or meta.text_of(str(config.site_description or ""))
                preview = meta.Preview(
                    title=record.title, description=description, site_name=site_name,
                    url=url, image=image, kind="website" if page.is_homepage else "article")
                card = cards.Card(site_name=site_name, title=record.title, text=description,
                                  footer=_address(config.site_url or ""),
                                  background=background)
            if self.card and url:
                card_image = self._card_image(card, file, files, config, url)
                if card_image is not None:
                    preview = replace(preview, image=card_image)
            self.tags[file.src_uri] = meta.tags(preview)

    @staticmethod
    def _own_image(record: PageRecord, url: str) -> meta.Image | None:
        """The page's first standalone image, as an absolute URL."""
        found = first_image(record.facts)
        if found is None or not (absolute := meta.absolute(found.src, url)):
            return None
        return meta.Image(absolute, found.alt or record.title)

    def _overview(self, site_name: str, url: str, model: OverviewModel, background: str,
                  summary: str, own_image: meta.Image | None,
                  ) -> tuple[meta.Preview, cards.Card]:
        """The overview's preview: its tagline (or its page's own summary) and the headline
        result; the hero image, or else the page's own first image (an overview on the
        author's home page, whose image is not the hero's)."""
        tagline = meta.text_of(model.tagline) or summary
        result = headline(model)
        description = " ".join(part for part in (tagline, f"{result}." if result else "")
                               if part)
        title = model.site_name or site_name
        image = own_image
        if model.hero_image and (absolute := meta.absolute(model.hero_image, url)):
            image = meta.Image(absolute, model.hero_image_alt or title)
        card = cards.Card(site_name=site_name, title=tagline or title, text="" if tagline
                          else description, metric=result, footer=_address(url),
                          background=background)
        return meta.Preview(title=title, description=description, site_name=site_name,
                            url=url, image=image, kind="website"), card

    def _card_image(self, card: cards.Card, file: File, files: Files, config: MkDocsConfig,
                    url: str) -> meta.Image | None:
        """The card as a file of the site (drawn or from the cache), as a preview image."""
        src_uri = f"{CARDS_URI}/{file.src_uri.rsplit('.', 1)[0]}.png"
        if files.get_file_from_path(src_uri) is not None:  # the author's own, kept
            return None
        try:
            path = cards.cached(card)
        except OSError as error:
            log.warning(f"previews.card: no card for '{file.src_uri}' ({error}); its "
                        "preview has no card image")
            return None
        except ImportError as error:  # a Pillow without FreeType, or a broken one
            log.warning(f"previews.card: Pillow cannot draw the card of '{file.src_uri}' "
                        f"({error}); its preview has no card")
            return None
        card_file = File.generated(config, src_uri, abs_src_path=str(path))
        files.append(card_file)
        return meta.Image(meta.absolute(card_file.url, config.site_url or url),
                          f"{card.title} ({card.site_name})" if card.site_name else card.title,
                          cards.WIDTH, cards.HEIGHT)

    def insert(self, output: str, page: Page) -> str | None:
        """The built page with its preview tags (``None``: unchanged)."""
        tag_text = self.tags.get(page.file.src_uri)
        if not tag_text:
            return None
        changed = meta.insert(output, tag_text)
        if changed is None and not self.stepped_aside:
            self.stepped_aside = True
            log.info(f"previews: '{page.file.src_uri}' has Open Graph or Twitter tags of its "
                     "own (a theme override's?); its own are kept, ours left out")
        return changed
