"""The demo block: provider rules, safety, and the HTML of real builds.

The builds are shared per module (they are the slow part); each test reads them.
"""

from __future__ import annotations

import logging
import posixpath
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import markdown
import pytest
from bs4 import BeautifulSoup

from mkdocs_portfolio.markdown import embeds
from mkdocs_portfolio.markdown.embeds import DemoOptionError, css_height, resolve

from .demo_sites import QUIET, build_shared
from .harness import Built, page_facts

# -- provider rules ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "src", "link"),
    [
        ({"space": "alice/tiny_clf"}, "https://alice-tiny-clf.hf.space",
         "https://huggingface.co/spaces/alice/tiny_clf"),
        ({"space": "https://huggingface.co/spaces/Org/My.App"}, "https://org-my-app.hf.space",
         "https://huggingface.co/spaces/Org/My.App"),
        ({"url": "https://huggingface.co/spaces/bob/x"}, "https://bob-x.hf.space",
         "https://huggingface.co/spaces/bob/x"),
        ({"url": "https://demo.streamlit.app/"}, "https://demo.streamlit.app/?embed=true",
         "https://demo.streamlit.app/"),
        ({"url": "https://demo.streamlit.app/?page=2"},
         "https://demo.streamlit.app/?page=2&embed=true", "https://demo.streamlit.app/?page=2"),
        ({"url": "https://1234abcd.gradio.live"}, "https://1234abcd.gradio.live",
         "https://1234abcd.gradio.live"),
        ({"video": "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1m5s"},
         "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&rel=0&start=65",
         "https://www.youtube.com/watch?v=dQw4w9WgXcQ"),
        ({"video": "https://youtu.be/dQw4w9WgXcQ"},
         "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&rel=0",
         "https://www.youtube.com/watch?v=dQw4w9WgXcQ"),
        ({"url": "https://www.youtube.com/shorts/dQw4w9WgXcQ"},
         "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&rel=0",
         "https://www.youtube.com/watch?v=dQw4w9WgXcQ"),
        ({"video": "https://vimeo.com/76979871"},
         "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1", "https://vimeo.com/76979871"),
        ({"video": "https://example.org/clip.webm"}, "https://example.org/clip.webm",
         "https://example.org/clip.webm"),
    ],
)
def test_providers(options: dict[str, str], src: str, link: str) -> None:
    embed = resolve(options)
    assert embed is not None
    assert (embed.src, embed.link) == (src, link)


def test_kinds_and_permissions() -> None:
    app = resolve({"space": "a/b"})
    clip = resolve({"video": "https://youtu.be/dQw4w9WgXcQ"})
    local = resolve({"video": "media/run.gif"})
    assert app is not None and clip is not None and local is not None
    assert (app.kind, app.shape, clip.kind, clip.shape) == ("frame", "app", "frame", "video")
    assert "allow-scripts" in app.sandbox and "allow-top-navigation" not in app.sandbox
    assert "microphone" in app.allow and "microphone" not in clip.allow
    assert (local.kind, local.local) == ("image", True)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"url": "javascript:alert(1)"}, "only http(s) URLs are allowed, not 'javascript:'"),
        ({"url": "data:text/html,<script>x</script>"}, "not 'data:'"),
        ({"url": "ftp://example.org/app"}, "not 'ftp:'"),
        ({"url": "//example.org/app"}, "not an absolute http(s) URL"),
        ({"url": 'https://example.org/"onload="x'}, "characters a URL cannot have"),
        ({"video": "javascript:alert(1)"}, "not 'javascript:'"),
        ({"video": "https://example.org/page"}, "neither a YouTube or Vimeo URL"),
        ({"video": "notes.txt"}, "neither a YouTube or Vimeo URL"),
        ({"space": "just-a-name"}, "write it as 'user/name'"),
        ({"space": "a/b/c"}, "write it as 'user/name'"),
    ],
)
def test_refused(options: dict[str, str], message: str) -> None:
    with pytest.raises(DemoOptionError, match=message.replace("(", r"\(").replace(")", r"\)")):
        resolve(options)


