"""Shared fixtures: real MkDocs + Material builds in ``tmp_path``."""

from __future__ import annotations

import logging
import textwrap
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig


@dataclass
class Site:
    """A built site: its folders, its config and what the build logged."""

    root: Path
    config: Any
    records: list[logging.LogRecord] = field(default_factory=list)

    @property
    def site_dir(self) -> Path:
        return Path(self.config.site_dir)

    @property
    def warnings(self) -> list[str]:
        return [r.getMessage() for r in self.records if r.levelno >= logging.WARNING]

    @property
    def messages(self) -> list[str]:
        return [r.getMessage() for r in self.records]

    def html(self, path: str) -> str:
        return (self.site_dir / path).read_text(encoding="utf-8")

    def soup(self, path: str) -> BeautifulSoup:
        return BeautifulSoup(self.html(path), "html.parser")

    def page_path(self, src: str) -> str:
        """The built file of a page, for the site's ``use_directory_urls``."""
        stem = src[:-3]
        if not self.config.use_directory_urls or stem.endswith("index"):
            return stem + ".html"
        return stem + "/index.html"


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(autouse=True)
def plain_builds_after_each_test() -> Iterator[None]:
    """MkDocs keeps one ``portfolio`` plugin instance for the whole process (it has
    ``on_startup``); a test that plays ``mkdocs serve --dirty`` must not leave it in
    that mode for the next test's builds."""
    yield
    plugin = MkDocsConfig.plugins.plugin_cache.get("portfolio")  # type: ignore[attr-defined]
    if plugin is not None:
        plugin.on_startup(command="build", dirty=False)


@contextmanager
def mkdocs_logs() -> Iterator[list[logging.LogRecord]]:
    """Every record logged under ``mkdocs`` (ours included) inside the block."""
    handler = _Capture()
    logger = logging.getLogger("mkdocs")
    old = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        yield handler.records
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old)


@pytest.fixture
def capture_logs() -> Iterator[_Capture]:
    with mkdocs_logs() as records:
        handler = _Capture()
        handler.records = records
        yield handler


BuildSite = Callable[..., Site]


def write_site(root: Path, pages: dict[str, str], config: dict[str, Any] | None = None) -> Path:
    """Write ``mkdocs.yml`` and ``docs/`` pages (dedented) under ``root``."""
    conf: dict[str, Any] = {"site_name": "Test site", "theme": {"name": "material"},
                            "plugins": ["portfolio"]}
    conf.update(config or {})
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(conf, sort_keys=False), encoding="utf-8")
    for name, text in pages.items():
        path = root / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root / "mkdocs.yml"


def build_once(
    root: Path, pages: dict[str, Any], config: dict[str, Any], *, warnings_ok: bool = False
) -> tuple[Site, Any]:
    """A real build outside the function-scoped ``build_site`` fixture, for a module-scoped
    fixture to share; fails on any warning unless ``warnings_ok``. Returns the site and
    its ``portfolio`` plugin instance."""
    with mkdocs_logs() as records:
        cfg = load_config(str(write_site(root, pages, config)))
        mkdocs_build(cfg)
    site = Site(root, cfg, list(records))
    assert warnings_ok or not site.warnings, site.warnings
    return site, cfg.plugins["portfolio"]


@pytest.fixture
def build_site(tmp_path: Path, capture_logs: _Capture) -> BuildSite:
    """Build a real site; fail on any warning not listed in ``allow_warnings``.

    ``config`` entries are merged into a minimal Material + portfolio config. With
    ``strict=True`` the build runs as ``mkdocs build --strict`` would.
    """
    counter = iter(range(1000))

    def build(
        pages: dict[str, str],
        config: dict[str, Any] | None = None,
        *,
        allow_warnings: tuple[str, ...] = (),
        name: str | None = None,
    ) -> Site:
        root = tmp_path / (name or f"site{next(counter)}")
        config_file = write_site(root, pages, config)
        capture_logs.records.clear()
        cfg = load_config(str(config_file))
        mkdocs_build(cfg)
        site = Site(root, cfg, list(capture_logs.records))
        unexpected = [w for w in site.warnings
                      if not any(allowed in w for allowed in allow_warnings)]
        assert not unexpected, f"unexpected warnings: {unexpected}"
        return site

    return build


# -- browser -----------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Real headless Chromium (Debian's), driven by Playwright.

    Skipped on a machine without Chromium, except in CI, where it must be there.
    """
    import os

    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@contextmanager
def loopback_server(folder: Path) -> Iterator[str]:
    """Serve ``folder`` over HTTP on 127.0.0.1 inside the block; yields its base URL
    (ends with ``/``)."""
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def serve() -> Iterator[Callable[[Path], str]]:
    """Serve a folder over HTTP on 127.0.0.1; returns its base URL (ends with ``/``)."""
    with ExitStack() as stack:
        yield lambda folder: stack.enter_context(loopback_server(folder))
