"""Golden HTML: where the exact output is the contract, it is compared byte for byte.

Each case is a page in ``tests/golden/`` (``<case>.md``, the input) beside the HTML
that a real MkDocs + Material build makes of it (``<case>.html``, the content of the
page's ``<article>``, as written in the built file). The blocks in their three forms
(with a title, without, with a metric), a folded code block and a source snippet are
pages of one site (``golden/pages/``, with ``golden/src/`` as the code); the overview
is the generated page of a small site of its own (``golden/overview/``).

After a change of the output that is meant, rewrite the expected files with

    PORTFOLIO_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py

and read the diff of ``tests/golden/`` before committing it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from .harness import Built, build

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("PORTFOLIO_UPDATE_GOLDEN") == "1"
ARTICLE = '<article class="md-content__inner md-typeset">'
PAGE_CASES = sorted(p.stem for p in (GOLDEN / "pages").glob("*.md"))
PLAIN = {"audit": {"enabled": False}, "page_info": {"enabled": False}}


def article_html(built: Built, src: str) -> str:
    """The content of the page's ``<article>``, exactly as the build wrote it (without
    the template's blank lines around it)."""
    html = built.html(src)
    assert html.count(ARTICLE) == 1, src
    return html.split(ARTICLE, 1)[1].rsplit("</article>", 1)[0].strip() + "\n"


def site_of(root: Path, folder: Path, options: dict[str, object]) -> Built:
    pages = {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.md"))}
    return build(root, pages, {"plugins": [{"portfolio": options}]})


def compare(expected: Path, actual: str) -> None:
    if UPDATE:
        expected.write_text(actual, encoding="utf-8")
    assert expected.is_file(), f"{expected} is missing: run with PORTFOLIO_UPDATE_GOLDEN=1"
    assert actual == expected.read_text(encoding="utf-8"), (
        f"{expected.name} differs from the build; if the change is meant, run with "
        "PORTFOLIO_UPDATE_GOLDEN=1 and read the diff")


@pytest.fixture(scope="module")
def pages_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("golden-pages")
    shutil.copytree(GOLDEN / "src", root / "src")
    return site_of(root, GOLDEN / "pages", {**PLAIN, "overview": {"enabled": False},
                                            "source": {"root": "."}})


@pytest.fixture(scope="module")
def overview_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return site_of(tmp_path_factory.mktemp("golden-overview"), GOLDEN / "overview",
                   {**PLAIN, "overview": {"home": False}})  # every section, the hero too


@pytest.mark.parametrize("case", PAGE_CASES)
def test_page_matches_its_golden_html(pages_site: Built, case: str) -> None:
    compare(GOLDEN / "pages" / f"{case}.html", article_html(pages_site, f"{case}.md"))


def test_overview_matches_its_golden_html(overview_site: Built) -> None:
    compare(GOLDEN / "overview" / "overview.html", article_html(overview_site, "overview.md"))


def test_every_case_has_its_expected_html() -> None:
    """A case without its expected file, or an expected file without its case, is a
    mistake of the golden folder, not a pass."""
    expected = sorted(p.stem for p in (GOLDEN / "pages").glob("*.html"))
    assert expected == PAGE_CASES
    assert PAGE_CASES == ["blocks-bang", "blocks-details", "blocks-slash", "fold", "source"]
