"""Long code blocks fold: static assertions on real MkDocs + Material builds.

Each site is built once per module (the builds are the slow part); every test
reads the built HTML. The browser behaviour is in ``test_fold_browser.py``.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import markdown
import pytest
from bs4 import BeautifulSoup, Tag

from mkdocs_portfolio.markdown import PortfolioExtension

from .harness import Built, build, page_facts

QUIET = {"audit": {"enabled": False}}


def lines(n: int, indent: str = "") -> str:
    """``n`` lines of Python, each naming its own number."""
    return "".join(f"{indent}value_{i} = {i}  # line {i}\n" for i in range(1, n + 1))


def fence(n: int, header: str = "python", indent: str = "") -> str:
    return f"{indent}```{header}\n{lines(n, indent)}{indent}```\n"


def build_shared(root: Path, pages: dict[str, str], config: dict[str, Any]) -> tuple[Built, Any]:
    """Build once for a module, without the audit; fail on any warning."""
    built = build(root, pages, {"plugins": [{"portfolio": QUIET}], **config})
    return built, built.plugin


MAIN = (
    "# Code\n\nA page of code blocks.\n\n"
    "## Plain long\n\n" + fence(40) + "\n"
    "## Short\n\n" + fence(8) + "\n"
    "## Opt out\n\n" + fence(40, "{ .python .no-fold }") + "\n"
    "## Opt in\n\n" + fence(14, "{ .python .fold }") + "\n"
    "## Opt in, nothing to hide\n\n" + fence(6, "{ .python .fold }") + "\n"
    "## Everything\n\n"
    + fence(40, 'python title="train.py" linenums="1" hl_lines="2 30"') + "\n"
    "## Annotated\n\n"
    "```python\n" + lines(3) + "x = 1  # (1)!\n" + lines(30) + "```\n\n"
    "1. The first annotation.\n\n"
    "## Admonition\n\n!!! note \"Inside\"\n\n" + fence(30, indent="    ") + "\n"
    "## Tabs\n\n=== \"One\"\n\n" + fence(30, indent="    ") + "\n=== \"Two\"\n\n    Text.\n\n"
    "## List\n\n1. An item\n\n" + fence(30, indent="    ") + "\n"
    "## Diagram\n\n```mermaid\ngraph LR\n" + "".join(f"  A{i} --> B{i}\n" for i in range(40))
    + "```\n"
)


@pytest.fixture(scope="module")
def zero(tmp_path_factory: pytest.TempPathFactory) -> tuple[Built, Any]:
    """Zero configuration: the plugin adds Material's recommended highlight settings."""
    return build_shared(tmp_path_factory.mktemp("zero"), {"index.md": MAIN}, {
        "theme": {"name": "material", "features": ["content.code.copy",
                                                     "content.code.annotate"]},
        "markdown_extensions": [{"pymdownx.tabbed": {"alternate_style": True}}],
    })


def article(site: Built) -> Tag:
    found = site.soup("index.html").select_one("article")
    assert found is not None
    return found


def section(site: Built, heading: str) -> list[Tag]:
    """The code blocks (``.highlight``) between a heading and the next one."""
    art = article(site)
    head = next(h for h in art.find_all("h2") if h.get_text(strip=True) == heading)
    found: list[Tag] = []
    for el in head.find_all_next():
        if el.name == "h2":
            break
        if isinstance(el, Tag) and "highlight" in (el.get("class") or []):
            found.append(el)
    return found


def only(site: Built, heading: str) -> Tag:
    blocks = section(site, heading)
    assert len(blocks) == 1, (heading, len(blocks))
    return blocks[0]


def code_text(block: Tag) -> str:
    code = block.select_one(".code pre > code") or block.select_one("pre > code")
    assert code is not None
    return code.get_text()


def is_folded(block: Tag) -> bool:
    return "pf-fold" in (block.get("class") or [])


def test_long_block_folds_with_its_preview_length_and_control(zero: tuple[Built, Any]) -> None:
    block = only(zero[0], "Plain long")
    assert is_folded(block)
    assert "--pf-fold-lines: 10" in block["style"]
    bar = block.contents[-1]
    assert isinstance(bar, Tag) and "pf-fold__bar" in bar["class"]
    toggle = bar.select_one("details.pf-fold__toggle > summary")
    assert toggle is not None
    assert toggle.select_one(".pf-fold__more").get_text() == "Show all 40 lines"
    assert toggle.select_one(".pf-fold__less").get_text() == "Show fewer lines"
    assert bar.select_one("details").get("open") is None, "folded by default"
    assert bar.select_one(".pf-fold__file") is None, "no file named, no file link"


