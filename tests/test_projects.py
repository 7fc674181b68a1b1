"""Several projects in one site: real builds, the HTML read back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .harness import attempt, build
from .projects_site import PROJECTS, portfolio_config, portfolio_pages


def _cards(built: Any, page: str = "index.md") -> list[Any]:
    return built.article(page).select("li.pf-card")


def _links(tag: Any) -> list[str]:
    return [a["href"] for a in tag.select("a[href]")]


@pytest.mark.parametrize("directory_urls", [True, False])
def test_three_projects_gallery_overviews_tags_author(tmp_path: Path,
                                                      directory_urls: bool) -> None:
    config = portfolio_config()
    config.update(use_directory_urls=directory_urls,
                  site_url="https://ada.example.org/portfolio/",
                  repo_url="https://github.com/ada/projects")
    built = build(tmp_path, portfolio_pages(), config)
    cards = _cards(built)
    assert [c.select_one(".pf-card__title").get_text(strip=True) for c in cards] == \
        ["Curbside", "Shelf <scanner>", "Grid"]
    for card, slug in zip(cards, ("curbside", "shelf", "grid"), strict=True):
        assert card.select_one(".pf-card__media img")["src"].endswith(f"img/{slug}.png")
        assert "Crews lose hours" in card.select_one(".pf-card__problem").get_text()
        assert card.select_one(".pf-card__value").get_text(strip=True) == "0.91"
        assert card.select_one(".pf-card__delta").get_text(strip=True) == "+0.11"
        labels = [a.get_text(strip=True) for a in card.select(".pf-card__actions a")]
        assert labels == ["Source", "Writeup"]
        writeup = card.select(".pf-card__actions a")[-1]["href"]
        assert writeup == (f"{slug}/" if directory_urls else f"{slug}/index.html")
        assert not any(h.startswith("/") for h in _links(card))
    assert [s.get_text() for s in cards[0].select(".pf-card__status")] == ["shipped"]
    # The author's hero: every value escaped, links only http(s), mailto and the CV.
    hero = built.article("index.md").select_one(".pf-author")
    assert hero is not None
    assert hero.select_one("h1").get_text() == "Ada <b>Moreno</b>"
    assert hero.select_one("h1 b") is None
    assert hero.select_one(".pf-hero__tagline").get_text() == "ML engineer & <i>writer</i>"
    hrefs = _links(hero)
    assert "mailto:ada@example.org" in hrefs and "https://github.com/ada" in hrefs
    assert "cv.pdf" in hrefs
    assert "https://scholar.google.com/citations?user=x&hl=en" in hrefs
    # Each project's overview lists only its own pages, and links only within it.
    for slug in ("curbside", "shelf", "grid"):
        overview = built.article(f"{slug}/index.md")
        contents = overview.select(".pf-ov-page__title")
        assert len(contents) == 2
        targets = [a["href"] for a in overview.select(".pf-ov-item__title")]
        assert targets and all(t.startswith("dead-ends") for t in targets)
        assert overview.select_one(".pf-byline") is not None
        others = {"curbside", "shelf", "grid"} - {slug}
        assert not any(o in h for h in _links(overview) for o in others)
    css = (built.site_dir / "assets" / "portfolio" / "portfolio.css").read_text("utf-8")
    assert ".pf-gallery__grid" in css
    # A page per tag, listing its projects.
    python = built.article("tags/python.md")
    assert [c["id"] for c in _cards(built, "tags/python.md")] == \
        ["project-curbside", "project-shelf"]
    assert python.select_one(".pf-gallery__back a")["href"] == \
        ("../../" if directory_urls else "../index.html")
    tag_links = [a["href"] for a in built.article("index.md").select(".pf-gallery__tags a")]
    assert ("tags/forecasting/" if directory_urls else "tags/forecasting.html") in tag_links


def test_order_by_date_and_featured(tmp_path: Path) -> None:
    built = build(tmp_path / "date", portfolio_pages(),
                  portfolio_config(gallery={"order": "date"}))
    assert [c["id"] for c in _cards(built)] == \
        ["project-shelf", "project-curbside", "project-grid"]
    projects = [dict(p, featured=p["path"] == "grid") for p in PROJECTS]
    built = build(tmp_path / "featured", portfolio_pages(),
                  portfolio_config(projects=projects, gallery={"order": "featured"}))
    assert next(c["id"] for c in _cards(built)) == "project-grid"


def test_zero_config_folders_and_nav_sections(tmp_path: Path) -> None:
    pages = portfolio_pages()
    built = build(tmp_path / "folders", pages, portfolio_config(projects=True))
    assert {c["id"] for c in _cards(built)} == \
        {"project-curbside", "project-shelf", "project-grid"}
    nav = [{"Routing": ["curbside/problem.md", "curbside/dead-ends.md"]},
           {"Vision": ["shelf/problem.md", "shelf/dead-ends.md"]},
           {"Load": ["grid/problem.md", "grid/dead-ends.md"]}]
    config = portfolio_config(projects=True)
    config["nav"] = nav
    built = build(tmp_path / "nav", pages, config)
    titles = [c.select_one(".pf-card__title").get_text(strip=True) for c in _cards(built)]
    assert titles == ["Routing", "Vision", "Load"]
    # Each generated overview is first in its own section of the navigation.
    sidebar = built.soup("shelf/problem.md").select(".md-nav--primary a.md-nav__link")
    assert any(a.get("href", "").rstrip("/").endswith("shelf") or a.get("href") == "../"
               for a in sidebar)


def test_one_project_site_is_unchanged(tmp_path: Path) -> None:
    pages = {"index.md": "# Home\n\nText.\n", "a.md": "# A\n\nMore.\n"}
    built = build(tmp_path, pages, {"plugins": [{"portfolio": {"audit": {"enabled": False}}}]})
    assert built.article("index.md").select_one(".pf-gallery") is None
    assert built.article("index.md").select_one(".pf-overview") is not None
    # A site of one project goes without the gallery's CSS and script.
    assets = built.site_dir / "assets" / "portfolio"
    assert "pf-gallery" not in (assets / "portfolio.css").read_text(encoding="utf-8")
    assert "data-pf-gallery-filter" not in (assets / "portfolio.js").read_text(encoding="utf-8")


@pytest.mark.parametrize("key", ["draft_docs", "exclude_docs"])
def test_draft_project_is_not_on_the_gallery(tmp_path: Path, key: str) -> None:
    config = portfolio_config()
    config[key] = "grid/\n"
    built = build(tmp_path, portfolio_pages(), config)
    assert [c["id"] for c in _cards(built)] == ["project-curbside", "project-shelf"]
    assert any("'grid'" in m and "not on the gallery" in m for m in built.infos)
    assert not (built.site_dir / "grid").exists()
    assert not (built.site_dir / "tags" / "forecasting").exists()
    assert not any(h.startswith("grid/") for h in _links(built.article("index.md")))


@pytest.mark.parametrize(("projects", "expected"), [
    ([{"path": "a", "slug": "x"}, {"path": "b", "slug": "x"}], "'slug': 'x' is also"),
    ([{"path": "a", "status": "done"}], "option 'status'"),
    ([{"path": "a", "tags": [["nested"]]}], "option 'tags'"),
    ([{"path": "a", "tags": "NLP"}], "option 'tags'"),
    ([{"title": "No folder"}], "needs 'path'"),
    ([{"path": "a", "date": "soon"}], "option 'date'"),
    ([{"path": "a", "image": "javascript:alert(1)"}], "option 'image'"),
    ("yes", "must be true, false or a list"),
])
def test_bad_projects_stop_with_a_message(tmp_path: Path, projects: Any, expected: str) -> None:
    built = attempt(tmp_path, {"a/x.md": "# X\n", "b/y.md": "# Y\n"},
                    {"plugins": [{"portfolio": {"projects": projects}}]})
    assert built.error is not None
    assert expected in built.stop_message and "project" in built.stop_message


@pytest.mark.parametrize("url", ["javascript:alert(1)", "jav&#x09;ascript:alert(1)",
                                 "data:text/html,x", "ftp://host/x"])
def test_author_link_must_be_http_or_mailto(tmp_path: Path, url: str) -> None:
    built = attempt(tmp_path, {"a/x.md": "# X\n"}, {"plugins": [{"portfolio": {
        "projects": True, "author": {"name": "A", "links": {"github": url}}}}]})
    assert built.error is not None
    assert "links" in built.stop_message and "'github'" in built.stop_message


def test_missing_projects_and_files_warn_by_name(tmp_path: Path) -> None:
    projects = [*PROJECTS, {"path": "nowhere"}, {"nav": "Missing section"},
                dict(PROJECTS[0], path="curbside", slug="again", image="img/none.png")]
    config = portfolio_config(projects=projects,
                              author={"name": "A", "photo": "cv.pdf",
                                      "links": {"cv": "missing.pdf"}})
    built = build(tmp_path, portfolio_pages(), config, allow_warnings=True)
    text = "\n".join(built.warnings)
    assert "project 'nowhere', option 'path'" in text
    assert "option 'nav'" in text and "Missing section" in text
    assert "project 'again', option 'image': 'img/none.png'" in text
    assert "author.photo: 'cv.pdf' is not an image" in text
    assert "author.links.cv: 'missing.pdf'" in text
    # Once, though the gallery, the tag pages and every byline would show them.
    assert sum("author.photo" in w for w in built.warnings) == 1
    assert sum("author.links.cv" in w for w in built.warnings) == 1
    assert len(_cards(built)) == 4


def test_audit_scores_each_project_and_names_cards_that_lack_parts(tmp_path: Path) -> None:
    pages = portfolio_pages()
    pages["grid/problem.md"] = "# Load\n\nNo blocks here, no figure.\n"
    config = portfolio_config(audit={"in_progress": True})
    built = build(tmp_path, pages, config, allow_warnings=True)
    log = "\n".join(built.infos)
    for title in ("Curbside", "Shelf <scanner>", "Grid"):
        assert f"Project '{title}': Portfolio checklist:" in log
    assert "Gallery: 2 of 3 cards are complete; 'Grid' (no image, no problem, no result)" \
        in log
    assert built.report["projects"]["grid"]["passed"] < \
        built.report["projects"]["curbside"]["passed"]


@pytest.mark.parametrize("dirty", [False, True])
def test_serve_rebuild_updates_the_card_and_the_overview(tmp_path: Path, dirty: bool) -> None:
    """Under `mkdocs serve` (and --dirty), an edit in one project reaches its card and its
    overview; the other projects' cards stay."""
    from .harness import Serving

    serving = Serving(tmp_path, portfolio_pages(), portfolio_config(), dirty=dirty)
    before = serving.soup("index.html").select(".pf-card__value")
    assert [v.get_text(strip=True) for v in before] == ["0.91", "0.91", "0.91"]
    page = portfolio_pages()["shelf/problem.md"].replace("Macro-F1 = 0.91", "Macro-F1 = 0.95")
    serving.edit("shelf/problem.md", page)
    after = serving.soup("index.html").select(".pf-card__value")
    assert [v.get_text(strip=True) for v in after] == ["0.91", "0.95", "0.91"]
    overview = serving.soup("shelf/index.html")
    assert overview.select_one(".pf-ov-metric__value").get_text(strip=True) == "0.95"
    assert len(overview.select(".pf-ov-page__title")) == 2
    assert len(serving.soup("curbside/index.html").select(".pf-ov-page__title")) == 2


