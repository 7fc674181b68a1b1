"""The overview and the audit on Zensical, from the sources: real ``mkdocs-portfolio build``,
``serve`` and ``audit --engine zensical`` runs, with the real Zensical.

Zensical has no plugin API: the command reads the site as Zensical does, makes the
overview and the audit with the plugin's own core, and runs Zensical on a staged copy
of the docs folder. The tests compare with the plugin's MkDocs build of the same site,
and check that nothing is left among the author's files.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import socket
import subprocess
import sys
import textwrap
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .test_zensical import ID, needs_zensical

pytestmark = needs_zensical
DEMO_DIR = Path(__file__).resolve().parent.parent / "demo_site"
COMMAND = [sys.executable, "-m", "mkdocs_portfolio.cli"]


def run(*args: str, cwd: Path, timeout: float = 240) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([*COMMAND, *args], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, env=env)


def tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (links as links) by path: what the author has."""
    found = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[rel] = f"-> {os.readlink(path)}"
        elif path.is_file():
            found[rel] = hashlib.blake2b(path.read_bytes(), digest_size=8).hexdigest()
    return found


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """A copy of the demo site (it builds into its own folder)."""
    target = tmp_path / "demo"
    shutil.copytree(DEMO_DIR, target, ignore=shutil.ignore_patterns("site", ".cache"))
    return target


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


# -- build -------------------------------------------------------------------------


@pytest.mark.parametrize("zensical", [ID])
def test_demo_site_builds_on_zensical_with_its_overview(demo: Path, zensical: str) -> None:
    before = {k: v for k, v in tree(demo).items() if not k.startswith("site/")}
    done = run("build", cwd=demo)
    assert done.returncode == 0, done.stderr
    assert "12 of 12 items pass" in done.stderr
    home = soup_of(demo / "site" / "index.html")
    # The generated overview, as under the plugin: hero, sections, cards, demo.
    assert home.select_one(".pf-hero__title").get_text() == "Curbside"
    assert "311 service requests" in home.select_one(".pf-hero__tagline").get_text()
    assert home.select_one(".pf-hero img")["src"] == "assets/figures/hero.png"
    assert (demo / "site" / "assets" / "figures" / "hero.png").is_file()
    assert len(home.select(".pf-ov-metric")) == 5
    assert {a["href"].split("#")[0] for a in home.select(".pf-ov-item a[href]")} >= {
        "dead-ends/", "data/"}
    assert home.select_one(".pf-hero__button .pf-icon svg") is not None  # Zensical's icons
    assert home.select_one("style[data-pf-overview]") is not None
    # First in the navigation, titled as the plugin titles it.
    first = home.select_one(".md-nav--primary .md-nav__item a.md-nav__link")
    assert first is not None and first.get_text(" ", strip=True) == "Overview"
    # Every page has its blocks, with the extension's styles (the config lists only
    # the plugin: the command gave the extension its options).
    dead_ends = soup_of(demo / "site" / "dead-ends" / "index.html")
    assert len(dead_ends.select("div.admonition.dead-end, details.dead-end")) >= 2
    assert dead_ends.select_one("style[data-pf-assets]") is not None
    # The notebook is a page, as under the plugin: its cells, its plots, its links.
    notebook = soup_of(demo / "site" / "error-analysis" / "index.html")
    plots = [img["src"] for img in notebook.select("article img")]
    assert plots and all((demo / "site" / "error-analysis" / src).resolve().is_file()
                         for src in plots)
    assert notebook.select_one('a[href$="error-analysis_files/error-analysis.ipynb"]')
    assert (demo / "site" / "error-analysis_files" / "error-analysis.ipynb").is_file()
    assert "Error analysis" in [a.get_text(" ", strip=True) for a in
                                home.select(".md-nav--primary a.md-nav__link")]
    # Nothing left among the author's files, and the staged folder gone.
    after = {k: v for k, v in tree(demo).items()
             if not k.startswith(("site/", ".cache/"))}
    assert after == before
    assert not (demo / ".cache" / "mkdocs-portfolio").exists()
    assert "lists the 'portfolio' plugin" not in done.stderr  # the command ran it


