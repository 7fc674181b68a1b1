"""A README brought in: read it, ask git about its repository, plan and write the files.

:func:`plan` reads everything and decides every file first; :func:`write` then
writes them, each through the path checks of :mod:`..markdown.paths`, never
outside the writeup's folder and never over a file that is there.
"""

from __future__ import annotations

import os
import posixpath
import re
import shutil
from dataclasses import field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from ..lazydata import dataclass
from ..markdown.paths import PathProblem, inside, resolve_under
from ..markdown.repo import forge_of, git, git_toplevel, permalink
from ..markdown.urls import web_url
from ..markdown.util import PortfolioError
from .links import Found, Outcome, Rewriter
from .split import Readme, split

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
OTHER_FORMATS = {".rst": "reStructuredText", ".txt": "plain text", ".adoc": "AsciiDoc",
                 ".asciidoc": "AsciiDoc", ".org": "Org", ".textile": "Textile",
                 ".ipynb": "a notebook", ".html": "HTML", ".pdf": "PDF"}
TAKEN = ("mkdocs.yml", "mkdocs.yaml", "docs")
"""What a writeup's folder must not hold yet: nothing of the user's is overwritten."""


class ReadmeProblem(PortfolioError):
    """A README that cannot be brought in, or a folder it cannot be brought into."""


def find_readme(folder: Path) -> Path:
    """The README of ``folder``: ``README.md``, or another spelling of it."""
    exact = folder / "README.md"
    if exact.is_file():
        return exact
    found = sorted(p for p in folder.iterdir() if p.name.lower().startswith("readme")) \
        if folder.is_dir() else []
    if not found:
        raise ReadmeProblem(f"there is no README.md in '{folder}'; give one with --from")
    markdown = [p for p in found if p.suffix.lower() in MARKDOWN_SUFFIXES]
    return markdown[0] if markdown else found[0]