def test_material_blog_in_the_same_site_is_not_a_project(tmp_path: Path) -> None:
    pages = portfolio_pages()
    pages["blog/index.md"] = "# Blog\n"
    pages["blog/posts/hello.md"] = "---\ndate: 2025-01-02\n---\n\n# Hello\n\nA post.\n"
    config = portfolio_config(projects=True)
    config["plugins"] = ["blog", *config["plugins"]]
    built = build(tmp_path, pages, config)
    assert [c["id"] for c in _cards(built)] == \
        ["project-curbside", "project-grid", "project-shelf"]
    assert (built.site_dir / "blog" / "2025" / "01" / "02" / "hello" / "index.html").is_file()


def test_cards_follow_the_nav_not_the_list(tmp_path: Path) -> None:
    config = portfolio_config()
    config["nav"] = [{"Load": ["grid/problem.md", "grid/dead-ends.md"]},
                     {"Routing": ["curbside/problem.md", "curbside/dead-ends.md"]},
                     {"Vision": ["shelf/problem.md", "shelf/dead-ends.md"]}]
    built = build(tmp_path, portfolio_pages(), config)
    assert [c["id"] for c in _cards(built)] == \
        ["project-grid", "project-curbside", "project-shelf"]
    # Each project's overview is first in its own section.
    sections = built.soup("grid/problem.md").select(".md-nav--primary .md-nav__item--nested")
    first = sections[0].select("nav a.md-nav__link[href]")[0]
    assert first["href"] == "../" and first.get_text(strip=True) == "Grid"


