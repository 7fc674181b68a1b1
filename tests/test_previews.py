"""Link previews: the <meta> tags of real builds, read the way a previewer reads them.

A previewer (Slack, LinkedIn, a messenger) fetches the page, takes the ``og:*``
properties (or ``twitter:*`` names) from its ``<head>``, and then fetches the image at
``og:image`` on its own: so every URL must be absolute, and every value escaped.
"""

from __future__ import annotations

import os
import struct
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from mkdocs_portfolio.previews import cards, meta

from .harness import PNG, Built, build

SITE_URL = "https://octocat.github.io/spam-filter/"
QUIET = {"audit": {"enabled": False}}

WRITEUP: dict[str, Any] = {
    "index.md": """
        # Spam filter

        A spam filter for a small shop's mail, trained on a laptop.
        """,
    "problem.md": """
        ---
        description: Small shops drown in spam, and real orders get lost.
        ---
        # The problem

        The owner spends an hour every morning sorting mail by hand.

        ![The morning inbox, 300 messages](img/inbox.png)
        """,
    "results.md": """
        # Results

        !!! result "Fewer lost orders"
            Metric: F1 = 0.93 (baseline 0.71)

            The filter keeps orders out of the spam folder.
        """,
    "img/inbox.png": PNG,
}


def tags(built: Built, page: str) -> dict[str, str]:
    """The page's preview tags as a previewer reads them: property or name -> content."""
    head = BeautifulSoup(built.html(page), "html.parser").head
    assert head is not None
    found: dict[str, str] = {}
    for tag in head.find_all("meta"):
        key = tag.get("property") or tag.get("name") or ""
        if str(key).startswith(("og:", "twitter:")):
            assert key not in found, f"{key} twice on {page}"
            found[str(key)] = str(tag.get("content"))
    return found


def site_file(built: Built, url: str) -> Path:
    """The built file an absolute URL of the site points at."""
    assert url.startswith(SITE_URL), url
    path = urlsplit(url).path[len(urlsplit(SITE_URL).path):]
    return built.site_dir / (path + "index.html" if path.endswith("/") or not path else path)


def writeup(root: Path, config: dict[str, Any] | None = None,
            pages: dict[str, Any] | None = None, **options: Any) -> Built:
    conf: dict[str, Any] = {"site_url": SITE_URL, "site_description":
                            "Fewer lost orders for small shops.",
                            "plugins": [{"portfolio": {**QUIET, **options}}]}
    conf.update(config or {})
    return build(root, pages or WRITEUP, conf)


@pytest.mark.parametrize("directory_urls", [True, False])
def test_every_page_previews_with_absolute_urls(tmp_path: Path, directory_urls: bool) -> None:
    built = writeup(tmp_path, {"use_directory_urls": directory_urls})
    home = tags(built, "index.md")  # the overview is on the home page
    assert home["og:type"] == "website"
    assert home["og:title"] == "Test site"
    assert home["og:site_name"] == "Test site"
    assert home["og:url"] == SITE_URL + ("" if directory_urls else "index.html")
    # The tagline, then the headline result.
    assert home["og:description"] == "Fewer lost orders for small shops. F1 0.93, baseline 0.71."
    assert home["twitter:description"] == home["og:description"]

    problem = tags(built, "problem.md")
    page_url = SITE_URL + ("problem/" if directory_urls else "problem.html")
    assert problem["og:type"] == "article"
    assert problem["og:title"] == problem["twitter:title"] == "The problem"
    assert problem["og:description"] == "Small shops drown in spam, and real orders get lost."
    assert problem["og:url"] == page_url
    # The page's first figure, as an absolute URL of a file the site has.
    assert problem["og:image"] == SITE_URL + "img/inbox.png"
    assert site_file(built, problem["og:image"]).read_bytes() == PNG
    assert problem["og:image:alt"] == "The morning inbox, 300 messages"
    assert problem["twitter:card"] == "summary_large_image"
    assert problem["twitter:image"] == problem["og:image"]
    # A page without an image: the small card, no image tags.
    results = tags(built, "results.md")
    assert results["twitter:card"] == "summary"
    assert "og:image" not in results and "twitter:image" not in results
    assert results["og:description"].startswith("Metric: F1") is False
    # Material's canonical link and ours agree.
    soup = BeautifulSoup(built.html("problem.md"), "html.parser")
    canonical = soup.find("link", rel="canonical")
    assert canonical is not None and canonical["href"] == page_url


def test_hero_image_of_a_generated_overview(tmp_path: Path) -> None:
    built = writeup(tmp_path, overview={"home": False, "hero_image": "img/inbox.png"})
    overview = tags(built, "overview.md")
    assert overview["og:type"] == "website"
    assert overview["og:image"] == SITE_URL + "img/inbox.png"
    assert overview["og:url"] == SITE_URL + "overview/"
    assert tags(built, "index.md")["og:type"] == "website"  # the home page


