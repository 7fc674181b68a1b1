"""Where snippet files live: the source root, git, and permalinks on each forge."""

from __future__ import annotations

import os
import subprocess
from dataclasses import field
from pathlib import Path
from urllib.parse import quote, urlsplit

from ..lazydata import dataclass
from ..log import log
from .paths import inside, real_path, shown
from .urls import web_url
from .util import mtime_ns

FORGES = ("github", "gitlab", "gitea", "bitbucket")
"""Forges whose permalinks we know; Forgejo and Codeberg link like Gitea."""

HOST_HINTS = (
    ("github", "github"),
    ("gitlab", "gitlab"),
    ("bitbucket", "bitbucket"),
    ("codeberg", "gitea"),
    ("gitea", "gitea"),
    ("forgejo", "gitea"),
)


def git(args: list[str], cwd: Path) -> str | None:
    """The stripped output of a git command, or ``None`` when it fails."""
    try:
        done = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, text=True, timeout=20, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    return done.stdout.strip()


@dataclass(frozen=True)
class RepoSettings:
    """Where snippets come from and link to, as configured (see :meth:`Repo.discover`)."""

    root: str = ""
    """The folder snippet paths are relative to (default: the git top level)."""
    ref: str = ""
    """The commit links point at (default: ``git rev-parse HEAD``)."""
    repo_url: str = ""
    forge: str = ""
    """github, gitlab, gitea or bitbucket (default: from ``repo_url``)."""
    root_in_repo: str = ""
    """Where the root sits in the repository at ``repo_url`` (default: as in git)."""


_TOPLEVELS: dict[tuple[str, str], tuple[object, Path | None]] = {}
_HEADS: dict[Path, tuple[object, str | None]] = {}
"""What git said, per process: ``mkdocs serve`` asks on every rebuild, and each
``git`` process costs a few milliseconds of the rebuild. Kept while the stamps of
the files git reads for it are the same."""


def _env_key() -> tuple[str | None, ...]:
    return tuple(os.environ.get(k) for k in ("GIT_DIR", "GIT_WORK_TREE", "GIT_CEILING_DIRECTORIES"))


def git_toplevel(folder: Path) -> Path | None:
    """The top level of the git work tree holding ``folder``."""
    if not folder.is_dir():
        return None
    absolute = folder if folder.is_absolute() else Path.cwd() / folder
    # The nearest .git at or above the folder: a new one (git init) or a moved one
    # gives another answer.
    nearest = None
    for folder_or_parent in (absolute, *absolute.parents):
        stamp = mtime_ns(folder_or_parent / ".git")
        if stamp is not None:
            nearest = (str(folder_or_parent), stamp)
            break
    if nearest is None and not (os.environ.get("GIT_DIR") or os.environ.get("GIT_WORK_TREE")):
        return None  # what git would say, without starting it (about 1.5 ms a time)
    key = (nearest, _env_key())
    cached = _TOPLEVELS.get((str(absolute), str(Path.cwd())))
    if cached is not None and cached[0] == key:
        return cached[1]
    out = git(["rev-parse", "--show-toplevel"], folder)
    found = Path(out).resolve() if out else None
    _TOPLEVELS[(str(absolute), str(Path.cwd()))] = (key, found)
    return found


def head_sha(toplevel: Path) -> str | None:
    """The commit checked out at ``toplevel``; asked of git again only when HEAD, the
    branch it names, the packed refs or the reflog changed (a commit, a checkout)."""
    git_dir = toplevel / ".git"
    key: object = None
    if git_dir.is_dir():  # a worktree or submodule keeps .git elsewhere: ask each time
        try:
            head = (git_dir / "HEAD").read_text(encoding="utf-8").strip()
        except OSError:
            head = ""
        ref = head[5:].strip() if head.startswith("ref: ") else ""
        key = (head, mtime_ns(git_dir / ref) if ref else None, mtime_ns(git_dir / "packed-refs"),
               mtime_ns(git_dir / "logs" / "HEAD"), _env_key())
        cached = _HEADS.get(toplevel)
        if cached is not None and cached[0] == key:
            return cached[1]
    sha = git(["rev-parse", "HEAD"], toplevel)
    if key is not None:
        _HEADS[toplevel] = (key, sha)
    return sha


def forge_of(repo_url: str) -> str | None:
    """The forge of a repository URL, told from its host name."""
    host = (urlsplit(repo_url).hostname or "").lower()
    for hint, forge in HOST_HINTS:
        if hint in host:
            return forge
    return None


def permalink(forge: str, repo_url: str, ref: str, path: str,
              start: int | None = None, end: int | None = None) -> str:
    """The URL of ``path`` at ``ref``, and of lines ``start``-``end`` when given."""
    base = repo_url.rstrip("/")
    if base.endswith(".git"):
        base = base[:-4]
    quoted = quote(path)
    ref = quote(ref, safe="")
    single = start is not None and (end is None or end == start)
    if forge == "gitlab":
        url = f"{base}/-/blob/{ref}/{quoted}"
        frag = f"L{start}" if single else f"L{start}-{end}"
    elif forge == "gitea":
        url = f"{base}/src/commit/{ref}/{quoted}"
        frag = f"L{start}" if single else f"L{start}-L{end}"
    elif forge == "bitbucket":
        url = f"{base}/src/{ref}/{quoted}"
        frag = f"lines-{start}" if single else f"lines-{start}:{end}"
    else:
        url = f"{base}/blob/{ref}/{quoted}"
        frag = f"L{start}" if single else f"L{start}-L{end}"
    return url if start is None else f"{url}#{frag}"


