"""Shared fixtures: real MkDocs + Material builds in ``tmp_path`` (see ``harness``), a
headless Chromium and a loopback HTTP server."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import pytest
from mkdocs.config.defaults import MkDocsConfig

from .harness import Built, build, mkdocs_logs


@pytest.fixture(autouse=True, scope="session")
def typo_cache_in_tmp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The typo check's dictionary cache goes to a folder of the test run, never to the
    user's cache folder (for builds in this process and in the ones it starts)."""
    from mkdocs_portfolio.cache import ENV

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(ENV, str(tmp_path_factory.mktemp("typo-cache")))
        yield


HOSTING_ENV = ("SITE_URL", "READTHEDOCS", "READTHEDOCS_CANONICAL_URL", "PORTFOLIO_IN_PROGRESS")
"""What the hosts set and a new writeup's ``mkdocs.yml`` reads (``!ENV``)."""


@pytest.fixture(autouse=True, scope="session")
def no_hosting_env() -> Iterator[None]:
    """Builds here are local builds, whatever the machine running the tests has set (a
    test that plays a host sets these itself)."""
    with pytest.MonkeyPatch.context() as patch:
        for name in HOSTING_ENV:
            patch.delenv(name, raising=False)
        yield


@pytest.fixture(autouse=True)
def plain_builds_after_each_test() -> Iterator[None]:
    """MkDocs keeps one ``portfolio`` plugin instance for the whole process (it has
    ``on_startup``); a test that plays ``mkdocs serve --dirty`` must not leave it in
    that mode for the next test's builds."""
    yield
    plugin = MkDocsConfig.plugins.plugin_cache.get("portfolio")  # type: ignore[attr-defined]
    if plugin is not None:
        plugin.on_startup(command="build", dirty=False)


class _Records:
    def __init__(self, records: list[logging.LogRecord]) -> None:
        self.records = records


@pytest.fixture
def capture_logs() -> Iterator[_Records]:
    """Every record logged under ``mkdocs`` during the test, in ``.records``."""
    with mkdocs_logs() as records:
        yield _Records(records)


BuildSite = Callable[..., Built]


@pytest.fixture
def build_site(tmp_path: Path) -> BuildSite:
    """``harness.build`` in a new folder of ``tmp_path`` (``name``, or ``site0``, ...):
    fails on any warning not matched by ``allow_warnings``."""
    counter = iter(range(1000))

    def build_in_tmp(
        pages: dict[str, str],
        config: dict[str, Any] | None = None,
        *,
        allow_warnings: tuple[str, ...] = (),
        name: str | None = None,
    ) -> Built:
        root = tmp_path / (name or f"site{next(counter)}")
        return build(root, pages, config, allow_warnings=allow_warnings)

    return build_in_tmp


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