def test_height() -> None:
    assert css_height("600") == "600px"
    assert css_height(" 80vh ") == "80vh"
    for bad in ("600px; background: red", "calc(1px)", "-5", "tall"):
        with pytest.raises(DemoOptionError, match="is not a length"):
            css_height(bad)


def test_no_option_is_none() -> None:
    assert resolve({}) is None
    assert embeds.resolve({"height": "300"}) is None


# -- plain Python-Markdown ----------------------------------------------------------

EXTENSIONS = ["admonition", "pymdownx.details", "attr_list", "md_in_html",
              "pymdownx.superfences", "mkdocs_portfolio.markdown"]


def convert(text: str) -> BeautifulSoup:
    return BeautifulSoup(markdown.markdown(text, extensions=EXTENSIONS), "html.parser")


@pytest.fixture
def records() -> Iterator[list[logging.LogRecord]]:
    got: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            got.append(record)

    handler = Keep(logging.DEBUG)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield got
    finally:
        logger.removeHandler(handler)


def test_block_form_makes_an_inert_iframe_template() -> None:
    soup = convert("""
/// demo | Try "it" <now> & see
    space: alice/tiny-clf
    height: 500
///
""")
    box = soup.select_one(".admonition.demo .pf-demo")
    assert box is not None
    assert box["style"] == "--pf-demo-height: 500px"
    assert soup.find("iframe") is None or soup.find("iframe").find_parent("template")
    template = box.find("template")
    frame = BeautifulSoup(template.decode_contents(), "html.parser").find("iframe")
    assert frame["src"] == "https://alice-tiny-clf.hf.space"
    assert frame["loading"] == "lazy"
    assert frame["title"].startswith('Try "it"')
    assert "allow-scripts" in frame["sandbox"] and "camera" in frame["allow"]
    stage = box.select_one("a.pf-demo__stage[data-pf-launch]")
    assert stage["href"] == "https://huggingface.co/spaces/alice/tiny-clf"
    assert stage["target"] == "_blank" and "noopener" in stage["rel"]
    assert box.select_one(".pf-demo__placeholder .pf-demo__host").text == "huggingface.co"
    assert box.select_one(".pf-demo__play").text == "Launch demo"
    assert box.select_one("a.pf-demo__open").text == "Open in a new tab"


def test_title_and_options_are_escaped() -> None:
    soup = convert('/// demo | x" onmouseover="alert(1)\nurl: https://a.b/?q=1&x=2\n///\n')
    assert not soup.select("[onmouseover]")
    template = soup.find("template")
    frame = BeautifulSoup(template.decode_contents(), "html.parser").find("iframe")
    assert frame["title"].startswith('x" onmouseover="alert(1)')
    assert frame["src"] == "https://a.b/?q=1&x=2"
    assert "&amp;x=2" in str(template)


def test_admonition_form_takes_the_url_from_its_body() -> None:
    soup = convert("""
!!! demo "Watch"
    https://youtu.be/dQw4w9WgXcQ

    The talk that explains the model.

??? demo "App"
    <https://demo.streamlit.app/>
""")
    watch, app = soup.select(".demo")
    assert watch.select_one("a.pf-demo__open")["href"] == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    assert "https://youtu.be" not in watch.text  # the options paragraph is gone
    assert "The talk that explains the model." in watch.text
    assert app.name == "details"
    assert "embed=true" in app.find("template").decode_contents()


