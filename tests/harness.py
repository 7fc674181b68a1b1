"""The one way the tests build and serve real sites (MkDocs + Material, in ``tmp_path``).

``build(root, pages, config, ...)`` writes the pages and ``mkdocs.yml`` under ``root``
(or takes an existing ``config_file``), loads the config, runs the build as
``mkdocs build`` does (``on_startup`` .. ``on_shutdown``) and returns a ``Built``: the
site's files, everything logged under ``mkdocs``, the plugin, this build's audit and
the error a user would see as a message. ``attempt`` is ``build`` for a case that may
warn or stop: it returns the warnings and the error for the test to read.
``build_config(config)`` builds a config object already loaded (again: as ``mkdocs
serve`` and i18n plugins do).

``Serving`` is a site under ``mkdocs serve``: in this process (one plugin instance,
rebuilt after each edit as serve's loop does) or a real ``mkdocs serve`` subprocess
on loopback.

Tests that read the plugin's internals go through ``audit_result``, ``page_facts``,
``page_front_matter`` and ``all_page_facts``, so that a change to those internals is
one change here.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import subprocess
import sys
import textwrap
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from bs4 import BeautifulSoup, Tag
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError, PluginError

from mkdocs_portfolio.audit.run import AuditResult

BASE_CONFIG: dict[str, Any] = {"site_name": "Test site", "theme": {"name": "material"},
                               "plugins": ["portfolio"]}
"""What every written ``mkdocs.yml`` starts from; a test's ``config`` is merged over it."""

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00"
       b"\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05"
       b"\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")
"""A valid one-pixel PNG, for pages that need an image file."""

USER_ERRORS = (Abort, ConfigurationError, PluginError)
"""The errors MkDocs shows a user as a message; anything else is a traceback."""


# -- the plugin's internals, reached in one place ---------------------------------------------


def audit_result(plugin: Any) -> AuditResult | None:
    """The audit of the plugin's last build (``None`` when it did not run)."""
    parts = getattr(plugin, "parts", None)
    return None if parts is None else parts.audit.result


def page_facts(plugin: Any, src: str) -> Any:
    """What the extension gathered on the page ``src`` (its blocks, code blocks...)."""
    return plugin.records[src].facts


def page_front_matter(plugin: Any, src: str) -> dict[str, Any] | None:
    """The front matter of the page ``src`` as the plugin keeps it."""
    record = plugin.records.get(src)
    return None if record is None else dict(record.meta)


def all_page_facts(plugin: Any) -> dict[str, Any]:
    """A copy of the facts of every page, by ``src`` path."""
    return {src: record.facts for src, record in plugin.records.items()}


def mkdocs_yaml(path: Path) -> Any:
    """A ``mkdocs.yml`` read as MkDocs reads it (``!ENV`` tags resolved from the
    environment)."""
    from mkdocs.utils.yaml import yaml_load

    with path.open(encoding="utf-8") as source:
        return yaml_load(source)


def git(root: Path, *args: str) -> str:
    """Run ``git`` in ``root`` as a test author (no signing), and return what it printed."""
    done = subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org",
         "-c", "commit.gpgsign=false", *args],
        cwd=root, capture_output=True, text=True, check=True)
    return done.stdout.strip()


# -- logs -------------------------------------------------------------------------------------


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


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


# -- one build --------------------------------------------------------------------------------


def page_file(src: str, use_directory_urls: bool = True) -> str:
    """The built file of the page ``src``."""
    stem = src[:-3]
    if not use_directory_urls or stem == "index" or stem.endswith("/index"):
        return stem + ".html"
    return stem + "/index.html"


@dataclass
class Built:
    """One build: its config, what it logged, its plugin and audit, and its error."""

    root: Path
    config: Any = None
    records: list[logging.LogRecord] = field(default_factory=list)
    error: BaseException | None = None
    """The error a user sees as a message (only with ``expect_error``)."""
    plugin: Any = None
    result: AuditResult | None = None
    """This build's audit, taken when it ended (another build replaces the plugin's)."""

    @property
    def site_dir(self) -> Path:
        return Path(self.config.site_dir) if self.config else self.root / "site"

    def messages(self, level: int = logging.DEBUG) -> list[str]:
        return [r.getMessage() for r in self.records if r.levelno >= level]

    @property
    def warnings(self) -> list[str]:
        return self.messages(logging.WARNING)

    @property
    def infos(self) -> list[str]:
        return [r.getMessage() for r in self.records if r.levelno == logging.INFO]

    @property
    def stop_message(self) -> str:
        """The error messages of a stopped build, joined."""
        return "\n".join([*self.messages(logging.ERROR), str(self.error or "")])

    @property
    def log(self) -> str:
        """Everything the build logged and its error, as one text."""
        return "\n".join([*self.messages(), str(self.error or "")])

    def path(self, src: str) -> str:
        """The built file of the page ``src``, for the site's ``use_directory_urls``."""
        return page_file(src, self.config.use_directory_urls)

    def file(self, name: str) -> Path:
        """A page by its ``src`` (``a/b.md``) or any built file by its path."""
        return self.site_dir / (self.path(name) if name.endswith(".md") else name)

    def html(self, name: str) -> str:
        return self.file(name).read_text(encoding="utf-8")

    def soup(self, name: str) -> BeautifulSoup:
        return BeautifulSoup(self.html(name), "html.parser")

    def article(self, name: str) -> Tag:
        found = self.soup(name).select_one("article.md-content__inner")
        assert found is not None, f"no article in {name}"
        return found

    @property
    def report(self) -> dict[str, Any]:
        """The audit's JSON report at its default path."""
        return dict(json.loads((self.site_dir / "portfolio-audit.json").read_text("utf-8")))

    def ids(self, page: str | None = "*") -> list[str]:
        """The checks of this build's findings (of one page, or ``None``: the site's)."""
        assert self.result is not None
        return [f.check for f in self.result.findings if page == "*" or f.page == page]

    def of(self, check: str) -> list[Any]:
        assert self.result is not None
        return [f for f in self.result.findings if f.check == check]


