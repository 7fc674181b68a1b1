"""The ``mkdocs-portfolio`` command line: ``new`` then a real build, and ``audit``."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

from mkdocs_portfolio.audit.report import schema
from mkdocs_portfolio.cli import main

from .harness import build, mkdocs_yaml

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
SCAFFOLD_PAGES = ["approach.md", "dead-ends.md", "demo.md", "next-steps.md", "problem.md",
                  "results.md"]
SCAFFOLD_FILES = [".gitignore", ".github/workflows/docs.yml", ".readthedocs.yaml", "mkdocs.yml",
                  "requirements.txt", *(f"docs/{page}" for page in SCAFFOLD_PAGES)]
MISSING = ["problem", "use-case", "result", "demo", "dead-end", "next-step"]
LOCAL = [*MISSING, "previews"]
"""What a local build of a new writeup warns about: its parts to write, and no site_url
(its hosts set SITE_URL or Read the Docs' canonical URL; a local build has none)."""
PUBLISHED = "https://example.github.io/fraud-detector/"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# -- help --------------------------------------------------------------------------


@pytest.mark.parametrize("argv", [["--help"], ["new", "--help"], ["audit", "--help"]])
def test_help_everywhere(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: mkdocs-portfolio")
    expected = {"--help": ["new", "audit", "--version"],
                "new": ["DIR", "--title", "must be new or empty"],
                "audit": ["--config-file", "--json", "Exit code: 0"]}[argv[0]]
    for word in expected:
        assert word in " ".join(out.split()), out


def test_no_command_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys)
    assert code == 0 and "COMMAND" in out


def test_console_script_and_clear_errors(tmp_path: Path) -> None:
    """The installed script: its version, and a clear error without a traceback."""
    script = shutil.which("mkdocs-portfolio") or pytest.fail("mkdocs-portfolio not installed")
    done = subprocess.run([script, "--version"], capture_output=True, text=True, env=ENV,
                          check=False)
    assert done.returncode == 0 and done.stdout.startswith("mkdocs-portfolio 0.")
    done = subprocess.run([script, "audit"], capture_output=True, text=True, env=ENV,
                          cwd=tmp_path, check=False)
    assert done.returncode == 2
    assert done.stderr == ("mkdocs-portfolio audit: error: there is no config file "
                           "'mkdocs.yml': run this in the folder of your mkdocs.yml, or give "
                           "its path with -f\n")
    assert done.stdout == ""


# -- new ---------------------------------------------------------------------------------


def test_new_lays_out_a_writeup(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "fraud-detector"
    code, out, _ = run(capsys, "new", str(target))
    assert code == 0
    assert "Created a new writeup" in out and "mkdocs-portfolio audit" in out
    assert sorted(p.name for p in (target / "docs").iterdir()) == SCAFFOLD_PAGES
    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*")
                  if p.is_file()) == sorted(SCAFFOLD_FILES)
    assert ".github/workflows/docs.yml (GitHub Pages)" in out
    assert 'Settings > Pages > Source to "GitHub Actions"' in " ".join(out.split())
    config = mkdocs_yaml(target / "mkdocs.yml")
    assert config["site_name"] == "Fraud detector"
    assert config["site_url"] == ""  # a local build: the hosts set it (see test_hosting)
    assert config["theme"]["name"] == "material"
    assert config["plugins"][1] == {"portfolio": {"audit": {"words": [],
                                                            "in_progress": False}}}
    assert config["nav"] == ["problem.md", "approach.md", "results.md", "demo.md",
                             "dead-ends.md", "next-steps.md"]
    # Each page has a place and guidance for its checklist item.
    problem = (target / "docs" / "problem.md").read_text("utf-8")
    assert "!!! problem" in problem and "!!! use-case" in problem
    for page, block in [("results.md", "!!! result"), ("demo.md", "/// demo"),
                        ("dead-ends.md", "!!! dead-end"), ("next-steps.md", "!!! next-step")]:
        assert block in (target / "docs" / page).read_text("utf-8")


def test_new_title_is_quoted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    title = "Fraud: the 'detector' & co. # not a comment"
    code, _, _ = run(capsys, "new", str(tmp_path / "x"), "--title", title)
    assert code == 0
    config = mkdocs_yaml(tmp_path / "x" / "mkdocs.yml")
    assert config["site_name"] == title


@pytest.mark.parametrize("title", ['<script>alert(1)</script>', 'The "best" model', "  "])
def test_new_refuses_a_bad_title(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                 title: str) -> None:
    code, out, err = run(capsys, "new", str(tmp_path / "x"), "--title", title)
    assert (code, out) == (2, "")
    assert err.startswith("mkdocs-portfolio new: error: --title ")
    assert not (tmp_path / "x").exists()


@pytest.mark.parametrize("make", ["file", "non-empty"])
def test_new_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                  make: str) -> None:
    target = tmp_path / "taken"
    if make == "file":
        target.write_text("mine", encoding="utf-8")
    else:
        target.mkdir()
        (target / "notes.md").write_text("mine", encoding="utf-8")
    code, out, err = run(capsys, "new", str(target))
    assert code == 2 and out == ""
    assert err.startswith("mkdocs-portfolio new: error: ")
    assert ("is not empty" if make == "non-empty" else "is not a folder") in err
    assert "Traceback" not in err
    if make == "non-empty":
        assert [p.name for p in target.iterdir()] == ["notes.md"]


