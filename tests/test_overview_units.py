"""Units of the overview: summaries, reading times, links rebased for another page."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.utils import get_relative_url

from mkdocs_portfolio.audit.reading import article_words
from mkdocs_portfolio.markdown.urls import relative_url
from mkdocs_portfolio.overview.rebase import rebase_html, rebase_url
from mkdocs_portfolio.overview.summary import reading_minutes, summarize, tidy


def words(n: int, end: str = ".") -> str:
    return " ".join(f"w{i}" for i in range(n - 1)) + f" last{end}"


def test_summary_cuts_at_the_sentence_boundary_nearest_40_words() -> None:
    text = " ".join([words(15).capitalize(), words(20).capitalize(), words(30).capitalize()])
    cut = summarize(text)
    assert len(cut.split()) == 35 and cut.endswith("last.")
    longer = " ".join([words(15).capitalize(), words(30).capitalize(), words(30).capitalize()])
    assert len(summarize(longer).split()) == 45


def test_summary_keeps_short_text_and_cuts_a_huge_sentence() -> None:
    assert summarize("One sentence only.") == "One sentence only."
    huge = summarize(words(200))
    assert huge.endswith("…") and len(huge.split()) == 40
    assert summarize("") == ""


def test_summary_leaves_out_a_sentence_that_introduces_what_follows() -> None:
    # README sections often open with a line that leads into a table or a code block.
    assert summarize("Evaluated on 240 held-out registrations. The scores per label, "
                     "annotated by two nurses:") == "Evaluated on 240 held-out registrations."
    assert summarize("Then run the whole workflow (convert, train, evaluate):") == \
        "Then run the whole workflow (convert, train, evaluate)."
    assert summarize("Ratio 3:2 held. It did.") == "Ratio 3:2 held. It did."


def test_tidy_closes_gaps_left_by_inline_elements() -> None:
    assert tidy("See the  data . And  [ this ] , too !") == "See the data. And [ this], too!"


@pytest.mark.parametrize(("words_", "minutes"), [(0, 1), (100, 1), (330, 2), (2200, 10)])
def test_reading_minutes(words_: int, minutes: int) -> None:
    assert reading_minutes(words_) == minutes
    assert reading_minutes(words_, 0) == minutes  # a bad speed falls back to 220


@pytest.mark.parametrize(("url", "page", "new", "expected"), [
    ("../../", "work/data/", "overview/", "../"),
    ("#x", "work/data/", "overview/", "../work/data/#x"),
    ("#x", "overview/", "overview/", "#x"),
    ("img.png", "./", "overview/", "../img.png"),
    ("work/data/#top", "./", "overview/", "../work/data/#top"),
    ("work/data.html#top", "index.html", "overview.html", "work/data.html#top"),
    ("../index.html", "work/data.html", "overview.html", "index.html"),
    ("img.png?x=1#f", "work/data/", "./", "work/data/img.png?x=1#f"),
    ("https://example.org/a", "./", "overview/", "https://example.org/a"),
    ("mailto:a@example.org", "a/", "b/", "mailto:a@example.org"),
    ("data:image/png;base64,AA", "a/", "b/", "data:image/png;base64,AA"),
    ("/abs/path", "a/", "b/", "/abs/path"),
])
def test_rebase_url(url: str, page: str, new: str, expected: str) -> None:
    assert rebase_url(url, page, new) == expected


def test_rebase_html_rewrites_every_url_attribute() -> None:
    html = ('<a href="data/#top">x</a><img src="a&amp;b.png" srcset="a.png 1x, b.png 2x" />'
            '<video poster="p.jpg"></video><template><iframe src="https://x.org"></iframe>'
            '</template><span title="data/">t</span>')
    out = rebase_html(html, "./", "overview/")
    assert '<a href="../data/#top">' in out
    assert 'src="../a&amp;b.png"' in out
    assert 'srcset="../a.png 1x, ../b.png 2x"' in out
    assert 'poster="../p.jpg"' in out
    assert 'src="https://x.org"' in out
    assert 'title="data/"' in out, "only URL attributes change"
    assert rebase_html(html, "overview/", "overview/") == html


def test_relative_url_of_the_home_page() -> None:
    assert relative_url("./", "overview/") == "../"
    assert relative_url("", "overview/") == "../"
    assert relative_url("index.html", "work/data.html") == "../index.html"


URLS = ["", ".", "./", "/", "a", "a/", "a/b", "a/b/", "a/b.html", "a/b/c.html", "a/./b/",
        "../x", "../x/", "../../x.html", "a/../b/", "a/b/../../c", "/a/b/", "//a/", "x.html",
        "index.html", "a/index.html", "a.b/c", "a.b/", "a/b.c/d.html", "sub/path/page/",
        "sub/path/page.html", "sub/other/", "a//b/", "a/b/c/d/e/", "?q", "#frag"]


def mkdocs_relative(target: str, from_url: str) -> str:
    """What :func:`relative_url` must give: MkDocs' own function (the empty target and
    ``.`` mean the home page)."""
    return get_relative_url("./" if target in ("", ".") else target, from_url)


def test_relative_url_gives_what_mkdocs_gives() -> None:
    """Every pair of a list of URLs (folders, files, ``..``, sub-paths): the same result
    as ``mkdocs.utils.get_relative_url``, which the overview no longer imports."""
    pairs = list(itertools.product(URLS, repeat=2))
    assert len(pairs) > 900
    for target, from_url in pairs:
        assert relative_url(target, from_url) == mkdocs_relative(target, from_url), (
            target, from_url)
    assert relative_url("a/b.html", "a/") == "b.html"
    assert relative_url("../x", "a/b.html") == "../x"
    assert relative_url("sub/path/page/", "sub/other/") == "../path/page/"


_PART = st.sampled_from(["a", "b", "c.html", "index.html", "..", ".", "", "x.y", "sub"])
_URL = st.lists(_PART, max_size=6).map("/".join)


@settings(max_examples=400, deadline=None)
@given(_URL, _URL)
def test_relative_url_gives_what_mkdocs_gives_on_any_paths(target: str, from_url: str) -> None:
    assert relative_url(target, from_url) == mkdocs_relative(target, from_url)


def test_the_overview_links_need_no_mkdocs() -> None:
    """The module reads no MkDocs (the site-wide core runs without it)."""
    import ast
    import inspect

    from mkdocs_portfolio.overview import rebase

    tree = ast.parse(inspect.getsource(rebase))
    modules = [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    modules += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    assert modules and not [m for m in modules if m.split(".")[0] == "mkdocs"]


@pytest.mark.parametrize(("html", "words"), [
    ("<p>one two</p>", 2),  # no article: the whole page
    ("<nav>a b c</nav><article><p>one <b>two</b>three</p></article><footer>z</footer>", 3),
    ("<article><p>a</p><pre><code>x = 1\ny</code></pre><p>b</p></article>", 2),
    ("<article><svg><svg><text>in</text></svg><text>deep</text></svg> after</article>", 1),
    ("<article><p title='a > b'>word</p><!-- hidden words --> more</article>", 2),
    ("<article><p>a&nbsp;b &amp; c</p></article>", 4),
    ("<article><template><div>x</div><pre>y</pre></template>seen</article>", 1),
    ("<article><script>if (a<b) { x = '</p>' }</script>ok</article>", 1),
    ("<article>unclosed <code>never closed", 1),
    ("<!DOCTYPE html><article><STYLE>p {}</STYLE><p>Two words</p></article>", 2),
])
def test_article_words(html: str, words: int) -> None:
    """The overview's length as the audit measures it: words of the article's prose."""
    assert article_words(html) == words
