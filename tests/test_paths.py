"""Paths from config, front matter and pages: one resolver, and real builds of each case.

Every path an author writes (a snippet's file, ``source.root``, ``overview.path``,
``audit.report``, the folder of ``mkdocs-portfolio new``) goes through
:mod:`mkdocs_portfolio.markdown.paths`. The property tests throw random paths at
it over a tree with symbolic links (a loop, one out of the root), a FIFO and a
file; the builds check that each case of issue 12 stops with a message naming the
option or page and the path, and that nothing is written outside ``site_dir`` or
over a page.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from mkdocs_portfolio.markdown.paths import (
    PathProblem,
    check_dest,
    resolve_under,
    site_path,
    write_inside,
)

from .harness import Built, attempt
from .test_bad_input import TRAIN_PY

# -- the resolver, property-based ------------------------------------------------------


def _tree(base: Path) -> Path:
    """A root with a file, a folder, a FIFO, a symlink loop, a link out of it and a
    link to a file inside; returns the root."""
    root = base / "root"
    if root.exists():
        return root
    (root / "src").mkdir(parents=True)
    (root / "src" / "a.py").write_text("x = 1\n", encoding="utf-8")
    (base / "secret.txt").write_text("no\n", encoding="utf-8")
    os.mkfifo(root / "fifo")
    os.symlink("loop2", root / "loop1")
    os.symlink("loop1", root / "loop2")
    os.symlink(base / "secret.txt", root / "out")
    os.symlink("src/a.py", root / "in.py")
    return root


SEGMENTS = st.sampled_from([
    "src", "a.py", "..", ".", "", "fifo", "loop1", "out", "in.py", "nope", "x" * 300,
    "a\0b", "\\", "C:", "src/", "/", "é", "a\nb", "~", "\ud800", "\udc80",
])
RELS = st.lists(SEGMENTS, min_size=0, max_size=6).map("/".join)


@settings(max_examples=400, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rel=RELS | st.text(max_size=40))
@example(rel="loop1/../out")  # Python 3.11 left "out" unresolved after the loop
def test_resolver_gives_a_path_inside_or_a_clean_error(tmp_path: Path, rel: str) -> None:
    root = _tree(tmp_path)
    for kind in ("file", "folder", "any"):
        try:
            path = resolve_under(root, rel, "option 'x'", kind=kind)  # type: ignore[arg-type]
        except PathProblem as problem:
            assert str(problem).startswith("option 'x': "), problem
            continue
        assert path.is_relative_to(root.resolve()), (rel, path)
        if kind == "file":
            assert path.is_file() and not path.is_symlink()


@settings(max_examples=400, deadline=None)
@given(rel=RELS | st.text(max_size=40))
def test_site_paths_stay_inside(rel: str) -> None:
    try:
        norm = site_path(rel, "option 'report'")
    except PathProblem as problem:
        assert str(problem).startswith("option 'report'"), problem
        return
    assert not norm.startswith(("/", "../")) and norm != ".." and "\0" not in norm
    assert all(len(os.fsencode(part)) <= 255 for part in norm.split("/"))


@pytest.mark.parametrize(("rel", "says"), [
    ("loop1", "symbolic link loop"),
    ("fifo", "named pipe (FIFO), not a regular file"),
    ("src", "is a folder, not a file"),
    ("out", "is outside"),
    ("a\0b.py", "NUL"),
    ("x" * 300 + ".py", "longer than 255 bytes"),
    ("src/a.py/b", "goes through a file"),
    ("nope.py", "does not exist"),
    ("/etc/passwd", "absolute"),
    ("a\ud800.py", "lone surrogate"),
])
def test_resolver_says_what_is_wrong(tmp_path: Path, rel: str, says: str) -> None:
    with pytest.raises(PathProblem) as problem:
        resolve_under(_tree(tmp_path), rel, "source snippet")
    assert says in str(problem.value), problem.value
    assert str(problem.value).startswith("source snippet: '"), problem.value


def test_destination_over_a_file_or_folder_of_the_site() -> None:
    taken = {"index.html": "index.md", "assets/logo.png": "assets/logo.png"}
    for dest, says in [("index.html", "already a file"), ("assets", "is a folder")]:
        with pytest.raises(PathProblem, match=says):
            check_dest(dest, taken, "audit.report")
    check_dest("report.json", taken, "audit.report")
    with pytest.raises(PathProblem, match=r"goes through 'assets/logo\.png'"):
        check_dest("assets/logo.png/index.html", taken, "overview.path")


@pytest.mark.parametrize(("path", "says"), [
    ("assets/h.png/index.md", "goes through 'assets/h.png', a file of the built site (made "
                              "from 'assets/h.png')"),
    ("search/search_index.json.md", "goes through 'search/search_index.json', a file of the "
                                    "built site (made from the search plugin)"),
    ("sitemap.xml.md", "goes through 'sitemap.xml'"),
])
def test_overview_path_through_a_file_of_the_site(tmp_path: Path, path: str, says: str) -> None:
    # Found by a security test run: MkDocs' write step (FileExistsError) or the search
    # plugin's (IsADirectoryError) failed with a traceback.
    out = attempt(tmp_path, {"index.md": "# Home\n", "assets/h.png": b"\x89PNG\r\n"},
                {"plugins": ["search", {"portfolio": {"overview": {"path": path}}}]})
    assert out.error is None, out.stop_message
    assert any(says in w and "the overview is not generated" in w for w in out.warnings), \
        out.warnings
    assert (out.site_dir / "search" / "search_index.json").is_file()


def test_writing_through_a_link_out_of_the_site_is_refused(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    os.symlink(tmp_path, site / "up")
    with pytest.raises(PathProblem, match="outside"):
        write_inside(site, "up/report.json", "audit.report")
    assert write_inside(site, "a/b.json", "audit.report") == site.resolve() / "a" / "b.json"


# -- source snippets --------------------------------------------------------------------


def _snippet_site(tmp_path: Path, block: str, **source: str) -> Built:
    root = tmp_path / "project"
    (root / "src").mkdir(parents=True, exist_ok=True)
    (root / "src" / "train.py").write_text(TRAIN_PY, encoding="utf-8")
    if not (root / "src" / "loop").is_symlink():
        os.symlink("loop", root / "src" / "loop")
        os.mkfifo(root / "src" / "pipe.py")
    return attempt(root, {"index.md": "# Home\n", "training.md": f"# Training\n\n{block}\n"},
                 {"plugins": [{"portfolio": {"source": {"root": str(root), **source}}}]})


BAD_SNIPPET_PATHS = {
    "loop": ("/// source | src/loop\n///\n", "symbolic link loop"),
    "long": ("/// source | src/" + "x" * 300 + ".py\n///\n", "longer than 255 bytes"),
    "long-fence": ('```python source="src/' + "x" * 300 + '.py"\nx = 1\n```\n',
                   "longer than 255 bytes"),
    "fifo": ("/// source | src/pipe.py\n///\n", "named pipe (FIFO), not a regular file"),
    "folder": ("/// source | src\n///\n", "is a folder, not a file"),
}


@pytest.mark.parametrize("case", sorted(BAD_SNIPPET_PATHS))
def test_bad_snippet_path_stops_with_page_and_path(tmp_path: Path, case: str) -> None:
    block, says = BAD_SNIPPET_PATHS[case]
    out = _snippet_site(tmp_path, block)
    assert out.error is not None, f"{case}: built"
    message = out.stop_message
    assert "training.md" in message and says in message, message
    assert "'src" in message, message


def test_nul_in_a_page_is_dropped_from_the_snippet_path(tmp_path: Path) -> None:
    # A page's NUL characters are dropped before anything reads it (a NUL has no place in
    # HTML), the snippet path's too: the snippet and its source page are the named file's.
    out = _snippet_site(tmp_path, "/// source | src/tr\0ain.py::main\n///\n")
    assert out.error is None, out.stop_message
    assert not [w for w in out.warnings if "source page" in w or "snippet" in w], out.warnings
    link = out.article("training.md").select_one(".pf-source .filename a")
    assert link is not None and link.get_text().startswith("src/train.py::main"), link
    assert (out.site_dir / "source" / "src" / "train.py" / "index.html").is_file()


def test_root_in_repo_that_leaves_the_repository_is_refused(tmp_path: Path) -> None:
    out = _snippet_site(tmp_path, "/// source | src/train.py::main\n///\n",
                        repo_url="https://github.com/o/r", ref="abc", root_in_repo="../..")
    assert out.error is not None, "built with links to .../blob/abc/../../src/train.py"
    assert "root_in_repo" in out.stop_message and "../.." in out.stop_message, out.stop_message


def test_hash_in_a_file_name_links_to_its_source_page(tmp_path: Path) -> None:
    root = tmp_path / "project"
    (root / "src").mkdir(parents=True)
    (root / "src" / "a#b.py").write_text(TRAIN_PY, encoding="utf-8")
    out = attempt(root, {"index.md": "# Home\n",
                       "training.md": "# Training\n\n/// source | src/a#b.py::main\n///\n"},
                {"plugins": [{"portfolio": {"source": {"root": str(root)}}}]})
    assert out.error is None, out.stop_message
    assert not [w for w in out.warnings if "source page" in w], out.warnings
    link = out.article("training.md").select_one(".pf-source .filename a")
    assert link is not None
    href = link["href"]
    assert href.startswith("../source/src/a%23b.py/#__codelineno-0-"), href
    target = out.site_dir / "source" / "src" / "a#b.py" / "index.html"
    assert target.is_file()


def test_huge_file_gets_no_source_page(tmp_path: Path) -> None:
    root = tmp_path / "project"
    (root / "src").mkdir(parents=True)
    big = root / "src" / "big.py"
    filler = "# " + "x" * 98 + "\n"
    with big.open("w", encoding="utf-8") as f:
        f.write("def f():\n    return 1\n\n")
        f.write(filler * 50_000)  # 5 MB
    start = time.monotonic()
    out = attempt(root, {"index.md": "# Home\n",
                       "training.md": "# Training\n\n/// source | src/big.py::f\n///\n\n"
                                      "/// source | src/big.py\n    lines: 3-60\n///\n"},
                {"plugins": [{"portfolio": {"source": {"root": str(root)}}}]})
    took = time.monotonic() - start
    assert out.error is None, out.stop_message
    assert not (out.site_dir / "source" / "src" / "big.py").exists()
    warned = [w for w in out.warnings if "src/big.py" in w]
    assert warned and "training.md" in warned[0] and "too large" in warned[0], out.warnings
    title = out.article("training.md").select_one(".pf-source .filename")
    assert title is not None and "src/big.py" in title.get_text()
    assert all(not a.get("href") or "pf-source" not in a["href"]
               for a in out.article("training.md").select("a")), "a pf-source: link left"
    assert all(a.get("href") != "#" for a in title.select("a"))
    folded = out.article("training.md").select(".pf-fold__file")
    assert folded and all(el.name == "span" and "too large" in el.get_text() for el in folded)
    assert took < 20, took


# -- config paths -----------------------------------------------------------------------


def _site(tmp_path: Path, portfolio: dict[str, object], pages: dict[str, str] | None = None
          ) -> Built:
    root = tmp_path / "project"
    return attempt(root, pages or {"index.md": "# Home\n\nWords.\n",
                                 "assets/logo.png": "png"},
                 {"plugins": [{"portfolio": portfolio}]})


BAD_CONFIG_PATHS = [
    ({"audit": {"report": "assets"}}, "report", "folder"),
    ({"audit": {"report": "r\0.json"}}, "report", "NUL"),
    ({"audit": {"report": "r" * 300 + ".json"}}, "report", "longer than 255 bytes"),
    ({"audit": {"report": "index.html"}}, "report", "already a file of the built site"),
    ({"audit": {"report": "reports/"}}, "report", "names a folder"),
    ({"audit": {"report": "sitemap.xml"}}, "report", "already a file of the built site"),
    ({"overview": {"path": "o\0.md"}}, "path", "NUL"),
    ({"overview": {"path": "../escape.md"}}, "path", "must be a path inside the built site"),
    ({"overview": {"path": "../../../../x/ov.md"}}, "path", "must be a path inside the built site"),
    ({"overview": {"path": "o" * 300 + ".md"}}, "path", "longer than 255 bytes"),
    ({"source": {"root": "sr\0c"}}, "root", "NUL"),
    ({"source": {"root_in_repo": "../.."}}, "root_in_repo", "inside the repository"),
    ({"overview": {"hero_image": "h\0.png"}}, "hero_image", "NUL"),
]


@pytest.mark.parametrize(("options", "leaf", "says"), BAD_CONFIG_PATHS,
                         ids=[repr(o) [:60] for o, _, _ in BAD_CONFIG_PATHS])
def test_bad_config_path_stops_naming_the_option(tmp_path: Path, options: dict[str, object],
                                                 leaf: str, says: str) -> None:
    out = _site(tmp_path, options)
    assert out.error is not None, "built"
    message = out.stop_message
    assert f"'{leaf}'" in message or f".{leaf}" in message or f"{leaf}:" in message, message
    assert says in message, message
    project = tmp_path / "project"
    written = {p.relative_to(tmp_path) for p in tmp_path.rglob("*")
               if not p.is_relative_to(project)}
    assert not written, f"written outside the project: {written}"
    home = out.site_dir / "index.html"
    assert not home.exists() or home.read_text(encoding="utf-8").lstrip().startswith("<!doctype")


def test_source_root_that_is_a_symlink_loop_stops(tmp_path: Path) -> None:
    root = tmp_path / "project"
    root.mkdir()
    os.symlink("loop", root / "loop")
    out = _site(tmp_path, {"source": {"root": "loop"}})
    assert out.error is not None, "built"
    assert "source.root 'loop'" in out.stop_message, out.stop_message
    assert "symbolic link loop" in out.stop_message, out.stop_message


def test_report_in_a_subfolder_is_written(tmp_path: Path) -> None:
    out = _site(tmp_path, {"audit": {"report": "reports/./audit.json"}})
    assert out.error is None, out.stop_message
    assert (out.site_dir / "reports" / "audit.json").is_file()


def test_overview_over_another_pages_url_is_refused(tmp_path: Path) -> None:
    out = _site(tmp_path, {"overview": {"path": "more.md"}},
                {"index.md": "# Home\n", "more/index.md": "# More\n\nMine.\n"})
    assert any("overview.path" in w and "more/index.html" in w for w in out.warnings), \
        out.warnings
    assert "Mine." in out.html("more/index.md")


def test_plugin_listed_twice_is_named(tmp_path: Path) -> None:
    root = tmp_path / "project"
    out = attempt(root, {"index.md": "# Home\n"}, {"plugins": ["search", "portfolio", "portfolio"]})
    message = out.stop_message if out.error is not None else "\n".join(out.warnings)
    assert "already exists" not in message, message
    assert "plugins" in message and "portfolio" in message and "once" in message, message


@pytest.mark.parametrize("case", ["nul", "loop"])
def test_extension_alone_names_a_bad_source_root(tmp_path: Path, case: str) -> None:
    # Plain Python-Markdown (or Zensical), no plugin: the extension's own setting.
    import markdown

    os.symlink(tmp_path / "loop", tmp_path / "loop")
    root = "sr\0c" if case == "nul" else str(tmp_path / "loop")
    with pytest.raises(PathProblem) as problem:
        markdown.markdown("/// source | a.py\n///\n", extensions=[
            "mkdocs_portfolio.markdown", "pymdownx.highlight", "pymdownx.superfences"],
            extension_configs={"mkdocs_portfolio.markdown": {"source_root": root}})
    assert str(problem.value).startswith("source_root: "), problem.value
    assert ("NUL" if case == "nul" else "symbolic link loop") in str(problem.value)


def test_a_page_as_hero_image_is_named(tmp_path: Path) -> None:
    # Found by a security test run: the hero showed <img src="../p/">.
    out = attempt(tmp_path, {"index.md": "# Home\n", "p.md": "# P\n"},
                {"plugins": [{"portfolio": {"overview": {"hero_image": "p.md", "home": False}}}]})
    assert out.error is None, out.stop_message
    assert any("overview.hero_image: 'p.md' is a page of the site, not an image" in w
               for w in out.warnings), out.warnings
    assert out.soup("overview.md").select_one(".pf-hero img") is None
