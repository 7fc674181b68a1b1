"""The hosting files of a new writeup: a GitHub Pages workflow, a Read the Docs config and
the requirements they install.

``mkdocs-portfolio new`` writes all three; ``mkdocs-portfolio init`` writes those that the
repository does not have yet. The workflow and Read the Docs both build with
``mkdocs build --strict`` and read the site's address from the environment (see the
``site_url`` line of the scaffold's ``mkdocs.yml``).
"""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

from . import __version__

HOSTING_DIR = Path(__file__).with_name("scaffold") / "hosting"
WORKFLOW = ".github/workflows/docs.yml"
READTHEDOCS = ".readthedocs.yaml"
REQUIREMENTS = "requirements.txt"
OTHER_REQUIREMENTS = "requirements-docs.txt"
"""The requirements' name where the repository already has a ``requirements.txt`` (the
project's own, such as a model's training dependencies)."""
DEFAULT_BRANCH = "main"
PACKAGE = "mkdocs-portfolio"

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_REQUIREMENTS_HEAD = """\
# What the writeup's build needs, pinned at the versions it was made with, so that a build
# on GitHub Pages or Read the Docs is the build you saw. Raise them together, then check
# with `mkdocs build --strict`.
"""


def _installed(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def build_requirements() -> list[str]:
    """``mkdocs-portfolio`` and each package it needs, pinned at the installed version;
    one that is not installed keeps the plugin's own bound (``mkdocs>=1.6,<2``)."""
    own = _installed(PACKAGE)
    lines = [f"{PACKAGE}=={own or __version__}"]
    needs = metadata.requires(PACKAGE) if own else None
    for spec in needs or []:
        requirement, _, marker = spec.partition(";")
        if "extra" in marker:
            continue  # an optional extra (zoom, test, docs): not what a writeup's build needs
        found = _NAME.match(requirement.strip())
        if found is None:
            continue
        name = found.group()
        version = _installed(name)
        line = f"{name.lower()}=={version}" if version else requirement.strip()
        lines.append(f"{line}; {marker.strip()}" if marker.strip() else line)
    return lines


def requirements_text() -> str:
    """The text of ``requirements.txt``."""
    return _REQUIREMENTS_HEAD + "".join(f"{line}\n" for line in build_requirements())


def _template(name: str, *, branch: str, requirements: str) -> str:
    text = (HOSTING_DIR / name).read_text(encoding="utf-8")
    return text.replace("__BRANCH__", branch).replace("__REQUIREMENTS__", requirements)


def hosting_files(*, branch: str = DEFAULT_BRANCH,
                  requirements: str = REQUIREMENTS) -> dict[str, str]:
    """Relative path -> text of each hosting file; the workflow deploys pushes to
    ``branch``, and both hosts install ``requirements``."""
    return {
        WORKFLOW: _template("github-pages.yml", branch=branch, requirements=requirements),
        READTHEDOCS: _template("readthedocs.yaml", branch=branch, requirements=requirements),
        requirements: requirements_text(),
    }


def missing_hosting_files(folder: Path, branch: str) -> tuple[dict[str, str], list[str]]:
    """The hosting files that ``folder`` lacks, and the paths it already has (kept as
    they are). A ``requirements.txt`` of the project's own is kept, and the build's
    requirements go into ``requirements-docs.txt`` instead."""
    requirements = REQUIREMENTS
    if (folder / REQUIREMENTS).exists() or (folder / REQUIREMENTS).is_symlink():
        requirements = OTHER_REQUIREMENTS
    files: dict[str, str] = {}
    kept: list[str] = []
    for rel, text in hosting_files(branch=branch, requirements=requirements).items():
        if (folder / rel).exists() or (folder / rel).is_symlink():
            kept.append(rel)
        else:
            files[rel] = text
    return files, kept


def hosting_summary(written: dict[str, str], kept: list[str]) -> str:
    """What ``init`` did about hosting: the files written and those kept."""
    lines = []
    if written:
        lines.append(f"  Hosting: wrote {', '.join(written)}")
    if kept:
        lines.append(f"  Hosting: kept your {', '.join(kept)} as they are (compare them with "
                     "docs/hosting.md of mkdocs-portfolio)")
    if OTHER_REQUIREMENTS in written:
        lines.append(f"  Your {REQUIREMENTS} is kept: the build's requirements are in "
                     f"{OTHER_REQUIREMENTS}, which the workflow and Read the Docs install")
    return "\n".join(lines)


def branch_of(folder: Path) -> str:
    """The branch the workflow deploys: the git repository's default one, else ``main``."""
    from .markdown.repo import git_toplevel
    from .readme.files import default_branch

    top = git_toplevel(folder)
    return default_branch(top) if top is not None else DEFAULT_BRANCH


def subfolder_note(folder: Path) -> str | None:
    """A word when ``folder`` sits below the top of a git repository: GitHub and Read the
    Docs read their files at the top only."""
    from .markdown.repo import git_toplevel

    top = git_toplevel(folder)
    if top is None or top == folder.resolve():
        return None
    rel = folder.resolve().relative_to(top).as_posix()
    return (f"Note: '{folder}' is the folder '{rel}' of the git repository at '{top}'. "
            f"GitHub and Read the Docs read {WORKFLOW} and {READTHEDOCS} at the top of a "
            "repository only: move them there and give them the folder (see "
            "\"A writeup in a folder of a repository\" in docs/hosting.md).")


def publish_steps(branch: str) -> list[str]:
    """What to do once to publish the writeup, for the "Next:" lines."""
    return ["To publish it, push it to GitHub and set Settings > Pages > Source to",
            f"\"GitHub Actions\": every push to {branch} then deploys it ({WORKFLOW}).",
            f"Or import the repository on Read the Docs ({READTHEDOCS})."]
