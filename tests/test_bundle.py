"""The shipped CSS and JS: one minified bundle each, small, and still correct."""

from __future__ import annotations

import gzip
import shutil
import subprocess
from pathlib import Path

import pytest

from mkdocs_portfolio.bundle import ASSETS_DIR, GALLERY, bundle, minify_css, minify_js
from mkdocs_portfolio.diagrams import SHIM

BUDGET = 6 * 1024
"""Issue budget: all the CSS and JS the plugin adds, gzipped (without the Mermaid
stand-in, as with ``visuals.mermaid_script: cdn``)."""
SHIM_BUDGET = 400
GALLERY_BUDGET = 1400
"""What a portfolio of several projects adds (its gallery's CSS and tag filter): only a
site with ``projects`` gets it."""
"""What the Mermaid stand-in may add to that (``site``, the default): it replaces a
request to a third party (unpkg.com) on every page with a diagram."""


def gzipped(text: str) -> int:
    return len(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))


def test_bundles_hold_every_source_file() -> None:
    css, js = bundle(".css"), bundle(".js")
    for path in ASSETS_DIR.glob("*.css"):
        first_rule = minify_css(path.read_text(encoding="utf-8")).split("{", 1)[0]
        assert first_rule in css, path.name
    for path in ASSETS_DIR.glob("*.js"):
        first_line = minify_js(path.read_text(encoding="utf-8")).split("\n", 1)[0]
        assert first_line in js, path.name


def test_bundles_fit_the_budget() -> None:
    size = gzipped(bundle(".css", GALLERY)) + gzipped(bundle(".js", GALLERY | {SHIM}))
    assert size <= BUDGET, f"{size} bytes gzipped, budget {BUDGET}"
    full = gzipped(bundle(".css")) + gzipped(bundle(".js", frozenset({SHIM})))
    assert 0 < full - size <= GALLERY_BUDGET, f"the gallery adds {full - size} bytes gzipped"
    shim = gzipped(bundle(".js")) - gzipped(bundle(".js", frozenset({SHIM})))
    assert 0 < shim <= SHIM_BUDGET, f"the Mermaid stand-in adds {shim} bytes gzipped"


def test_css_minifier_keeps_strings_and_meaningful_spaces() -> None:
    source = """
    /* a comment with an apostrophe: it's */
    .md-typeset :is(.a, .b) > p { content: "/* not a comment */";
      max-height: calc(var(--n) * 1lh + .77em); }
    :root { --icon: url('data:image/svg+xml;charset=utf-8,<svg viewBox="0 0 24 24"/>'); }
    """
    out = minify_css(source)
    assert out == (
        '.md-typeset :is(.a,.b) > p{content: "/* not a comment */";'
        "max-height: calc(var(--n) * 1lh + .77em)}"
        ":root{--icon: url('data:image/svg+xml;charset=utf-8,<svg viewBox=\"0 0 24 24\"/>')}"
    )


def test_js_minifier_keeps_strings_and_line_breaks() -> None:
    source = "/* it's a comment */\nvar u = 'http://x/*y*/';\n  // whole line\nf(u); // tail\n"
    assert minify_js(source) == "var u ='http://x/*y*/';\nf(u); // tail"


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_js_bundle_is_valid_javascript(tmp_path: Path) -> None:
    path = tmp_path / "portfolio.js"
    path.write_text(bundle(".js"), encoding="utf-8")
    node = shutil.which("node")
    assert node
    check = subprocess.run([node, "--check", str(path)], capture_output=True, text=True,
                           timeout=60)
    assert check.returncode == 0, check.stderr


def _fresh_bundle(suffix: str, cache: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    from mkdocs_portfolio import bundle as module
    from mkdocs_portfolio.cache import ENV

    monkeypatch.setenv(ENV, str(cache))
    module._bundle.cache_clear()
    return bundle(suffix)


@pytest.mark.parametrize("suffix", [".css", ".js"])
def test_a_kept_bundle_is_the_minified_one_and_is_checked(
        suffix: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first build minifies and keeps the result; the next reads it back. A kept file
    that is not what was written (damaged, or edited) is minified again and replaced."""
    from mkdocs_portfolio import bundle as module

    made = _fresh_bundle(suffix, tmp_path, monkeypatch)
    kept = list((tmp_path / "bundles").glob(f"*{suffix}"))
    assert len(kept) == 1
    digest, _, data = kept[0].read_bytes().partition(b"\n")
    assert data.decode("utf-8") == made

    kept[0].write_bytes(digest + b"\n" + data.replace(b"}", b"};", 1) + b"x")
    assert _fresh_bundle(suffix, tmp_path, monkeypatch) == made
    assert kept[0].read_bytes().partition(b"\n")[2] == data

    real_minify = module.minify_css if suffix == ".css" else module.minify_js
    calls: list[str] = []
    monkeypatch.setattr(module, "minify_css" if suffix == ".css" else "minify_js",
                        lambda text: calls.append(text) or real_minify(text))
    assert _fresh_bundle(suffix, tmp_path, monkeypatch) == made
    assert calls == []  # read back, not minified again


def test_a_changed_source_is_a_new_bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The kept file is named by what was minified: a new block type (its rules go in
    front of blocks.css) is not served the old stylesheet."""
    from mkdocs_portfolio import blocktypes

    from .test_blocktypes import RISK

    before = _fresh_bundle(".css", tmp_path, monkeypatch)
    blocktypes.register(RISK)
    try:
        after = _fresh_bundle(".css", tmp_path, monkeypatch)
    finally:
        blocktypes.unregister(RISK.name)
    assert f".{RISK.name}" in after and f".{RISK.name}" not in before
    assert len(list((tmp_path / "bundles").glob("*.css"))) == 2


def test_an_unwritable_cache_still_gives_the_bundle(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert _fresh_bundle(".js", blocker, monkeypatch) == _fresh_bundle(".js", tmp_path / "c",
                                                                        monkeypatch)
