"""Hosting a new writeup: the GitHub Pages workflow, Read the Docs and the requirements
that ``mkdocs-portfolio new`` writes, each run for real the way its host runs it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from packaging.requirements import Requirement

from mkdocs_portfolio import hosting
from mkdocs_portfolio.audit.run import site_levels
from mkdocs_portfolio.blocktypes import BLOCK_TYPES
from mkdocs_portfolio.cli import main

from .harness import git
from .test_readme_import import make_repo

PAGES_URL = "https://octocat.github.io/fraud-detector"
"""What actions/configure-pages gives as ``base_url`` for a project site: no slash at
the end."""
RTD_URL = "https://fraud-detector.readthedocs.io/en/latest/"
OFFICIAL = {"actions/checkout", "actions/setup-python", "actions/configure-pages",
            "actions/upload-pages-artifact", "actions/deploy-pages"}
NEEDED = {"mkdocs-portfolio", "mkdocs", "mkdocs-material", "pymdown-extensions"}


@pytest.fixture(scope="module")
def scaffold(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("hosting") / "fraud-detector"
    assert main(["new", str(target)]) == 0
    return target


@pytest.fixture
def fresh(scaffold: Path, tmp_path: Path) -> Path:
    """A copy of the new writeup, to build in (a build writes site/)."""
    return Path(shutil.copytree(scaffold, tmp_path / "fraud-detector"))


def workflow(root: Path) -> dict[Any, Any]:
    loaded = yaml.safe_load((root / hosting.WORKFLOW).read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def triggers(flow: dict[Any, Any]) -> dict[str, Any]:
    """The ``on:`` mapping (YAML 1.1 reads the key ``on`` as true)."""
    on = flow[True] if True in flow else flow["on"]
    assert isinstance(on, dict)
    return on


def steps(flow: dict[Any, Any]) -> list[dict[str, Any]]:
    return [step for job in flow["jobs"].values() for step in job["steps"]]


def build_step(flow: dict[Any, Any]) -> dict[str, Any]:
    [step] = [s for s in steps(flow) if s.get("name") == "Build"]
    return step


def step_env(step: dict[str, Any], values: dict[str, str]) -> dict[str, str]:
    """The step's ``env:`` with each ``${{ expression }}`` replaced as Actions would."""
    env = {}
    for name, value in step.get("env", {}).items():
        def known(match: re.Match[str]) -> str:
            return values[match.group(1)]  # a KeyError: an expression the test doesn't know
        env[name] = re.sub(r"\$\{\{\s*([^}]+?)\s*\}\}", known, str(value))
    return env


def run_as_actions(command: str, cwd: Path,
                   env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """``run:`` as a GitHub runner runs it: bash, stopping at the first failure."""
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", command],
                          cwd=cwd, env={**os.environ, **env}, capture_output=True, text=True,
                          timeout=300, check=False)


def warnings_of(done: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in (done.stdout + done.stderr).splitlines()
            if line.startswith("WARNING")]


def canonical(site: Path, page: str) -> str:
    soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
    link = soup.select_one("link[rel=canonical]")
    return str(link["href"]) if link is not None else ""


# -- the GitHub Pages workflow ----------------------------------------------------------


def test_workflow_deploys_with_the_official_pages_actions(scaffold: Path) -> None:
    flow = workflow(scaffold)
    on = triggers(flow)
    assert on["push"] == {"branches": ["main"]}
    assert "workflow_dispatch" in on
    assert flow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert flow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    used = {str(s["uses"]) for s in steps(flow) if "uses" in s}
    assert {u.partition("@")[0] for u in used} == OFFICIAL
    assert all(re.fullmatch(r"actions/[a-z-]+@v\d+", u) for u in used), used
    deploy = flow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"] == {"name": "github-pages",
                                     "url": "${{ steps.deployment.outputs.page_url }}"}
    assert [s["id"] for s in deploy["steps"]] == ["deployment"]
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    by_action = {str(s["uses"]).partition("@")[0]: s for s in steps(flow) if "uses" in s}
    python = by_action["actions/setup-python"]["with"]
    assert python["cache"] == "pip"
    assert python["cache-dependency-path"] == hosting.REQUIREMENTS
    assert by_action["actions/configure-pages"]["id"] == "pages"
    assert by_action["actions/upload-pages-artifact"]["with"] == {"path": "site"}
    installs = [s["run"] for s in steps(flow) if "pip install" in s.get("run", "")]
    assert installs == [f"python -m pip install -r {hosting.REQUIREMENTS}"]
    # A shallow clone: source snippets need only the commit being built (rev-parse HEAD).
    assert "with" not in by_action["actions/checkout"]