def test_a_misspelt_project_option_warns_by_name(tmp_path: Path) -> None:
    projects = [dict(PROJECTS[0], tag=["NLP"]), *PROJECTS[1:]]
    built = build(tmp_path, portfolio_pages(), portfolio_config(projects=projects),
                  allow_warnings=True)
    assert any("project 1 (curbside), option 'tag'" in w for w in built.warnings), \
        built.warnings


def test_dirty_rebuild_writes_the_gallery_only_when_a_card_changed(tmp_path: Path) -> None:
    from .harness import Serving

    serving = Serving(tmp_path, portfolio_pages(), portfolio_config(), dirty=True)
    site = tmp_path / "site"
    watched = ["index.html", "curbside/index.html", "tags/python/index.html",
               "shelf/index.html"]

    def stamps() -> dict[str, int]:
        return {name: (site / name).stat().st_mtime_ns for name in watched}

    before = stamps()
    text = portfolio_pages()["shelf/dead-ends.md"] + "\nA paragraph on the shelf's dead ends.\n"
    serving.edit("shelf/dead-ends.md", text)
    after = stamps()
    # Only the shelf's overview shows the page's new summary; no card changed.
    assert {n for n in watched if after[n] != before[n]} == {"shelf/index.html"}
    assert "A paragraph on the" in serving.soup("shelf/index.html").get_text()
    text = portfolio_pages()["shelf/problem.md"].replace("Macro-F1 = 0.91", "Macro-F1 = 0.97")
    serving.edit("shelf/problem.md", text)
    changed = {n for n, t in stamps().items() if t != after[n]}
    assert {"index.html", "tags/python/index.html", "shelf/index.html"} <= changed
    assert "curbside/index.html" not in changed


