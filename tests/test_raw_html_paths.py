"""Raw HTML media paths work as the author wrote them, relative to the Markdown file
(as GitHub reads a README), on the built page and in the overview.

MkDocs rewrites the paths of Markdown images for the page's URL (``evaluation.md`` is
built at ``evaluation/index.html``) and leaves raw HTML as written. Real builds with
``use_directory_urls`` true and false and a sub-path ``site_url``; every raw media URL of
a built page is resolved against the built page's path and must name a built file.
(With ``use_directory_urls: false`` a page's URL and its file sit in the same folder, so
the paths worked before as well: that build guards against a wrong rewrite.)
"""

from __future__ import annotations

import posixpath
import textwrap
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from mkdocs_portfolio.markdown.rawpaths import PATH_TAG_RE, RawPaths

from . import harness
from .harness import PNG, Built, page_facts

build = partial(harness.build, allow_warnings=True)

PROSE = ("The tagger reads each registration and marks the spans that name a condition, "
         "a drug, an age or a lab value, so that a recruiter can filter trials fast. ")
BADGE = "https://img.shields.io/badge/python-3.10%2B-blue.svg"

EVALUATION = f"""\
    # Evaluation

    {PROSE * 3}

    <p align="center"><img src="images/confusion.png" width="500"></p>

    {PROSE}

    <picture>
      <source media="(prefers-color-scheme: dark)"
              srcset="images/pr-dark.png 1x, images/pr-dark@2x.png 2x">
      <img src="images/pr.png" alt="Precision against recall for the four labels">
    </picture>

    <video src="media/demo.mp4" poster="images/poster.png" controls width="600"></video>

    <p align="center"><a href="images/confusion.png"><img src="images/confusion-small.png"
    alt="The confusion matrix, small"></a></p>

    <p><img src="{BADGE}" alt="Python 3.10+"> <img src="data:image/png;base64,iVBORw0KGgo="
    alt="A dot"></p>
    """
URL_RELATIVE = """
    <p align="center"><img src="../images/url-relative.png" alt="Written for the built URL"></p>
    """
"""Written for the built URL of ``evaluation/`` (directory URLs only): kept as written."""
DEEP = f"""\
    # Going deeper

    {PROSE * 2}

    <p align="center"><img src="../images/arch.png" width="600"></p>

    <p align="center"><img src="figures/attention.png" alt="Attention over one registration"></p>
    """
FILES: dict[str, Any] = {
    name: PNG for name in (
        "images/confusion.png", "images/pr.png", "images/pr-dark.png", "images/pr-dark@2x.png",
        "images/poster.png", "images/confusion-small.png", "images/url-relative.png",
        "images/arch.png", "guide/figures/attention.png", "media/demo.mp4")
}
CONFIGS = {
    "dirs": {"use_directory_urls": True},
    "files": {"use_directory_urls": False},
    "dirs+subpath": {"use_directory_urls": True, "site_url": "https://example.org/a/b/"},
}
MEDIA = (("img", "src"), ("img", "srcset"), ("source", "src"), ("source", "srcset"),
         ("video", "src"), ("video", "poster"), ("a", "href"))


def _site(tmp_path: Path, config: dict[str, Any]) -> Built:
    evaluation = EVALUATION + (URL_RELATIVE if config["use_directory_urls"] else "")
    return build(tmp_path, {"evaluation.md": evaluation, "guide/deep.md": DEEP, **FILES},
                 {**config, "nav": ["evaluation.md", "guide/deep.md"]})


@pytest.fixture(params=list(CONFIGS), scope="module")
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    return _site(tmp_path_factory.mktemp(request.param), CONFIGS[request.param])


def _urls(value: str, attr: str) -> list[str]:
    if attr != "srcset":
        return [value]
    return [c.split()[0] for c in value.split(",") if c.strip()]


def _resolves(built: Built, page_path: str, url: str) -> bool:
    path = posixpath.normpath(posixpath.join(posixpath.dirname(page_path),
                                             unquote(urlsplit(url).path)))
    return not path.startswith("..") and (built.site_dir / path).is_file()


def _media(html: str) -> list[tuple[str, str, str]]:
    """``(tag, attribute, url)`` of every local media URL (and link) of a page's article."""
    article = BeautifulSoup(html, "html.parser").select_one("article")
    assert article is not None
    found = []
    for tag, attr in MEDIA:
        for el in article.find_all(tag):
            value = el.get(attr)
            if not isinstance(value, str) or (tag == "a" and "headerlink" in el.get("class", [])):
                continue
            for url in _urls(value, attr):
                if not urlsplit(url).scheme and not url.startswith("#"):
                    found.append((tag, attr, url))
    return found