def test_without_site_url_no_relative_url_and_a_finding(tmp_path: Path) -> None:
    pages = dict(WRITEUP)
    pages["web.md"] = "# Web\n\n![A chart](https://example.org/chart.png)\n"
    built = build(tmp_path, pages, {"plugins": [{"portfolio": {}}]}, allow_warnings=True)
    problem = tags(built, "problem.md")
    assert problem["og:title"] == "The problem"
    assert "og:url" not in problem and "og:image" not in problem
    assert problem["twitter:card"] == "summary"
    # An image of the web is absolute already.
    assert tags(built, "web.md")["og:image"] == "https://example.org/chart.png"
    found = built.of("previews")
    assert len(found) == 1 and found[0].level == "warn"
    assert "`site_url` is not set" in found[0].message
    assert "absolute URLs" in found[0].message
    assert any("site_url" in w and "previews" in w for w in built.warnings)
    # With site_url, or previews off, the check is quiet.
    quiet = build(tmp_path / "off", pages, {"plugins": [{"portfolio": {
        "previews": {"enabled": False}}}]}, allow_warnings=True)
    assert not quiet.of("previews")
    assert "og:title" not in tags(quiet, "problem.md")


HOSTILE = '"><script>alert(1)</script>'


def test_values_are_escaped(tmp_path: Path) -> None:
    pages = {"index.md": f"---\ntitle: 'Home {HOSTILE}'\ndescription: 'Says {HOSTILE}'\n---\n"
                         "# Home\n\nText.\n"}
    built = build(tmp_path, pages, {"site_name": f"Site {HOSTILE}", "site_url": SITE_URL,
                                    "plugins": [{"portfolio": QUIET}]})
    html = built.html("index.md")
    assert "<script>alert(1)" not in html.split("</head>")[0]
    home = tags(built, "index.md")
    assert home["og:site_name"] == f"Site {HOSTILE}"
    assert HOSTILE in home["og:description"]


def test_a_page_with_tags_of_its_own_keeps_them(tmp_path: Path) -> None:
    overrides = tmp_path / "overrides"
    overrides.mkdir(parents=True)
    (overrides / "main.html").write_text(
        '{% extends "base.html" %}\n{% block extrahead %}'
        '<meta property="og:title" content="Mine">{% endblock %}\n', encoding="utf-8")
    built = build(tmp_path, WRITEUP, {"site_url": SITE_URL, "theme": {
        "name": "material", "custom_dir": "overrides"}, "plugins": [{"portfolio": QUIET}]})
    assert tags(built, "problem.md") == {"og:title": "Mine"}
    assert any("of its own" in m for m in built.messages())


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_cards_are_drawn_once_and_cached(tmp_path: Path) -> None:
    built = writeup(tmp_path / "a", previews={"card": True})
    problem = tags(built, "problem.md")
    card = site_file(built, problem["og:image"])
    assert problem["og:image"] == SITE_URL + "assets/portfolio/cards/problem.png"
    assert png_size(card) == (1200, 630)
    assert problem["og:image:width"] == "1200" and problem["og:image:height"] == "630"
    assert problem["og:image:alt"] == "The problem (Test site)"
    home = tags(built, "index.md")
    assert home["og:image"] == SITE_URL + "assets/portfolio/cards/index.png"

    folder = cards.cache_dir() / "cards"
    made = {p.name: p.stat().st_mtime_ns for p in folder.glob("*.png")}
    assert len(made) >= 3
    # A second build of the same pages draws nothing: the cached cards are copied.
    again = writeup(tmp_path / "b", previews={"card": True})
    assert {p.name: p.stat().st_mtime_ns for p in folder.glob("*.png")} == made
    assert site_file(again, problem["og:image"]).read_bytes() == card.read_bytes()
    # Another title is another card.
    changed = dict(WRITEUP)
    changed["problem.md"] = WRITEUP["problem.md"].replace("# The problem", "# The real problem")
    writeup(tmp_path / "c", pages=changed, previews={"card": True})
    assert len(list(folder.glob("*.png"))) == len(made) + 1


def test_card_text_fits_however_long(tmp_path: Path) -> None:
    long = cards.Card(site_name="A" * 300, title="Unbreakable" * 40 + " and more " * 30,
                      text="Ünïcödé ✓ 東京 " * 40, metric="Macro F1 " * 30)
    out = tmp_path / "card.png"
    out.write_bytes(cards.draw(long))
    assert png_size(out) == (1200, 630)
    seen: list[str] = []

    def fits(text: str) -> bool:
        seen.append(text)
        return len(text) <= 20

    assert cards._roboto(bold=True) is not None  # Roboto, not Pillow's ASCII-only font
    lines = cards._lines("word " * 30 + "x" * 50, fits, 3)
    assert len(lines) == 3 and all(len(line) <= 20 for line in lines)
    assert lines[-1].endswith("…")
    assert cards._lines("x" * 50, fits, 5) == ["x" * 20, "x" * 20, "x" * 10]