def test_hostile_values_are_escaped_everywhere(tmp_path: Path) -> None:
    evil = '<img src=x onerror="alert(1)">'
    projects = [dict(PROJECTS[0], title=f"Curb{evil}", description=f"Routes {evil}",
                     tags=[evil, "NLP"], source="https://github.com/ada/x?a=1&b=\"2\""),
                *PROJECTS[1:]]
    author = {"name": f"Ada {evil}", "bio": "</p><script>alert(1)</script>",
              "links": {"github": 'https://github.com/ada"><script>alert(1)</script>'}}
    built = build(tmp_path, portfolio_pages(),
                  portfolio_config(projects=projects, author=author))
    for path in built.site_dir.rglob("*.html"):
        soup = built.soup(str(path.relative_to(built.site_dir)))
        assert not soup.select("img[onerror]"), path
        assert not [s for s in soup.select("script") if "alert(1)" in s.get_text()], path
    card = _cards(built)[0]
    assert card.select_one(".pf-card__title").get_text() == f"Curb{evil}"
    assert evil in [t.get_text() for t in card.select(".pf-card__tag")]
    assert built.soup("index.md").select_one("title").get_text().startswith("Ada <img")


@pytest.mark.parametrize("directory_urls", [True, False])
def test_page_of_every_dead_end_and_next_step(tmp_path: Path, directory_urls: bool) -> None:
    config = portfolio_config(gallery={"lessons": True})
    config["use_directory_urls"] = directory_urls
    built = build(tmp_path, portfolio_pages(), config)
    page = built.article("lessons.md")
    projects = page.select(".pf-lessons__project")
    assert [p["id"] for p in projects] == ["lessons-curbside", "lessons-shelf", "lessons-grid"]
    shelf = projects[1]
    assert [a.get_text() for a in shelf.select(".pf-ov-item__title")] == \
        ["Tried rules for shelf", "Next for shelf"]
    dead_end = shelf.select_one(".pf-ov-items--dead-end .pf-ov-item__title")["href"]
    assert dead_end == ("../shelf/dead-ends/#dead-end-tried-rules-for-shelf" if directory_urls
                        else "shelf/dead-ends.html#dead-end-tried-rules-for-shelf")
    link = built.article("index.md").select_one(".pf-gallery__lessons a")["href"]
    assert link == ("lessons/" if directory_urls else "lessons.html")
