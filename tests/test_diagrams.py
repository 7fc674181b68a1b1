"""Mermaid from the site: the pinned copy, its licence, the stand-in in ``portfolio.js``,
and the copy in the built site only when a page has a diagram (real builds)."""

from __future__ import annotations

import gzip
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from mkdocs_portfolio import diagrams
from mkdocs_portfolio.bundle import bundle, minify_js

from . import harness
from .conftest import BuildSite
from .demo_sites import QUIET
from .harness import attempt

DIAGRAM = """
# Pipeline

```mermaid
graph LR
  A[Images] --> B(Model)
```
"""
PLAIN = "# Plain\n\nNo diagram here, only the word mermaid in prose.\n"
COPY = f"{diagrams.SITE_DIR}/mermaid.min.js"
LICENSE = f"{diagrams.SITE_DIR}/LICENSE"


def portfolio(**visuals: Any) -> dict[str, Any]:
    return {"plugins": [{"portfolio": dict(QUIET, visuals=visuals)}]}


def test_vendored_copy_is_the_pinned_version_with_its_licence() -> None:
    version = diagrams.pinned_version()
    assert version.split(".")[0] == str(diagrams.MATERIAL_MAJOR)
    script = diagrams.VENDORED.read_text(encoding="utf-8")
    assert diagrams.embedded_version(script) == version
    assert 'globalThis["mermaid"]' in script  # the browser build, which sets the global
    licence = diagrams.LICENSE.read_text(encoding="utf-8")
    assert licence.startswith("The MIT License") and "Knut Sveidqvist" in licence


def test_shim_is_in_portfolio_js_and_out_with_cdn() -> None:
    shim = minify_js((diagrams.VENDOR_DIR.parents[1] / diagrams.SHIM).read_text("utf-8"))
    assert shim in bundle(".js")
    assert shim not in bundle(".js", frozenset({diagrams.SHIM}))
    assert "mermaid.min.js" not in bundle(".js", frozenset({diagrams.SHIM}))
    assert "vendor" not in bundle(".js")  # the copy is served on its own, never joined


@pytest.mark.parametrize("urls", [True, False])
def test_copy_is_in_the_site_when_a_page_has_a_diagram(build_site: BuildSite,
                                                       urls: bool) -> None:
    config = portfolio() | {"use_directory_urls": urls, "site_url": "https://x.test/sub/"}
    site = build_site({"index.md": PLAIN, "deep/pipeline.md": DIAGRAM}, config)
    copy = site.site_dir / COPY
    assert copy.read_bytes() == diagrams.VENDORED.read_bytes()
    assert (site.site_dir / LICENSE).read_bytes() == diagrams.LICENSE.read_bytes()
    # The stand-in finds it beside portfolio.js, which every page links to.
    js = (site.site_dir / "assets/portfolio/portfolio.js").read_text(encoding="utf-8")
    assert '"mermaid/mermaid.min.js"' in js
    assert copy.parent.parent == site.site_dir / "assets/portfolio"
    page = "deep/pipeline/index.html" if urls else "deep/pipeline.html"
    scripts = [s.get("src") for s in site.soup(page).select("script[src]")]
    up = "../../" if urls else "../"
    assert f"{up}assets/portfolio/portfolio.js" in scripts
    assert site.soup(page).select_one("pre.mermaid") is not None


def test_no_copy_without_a_diagram(build_site: BuildSite) -> None:
    site = build_site({"index.md": PLAIN}, portfolio())
    assert not (site.site_dir / diagrams.SITE_DIR).exists()
    # The stand-in is still there: instant navigation does not re-run scripts, and it
    # costs nothing on a page without a diagram.
    js = (site.site_dir / "assets/portfolio/portfolio.js").read_text(encoding="utf-8")
    assert "mermaid/mermaid.min.js" in js


def test_cdn_is_materials_own_loading(build_site: BuildSite) -> None:
    site = build_site({"index.md": DIAGRAM}, portfolio(mermaid_script="cdn"))
    assert not (site.site_dir / diagrams.SITE_DIR).exists()
    js = (site.site_dir / "assets/portfolio/portfolio.js").read_text(encoding="utf-8")
    assert "mermaid" not in js
    assert site.soup("index.html").select_one("pre.mermaid") is not None


def test_a_file_of_the_authors_at_that_path_wins(build_site: BuildSite) -> None:
    mine = b"/* the author's own */"
    site = build_site({"index.md": DIAGRAM, COPY: mine}, portfolio())
    assert (site.site_dir / COPY).read_bytes() == mine


def test_dirty_rebuild_keeps_the_copy_of_a_page_not_rendered_again(tmp_path: Path) -> None:
    pages = {"index.md": PLAIN, "pipeline.md": DIAGRAM}
    with harness.serving(tmp_path, pages, portfolio()) as site:
        copy = site.root / "site" / COPY
        assert copy.is_file()
        copy.unlink()
        # A --dirty rebuild renders the edited page alone; pipeline.md's record, with
        # its diagram, is kept, and so the copy is made again.
        site.edit("index.md", PLAIN + "\nMore.\n")
        assert copy.is_file()


@pytest.mark.parametrize("value", ["unpkg", True, ""])
def test_bad_value_is_a_clear_config_error(tmp_path: Path, value: object) -> None:
    built = attempt(tmp_path, {"index.md": DIAGRAM}, portfolio(mermaid_script=value))
    assert built.error is not None
    message = built.stop_message
    assert "mermaid_script" in message and "'site', 'cdn'" in message, message
    assert "Traceback" not in message


def test_sizes_written_in_the_docs_are_the_shipped_ones() -> None:
    raw = diagrams.VENDORED.stat().st_size
    packed = len(gzip.compress(diagrams.VENDORED.read_bytes(), compresslevel=9, mtime=0))
    docs = (Path(__file__).parent.parent / "docs" / "visuals.md").read_text(encoding="utf-8")
    assert f"Mermaid {diagrams.pinned_version()}" in docs
    assert f"{raw / 1e6:.2f} MB" in docs and f"{packed / 1e3:.0f} KB gzipped" in docs


@pytest.mark.parametrize(("version", "says"), [("12.3.0", "uses Mermaid 11"),
                                               ("11", "exact version")])
def test_update_script_refuses_a_pin_material_does_not_load(version: str, says: str) -> None:
    script = Path(__file__).parent.parent / "scripts" / "update_mermaid.py"
    done = subprocess.run([sys.executable, str(script), version], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 2 and says in done.stderr, done.stderr
    assert diagrams.VENDORED.is_file()  # refused before anything was touched