def write_site(root: Path, pages: dict[str, Any], config: dict[str, Any] | None = None,
               extra_yaml: str = "") -> Path:
    """Write ``mkdocs.yml`` (``config`` over ``BASE_CONFIG``, then ``extra_yaml``) and the
    ``docs/`` pages (text dedented, bytes as they are) under ``root``."""
    conf = dict(BASE_CONFIG)
    conf.update(config or {})
    root.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(conf, sort_keys=False) + textwrap.dedent(extra_yaml)
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    for name, page in pages.items():
        path = root / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(page, bytes):
            path.write_bytes(page)
        else:
            path.write_text(textwrap.dedent(page).lstrip("\n"), encoding="utf-8")
    return root / "mkdocs.yml"


def _check_warnings(built: Built, allow_warnings: tuple[str, ...] | bool) -> None:
    if allow_warnings is True or built.error is not None:
        return
    allowed = () if allow_warnings is False else allow_warnings
    unexpected = [w for w in built.warnings if not any(a in w for a in allowed)]
    assert not unexpected, f"unexpected warnings: {unexpected}"


def build(root: Path, pages: dict[str, Any] | None = None,
          config: dict[str, Any] | None = None, *,
          config_file: Path | None = None, extra_yaml: str = "",
          allow_warnings: tuple[str, ...] | bool = (), expect_error: bool = False,
          **load: Any) -> Built:
    """Build a real site, as ``mkdocs build`` does, and return what it did.

    Writes ``pages`` and ``config`` under ``root`` (see ``write_site``), or builds the
    existing ``config_file``. ``load`` goes to ``load_config`` (``strict=True``,
    ``site_dir=...``). Fails on any warning not matched by a part of ``allow_warnings``
    (``True``: any warning; the test reads ``.warnings``). With ``expect_error`` an
    error MkDocs shows as a message (Abort, ConfigurationError, PluginError) is
    returned in ``.error``; without it, it fails the test. Any other exception fails
    the test with its traceback.
    """
    if config_file is None:
        config_file = write_site(root, pages or {}, config, extra_yaml)
    built = Built(root)
    with mkdocs_logs() as records:
        try:
            built.config = load_config(str(config_file), **load)
            built.config.plugins.on_startup(command="build", dirty=False)
            try:
                mkdocs_build(built.config)
            finally:
                built.config.plugins.on_shutdown()
        except USER_ERRORS as error:
            if not expect_error:
                raise
            built.error = error
    return _finish(built, records, allow_warnings)


def build_config(config: Any, *, dirty: bool = False, expect_error: bool = False,
                 allow_warnings: tuple[str, ...] | bool = ()) -> Built:
    """Build a config object already loaded, maybe built before, as ``mkdocs serve``
    (``dirty``: ``--dirty``) and i18n plugins do: no ``on_startup``, the plugin keeps
    what it kept."""
    built = Built(Path(config.config_file_path).parent, config)
    with mkdocs_logs() as records:
        try:
            mkdocs_build(config, dirty=dirty)
        except USER_ERRORS as error:
            if not expect_error:
                raise
            built.error = error
    return _finish(built, records, allow_warnings)


def attempt(root: Path, pages: dict[str, Any] | None = None,
            config: dict[str, Any] | None = None, **options: Any) -> Built:
    """``build`` that never fails on what a user sees as a message: any warning is
    allowed and an error is returned in ``.error``, for the test to judge."""
    return build(root, pages, config, allow_warnings=True, expect_error=True, **options)


def _finish(built: Built, records: list[logging.LogRecord],
            allow_warnings: tuple[str, ...] | bool) -> Built:
    built.records = list(records)
    if built.config is not None:
        built.plugin = built.config.plugins.get("portfolio")
        built.result = audit_result(built.plugin) if built.plugin is not None else None
    _check_warnings(built, allow_warnings)
    return built