def test_the_overview_goes_where_the_authors_home_page_says(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "zensical.toml").write_text(textwrap.dedent("""\
        [project]
        site_name = "Fraud <scoring>"
        site_description = "Scoring card payments before they clear."
        nav = [{"Home" = "index.md"}, {"Model" = "model.md"}]

        [project.plugins.portfolio.audit]
        words = ["chargebacks"]
        """), encoding="utf-8")
    (tmp_path / "docs" / "index.md").write_text(textwrap.dedent("""\
        # Fraud scoring

        We score card payments as they happen.

        <!-- portfolio:results -->

        The rest of the home page.
        """), encoding="utf-8")
    (tmp_path / "docs" / "model.md").write_text(textwrap.dedent("""\
        ---
        title: The <model>
        ---

        # Model

        !!! result "Recall"

            Metric: recall = 0.91 (baseline 0.84)

        !!! dead-end "Oversampling"

            It overfit the rare class.
        """), encoding="utf-8")
    done = run("build", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    page = BeautifulSoup(html, "html.parser")
    article = page.select_one("article")
    text = article.get_text(" ", strip=True)
    # The author's text, then the results where the marker is, then the rest.
    assert text.index("as they happen") < text.index("0.91") < text.index("rest of the home")
    assert page.select_one(".pf-ov-metric__compare") is not None
    assert page.select_one(".pf-hero") is None  # only the section the marker asks for
    assert "<scoring>" not in html and "<model>" not in html  # escaped everywhere


# -- the audit: the same findings as the plugin -----------------------------------------


def _report(done: subprocess.CompletedProcess[str]) -> dict[str, object]:
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize("zensical", [ID])
def test_audit_from_the_sources_is_the_plugins(demo: Path, zensical: str) -> None:
    plugin = _report(run("audit", "--json", cwd=demo))
    sources = _report(run("audit", "--json", "--engine", "zensical", cwd=demo))
    assert sources == plugin
    assert "error-analysis.ipynb" in sources["pages"]  # type: ignore[operator]  # a notebook
    text = run("audit", "--engine", "zensical", cwd=demo)
    assert text.returncode == 0 and "12 of 12 items pass (score 100%)" in text.stdout


def test_audit_of_a_writeup_with_gaps_matches_too(tmp_path: Path) -> None:
    """A writeup with missing parts, a typo, a broken link and a page left out."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(textwrap.dedent("""\
        site_name: Churn
        theme:
          name: material
        plugins:
          - portfolio:
              overview:
                path: overview.md
        nav:
          - index.md
          - Model: model.md
        """), encoding="utf-8")
    (tmp_path / "docs" / "index.md").write_text(
        "# Churn\n\nWe predict which customers leave, and recieve their feedback. "
        "See [the model](model.md#nowhere).\n",
        encoding="utf-8")
    (tmp_path / "docs" / "model.md").write_text(
        "# Model\n\n!!! problem \"Customers leave\"\n\n    Quietly.\n\n```python\n"
        + "x = 1\n" * 60 + "```\n", encoding="utf-8")
    (tmp_path / "docs" / "notes.md").write_text(
        "---\nportfolio:\n  exclude: true\n---\n# Notes\n\nScratch.\n", encoding="utf-8")
    plugin = _report(run("audit", "--json", cwd=tmp_path))
    sources = _report(run("audit", "--json", "--engine", "zensical", cwd=tmp_path))
    assert sources == plugin
    checks = {f["check"] for f in sources["findings"]}  # type: ignore[index, union-attr]
    assert {"typos", "links", "use-case", "demo"} <= checks


@pytest.mark.parametrize("name", ["readme-project", "tutorial", "blog-series"])
def test_audit_of_real_writeups_matches(tmp_path: Path, name: str) -> None:
    """A README with raw HTML and badges, a tutorial without headings on its home page,
    a blog series in a folder that MkDocs' navigation makes a section."""
    site = tmp_path / name
    shutil.copytree(DEMO_DIR.parent / "tests" / "data" / "writeups" / name, site)
    plugin = _report(run("audit", "--json", cwd=site))
    assert plugin["findings"], "these writeups have findings to agree on"
    assert _report(run("audit", "--json", "--engine", "zensical", cwd=site)) == plugin


# -- bad input ---------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "text", "said"), [
    ("zensical.toml", "[project\nsite_name = 'x'\n", "zensical.toml"),
    ("zensical.toml", "[project]\ndocs_dir = 'docs'\n", "site_name"),
    ("mkdocs.yml", "site_name: x\nplugins:\n  - portfolio:\n      overview: yes\n",
     "'overview' option of the 'portfolio' plugin"),
    ("mkdocs.yml", "site_name: x\nplugins:\n  - portfolio: [1, 2]\n",
     "the options of the 'portfolio' plugin must be a mapping"),
    ("mkdocs.yml", "site_name: x\ndocs_dir: nowhere\n", "nowhere"),
])
def test_bad_config_says_what_and_writes_nothing(tmp_path: Path, name: str, text: str,
                                                 said: str) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / name).write_text(text, encoding="utf-8")
    for command in (("build",), ("audit", "--engine", "zensical")):
        done = run(*command, "-f", name, cwd=tmp_path)
        assert done.returncode == 2, done.stdout + done.stderr
        assert said in done.stderr and name in done.stderr
        assert "Traceback" not in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["docs", name])