@pytest.mark.parametrize("page", ["evaluation.md", "guide/deep.md"])
def test_every_raw_media_url_resolves_on_the_built_page(site: Built, page: str) -> None:
    media = _media(site.html(page))
    wanted = 8 if page == "evaluation.md" else 2
    assert len(media) >= wanted, media
    broken = [m for m in media if not _resolves(site, site.path(page), m[2])]
    assert not broken, f"{site.path(page)}: {broken}"


def test_web_and_data_urls_are_kept_as_written(site: Built) -> None:
    html = site.html("evaluation.md")
    assert f'<img src="{BADGE}" alt="Python 3.10+">' in html
    assert '<img src="data:image/png;base64,iVBORw0KGgo="' in html
    # The rest of the raw HTML is as written: only the path changed.
    assert '<video src="' in html and '" controls width="600"></video>' in html


def test_a_path_written_for_the_built_url_is_kept(tmp_path: Path) -> None:
    built = _site(tmp_path, CONFIGS["dirs"])
    html = built.html("evaluation.md")
    assert '<img src="../images/url-relative.png" alt="Written for the built URL">' in html
    assert _resolves(built, built.path("evaluation.md"), "../images/url-relative.png")
    deep = built.html("guide/deep.md")
    assert '<img src="../../images/arch.png" width="600">' in deep  # file-relative, rewritten


def test_overview_thumbnails_of_raw_images_resolve(site: Built) -> None:
    overview = site.soup("index.md")
    thumbs = overview.select("img.pf-ov-page__image")
    assert len(thumbs) == 2, thumbs
    for thumb in thumbs:
        src = str(thumb.get("src"))
        assert _resolves(site, site.path("index.md"), src), src
    assert {posixpath.basename(str(t.get("src"))) for t in thumbs} == \
        {"confusion.png", "arch.png"}


def test_image_facts_and_alt_text_findings_keep_the_written_path(site: Built) -> None:
    facts = page_facts(site.plugin, "evaluation.md")
    first = facts.images[0]
    assert first.written == "images/confusion.png"
    assert _resolves(site, site.path("evaluation.md"), first.src), first.src
    findings = [f for f in site.of("alt-text") if f.page == "evaluation.md"]
    assert [f.message for f in findings] == \
        ["the image 'images/confusion.png' has no alt text"]
    assert findings[0].line == 5
    deep = [f.message for f in site.of("alt-text") if f.page == "guide/deep.md"]
    assert deep == ["the image '../images/arch.png' has no alt text"]


@pytest.mark.parametrize("config", list(CONFIGS))
def test_a_raw_image_of_no_file_is_a_broken_link_finding(tmp_path: Path, config: str) -> None:
    page = EVALUATION + """
    <p align="center"><img src="images/missing.png" alt="A figure that was never added"></p>
    """
    built = build(tmp_path, {"evaluation.md": page, **FILES}, CONFIGS[config])
    findings = [f for f in built.of("links") if f.page == "evaluation.md"]
    assert [f.message.split(":")[0] for f in findings] == \
        ["the image 'images/missing.png' is broken"], findings
    lines = textwrap.dedent(page).splitlines()
    assert findings[0].line == next(n for n, t in enumerate(lines, 1) if "missing.png" in t)
    assert findings[0].level == "warn"
    assert not any("missing.png" in w for w in built.warnings if "audit" not in w)


def _rewriter() -> RawPaths:
    files = {"images/pic.png": "images/pic.png"}
    return RawPaths("guide/deep.md", "guide/deep/", files.get)


def test_line_anchors_are_not_rewritten_and_other_links_are() -> None:
    paths = _rewriter()
    anchor = '<a id="__codelineno-0-1" name="__codelineno-0-1" href="#__codelineno-0-1"></a>'
    assert not PATH_TAG_RE.search(anchor)
    assert paths.rewrite(anchor) == anchor
    for written in ('<a href="../images/pic.png">', "<a href = '../images/pic.png'>",
                    '<a class="x" href="#top" href="../images/pic.png">',
                    '<A HREF=../images/pic.png>'):
        assert "../../images/pic.png" in paths.rewrite(written), written


def test_a_fences_highlighted_code_is_left_out_and_the_html_around_it_rewritten() -> None:
    paths = _rewriter()
    # Never in a highlighter's output, but it shows that the code is not scanned.
    code = '<pre><code><img src="../images/pic.png"></code></pre>'
    fence = f'<div class="highlight"><a href="../images/pic.png">file</a>{code}</div>'
    other = '<p><img src="../images/pic.png"></p>'
    copy = "".join(list(fence))  # equal, but not the object the formatter returned
    assert copy is not fence
    stash: list[Any] = [fence, other, copy]
    paths.rewrite_stash(stash, {id(fence): (fence, code)})
    assert stash[0] == ('<div class="highlight"><a href="../../images/pic.png">file</a>'
                        f"{code}</div>")
    assert stash[1] == '<p><img src="../../images/pic.png"></p>'
    assert stash[2].count("../../images/pic.png") == 2  # not that fence: scanned whole