def test_admonition_form_with_option_lines_and_body_image() -> None:
    soup = convert("""
!!! demo "Lines"
    space: alice/tiny-clf
    height: 30rem

!!! demo "Picture"
    https://demo.streamlit.app/

    ![The app](img/app.png)
""")
    lines, picture = soup.select(".demo")
    assert lines.select_one(".pf-demo")["style"] == "--pf-demo-height: 30rem"
    poster = picture.select_one("img.pf-demo__poster")
    assert poster["src"] == "img/app.png" and poster["alt"] == "The app"
    assert "off-glb" in poster["class"]  # not turned into a zoomable image
    assert picture.select_one(".pf-demo__placeholder") is None


def test_prose_only_body_is_not_options(records: list[logging.LogRecord]) -> None:
    soup = convert('!!! demo "Soon"\n    Note: the Space is being rebuilt.\n')
    assert "Note: the Space is being rebuilt." in soup.text
    assert soup.select_one(".pf-demo") is None
    assert any("demo block 'Soon' has no 'space', 'url' or 'video'" in r.getMessage()
               for r in records)


def test_unknown_line_option_is_named(records: list[logging.LogRecord]) -> None:
    convert('!!! demo "X"\n    space: a/b\n    colour: red\n')
    assert any("unknown option 'colour' in a 'demo' block" in r.getMessage()
               and "known options: height, poster, screenshot, space, url, video" in r.getMessage()
               for r in records)


def test_refused_url_is_not_rendered(records: list[logging.LogRecord]) -> None:
    soup = convert('/// demo | Bad\nurl: javascript:alert(1)\n///\n')
    assert "javascript" not in str(soup)
    assert any("demo block 'Bad'" in r.getMessage() and "javascript:" in r.getMessage()
               for r in records)


def test_two_sources_warn(records: list[logging.LogRecord]) -> None:
    soup = convert("/// demo | Both\n    space: a/b\n    video: https://youtu.be/dQw4w9WgXcQ\n///\n")
    assert soup.select_one("a.pf-demo__open")["href"] == "https://huggingface.co/spaces/a/b"
    assert any("demo block 'Both' has 'space' and 'video': only 'space' is used"
               in r.getMessage() for r in records)


def test_local_media_is_shown_at_once() -> None:
    soup = convert('/// demo | Run\nvideo: media/run.mp4\nposter: img/run.png\n///\n'
                   '/// demo | Gif\nvideo: media/run.gif\n///\n')
    video = soup.select_one("video.pf-demo__media")
    assert video["src"] == "media/run.mp4" and video["poster"] == "img/run.png"
    assert video["preload"] == "none" and "controls" in video.attrs
    gif = soup.select_one("img.pf-demo__media")
    assert gif["src"] == "media/run.gif" and gif["loading"] == "lazy"
    assert soup.find("template") is None


def test_remote_screenshot_is_refused(records: list[logging.LogRecord]) -> None:
    soup = convert("/// demo | X\nspace: a/b\nscreenshot: https://cdn.example.org/x.png\n///\n")
    assert "cdn.example.org" not in str(soup)
    assert any("'screenshot: https://cdn.example.org/x.png'" in r.getMessage()
               and "refused" in r.getMessage() for r in records)


# -- real builds ---------------------------------------------------------------------

PAGES: dict[str, Any] = {
    "index.md": """
        # Home

        /// demo | Try the classifier
            space: alice/tiny-clf
            screenshot: img/shot.png
        ///

        See [the details](writeup/details.md).
        """,
    "writeup/details.md": """
        # Details

        /// demo | From docs root
        url: https://demo.streamlit.app/
        screenshot: /img/shot.png
        ///

        !!! demo "Relative"
            https://youtu.be/dQw4w9WgXcQ

            ![Talk still](../img/shot.png)

        /// demo | Clip
        video: ../media/run.gif
        ///
        """,
}


@pytest.fixture(scope="module", params=[True, False], ids=["dir-urls", "file-urls"])
def built(request: Any, tmp_path_factory: Any) -> tuple[Built, Any]:
    config = {"use_directory_urls": request.param, "site_url": "https://example.org/sub/path/",
              "plugins": ["search", {"portfolio": QUIET}]}
    return build_shared(tmp_path_factory.mktemp("demo"), PAGES, config)


