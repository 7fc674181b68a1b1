"""A site with a home page of its own (a README, an ``index.md``): the overview is on it.

Most authors start from a README: MkDocs makes it the home page, and a reader lands
there. The overview's sections come onto that page, after the author's text, unless
``overview.home: false`` asks for a page of its own (then the audit says that the home
page is not the overview). The overview's reading time counts the author's words,
not the labels the plugin adds around them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup

from .harness import PNG, build

README = """\
    <h1 align="center">ShelfScan</h1>

    [![CI](https://img.shields.io/badge/ci-passing-green.svg)](https://github.com/kim/shelfscan/actions)
    [![License: MIT](https://img.shields.io/badge/license-MIT-blue.svg)](LICENSE)

    ShelfScan counts the products left on a supermarket shelf from one phone photo,
    so that a store clerk knows what to restock before the morning rush.

    <p align="center"><img src="images/shelf.png" alt="A shelf, products boxed" width="600"></p>

    ## Why

    Clerks walk every aisle at six in the morning with a clipboard. It takes an hour,
    and gaps behind the front row are missed.
    """

PAGES: dict[str, Any] = {
    "README.md": README,
    "images/shelf.png": PNG,
    "problem.md": """\
        # The problem

        !!! problem "Empty shelves are found too late"
            A gap on a shelf costs a sale every few minutes, and nobody sees it until a
            customer complains. The store wants the gaps listed before it opens.

        The store has forty aisles and two clerks on the early shift. Counting by eye
        misses the products hidden behind the front row, and the list is written on
        paper, so the stock room learns of a gap an hour after the walk.
        """,
    "model.md": """\
        # The model

        A small detector, fine-tuned from `yolov8n` on 2,400 labelled shelf photos.

        !!! result "Gaps found"
            Metric: Gap recall = 91% (baseline 74%)

            The detector finds nine gaps in ten; the morning walk found three in four.

        !!! dead-end "Counting from the price tags"
            Reading the tags told us what should be there, not what was. A shelf with
            a tag and no product looked full.

        !!! next-step "Photos from a trolley camera"
            A camera on the cleaning trolley could photograph every aisle at night.

        See the [training script](https://github.com/kim/shelfscan/blob/main/train.py).
        """,
}

QUIET: dict[str, Any] = {"audit": {"enabled": False}}


NAV = ["README.md", "problem.md", "model.md"]


def _config(**overview: Any) -> dict[str, Any]:
    options: dict[str, Any] = {"overview": overview} if overview else {}
    return {"site_name": "ShelfScan", "nav": NAV, "plugins": [{"portfolio": options}]}


def _article(path: Path) -> BeautifulSoup:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    article = soup.find("article")
    assert article is not None
    return article


def test_a_readme_home_page_is_the_overview(tmp_path: Path) -> None:
    built = build(tmp_path, PAGES, _config(), allow_warnings=("audit [",))
    article = _article(built.site_dir / "index.html")
    text = article.get_text(" ", strip=True)
    # The author's README comes first, whole, then the sections of the overview.
    assert text.index("ShelfScan counts the products") < text.index("Gaps found")
    assert article.select_one(".pf-overview") is not None
    contents = [a.get_text(strip=True) for a in article.select(".pf-ov-page__title")]
    assert contents == ["The problem", "The model"]  # not the home page itself
    assert [m.get_text(strip=True) for m in article.select(".pf-ov-metric__name")] == ["Gap recall"]
    assert [a.get_text(strip=True) for a in article.select(".pf-ov-item__title")] == [
        "Counting from the price tags", "Photos from a trolley camera"]
    # No second overview page, and the home page has no reading time of its own.
    assert not (built.site_dir / "overview" / "index.html").exists()
    assert article.select_one(".pf-page-info") is None
    # The audit sees the home page as the overview.
    assert built.result is not None
    assert "overview" not in {f.check for f in built.result.findings}
    assert built.report["overview"]["page"] == "README.md"


def test_home_false_keeps_the_overview_apart_and_the_audit_says_so(tmp_path: Path) -> None:
    built = build(tmp_path, PAGES, _config(home=False), allow_warnings=("audit [",))
    assert (built.site_dir / "overview" / "index.html").exists()
    home = _article(built.site_dir / "index.html")
    assert home.select_one(".pf-overview") is None
    assert built.result is not None
    (finding,) = [f for f in built.result.findings if f.check == "overview"]
    assert "the home page 'README.md' is not the overview" in finding.message
    assert "overview/" in finding.message
    assert "overview.home" in finding.fix


def test_a_page_marked_as_the_overview_wins_over_the_home_page(tmp_path: Path) -> None:
    pages = dict(PAGES)
    pages["summary.md"] = "---\nportfolio: overview\n---\n# In two minutes\n\nThe gist.\n"
    built = build(tmp_path, pages, {**_config(), **{"plugins": [{"portfolio": QUIET}]}})
    assert _article(built.site_dir / "summary" / "index.html").select_one(".pf-overview")
    assert _article(built.site_dir / "index.html").select_one(".pf-overview") is None


def test_home_page_with_own_markers_keeps_them(tmp_path: Path) -> None:
    pages = dict(PAGES)
    pages["README.md"] = README + "\n<!-- portfolio:results -->\n\nMore below.\n"
    built = build(tmp_path, pages, {"site_name": "ShelfScan",
                                    "plugins": [{"portfolio": QUIET}]})
    article = _article(built.site_dir / "index.html")
    text = article.get_text(" ", strip=True)
    assert text.index("Gap recall") < text.index("More below.")
    assert article.select_one(".pf-ov-contents") is None  # only the section asked for


# -- the overview's length: the author's words ----------------------------------------------

LABEL_CLASSES = ("pf-hero__facts", "pf-hero__actions", "pf-ov-page__number", "pf-ov-page__meta",
                 "pf-ov-item__page", "pf-ov-from", "pf-ov-metric__compare")


def _words(article: BeautifulSoup) -> int:
    for hidden in article.select("script, style, code, pre, svg, noscript, template"):
        hidden.decompose()
    return len(article.get_text(" ").split())


def test_overview_length_counts_the_authors_words_and_names_the_overview(tmp_path: Path) -> None:
    pages = {src: text for src, text in PAGES.items() if src != "README.md"}
    pages["problem.md"] += "\n".join(  # a long problem statement: shown in full
        ["", '!!! use-case "Two clerks, forty aisles"'] + ["    The early shift has two "
         "clerks for forty aisles, and the list must reach the stock room by seven."] * 20)
    built = build(tmp_path, pages, {"site_name": "ShelfScan", "plugins": [{"portfolio": {
        "audit": {"overview_minutes": 1, "words": ["ShelfScan"]}}}]},
        allow_warnings=("audit [",))
    article = _article(built.site_dir / "index.html")
    everything = _words(article)
    for label in article.select(", ".join(f".{c}" for c in LABEL_CLASSES)):
        label.decompose()
    authors = _words(article)
    assert authors < everything  # there are labels to leave out
    report = built.report["overview"]
    assert report["words"] == authors
    assert built.result is not None
    (finding,) = [f for f in built.result.findings if f.check == "overview-length"]
    # The generated overview is not a file of docs/: named as the author knows it.
    assert finding.page is None
    assert "index.md" not in finding.message
    assert re.search(r"the overview \(generated, the home page\) takes [\d.]+ minutes",
                     finding.message)
    assert f"({authors} words of its own" in finding.message