def read_readme(path: Path) -> str:
    """The text of a Markdown README, or a :class:`ReadmeProblem` that names the file."""
    if not path.exists():
        raise ReadmeProblem(f"the README '{path}' does not exist")
    if not path.is_file():
        raise ReadmeProblem(f"the README '{path}' is not a file")
    suffix = path.suffix.lower()
    if suffix not in MARKDOWN_SUFFIXES:
        kind = OTHER_FORMATS.get(suffix, f"not a Markdown file (it ends with "
                                         f"'{suffix or 'no suffix'}', not '.md')")
        extra = ", not Markdown: convert it first (e.g. pandoc -t gfm)" \
            if suffix in OTHER_FORMATS else ""
        raise ReadmeProblem(f"the README '{path}' is {kind}{extra}")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ReadmeProblem(f"cannot read the README '{path}': {error.strerror}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = "\0"
    if "\0" in text:
        raise ReadmeProblem(f"the README '{path}' is not text (not UTF-8, or binary)")
    if not text.strip():
        raise ReadmeProblem(f"the README '{path}' is empty: there is nothing to bring in")
    return text


def https_remote(remote: str) -> str:
    """A git remote as the web page of its repository (``git@github.com:u/r.git`` ->
    ``https://github.com/u/r``), without credentials; ``""`` for a local path."""
    remote = remote.strip()
    scp = re.match(r"^(?:[\w.-]+@)?([\w.-]+\.[\w-]+):(?!//)(.+)$", remote)
    if scp and "://" not in remote:
        remote = f"https://{scp[1]}/{scp[2]}"
    parts = urlsplit(remote)
    if parts.scheme not in ("http", "https", "ssh", "git", "git+ssh") or not parts.hostname:
        return ""
    scheme = "http" if parts.scheme == "http" else "https"
    path = parts.path.rstrip("/").removesuffix(".git")
    url = urlunsplit((scheme, parts.hostname, path, "", ""))
    return url if web_url(url) and path.strip("/") else ""


def default_branch(top: Path) -> str:
    """The branch a forge shows first: origin's HEAD, else the one checked out."""
    head = git(["symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD"], top)
    if head and "/" in head:
        return head.split("/", 1)[1]
    return git(["symbolic-ref", "--quiet", "--short", "HEAD"], top) or "main"


class Locator:
    """What a README's paths name: files and folders under the repository's top (or the
    README's folder without git), checked by :func:`resolve_under`."""

    def __init__(self, readme_dir: Path, root: Path, docs_dir: Path) -> None:
        self.readme_dir, self.root, self.docs_dir = readme_dir, root, docs_dir

    def __call__(self, written: str) -> Found | str:
        rel = written.lstrip("/") if written.startswith("/") else \
            os.path.relpath(self.readme_dir / written, self.root)
        try:
            norm = inside(rel.replace(os.sep, "/"), "link", place="the repository",
                          allow_top=True)
            path = resolve_under(self.root, norm, "link", kind="any")
        except PathProblem as problem:
            text = str(problem)
            return "outside the repository" if "outside" in text or "inside" in text \
                else ("no such file" if "does not exist" in text else text.split(": ", 1)[-1])
        if not (path.is_dir() or path.is_file()):  # a FIFO, a device: never read
            return "not a regular file"
        repo_path = path.relative_to(self.root).as_posix()
        from_readme = repo_path if written.startswith("/") else posixpath.normpath(written)
        dest = repo_path if from_readme.startswith("../") or written.startswith("/") \
            else from_readme
        return Found("folder" if path.is_dir() else "file", repo_path,
                     os.path.relpath(path, self.docs_dir).replace(os.sep, "/"), dest)


@dataclass
class Plan:
    """Every file of the writeup, decided before anything is written."""

    folder: Path
    readme: Readme
    repo_url: str
    branch: str
    pages: dict[str, str]
    """``docs/`` path -> text."""
    copies: dict[str, Path] = field(default_factory=dict)
    """``docs/`` path -> the image file to copy there."""
    outcome: Outcome = field(default_factory=Outcome)


def plan(readme_file: Path, folder: Path, fallback_title: str) -> Plan:
    """Read the README and decide the writeup's pages and copies, writing nothing."""
    text = read_readme(readme_file)
    for name in TAKEN:
        if (folder / name).exists() or (folder / name).is_symlink():
            raise ReadmeProblem(f"'{folder / name}' already exists: nothing was written, "
                                "so that nothing of yours is overwritten")
    readme = split(text, fallback_title)
    readme_dir = readme_file.resolve().parent
    top = git_toplevel(readme_dir)
    root = top or readme_dir
    repo_url = https_remote((top and git(["remote", "get-url", "origin"], top)) or "")
    branch = default_branch(root) if repo_url else ""
    forge = forge_of(repo_url) or "github"

    def forge_url(path: str, kind: str) -> str:
        url = permalink(forge, repo_url, branch, path)
        return url.replace("/blob/", "/tree/", 1) if kind == "folder" and forge == "github" \
            else url

    docs = (folder.resolve() if folder.exists() else Path.cwd() / folder) / "docs"
    rewriter = Rewriter(readme, Locator(readme_dir, root, docs),
                        forge_url if repo_url else None,
                        readme_file.resolve().relative_to(root).as_posix())
    for page in readme.pages:
        rewriter.page(page)
    pages = {page.name: page.text for page in readme.pages}
    copies = {dest: root / repo_path for dest, repo_path in rewriter.outcome.copies.items()
              if dest not in pages}
    return Plan(folder, readme, repo_url, branch, pages, copies, rewriter.outcome)


def write(folder: Path, files: dict[str, str], copies: dict[str, Path]) -> None:
    """Write ``files`` (path in ``folder`` -> text) and copy ``copies`` (path in ``docs/``
    -> file), each checked to stay inside ``folder`` and to be new."""
    try:
        root = folder.resolve()
        targets = [(resolve_under(root, rel, "the writeup", must_exist=False,
                                  root_name="the writeup's folder"), text)
                   for rel, text in files.items()]
        images = [(resolve_under(root, f"docs/{rel}", "the writeup", must_exist=False,
                                 root_name="the writeup's folder"), source)
                  for rel, source in copies.items()]
        for path, _ in [*targets, *images]:
            if path.exists():
                raise ReadmeProblem(f"'{path}' already exists; nothing of yours is "
                                    "overwritten")
        root.mkdir(parents=True, exist_ok=True)
        for path, text in targets:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        for path, source in images:
            path.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, path)
    except PathProblem as problem:
        raise ReadmeProblem(str(problem)) from None
    except OSError as error:
        raise ReadmeProblem(f"cannot create the writeup in '{folder}': {error.strerror} "
                            f"('{error.filename}')") from None


def _listed(items: list[str], limit: int = 8) -> str:
    shown = ", ".join(items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def summary(made: Plan, readme_file: Path, site_name: str) -> str:
    """What was made, for the user: pages, copies, links, and what needs a look."""
    out = made.outcome
    pages = list(made.pages)
    lines = [f"Made a writeup from '{readme_file}' in '{made.folder}': mkdocs.yml "
             f"('{site_name}') and {len(pages)} page{'s' * (len(pages) != 1)} in docs/ "
             f"({_listed(pages, 20)})."]
    lines.append("  site_description: " + ("the README's first paragraph" if
                                           made.readme.description else "none found"))
    lines.append(f"  repo_url: {made.repo_url}" if made.repo_url else
                 "  repo_url: none (no git remote 'origin' with a web address)")
    if made.copies:
        lines.append(f"  Copied {len(made.copies)} image{'s' * (len(made.copies) != 1)} "
                     f"into docs/: {_listed(list(made.copies))}")
    if out.forge:
        lines.append(f"  Linked to {made.repo_url} (branch {made.branch}): "
                     f"{_listed(list(out.forge))}")
    if made.readme.dropped:
        lines.append(f"  Left out: {'; '.join(made.readme.dropped)}")
    if out.relative:
        lines.append(f"  {len(out.relative)} link{'s' * (len(out.relative) != 1)} to files "
                     "outside docs/ stay relative; MkDocs warns about them. Set repo_url "
                     "and link them to the forge, or move the files into docs/:")
        lines.extend(f"    {item}" for item in out.relative)
    if out.unresolved:
        lines.append(f"  {len(out.unresolved)} link{'s' * (len(out.unresolved) != 1)} "
                     "could not be resolved and stay as written:")
        lines.extend(f"    {item}" for item in out.unresolved)
    return "\n".join(lines)