@pytest.mark.parametrize(("palette", "colour"), [
    ({"primary": "teal"}, "#009485"),
    ([{"scheme": "slate", "primary": "deep purple"}, {"primary": "red"}], "#7e56c2"),
    (None, "#4051b5"),
    ({"primary": "custom"}, "#4051b5"),
])
def test_card_colour_from_the_palette(palette: Any, colour: str) -> None:
    assert cards.palette_colour(palette) == colour


def test_cards_without_pillow_warn_and_keep_the_page_images(tmp_path: Path) -> None:
    # The build's process has no Pillow: sys.modules["PIL"] = None is how Python marks a
    # module that is not there (import raises, importlib finds no spec).
    blocker = tmp_path / "blocker"
    blocker.mkdir()
    (blocker / "sitecustomize.py").write_text("import sys\nsys.modules['PIL'] = None\n")
    import subprocess
    import sys
    root = tmp_path / "site"
    from .harness import write_site
    write_site(root, WRITEUP, {"site_url": SITE_URL, "plugins": [{"portfolio": {
        **QUIET, "previews": {"card": True}}}]})
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(blocker), *filter(None, [os.environ.get("PYTHONPATH", "")])]),
        "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=root, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "previews.card is on, but Pillow" in done.stderr
    assert "mkdocs-portfolio[cards]" in done.stderr
    html = (root / "site" / "problem" / "index.html").read_text(encoding="utf-8")
    assert f'<meta property="og:image" content="{SITE_URL}img/inbox.png">' in html


def test_text_of_cuts_at_a_word() -> None:
    text = meta.text_of("<p>word " * 100 + "</p>", limit=40)
    assert text.endswith("…") and len(text) <= 40 and "<" not in text
    assert meta.absolute("img/a.png", "") == ""
    assert meta.absolute("//cdn.example/a.png", SITE_URL) == ""
    assert meta.absolute("\\\\cdn.example\\a.png", SITE_URL) == ""
    assert meta.absolute("javascript:alert(1)", SITE_URL) == ""
    assert meta.absolute("../a.png", SITE_URL + "x/") == SITE_URL + "a.png"


def test_demo_site_previews(tmp_path: Path) -> None:
    root = Path(__file__).parent.parent / "demo_site"
    built = build(tmp_path, config_file=root / "mkdocs.yml", site_dir=str(tmp_path / "site"))
    home = tags(built, "index.md")
    assert home["og:title"] == "Curbside"
    assert "Macro-F1 0.89, baseline 0.78" in home["og:description"]
    assert home["og:image"].startswith("https://ada-moreno.github.io/curbside/assets/portfolio/")
    card = built.site_dir / urlsplit(home["og:image"]).path[len("/curbside/"):]
    assert png_size(card) == (1200, 630)
    for page in ("problem.md", "results.md", "dead-ends.md"):
        found = tags(built, page)
        assert found["og:url"].startswith("https://ada-moreno.github.io/curbside/")
        assert found["og:description"] and found["twitter:card"] == "summary_large_image"


def test_a_cache_folder_that_cannot_be_written(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("MKDOCS_PORTFOLIO_CACHE_DIR", str(blocked))
    conf = {"site_url": SITE_URL, "plugins": [{"portfolio": {**QUIET,
                                                            "previews": {"card": True}}}]}
    built = build(tmp_path / "site", WRITEUP, conf, allow_warnings=True)
    assert any("previews.card: no card for 'problem.md'" in w and str(blocked) in w
               for w in built.warnings)
    # The page keeps its own image, and builds.
    assert tags(built, "problem.md")["og:image"] == SITE_URL + "img/inbox.png"


def test_an_overview_on_the_home_page_previews_with_its_image(tmp_path: Path) -> None:
    """A README-like home page carries the overview and has its own first image: that is
    its preview image (the hero's fallback only applies to an overview page of its own)."""
    pages = dict(WRITEUP)
    pages["index.md"] = ("# Spam filter\n\nA spam filter for a small shop's mail.\n\n"
                         "![The filter's dashboard](img/inbox.png)\n")
    home = tags(writeup(tmp_path, pages=pages), "index.md")
    assert home["og:type"] == "website"
    assert home["og:image"] == SITE_URL + "img/inbox.png"
    assert home["og:image:alt"] == "The filter's dashboard"
