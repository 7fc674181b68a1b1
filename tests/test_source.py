"""Source snippets: lines of a real file, linked to the exact lines at the commit built.

Every test runs against a temporary git repository the module makes (a real
``git init`` and commit), through plain Python-Markdown (fast, for the many
cases) and through real MkDocs + Material builds (for links between pages).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import markdown
import pytest
from bs4 import BeautifulSoup, Tag

from mkdocs_portfolio.markdown import PortfolioExtension
from mkdocs_portfolio.markdown.repo import forge_of, permalink
from mkdocs_portfolio.markdown.util import PortfolioError

from .harness import Built, git, page_facts, page_front_matter, serving, wait_for, write_site
from .test_fold import build_shared

TRAIN = textwrap.dedent('''\
    """Training loop of the model."""

    import os

    LEARNING_RATE = 3e-4


    def helper(x):
        return x + 1


    class Trainer:
        """Fits a model."""

        def __init__(self, lr=LEARNING_RATE):
            self.lr = lr

        @staticmethod
        @registry.register(
            "fit")
        def fit(data):
            total = 0
            for x in data:
                total += helper(x)
            return total


    async def serve():
        return os.getpid()
    ''')


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


FIT = (line_of(TRAIN, "@staticmethod"), line_of(TRAIN, "return total"))
TRAINER = (line_of(TRAIN, "class Trainer"), line_of(TRAIN, "return total"))
TOTAL = len(TRAIN.splitlines())
LONG = "".join(f"step_{i} = {i}\n" for i in range(1, 61))



@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A git repository with ``src/train.py`` committed; returns its root and HEAD."""
    root = tmp_path_factory.mktemp("project")
    (root / "src").mkdir()
    (root / "src" / "train.py").write_text(TRAIN, encoding="utf-8")
    (root / "src" / "long.py").write_text(LONG, encoding="utf-8")
    (root / "src" / "broken.py").write_text("def broken(:\n    pass\n", encoding="utf-8")
    (root.parent / f"{root.name}-outside.py").write_text("secret = 1\n", encoding="utf-8")
    os.symlink(root.parent / f"{root.name}-outside.py", root / "src" / "link.py")
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "initial")
    return root, git(root, "rev-parse", "HEAD")


def convert(root: Path, text: str, **config: Any) -> BeautifulSoup:
    ext = PortfolioExtension(source_root=str(root), page="notes.md", **config)
    html = markdown.markdown(textwrap.dedent(text), extensions=[
        "admonition", "pymdownx.highlight", "pymdownx.superfences", "attr_list", ext])
    return BeautifulSoup(html, "html.parser")


def title_link(soup: BeautifulSoup | Tag) -> Tag:
    link = soup.select_one(".pf-source span.filename a")
    assert link is not None, soup
    return link


def numbers(block: Tag) -> list[int]:
    return [int(s.get_text()) for s in block.select(".linenodiv .normal, .linenodiv .special")]


# -- what a snippet shows ----------------------------------------------------------------


def test_symbol_with_its_decorators(repo: tuple[Path, str]) -> None:
    soup = convert(repo[0], "/// source | src/train.py::Trainer.fit\n///\n")
    block = soup.select_one(".pf-source .highlight")
    assert block is not None
    text = block.select_one(".code pre > code").get_text()
    assert text.startswith("@staticmethod\n@registry.register(\n")
    assert text.rstrip().endswith("return total")
    assert "class Trainer" not in text
    assert numbers(block) == list(range(FIT[0], FIT[1] + 1)), "the file's own line numbers"
    assert block.select_one("span.filename").get_text() == (
        f"src/train.py::Trainer.fit (lines {FIT[0]}\u2013{FIT[1]})")


@pytest.mark.parametrize(("symbol", "first", "last"), [
    ("Trainer", *TRAINER),
    ("helper", line_of(TRAIN, "def helper"), line_of(TRAIN, "return x + 1")),
    ("serve", line_of(TRAIN, "async def serve"), TOTAL),
    ("LEARNING_RATE", line_of(TRAIN, "LEARNING_RATE = "), line_of(TRAIN, "LEARNING_RATE = ")),
    ("Trainer.__init__", line_of(TRAIN, "def __init__"), line_of(TRAIN, "self.lr = lr")),
])
def test_symbols_of_every_kind(repo: tuple[Path, str], symbol: str, first: int,
                               last: int) -> None:
    soup = convert(repo[0], f"/// source | src/train.py::{symbol}\n///\n",
                   repo_url="https://github.com/o/r")
    href = title_link(soup)["href"]
    anchor = f"#L{first}" if first == last else f"#L{first}-L{last}"
    assert href.endswith(anchor), href


