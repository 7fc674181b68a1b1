"""Bringing a README in: ``mkdocs-portfolio init`` and ``new DIR --from README.md``, then a
real build of what they made."""

from __future__ import annotations

import os
import posixpath
import textwrap
from pathlib import Path

import pytest

from mkdocs_portfolio.cli import main
from mkdocs_portfolio.readme.files import https_remote
from mkdocs_portfolio.readme.links import Rewriter
from mkdocs_portfolio.readme.split import split

from .harness import PNG, Built, build, git, mkdocs_yaml

REPO = "https://github.com/alice/floorplan-seg"
INTRO = ("FloorSeg segments scanned floor plans into rooms, walls and doors, so that an "
         "architect gets an editable vector plan in seconds instead of an afternoon of "
         "tracing. It runs on a laptop CPU.")
README = """\
    # FloorSeg: floor plans to vector drawings

    [![PyPI](https://img.shields.io/pypi/v/floorseg.svg)](https://pypi.org/project/floorseg/)
    [![License: MIT](https://img.shields.io/badge/License-MIT-yellow.svg)](LICENSE)
    [![CI](https://github.com/alice/floorplan-seg/actions/workflows/ci.yml/badge.svg)](https://github.com/alice/floorplan-seg/actions)

    <p align="center"><img src="images/arch.png" width="600"></p>

    FloorSeg segments **scanned floor plans** into rooms, walls and doors, so that an
    architect gets an *editable* vector plan in seconds instead of an afternoon of
    tracing. It runs on a [laptop CPU](#training).

    ## Installation

    ```bash
    pip install floorseg
    ```

    The settings live in [`configs/`](configs/); see [Training](#training) next.

    ## Dataset

    Five thousand plans from three architecture firms, labelled by hand in two weeks.
    The splits are in [the dataset config](configs/base.yml).

    <p align="center">
      <img src="images/samples.png" alt="Three sample plans" width="800">
    </p>

    <details>
    <summary>Label counts</summary>

    Rooms **41,000**; walls 120,000; doors 23,000.

    </details>

    ## Training

    Train with [`train.py`](train.py) and the base config:

    ```markdown
    ## not a heading
    python train.py --config configs/base.yml
    ```

    [![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/alice/floorplan-seg/blob/main/demo.ipynb)

    ### Results

    | model | mIoU |
    | --- | --- |
    | U-Net baseline | 0.74 |
    | FloorSeg | 0.81 |

    ![Training loss](images/loss.png "Loss per epoch")

    The numbers above are on held-out firms; see [Results](#results) and the
    [installation](#installation).

    ## License

    MIT, see [LICENSE](LICENSE).
    """
PAGES = ["index.md", "installation.md", "dataset.md", "training.md", "license.md"]



