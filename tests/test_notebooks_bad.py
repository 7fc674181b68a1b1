"""Bad notebooks: a warning naming the notebook (and cell), the rest of the site built,
nothing unescaped; never a traceback. Real builds of the fixtures in data/notebooks/."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from bs4 import Tag

from .harness import Built, attempt, build
from .test_notebooks import DATA, QUIET, notebook, page

BAD = ["not_json.ipynb", "invalid.ipynb", "v3.ipynb", "unknown_mime.ipynb", "empty.ipynb",
       "hostile.ipynb", "sources.ipynb", "unclosed.ipynb"]
EXPECTED = {
    "not_json.ipynb": "is not JSON (line 1",
    "invalid.ipynb": "is not a valid notebook at cells/0: 'outputs' is a required property",
    "v3.ipynb": "is in nbformat 3",
    "unknown_mime.ipynb": "cell 2: an output of type application/x-thing cannot be shown",
    "empty.ipynb": "has no cells",
    "hostile.ipynb": "cell 1: 1 raw HTML tag(s) that could run script are shown as text",
    "unclosed.ipynb": "cell 1: a code fence (```) is not closed; it ends with the cell",
}


@pytest.fixture(scope="module")
def bad(tmp_path_factory: pytest.TempPathFactory) -> Built:
    pages: dict[str, str | bytes] = {"index.md": "# Home\n\nStill built.\n"}
    pages.update({name: notebook(name) for name in BAD})
    built = attempt(tmp_path_factory.mktemp("bad"), pages, {"plugins": [{"portfolio": QUIET}]})
    assert built.error is None, built.log
    return built


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_bad_notebook_warns_naming_it(bad: Built, name: str) -> None:
    said = [w for w in bad.warnings if f"notebook '{name}'" in w]
    assert said and EXPECTED[name] in said[0], bad.warnings
    assert "Traceback" not in bad.log


def test_the_rest_of_the_site_builds(bad: Built) -> None:
    assert "Still built." in bad.article("index.md").get_text()
    unreadable = page(bad, "not_json.ipynb")
    assert "could not be read" in unreadable.get_text()
    # The others still show what they could.
    assert "Still read." in page(bad, "v3.ipynb").get_text()
    assert "print(3)" in page(bad, "v3.ipynb").get_text()
    assert "x = 1" in page(bad, "invalid.ipynb").get_text()
    note = page(bad, "unknown_mime.ipynb").select_one(".pf-nb-note")
    assert note is not None and "application/x-thing" in note.get_text()


def test_an_unclosed_fence_ends_with_its_cell(bad: Built) -> None:
    article = page(bad, "unclosed.ipynb")
    paragraph = article.find("p", string="A paragraph after it.")
    assert paragraph is not None and paragraph.find_parent("pre") is None
    assert "y = 2" in article.get_text()


def test_sources_as_a_list_or_a_string(bad: Built) -> None:
    text = page(bad, "sources.ipynb").get_text()
    assert "as_list = 1" in text and "print(as_list)" in text and "as_string = 2" in text
    assert not [w for w in bad.warnings if "sources.ipynb" in w]


def test_nothing_hostile_reaches_a_page(bad: Built) -> None:
    for name in ("hostile.md", "overview.md", "index.md"):
        soup = bad.soup(name)
        for element in soup.find_all(True):
            assert isinstance(element, Tag)
            assert not [a for a in element.attrs if a.startswith("on")], (name, element)
            href = str(element.get("href", ""))
            assert not href.startswith("javascript:"), (name, element)
        article = soup.select_one("article")
        assert article is not None and not article.select("script")
    said = [w for w in bad.warnings if "notebook 'hostile.ipynb'" in w]
    assert any("cell 3: an SVG output holds script; it is left out" in w for w in said)
    assert not list((bad.site_dir / "hostile_files").glob("*.svg"))
    text = page(bad, "hostile.ipynb").get_text()
    assert "<script>alert(6)</script>" in text and "Bold" in text  # shown as text
    heading = page(bad, "hostile.ipynb").h2
    assert heading is not None and "<img src=x onerror=alert(1)>" in heading.get_text()


def test_a_50_mb_output_is_left_out_with_a_warning(tmp_path: Path) -> None:
    data = json.loads(notebook("unknown_mime.ipynb"))
    big = base64.b64encode(b"\0" * 50_000_000).decode("ascii")
    data["cells"][1]["outputs"] = [{"output_type": "display_data", "metadata": {},
                                    "data": {"image/png": big}}]
    built = build(tmp_path, {"index.md": "# Home\n", "big.ipynb": json.dumps(data)},
                  {"plugins": [{"portfolio": QUIET}]}, allow_warnings=("big.ipynb",))
    said = [w for w in built.warnings if "notebook 'big.ipynb'" in w]
    assert said and "cell 2: an output of 66.7 MB is over 5.0 MB; it is left out" in said[0]
    assert not (built.site_dir / "big_files" / "cell-2-1.png").exists()
    html = built.file("big.md").stat().st_size
    assert html < 200_000
    assert "too large to show" in page(built, "big.ipynb").get_text()


def test_the_fixtures_are_what_the_script_makes(tmp_path: Path) -> None:
    """Everything but the plot's bytes (matplotlib's PNG encoder differs by version)."""
    import runpy

    runpy.run_path(str(DATA / "make_notebooks.py"), run_name="not_main")["main"](tmp_path)
    for name in ["analysis.ipynb", *BAD]:
        made, kept = (tmp_path / name).read_text("utf-8"), (DATA / name).read_text("utf-8")
        if name == "analysis.ipynb":
            made, kept = (json.loads(t) for t in (made, kept))
            for cell in (*made["cells"], *kept["cells"]):
                for output in cell.get("outputs", []):
                    output.get("data", {}).pop("image/png", None)
                cell.pop("attachments", None)
        assert made == kept, name
