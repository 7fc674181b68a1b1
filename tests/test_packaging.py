"""The wheel carries everything a user needs; the console script answers."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from mkdocs_portfolio import __version__

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    run = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        capture_output=True, text=True, timeout=600,
    )
    assert run.returncode == 0, run.stderr
    (path,) = out.glob("mkdocs_portfolio-*.whl")
    return zipfile.ZipFile(path)


def test_wheel_carries_templates_and_assets(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    assert "mkdocs_portfolio/py.typed" in names
    shipped = {n for n in names if n.startswith("mkdocs_portfolio/")}
    for folder in ("assets", "templates", "scaffold"):
        for path in (ROOT / "mkdocs_portfolio" / folder).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                rel = path.relative_to(ROOT).as_posix()
                assert rel in shipped, f"{rel} is missing from the wheel"


def test_wheel_registers_the_plugin_and_the_script(wheel: zipfile.ZipFile) -> None:
    (entry_points,) = [n for n in wheel.namelist() if n.endswith("entry_points.txt")]
    text = wheel.read(entry_points).decode()
    assert "portfolio = mkdocs_portfolio.plugin:PortfolioPlugin" in text
    assert "mkdocs-portfolio = mkdocs_portfolio.cli:main" in text


def test_console_script_version_and_help() -> None:
    version = subprocess.run([sys.executable, "-m", "mkdocs_portfolio.cli", "--version"],
                             capture_output=True, text=True, timeout=60)
    assert version.returncode == 0
    assert version.stdout.strip() == f"mkdocs-portfolio {__version__}"
    helptext = subprocess.run([sys.executable, "-m", "mkdocs_portfolio.cli", "--help"],
                              capture_output=True, text=True, timeout=60)
    assert helptext.returncode == 0 and "usage: mkdocs-portfolio" in helptext.stdout


def test_wheel_carries_the_pinned_mermaid_and_its_licence(wheel: zipfile.ZipFile) -> None:
    from mkdocs_portfolio.diagrams import VENDOR_DIR, embedded_version, pinned_version

    folder = VENDOR_DIR.relative_to(ROOT).as_posix()
    version = wheel.read(f"{folder}/VERSION").decode().strip()
    assert version == pinned_version()
    assert embedded_version(wheel.read(f"{folder}/mermaid.min.js").decode()) == version
    assert wheel.read(f"{folder}/LICENSE").decode().startswith("The MIT License")
