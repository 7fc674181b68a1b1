"""The foundation: one line of config switches the plugin on, and the six blocks work.

Real MkDocs + Material builds in tmp_path, parsed with BeautifulSoup.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from mkdocs.config import load_config

from mkdocs_portfolio.configure import TEMPLATES_DIR
from mkdocs_portfolio.markdown import BLOCK_TYPES, PortfolioExtension
from mkdocs_portfolio.markdown.companions import MERMAID_FENCE

from .conftest import BuildSite
from .harness import build, write_site

AUDIT = ("audit [",)
"""The audit's findings on these deliberately incomplete sites are expected."""

TITLES = {t: f"The {t.replace('-', ' ')} block" for t in BLOCK_TYPES}


def all_forms_page() -> str:
    """Every block type in every form: !!!, ???, ???+, /// and /// with open."""
    parts = ["# Every form\n"]
    for t in BLOCK_TYPES:
        if t == "demo":
            continue  # the demo block has its own tests; it needs a URL
        title = TITLES[t]
        parts += [
            f'!!! {t} "{title} (admonition)"\n    Body of {t}.\n',
            f'??? {t} "{title} (collapsed)"\n    Body of {t}.\n',
            f'???+ {t} "{title} (open)"\n    Body of {t}.\n',
            f"/// {t} | {title} (block)\nBody of {t}.\n///\n",
            f"/// {t} | {title} (block, collapsible)\n    open: true\n\nBody of {t}.\n///\n",
        ]
    return "\n".join(parts)


