"""Visual explanations with no set-up: Mermaid fences, numbered figures, image zoom."""

from __future__ import annotations

from typing import Any

import markdown
import pytest
from bs4 import BeautifulSoup

from .conftest import BuildSite
from .demo_sites import QUIET, SHOT

PAGE = """
# Figures

```mermaid
graph LR
  A[Images] --> B(Model)
```

![Confusion matrix](img/shot.png)

/// caption
Errors by class.
///

| model | F1 |
|-------|----|
| ours  | 0.91 |

/// caption
Scores.
///

<figure markdown>
![Loss curve](img/shot.png){ width="200" }
<figcaption>Loss while training.</figcaption>
</figure>

/// demo | Try it
    space: alice/tiny-clf
    screenshot: img/shot.png
///
"""


def portfolio(**options: Any) -> dict[str, Any]:
    return {"plugins": [{"portfolio": dict(QUIET, **options)}]}


@pytest.fixture
def pages() -> dict[str, Any]:
    return {"index.md": PAGE, "img/shot.png": SHOT.read_bytes()}


def test_zero_config(build_site: BuildSite, pages: dict[str, Any]) -> None:
    site = build_site(pages, portfolio())
    soup = site.soup("index.html")
    assert soup.select_one("pre.mermaid") is not None
    assert "graph LR" in soup.select_one("pre.mermaid").text
    prefixes = [s.text for s in soup.select("figcaption .caption-prefix")]
    assert prefixes == ["Figure 1.", "Table 1.", "Figure 2."]
    assert [f.get("id") for f in soup.select("figure:has(figcaption)")] == \
        ["figure-1", "table-1", "figure-2"]
    assert soup.select_one("figure#figure-1 figcaption").text.strip() == \
        "Figure 1. Errors by class."
    assert soup.select_one(".glightbox") is None  # zoom is off by default
    css = [link["href"] for link in soup.select("link[rel=stylesheet]")]
    assert "assets/portfolio/portfolio.css" in css
    bundled = (site.site_dir / "assets/portfolio/portfolio.css").read_text(encoding="utf-8")
    assert ".caption-prefix" in bundled  # visuals.css is part of the bundle


def test_user_fences_are_kept_and_mermaid_added(build_site: BuildSite,
                                                pages: dict[str, Any]) -> None:
    config = portfolio()
    config["markdown_extensions"] = [{"pymdownx.superfences": {"custom_fences": [
        {"name": "math", "class": "arithmatex"}]}}]
    site = build_site(pages, config)
    fences = site.config.mdx_configs["pymdownx.superfences"]["custom_fences"]
    assert [f["name"] for f in fences] == ["math", "mermaid"]
    assert site.soup("index.html").select_one("pre.mermaid") is not None


def test_switched_off(build_site: BuildSite, pages: dict[str, Any]) -> None:
    site = build_site(pages, portfolio(visuals={"mermaid": False, "figures": False}))
    soup = site.soup("index.html")
    assert soup.select_one("pre.mermaid") is None
    assert not soup.select(".caption-prefix")


def test_pymdownx_numbers_are_not_doubled() -> None:
    text = ("![A](a.png)\n\n/// figure-caption\nTyped.\n///\n\n"
            "![B](b.png)\n\n/// caption\nPlain.\n///\n")
    html = markdown.markdown(text, extensions=["pymdownx.blocks.caption", "md_in_html",
                                               "mkdocs_portfolio.markdown"])
    soup = BeautifulSoup(html, "html.parser")
    assert [s.text for s in soup.select(".caption-prefix")] == ["Figure 1.", "Figure 2."]


def test_zoom_wraps_images_but_not_the_demo(build_site: BuildSite,
                                            pages: dict[str, Any]) -> None:
    site = build_site(pages, portfolio(visuals={"zoom": True}))
    soup = site.soup("index.html")
    zoomable = soup.select("a.glightbox img")
    assert [img["alt"] for img in zoomable] == ["Confusion matrix", "Loss curve"]
    assert soup.select_one(".pf-demo a.glightbox") is None
    assert soup.select_one("script#init-glightbox") is not None
    assert "document$.subscribe" in soup.select_one("script#init-glightbox").text
    assert (site.site_dir / "assets/javascripts/glightbox.min.js").is_file()


def test_zoom_keeps_the_users_own_glightbox(build_site: BuildSite,
                                            pages: dict[str, Any]) -> None:
    config = {"plugins": [{"glightbox": {"skip_classes": ["no-zoom"]}},
                          {"portfolio": dict(QUIET, visuals={"zoom": True})}]}
    site = build_site(pages, config)
    names = list(site.config.plugins)
    assert names.count("glightbox") == 1
    assert site.config.plugins["glightbox"].config["skip_classes"] == ["no-zoom"]
    assert len(site.soup("index.html").select("script#init-glightbox")) == 1


def test_zoom_twice_in_one_process_adds_one_plugin(build_site: BuildSite,
                                                   pages: dict[str, Any]) -> None:
    site = build_site(pages, portfolio(visuals={"zoom": True}))
    plugin = site.config.plugins["portfolio"]
    plugin.on_config(site.config)  # as mkdocs serve does on every rebuild
    assert list(site.config.plugins).count("glightbox") == 1
