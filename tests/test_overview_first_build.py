"""A first build of writeups as authors already have them: a GitHub README with badges
and raw HTML, a blog series with front matter, a code-heavy tutorial, no blocks or
hardly any. Real MkDocs + Material builds, parsed; the overview must be worth opening.
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path
from typing import Any

import pytest
from bs4 import Tag

from . import harness
from .harness import Built
from .test_overview import STYLES, resolve, texts

# These tests are about the generated overview on a page of its own: its hero, its
# fallbacks from the home page, the home page's card. By default the overview's
# sections go onto an author's home page instead (tests/test_home_overview.py).
OWN_PAGE = {"home": False}
QUIET = {"audit": {"enabled": False}, "overview": OWN_PAGE}


def png(width: int, height: int) -> bytes:
    """A real PNG of one colour, made with the standard library."""
    row = b"\x00" + b"\x40\x80\xc0" * width
    raw = zlib.compress(row * height)

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + \
        chunk(b"IEND", b"")


README = """\
[![CI](https://img.shields.io/badge/ci-passing-green.svg)](https://github.com/ex/redact/actions) [![PyPI](https://img.shields.io/pypi/v/redact.svg)](https://pypi.org/project/redact/)

Redact blurs faces in street photos with a fine-tuned `resnet18` model. It runs on a
laptop, offline, in under a second per photo.

![Faces blurred on a busy street](images/street.png)

<p align="center"><img src="images/arch.png" width="600"></p>

## Install

```bash
pip install redact
```

<details><summary>Training log</summary>

Loss went down.

</details>
"""

TRAINING = """\
# Training

We trained on 12k photos; `RandomResizedCrop` cut the redaction away in one run of
ten, so the crops are kept whole.

!!! dead-end "Random crops"
    `RandomResizedCrop` cut the redaction away, and the model learnt to blur nothing.

!!! result "Faces found"
    Metric: Recall = 78% (baseline 73%)

    A fine-tuned `resnet18` model finds more faces than the Haar cascade.

/// result | Faster on a laptop
    metric: Photos per second
    value: 4.6
    baseline: 2.0

Half the time of the baseline, with `torch.compile`.
///

[![Loss curve](images/loss.png)](images/loss.png)
"""

POST = """\
---
title: Why we blur, not crop
description: Blurring keeps the scene readable; cropping loses it.
---

**TL;DR:** blurring keeps the scene; cropping loses the context around a face.

[![PyPI](https://img.shields.io/pypi/v/redact.svg)](https://pypi.org/project/redact/)

![Faces at a crossing](../images/crossing.png)

Cropping was our first idea. It lost the street around each face.
"""

POST_2 = """\
---
description: What the street photos taught us about consent.
---

# What we learnt

People want to be asked. The photos stay on the laptop.
"""

TUTORIAL = """\
# Tutorial

Load a photo and blur it in three lines of `redact`.

```python
from redact import blur
image = blur("street.jpg")
image.save("out.jpg")
```
"""

PAGES: dict[str, Any] = {
    "README.md": README,
    "training.md": TRAINING,
    "posts/why-blur.md": POST,
    "posts/consent.md": POST_2,
    "tutorial.md": TUTORIAL,
    "images/street.png": png(64, 36),
    "images/arch.png": png(60, 20),
    "images/loss.png": png(40, 30),
    "images/crossing.png": png(48, 27),
}


def build(root: Path, pages: dict[str, Any], config: dict[str, Any] | None = None,
          **options: Any) -> Built:
    return harness.build(root, pages, {"site_name": "Redact",
                                       "plugins": ["search", {"portfolio": QUIET}],
                                       **(config or {})}, **options)


@pytest.fixture(scope="module", params=list(STYLES))
def readme(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(tmp_path_factory.mktemp(request.param), PAGES, STYLES[request.param])


def overview(built: Built) -> Tag:
    found = built.article("overview.md").select_one(".pf-overview")
    assert found is not None
    return found


def cards(built: Built) -> dict[str, Tag]:
    found = {}
    for card in overview(built).select(".pf-ov-page"):
        title = card.select_one(".pf-ov-page__title")
        assert title is not None
        found[title.get_text()] = card
    return found


def html_of(tag: Tag | None) -> str:
    assert tag is not None
    return tag.decode_contents().strip()


# -- inline code in excerpts -------------------------------------------------------------


def test_inline_code_stays_in_summaries_gists_and_result_cards(readme: Built) -> None:
    found = cards(readme)
    assert html_of(found["Redact"].select_one(".pf-ov-page__summary")).startswith(
        "Redact blurs faces in street photos with a fine-tuned <code>resnet18</code> model.")
    assert html_of(found["Training"].select_one(".pf-ov-page__summary")).startswith(
        "We trained on 12k photos; <code>RandomResizedCrop</code> cut the redaction away")
    gist = overview(readme).select_one(".pf-ov-item--dead-end .pf-ov-item__gist")
    assert html_of(gist) == ("<code>RandomResizedCrop</code> cut the redaction away, and the "
                             "model learnt to blur nothing.")
    gists = [html_of(g) for g in overview(readme).select(".pf-ov-metric__gist")]
    assert "A fine-tuned <code>resnet18</code> model finds more faces than the Haar " \
        "cascade." in gists
    assert "Half the time of the baseline, with <code>torch.compile</code>." in gists
    # The typo check still reads the prose without its code.
    prose = " ".join(harness.page_facts(readme.plugin, "training.md").prose)
    assert "RandomResizedCrop" not in prose and "cut the redaction away" in prose


def test_code_in_excerpts_is_escaped_and_never_cut(tmp_path: Path) -> None:
    long_code = " ".join(f"w{n}" for n in range(60))
    built = build(tmp_path, {
        "index.md": "# Home\n\nCompare with `a < b && c > d`. Then <b>bold</b> "
                    "`x = 1. Y = 2` stays whole.\n",
        "long.md": f"# Long\n\nThe call `{long_code}` is long.\n",
    })
    found = cards(built)
    summary = html_of(found["Home"].select_one(".pf-ov-page__summary"))
    assert "<code>a &lt; b &amp;&amp; c &gt; d</code>" in summary
    assert "<code>x = 1. Y = 2</code> stays whole." in summary, "no cut inside code"
    cut = found["Long"].select_one(".pf-ov-page__summary")
    assert cut is not None and cut.get_text().endswith("…")
    assert html_of(cut).count("<code>") == html_of(cut).count("</code>") == 1


def test_summaries_cut_around_code_spans() -> None:
    from mkdocs_portfolio.markdown.util import CODE_CLOSE, CODE_OPEN
    from mkdocs_portfolio.overview.summary import excerpt_html, summarize

    text = f"One {CODE_OPEN}x. Y{CODE_CLOSE} two. " + "More text here. " * 20
    cut = summarize(text, words=3)
    assert cut == f"One {CODE_OPEN}x. Y{CODE_CLOSE} two.", "the sentence ends after the code"
    long = summarize(f"Call {CODE_OPEN}{' '.join(['arg'] * 80)}{CODE_CLOSE} now.", words=10)
    assert long.endswith(CODE_CLOSE + "…")
    assert str(excerpt_html(f"<i> {CODE_OPEN}<b>{CODE_CLOSE}")) == \
        "&lt;i&gt; <code>&lt;b&gt;</code>"


# -- counts that say something -------------------------------------------------------------


def test_cards_show_only_counts_that_are_not_zero(readme: Built) -> None:
    found = cards(readme)
    for title, card in found.items():
        meta = texts(card.select(".pf-ov-page__meta li"))
        assert not [m for m in meta if m.startswith("0 ")], (title, meta)
        assert any(m.endswith(" min") for m in meta), "the reading time is always there"
    assert "1 dead end" in texts(found["Training"].select(".pf-ov-page__meta li"))
    assert not overview(readme).select(".pf-ov-count--zero")


# -- percentages change by points ------------------------------------------------------------


def test_percentage_change_is_in_points_and_relative_on_request(readme: Built) -> None:
    deltas = texts(overview(readme).select(".pf-ov-metric__delta"))
    assert deltas == ["+5 pts", "+2.6"], "points for a percentage; a difference otherwise"
    page = texts(readme.article("training.md").select(".pf-metric__delta"))
    assert page == ["+5 pts", "+2.6"]


def test_relative_change_on_a_metric_line_and_a_bad_change_option(tmp_path: Path) -> None:
    built = build(tmp_path, {
        "index.md": "# Home\n\n!!! result \"Accuracy\"\n    Metric: Accuracy = 78% "
                    "(baseline 73%, relative)\n\n    Better.\n",
        "b.md": "# B\n\n/// result | Odd\n    metric: F1\n    value: 0.9\n"
                "    baseline: 0.8\n    change: sideways\n\nText.\n///\n",
        "c.md": "# C\n\n/// result | Faster\n    metric: Photos per second\n    value: 4.6\n"
                "    baseline: 2.0\n    change: relative\n\nText.\n///\n",
    }, allow_warnings=True)
    assert texts(built.article("index.md").select(".pf-metric__delta")) == ["+6.8%"]
    assert texts(built.article("c.md").select(".pf-metric__delta")) == ["+130%"]
    assert texts(overview(built).select(".pf-ov-metric__delta")) == ["+6.8%", "+0.1", "+130%"]
    assert texts(built.article("b.md").select(".pf-metric__delta")) == ["+0.1"]
    assert any("option 'change'" in w and "b.md" in w and "sideways" in w
               for w in built.warnings), built.warnings


# -- the author's own TL;DR, titles -----------------------------------------------------------


def test_a_page_with_its_own_tldr_gets_no_second_one(readme: Built) -> None:
    own = readme.article("posts/why-blur.md")
    assert not own.select(".pf-page-info__summary"), "the author's TL;DR is enough"
    assert own.select(".pf-page-info__time"), "the reading time stays"
    assert texts(own.select("p"))[1].startswith("TL;DR: blurring keeps")
    other = readme.article("posts/consent.md")
    assert texts(other.select(".pf-page-info__summary")) == [
        "TL;DR What the street photos taught us about consent."]


@pytest.mark.parametrize("own", [
    "!!! abstract\n    Blurring wins.\n",
    "??? tldr \"In short\"\n    Blurring wins.\n",
    "## TL;DR\n\nBlurring wins.\n",
    "TLDR - blurring wins.\n",
])
def test_every_form_of_an_own_tldr_is_seen(tmp_path: Path, own: str) -> None:
    built = build(tmp_path, {"index.md": "# Home\n", "post.md": (
        "---\ndescription: Ours.\n---\n\n# Post\n\n" + own + "\n## Later\n\nText.\n")})
    assert not built.article("post.md").select(".pf-page-info__summary")


def test_a_home_page_without_heading_is_not_titled_home(readme: Built) -> None:
    titles = list(cards(readme))
    assert titles[0] == "Redact", "the site's name, for a README that starts with badges"
    assert sorted(titles[1:]) == ["Training", "Tutorial", "What we learnt",
                                  "Why we blur, not crop"]
    assert "Home" not in texts(overview(readme).select(".pf-ov-page__title"))


def test_a_home_title_the_author_gave_is_kept(tmp_path: Path) -> None:
    pages = {"index.md": "Just text.\n", "a.md": "# A\n"}
    given = build(tmp_path / "nav", pages, {"nav": [{"Home": "index.md"}, "a.md"]})
    assert list(cards(given)) == ["Home", "A"]
    front = build(tmp_path / "front", {**pages, "index.md": "---\ntitle: Home\n---\n\nText.\n"})
    assert next(iter(cards(front))) == "Home"


# -- thumbnails and the hero -----------------------------------------------------------------


def test_cards_show_the_first_standalone_image_as_a_thumbnail(readme: Built) -> None:
    found = cards(readme)
    post = found["Why we blur, not crop"].select_one("img.pf-ov-page__image")
    assert post is not None, "the badges are skipped, the first figure is the thumbnail"
    assert post["alt"] == "Faces at a crossing" and post["loading"] == "lazy"
    path, _ = resolve(readme, "overview.md", str(post["src"]))
    assert path.is_file() and path.name == "crossing.png"
    assert not found["Redact"].select("img"), "the home page's image is the hero's, once"
    linked = found["Training"].select_one("img.pf-ov-page__image")
    assert linked is not None and linked["alt"] == "Loss curve"
    path, _ = resolve(readme, "overview.md", str(linked["src"]))
    assert path.is_file() and path.name == "loss.png"
    assert not found["Tutorial"].select("img"), "a page without a figure has no thumbnail"


def test_hero_falls_back_to_the_home_page(readme: Built) -> None:
    hero = overview(readme).select_one(".pf-hero")
    assert hero is not None
    assert html_of(hero.select_one(".pf-hero__tagline")) == (
        "Redact blurs faces in street photos with a fine-tuned <code>resnet18</code> model.")
    image = hero.select_one(".pf-hero__media img")
    assert image is not None and image["alt"] == "Faces blurred on a busy street"
    path, _ = resolve(readme, "overview.md", str(image["src"]))
    assert path.is_file() and path.name == "street.png"


def test_hero_settings_win_over_the_fallbacks(tmp_path: Path) -> None:
    built = build(tmp_path, PAGES, {
        "site_description": "Blur faces, keep streets.",
        "plugins": ["search", {"portfolio": dict(QUIET, overview={
            **OWN_PAGE, "hero_image": "images/arch.png"})}],
    })
    hero = overview(built).select_one(".pf-hero")
    assert hero is not None
    assert texts(hero.select(".pf-hero__tagline")) == ["Blur faces, keep streets."]
    image = hero.select_one(".pf-hero__media img")
    assert image is not None and str(image["src"]).endswith("images/arch.png")


def test_home_description_and_escaping_in_the_hero(tmp_path: Path) -> None:
    built = build(tmp_path, {
        "index.md": "---\ndescription: <img src=x onerror=alert(1)> & more\n---\n\n"
                    "![<b>alt</b>\"](shot.png)\n",
        "shot.png": png(8, 8),
    })
    hero = overview(built).select_one(".pf-hero")
    assert hero is not None
    assert texts(hero.select(".pf-hero__tagline")) == ["<img src=x onerror=alert(1)> & more"]
    assert not hero.select(".pf-hero__tagline img")
    image = hero.select_one(".pf-hero__media img")
    assert image is not None and image["alt"] == '<b>alt</b>"'


# -- demo screenshots keep their place ---------------------------------------------------------


def test_image_size_from_the_header() -> None:
    pil = pytest.importorskip("PIL.Image")
    assert image_size_of(png(321, 123)) == (321, 123)
    for kind, extra in (("JPEG", {"exif": b"Exif\x00\x00" + b"\x00" * 3000}), ("GIF", {}),
                        ("WEBP", {}), ("WEBP", {"lossless": True})):
        buffer = io.BytesIO()
        pil.new("RGB", (390, 219), (10, 20, 30)).save(buffer, kind, **extra)
        assert image_size_of(buffer.getvalue()) == (390, 219), kind
    assert image_size_of(b"not an image at all, not at all") is None
    assert image_size_of(b"\xff\xd8\xff") is None


def image_size_of(data: bytes) -> tuple[int, int] | None:
    import tempfile

    from mkdocs_portfolio.markdown.demo_size import image_size

    with tempfile.NamedTemporaryFile(delete=False) as f:
        f.write(data)
    try:
        return image_size(Path(f.name))
    finally:
        Path(f.name).unlink()


def test_demo_screenshot_gets_its_width_and_height(tmp_path: Path) -> None:
    built = build(tmp_path, {
        "index.md": "# Home\n",
        "demo.md": "# Demo\n\n!!! demo \"Try it\"\n    space: ex/redact\n    "
                   "screenshot: shots/app.png\n\n!!! demo \"Sized\"\n    url: https://ex.org/\n\n"
                   "    ![shot](shots/app.png){ width=\"200\" }\n",
        "shots/app.png": png(1200, 675),
    })
    posters = built.article("demo.md").select("img.pf-demo__poster")
    assert [(p.get("width"), p.get("height")) for p in posters] == [
        ("1200", "675"), ("200", None)], "the author's own width is kept"


# -- in a real browser -------------------------------------------------------------------------


@pytest.mark.browser
def test_demo_screenshot_space_is_reserved_before_it_loads(
    tmp_path: Path, browser: Any, serve: Any
) -> None:
    built = build(tmp_path, {
        "index.md": "# Home\n",
        "demo.md": "# Demo\n\n!!! demo \"Try it\"\n    space: ex/redact\n    "
                   "screenshot: shots/app.png\n\nAfter.\n",
        "shots/app.png": png(1200, 675),
    })
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.route("**/shots/app.png", lambda route: route.abort())  # it never loads
    page.goto(serve(built.site_dir) + "demo/")
    poster = page.locator(".pf-demo__poster")
    box = poster.bounding_box()
    assert box is not None
    assert box["height"] == pytest.approx(box["width"] * 675 / 1200, abs=2), box
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_thumbnails_fit_their_cards(tmp_path: Path, browser: Any, serve: Any,
                                    width: int, scheme: str) -> None:
    built = build(tmp_path, PAGES, {"theme": {"name": "material",
                                              "palette": {"scheme": scheme}}})
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(serve(built.site_dir) + "overview/")
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "no sideways scroll"
    shown = page.locator(".pf-ov-page__image")
    assert shown.count() == 2, "Training's and the post's; the home page's is the hero's"
    for n in range(shown.count()):
        image = shown.nth(n)
        image.scroll_into_view_if_needed()
        card = image.locator("xpath=..").bounding_box()
        box = image.bounding_box()
        assert card is not None and box is not None
        # Beside the title, inside the card's padding: at most 40% of its width.
        assert card["x"] < box["x"] and box["x"] + box["width"] < card["x"] + card["width"]
        assert card["y"] < box["y"] and box["y"] + box["height"] < card["y"] + card["height"]
        assert 0 < box["width"] <= card["width"] * 0.4 + 1 and box["height"] > 0
        for text in ("pf-ov-page__title", "pf-ov-page__summary"):  # their text wraps round it
            right = image.locator(f"xpath=../*[contains(@class, '{text}')]").evaluate(
                "el => { const r = document.createRange(); r.selectNodeContents(el);"
                " return Math.max(...[...r.getClientRects()].filter(c => c.top < "
                f"{box['y'] + box['height']}).map(c => c.right)); }}")
            assert right <= box["x"] + 1, (text, "runs under the thumbnail")
        page.wait_for_function("el => el.complete && el.naturalWidth > 0",
                               arg=image.element_handle())
    page.close()
