"""Bad input: every case gets a clear message naming the option, page or file, or builds.

Each case of ``docs/robustness.md`` is a test here. Real MkDocs + Material builds in
temporary folders; a case "builds" only if the build finishes with no traceback and
its output is right; a case "is named" only if the message names what to fix.
"""

from __future__ import annotations

import logging
import re
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from mkdocs.config import base

from mkdocs_portfolio.config import PortfolioConfig
from mkdocs_portfolio.frontmatter import page_options
from mkdocs_portfolio.markdown import BLOCK_TYPES

from .harness import Built, attempt, page_file

# -- helpers shared with the other robustness tests ------------------------------------


def ours(messages: list[str]) -> list[str]:
    return [m for m in messages if "mkdocs_portfolio" in m or "portfolio" in m]


# -- every config option, a wrong type --------------------------------------------------


def _leaves() -> Iterator[tuple[str, Any]]:
    """``(dotted name, default)`` of every option of PortfolioConfig."""
    top = PortfolioConfig()
    top.load_dict({})
    top.validate()
    for name, _ in top._schema:
        value = top[name]
        if isinstance(value, base.Config):
            for sub, _ in value._schema:
                yield f"{name}.{sub}", value[sub]
        else:
            yield name, value


def _wrong(default: Any) -> Any:
    if isinstance(default, bool):
        return "maybe"
    if isinstance(default, (int, float)):
        return "lots"
    if isinstance(default, (list, dict)):
        return 12
    if isinstance(default, str) or default is None:
        return ["a", "list"]
    raise AssertionError(f"no wrong value for default {default!r}")


LEAVES = list(_leaves())


def _nested(dotted: str, value: Any) -> dict[str, Any]:
    parts = dotted.split(".")
    raw: dict[str, Any] = {parts[-1]: value}
    for part in reversed(parts[:-1]):
        raw = {part: raw}
    return raw


def test_every_option_is_covered() -> None:
    assert len(LEAVES) >= 20, LEAVES  # the walk above found the real schema
    assert "code.fold_lines" in dict(LEAVES)


@pytest.mark.parametrize(("option", "default"), LEAVES, ids=[n for n, _ in LEAVES])
def test_wrong_type_of_every_option_is_named(tmp_path: Path, option: str, default: Any) -> None:
    out = attempt(tmp_path, {"index.md": "# Home\n"},
                {"plugins": [{"portfolio": _nested(option, _wrong(default))}]})
    assert out.error is not None, f"portfolio option {option}={_wrong(default)!r} was accepted"
    message = out.stop_message
    parent, _, leaf = option.rpartition(".")
    assert "'portfolio'" in message, message
    assert f"'{leaf}'" in message and (not parent or f"'{parent}'" in message), message
    assert "Traceback" not in message


@pytest.mark.parametrize("group", ["overview", "page_info", "code", "source", "visuals", "audit"])
def test_group_that_is_not_a_mapping_is_named(tmp_path: Path, group: str) -> None:
    out = attempt(tmp_path, {"index.md": "# Home\n"}, {"plugins": [{"portfolio": {group: "yes"}}]})
    assert out.error is not None
    assert f"option '{group}'" in out.stop_message and "key-value mapping" in out.stop_message


def test_unknown_option_is_named(tmp_path: Path) -> None:
    out = attempt(tmp_path, {"index.md": "# Home\n"},
                {"plugins": [{"portfolio": {"code": {"fold_lenes": 40}}}]})
    assert out.error is None
    assert any("fold_lenes" in w for w in out.warnings), out.warnings


# -- config options, wrong values of the right type -------------------------------------

