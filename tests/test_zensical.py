"""Zensical builds with our extension as its one Markdown entry: real ``zensical build``.

Zensical has no plugin API and drops its default extensions once ``markdown_extensions``
is given: the extension registers what the blocks need and ends each page with its CSS
and JS. Each test id names the Zensical version it ran against.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

import mkdocs_portfolio
from mkdocs_portfolio.blockstyles import variant_css
from mkdocs_portfolio.blocktypes import BLOCK_TYPES
from mkdocs_portfolio.markdown import PortfolioExtension
from mkdocs_portfolio.markdown.assets import MARKER
from mkdocs_portfolio.markdown.companions import companions, register_missing
from mkdocs_portfolio.markdown.engine import MESSAGE

from .conftest import BuildSite
from .test_fold import fence

ZENSICAL = shutil.which("zensical")
try:
    VERSION = importlib.metadata.version("zensical")
except importlib.metadata.PackageNotFoundError:
    VERSION = "missing"
ID = f"zensical-{VERSION}"
needs_zensical = pytest.mark.skipif(
    ZENSICAL is None, reason="zensical is not installed (pip install 'mkdocs-portfolio[test]')")
LOST = "Zensical has no plugin API, so this build has no overview and no audit"

SOURCE = "def helper(x):\n    return x + 1\n"
PAGE = textwrap.dedent("""\
    # Churn model

    !!! dead-end "Tried X"
        It memorised user ids.

    /// result | Recall went up
    From 0.41 to 0.62.
    ///

    ??? next-step "Online features"
        Stream them.

    ![A chart](chart.png)

    /// caption
    The chart.
    ///

    /// source | src/helper.py::helper
    ///

    ```mermaid
    graph LR; a-->b
    ```

    """) + fence(40)

MKDOCS_YML = """\
site_name: Zensical check
markdown_extensions:
  - mkdocs_portfolio.markdown:
      source_root: {root}
"""
ZENSICAL_TOML = """\
[project]
site_name = "Zensical check"

[project.markdown_extensions."mkdocs_portfolio.markdown"]
source_root = "{root}"
"""


def zensical_build(root: Path, config_name: str, config: str,
                   pages: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Lay out a site in ``root`` and build it with the real ``zensical build``."""
    assert ZENSICAL is not None
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "src").mkdir(exist_ok=True)
    (root / "src" / "helper.py").write_text(SOURCE, encoding="utf-8")
    for name, text in (pages or {"index.md": PAGE, "two.md": PAGE}).items():
        (root / "docs" / name).write_text(text, encoding="utf-8")
    (root / config_name).write_text(config.format(root=root), encoding="utf-8")
    # The subprocess imports this checkout, whatever is installed.
    checkout = str(Path(mkdocs_portfolio.__file__).parent.parent)
    env = {"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "HOME": str(root),
           "PYTHONPATH": os.pathsep.join([checkout, os.environ.get("PYTHONPATH", "")])}
    run = subprocess.run([ZENSICAL, "build", "--clean", "-f", config_name], cwd=root,
                         capture_output=True, text=True, timeout=300, env=env)
    assert run.returncode == 0, run.stdout + run.stderr
    return run