def test_new_into_an_empty_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty").mkdir()
    assert run(capsys, "new", str(tmp_path / "empty"), "--title", "T")[0] == 0
    assert (tmp_path / "empty" / "mkdocs.yml").is_file()


@pytest.fixture(scope="module")
def scaffold(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("new") / "writeup"
    assert main(["new", str(target), "--title", "Fraud detector"]) == 0
    return target


def test_new_then_build(scaffold: Path) -> None:
    """It builds at once, and its audit lists what is still to fill in, nothing else."""
    root = scaffold.parent / "built"
    shutil.copytree(scaffold, root)
    built = build(root, config_file=root / "mkdocs.yml", allow_warnings=True)
    assert sorted(f.check for f in built.result.findings if f.level == "warn") == sorted(LOCAL)
    assert [w for w in built.warnings if "audit [" not in w] == []
    for page in ("problem", "approach", "results", "demo", "dead-ends", "next-steps"):
        html = built.html(f"{page}/index.html")
        assert "<!--" in html  # the guidance stays a comment, out of the reader's sight
    soup = built.soup("problem/index.html")
    assert soup.select(".admonition") == []
    assert [h.get_text() for h in soup.select("article h1, article h2")][:2] == \
        ["The problem", "The use case and its constraints"]


# -- audit -----------------------------------------------------------------------------------


def test_audit_of_a_new_writeup(scaffold: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "audit", "-f", str(scaffold / "mkdocs.yml"))
    assert code == 1, err
    lines = out.splitlines()
    assert lines[0] == "Portfolio checklist: 4 of 12 items pass (score 33%)"
    assert "  FAIL   2. It explains the problem" in out
    assert "  FAIL   4. Visual design" in out
    assert "Findings: 7 warnings, 1 info" in out
    assert "  WARNING [previews] (site): `site_url` is not set" in out
    for check in MISSING:
        assert f"  WARNING [{check}] (site): the writeup has no '{check}' block." in out
    assert "  INFO    [links-out] (site): no page links to another site." in out
    assert "Fix: Add a block that says what is solved" in out
    assert "Other warnings" not in out
    assert err == ""
    assert not (scaffold / "site").exists()  # built into a temporary folder


FILLED = {
    "problem.md": """\
        # The problem

        !!! problem "Fraud is caught too late"
            The bank learns of a fraudulent payment a day later, from the card holder.

        ## The use case and its constraints

        !!! use-case "A score within fifty milliseconds"
            The model runs beside the payment switch, on one CPU core.
        """,
    "approach.md": """\
        # Approach

        A gradient-boosted tree over the payment and the card's history; the code is
        on [GitHub](https://github.com/example/fraud).

        ```mermaid
        graph LR
          A[Payment] --> B[Model]
        ```
        """,
    "results.md": """\
        # Results

        !!! result "Recall"
            Metric: recall = 0.91 (baseline 0.84)

            Nine frauds in ten are caught before the payment clears.
        """,
    "demo.md": """\
        # Demo

        /// demo | Try the model
            space: example/fraud-demo

        Score a payment of your own.
        ///
        """,
    "dead-ends.md": """\
        # Dead ends

        !!! dead-end "Oversampling the rare class"
            The model memorised the rare frauds and did worse on new months.
        """,
    "next-steps.md": """\
        # Next steps

        !!! next-step "Calibrate the scores"
            Calibrated scores would let the bank pick its own threshold.
        """,
}


@pytest.fixture(scope="module")
def filled(scaffold: Path) -> Path:
    root = scaffold.parent / "filled"
    shutil.copytree(scaffold, root)
    for name, text in FILLED.items():
        (root / "docs" / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def test_audit_of_a_filled_in_writeup(filled: Path, capsys: pytest.CaptureFixture[str],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITE_URL", PUBLISHED)  # as its GitHub Pages workflow does
    code, out, err = run(capsys, "audit", "-f", str(filled / "mkdocs.yml"))
    assert (code, err) == (0, ""), out
    assert out.splitlines()[0] == "Portfolio checklist: 12 of 12 items pass (score 100%)"
    assert "FAIL" not in out
    assert out.rstrip().endswith("Findings: none. The writeup covers the whole checklist.")


def test_audit_of_a_strict_site(scaffold: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`strict: true` in mkdocs.yml does not stop the audit before it reports."""
    root = scaffold.parent / "strict"
    shutil.copytree(scaffold, root)
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("strict: true\n")
    code, out, err = run(capsys, "audit", "-f", str(root / "mkdocs.yml"))
    assert (code, err) == (1, "")
    assert "Findings: 7 warnings, 1 info" in out


def test_audit_json(scaffold: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "audit", "--config-file", str(scaffold / "mkdocs.yml"),
                         "--json")
    assert code == 1 and err == ""
    report = json.loads(out)
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.Draft202012Validator(schema()).validate(report)
    assert report["site_name"] == "Fraud detector"
    assert sorted(f["check"] for f in report["findings"] if f["level"] == "warn") == \
        sorted(LOCAL)
    assert report["score"] == {"passed": 4, "checked": 12, "percent": 33}


def test_audit_counts_other_build_warnings(filled: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITE_URL", PUBLISHED)
    root = tmp_path / "site"
    shutil.copytree(filled, root)
    (root / "docs" / "approach.md").write_text("# Approach\n\n[broken](nowhere.md)\n",
                                               encoding="utf-8")
    code, out, _ = run(capsys, "audit", "-f", str(root / "mkdocs.yml"))
    assert code == 1
    assert "Findings: none" in out
    assert "Other warnings of the build (1):\n  WARNING Doc file 'approach.md' contains a " \
           "link 'nowhere.md'" in out


# -- audit: clear errors ---------------------------------------------------------------------


def write(root: Path, config: dict[str, Any] | str, pages: dict[str, str] | None = None) -> str:
    root.mkdir(parents=True, exist_ok=True)
    text = config if isinstance(config, str) else yaml.safe_dump(config)
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    for name, page in (pages or {"index.md": "# Home\n"}).items():
        (root / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / name).write_text(page, encoding="utf-8")
    return str(root / "mkdocs.yml")


MATERIAL: dict[str, Any] = {"site_name": "S", "theme": {"name": "material"}}
HOOK = "def on_page_markdown(markdown, **kwargs):\n    raise RuntimeError('the hook broke')\n"


@pytest.mark.parametrize(("case", "expected"), [
    ("missing", "there is no config file '{root}/nothing.yml'"),
    ("no-plugin", "'{root}/mkdocs.yml' does not use the portfolio plugin: add it to the "
                  "plugins, e.g.\n  plugins:\n    - search\n    - portfolio"),
    ("bad-yaml", "the config file '{root}/mkdocs.yml' is not valid:\n  "),
    ("bad-option", "the config file '{root}/mkdocs.yml' is not valid:\n  "
                   "Config value 'plugins': Plugin 'portfolio' option 'code': Sub-option "
                   "'fold_lines': must be a positive integer, not 0"),
    ("does-not-build", "the site does not build:\n  "),
    ("audit-off", "the audit is turned off in '{root}/mkdocs.yml'"),
])
def test_audit_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str,
                      expected: str) -> None:
    root = tmp_path / "site"
    with_plugin = {**MATERIAL, "plugins": ["portfolio"]}
    config_file = {
        "missing": lambda: str(root / "nothing.yml"),
        "no-plugin": lambda: write(root, MATERIAL),
        "bad-yaml": lambda: write(root, "site_name: [unclosed\n"),
        "bad-option": lambda: write(
            root, {**MATERIAL, "plugins": [{"portfolio": {"code": {"fold_lines": 0}}}]}),
        "does-not-build": lambda: write(root, {**with_plugin, "hooks": ["hook.py"]}),
        "audit-off": lambda: write(
            root, {**MATERIAL, "plugins": [{"portfolio": {"audit": {"enabled": False}}}]}),
    }[case]()
    if case == "does-not-build":
        (root / "hook.py").write_text(HOOK, encoding="utf-8")
    code, out, err = run(capsys, "audit", "-f", config_file)
    assert (code, out) == (2, "")
    assert err.startswith("mkdocs-portfolio audit: error: " + expected.format(root=root)), err
    assert "Traceback" not in err
    if case == "does-not-build":
        assert "Error reading page 'index.md': the hook broke" in err


# -- new: a folder that cannot be made -------------------------------------------------


def test_new_below_a_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "f.txt").write_text("x", encoding="utf-8")
    code = main(["new", str(tmp_path / "f.txt" / "sub")])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "f.txt" in err and "Traceback" not in err, err


def test_new_where_nothing_can_be_made_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["new", "/proc/self/fdinfo/new/site"])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "/proc/self/fdinfo/new/site" in err and "cannot" in err, err


def test_new_with_a_nul_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["new", str(tmp_path / "a\0b")])
    err = capsys.readouterr().err
    assert code == 2 and "NUL" in err, err


def test_new_into_a_symlink_loop_exits_2(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    os.symlink("b", tmp_path / "a")
    os.symlink("a", tmp_path / "b")
    code = main(["new", str(tmp_path / "a")])
    err = capsys.readouterr().err
    assert code == 2 and "symbolic link loop" in err, err


@pytest.mark.parametrize(("given", "says"), [
    ("a\0b.yml", "NUL"), ("x" * 300 + ".yml", "longer than 255 bytes"),
    ("{tmp}", "is a folder, not a file"), ("{tmp}/loop", "symbolic link loop"),
])
def test_audit_of_a_config_path_that_cannot_be_read_exits_2(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], given: str, says: str) -> None:
    os.symlink("loop", tmp_path / "loop")
    code = main(["audit", "-f", given.format(tmp=tmp_path)])
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.startswith("mkdocs-portfolio audit: error: -f/--config-file: ") and says in err, err



def test_a_reader_that_stops_early_gets_no_traceback(tmp_path: Path) -> None:
    """``mkdocs-portfolio audit | head -1``: the pipe is closed when the scorecard comes."""
    assert main(["new", str(tmp_path / "site")]) == 0
    read, write = os.pipe()
    os.close(read)  # the reader is gone before a byte is written
    try:
        done = subprocess.run([shutil.which("mkdocs-portfolio") or "mkdocs-portfolio",
                               "audit", "--engine", "zensical"], cwd=tmp_path / "site",
                              stdout=write, stderr=subprocess.PIPE, text=True, timeout=120)
    finally:
        os.close(write)
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr, done.stderr
