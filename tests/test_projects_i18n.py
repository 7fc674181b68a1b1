"""Several projects with mkdocs-static-i18n: one gallery per language, real builds.

Its default ``suffix`` structure: ``problem.md`` and ``problem.fr.md`` side by side; the
French site is built again, under ``fr/``, by the same plugin instance.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any

import pytest

from .harness import PNG, build

pytest.importorskip("mkdocs_static_i18n")

I18N = {"i18n": {"docs_structure": "suffix", "languages": [
    {"locale": "en", "default": True, "name": "English", "build": True},
    {"locale": "fr", "name": "Français", "build": True},
]}}
PROJECTS = [{"path": "curbside", "title": "Curbside", "tags": ["NLP"]},
            {"path": "shelf", "title": "Shelf", "tags": ["Vision", "NLP"]}]
WORDS = {"en": {"curbside": "Routing", "shelf": "Scanning"},
         "fr": {"curbside": "Routage", "shelf": "Lecture"}}
VALUES = {"en": "0.91", "fr": "0.93"}


def _page(title: str, problem: str, value: str) -> str:
    return f"""
        # {title}

        !!! problem "{problem}"
            {problem}. It matters.

        ![{title}](../img/fig.png)

        !!! result "{title} result"
            Metric: Macro-F1 = {value} (baseline 0.80)
        """


def _pages() -> dict[str, Any]:
    pages: dict[str, Any] = {"img/fig.png": PNG}
    for slug in ("curbside", "shelf"):
        en, fr = WORDS["en"][slug], WORDS["fr"][slug]
        pages[f"{slug}/problem.md"] = _page(f"The {en} page", f"Slow {en}", VALUES["en"])
        pages[f"{slug}/problem.fr.md"] = _page(f"La page {fr}", f"Lent {fr}", VALUES["fr"])
    return pages


def _target(page: str, href: str) -> str:
    """The built file a relative link of the built file ``page`` leads to."""
    assert not href.startswith(("/", "http")), href
    path = posixpath.normpath(posixpath.join(posixpath.dirname(page), href.split("#")[0]))
    if path == ".":
        return "index.html"
    return f"{path}/index.html" if href.endswith("/") else path


def test_one_gallery_per_language(tmp_path: Path) -> None:
    config = {"site_url": "https://ada.example.org/",
              "plugins": ["search", I18N,
                          {"portfolio": {"audit": {"enabled": False}, "projects": PROJECTS}}]}
    built = build(tmp_path, _pages(), config)  # fails on any warning
    site = built.site_dir
    for lang, root in (("en", ""), ("fr", "fr/")):
        other = "fr" if lang == "en" else "en"
        home = f"{root}index.html"
        soup = built.soup(home)
        assert soup.html["lang"] == lang
        cards = soup.select("article li.pf-card")
        assert [c["id"] for c in cards] == ["project-curbside", "project-shelf"]
        for card, slug in zip(cards, ("curbside", "shelf"), strict=True):
            assert card.select_one(".pf-card__title").get_text(strip=True) == slug.title()
            problem = card.select_one(".pf-card__problem").get_text()
            assert WORDS[lang][slug] in problem and WORDS[other][slug] not in problem
            assert card.select_one(".pf-card__value").get_text(strip=True) == VALUES[lang]
            writeup = card.select(".pf-card__actions a")[-1]["href"]
            assert _target(home, writeup) == f"{root}{slug}/index.html"
            image = _target(home, card.select_one(".pf-card__media img")["src"])
            assert (site / image).is_file(), image
            for href in (a["href"] for a in card.select("a[href]")):
                assert (site / _target(home, href)).is_file(), href
        # Each project's overview lists its pages in this language only.
        overview = built.soup(f"{root}curbside/index.html").select_one("article")
        assert overview is not None
        text = overview.get_text(" ")
        assert WORDS[lang]["curbside"] in text and WORDS[other]["curbside"] not in text
        assert "Scanning" not in text and "Lecture" not in text
        # A page per tag, per language, listing this language's cards.
        for tag, slugs in (("nlp", ["curbside", "shelf"]), ("vision", ["shelf"])):
            page = f"{root}tags/{tag}/index.html"
            tag_cards = built.soup(page).select("article li.pf-card")
            assert [c["id"] for c in tag_cards] == [f"project-{s}" for s in slugs]
            assert WORDS[lang][slugs[0]] in tag_cards[0].get_text()
            back = built.soup(page).select_one(".pf-gallery__back a")["href"]
            assert _target(page, back) == home
        # The language switcher of a generated page leads to the same page in the other
        # language (not to the page rendered before it).
        for page in ("curbside/index.html", "tags/vision/index.html"):
            switcher = {a["hreflang"]: a["href"]
                        for a in built.soup(f"{root}{page}").select(".md-select a[hreflang]")}
            assert _target(f"{root}{page}", switcher[lang]) == f"{root}{page}"
            other_root = "" if lang == "fr" else "fr/"
            assert _target(f"{root}{page}", switcher[other]) == f"{other_root}{page}"