@pytest.mark.parametrize(("spec", "first", "last"), [
    ("3-5", 3, 5), ("3", 3, 3), (f"{TOTAL - 1}-", TOTAL - 1, TOTAL), ("1-2", 1, 1)])
def test_line_ranges(repo: tuple[Path, str], spec: str, first: int, last: int) -> None:
    soup = convert(repo[0], f"/// source | src/train.py\n    lines: {spec}\n///\n")
    block = soup.select_one(".pf-source .highlight")
    assert numbers(block) == list(range(first, last + 1)), "blank end lines are dropped"
    text = block.select_one(".code pre > code").get_text()
    assert text.splitlines()[0] == TRAIN.splitlines()[first - 1].strip()


def test_whole_file_and_options(repo: tuple[Path, str]) -> None:
    soup = convert(repo[0], f"""
        /// source | src/train.py::Trainer.fit
            title: The fit step
            hl_lines: {FIT[0] + 3}
            linenums: false
            dedent: false

        Text after the code.
        ///
        """)
    block = soup.select_one(".pf-source .highlight")
    assert block.select_one("span.filename").get_text() == "The fit step"
    assert block.select_one("table") is None, "no line numbers"
    code = block.select_one("pre > code").get_text()
    assert code.startswith("    @staticmethod"), "kept its indentation"
    assert "def fit" in block.select_one(".hll").get_text()
    after = block.find_next_sibling()
    assert after is not None and after.get_text() == "Text after the code."
    whole = convert(repo[0], "/// source | src/train.py\n///\n")
    assert whole.select_one("span.filename").get_text() == "src/train.py"
    assert len(numbers(whole.select_one(".highlight"))) == TOTAL


def test_titles_and_paths_are_escaped(repo: tuple[Path, str]) -> None:
    soup = convert(repo[0], """
        !!! note "Inside an admonition"

            /// source | src/train.py::helper
                title: "<img src=x onerror=alert(1)> & co"
            ///
        """, repo_url='https://github.com/o/r"><script>')
    assert soup.select_one("img") is None
    assert soup.select_one("script:not([data-pf-assets])") is None
    title = soup.select_one(".admonition .pf-source span.filename a")
    assert title.get_text() == "<img src=x onerror=alert(1)> & co"
    assert title["href"].startswith('https://github.com/o/r"><script>/blob/')


def test_annotations_of_a_snippet_follow_its_code(tmp_path: Path) -> None:
    (tmp_path / "model.py").write_text("x = 1  # (1)!\ny = 2\n", encoding="utf-8")
    soup = convert(tmp_path, "/// source | model.py\n\n1. Why x is one.\n///\n")
    block = soup.select_one(".pf-source > .highlight")
    follower = block.find_next_sibling()
    assert follower.name == "ol" and follower.get_text(strip=True) == "Why x is one."


def test_snippet_without_superfences(repo: tuple[Path, str]) -> None:
    ext = PortfolioExtension(source_root=str(repo[0]), repo_url="https://github.com/o/r",
                             standalone=False)  # else it registers superfences itself
    html = markdown.markdown("/// source | src/train.py::helper\n///\n", extensions=[ext])
    soup = BeautifulSoup(html, "html.parser")
    code = soup.select_one(".pf-source .highlight pre > code.language-python")
    assert code is not None and code.get_text().startswith("def helper(x):")
    first, last = line_of(TRAIN, "def helper"), line_of(TRAIN, "return x + 1")
    assert title_link(soup)["href"].endswith(f"/src/train.py#L{first}-L{last}")


def test_long_snippet_folds_and_offers_the_full_file(repo: tuple[Path, str]) -> None:
    url = "https://github.com/o/r"
    soup = convert(repo[0], "/// source | src/long.py\n    lines: 1-40\n///\n", repo_url=url)
    block = soup.select_one(".pf-source .highlight")
    assert "pf-fold" in block["class"]
    assert block.select_one(".pf-fold__more").get_text() == "Show all 40 lines"
    full = block.select_one("a.pf-fold__file")
    assert full["href"] == f"{url}/blob/{repo[1]}/src/long.py"
    short = convert(repo[0], "/// source | src/long.py\n    lines: 1-40\n    fold: false\n///\n")
    assert "pf-fold" not in short.select_one(".highlight")["class"]


