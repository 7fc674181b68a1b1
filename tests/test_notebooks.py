"""Notebooks as pages: real MkDocs + Material builds of the fixtures in data/notebooks/.

The fixture ``analysis.ipynb`` is saved with outputs of every kind (a PNG plot, a
pandas table, streams, an error, a widget) and uses the cell tags and Quarto options
a writeup needs; each test reads what the build made of it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import Tag

from .harness import PNG, Built, build, git, page_facts

DATA = Path(__file__).parent / "data" / "notebooks"
QUIET = {"audit": {"enabled": False}, "overview": {"home": False}}
HOME = "# Home\n\nThe writeup. See [the error analysis](analysis.ipynb).\n"


def notebook(name: str) -> bytes:
    return (DATA / name).read_bytes()


def page(built: Built, src: str) -> Tag:
    """The article of the page made of the notebook ``src``."""
    stem = src.removesuffix(".ipynb")
    return built.article(f"{stem}.md")


def resolve(built: Built, src: str, url: str) -> Path:
    """The built file a relative URL of the page ``src`` names."""
    page_path = built.file(src.removesuffix(".ipynb") + ".md" if src.endswith(".ipynb")
                           else src)
    target = (page_path.parent / url.split("#")[0]).resolve()
    return target / "index.html" if target.is_dir() else target


@pytest.fixture(scope="module", params=[True, False], ids=["dir-urls", "html-urls"])
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("notebooks")
    return build(root, {"index.md": HOME, "analysis.ipynb": notebook("analysis.ipynb")},
                 {"plugins": [{"portfolio": QUIET}], "use_directory_urls": request.param,
                  "site_url": "https://example.org/sub/path/"})


def test_the_notebook_is_a_page_titled_by_its_first_heading(site: Built) -> None:
    article = page(site, "analysis.ipynb")
    assert article.h1 is not None and article.h1.get_text(strip=True) == "Error analysis"
    title = site.soup("analysis.md").title
    assert title is not None and title.get_text().startswith("Error analysis")
    # A link to the notebook from a Markdown page lands on the page.
    link = site.article("index.md").find("a", string="the error analysis")
    assert isinstance(link, Tag)
    assert resolve(site, "index.md", str(link["href"])) == site.file("analysis.md").resolve()
    assert not (site.site_dir / "analysis.ipynb").exists()


def test_code_cells_are_highlighted_fences_and_long_ones_fold(site: Built) -> None:
    article = page(site, "analysis.ipynb")
    blocks = article.select("div.language-python.highlight")
    assert blocks, "code cells are highlighted in the kernel's language"
    assert "loaded 3 categories" in blocks[0].get_text()
    folded = [b for b in blocks if "step_39" in b.get_text()]
    assert len(folded) == 1 and "pf-fold" in folded[0]["class"]
    assert "Show all 40 lines" in folded[0].get_text()
    facts = page_facts(site.plugin, "analysis.ipynb")
    assert sum(b.lines for b in facts.code_blocks) >= 40  # the code-share check counts them


def test_quarto_options_and_tags(site: Built) -> None:
    article = page(site, "analysis.ipynb")
    text = article.get_text()
    assert "#|" not in text, "Quarto's option lines are not shown"
    assert "secret" not in text, "remove-cell leaves the cell out"
    assert "print('only the output')" not in text and "only the output" in text  # echo: false
    hidden = [b for b in article.select(".pf-fold--hidden") if "def confusion" in b.get_text()]
    assert len(hidden) == 1, "hide-input folds the code whole"
    toggle = hidden[0].select_one(".pf-fold__toggle summary")
    assert toggle is not None and "Show code" in toggle.get_text()
    assert hidden[0].select_one("code") is not None  # still in the page: copy copies all
    outputs = article.select("details.pf-nb-outputs")
    assert len(outputs) == 1 and "UserWarning: slow" in outputs[0].get_text()  # hide-output


def test_outputs_as_saved(site: Built) -> None:
    article = page(site, "analysis.ipynb")
    figure = article.select_one("figure#figure-1")
    assert figure is not None
    caption = figure.select_one("figcaption")
    assert caption is not None
    assert caption.get_text(" ", strip=True) == "Figure 1. Recall by request category"
    image = figure.select_one("img")
    assert image is not None and not str(image["src"]).startswith("data:")
    assert resolve(site, "analysis.ipynb", str(image["src"])).read_bytes()[:4] == b"\x89PNG"
    table = article.select_one(".pf-nb-html table")
    assert table is not None and not table.get("class"), "styled as Material's tables"
    assert [th.get_text(strip=True) for th in table.select("thead th")][1:] == \
        ["category", "recall"]
    assert not article.select(".pf-nb-html style, .pf-nb-html script")
    error = article.select_one(".pf-nb-error pre")
    assert error is not None and "ZeroDivisionError: division by zero" in error.get_text()
    assert "\x1b" not in error.get_text() and "[0;31m" not in error.get_text()
    assert article.select_one(".pf-nb-stdout pre") is not None
    note = article.select_one(".pf-nb-note")
    assert note is not None and "interactive widget" in note.get_text()


def test_attachments_are_files_of_the_site(site: Built) -> None:
    article = page(site, "analysis.ipynb")
    image = article.find("img", alt="router")
    assert isinstance(image, Tag)
    assert resolve(site, "analysis.ipynb", str(image["src"])).read_bytes()[:4] == b"\x89PNG"


def test_the_overview_and_records_see_the_notebook(site: Built) -> None:
    overview = site.article("overview.md")
    dead_ends = [a.get_text(strip=True) for a in
                 overview.select(".pf-ov-items--dead-end .pf-ov-item__title")]
    assert dead_ends == ["Class weights"]
    titles = [t.get_text(" ", strip=True) for t in overview.select(".pf-ov-page__title")]
    assert "Error analysis" in titles
    facts = page_facts(site.plugin, "analysis.ipynb")
    assert [b.type for b in facts.blocks] == ["dead-end"]


def test_download_link_is_the_notebook(site: Built) -> None:
    article = page(site, "analysis.ipynb")
    link = article.find("a", string="Download .ipynb")
    assert isinstance(link, Tag) and link.has_attr("download")
    target = resolve(site, "analysis.ipynb", str(link["href"]))
    assert target.read_bytes() == notebook("analysis.ipynb")
    assert article.find("a", string="Open in Colab") is None  # no repo_url: no forge links


def test_forge_and_colab_links_at_the_built_commit(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text(HOME, encoding="utf-8")
    (root / "docs" / "analysis.ipynb").write_bytes(notebook("analysis.ipynb"))
    (root / "mkdocs.yml").write_text(
        "site_name: T\ntheme: material\nrepo_url: https://github.com/ada/curbside\n"
        f"plugins:\n  - portfolio: {json.dumps(QUIET)}\n", encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-qm", "start")
    sha = git(root, "rev-parse", "HEAD")
    built = build(root, config_file=root / "mkdocs.yml")
    article = page(built, "analysis.ipynb")
    links = {a.get_text(strip=True): str(a["href"]) for a in article.select(".pf-nb-links a")}
    assert links["View on GitHub"] == \
        f"https://github.com/ada/curbside/blob/{sha}/docs/analysis.ipynb"
    assert links["Open in Colab"] == ("https://colab.research.google.com/github/ada/curbside/"
                                      f"blob/{sha}/docs/analysis.ipynb")
    assert "Download .ipynb" in links


def test_metadata_title_and_a_notebook_listed_in_nav(tmp_path: Path) -> None:
    data: dict[str, Any] = json.loads(notebook("analysis.ipynb"))
    data["metadata"]["title"] = "Where the router errs"
    built = build(tmp_path, {"index.md": "# Home\n\nThe writeup.\n",
                             "nb/analysis.ipynb": json.dumps(data)},
                  {"plugins": [{"portfolio": QUIET}],
                   "nav": ["index.md", {"The errors": "nb/analysis.ipynb"}]})
    title = built.soup("nb/analysis.md").title
    assert title is not None and title.get_text().startswith("Where the router errs")
    nav = [a.get_text(strip=True) for a in built.soup("index.md").select(".md-nav__link")]
    assert "The errors" in nav
    images = page(built, "nb/analysis.ipynb").select("img")
    for image in images:
        assert resolve(built, "nb/analysis.ipynb", str(image["src"])).is_file()


def test_an_output_file_never_overwrites_a_file_of_the_docs(tmp_path: Path) -> None:
    """A notebook's files folder does not take a path an image of the docs has."""
    built = build(tmp_path, {"index.md": HOME, "analysis.ipynb": notebook("analysis.ipynb"),
                             "analysis_files/cell-3-1.png": PNG},
                  {"plugins": [{"portfolio": QUIET}]},
                  allow_warnings=("is already a file of the built site",))
    assert [w for w in built.warnings if "analysis_files/cell-3-1.png" in w
            and "notebook 'analysis.ipynb'" in w]
    assert (built.site_dir / "analysis_files" / "cell-3-1.png").read_bytes() == PNG
    assert re.search(r"Error analysis", page(built, "analysis.ipynb").get_text())
