"""The one resolver for paths that come from config, front matter or a page.

Every such path is text an author (or an attacker) wrote. :func:`resolve_under`
turns it into a file or folder under a root, and :func:`site_path` into a path
inside the built site; both refuse, with a :class:`PathProblem` that names what
the path is for (``what``: the option or the page) and the path as written:

- an empty path, a NUL or other control character, an absolute path;
- a name longer than the file system allows (255 bytes), a path over 4096;
- a path that leaves its root, by ``..`` or by a symbolic link;
- a symbolic link loop, a part of the path that is a file;
- a named pipe (FIFO), a device or a socket, or a folder where a file is needed.

No MkDocs import: the Markdown extension uses it for snippets.
"""

from __future__ import annotations

import errno
import os
import posixpath
import re
import stat
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Literal

from .util import PortfolioError

NAME_MAX = 255
"""Longest name of one file or folder, in bytes (Linux, macOS and Windows file systems)."""
PATH_MAX = 4096
"""Longest path, in bytes."""
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_DRIVE = re.compile(r"^[A-Za-z]:")


class PathProblem(PortfolioError):
    """A path from config or a page that cannot be used; the message says why."""


def printable(text: str) -> str:
    """``text`` with its control characters escaped (``\\x00``), for a message."""
    return _CONTROL.sub(lambda m: repr(m[0])[1:-1], text)


def shown(rel: str, limit: int = 100) -> str:
    """A path as written, quoted for a message: control characters escaped, a very long
    one cut (with its length)."""
    text = printable(rel)
    if len(text) > limit:
        text = f"{text[:limit]}... ({len(rel)} characters)"
    return f"'{text}'"


def _fail(what: str, rel: str, problem: str, noun: str = "") -> PathProblem:
    return PathProblem(f"{printable(what)}: {noun + ' ' if noun else ''}{shown(rel)} {problem}")


def check_chars(rel: str, what: str) -> None:
    """Refuse a NUL or another control character, which no file name (or URL) holds."""
    char = _CONTROL.search(rel)
    if char:
        name = "a NUL character" if char[0] == "\0" else "a control character"
        raise _fail(what, rel, f"holds {name} ({repr(char[0])[1:-1]}); no file name can")


def check_text(rel: str, what: str, *, relative: bool = True) -> None:
    """Refuse a path that no file system takes: empty, with a NUL or control character,
    a name over 255 bytes, a whole over 4096 (and, if ``relative``, an absolute one)."""
    if not rel.strip():
        raise PathProblem(f"{printable(what)}: no path given")
    check_chars(rel, what)
    if relative and (rel.startswith(("/", "\\")) or _DRIVE.match(rel)):
        raise _fail(what, rel, "is an absolute path; give a relative one")
    try:
        encoded = os.fsencode(rel)
    except UnicodeEncodeError:  # a lone surrogate (from a YAML escape such as "\ud800")
        raise _fail(what, rel, "holds a character that no file name can (a lone "
                               "surrogate)") from None
    if len(encoded) > PATH_MAX:
        raise _fail(what, rel, f"is longer than {PATH_MAX} bytes, the longest path there is")
    for part in re.split(r"[/\\]", rel):
        if len(os.fsencode(part)) > NAME_MAX:
            raise _fail(what, rel, f"has a name longer than {NAME_MAX} bytes "
                                   f"({shown(part, 40)}), the longest a file name can be")


Kind = Literal["file", "folder", "any"]


def _kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def resolve_under(root: Path, rel: str, what: str, *, kind: Kind = "file",
                  must_exist: bool = True, noun: str = "", root_name: str = "") -> Path:
    """The real path of ``rel`` under ``root`` (itself resolved), checked to stay inside it
    and to be a regular file (``kind="file"``) or a folder (``"folder"``).

    Messages read ``{what}: {noun} '{rel}' {problem}``; ``root_name`` names the root in
    them (``the source root``)."""
    check_text(rel, what)
    root = _resolved(root, str(root), what, noun)
    where = f"{root_name} {root}" if root_name else str(root)
    path = _resolved(root / rel, rel, what, noun, where)
    if not path.is_relative_to(root):
        raise _fail(what, rel, f"is outside {where}; only files under it can be used", noun)
    return _checked(path, rel, what, kind, must_exist, noun, where)


def real_path(path: Path, what: str, *, kind: Kind = "file", must_exist: bool = True,
              noun: str = "") -> Path:
    """The real path of ``path`` (absolute or relative to the working folder), refusing
    what :func:`check_text` refuses and checked as :func:`resolve_under` checks, with no
    root to stay in: for the paths a user gives on the command line, or ``source.root``."""
    rel = str(path)
    check_text(rel, what, relative=False)
    return _checked(_resolved(path, rel, what, noun), rel, what, kind, must_exist, noun, "")


def _resolved(path: Path, rel: str, what: str, noun: str, where: str = "") -> Path:
    try:
        resolved = path.resolve()
        # Python < 3.13 stops at a loop on the way and joins the rest unresolved
        # ("loop/../link" gives "link", which may lead anywhere): a real path is its own.
        if resolved.resolve() != resolved:
            raise _fail(what, rel, "goes through a symbolic link loop", noun)
        return resolved
    except RuntimeError:  # Python < 3.13: "Symlink loop from ..."
        raise _fail(what, rel, "is a symbolic link loop", noun) from None
    except (OSError, ValueError) as error:
        if isinstance(error, ValueError):
            raise _fail(what, rel, "cannot be a path", noun) from None
        raise _os_problem(what, rel, error, noun, where) from None


