"""Asking git where the work tree is: not at all where there is no ``.git`` to find."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from mkdocs_portfolio.markdown import repo


def test_no_git_is_started_outside_a_work_tree(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    if any((p / ".git").exists() for p in (tmp_path, *tmp_path.parents)):
        pytest.skip("the temporary folder is inside a git work tree")
    started: list[object] = []
    monkeypatch.setattr(repo, "git", lambda *args: started.append(args))
    monkeypatch.delenv("GIT_DIR", raising=False)
    monkeypatch.delenv("GIT_WORK_TREE", raising=False)
    assert repo.git_toplevel(tmp_path) is None
    assert started == []
    monkeypatch.setenv("GIT_DIR", str(tmp_path / "elsewhere.git"))
    repo.git_toplevel(tmp_path)
    assert started  # git decides where GIT_DIR is set


def test_a_work_tree_is_still_found(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "docs").mkdir()
    assert repo.git_toplevel(tmp_path / "docs") == tmp_path.resolve()