@contextmanager
def own_plugin_instances() -> Iterator[None]:
    """Inside the block, a config gets plugin instances of its own: MkDocs keeps one
    instance of a plugin with ``on_startup`` per process (for ``serve``)."""
    cache = MkDocsConfig.plugins.plugin_cache  # type: ignore[attr-defined]
    kept = dict(cache)
    cache.clear()
    try:
        yield
    finally:
        cache.clear()
        cache.update(kept)


# -- mkdocs serve -----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def http_get(url: str) -> bytes | None:
    """The body at ``url``, or ``None`` while the server is not answering."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return bytes(response.read())
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(check: Callable[[], Any], what: str, log: Path, seconds: float = 90) -> Any:
    """Poll until ``check()`` is truthy; the deadline only keeps a broken server from hanging."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.3)
    raise AssertionError(f"gave up waiting for {what}; server log:\n{log.read_text()[-3000:]}")


class Serving:
    """A site under ``mkdocs serve``: written under ``root``, built in full, then rebuilt
    after each ``edit``.

    ``real=False``: in this process, one plugin instance, each rebuild with a config
    loaded again, as serve's loop does (the plugin's state can be read). ``real=True``:
    a real ``mkdocs serve`` subprocess on loopback, read over HTTP; an edit returns
    at once, and the test waits for the server (``wait_for``).
    """

    def __init__(self, root: Path, pages: dict[str, Any], config: dict[str, Any],
                 *, dirty: bool = True, real: bool = False) -> None:
        self.root, self.dirty, self.real = root, dirty, real
        self.config_file = write_site(root, pages, config)
        self.stamp = 0
        self.log = root / "serve.log"
        if real:
            self.base = f"http://127.0.0.1:{free_port()}/"
            args = [sys.executable, "-m", "mkdocs", "serve", "-f", str(self.config_file),
                    "-a", self.base[len("http://"):-1], *(["--dirty"] if dirty else [])]
            env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
            self.process = subprocess.Popen(args, cwd=root, env=env, stdin=subprocess.DEVNULL,
                                            stdout=self.log.open("wb"),
                                            stderr=subprocess.STDOUT)
            wait_for(lambda: http_get(self.base), "mkdocs serve to start", self.log)
        else:
            self.config = self.load()
            self.config.plugins.on_startup(command="serve", dirty=dirty)
            mkdocs_build(self.config, dirty=False)

    def load(self) -> Any:
        return load_config(str(self.config_file), site_dir=str(self.root / "site"))

    @property
    def plugin(self) -> Any:
        return self.config.plugins["portfolio"]

    def edit(self, name: str, text: str) -> list[str]:
        """Write a page with a newer mtime than any built page (whatever the clock's
        grain, so that ``--dirty`` sees it changed); in this process, rebuild and return
        what the rebuild logged at INFO and above."""
        path = self.root / "docs" / name
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        self.stamp += 10
        future = time.time() + self.stamp
        os.utime(path, (future, future))
        if self.real:
            return []
        self.config = self.load()
        with mkdocs_logs() as records:
            mkdocs_build(self.config, dirty=self.dirty)
        return [r.getMessage() for r in records if r.levelno >= logging.INFO]

    def read(self, path: str) -> bytes:
        """A built file, by its path in the site (``overview/index.html``); over HTTP
        (``overview/``) from a real server, ``b""`` while it is not answering."""
        if self.real:
            return http_get(self.base + path.removesuffix("index.html")) or b""
        return (self.root / "site" / path).read_bytes()

    def soup(self, path: str) -> BeautifulSoup:
        return BeautifulSoup(self.read(path), "html.parser")

    def overview(self) -> BeautifulSoup:
        return self.soup("overview/index.html")

    @property
    def overview_file(self) -> Path:
        """The overview's built file (in this process)."""
        return self.root / "site" / "overview" / "index.html"

    def report(self) -> dict[str, Any]:
        """The audit's JSON report (``{}`` while a real server is not answering)."""
        raw = self.read("portfolio-audit.json")
        return dict(json.loads(raw)) if raw else {}

    def pages_with(self, check: str) -> list[str]:
        """The pages with a finding of ``check`` in the report, sorted."""
        return sorted(f["page"] for f in self.report()["findings"] if f["check"] == check)

    def stop(self) -> None:
        if self.real:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        else:  # the plugin instance outlives the test (MkDocs caches it): a plain build again
            self.config.plugins.on_startup(command="build", dirty=False)


@contextmanager
def serving(root: Path, pages: dict[str, Any], config: dict[str, Any], *,
            dirty: bool = True, real: bool = False) -> Iterator[Serving]:
    """A ``Serving`` site, stopped at the end of the block."""
    site = Serving(root, pages, config, dirty=dirty, real=real)
    try:
        yield site
    finally:
        site.stop()