def test_a_fence_can_name_its_file(repo: tuple[Path, str]) -> None:
    url = "https://github.com/o/r"
    for header in ('python source="src/train.py"', '{ .python source="src/train.py" }'):
        soup = convert(repo[0], f"```{header}\n{LONG}```\n", repo_url=url)
        block = soup.select_one(".highlight")
        assert "pf-fold" in block["class"], header
        assert block.get("source") is None, "the option is not an attribute"
        assert block.select_one("a.pf-fold__file")["href"] == f"{url}/blob/{repo[1]}/src/train.py"
    short = convert(repo[0], '```python source="src/train.py"\nx = 1\n```\n', repo_url=url)
    assert short.select_one("a.pf-fold__file") is not None, "a short block links too"
    assert short.select_one("details") is None


# -- permalinks on every forge -------------------------------------------------------------

FORGES = [
    ("https://github.com/o/r", "{u}/blob/{sha}/src/train.py#L{a}-L{b}"),
    ("https://gitlab.com/group/sub/r.git", "https://gitlab.com/group/sub/r/-/blob/{sha}/"
                                           "src/train.py#L{a}-{b}"),
    ("https://codeberg.org/o/r/", "https://codeberg.org/o/r/src/commit/{sha}/src/train.py"
                                  "#L{a}-L{b}"),
    ("https://gitea.example.org/o/r", "{u}/src/commit/{sha}/src/train.py#L{a}-L{b}"),
    ("https://bitbucket.org/o/r", "{u}/src/{sha}/src/train.py#lines-{a}:{b}"),
]


@pytest.mark.parametrize(("url", "expected"), FORGES, ids=[u for u, _ in FORGES])
def test_permalink_of_each_forge(repo: tuple[Path, str], url: str, expected: str) -> None:
    soup = convert(repo[0], "/// source | src/train.py::Trainer.fit\n///\n", repo_url=url)
    assert title_link(soup)["href"] == expected.format(u=url, sha=repo[1], a=FIT[0], b=FIT[1])


def test_permalinks_follow_new_commits_and_checkouts(tmp_path: Path) -> None:
    """What git says is kept per process (serve asks on every rebuild), but a commit, a
    checkout or a new repository is seen at once."""
    root = tmp_path / "project"
    (root / "src").mkdir(parents=True)
    (root / "src" / "long.py").write_text(LONG, encoding="utf-8")

    def linked() -> str:
        soup = convert(root, "/// source | src/long.py\n    lines: 1-40\n///\n",
                       repo_url="https://github.com/o/r")
        link = soup.select_one(".pf-source span.filename a")
        return str(link["href"]) if link is not None else ""

    assert linked() == ""  # no repository yet: no permalink
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "first")
    first = git(root, "rev-parse", "HEAD")
    assert f"/blob/{first}/src/long.py#L1-L40" in linked()
    assert f"/blob/{first}/" in linked()  # asked again: kept
    (root / "src" / "long.py").write_text(LONG + "tail = 1\n", encoding="utf-8")
    git(root, "commit", "-q", "-am", "second")
    second = git(root, "rev-parse", "HEAD")
    assert f"/blob/{second}/" in linked()
    git(root, "checkout", "-q", first)  # a detached HEAD
    assert f"/blob/{first}/" in linked()


def test_single_line_permalinks() -> None:
    assert permalink("github", "u", "s", "a b.py", 3, 3) == "u/blob/s/a%20b.py#L3"
    assert permalink("gitlab", "u", "s", "p", 3) == "u/-/blob/s/p#L3"
    assert permalink("gitea", "u", "s", "p", 3) == "u/src/commit/s/p#L3"
    assert permalink("bitbucket", "u", "s", "p", 3) == "u/src/s/p#lines-3"
    assert forge_of("https://git.example.org/x") is None


def test_ref_and_forge_override(repo: tuple[Path, str]) -> None:
    soup = convert(repo[0], "/// source | src/train.py\n    lines: 3\n///\n",
                   repo_url="https://git.example.org/o/r", source_ref="v1.0",
                   source_forge="gitlab")
    assert title_link(soup)["href"] == "https://git.example.org/o/r/-/blob/v1.0/src/train.py#L3"


@pytest.mark.parametrize(("in_repo", "path"), [
    ("", "src/train.py"), (".", "train.py"), ("/", "train.py"), ("pkg/src/", "pkg/src/train.py")])
