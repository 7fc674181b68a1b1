"""``mkdocs-portfolio new DIR --projects N`` and ``add-project NAME``: the scaffold of a
portfolio builds at once, one overview and one card per project."""

from __future__ import annotations

from pathlib import Path

import pytest

from mkdocs_portfolio.cli import main

from .harness import build


def test_new_portfolio_and_add_project_build(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "site"
    assert main(["new", str(folder), "--projects", "2"]) == 0
    assert (folder / "docs/project-2/dead-ends.md").is_file()
    assert main(["add-project", "Shelf <Scanner>", "-f", str(folder / "mkdocs.yml")]) == 0
    assert "shelf-scanner/problem.md" in capsys.readouterr().out
    built = build(folder, config_file=folder / "mkdocs.yml", allow_warnings=True)
    cards = built.article("index.md").select(".pf-card")
    assert [c["id"] for c in cards] == ["project-project-1", "project-project-2",
                                        "project-shelf-scanner"]
    assert cards[2].select_one(".pf-card__title").get_text() == "Shelf <Scanner>"
    for slug in ("project-1", "project-2", "shelf-scanner"):
        assert built.article(f"{slug}/index.md").select_one(".pf-overview") is not None
    assert built.error is None


def test_add_project_refuses_an_existing_folder(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "site"
    assert main(["new", str(folder), "--projects", "1"]) == 0
    assert main(["add-project", "Project 1", "-f", str(folder / "mkdocs.yml")]) == 2
    assert "exists already" in capsys.readouterr().err
    assert main(["add-project", "!!!", "-f", str(folder / "mkdocs.yml")]) == 2


def test_audit_command_prints_each_projects_scorecard(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "site"
    assert main(["new", str(folder), "--projects", "2"]) == 0
    capsys.readouterr()
    main(["audit", "-f", str(folder / "mkdocs.yml")])
    out = capsys.readouterr().out
    assert "Project 'Project 1': Portfolio checklist" in out
    assert "Project 'Project 2': Portfolio checklist" in out
    assert "Gallery: 0 of 2 cards are complete" in out
