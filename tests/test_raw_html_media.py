"""Images as GitHub READMEs have them: raw HTML (``<p align="center"><img ...></p>``,
``<picture>``, ``<video>``, inline ``<svg>``) beside Markdown images and badges.

Real MkDocs + Material builds of README-shaped pages; the page facts, the audit's
``visuals`` and ``alt-text`` findings and the overview's figure counts are read back.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from bs4 import Tag

from mkdocs_portfolio.markdown.media import page_media

from . import harness
from .harness import PNG, Built, page_facts

build = partial(harness.build, allow_warnings=True)

PROSE = ("The detector reads each scanned page and marks the boxes that were blacked out "
         "by hand, so that a reviewer can check them before the release. ")
LONG = PROSE * 20  # 520 words: more than audit.visual_words
BADGES = " ".join([
    "[![CI](https://github.com/acme/redact/actions/workflows/ci.yml/badge.svg)]"
    "(https://github.com/acme/redact/actions)",
    "[![PyPI](https://img.shields.io/pypi/v/redact.svg)](https://pypi.org/project/redact/)",
    "[![License](https://img.shields.io/badge/license-MIT-blue.svg)]"
    "(https://opensource.org/licenses/MIT)",
])
SVG = ('<svg width="120" height="40" role="img"><title>The pipeline</title>'
       '<rect width="120" height="40"/></svg>')
PYPI = '<img src="https://img.shields.io/pypi/v/redact.svg" alt="PyPI">'

README = f"""\
    # Redaction detector

    {BADGES}

    <p align="center"><img src="images/arch.png" width="600"></p>

    {LONG}

    <p align="center">
      <img src="images/samples.png" alt="Redacted and clean pages side by side" width="400">
    </p>

    <picture>
      <source media="(prefers-color-scheme: dark)" srcset="images/curve-dark.png">
      <img src="images/curve.png" alt="Training loss per epoch">
    </picture>

    <video src="images/demo.mp4" controls width="600"></video>

    {SVG}

    <p align="center"><img src="images/divider.png" alt=""></p>

    ![](images/redacted_sample.png)

    Run it from the ![terminal](images/terminal.png) prompt, and press the
    <img src="images/key.png" height="14"> key.
    """

PAGES: dict[str, Any] = {
    "index.md": "# Home\n\nA detector for redacted boxes in scanned pages.\n",
    "readme.md": README,
    "gallery.md": """\
        # Gallery

        <figure markdown>
        ![Boxes found on a contract](images/samples.png)
        <figcaption>Boxes found on a contract</figcaption>
        </figure>

        <div align="center" markdown>
        <img src="images/arch.png" alt="The architecture">
        </div>

        ![](images/divider.png){ role="presentation" }
        """,
    "badges.md": f"""\
        # Badges

        <p align="center">
          <a href="https://pypi.org/project/redact/">{PYPI}</a>
          <a href="https://github.com/acme/redact"><img src="images/stars.png" alt="Stars"></a>
        </p>
        """,
    "diagram.md": """\
        # A diagram

        ```mermaid
        graph LR
          Scan --> Detect --> Review
        ```
        /// caption
        From the scan to the reviewer.
        ///
        """,
    "video.md": f"# A video\n\n{LONG}\n\n<video src=\"images/demo.mp4\" controls></video>\n",
    "drawing.md": f"# A drawing\n\n{LONG}\n\n"
                  "<svg viewBox=\"0 0 10 10\"><circle cx=\"5\" cy=\"5\" r=\"4\"/></svg>\n",
    "raw-image.md": f"# A raw image\n\n{LONG}\n\n"
                    "<p align=\"center\"><img src=\"images/arch.png\" alt=\"The architecture\" "
                    "width=\"600\"></p>\n",
    "inline.md": "# Inline data\n\nA dot: <img src=\"data:image/png;base64,"
                 + "iVBORw0KGgo" * 40 + "\">\n",
    "icon.md": f"# Only an icon\n\n{LONG} It works :material-check: offline.\n",
    **{f"images/{name}": PNG for name in (
        "arch.png", "samples.png", "curve.png", "curve-dark.png", "divider.png",
        "redacted_sample.png", "terminal.png", "key.png", "stars.png")},
    "images/demo.mp4": b"\x00\x00\x00\x18ftypmp42",
}

EMOJI = """\
    markdown_extensions:
      - pymdownx.emoji:
          emoji_index: !!python/name:material.extensions.emoji.twemoji
          emoji_generator: !!python/name:material.extensions.emoji.to_svg
    """


STYLES = {
    "dirs+subpath": {"use_directory_urls": True, "site_url": "https://example.org/ml/redact/"},
    "html-files": {"use_directory_urls": False},
}


@pytest.fixture(scope="module", params=list(STYLES))
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(tmp_path_factory.mktemp("readme"), PAGES, STYLES[request.param],
                 extra_yaml=EMOJI)


def test_raw_html_images_are_images_of_the_page(site: Built) -> None:
    facts = page_facts(site.plugin, "readme.md")
    found = [(i.written, i.alt, i.standalone, i.decorative, i.raw) for i in facts.images]
    assert found == [
        ("https://github.com/acme/redact/actions/workflows/ci.yml/badge.svg", "CI",
         False, False, False),
        ("https://img.shields.io/pypi/v/redact.svg", "PyPI", False, False, False),
        ("https://img.shields.io/badge/license-MIT-blue.svg", "License", False, False, False),
        ("images/arch.png", "", True, False, True),
        ("images/samples.png", "Redacted and clean pages side by side", True, False, True),
        ("images/curve.png", "Training loss per epoch", True, False, True),  # once
        ("images/divider.png", "", True, True, True),
        ("images/redacted_sample.png", "", True, False, False),
        ("images/terminal.png", "terminal", False, False, False),
        ("images/key.png", "", False, False, True),
    ]
    assert (facts.videos, facts.drawings) == (1, 1)


def test_written_is_the_source_before_mkdocs_rewrote_it(site: Built) -> None:
    sample = next(i for i in page_facts(site.plugin, "readme.md").images
                  if i.written == "images/redacted_sample.png")
    rewritten = "../images/redacted_sample.png" if site.config.use_directory_urls \
        else "images/redacted_sample.png"
    assert sample.src == rewritten
    img = site.article("readme.md").find("img", src=rewritten)
    assert isinstance(img, Tag)  # what the page has: the src as MkDocs rewrote it


def test_figures_are_what_the_reader_sees_as_figures(site: Built) -> None:
    figures = {src: page_facts(site.plugin, src).figures
               for src in ("readme.md", "gallery.md", "badges.md", "icon.md")}
    # arch, samples, curve (a picture: once), the video, the drawing, redacted_sample;
    # not the badges, the decorative divider, nor the images in a sentence.
    assert figures == {"readme.md": 6, "gallery.md": 2, "badges.md": 0, "icon.md": 0}
    gallery = page_facts(site.plugin, "gallery.md")
    assert [(i.standalone, i.decorative) for i in gallery.images] == [
        (True, False), (True, False), (True, True)]  # a decorative image is no figure


def test_contents_cards_count_the_figures(site: Built) -> None:
    # The overview's Contents is on the home page, after its own text.
    cards = site.soup("index.md").select("#contents .pf-ov-page, .pf-ov-page")
    assert cards, "the home page has the overview's Contents"
    counts = {}
    for card in cards:
        title = card.select_one(".pf-ov-page__title")
        chip = card.select_one(".pf-ov-count--figure")
        assert title is not None
        counts[title.get_text(strip=True)] = int(str(chip["data-count"])) if chip else 0
    assert counts["Redaction detector"] == 6
    assert counts["Gallery"] == 2  # the captioned figure once, not once more for its image
    assert counts["Badges"] == 0
    assert counts["A diagram"] == 1  # a captioned diagram: one figure, not two


def test_alt_text_names_the_image_as_written(site: Built) -> None:
    found = {(f.page, f.line, f.message) for f in site.of("alt-text")}
    assert found == {
        ("readme.md", 5, "the image 'images/arch.png' has no alt text"),
        ("readme.md", 24, "the image 'images/redacted_sample.png' has no alt text"),
        ("readme.md", 27, "the image 'images/key.png' has no alt text"),
        ("inline.md", 3, "the image 'data:image/png;base64,…' has no alt text"),
    }
    fixes = {f.message.split("'")[1]: f.fix for f in site.of("alt-text")}
    assert '<img alt="' in fixes["images/arch.png"]
    assert "![what it shows](" in fixes["images/redacted_sample.png"]


def test_raw_html_media_satisfy_the_visuals_check(site: Built) -> None:
    flagged = {f.page for f in site.of("visuals")}
    assert flagged == {"icon.md"}, site.of("visuals")  # an emoji is a word, not a visual


def test_a_page_of_prose_pays_nothing(tmp_path: Path) -> None:
    built = build(tmp_path, {"index.md": f"# Prose\n\n{LONG}\n\n<b>bold</b> &amp; more\n"})
    facts = page_facts(built.plugin, "index.md")
    assert (facts.images, facts.videos, facts.drawings, facts.figures) == ([], 0, 0, 0)
    assert [f.page for f in built.of("visuals")] == ["index.md"]


def test_a_fences_highlighted_code_is_not_searched_for_media() -> None:
    root = etree.Element("div")
    stash: list[Any] = []
    for i, bar in enumerate(("", '<img src="x.png" alt="In the bar">')):
        # Never in a highlighter's output, but it shows that the code is not read.
        code = '<pre><code><img src="y.png" alt="In the code"></code></pre>'
        fence = f'<div class="highlight">{code}{bar}</div>'
        stash.append(fence)
        etree.SubElement(root, "p").text = f"\x02wzxhzdk:{i}\x03"
    highlighted = {id(f): (f, f[len('<div class="highlight">'):f.index("</pre>")])
                   for f in stash}
    # Only the fence with an image in its bar shows media (and is then read whole).
    found = page_media(root, stash, {}, None, highlighted).images
    assert [image.alt for image in found] == ["In the code", "In the bar"]
    assert len(page_media(root, stash, {}).images) == 3  # not fences: searched whole