def test_root_in_repo(repo: tuple[Path, str], in_repo: str, path: str) -> None:
    """A source tree published as its own repository: its paths start at its top."""
    soup = convert(repo[0] / "src", "/// source | train.py\n    lines: 3\n///\n",
                   repo_url="https://github.com/o/r", source_root_in_repo=in_repo)
    assert title_link(soup)["href"] == f"https://github.com/o/r/blob/{repo[1]}/{path}#L3"


def test_unknown_forge_is_a_warning(repo: tuple[Path, str], capture_logs: Any) -> None:
    soup = convert(repo[0], "/// source | src/train.py\n    lines: 3\n///\n",
                   repo_url="https://git.example.org/o/r")
    assert title_link(soup)["href"].endswith("/blob/" + repo[1] + "/src/train.py#L3")
    assert any("source.forge" in r.getMessage() for r in capture_logs.records)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "github.com/o/r"])
def test_repo_url_must_be_a_web_address(repo: tuple[Path, str], url: str,
                                        capture_logs: Any) -> None:
    soup = convert(repo[0], "/// source | src/train.py::helper\n///\n", repo_url=url)
    assert soup.select_one(".pf-source span.filename a") is None
    assert any("source.repo_url" in r.getMessage() for r in capture_logs.records)


def test_no_repo_url_no_plugin_no_link(repo: tuple[Path, str]) -> None:
    soup = convert(repo[0], "/// source | src/train.py::helper\n///\n")
    assert soup.select_one(".pf-source span.filename a") is None
    assert soup.select_one(".pf-source span.filename").get_text().startswith("src/train.py")


# -- errors stop the build -----------------------------------------------------------------

ERRORS = [
    ("/// source | src/nope.py\n///\n", ["'src/nope.py' does not exist"]),
    ("/// source | src\n///\n", ["'src' is a folder"]),
    ("/// source | src/train.py\n    lines: 10-400\n///\n",
     ["'lines: 10-400' goes past the end of 'src/train.py'", f"{TOTAL} lines"]),
    ("/// source | src/train.py\n    lines: ten\n///\n", ["'lines: ten' is not a line range"]),
    ("/// source | src/train.py\n    lines: 9-3\n///\n", ["not a line range"]),
    ("/// source | src/train.py::Trainer.fitt\n///\n",
     ["no symbol 'Trainer.fitt' in 'src/train.py'", "Trainer.fit"]),
    ("/// source | src/broken.py::broken\n///\n", ["'src/broken.py' is not valid Python"]),
    ("/// source | src/train.py::helper\n    lines: 1-3\n///\n", ["a symbol or 'lines'"]),
    ("/// source | ../PROJECT-outside.py\n///\n", ["outside the source root"]),
    ("/// source | src/link.py\n///\n", ["outside the source root"]),
    ("/// source | /etc/passwd\n///\n", ["absolute path"]),
    ("/// source | src/train.py\n    line: 3\n///\n", ["unknown option 'line'"]),
    ("/// source | src/train.py\n    linenums: [1]\n///\n", ["option 'linenums'"]),
    ("/// source | src/train.py::helper\n    hl_lines: 1\n///\n", ["hl_lines '1' is outside"]),
    ("/// source\n///\n", ["name a file"]),
    ('```python source="src/nope.py"\nx = 1\n```\n', ["'src/nope.py' does not exist"]),
]


@pytest.mark.parametrize(("text", "expected"), ERRORS, ids=[t.split("\n")[0] + (
    t.split("\n")[1] if "    " in t else "") for t, _ in ERRORS])
def test_errors_name_page_file_and_what_is_missing(repo: tuple[Path, str], text: str,
                                                   expected: list[str]) -> None:
    text = text.replace("PROJECT", repo[0].name)
    with pytest.raises(PortfolioError) as caught:
        convert(repo[0], text)
    message = str(caught.value)
    assert "on page 'notes.md'" in message, message
    for part in expected:
        assert part in message, message


@pytest.mark.parametrize(("text", "expected"), [
    ("/// source | src/train.py::Trainer.fitt\n///\n",
     "no symbol 'Trainer.fitt' in 'src/train.py'"),
    ('```python source="src/nope.py"\nx = 1\n```\n', "file 'src/nope.py' does not exist"),
], ids=["snippet", "fence"])
def test_mkdocs_shows_the_message_not_a_traceback(repo: tuple[Path, str], text: str,
                                                  expected: str) -> None:
    config = write_site(repo[0] / f"broken-{len(text)}", {"index.md": f"# Home\n\n{text}"})
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)],
                          capture_output=True, text=True, env=env, cwd=repo[0])
    assert done.returncode != 0
    output = done.stdout + done.stderr
    assert "Traceback" not in output, output
    assert expected in output, output
    assert "on page 'index.md'" in output, output