def _checked(path: Path, rel: str, what: str, kind: Kind, must_exist: bool, noun: str,
             where: str) -> Path:
    try:
        mode = path.stat().st_mode
    except OSError as error:
        if not must_exist and error.errno == errno.ENOENT:
            return path
        raise _os_problem(what, rel, error, noun, where) from None
    if kind == "file" and not stat.S_ISREG(mode):
        found = _kind_of(mode)
        raise _fail(what, rel, f"is {found}, not a file" if found == "a folder"
                    else f"is {found}, not a regular file", noun)
    if kind == "folder" and not stat.S_ISDIR(mode):
        raise _fail(what, rel, "is a file, not a folder" if stat.S_ISREG(mode)
                    else f"is {_kind_of(mode)}, not a folder", noun)
    return path


def _os_problem(what: str, rel: str, error: OSError, noun: str = "",
                where: str = "") -> PathProblem:
    reasons = {
        errno.ENOENT: f"does not exist (in {where})" if where else "does not exist",
        errno.ELOOP: "is a symbolic link loop",
        errno.ENOTDIR: "goes through a file as if it were a folder",
        errno.ENAMETOOLONG: "is too long for the file system",
        errno.EACCES: "cannot be read (permission denied)",
    }
    return _fail(what, rel, reasons.get(error.errno or 0, f"cannot be used ({error.strerror})"),
                 noun)


def inside(rel: str, what: str, *, place: str, allow_top: bool = False) -> str:
    """``rel`` normalised (``a/./b`` -> ``a/b``, ``\\`` -> ``/``), refusing what
    :func:`check_text` refuses and a ``..`` that leaves ``place`` (``the repository``);
    ``allow_top``: ``.`` (the top of ``place`` itself) is a path too."""
    check_text(rel, what)
    norm = posixpath.normpath(rel.replace("\\", "/"))
    if norm == ".." or norm.startswith("../"):
        raise PathProblem(f"{printable(what)}: must be a path inside {place}, not {shown(rel)}")
    if norm == "." and not allow_top:
        raise _fail(what, rel, f"names {place} itself; give a file name")
    return norm


def site_path(rel: str, what: str, *, suffix: str = "") -> str:
    """``rel`` as a normalised path of a file inside the built site (:func:`inside`),
    refusing also a path that names a folder (``reports/``) and, with ``suffix``, one
    that does not end with it."""
    check_text(rel, what)
    if rel.endswith(("/", "\\")):
        raise _fail(what, rel, "names a folder; give a file name, such as 'reports/audit.json'")
    norm = inside(rel, what, place="the built site")
    if suffix and not norm.endswith(suffix):
        raise _fail(what, rel, f"must end with '{suffix}'")
    return norm


OTHER_OUTPUTS = {
    "sitemap.xml": "MkDocs' sitemap", "sitemap.xml.gz": "MkDocs' sitemap",
    "404.html": "the theme's 404 page", "search/search_index.json": "the search plugin",
}
"""Files of the built site that are not in MkDocs' file list: written after the pages."""


def taken_paths(files: Iterable[Any]) -> dict[str, str]:
    """Every path of the built site that is spoken for, with who makes it: the files of
    the build (MkDocs' ``File``: ``dest_uri`` made from ``src_uri``) and
    :data:`OTHER_OUTPUTS`."""
    taken = dict(OTHER_OUTPUTS)
    taken.update({f.dest_uri: f"'{f.src_uri}'" for f in files})
    return taken


def check_dest(dest: str, taken: Mapping[str, str], what: str) -> None:
    """Refuse a site path that another file of the build has, that is a folder of them, or
    that goes through one of them as if it were a folder (``taken``: :func:`taken_paths`,
    each site path with who makes it)."""
    folder = dest.rstrip("/") + "/"
    if dest in taken:
        raise _fail(what, dest, f"is already a file of the built site (made from "
                                f"{taken[dest]}): it would be overwritten; choose a free path")
    parts = dest.split("/")
    for i in range(1, len(parts)):
        above = "/".join(parts[:i])
        if above in taken:
            raise _fail(what, dest, f"goes through '{above}', a file of the built site (made "
                                    f"from {taken[above]}), as if it were a folder; choose "
                                    "a free path")
    for other in taken:
        if other.startswith(folder):
            raise _fail(what, dest, f"is a folder of the built site (it holds '{other}'); "
                                    "give a file name")


def write_inside(site_dir: str | os.PathLike[str], rel: str, what: str) -> Path:
    """The file to write ``rel`` to under ``site_dir``, its folders made: refuses a path
    that is a folder or leads out of ``site_dir`` through a symbolic link."""
    root = Path(site_dir).resolve()
    target = resolve_under(root, rel, what, kind="file", must_exist=False,
                           root_name="the built site")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _os_problem(what, rel, error) from None
    return target