def test_folded_block_keeps_every_line_in_the_copied_element(zero: tuple[Built, Any]) -> None:
    block = only(zero[0], "Plain long")
    text = code_text(block)
    assert all(f"# line {i}\n" in text for i in range(1, 41))
    assert "Show all" not in text, "the control is not part of the code"
    # Material's markup is intact: the language class and the line spans it selects on
    assert block["class"][:2] == ["language-python", "highlight"]
    assert block.select_one("pre > code > span#__span-0-40") is not None


def test_short_block_and_opt_out_do_not_fold(zero: tuple[Built, Any]) -> None:
    short = only(zero[0], "Short")
    assert not is_folded(short) and short.select_one(".pf-fold__bar") is None
    out = only(zero[0], "Opt out")
    assert not is_folded(out) and "no-fold" in out["class"]
    assert out.select_one(".pf-fold__bar") is None


def test_fold_class_opts_a_short_block_in(zero: tuple[Built, Any]) -> None:
    block = only(zero[0], "Opt in")
    assert is_folded(block)
    assert block.select_one(".pf-fold__more").get_text() == "Show all 14 lines"
    tiny = only(zero[0], "Opt in, nothing to hide")
    assert not is_folded(tiny), "a block no longer than the preview has nothing to fold"


def test_title_line_numbers_and_highlighted_lines_survive(zero: tuple[Built, Any]) -> None:
    block = only(zero[0], "Everything")
    assert is_folded(block)
    assert block.select_one("span.filename").get_text() == "train.py"
    table = block.select_one("table.highlighttable")
    assert table is not None
    numbers = table.select(".linenodiv a")
    assert [a.get_text() for a in numbers][-1] == "40"
    assert numbers[29]["href"] == "#__codelineno-5-30"
    assert table.select_one("#__codelineno-5-30") is not None
    highlighted = table.select(".code span.hll")
    assert len(highlighted) == 2 and "# line 30" in highlighted[1].get_text()
    assert block.contents[-1]["class"] == ["pf-fold__bar"], "the bar follows the table"


def test_annotation_list_stays_right_after_the_block(zero: tuple[Built, Any]) -> None:
    block = only(zero[0], "Annotated")
    assert is_folded(block)
    follower = block.find_next_sibling()
    assert follower is not None and follower.name == "ol"
    assert "The first annotation." in follower.get_text()
    assert "# (1)!" in code_text(block)


@pytest.mark.parametrize("heading", ["Admonition", "Tabs", "List"])
def test_nested_blocks_fold(zero: tuple[Built, Any], heading: str) -> None:
    block = only(zero[0], heading)
    assert is_folded(block)
    text = code_text(block)
    assert "value_30 = 30  # line 30" in text and "    value_1" not in text


def test_mermaid_never_folds(zero: tuple[Built, Any]) -> None:
    art = article(zero[0])
    diagram = art.select_one("pre.mermaid")
    assert diagram is not None
    assert diagram.find_parent(class_="pf-fold") is None


def test_facts_record_every_block_and_which_folded(zero: tuple[Built, Any]) -> None:
    facts = page_facts(zero[1], "index.md")
    folded = [b.lines for b in facts.code_blocks if b.folded]
    assert folded == [40, 14, 40, 34, 30, 30, 30]
    assert sorted(b.lines for b in facts.code_blocks if not b.folded) == [6, 8, 40]
    assert not any(b.linked for b in facts.code_blocks)


# -- a user's own highlight settings, without Material's recommended ones ----------------


@pytest.fixture(scope="module", params=["table", "pymdownx-inline", "inline"])
def styled(request: pytest.FixtureRequest,
           tmp_path_factory: pytest.TempPathFactory) -> tuple[Built, Any]:
    page = ("# Code\n\n## Numbered\n\n" + fence(40, 'python linenums="1"') + "\n"
            "## Plain long\n\n" + fence(40))
    return build_shared(tmp_path_factory.mktemp(f"styled-{request.param}"), {"index.md": page}, {
        "markdown_extensions": [
            {"pymdownx.highlight": {"linenums_style": request.param}},
            "pymdownx.superfences",
        ],
    })