# -- real builds: permalinks, a relative root, generated pages ---------------------------------

SNIPPETS = """
    # Training

    The loop that fits the model.

    /// source | src/train.py::Trainer.fit
    ///

    ```python source="src/long.py"
    {long}```
    """.replace("{long}", LONG.replace("\n", "\n    "))


def test_build_with_repo_url(repo: tuple[Path, str]) -> None:
    site, plugin = build_shared(repo[0] / "with-repo", {"index.md": SNIPPETS},
                                {"repo_url": "https://github.com/o/r"})
    soup = site.soup("index.html")
    base = f"https://github.com/o/r/blob/{repo[1]}"
    assert title_link(soup)["href"] == f"{base}/src/train.py#L{FIT[0]}-L{FIT[1]}"
    assert soup.select_one("a.pf-fold__file")["href"] == f"{base}/src/long.py"
    assert not (site.site_dir / "source").exists(), "no generated pages with a forge"
    facts = page_facts(plugin, "index.md").code_blocks
    assert [(b.folded, b.linked) for b in facts] == [(True, True), (False, True)]


def test_relative_root_is_relative_to_mkdocs_yml(repo: tuple[Path, str]) -> None:
    page = "# Root\n\nA page.\n\n/// source | train.py::helper\n///\n"
    site, _ = build_shared(repo[0] / "nested" / "site", {"index.md": page}, {
        "repo_url": "https://github.com/o/r",
        "plugins": [{"portfolio": {"audit": {"enabled": False},
                                   "source": {"root": "../../src", "ref": "main"}}}]})
    href = title_link(site.soup("index.html"))["href"]
    assert href.startswith("https://github.com/o/r/blob/main/src/train.py#L"), \
        "the path in the link is relative to the git top level, not to the root"


@pytest.fixture(scope="module", params=[True, False], ids=["dir-urls", "file-urls"])
def local(request: pytest.FixtureRequest, repo: tuple[Path, str]) -> tuple[Built, Any]:
    pages = {"index.md": "# Home\n\nHome page.\n", "guide/training.md": SNIPPETS}
    return build_shared(repo[0] / f"local-{request.param}", pages, {
        "plugins": ["search", {"portfolio": {"audit": {"enabled": False}}}],
        "use_directory_urls": request.param,
        "site_url": "https://example.org/sub/path/",
    })


def test_without_repo_url_snippets_link_to_generated_pages(local: tuple[Built, Any]) -> None:
    site = local[0]
    page = site.path("guide/training.md")
    soup = site.soup(page)
    link = title_link(soup)["href"]
    target = site.path("source/src/train.py.md")
    assert not link.startswith(("/", "http", "pf-source")), link
    resolved = (site.site_dir / page).parent / link.split("#")[0]
    if site.config.use_directory_urls:
        resolved = resolved / "index.html"
    assert resolved.resolve() == (site.site_dir / target).resolve(), link
    anchor = link.split("#")[1]
    assert anchor == f"__codelineno-0-{FIT[0]}"
    whole = site.soup(target)
    assert whole.select_one(f"article #{anchor}") is not None
    assert whole.select_one("article h1").get_text() == "src/train.py"
    code = whole.select_one("article .highlight")
    assert "pf-fold" not in code["class"], "the whole file is shown whole"
    assert len(code.select(".linenodiv a")) == TOTAL
    full = soup.select_one("a.pf-fold__file")["href"]
    assert (site.site_dir / page).parent.joinpath(full).resolve().as_posix().rstrip("/") \
        .startswith((site.site_dir / site.path("source/src/long.py.md")).parent.as_posix())


def test_generated_pages_stay_out_of_nav_search_and_overview(local: tuple[Built, Any]) -> None:
    site, plugin = local
    soup = site.soup(site.path("index.md"))
    nav = " ".join(a.get("href", "") for a in soup.select(".md-nav a"))
    assert "source" not in nav, nav
    index = json.loads((site.site_dir / "search" / "search_index.json").read_text())
    assert not any(d["location"].startswith("source/") for d in index["docs"])
    meta = page_front_matter(plugin, "source/src/train.py.md") or {}
    assert meta.get("portfolio") == {"exclude": True, "page_info": False}
    page = site.soup(site.path("source/src/train.py.md"))
    assert page.select_one("article .pf-page-info") is None