BAD_VALUES: list[tuple[str, Any]] = [
    ("code.fold_lines", 0),
    ("code.fold_lines", -4),
    ("code.preview_lines", 0),
    ("page_info.words_per_minute", 0),
    ("page_info.words_per_minute", -200),
    ("audit.visual_words", -1),
    ("audit.overview_minutes", -1),
    ("audit.max_code_share", -0.5),
    ("audit.checks", {"typos": "loud"}),
    ("audit.checks", {"typos": 3}),
    ("audit.checks", {"nonsense": "off"}),
    ("audit.report", ""),
    ("audit.report", "../outside.json"),
    ("audit.report", "/tmp/absolute-report.json"),
    ("overview.path", ""),
    ("overview.path", "../up.md"),
    ("overview.path", "notes.txt"),
    ("overview.title", ""),
    ("overview.hero_image", "missing.png"),
    ("overview.hero_image", "../../etc/passwd"),
    ("source.root", "/no/such/folder"),
    ("source.root", "sr\0c"),
    ("source.root_in_repo", "../.."),
    ("audit.report", "r\0.json"),
    ("audit.report", "index.html"),
    ("audit.report", "reports/"),
    ("overview.path", "o\0.md"),
    ("overview.path", "../../../../x/ov.md"),
]


@pytest.mark.parametrize(("option", "value"), BAD_VALUES,
                         ids=[f"{o}={v!r}" for o, v in BAD_VALUES])
def test_bad_value_is_named_or_builds(tmp_path: Path, option: str, value: Any) -> None:
    root = tmp_path / "project"
    pages = {
        "index.md": "# Home\n\nA page with some words in it to count.\n",
        "more.md": "# More\n\n```python\n" + "x = 1\n" * 40 + "```\n",
    }
    out = attempt(root, pages, {"plugins": [{"portfolio": _nested(option, value)}]})
    leaf = option.rpartition(".")[2]
    if out.error is not None:
        message = out.stop_message
        assert leaf in message, f"{option}={value!r} stopped the build without naming it: {message}"
        return
    # It built: then it built correctly, and any message about it names the option.
    assert (out.site_dir / "index.html").is_file()
    assert (out.site_dir / page_file("more.md")).is_file()
    for message in ours(out.warnings):
        if str(value) and str(value) in message:
            assert leaf in message, message
    written = {p.name for p in tmp_path.rglob("*.json") if not p.is_relative_to(out.site_dir)}
    assert "outside.json" not in written, "audit.report wrote outside site_dir"
    assert not Path("/tmp/absolute-report.json").exists() or option != "audit.report"


# -- malformed blocks --------------------------------------------------------------------

MALFORMED = {
    "no-title.md": """
        # No titles

        !!! dead-end
            Plain admonition form.

        ??? next-step
            Collapsed.

        /// problem
        Block form.
        ///
        """,
    "empty-title.md": """
        # Empty titles

        !!! dead-end ""
            A body under an empty title.

        /// result |
        Block with a bar and nothing after it.
        ///
        """,
    "empty-body.md": """
        # Empty bodies

        !!! dead-end "Nothing here"

        /// next-step | Also nothing
        ///

        ??? problem "Empty collapsed"

        Some prose after them.
        """,
    "unknown-option.md": """
        # Unknown options

        /// result | Accuracy
            colour: red

        It went up.
        ///

        /// dead-end | Bad open
            open: sometimes

        Bad value of a known option.
        ///
        """,
    "unclosed.md": """
        # Unclosed

        /// dead-end | Never closed
        The block runs to the end of the page.
        """,
    "nested.md": """
        # Nested blocks

        !!! problem "Outer"
            !!! dead-end "Inner"
                A dead end inside a problem.

            /// next-step | Inner block form
            Inside too.
            ///
        """,
}