def soup_of(root: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((root / "site" / page).read_text(encoding="utf-8"), "html.parser")


@needs_zensical
@pytest.mark.parametrize("config_name, config", [
    pytest.param("mkdocs.yml", MKDOCS_YML, id=f"{ID}-mkdocs.yml"),
    pytest.param("zensical.toml", ZENSICAL_TOML, id=f"{ID}-zensical.toml"),
])
def test_one_entry_gives_blocks_folds_snippets_figures(
        tmp_path: Path, config_name: str, config: str) -> None:
    zensical_build(tmp_path, config_name, config)
    for page in ("index.html", "two/index.html"):
        soup = soup_of(tmp_path, page)
        dead = soup.select_one("div.admonition.dead-end#dead-end-tried-x")
        assert dead is not None and dead.select_one(".admonition-title").text == "Tried X"
        assert soup.select_one("div.admonition.result#result-recall-went-up") is not None
        assert soup.select_one("details.next-step#next-step-online-features") is not None
        # The long block is folded, the snippet rendered and linked to its lines.
        fold = soup.select_one(".pf-fold")
        assert fold is not None and "Show all 40 lines" in fold.get_text()
        assert "def helper(x):" in soup.select_one(".pf-source code").get_text()
        assert soup.select_one("figure .caption-prefix").get_text() == "Figure 1."
        assert soup.select_one("pre.mermaid") is not None
        # Our CSS and JS, once each, on every page.
        styles, scripts = soup.select(f"style[{MARKER}]"), soup.select(f"script[{MARKER}]")
        assert len(styles) == 1 and len(scripts) == 1
        assert ".md-typeset .admonition.dead-end" in styles[0].text
        assert ".pf-fold__toggle" in scripts[0].text
        # Neither is a heading's text or id (toc runs the postprocessors on headings).
        assert soup.select_one("h1")["id"] == "churn-model"
    # Zensical's search index skips the style and script.
    items = json.loads((tmp_path / "site" / "search.json").read_text(encoding="utf-8"))["items"]
    assert items and not any("--pf-c" in json.dumps(item) for item in items)


@needs_zensical
@pytest.mark.parametrize("variant", [
    pytest.param(v, id=f"{ID}-{v}") for v in ("modern", "classic")])
def test_the_variant_gets_its_rules(tmp_path: Path, variant: str) -> None:
    config = MKDOCS_YML + f"theme:\n  variant: {variant}\n"
    zensical_build(tmp_path, "mkdocs.yml", config, {"index.md": PAGE})
    css = soup_of(tmp_path, "index.html").select_one(f"style[{MARKER}]").text
    modern = variant_css(BLOCK_TYPES.values(), "modern")
    assert modern and variant_css(BLOCK_TYPES.values(), "classic") == ""
    rule = re.sub(r"\s", "", "color-mix(insrgb,var(--pf-c)10%,transparent)")
    assert (rule in re.sub(r"\s", "", css)) == (variant == "modern")


LISTS_PLUGIN = {
    "mkdocs.yml": MKDOCS_YML + "plugins:\n  - search\n  - portfolio:\n      audit:\n"
                               "        enabled: false\n",
    "zensical.toml": ZENSICAL_TOML + '\n[project.plugins.portfolio]\n',
}


@needs_zensical
@pytest.mark.parametrize("config_name", [
    pytest.param(name, id=f"{ID}-{name}") for name in LISTS_PLUGIN])
def test_a_listed_plugin_is_told_of_once(tmp_path: Path, config_name: str) -> None:
    run = zensical_build(tmp_path / "with", config_name, LISTS_PLUGIN[config_name])
    told = run.stdout + run.stderr
    assert told.count(LOST) == 1, told
    assert f"{config_name} lists the 'portfolio' plugin" in told
    assert "'mkdocs-portfolio build'" in told and "'mkdocs-portfolio serve'" in told
    plain = MKDOCS_YML if config_name == "mkdocs.yml" else ZENSICAL_TOML
    quiet = zensical_build(tmp_path / "without", config_name, plain)
    assert LOST not in quiet.stdout + quiet.stderr


def test_the_message_names_the_commands() -> None:
    text = MESSAGE.format(file="site.yml", plugin="portfolio", args=" -f site.yml")
    assert LOST in text and "build with 'mkdocs-portfolio build -f site.yml'" in text
    assert "'mkdocs-portfolio audit --engine zensical -f site.yml'" in text


# -- the companions, in plain Python-Markdown ---------------------------------------

BLOCKS = '!!! dead-end "X"\n    y\n\n![A](a.png)\n\n/// caption\nPlain.\n///\n\n' + fence(3)


def test_entries_listed_after_ours_keep_their_settings() -> None:
    html = markdown.markdown(BLOCKS, extensions=[
        "mkdocs_portfolio.markdown", "pymdownx.blocks.caption", "pymdownx.highlight",
        "pymdownx.superfences"], extension_configs={"pymdownx.highlight": {"linenums": True}})
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one("div.admonition.dead-end") is not None
    assert soup.select_one(".highlighttable .linenos") is not None  # theirs, not ours
    assert [s.text for s in soup.select(".caption-prefix")] == ["Figure 1."]
    assert len(soup.select(f"style[{MARKER}]")) == 1


def test_nothing_is_registered_twice() -> None:
    names = [name for name, _ in companions()]
    md = markdown.Markdown(extensions=[*names, PortfolioExtension(standalone=False)],
                           extension_configs=dict(companions()))
    assert register_missing(md, figures=True) == []
    modules = [type(e).__module__ for e in md.registeredExtensions]
    assert len(modules) == len(set(modules)), modules


def test_a_nested_conversion_leaves_one_copy() -> None:
    inner = markdown.markdown("!!! result \"R\"\n    r\n", extensions=["mkdocs_portfolio.markdown"])
    md = markdown.Markdown(extensions=["md_in_html", "mkdocs_portfolio.markdown"])

    from markdown.preprocessors import Preprocessor

    class Inner(Preprocessor):  # as mkdocstrings puts its inner Markdown's HTML in
        def run(self, lines: list[str]) -> list[str]:
            return [self.md.htmlStash.store(inner), "", *lines]

    md.preprocessors.register(Inner(md), "inner", 15)
    html = md.convert("# Page\n")
    assert html.count(f"<style {MARKER}>") == 1 and html.count(f"<script {MARKER}>") == 1


def test_under_the_plugin_nothing_is_inlined(build_site: BuildSite) -> None:
    site = build_site({"index.md": "# Home\n\n" + BLOCKS},
                      allow_warnings=("audit [", "'a.png'"))
    html = (site.site_dir / "index.html").read_text(encoding="utf-8")
    assert MARKER not in html and "portfolio.css" in html
    assert BeautifulSoup(html, "html.parser").select_one("div.admonition.dead-end")

