"""The scaffold of a portfolio: ``mkdocs-portfolio new DIR --projects N`` and
``mkdocs-portfolio add-project NAME``.

A new portfolio is the one-project scaffold (the same ``mkdocs.yml`` template, the same
checklist pages) with one folder of pages per project, one nav section each, and
``projects: true``; ``add-project`` adds a folder and its nav section to a site.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..markdown.util import slugify

PAGES = ("problem.md", "approach.md", "results.md", "demo.md", "dead-ends.md",
         "next-steps.md")
"""The checklist pages of a project, in reading order."""
AUTHOR_STUB = """      projects: true  # each top-level nav section is a project
      author:
        name: Your Name
        bio: One line on what you build.
        # photo: img/me.jpg
        links:
          github: https://github.com/you
          # linkedin: https://www.linkedin.com/in/you
          # huggingface: https://huggingface.co/you
          # scholar: https://scholar.google.com/citations?user=...
          # email: you@example.org
          # cv: cv.pdf
"""
_NAV = re.compile(r"^nav:[ \t]*$", re.MULTILINE)


class ScaffoldError(Exception):
    """A problem the user can fix (printed as one message)."""


def project_pages(scaffold_docs: Path, slug: str) -> dict[str, str]:
    """``docs/<slug>/<page>`` -> text, from the one-project scaffold's pages."""
    return {f"docs/{slug}/{name}": (scaffold_docs / name).read_text(encoding="utf-8")
            for name in PAGES}


def nav_section(title: str, slug: str, indent: str = "  ") -> str:
    """One nav section: ``- Title:`` and the project's pages under it."""
    quoted = title.replace('"', "'")
    lines = [f'{indent}- "{quoted}":'] + [f"{indent}    - {slug}/{p}" for p in PAGES]
    return "\n".join(lines)


def with_projects(config: str, sections: Sequence[str]) -> str:
    """The one-project ``mkdocs.yml`` made a portfolio: ``projects: true``, the author,
    and ``nav`` as one section per project."""
    config = config.replace("  - portfolio:\n", "  - portfolio:\n" + AUTHOR_STUB, 1)
    match = _NAV.search(config)
    if match is None:
        raise ScaffoldError("the scaffold's mkdocs.yml has no 'nav:'")
    return config[:match.end()] + "\n" + "\n".join(sections) + "\n"


def portfolio_files(config: str, scaffold_docs: Path, count: int) -> dict[str, str]:
    """Every file of a new portfolio of ``count`` projects (``config``: the one-project
    ``mkdocs.yml``)."""
    files: dict[str, str] = {}
    sections = []
    for number in range(1, count + 1):
        slug = f"project-{number}"
        files.update(project_pages(scaffold_docs, slug))
        sections.append(nav_section(f"Project {number}", slug))
    files["mkdocs.yml"] = with_projects(config, sections)
    return files


def add_project(config_file: Path, name: str, scaffold_docs: Path) -> list[str]:
    """Add the project ``name`` to the site of ``config_file``: its folder of checklist
    pages, and its section at the end of the nav. Returns the paths written."""
    slug = slugify(name)
    if not slug or not name.strip():
        raise ScaffoldError(f"NAME {name!r} has no letters or digits for the folder's name")
    try:
        text = config_file.read_text(encoding="utf-8")
    except OSError as error:
        raise ScaffoldError(f"cannot read '{config_file}': {error.strerror}") from None
    docs = config_file.parent / _docs_dir(text)
    folder = docs / slug
    if folder.exists():
        raise ScaffoldError(f"'{folder}' exists already; choose another NAME")
    written = []
    for rel, page in project_pages(scaffold_docs, slug).items():
        path = docs / rel.removeprefix("docs/")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page, encoding="utf-8")
        written.append(str(path))
    match = _NAV.search(text)
    if match is not None:
        end = _block_end(text, match.end())
        item = re.search(r"^([ \t]*)- ", text[match.end():end], re.MULTILINE)
        indent = item[1] if item else "  "
        section = nav_section(name.strip(), slug, indent)
        text = text[:end].rstrip("\n") + "\n" + section + "\n" + text[end:]
        config_file.write_text(text, encoding="utf-8")
        written.append(str(config_file))
    return written


def _docs_dir(text: str) -> str:
    found = re.search(r"^docs_dir:[ \t]*['\"]?([^'\"\n#]+)", text, re.MULTILINE)
    return found[1].strip() if found else "docs"


def _block_end(text: str, start: int) -> int:
    """Where the YAML block that starts at ``start`` ends: the next top-level key."""
    found = re.compile(r"^[^\s#-]", re.MULTILINE).search(text, start + 1)
    return found.start() if found else len(text)


def add_command(commands: Any, scaffold_docs: Path) -> None:
    """The ``add-project`` subcommand, on the command line's subparsers."""
    add = commands.add_parser(
        "add-project", help="add a project to a portfolio",
        description="Add a project to the site: a folder of docs/ named after NAME with "
                    "a page for every part of a great writeup, and its section at the end "
                    "of the nav of mkdocs.yml. The site needs 'projects: true' (or the "
                    "project in its 'projects:' list) for the project to get its overview "
                    "and its card.")
    add.add_argument("name", metavar="NAME", help="the project's title")
    add.add_argument("-f", "--config-file", metavar="FILE", default="mkdocs.yml",
                     help="the site's config (default: mkdocs.yml)")

    def run(args: argparse.Namespace) -> int:
        written = add_project(Path(args.config_file), args.name, scaffold_docs)
        print(f"Added the project '{args.name.strip()}': {len(written)} files")
        for path in written:
            print(f"  {path}")
        return 0

    add.set_defaults(func=run)