def test_the_workflow_build_step_builds_a_new_writeup_clean(fresh: Path) -> None:
    """The build step's command, run as the runner runs it with the step's env: no
    warning, the site where the upload step takes it, with absolute URLs."""
    step = build_step(workflow(fresh))
    assert step["run"] == "mkdocs build --strict"
    env = step_env(step, {"steps.pages.outputs.base_url": PAGES_URL})
    assert env == {"SITE_URL": PAGES_URL, "PORTFOLIO_IN_PROGRESS": "true"}
    done = run_as_actions(step["run"], fresh, env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert warnings_of(done) == []
    assert "audit [problem]" in done.stderr  # still told, as info
    assert canonical(fresh / "site", "problem/index.html") == f"{PAGES_URL}/problem/"
    assert f"<loc>{PAGES_URL}/problem/</loc>" in (fresh / "site" / "sitemap.xml").read_text(
        encoding="utf-8")


def test_in_progress_lets_only_the_missing_parts_through(fresh: Path) -> None:
    """Without PORTFOLIO_IN_PROGRESS the six missing parts stop the strict build; with
    it, a typo still does."""
    step = build_step(workflow(fresh))
    done = run_as_actions(step["run"], fresh, {"SITE_URL": PAGES_URL})
    assert done.returncode == 1
    assert len(warnings_of(done)) == 6
    assert "Aborted with 6 warnings in strict mode" in done.stdout + done.stderr
    approach = fresh / "docs" / "approach.md"
    approach.write_text(approach.read_text(encoding="utf-8") + "\nTeh model.\n",
                        encoding="utf-8")
    done = run_as_actions(step["run"], fresh, step_env(
        step, {"steps.pages.outputs.base_url": PAGES_URL}))
    assert done.returncode == 1
    assert [w for w in warnings_of(done) if "audit [typos]" in w] == warnings_of(done) != []


def test_a_local_build_has_no_site_url(fresh: Path) -> None:
    done = run_as_actions("mkdocs build", fresh, {})
    assert done.returncode == 0, done.stderr
    assert canonical(fresh / "site", "problem/index.html") == ""
    audit = [w for w in warnings_of(done) if "audit [" in w]
    assert len(audit) == 7  # the to-do list, and the link previews that need a site_url
    assert sum("audit [previews]" in w for w in audit) == 1


# -- Read the Docs ---------------------------------------------------------------------------


def test_read_the_docs_builds_a_new_writeup_clean(fresh: Path) -> None:
    config = yaml.safe_load((fresh / hosting.READTHEDOCS).read_text(encoding="utf-8"))
    assert config["version"] == 2
    assert config["build"] == {"os": "ubuntu-24.04", "tools": {"python": "3.12"}}
    assert config["mkdocs"] == {"configuration": "mkdocs.yml", "fail_on_warning": True}
    assert config["python"] == {"install": [{"requirements": hosting.REQUIREMENTS}]}
    assert (fresh / config["mkdocs"]["configuration"]).is_file()
    assert (fresh / hosting.REQUIREMENTS).is_file()
    # As Read the Docs builds with fail_on_warning, and what it sets in the environment.
    output = fresh / "_readthedocs"
    command = (f"python -m mkdocs build --clean --site-dir {output}/html "
               f"--config-file {config['mkdocs']['configuration']} --strict")
    done = run_as_actions(command, fresh, {"READTHEDOCS": "True",
                                           "READTHEDOCS_CANONICAL_URL": RTD_URL})
    assert done.returncode == 0, done.stdout + done.stderr
    assert warnings_of(done) == []
    assert canonical(output / "html", "problem/index.html") == f"{RTD_URL}problem/"


# -- requirements ------------------------------------------------------------------------------


def test_requirements_pin_what_the_build_needs(scaffold: Path) -> None:
    lines = [line for line in (scaffold / hosting.REQUIREMENTS).read_text(
        encoding="utf-8").splitlines() if line and not line.startswith("#")]
    requirements = [Requirement(line) for line in lines]
    names = {r.name.lower() for r in requirements}
    assert names >= NEEDED
    assert requirements[0].name == "mkdocs-portfolio"
    for requirement in requirements:
        installed = metadata.version(requirement.name)
        assert str(requirement.specifier) == f"=={installed}", requirement
    # What the plugin itself needs is all there (so that an install of these is complete).
    needs = [Requirement(spec) for spec in metadata.requires("mkdocs-portfolio") or []]
    assert {r.name.lower() for r in needs if r.marker is None} <= names


def test_a_package_not_installed_keeps_the_plugins_bound(
        monkeypatch: pytest.MonkeyPatch) -> None:
    real = hosting._installed
    monkeypatch.setattr(hosting, "_installed",
                        lambda name: None if name == "mkdocs" else real(name))
    [line] = [line for line in hosting.build_requirements() if line.startswith("mkdocs<")
              or line.startswith("mkdocs>")]
    assert Requirement(line).specifier.contains("1.6.1")
    assert not Requirement(line).specifier.contains("2.0")


# -- mkdocs gh-deploy, the one-command alternative -----------------------------------------


def test_gh_deploy_help_with_the_plugin_installed() -> None:
    done = subprocess.run(["mkdocs", "gh-deploy", "--help"], capture_output=True, text=True,
                          check=False, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "Deploy your documentation to GitHub Pages" in done.stdout
    assert "--strict" in done.stdout


def test_gh_deploy_publishes_a_new_writeup(fresh: Path, tmp_path: Path) -> None:
    """``mkdocs gh-deploy --strict`` as docs/hosting.md gives it, pushing to a local
    remote: the gh-pages branch gets the built site."""
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    git(fresh, "init", "-q", "-b", "main")
    git(fresh, "add", ".")
    git(fresh, "-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-qm", "new")
    git(fresh, "remote", "add", "origin", str(remote))
    done = run_as_actions("mkdocs gh-deploy --strict --no-history", fresh, {
        "SITE_URL": PAGES_URL, "PORTFOLIO_IN_PROGRESS": "true",
        "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.org"})
    assert done.returncode == 0, done.stdout + done.stderr
    # gh-deploy's own word on a first deployment, not the build's:
    assert warnings_of(done) == ["WARNING -  Version check skipped: No version specified in "
                                 "previous deployment."]
    files = git(remote, "ls-tree", "-r", "--name-only", "gh-pages").split()
    assert {"index.html", ".nojekyll", "problem/index.html", "sitemap.xml"} <= set(files)


# -- the audit level behind it ---------------------------------------------------------------


def test_in_progress_turns_down_the_missing_parts_only() -> None:
    parts = {block_type.check.id for block_type in BLOCK_TYPES.values()}
    plain, progress = site_levels({}), site_levels({}, in_progress=True)
    assert {cid for cid in parts if plain.of(cid) == "warn"} == parts
    assert {cid for cid in parts if progress.of(cid) == "info"} == parts
    others = set(plain.site) - parts
    assert {cid: progress.of(cid) for cid in others} == {cid: plain.of(cid) for cid in others}
    assert progress.of("typos") == "warn"
    # audit.checks still wins.
    assert site_levels({"demo": "warn"}, in_progress=True).of("demo") == "warn"


# -- init: the hosting files that are missing ------------------------------------------------


def test_init_writes_the_missing_hosting_files_and_keeps_yours(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_repo(tmp_path / "floorplan-seg")
    git(root, "checkout", "-q", "-b", "master")
    git(root, "remote", "remove", "origin")  # the branch is the checked-out one, then
    (root / "requirements.txt").write_text("torch==2.5\n", encoding="utf-8")
    (root / ".readthedocs.yaml").write_text("version: 2  # mine\n", encoding="utf-8")
    assert main(["init", str(root)]) == 0
    out = capsys.readouterr().out
    assert (root / "requirements.txt").read_text(encoding="utf-8") == "torch==2.5\n"
    assert (root / ".readthedocs.yaml").read_text(encoding="utf-8") == "version: 2  # mine\n"
    assert f"Hosting: wrote {hosting.WORKFLOW}, {hosting.OTHER_REQUIREMENTS}" in out
    assert f"kept your {hosting.READTHEDOCS} as they are" in out
    assert f"the build's requirements are in {hosting.OTHER_REQUIREMENTS}" in out
    assert "every push to master then deploys" in " ".join(out.split())
    flow = workflow(root)
    assert triggers(flow)["push"] == {"branches": ["master"]}
    assert any(s.get("run") == f"python -m pip install -r {hosting.OTHER_REQUIREMENTS}"
               for s in steps(flow))
    names = {Requirement(line).name for line in (root / hosting.OTHER_REQUIREMENTS).read_text(
        encoding="utf-8").splitlines() if line and not line.startswith("#")}
    assert names >= NEEDED


def test_a_writeup_in_a_folder_of_a_repository_is_told(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", str(tmp_path / "alone")]) == 0
    assert "Note:" not in capsys.readouterr().out
    repo = tmp_path / "project"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    assert main(["new", str(repo / "writeup")]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "is the folder 'writeup' of the git repository" in out
    assert "A writeup in a folder of a repository" in out