@pytest.mark.skipif(shutil.which("zensical") is None, reason="zensical is not installed")
def test_under_zensical(repo: tuple[Path, str]) -> None:
    """Zensical runs the Markdown extension (not the plugin): folding and snippets work."""
    root = repo[0] / "zensical-site"
    (root / "docs").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(textwrap.dedent(f"""
        site_name: Zensical check
        markdown_extensions:
          - attr_list
          - pymdownx.highlight
          - pymdownx.superfences
          - mkdocs_portfolio.markdown:
              source_root: {repo[0]}
              repo_url: https://codeberg.org/o/r
        """), encoding="utf-8")
    (root / "docs" / "index.md").write_text(
        "# Home\n\n/// source | src/train.py::Trainer.fit\n///\n\n```python\n" + LONG + "```\n",
        encoding="utf-8")
    exe = shutil.which("zensical")
    assert exe
    path = f"{Path(sys.executable).parent}:/usr/bin:/bin"
    run = subprocess.run([exe, "build"], cwd=root, capture_output=True, text=True,
                         timeout=300, env={"PATH": path})
    assert run.returncode == 0, run.stdout + run.stderr
    soup = BeautifulSoup((root / "site" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert title_link(soup)["href"] == (
        f"https://codeberg.org/o/r/src/commit/{repo[1]}/src/train.py#L{FIT[0]}-L{FIT[1]}")
    folded = soup.select_one(".highlight.pf-fold")
    assert folded is not None and "Show all 60 lines" in folded.get_text()


def test_serve_rebuilds_when_a_snippet_file_changes(tmp_path: Path) -> None:
    """A real ``mkdocs serve``: editing the code a snippet shows rebuilds the page."""
    root = tmp_path / "project"
    (root / "src").mkdir(parents=True)
    code = root / "src" / "train.py"
    code.write_text("def fit():\n    return 'first version'\n", encoding="utf-8")
    pages = {"index.md": "# Home\n\n/// source | src/train.py::fit\n///\n"}
    config = {"plugins": [{"portfolio": {"audit": {"enabled": False}, "source": {"root": "."}}}]}
    with serving(root, pages, config, dirty=False, real=True) as served:

        def wait_to_serve(text: str) -> None:
            wait_for(lambda: text in served.read("index.html").decode("utf-8"),
                     f"the page to show {text!r}", served.log)

        wait_to_serve("first version")
        code.write_text("def fit():\n    return 'second version'\n", encoding="utf-8")
        wait_to_serve("second version")


# -- issue 12, F3, F12, F10: files Python's parser cannot take, NUL in options ----------


@pytest.mark.parametrize(("text", "said"), [
    ("x = " + "+".join(["1"] * 200_000) + "\ndef f(): ...\n",
     "'deep.py' is too deeply nested for Python's parser; give 'lines:' instead"),
    ("x = " + "-" * 200_000 + "1\ndef f(): ...\n",
     "'deep.py' is too deeply nested for Python's parser; give 'lines:' instead"),
    ("x = 1\0\ndef f(): ...\n",
     "'deep.py' is not valid Python (it holds a NUL character); give 'lines:' instead"),
], ids=["deep-sum", "deep-minus", "nul"])
def test_symbol_of_a_file_the_parser_cannot_take_is_named(tmp_path: Path, text: str,
                                                          said: str) -> None:
    (tmp_path / "deep.py").write_text(text, encoding="utf-8")
    with pytest.raises(PortfolioError) as caught:
        convert(tmp_path, "/// source | deep.py::f\n///\n")
    message = str(caught.value)
    assert message.startswith("source snippet 'deep.py::f' on page 'notes.md': cannot look "
                              "up 'f': "), message
    assert said in message and "line None" not in message, message
    ok = convert(tmp_path, "/// source | deep.py\n    lines: 2\n///\n")
    assert "def f()" in ok.get_text()


def test_nul_in_a_snippet_title_or_lang_is_dropped(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("x = 1\n", encoding="utf-8")
    soup = convert(tmp_path, '/// source | a.py\n    title: "a\\0b"\n    lang: "py\\0thon"\n///\n')
    assert "\0" not in str(soup), str(soup)
    assert soup.select_one(".pf-source span.filename").get_text() == "ab"
    assert soup.select_one(".pf-source .highlight") is not None