def test_user_highlight_settings_are_kept_and_blocks_fold(styled: tuple[Built, Any]) -> None:
    site = styled[0]
    style = site.config.mdx_configs["pymdownx.highlight"]
    assert "anchor_linenums" not in style and "line_spans" not in style
    numbered = only(site, "Numbered")
    plain = only(site, "Plain long")
    assert is_folded(numbered) and is_folded(plain)
    html = str(numbered)
    assert "__span" not in html and "__codelineno" not in html
    if style["linenums_style"] == "table":
        assert numbered.select_one("table.highlighttable .linenodiv") is not None
    else:
        assert len(numbered.select("code .linenos")) == 40
    assert plain["class"][0] == "highlight", "no language class without pygments_lang_class"


# -- options -------------------------------------------------------------------------------


def test_fold_lines_and_preview_lines(build_site: Any) -> None:
    site = build_site({"index.md": "# Code\n\n" + fence(6) + "\n" + fence(5)},
                      {"plugins": [{"portfolio": {**QUIET, "code": {"fold_lines": 5,
                                                                    "preview_lines": 3}}}]})
    blocks = site.soup("index.html").select("article .highlight")
    assert [is_folded(b) for b in blocks] == [True, False]
    assert "--pf-fold-lines: 3" in blocks[0]["style"]


def test_folding_can_be_turned_off(build_site: Any) -> None:
    page = "# Code\n\n" + fence(60) + "\n" + fence(12, "{ .python .fold }")
    site = build_site({"index.md": page},
                      {"plugins": [{"portfolio": {**QUIET, "code": {"enabled": False}}}]})
    art = site.soup("index.html").select_one("article")
    assert "pf-fold" not in str(art) and "value_60 = 60" in art.get_text()


def test_assets_are_served(zero: tuple[Built, Any]) -> None:
    site = zero[0]
    css = (site.site_dir / "assets/portfolio/portfolio.css").read_text(encoding="utf-8")
    js = (site.site_dir / "assets/portfolio/portfolio.js").read_text(encoding="utf-8")
    assert ".pf-fold__toggle" in css and "pf-fold" in js  # fold.css and fold.js, bundled
    head = site.soup("index.html")
    assert head.select_one('link[href$="assets/portfolio/portfolio.css"]') is not None
    assert head.select_one('script[src$="assets/portfolio/portfolio.js"]') is not None


# -- without MkDocs ------------------------------------------------------------------------


def test_plain_python_markdown_folds() -> None:
    text = fence(30) + "\n" + fence(30, "{ .python }")
    html = markdown.markdown(text, extensions=[
        "pymdownx.highlight", "pymdownx.superfences", "attr_list",
        PortfolioExtension(fold_lines=20, preview_lines=5)])
    soup = BeautifulSoup(html, "html.parser")
    blocks = soup.select("div.highlight")
    assert len(blocks) == 2 and all(is_folded(b) for b in blocks)
    assert "--pf-fold-lines: 5" in blocks[0]["style"]
    assert "Show all 30 lines" in blocks[0].get_text()


def test_without_superfences_nothing_breaks() -> None:
    text = textwrap.dedent("""
        # Title

        ```python
        x = 1
        ```
        """)
    # standalone: false, or the extension would register superfences itself.
    html = markdown.markdown(text, extensions=["fenced_code", "mkdocs_portfolio.markdown"],
                             extension_configs={"mkdocs_portfolio.markdown":
                                                {"standalone": False}})
    assert "x = 1" in html and "pf-fold" not in html


def test_without_pygments_a_long_block_folds_in_a_wrapper() -> None:
    html = markdown.markdown(
        fence(30),
        extensions=["pymdownx.highlight", "pymdownx.superfences", PortfolioExtension()],
        extension_configs={"pymdownx.highlight": {"use_pygments": False}})
    soup = BeautifulSoup(html, "html.parser")
    wrapper = soup.select_one("div.pf-fold")
    assert wrapper is not None
    assert wrapper.select_one("pre.highlight > code.language-python") is not None
    assert wrapper.contents[-1]["class"] == ["pf-fold__bar"]