@dataclass
class Repo:
    """The source root of one build, and what git says about it."""

    root: Path
    toplevel: Path | None = None
    sha: str | None = None
    repo_url: str = ""
    forge: str | None = None
    tracked: set[str] | None = field(default=None, repr=False)
    """Repository-relative paths of committed files (``None``: not asked yet)."""
    dirty: set[str] = field(default_factory=set, repr=False)
    reported: set[str] = field(default_factory=set, repr=False)
    root_in_repo: str | None = None
    """Where ``root`` sits in the repository at ``repo_url`` (``None``: as in git)."""

    @classmethod
    def discover(cls, root: str, docs_dir: str, ref: str, repo_url: str,
                 forge: str = "", root_in_repo: str | None = None,
                 toplevel: Path | None = None) -> Repo:
        """Resolve the source root and ask git for its top level (unless the caller knows
        it: ``toplevel``) and commit."""
        if repo_url and not web_url(repo_url):
            log.warning(f"the repository URL '{repo_url}' (source.repo_url, or else repo_url) "
                        "is not an http(s) URL as a browser reads it; source snippets do not "
                        "link to it")
            repo_url = ""
        base = Path(docs_dir).resolve() if docs_dir else Path.cwd()
        if root:  # a NUL or a symbolic link loop stops with a message naming the setting
            folder = real_path(Path(root), "source_root", kind="any", must_exist=False)
        else:
            folder = git_toplevel(base) or (base.parent if docs_dir else base)
        toplevel = toplevel or git_toplevel(folder)
        sha = ref or (head_sha(toplevel) if toplevel else None) or None
        chosen = forge or (forge_of(repo_url) if repo_url else None)
        if repo_url and not chosen:
            log.warning(
                f"cannot tell which forge hosts repo_url '{repo_url}'; source snippets "
                f"link like GitHub. Set source.forge to one of: {', '.join(FORGES)}"
            )
            chosen = "github"
        return cls(folder, toplevel, sha, repo_url, chosen, root_in_repo=root_in_repo)

    @property
    def links_out(self) -> bool:
        """Whether snippets link to the forge (else to generated pages, if any)."""
        return bool(self.repo_url and self.sha)

    def git_path(self, path: Path) -> str:
        """The path of a file relative to the git top level (or to the root)."""
        top = self.toplevel or self.root
        try:
            return path.relative_to(top).as_posix()
        except ValueError:
            return path.relative_to(self.root).as_posix()

    def repo_path(self, path: Path) -> str:
        """The path of a file as the forge names it."""
        if self.root_in_repo is None:
            return self.git_path(path)
        prefix = self.root_in_repo.strip().strip("/")
        rel = path.relative_to(self.root).as_posix()
        return f"{prefix}/{rel}" if prefix and prefix != "." else rel

    def link(self, path: Path, start: int | None = None, end: int | None = None) -> str | None:
        """The forge permalink of a file (and lines), or ``None`` without a forge."""
        if not self.links_out:
            return None
        assert self.sha is not None
        self._check_committed(self.git_path(path))
        return permalink(self.forge or "github", self.repo_url, self.sha, self.repo_path(path),
                         start, end)

    def committed(self, rel: str) -> bool:
        """Whether git has the file at ``rel`` (relative to the git top level)."""
        if self.toplevel is None:
            return False
        if self.tracked is None:
            listed = git(["ls-files", "-z"], self.toplevel)
            self.tracked = set(listed.split("\0")) if listed else set()
            changed = git(["diff", "--name-only", "-z", "HEAD"], self.toplevel)
            self.dirty = set(changed.split("\0")) if changed else set()
        return rel in self.tracked

    def _check_committed(self, rel: str) -> None:
        if self.toplevel is None:
            return
        self.committed(rel)
        assert self.tracked is not None
        if rel in self.reported:
            return
        self.reported.add(rel)
        if rel not in self.tracked:
            log.info(f"'{rel}' is not committed: its permalinks will not resolve until it is")
        elif rel in self.dirty:
            log.info(f"'{rel}' has uncommitted changes: its permalinks show the file at "
                     f"{(self.sha or '')[:12]}, where lines may differ")


def discover_repo(base: Path, docs_dir: str, settings: RepoSettings) -> Repo:
    """The repository snippets come from: a relative ``source.root`` is relative to
    ``base`` (the config file's folder); without one, the git top level of ``docs_dir``."""
    toplevel = None
    if settings.root:
        # A loop or a NUL stops the build.
        folder = real_path(base / settings.root, f"source.root {shown(settings.root)}",
                           kind="any", must_exist=False)
        if not folder.is_dir():
            log.warning(f"source.root '{settings.root}' is not a folder ({folder}): source "
                        "snippets cannot find their files")
    else:
        toplevel = git_toplevel(Path(docs_dir))
        folder = toplevel or base.resolve()
    in_repo = settings.root_in_repo or None
    if in_repo:
        in_repo = inside(in_repo, "source.root_in_repo", place="the repository",
                         allow_top=True)
    return Repo.discover(str(folder), docs_dir, settings.ref, settings.repo_url,
                         settings.forge, in_repo, toplevel=toplevel)