@pytest.fixture(scope="module")
def malformed(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return attempt(tmp_path_factory.mktemp("malformed"), MALFORMED)


def test_malformed_blocks_build(malformed: Built) -> None:
    assert malformed.error is None, malformed.stop_message
    for src in MALFORMED:
        assert malformed.article(src) is not None, src


def test_block_without_title_gets_its_label(malformed: Built) -> None:
    article = malformed.article("no-title.md")
    titles = {el.get("id"): el.select_one(".admonition-title, summary").get_text(strip=True)
              for el in article.select(".admonition, details")}
    assert titles == {"dead-end": "Dead end", "next-step": "Next step", "problem": "Problem"}


def test_block_with_empty_title_keeps_its_body_and_an_id(malformed: Built) -> None:
    article = malformed.article("empty-title.md")
    blocks = article.select(".admonition, details")
    assert len(blocks) == 2
    assert all(b.get("id") for b in blocks)
    assert "A body under an empty title." in blocks[0].get_text()
    assert "Block with a bar" in blocks[1].get_text()


def test_block_with_empty_body_builds(malformed: Built) -> None:
    article = malformed.article("empty-body.md")
    ids = [b.get("id") for b in article.select(".admonition, details")]
    assert ids == ["dead-end-nothing-here", "next-step-also-nothing", "problem-empty-collapsed"]
    assert "Some prose after them." in article.get_text()


def test_unknown_block_option_is_named(malformed: Built) -> None:
    warnings = malformed.warnings
    assert any("'colour'" in w and "/// result" in w and "unknown-option.md" in w
               for w in warnings), warnings
    assert any("'open'" in w and "sometimes" in w and "unknown-option.md" in w
               for w in warnings), warnings
    # the block itself is kept, without the bad option
    article = malformed.article("unknown-option.md")
    assert article.select_one("#result-accuracy") is not None
    assert "It went up." in article.get_text()
    assert article.select_one("#dead-end-bad-open") is not None


def test_unclosed_block_runs_to_the_end(malformed: Built) -> None:
    block = malformed.article("unclosed.md").select_one("#dead-end-never-closed")
    assert block is not None and "runs to the end" in block.get_text()


def test_nested_blocks_each_get_an_id(malformed: Built) -> None:
    article = malformed.article("nested.md")
    assert article.select_one("#problem-outer #dead-end-inner") is not None
    assert article.select_one("#problem-outer #next-step-inner-block-form") is not None


def test_only_expected_warnings_from_malformed_blocks(malformed: Built) -> None:
    # Every warning about a block names its page: an author can find what to fix.
    for warning in ours(malformed.warnings):
        if "audit [" in warning and "the site:" in warning:
            continue  # site-wide findings of the audit (no problem block anywhere...)
        assert re.search(r"'[\w/-]+\.md'", warning), warning


# -- demo options ------------------------------------------------------------------------

DEMO_PAGE = """
    # Demos

    /// demo | Unknown option
        space: user/app
        colour: red
        autoplay: true
    ///

    /// demo | Nothing to launch
    ///

    /// demo | Bad height
        url: https://example.org/app
        height: [1, 2]
    ///

    /// demo | Two sources
        space: user/app
        video: https://example.org/clip.mp4
    ///
    """


@pytest.fixture(scope="module")
def demos(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return attempt(tmp_path_factory.mktemp("demos"), {"index.md": "# Home\n", "demo.md": DEMO_PAGE})


def test_unknown_demo_options_are_named(demos: Built) -> None:
    assert demos.error is None, demos.stop_message
    for option in ("colour", "autoplay"):
        assert any(f"'{option}'" in w and "demo" in w and "demo.md" in w
                   for w in demos.warnings), (option, demos.warnings)


def test_demo_without_source_is_named(demos: Built) -> None:
    assert any("Nothing to launch" in w and "demo.md" in w for w in demos.warnings), demos.warnings


def test_demo_with_bad_value_is_named(demos: Built) -> None:
    assert any("'height'" in w and "demo.md" in w for w in demos.warnings), demos.warnings


def test_every_demo_block_is_kept(demos: Built) -> None:
    article = demos.article("demo.md")
    ids = [b.get("id") for b in article.select(".demo, [id^=demo-]") if b.get("id")]
    for wanted in ("demo-unknown-option", "demo-nothing-to-launch", "demo-bad-height",
                   "demo-two-sources"):
        assert wanted in ids, ids


# -- front matter of odd types -------------------------------------------------------------

ODD_FRONT_MATTER = {
    "title-number.md": "title: 5",
    "title-list.md": "title: [a, b]",
    "title-mapping.md": "title: {a: 1}",
    "title-null.md": "title:",
    "description-number.md": "description: 12.5",
    "description-list.md": "description: [one, two]",
    "description-mapping.md": "description: {x: y}",
    "portfolio-number.md": "portfolio: 5",
    "portfolio-list.md": "portfolio: [overview]",
    "portfolio-string.md": "portfolio: yes-please",
    "portfolio-exclude-string.md": "portfolio: {exclude: 'yes'}",
    "portfolio-audit-list.md": "portfolio: {audit: [typos]}",
    "portfolio-unknown-key.md": "portfolio: {colour: red}",
    "portfolio-audit-level.md": "portfolio: {audit: {typos: loud}}",
    "tags-string.md": "tags: just-a-string",
    "date-odd.md": "date: not-a-date",
}
NAMED_BY_US = {
    "portfolio-number.md": "portfolio",
    "portfolio-list.md": "portfolio",
    "portfolio-string.md": "portfolio",
    "portfolio-exclude-string.md": "portfolio.exclude",
    "portfolio-audit-list.md": "portfolio.audit",
    "portfolio-unknown-key.md": "colour",
    "portfolio-audit-level.md": "typos",
}


def _odd_page(src: str, meta: str) -> str:
    body = textwrap.dedent(f"""
        # Heading of {src[:-3]}

        Some prose on this page.

        !!! dead-end "Tried it on {src[:-3]}"
            It failed.
        """)
    return f"---\n{meta}\n---\n{body}"


@pytest.fixture(scope="module")
def odd(tmp_path_factory: pytest.TempPathFactory) -> Built:
    pages = {"index.md": "# Home\n\nThe start.\n"}
    pages.update({src: _odd_page(src, meta) for src, meta in ODD_FRONT_MATTER.items()})
    return attempt(tmp_path_factory.mktemp("odd"), pages)


def test_odd_front_matter_builds_every_page(odd: Built) -> None:
    assert odd.error is None, odd.stop_message
    for src in ODD_FRONT_MATTER:
        article = odd.article(src)
        assert article is not None, src
        assert article.select_one(".admonition.dead-end") is not None, src


@pytest.mark.parametrize("src", sorted(NAMED_BY_US))
def test_odd_portfolio_front_matter_is_named(odd: Built, src: str) -> None:
    key = NAMED_BY_US[src]
    assert any(f"'{src}'" in w and key in w for w in odd.warnings), (src, ours(odd.warnings))


@pytest.mark.parametrize("src", sorted(NAMED_BY_US))
def test_page_options_name_page_and_key(src: str, capture_logs: Any) -> None:
    import yaml

    meta = yaml.safe_load(ODD_FRONT_MATTER[src])
    options = page_options(meta, src)
    assert options.exclude in (True, False) and isinstance(options.audit, dict)
    warnings = [r.getMessage() for r in capture_logs.records if r.levelno >= logging.WARNING]
    assert any(f"'{src}'" in w and NAMED_BY_US[src] in w for w in warnings), warnings


def test_odd_titles_reach_the_page_as_text(odd: Built) -> None:
    assert "5" in odd.soup("title-number.md").title.get_text()


# -- an empty site -----------------------------------------------------------------------------


@pytest.mark.parametrize("pages", [{}, {"img/logo.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>"},
                                   {"index.md": ""}, {"index.md": "---\ntitle: Only meta\n---\n"}],
                         ids=["no-files", "no-pages", "empty-page", "front-matter-only"])
def test_empty_site_builds(tmp_path: Path, pages: dict[str, str]) -> None:
    root = tmp_path / "empty"
    (root / "docs").mkdir(parents=True)
    out = attempt(root, pages)
    assert out.error is None, out.stop_message
    assert (out.site_dir / "404.html").is_file()
    for message in ours(out.messages(logging.ERROR)):
        raise AssertionError(message)


# -- a 10,000-line code block ------------------------------------------------------------------

HUGE = 10_000


@pytest.fixture(scope="module")
def huge(tmp_path_factory: pytest.TempPathFactory) -> Built:
    code = "".join(f"value_{i} = {i}  # line {i + 1}\n" for i in range(HUGE))
    return attempt(tmp_path_factory.mktemp("huge"), {
        "index.md": f"# Huge\n\nOne very long block.\n\n```python\n{code}```\n\nAfter.\n",
    })


def test_huge_code_block_builds_whole(huge: Built) -> None:
    assert huge.error is None, huge.stop_message
    article = huge.article("index.md")
    code = article.select_one("pre code") or article.select_one("code")
    text = code.get_text()
    assert "value_0 = 0  # line 1" in text
    assert f"value_{HUGE - 1} = {HUGE - 1}  # line {HUGE}" in text
    assert text.count("\n") >= HUGE - 1
    assert "After." in article.get_text()


def test_huge_code_block_is_folded(huge: Built) -> None:
    text = " ".join(huge.article("index.md").get_text().split())
    assert re.search(r"Show all 10[,.\u202f\u00a0 ]?000 lines", text), \
        "a 10,000-line block is folded behind a 'Show all 10000 lines' control"


# -- duplicate and unicode titles ---------------------------------------------------------------

TITLES_PAGE = """
    # Titles

    !!! dead-end "Same"
        First.

    !!! dead-end "Same"
        Second.

    /// dead-end | Same
    Third.
    ///

    ## Same

    !!! dead-end "Überanpassung an Trainingsdaten"
        German.

    !!! next-step "模型蒸馏"
        Chinese.

    !!! result "🚀 Fast"
        Emoji.

    !!! problem "تصنيف النصوص"
        Arabic.

    !!! dead-end "!!!"
        Only punctuation.
    """


@pytest.fixture(scope="module")
def titles(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return attempt(tmp_path_factory.mktemp("titles"), {
        "index.md": "# Home\n", "titles.md": TITLES_PAGE,
        "again.md": "# Again\n\n!!! dead-end \"Same\"\n    On another page.\n",
    })


def test_ids_are_unique_on_a_page(titles: Built) -> None:
    assert titles.error is None, titles.stop_message
    soup = titles.soup("titles.md")
    ids = [el["id"] for el in soup.select("[id]")]
    assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1]
    blocks = [el["id"] for el in soup.select("article .admonition")]
    assert blocks[:3] == ["dead-end-same", "dead-end-same-2", "dead-end-same-3"]


def test_unicode_titles_keep_their_letters(titles: Built) -> None:
    blocks = {el.select_one(".admonition-title").get_text(strip=True): el["id"]
              for el in titles.soup("titles.md").select("article .admonition")}
    assert blocks["Überanpassung an Trainingsdaten"] == "dead-end-überanpassung-an-trainingsdaten"
    assert blocks["模型蒸馏"] == "next-step-模型蒸馏"
    assert blocks["🚀 Fast"] == "result-fast"
    assert blocks["تصنيف النصوص"] == "problem-تصنيف-النصوص"
    assert blocks["!!!"] == "dead-end"


def test_same_title_on_two_pages_keeps_both(titles: Built) -> None:
    assert titles.soup("again.md").select_one("#dead-end-same") is not None
    assert titles.soup("titles.md").select_one("#dead-end-same") is not None


# -- code nested in admonitions, tabs and lists ---------------------------------------------------

LONG = "".join(f"print({i})\n" for i in range(40))


def _indent(text: str, by: int) -> str:
    return textwrap.indent(text, " " * by)


NESTED_PAGE = (
    "# Nested code\n\n"
    '!!! dead-end "Code in a block"\n'
    f"    ```python\n{_indent(LONG, 4)}    ```\n\n"
    '=== "Tab one"\n\n'
    f"    ```python\n{_indent(LONG, 4)}    ```\n\n"
    '=== "Tab two"\n\n'
    "    ```python\n    short = 1\n    ```\n\n"
    "1. A list item\n\n"
    f"    ```python\n{_indent(LONG, 4)}    ```\n\n"
    "2. Another\n\n"
    '    ??? next-step "Deeper"\n\n'
    f"        ```python\n{_indent(LONG, 8)}        ```\n"
)


@pytest.fixture(scope="module")
def nested(tmp_path_factory: pytest.TempPathFactory) -> Built:
    config = {"markdown_extensions": [{"pymdownx.tabbed": {"alternate_style": True}}],
              "theme": {"name": "material", "features": ["content.code.copy"]}}
    return attempt(tmp_path_factory.mktemp("nested"), {"index.md": NESTED_PAGE}, config)


def test_nested_code_builds_whole(nested: Built) -> None:
    assert nested.error is None, nested.stop_message
    article = nested.article("index.md")
    codes = article.select("div.highlight pre > code, pre > code")
    long_blocks = [c for c in codes if "print(39)" in c.get_text()]
    assert len(long_blocks) == 4, [c.get_text()[:40] for c in codes]
    for code in long_blocks:
        text = code.get_text()
        assert all(f"print({i})" in text for i in range(40))
        assert "    print" not in text  # the indentation of the nesting is not in the code
    assert article.select_one("#dead-end-code-in-a-block pre") is not None
    assert article.select_one(".tabbed-set pre") is not None
    assert article.select_one("ol li pre") is not None
    assert article.select_one("#next-step-deeper pre") is not None


def test_nested_long_code_is_folded(nested: Built) -> None:
    text = " ".join(nested.article("index.md").get_text().split())
    assert text.count("Show all 40 lines") == 4, "each nested 40-line block has its fold control"


# -- no traceback anywhere above ------------------------------------------------------------------


@pytest.mark.parametrize("block_type", BLOCK_TYPES)
def test_every_block_type_with_every_bad_option_value(tmp_path: Path, block_type: str) -> None:
    page = (f"# Bad\n\n/// {block_type} | Title\n    open: [1, 2]\n"
            "    nonsense: {a: 1}\n\nBody.\n///\n")
    out = attempt(tmp_path, {"index.md": page})
    assert out.error is None, out.stop_message
    assert out.article("index.md").select_one(f"#{block_type}-title") is not None
    assert any("'nonsense'" in w and "index.md" in w for w in out.warnings), out.warnings
    assert any("'open'" in w and "index.md" in w for w in out.warnings), out.warnings


# -- source snippets ------------------------------------------------------------

TRAIN_PY = '''"""Training."""


class Trainer:
    def fit(self) -> int:
        return 1


def main() -> None:
    Trainer().fit()
'''

BAD_SNIPPETS = {
    "missing-file": ("/// source | src/nope.py\n///\n", ["src/nope.py"]),
    "range-past-end": ("/// source | src/train.py\n    lines: 5-400\n///\n",
                       ["src/train.py", "400"]),
    "unknown-symbol": ("/// source | src/train.py::Trainer.fitt\n///\n",
                       ["src/train.py", "Trainer.fitt"]),
    "outside-root": ("/// source | ../../../etc/passwd\n///\n", ["etc/passwd"]),
    "bad-range": ("/// source | src/train.py\n    lines: ten-twenty\n///\n",
                  ["src/train.py", "ten-twenty"]),
    "unknown-option": ("/// source | src/train.py\n    colour: red\n///\n", ["colour"]),
}


@pytest.mark.parametrize("case", sorted(BAD_SNIPPETS))
def test_bad_source_snippet_is_named(tmp_path: Path, case: str) -> None:
    block, names = BAD_SNIPPETS[case]
    root = tmp_path / "project"
    (root / "src").mkdir(parents=True)
    (root / "src" / "train.py").write_text(TRAIN_PY, encoding="utf-8")
    out = attempt(root, {"index.md": "# Home\n", "training.md": f"# Training\n\n{block}\n"},
                {"plugins": [{"portfolio": {"source": {"root": str(root)}}}]})
    messages = out.stop_message if out.error is not None else "\n".join(out.warnings)
    assert "training.md" in messages, messages
    for name in names:
        assert name in messages, (name, messages)
    assert "Traceback" not in messages


def test_odd_front_matter_pages_in_the_overview_once(odd: Built) -> None:
    overview = odd.soup("index.md")  # the home page is the overview: not one of its cards
    titles = [a.get_text(strip=True) for a in overview.select(".pf-ov-contents .pf-ov-page__title")]
    assert len(titles) == len(ODD_FRONT_MATTER), titles
    dead_ends = overview.select(".pf-ov-items--dead-end .pf-ov-item")
    excluded = 0  # no page above is excluded: a bad 'exclude' value is ignored
    assert len(dead_ends) == len(ODD_FRONT_MATTER) - excluded


def test_non_text_titles_show_the_heading_in_the_overview(odd: Built) -> None:
    overview = odd.soup("index.md")
    titles = [a.get_text(strip=True) for a in overview.select(".pf-ov-contents .pf-ov-page__title")]
    assert "Heading of title-list" in titles and "Heading of title-mapping" in titles, titles
    assert "5" in titles, "a number is text, as MkDocs shows it"
    for src in ("title-list.md", "title-mapping.md"):
        assert any(f"'{src}'" in w and "'title' must be text" in w for w in odd.warnings), \
            (src, ours(odd.warnings))