def make_repo(root: Path, readme: str = README, remote: str | None = REPO + ".git") -> Path:
    """A project's repository: the README, its images, its code; an ``origin`` remote."""
    (root / "images").mkdir(parents=True)
    (root / "images" / "arch.png").write_bytes(PNG)
    (root / "images" / "loss.png").write_bytes(PNG + b"loss")
    (root / "images" / "samples.png").write_bytes(PNG + b"samples")
    (root / "configs").mkdir()
    (root / "configs" / "base.yml").write_text("lr: 0.001\n", encoding="utf-8")
    (root / "train.py").write_text("print('training')\n", encoding="utf-8")
    (root / "LICENSE").write_text("MIT\n", encoding="utf-8")
    (root / "README.md").write_text(textwrap.dedent(readme), encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    if remote:
        git(root, "remote", "add", "origin", remote)
    return root


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def other_warnings(built: Built) -> list[str]:
    return [w for w in built.warnings if "audit [" not in w]


def resolves(built: Built, page: str, url: str) -> bool:
    """Whether a relative URL of a built page names a file of the built site."""
    folder = posixpath.dirname(built.path(page))
    target = posixpath.normpath(posixpath.join(folder, url.split("#")[0]))
    path = built.site_dir / target
    return path.is_file() or (path / "index.html").is_file()


# -- init in a repository, then a real build --------------------------------------------------


@pytest.mark.parametrize("directory_urls", [True, False])
def test_init_makes_a_writeup_that_builds(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                          directory_urls: bool) -> None:
    root = make_repo(tmp_path / "floorplan-seg")
    code, out, err = run(capsys, "init", str(root))
    assert (code, err) == (0, ""), err
    config = mkdocs_yaml(root / "mkdocs.yml")
    assert config["site_name"] == "FloorSeg: floor plans to vector drawings"
    assert config["site_description"] == INTRO
    assert config["repo_url"] == REPO
    assert config["nav"] == PAGES
    assert config["theme"]["name"] == "material"
    assert config["plugins"][0] == "search" and "portfolio" in config["plugins"][1]
    assert sorted(p.name for p in (root / "docs").glob("*.md")) == sorted(PAGES)
    assert (root / "docs" / "images" / "arch.png").read_bytes() == PNG
    assert (root / "docs" / "images" / "loss.png").read_bytes() == PNG + b"loss"
    assert "Copied 3 images into docs/: images/arch.png, images/samples.png, " \
        "images/loss.png" in out
    assert f"Linked to {REPO} (branch main): configs/, configs/base.yml, train.py, " \
        "LICENSE" in out
    assert "1 row of badges" in out and "mkdocs serve" in out

    built = build(root, config_file=root / "mkdocs.yml", allow_warnings=True,
                  use_directory_urls=directory_urls)
    assert other_warnings(built) == []  # no missing image, page or anchor
    assert not [f for f in built.of("links")]
    titles = [built.article(page).select_one("h1").get_text(strip=True).rstrip("¶")
              for page in PAGES]
    assert titles == ["FloorSeg: floor plans to vector drawings", "Installation", "Dataset",
                      "Training", "License"]

    home = built.article("index.md")
    # A reader lands on the README's page: the overview's Contents follows its text there,
    # and there is no overview page of its own.
    contents = home.select(".pf-overview .pf-ov-section--contents .pf-ov-page__title")
    assert [title.get_text(strip=True) for title in contents] == [
        "Installation", "Dataset", "Training", "License"]
    assert not built.file("overview.md").exists()
    assert not [img for img in home.select("img") if "shields.io" in img.get("src", "")]
    assert "badge.svg" not in str(home)
    images = [img["src"] for page in PAGES for img in built.article(page).select("img")
              if img.find_parent(class_="pf-overview") is None]  # not the thumbnails
    assert len(images) == 4  # architecture, samples, loss, and the Colab launcher
    for page in PAGES:
        for img in built.article(page).select("img"):
            src = str(img["src"])
            assert src.startswith("https://colab") or resolves(built, page, src), (page, src)

    training = built.article("training.md")
    code_text = training.select_one("pre").get_text()
    assert "## not a heading" in code_text
    assert [h.get_text(strip=True).rstrip("¶") for h in training.select("h2")] == ["Results"]
    assert training.select_one("table") is not None
    links = {a.get_text(strip=True): str(a["href"]) for a in training.select("a[href]")
             if a.get_text(strip=True)}
    assert links["train.py"] == f"{REPO}/blob/main/train.py"
    assert links["Results"] == "#results"
    assert resolves(built, "training.md", links["installation"])
    assert "Open In Colab" not in links  # a launcher badge: an image link, kept
    assert training.select_one("a[href^='https://colab.research.google.com'] img")
    home_links = {a.get_text(strip=True): str(a["href"]) for a in home.select("a[href]")}
    assert resolves(built, "index.md", home_links["laptop CPU"])
    assert "training" in home_links["laptop CPU"]
    install = {a.get_text(strip=True): str(a["href"])
               for a in built.article("installation.md").select("a[href]")}
    assert install["configs/"] == f"{REPO}/tree/main/configs"
    dataset = built.article("dataset.md")
    assert dataset.select_one("details summary") is not None
    assert dataset.select_one("details strong") is not None  # Markdown, as on GitHub
    samples = dataset.select_one("p[align=center] img")
    assert samples is not None and samples["width"] == "800"
    assert samples["alt"] == "Three sample plans"


def test_new_from_a_readme_without_a_remote(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    """Without a web address for the repository, links to its files stay relative, the
    output says so, and MkDocs warns about them; images and sections still resolve."""
    repo = make_repo(tmp_path / "repo", remote="/srv/git/floorplan-seg.git")
    target = tmp_path / "site"
    code, out, err = run(capsys, "new", str(target), "--from", str(repo / "README.md"))
    assert (code, err) == (0, ""), err
    config = mkdocs_yaml(target / "mkdocs.yml")
    assert "repo_url" not in config
    assert "repo_url: none" in out
    assert "stay relative; MkDocs warns about them" in out
    assert "training.md: 'train.py' -> '../../repo/train.py'" in out
    assert (target / ".gitignore").read_text("utf-8") == "site/\n"
    assert "cd " + str(target) in out
    built = build(target, config_file=target / "mkdocs.yml", allow_warnings=True)
    missing = [w for w in other_warnings(built) if "not found among documentation" in w]
    assert missing and all("../../repo/" in w for w in missing), missing
    assert not [w for w in missing if ".png" in w or "training.md#" in w]
    assert (built.site_dir / "images" / "arch.png").is_file()


# -- nothing written on an error ---------------------------------------------------------------


def listing(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if ".git" not in p.parts)


@pytest.mark.parametrize(("case", "message"), [
    ("missing", "the README '{readme}' does not exist"),
    ("rst", "the README '{readme}' is reStructuredText, not Markdown"),
    ("binary", "the README '{readme}' is not text (not UTF-8, or binary)"),
    ("empty", "the README '{readme}' is empty"),
    ("mkdocs.yml", "'{root}/mkdocs.yml' already exists: nothing was written"),
    ("docs", "'{root}/docs' already exists: nothing was written"),
])
def test_errors_write_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str,
                              message: str) -> None:
    root = make_repo(tmp_path / "repo")
    readme = root / "README.md"
    if case == "missing":
        readme = root / "MISSING.md"
    elif case == "rst":
        readme = root / "README.rst"
        readme.write_text("FloorSeg\n========\n", encoding="utf-8")
    elif case == "binary":
        readme.write_bytes(PNG)
    elif case == "empty":
        readme.write_text("\n  \n", encoding="utf-8")
    elif case == "mkdocs.yml":
        (root / "mkdocs.yml").write_text("site_name: mine\n", encoding="utf-8")
    else:
        (root / "docs").mkdir()
        (root / "docs" / "notes.md").write_text("# Mine\n", encoding="utf-8")
    before = listing(root)
    code, out, err = run(capsys, "init", str(root), "--from", str(readme))
    assert (code, out) == (2, "")
    assert err.startswith("mkdocs-portfolio init: error: "
                          + message.format(readme=readme, root=root)), err
    assert "Traceback" not in err
    assert listing(root) == before
    if case == "mkdocs.yml":
        assert (root / "mkdocs.yml").read_text("utf-8") == "site_name: mine\n"


def test_init_names_a_readme_that_is_not_markdown(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "README.rst").write_text("Title\n=====\n", encoding="utf-8")
    code, _, err = run(capsys, "init", str(tmp_path))
    assert code == 2
    assert f"'{tmp_path / 'README.rst'}' is reStructuredText, not Markdown" in err
    assert listing(tmp_path) == ["README.rst"]


def test_new_from_refuses_a_file_as_dir(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    root = make_repo(tmp_path / "repo")
    code, _, err = run(capsys, "new", str(root / "train.py"), "--from", str(root / "README.md"))
    assert code == 2 and "exists and is not a folder" in err


# -- the parts, on README shapes of their own ----------------------------------------------------


@pytest.mark.parametrize(("remote", "url"), [
    ("git@github.com:alice/floorplan-seg.git", REPO),
    ("ssh://git@github.com/alice/floorplan-seg.git", REPO),
    ("https://alice:ghp_secret@github.com/alice/floorplan-seg.git", REPO),
    ("https://gitlab.com/team/sub/model/", "https://gitlab.com/team/sub/model"),
    ("/srv/git/floorplan-seg.git", ""),
    ("../floorplan-seg", ""),
    ("git@github.com:", ""),
])
def test_https_remote(remote: str, url: str) -> None:
    assert https_remote(remote) == url


def test_setext_headings_front_matter_and_a_contents_section() -> None:
    readme = split(textwrap.dedent("""\
        ---
        title: Plan reader
        description: Reads plans.
        ---
        Plan reader
        ===========

        Intro text.

        Table of contents
        -----------------

        - [Usage](#usage)
        - [Usage](#usage-1)

        Usage
        -----

        First.

        ---

        ## Usage

        Again, with a `## code` span.
        """), "Fallback")
    assert readme.title == "Plan reader" and readme.description == "Reads plans."
    assert [p.name for p in readme.pages] == ["index.md", "usage.md", "usage-1.md"]
    assert readme.pages[1].lines[0] == "# Usage"
    assert "---" in readme.pages[1].lines  # a thematic break after a blank line stays
    assert readme.anchors["usage-1"] == ("usage-1.md", "")
    assert any("Table of contents" in d for d in readme.dropped)


def test_readme_with_several_h1_sections() -> None:
    readme = split("# Tool\n\nIntro.\n\n# Install\n\n## From PyPI\n\nx\n\n# Use\n\ny\n", "T")
    assert [p.name for p in readme.pages] == ["index.md", "install.md", "use.md"]
    assert readme.pages[1].text == "# Install\n\n## From PyPI\n\nx\n"
    assert readme.anchors["from-pypi"] == ("install.md", "from-pypi")


def test_reference_badges_and_definitions() -> None:
    readme = split(textwrap.dedent("""\
        # Tool

        [![Build][build-badge]][build] [![Docs][docs-badge]][docs]

        A tool, see [the guide][guide].

        ## Use

        Read [the guide][guide] too.

        [build-badge]: https://img.shields.io/travis/a/b.svg
        [build]: https://travis-ci.org/a/b
        [docs-badge]: https://readthedocs.org/projects/b/badge/
        [docs]: https://b.readthedocs.io
        [guide]: https://example.org/guide
        """), "T")
    assert readme.description == "A tool, see the guide."
    home, use = readme.pages
    assert "img.shields.io" not in home.text
    assert use.text.startswith("# Use\n\nRead [the guide][guide] too.\n")
    rewriter = Rewriter(readme, lambda path: "no such file", None, "README.md")
    for page in readme.pages:
        rewriter.page(page)
    assert use.lines[-1] == "[guide]: https://example.org/guide"  # where it is used
    assert "[build]:" not in home.text  # the badges' own definitions went with them
    assert rewriter.outcome.unresolved == []


def test_html_title_and_paths_that_name_nothing_to_copy(tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]
                                                         ) -> None:
    """An ``<h1>`` title; images outside the repository, through a symbolic link out of it,
    a named pipe and a missing file: none is copied or read, each is listed, the build
    runs."""
    outside = tmp_path / "secret.png"
    outside.write_bytes(PNG)
    root = make_repo(tmp_path / "repo", readme="""\
        <h1 align="center">Plan "reader"</h1>

        A reader of plans.

        ## Figures

        ![a](../secret.png) ![b](images/link.png) ![c](images/pipe.png)
        ![d](images/gone.png) <img src="/images/arch.png"> [e](#nowhere)

        <table><tr><td><img src="images/arch.png" alt="A plan"></td>
        <td><a href="#figures">top</a> <a href="README.md">home</a></td></tr></table>
        """)
    (root / "images" / "link.png").symlink_to(outside)
    os.mkfifo(root / "images" / "pipe.png")
    code, out, err = run(capsys, "init", str(root))
    assert (code, err) == (0, ""), err
    assert "Copied 1 image into docs/: images/arch.png" in out
    for line in ["figures.md: '../secret.png' (outside the repository)",
                 "figures.md: 'images/link.png' (outside the repository)",
                 "figures.md: 'images/pipe.png' (not a regular file)",
                 "figures.md: 'images/gone.png' (no such file)",
                 "figures.md: '#nowhere' (no section of the README has this anchor)"]:
        assert line in out, out
    assert sorted(p.name for p in (root / "docs" / "images").iterdir()) == ["arch.png"]
    config = mkdocs_yaml(root / "mkdocs.yml")
    assert config["site_name"] == "Plan reader"
    assert config["site_description"] == "A reader of plans."
    home = (root / "docs" / "index.md").read_text("utf-8")
    assert home.startswith('---\ntitle: "Plan \\"reader\\""\n---\n\n<h1 align="center">')
    (root / "images" / "pipe.png").unlink()
    built = build(root, config_file=root / "mkdocs.yml", allow_warnings=True)
    assert built.soup("index.md").title.get_text().startswith('Plan "reader"')
    assert resolves(built, "figures.md", "../images/arch.png")
    table = built.article("figures.md").select_one("table")  # raw HTML: built URLs
    assert table is not None and table.img is not None
    assert table.img["src"] == "../images/arch.png"
    assert [a["href"] for a in table.select("a")] == ["#", "../"]