def test_a_page_that_cannot_be_read_is_named(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "zensical.toml").write_text("[project]\nsite_name = 'x'\n", encoding="utf-8")
    (tmp_path / "docs" / "index.md").write_text("# Home\n\nHello.\n", encoding="utf-8")
    (tmp_path / "docs" / "bad.md").write_bytes(b"# Bad\n\n\xff\xfe not text\n")
    done = run("build", "--strict", cwd=tmp_path)
    assert done.returncode == 1
    assert "page 'bad.md' cannot be read" in done.stderr
    assert "Traceback" not in done.stderr


# -- serve -------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def _wait_for(url: str, text: str, seconds: float = 60) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if text in _get(url):
            return True
        time.sleep(0.5)
    return False


def test_serve_makes_the_overview_again_when_a_page_changes(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "zensical.toml").write_text(
        "[project]\nsite_name = 'Churn'\n\n[project.plugins.portfolio]\n", encoding="utf-8")
    (tmp_path / "docs" / "index.md").write_text("# Churn\n\nWho leaves.\n", encoding="utf-8")
    page = tmp_path / "docs" / "model.md"
    page.write_text('# Model\n\n!!! dead-end "Oversampling"\n\n    It overfit.\n',
                    encoding="utf-8")
    port = _free_port()
    server = subprocess.Popen([*COMMAND, "serve", "-a", f"127.0.0.1:{port}"], cwd=tmp_path,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}/"
    try:
        assert _wait_for(base, "Oversampling"), "the overview is served"
        page.write_text('# Model\n\n!!! dead-end "Undersampling"\n\n    It lost data.\n',
                        encoding="utf-8")
        assert _wait_for(base, "Undersampling"), "the overview follows the page"
        assert _wait_for(base + "model/", "It lost data"), "the page follows its source"
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert "Traceback" not in output, output
    assert not (tmp_path / ".cache" / "mkdocs-portfolio").exists()
    assert sorted(p.name for p in (tmp_path / "docs").iterdir()) == ["index.md", "model.md"]


def test_a_config_without_the_plugin_still_gets_its_blocks(tmp_path: Path) -> None:
    """A zensical.toml of Zensical's own (no plugin, no extension): the command built
    for a writeup gives the pages their blocks, with the plugin's default options."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "zensical.toml").write_text("[project]\nsite_name = 'Churn'\n",
                                            encoding="utf-8")
    (tmp_path / "docs" / "index.md").write_text(
        '# Churn\n\n!!! dead-end "Oversampling"\n\n    It overfit.\n', encoding="utf-8")
    done = run("build", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    page = soup_of(tmp_path / "site" / "index.html")
    assert page.select_one("div.admonition.dead-end") is not None
    assert "!!! dead-end" not in page.get_text()


def test_a_snippet_of_a_missing_file_is_one_message(tmp_path: Path) -> None:
    """What stops a MkDocs build (a source snippet's file is not there) stops this one
    with the same words, naming the page, not with a traceback."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "zensical.toml").write_text("[project]\nsite_name = 'x'\n", encoding="utf-8")
    (tmp_path / "docs" / "index.md").write_text(
        "# Home\n\n/// source | src/missing.py\n///\n", encoding="utf-8")
    done = run("build", cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert "page 'index.md'" in done.stderr and "src/missing.py" in done.stderr
    assert "Traceback" not in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs", "zensical.toml"]