@pytest.fixture(scope="module")
def zero_config_site(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A site whose whole set-up is ``theme: material`` and ``plugins: [portfolio]``."""
    root = tmp_path_factory.mktemp("zero")
    return build(root, {
        "index.md": all_forms_page(),
        "second.md": """
            # Second

            !!! dead-end "Same title"
                One.

            !!! dead-end "Same title"
                Two.

            ## Same title

            ```mermaid
            graph LR
              A --> B
            ```
            """,
    }, allow_warnings=True).config


def soup_of(cfg: Any, path: str) -> Any:
    from bs4 import BeautifulSoup

    with open(f"{cfg.site_dir}/{path}", encoding="utf-8") as f:
        return BeautifulSoup(f.read(), "html.parser")


@pytest.mark.parametrize("btype", [t for t in BLOCK_TYPES if t != "demo"])
def test_every_form_renders_the_styled_block(zero_config_site: Any, btype: str) -> None:
    soup = soup_of(zero_config_site, "index.html")
    divs = soup.select(f"div.admonition.{btype}")
    details = soup.select(f"details.{btype}")
    titles = [d.select_one(".admonition-title").get_text() for d in divs]
    summaries = [d.summary.get_text() for d in details]
    assert titles == [f"{TITLES[btype]} (admonition)", f"{TITLES[btype]} (block)"]
    assert summaries == [f"{TITLES[btype]} (collapsed)", f"{TITLES[btype]} (open)",
                         f"{TITLES[btype]} (block, collapsible)"]
    assert [d.has_attr("open") for d in details] == [False, True, True]
    for el in divs + details:
        assert el["id"].startswith(f"{btype}-the-")
        assert el.find("p", string=f"Body of {btype}.") is not None


def test_ids_are_unique_and_derived_from_titles(zero_config_site: Any) -> None:
    soup = soup_of(zero_config_site, "second/index.html")
    ids = [el["id"] for el in soup.select("[id]")]
    assert len(ids) == len(set(ids))
    assert [d["id"] for d in soup.select("div.dead-end")] == [
        "dead-end-same-title", "dead-end-same-title-2"]
    assert soup.select_one("h2")["id"] == "same-title"
    first = soup_of(zero_config_site, "index.html")
    all_ids = [el["id"] for el in first.select("[id]")]
    assert len(all_ids) == len(set(all_ids))
    assert "result-the-result-block-admonition" in all_ids


def test_zero_config_adds_what_it_needs(zero_config_site: Any) -> None:
    cfg = zero_config_site
    names = [e for e in cfg.markdown_extensions if isinstance(e, str)]
    for needed in ("admonition", "pymdownx.details", "pymdownx.superfences",
                   "pymdownx.highlight", "attr_list", "md_in_html", "pymdownx.blocks.caption"):
        assert needed in names
    ours = [e for e in cfg.markdown_extensions if isinstance(e, PortfolioExtension)]
    assert len(ours) == 1
    assert cfg.markdown_extensions[-1] is ours[0]
    fences = cfg.mdx_configs["pymdownx.superfences"]["custom_fences"]
    assert [f["name"] for f in fences] == ["mermaid"]
    soup = soup_of(cfg, "second/index.html")
    assert soup.select_one("pre.mermaid") is not None
    css = [link["href"] for link in soup.select("link[rel=stylesheet]")]
    assert "../assets/portfolio/portfolio.css" in css
    bundled = Path(cfg.site_dir, "assets/portfolio/portfolio.css").read_text(encoding="utf-8")
    assert "--md-admonition-icon--dead-end" in bundled  # blocks.css, bundled


def test_user_settings_are_kept(build_site: BuildSite) -> None:
    site = build_site(
        {"index.md": "# Hi\n\n```python\nx = 1\n```\n"},
        {
            "markdown_extensions": [
                {"pymdownx.highlight": {"linenums": True, "anchor_linenums": False}},
                {"pymdownx.superfences": {"custom_fences": [
                    {"name": "math", "class": "arithmatex",
                     "format": "!!python/name:pymdownx.superfences.fence_code_format"}]}},
                {"toc": {"permalink": "#"}},
            ],
        },
        allow_warnings=AUDIT,
    )
    cfg = site.config
    assert cfg.mdx_configs["pymdownx.highlight"] == {"linenums": True, "anchor_linenums": False}
    fences = [f["name"] for f in cfg.mdx_configs["pymdownx.superfences"]["custom_fences"]]
    assert fences == ["math", "mermaid"]  # theirs kept, ours added
    assert cfg.mdx_configs["toc"] == {"permalink": "#"}
    soup = site.soup("index.html")
    assert soup.select_one(".highlight .linenos") is not None  # their linenums stayed on


def test_on_config_twice_changes_nothing(tmp_path: Any) -> None:
    config_file = write_site(tmp_path, {"index.md": "# Hi\n"})
    cfg = load_config(str(config_file))
    plugin = cfg.plugins["portfolio"]
    plugin.on_config(cfg)
    snapshot = (list(map(str, cfg.markdown_extensions)), copy.deepcopy(
        {k: v for k, v in cfg.mdx_configs.items() if k != "pymdownx.superfences"}),
        list(cfg.extra_css), [str(s) for s in cfg.extra_javascript], list(cfg.theme.dirs))
    plugin.on_config(cfg)
    again = (list(map(str, cfg.markdown_extensions)), copy.deepcopy(
        {k: v for k, v in cfg.mdx_configs.items() if k != "pymdownx.superfences"}),
        list(cfg.extra_css), [str(s) for s in cfg.extra_javascript], list(cfg.theme.dirs))
    assert [e for e in again[0] if "PortfolioExtension" not in e] == [
        e for e in snapshot[0] if "PortfolioExtension" not in e]
    assert sum("PortfolioExtension" in e for e in again[0]) == 1
    assert again[1:] == snapshot[1:]
    fences = cfg.mdx_configs["pymdownx.superfences"]["custom_fences"]
    assert [f["name"] for f in fences] == [MERMAID_FENCE["name"]]


def test_user_listed_extension_keeps_its_settings(build_site: BuildSite) -> None:
    site = build_site({"index.md": "# Hi\n"}, {
        "markdown_extensions": [{"mkdocs_portfolio.markdown": {"fold_lines": 40}}]},
        allow_warnings=AUDIT)
    ours = [e for e in site.config.markdown_extensions if isinstance(e, PortfolioExtension)]
    assert len(ours) == 1 and ours[0].getConfig("fold_lines") == 40
    assert "mkdocs_portfolio.markdown" not in site.config.markdown_extensions


def test_directory_urls_off_and_sub_path(build_site: BuildSite) -> None:
    site = build_site(
        {"index.md": "# Home\n", "a/page.md": '# Page\n\n!!! problem "Why"\n    Because.\n'},
        {"use_directory_urls": False, "site_url": "https://example.org/sub/path/"},
        allow_warnings=AUDIT,
    )
    soup = site.soup("a/page.html")
    assert soup.select_one("#problem-why") is not None
    css = [link["href"] for link in soup.select("link[rel=stylesheet]")]
    assert "../assets/portfolio/portfolio.css" in css
    assert not any(h.startswith("/") for h in css)


def test_our_templates_come_after_a_custom_dir(build_site: BuildSite, tmp_path: Any) -> None:
    overrides = tmp_path / "mine"
    overrides.mkdir()
    site = build_site({"index.md": "# Hi\n"}, {
        "theme": {"name": "material", "custom_dir": str(overrides)}}, allow_warnings=AUDIT)
    dirs = site.config.theme.dirs
    assert dirs[0] == str(overrides)
    assert dirs[1] == str(TEMPLATES_DIR)
    project = TEMPLATES_DIR.parent.parent.resolve()
    assert [d for d in dirs if Path(d).resolve().is_relative_to(project)] == [dirs[1]]
    assert Path(dirs[2]).parent.name == "material"  # then Material's own templates
    assert site.soup("index.html").select_one("header.md-header") is not None


def test_other_theme_gets_a_clear_warning(build_site: BuildSite) -> None:
    site = build_site({"index.md": "# Hi\n"}, {"theme": {"name": "mkdocs"}},
                      allow_warnings=("not 'material'", *AUDIT))
    assert any("the theme is 'mkdocs', not 'material'" in w for w in site.warnings)


def test_disabled_plugin_does_nothing(build_site: BuildSite) -> None:
    site = build_site({"index.md": '# Hi\n\n!!! problem "P"\n    x\n'}, {
        "plugins": [{"portfolio": {"enabled": False}}], "markdown_extensions": ["admonition"]})
    assert "assets/portfolio" not in site.html("index.html")
    assert site.soup("index.html").select_one(".admonition.problem").get("id") is None


def test_links_to_block_ids_pass_mkdocs_anchor_validation(build_site: BuildSite) -> None:
    site = build_site({
        "index.md": "# Home\n\nSee [the dead end](other.md#dead-end-tried-a-cnn).\n",
        "other.md": '# Other\n\n!!! dead-end "Tried a CNN"\n    It overfit.\n',
    }, {"validation": {"anchors": "warn"}}, allow_warnings=AUDIT)
    assert not [m for m in site.messages() if "dead-end-tried-a-cnn" in m]
    assert site.soup("other/index.html").select_one("#dead-end-tried-a-cnn") is not None


PAYLOAD = '"><svg onload=alert(7)>'


def test_texts_material_prints_raw_are_escaped(build_site: BuildSite) -> None:
    site = build_site(
        {"index.md": f"---\ntitle: 'Home {PAYLOAD}'\ndescription: 'About {PAYLOAD}'\n---\n\n"
                     "# Home\n", "two.md": "# Two\n"},
        {"site_name": f"Site {PAYLOAD}", "site_description": f"Tagline {PAYLOAD}",
         "plugins": [{"portfolio": {"overview": {"home": False}}}]},  # a hero, on its page
        allow_warnings=AUDIT)
    for page in ("index.html", "two/index.html"):
        soup = site.soup(page)
        assert soup.select("svg[onload]") == [], page
        assert not [t for t in soup.find_all(True) if t.has_attr("onload")], page
    soup = site.soup("index.html")
    assert soup.title is not None and PAYLOAD in soup.title.get_text()  # shown, as text
    description = soup.select_one('meta[name="description"]')
    assert description is not None and description["content"] == f"About {PAYLOAD}"
    overview = site.soup("overview/index.html")
    assert overview.select("svg[onload]") == []
    assert f"Site {PAYLOAD}" in overview.get_text()  # escaped once, not twice
    assert "&lt;" not in overview.get_text()
