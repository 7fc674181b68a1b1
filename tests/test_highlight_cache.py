"""Highlighted code kept across builds (``code.highlight_cache``): the same site, less Pygments.

Sites are built with the cache off, then on (nothing kept yet), then on again from the
cache folder alone (the process's blocks dropped), and again in the process: every file
the same to the byte. Pygments' ``highlight`` is counted to show which build highlighted.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pymdownx.highlight
import pytest
import yaml
from mkdocs.config import load_config

from mkdocs_portfolio.cache import ENV
from mkdocs_portfolio.markdown import highlight_cache

from .harness import Built, build, build_config
from .test_search_view import (
    ALL_OPTIONS,
    HIGHLIGHT_CONFIG,
    REPO,
    WRITEUPS,
    _site_files,
    write_highlight_config,
)


@pytest.fixture
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A cache folder of this test, and nothing kept in the process."""
    folder = tmp_path / "cache"
    monkeypatch.setenv(ENV, str(folder))
    monkeypatch.setattr(highlight_cache, "_folder", [])
    highlight_cache._kept.clear()
    yield folder
    highlight_cache.keep_in_process(False)


@pytest.fixture
def highlighted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The sources Pygments highlights, as they are highlighted."""
    calls: list[str] = []
    real = pymdownx.highlight.highlight

    def counted(src: str, *args: Any, **kwargs: Any) -> Any:
        calls.append(src)
        return real(src, *args, **kwargs)

    monkeypatch.setattr(pymdownx.highlight, "highlight", counted)
    return calls


def _variant(config: Path, name: str, old: str, new: str) -> Path:
    text = config.read_text("utf-8")
    assert old in text, f"{config} has no {old!r}"
    other = config.with_name(f"mkdocs.{name}.yml")
    other.write_text(text.replace(old, new, 1), "utf-8")
    return other


def _built(root: Path, config: Path, name: str) -> Built:
    return build(root, config_file=config, site_dir=str(root / name), allow_warnings=True)


def _served(config: Path, site: Path) -> Built:
    """A build as ``mkdocs serve`` makes it (its plugins started for ``serve``)."""
    loaded = load_config(str(config), site_dir=str(site))
    loaded.plugins.on_startup(command="serve", dirty=False)
    return build_config(loaded, allow_warnings=True)


def _same(a: Built, b: Built) -> None:
    one, two = _site_files(a.site_dir), _site_files(b.site_dir)
    assert one.keys() == two.keys()
    differ = [n for n in one if one[n] != two[n] and not n.endswith(".gz")]
    assert not differ, f"differ: {differ}"


def _four_builds(root: Path, config: Path, off: Path, highlighted: list[str]) -> None:
    plain = _built(root, off, "site-off")
    assert highlighted, "the site has no highlighted code"
    highlighted.clear()
    cold = _built(root, config, "site-cold")
    assert highlighted  # nothing kept yet
    highlight_cache._kept.clear()
    highlighted.clear()
    from_disk = _built(root, config, "site-disk")
    try:
        kept = _served(config, root / "site-kept")  # read from disk, kept in the process
        assert highlight_cache._kept
        highlighted.clear()
        in_process = _served(config, root / "site-warm")
    finally:
        highlight_cache.keep_in_process(False)
    for site in (cold, from_disk, kept, in_process):
        _same(plain, site)


def test_every_highlighting_option(tmp_path: Path, own_cache: Path,
                                   highlighted: list[str]) -> None:
    root = tmp_path / "site"
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text(
        ALL_OPTIONS + "\n```made-up-language\nnot a lexer of Pygments'\n```\n", "utf-8")
    same = "loss = model(x)\nloss.backward()\n"  # one source, shown three ways
    (root / "docs" / "again.md").write_text(
        f"# Again\n\n```python\n{same}```\n\n```python hl_lines=\"2\"\n{same}```\n\n"
        f"```python linenums=\"5\" title=\"step.py\"\n{same}```\n", "utf-8")
    for style in ("table", "pymdownx-inline"):
        config = write_highlight_config(root, style)
        off = _variant(config, "off", "- portfolio",
                       "- portfolio:\n    code:\n      highlight_cache: false")
        _four_builds(root, config, off, highlighted)
        # From the cache folder, only the language Pygments does not know was highlighted
        # again (a lexer plugin installed later could lex it differently), and inline
        # code, which is never kept.
        highlight_cache._kept.clear()
        highlighted.clear()
        _built(root, config, "site-again")
        assert "not a lexer of Pygments'" in highlighted
        assert not [s for s in highlighted if "def train" in s or "print(" in s]
        assert list(own_cache.rglob("*")), "nothing written to the cache folder"


@pytest.mark.parametrize("name", ["blog-series", "readme-project", "tutorial"])
def test_real_writeups(tmp_path: Path, own_cache: Path, highlighted: list[str],
                       name: str) -> None:
    root = tmp_path / name
    shutil.copytree(WRITEUPS / name, root)
    config = root / "mkdocs.yml"
    off = _variant(config, "off", "plugins: [search, portfolio]",
                   "plugins: [search, {portfolio: {code: {highlight_cache: false}}}]")
    _four_builds(root, config, off, highlighted)


def test_demo_site(tmp_path: Path, own_cache: Path, highlighted: list[str]) -> None:
    root = tmp_path / "demo"
    shutil.copytree(REPO / "demo_site", root, ignore=shutil.ignore_patterns("site"))
    config = root / "mkdocs.yml"
    off = _variant(config, "off", "  - portfolio:\n",
                   "  - portfolio:\n      code:\n        highlight_cache: false\n")
    _four_builds(root, config, off, highlighted)
    assert not highlighted  # the last two builds highlighted nothing


def test_a_damaged_or_unwritable_cache_is_highlighted_again(
        tmp_path: Path, own_cache: Path, highlighted: list[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "site"
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text(ALL_OPTIONS, "utf-8")
    config = root / "mkdocs.yml"
    config.write_text(yaml.safe_dump({"site_name": "T", **HIGHLIGHT_CONFIG}), "utf-8")
    first = _built(root, config, "site-first")
    for path in own_cache.rglob("*"):
        if path.is_file():
            path.write_bytes(b"\xff\xfe not UTF-8")
    highlight_cache._kept.clear()
    highlighted.clear()
    damaged = _built(root, config, "site-damaged")
    assert highlighted
    _same(first, damaged)

    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", "utf-8")
    monkeypatch.setenv(ENV, str(blocked / "cache"))
    monkeypatch.setattr(highlight_cache, "_folder", [])
    highlight_cache._kept.clear()
    _same(first, _built(root, config, "site-unwritable"))