def _target(site: Built, page_src: str, url: str) -> Path:
    page = site.path(page_src)
    return site.site_dir / posixpath.normpath(posixpath.join(posixpath.dirname(page), url))


def test_screenshots_resolve_from_every_page(built: tuple[Built, Any]) -> None:
    site, _ = built
    # The home page is the overview: its own demo, then the first of the other pages'.
    for src, count in (("index.md", 2), ("writeup/details.md", 2)):
        posters = site.soup(site.path(src)).select("img.pf-demo__poster")
        assert len(posters) == count
        for img in posters:
            assert not img["src"].startswith("/")
            assert _target(site, src, img["src"]).is_file(), (src, img["src"])
    gif = site.soup(site.path("writeup/details.md")).select_one("img.pf-demo__media")
    assert _target(site, "writeup/details.md", gif["src"]).is_file()


def test_no_third_party_element_outside_templates(built: tuple[Built, Any]) -> None:
    site, _ = built
    for src in PAGES:
        soup = site.soup(site.path(src))
        for tag in soup.select(".pf-demo [src]"):
            assert tag.find_parent("template") or not tag["src"].startswith("http"), tag


def test_search_index_has_the_blocks_text_not_the_embeds_labels(built: tuple[Built, Any]) -> None:
    site, _ = built
    index = (site.site_dir / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "Try the classifier" in index
    assert "Launch demo" not in index and "Open in a new tab" not in index


def test_facts_keep_the_demo_and_its_html(built: tuple[Built, Any]) -> None:
    _, plugin = built
    demo = page_facts(plugin, "index.md").blocks_of("demo")[0]
    assert demo.options["link"] == "https://huggingface.co/spaces/alice/tiny-clf"
    assert demo.options["embed"] == "https://alice-tiny-clf.hf.space"
    assert demo.options["screenshot_src"] == "img/shot.png"
    assert 'class="pf-demo"' in demo.html and "<template>" in demo.html
    assert demo.gist == ""  # the embed's labels are not the block's prose


def _warnings(tmp_path: Path, pages: dict[str, Any]) -> tuple[Built, str]:
    site, _ = build_shared(tmp_path, pages, {}, warnings_ok=True)
    return site, "\n".join(site.warnings)


def test_missing_screenshot_is_named(tmp_path: Path) -> None:
    pages = {"index.md": "# Home\n\n/// demo | X\nspace: a/b\nscreenshot: img/nope.png\n///\n"}
    _, warnings = _warnings(tmp_path, pages)
    assert "'index.md'" in warnings and "img/nope.png" in warnings


def test_bad_scheme_is_named_with_its_page(tmp_path: Path) -> None:
    pages = {"notes/try.md": "# T\n\n!!! demo \"Evil\"\n    url: javascript:alert(1)\n"}
    site, warnings = _warnings(tmp_path, pages)
    assert "demo block 'Evil' on page 'notes/try.md'" in warnings
    assert "only http(s) URLs are allowed, not 'javascript:'" in warnings
    assert "javascript:alert" not in site.html(site.path("notes/try.md"))


def test_demo_without_target_warns_with_its_page(tmp_path: Path) -> None:
    pages = {"a.md": "# A\n\n/// demo | Empty\nheight: 300\n///\n"}
    _, warnings = _warnings(tmp_path, pages)
    assert "demo block 'Empty' on page 'a.md' has no 'space', 'url' or 'video'" in warnings


def test_unknown_block_option_is_named(tmp_path: Path) -> None:
    pages = {"a.md": "# A\n\n/// demo | X\n    space: a/b\n    width: 300\n///\n"}
    site, warnings = _warnings(tmp_path, pages)
    assert "unknown option 'width' in a '/// demo' block on page 'a.md'" in warnings
    assert site.soup(site.path("a.md")).select_one(".pf-demo") is not None
