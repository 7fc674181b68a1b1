#!/usr/bin/env python
"""Build real third-party Material sites with and without the portfolio plugin.

An author's site must never break because they added ``portfolio`` to its plugins.
This script fetches the source distributions of PyPI packages that ship their
MkDocs + Material documentation (``pip download --no-binary :all: --no-deps``),
builds each site twice, without and with the plugin, and checks that:

- the site with the plugin has every page of the site without it (plus the overview);
- no plugin other than ours logs a warning it did not log without us;
- long fenced code is folded;
- in headless Chromium, on one page of each site, Material's copy button still copies
  the whole of a folded block, and code annotations still work.

It also builds a site of its own that combines the plugin with mkdocs-static-i18n,
mkdocstrings, Material's blog plugin and ``navigation.instant``.

Everything fetched lives in a work folder (a temporary one unless ``--work`` is
given); nothing of it is committed. Plugins the third-party sites need are installed
into that folder with ``pip install --target`` and put on ``PYTHONPATH`` for the builds
only, so the environment running the script is left as it was.

Usage::

    python scripts/real_sites.py                 # every site, then the combination
    python scripts/real_sites.py --only hatch    # one site
    python scripts/real_sites.py --work /tmp/rs --keep --no-browser

Exit status 0 when every check passed, 1 otherwise.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
FOLD_LINES = 25
"""The plugin's default ``code.fold_lines``: longer fenced blocks must come out folded."""


# -- the sites -----------------------------------------------------------------------------


@dataclass
class Site:
    """A real documentation site shipped in a PyPI sdist, and what it needs to build here."""

    name: str
    spec: str
    """The pinned requirement to download the sdist of."""
    why: str
    drop_plugins: tuple[str, ...] = ()
    """Plugins that need the network, git history, a token or a paid edition."""
    drop_extensions: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    """Plugins and extensions to install (without their dependencies) for the build."""
    exclude_docs: tuple[str, ...] = ()
    """Pages that need the package itself importable with all its dependencies."""
    paths: tuple[str, ...] = ()
    """Folders of the sdist put on PYTHONPATH (for mkdocstrings, hooks)."""
    fake_commands: dict[str, str] = field(default_factory=dict)
    """Commands a hook runs, replaced by a script that prints this text."""
    env: dict[str, str] = field(default_factory=dict)


SITES = [
    Site(
        name="hatch",
        spec="hatch==1.18.2",
        why="a large site: a blog (Material's blog plugin), mkdocstrings API pages, "
            "long configuration and code examples, content tabs",
        drop_plugins=("minify", "git-committers", "social", "git-revision-date-localized",
                      "mike"),
        drop_extensions=("mkdocs-click",),
        # tomlkit: docs/.hooks/render_default_test_env.py imports it; hatchling: the API
        # pages document it (mkdocstrings reads its source)
        needs=("mkdocs-redirects==1.2.3", "tomlkit==0.13.3", "hatchling==1.28.0"),
        exclude_docs=("cli/reference.md",),
        paths=("src",),
        fake_commands={"hatch": "1.18.2"},
    ),
    Site(
        name="copier",
        spec="copier==9.19.1",
        why="code annotations, a mkdocstrings API reference, markdown-exec, long YAML "
            "and shell examples",
        drop_plugins=(),
        needs=("mkdocs-redirects==1.2.3", "markdown-exec==1.12.6"),
        paths=(".",),
    ),
    Site(
        name="griffe",
        spec="griffe==1.5.1",
        why="a large mkdocstrings site: API reference pages, code annotations, long "
            "Python examples, generated pages (gen-files, literate-nav, section-index)",
        drop_plugins=("git-revision-date-localized", "minify", "group", "coverage",
                      "gen-files"),
        needs=("mkdocs-redirects==1.2.3", "markdown-exec==1.12.6", "mkdocs-gen-files==0.6.1",
               "markdown-callouts==0.4.0", "pygments-ansi-color==0.3.0",
               "mkdocs-literate-nav==0.6.3", "mkdocs-section-index==0.3.12",
               "griffe-inherited-docstrings==1.1.2"),
        paths=("scripts",),
        env={"MKDOCSTRINGS_ENABLED": "true"},
    ),
]


# -- YAML that keeps its tags ---------------------------------------------------------------


class Tagged:
    """A YAML node with a tag (``!ENV``, ``!!python/name:...``), written back as it was."""

    def __init__(self, tag: str, node: yaml.Node) -> None:
        self.tag = tag
        self.node = node


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Tagged:
    return Tagged(node.tag, node)


_Loader.add_multi_constructor("!", _tagged)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _tagged)
_Dumper.add_representer(Tagged, lambda dumper, data: _retag(data.node))


def _retag(node: yaml.Node) -> yaml.Node:
    return node


def load_yaml(path: Path) -> dict[str, Any]:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    return data if isinstance(data, dict) else {}


def dump_yaml(data: dict[str, Any], path: Path) -> None:
    path.write_text(yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True),
                    encoding="utf-8")


# -- plumbing ---------------------------------------------------------------------------------


def say(text: str) -> None:
    print(text, flush=True)


def run(args: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, text=True, capture_output=True, check=False, **kwargs)


def fetch(spec: str, work: Path) -> Path:
    """Download and unpack the sdist of ``spec``; return its top folder."""
    downloads = work / "downloads" / re.sub(r"\W", "_", spec)
    if not downloads.is_dir() or not any(downloads.glob("*.tar.gz")):
        downloads.mkdir(parents=True, exist_ok=True)
        done = run([sys.executable, "-m", "pip", "download", "--quiet", "--no-binary", ":all:",
                    "--no-deps", "-d", str(downloads), spec])
        if done.returncode:
            raise RuntimeError(f"pip download {spec} failed:\n{done.stderr[-2000:]}")
    archive = next(downloads.glob("*.tar.gz"))
    target = work / "src" / downloads.name
    if not target.is_dir():
        with tarfile.open(archive) as tar:
            tar.extractall(target, filter="data")
        for path in target.rglob("*"):  # links to files the sdist left out (a logo)
            if path.is_symlink() and not path.exists():
                path.unlink()
    return next(p for p in target.iterdir() if p.is_dir())


def install(packages: tuple[str, ...], work: Path) -> Path:
    """Install plugins into ``work/deps`` (no dependencies); return that folder."""
    deps = work / "deps"
    wanted = [p for p in packages if not (deps / ".installed" / p).exists()]
    if wanted:
        done = run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                    "--target", str(deps), *wanted])
        if done.returncode:
            raise RuntimeError(f"pip install {wanted} failed:\n{done.stderr[-2000:]}")
        (deps / ".installed").mkdir(parents=True, exist_ok=True)
        for p in wanted:
            (deps / ".installed" / p).touch()
    return deps


def _plugin_name(entry: Any) -> str:
    return next(iter(entry)) if isinstance(entry, dict) else str(entry)


def adapt(config: dict[str, Any], site: Site, *, with_plugin: bool) -> dict[str, Any]:
    """The site's own config, less what cannot run here, with or without our plugin."""
    config = dict(config)
    plugins = config.get("plugins") or ["search"]
    if isinstance(plugins, dict):
        plugins = [{k: v} if v else k for k, v in plugins.items()]
    plugins = [p for p in plugins if _plugin_name(p) not in site.drop_plugins]
    if with_plugin:
        plugins.append("portfolio")
    config["plugins"] = plugins
    extensions = config.get("markdown_extensions") or []
    config["markdown_extensions"] = [e for e in extensions
                                     if _plugin_name(e) not in site.drop_extensions]
    if site.exclude_docs:
        existing = config.get("exclude_docs") or ""
        config["exclude_docs"] = existing + "".join(f"\n/{p}" for p in site.exclude_docs)
    config.pop("strict", None)
    config.pop("watch", None)  # folders to watch under serve; some are not in the sdist
    # Both builds show Material's copy button, so that it can be checked on folded code.
    theme = dict(config.get("theme") or {"name": "material"})
    features = list(theme.get("features") or [])
    if "content.code.copy" not in features:
        features.append("content.code.copy")
    theme["features"] = features
    config["theme"] = theme
    return config


@dataclass
class Build:
    """One build: its folder, what it logged, how long it took."""

    site_dir: Path
    returncode: int
    log: str
    seconds: float

    @property
    def warnings(self) -> list[str]:
        return [line for line in self.log.splitlines()
                if line.startswith(("WARNING", "ERROR"))]

    def pages(self) -> set[str]:
        return {p.relative_to(self.site_dir).as_posix() for p in self.site_dir.rglob("*.html")}


def mkdocs_build(root: Path, config: dict[str, Any], label: str, env: dict[str, str]) -> Build:
    """Build with ``config`` written as the site's own ``mkdocs.yml``, into a folder outside
    the project (some pages list the project's files: both builds must see the same)."""
    config_file = root / "mkdocs.yml"
    site_dir = root.parent / f"site-{label}"
    config = {**config, "site_dir": str(site_dir)}
    dump_yaml(config, config_file)
    start = time.monotonic()
    done = run([sys.executable, "-m", "mkdocs", "build", "-f", str(config_file)], cwd=root,
               env=env)
    return Build(site_dir, done.returncode, done.stderr + done.stdout, time.monotonic() - start)


_NOISE = [
    (re.compile(r"\d+(\.\d+)? seconds"), "N seconds"),
    (re.compile(r"site-(with|without)"), "site-X"),
]


def _normal(line: str) -> str:
    for pattern, repl in _NOISE:
        line = pattern.sub(repl, line)
    return line


def new_warnings(without: Build, with_: Build) -> list[str]:
    """Warnings of other plugins (and MkDocs) that only the build with our plugin logged."""
    before = {_normal(w) for w in without.warnings}
    ours = re.compile(r"mkdocs_portfolio|portfolio:|plugins\.mkdocs_portfolio")
    return [w for w in with_.warnings if _normal(w) not in before and not ours.search(w)]


# -- what the built HTML says -------------------------------------------------------------------

_PRE = re.compile(r"<pre[^>]*>(.*?)</pre>", re.S)
_TAG = re.compile(r"<[^>]+>")


def code_blocks(html: str) -> Iterator[tuple[int, bool]]:
    """(lines, folded) of every superfences code block of a page."""
    for match in re.finditer(r'<div class="([^"]*\bpf-code\b[^"]*)"[^>]*>', html):
        pre = _PRE.search(html, match.end())
        if not pre:
            continue
        code = _TAG.sub("", pre.group(1))
        lines = code.rstrip("\n").count("\n") + 1
        yield lines, "pf-fold" in match.group(1).split()


def fold_stats(site_dir: Path) -> tuple[int, int, dict[str, int]]:
    """(long blocks, folded long blocks, folded blocks by page) of a built site."""
    long = folded = 0
    by_page: dict[str, int] = {}
    for path in site_dir.rglob("*.html"):
        html = path.read_text(encoding="utf-8", errors="replace")
        for lines, is_folded in code_blocks(html):
            if lines > FOLD_LINES:
                long += 1
                folded += is_folded
                if is_folded:
                    rel = path.relative_to(site_dir).as_posix()
                    by_page[rel] = by_page.get(rel, 0) + 1
    return long, folded, by_page


def annotated_pages(site_dir: Path) -> list[str]:
    """Pages with Material code annotations (the ``<ol>`` after a code block)."""
    found = []
    for path in sorted(site_dir.rglob("*.html")):
        html = path.read_text(encoding="utf-8", errors="replace")
        if 'class="annotate' in html or "md-annotation" in html or (
                re.search(r"</code></pre></div>\s*(</div>)?\s*<ol>", html)
                and "# (1)" in html):
            found.append(path.relative_to(site_dir).as_posix())
    return found


# -- the browser -------------------------------------------------------------------------------


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def serve(folder: Path, prefix: str = "") -> tuple[str, Callable[[], None]]:
    """Serve ``folder`` on loopback, under the sub-path ``prefix`` (that of its site_url)."""
    if prefix:
        top = Path(tempfile.mkdtemp(prefix="portfolio-serve-"))
        (top / prefix).symlink_to(folder.resolve(), target_is_directory=True)
        folder = top
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()

    def stop() -> None:
        server.shutdown()
        server.server_close()

    return f"http://127.0.0.1:{server.server_address[1]}/{prefix + '/' if prefix else ''}", stop


COPY_CHECK = """
() => {
  const out = [];
  for (const block of document.querySelectorAll('.pf-fold')) {
    const button = block.querySelector(
      '[data-clipboard-target], button.md-clipboard, .md-code__button[data-md-type=copy]');
    if (!button) { out.push({button: false}); continue; }
    const target = button.getAttribute('data-clipboard-target');
    const code = target ? document.querySelector(target) : null;
    const full = block.querySelector('pre code');
    out.push({button: true, target: target, copies: code ? code.textContent : null,
              full: full ? full.textContent : null,
              shown: block.getClientRects().length > 0 &&
                     block.getBoundingClientRect().height > 0,  // not in a hidden tab
              visibleHeight: block.querySelector('pre > code').getBoundingClientRect().height,
              fullHeight: block.querySelector('pre > code').scrollHeight});
  }
  return out;
}
"""

ANNOTATION_CHECK = """
() => Array.from(document.querySelectorAll('.md-annotation')).length
"""


def browser_check(site_name: str, with_: Build, without: Build, page: str,
                  annotated: str | None, problems: list[str]) -> None:
    """Copy buttons of folded blocks copy the whole block; annotations still render."""
    from playwright.sync_api import sync_playwright

    base_with, stop_with = serve(with_.site_dir)
    base_without, stop_without = serve(without.site_dir)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                tab = browser.new_page()
                errors: list[str] = []
                tab.on("pageerror", lambda e: errors.append(str(e)))
                tab.goto(base_with + page)
                tab.wait_for_load_state("load")
                tab.wait_for_timeout(300)
                # Material mounts its copy buttons a moment after the load event; a block
                # that never gets one is reported below.
                with contextlib.suppress(Exception):
                    tab.wait_for_selector(".pf-fold [data-clipboard-target]", state="attached",
                                          timeout=10_000)
                blocks = tab.evaluate(COPY_CHECK)
                if not blocks:
                    problems.append(f"{site_name}: no folded block on {page} in Chromium")
                for i, b in enumerate(blocks):
                    if not b["button"]:
                        problems.append(f"{site_name}: {page}: folded block {i} has no copy "
                                        "button")
                    elif b["copies"] is None or b["copies"] != b["full"]:
                        problems.append(f"{site_name}: {page}: the copy button of folded block "
                                        f"{i} does not copy the whole block ({b['target']})")
                    elif b["shown"] and not b["visibleHeight"] < b["fullHeight"]:
                        problems.append(f"{site_name}: {page}: folded block {i} shows all "
                                        "its lines")
                if blocks:
                    toggle = tab.locator(".pf-fold .pf-fold__toggle summary").first
                    toggle.focus()  # focus inside a folded block may unfold it already
                    is_open = ("() => { const b = document.querySelector('.pf-fold');"
                               " const code = b.querySelector('pre > code');"
                               " return code.getBoundingClientRect().height >="
                               " code.scrollHeight - 2; }")
                    before = tab.evaluate(is_open)
                    tab.keyboard.press("Enter")
                    tab.wait_for_timeout(100)
                    if tab.evaluate(is_open) == before:
                        problems.append(f"{site_name}: {page}: Enter on the fold control did "
                                        "not toggle the block")
                if errors:
                    problems.append(f"{site_name}: {page}: JavaScript errors {errors[:3]}")
                say(f"  chromium: {page}: {len(blocks)} folded blocks, copy buttons checked")
                if annotated:
                    counts = []
                    for base in (base_without, base_with):
                        tab.goto(base + annotated)
                        tab.wait_for_load_state("load")
                        tab.wait_for_timeout(300)
                        counts.append(tab.evaluate(ANNOTATION_CHECK))
                    say(f"  chromium: {annotated}: annotations without/with the plugin: "
                        f"{counts[0]}/{counts[1]}")
                    if counts[0] != counts[1] or counts[0] == 0:
                        problems.append(f"{site_name}: {annotated}: {counts[0]} code "
                                        f"annotations without the plugin, {counts[1]} with it")
            finally:
                browser.close()
    finally:
        stop_with()
        stop_without()


# -- one site ----------------------------------------------------------------------------------


def build_env(work: Path, deps: Path, root: Path, site: Site) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MKDOCS_")}
    paths = [str(deps), *(str(root / p) for p in site.paths)]
    if env.get("PYTHONPATH"):
        paths.append(env["PYTHONPATH"])
    env["PYTHONPATH"] = os.pathsep.join(paths)
    env["NO_MKDOCS_2_WARNING"] = "1"
    env.update(site.env)
    if site.fake_commands:
        bin_dir = work / "bin" / site.name
        bin_dir.mkdir(parents=True, exist_ok=True)
        for command, output in site.fake_commands.items():
            script = bin_dir / command
            script.write_text(f"#!/bin/sh\necho {output}\n", encoding="utf-8")
            script.chmod(0o755)
        env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    return env


def check_site(site: Site, work: Path, browser: bool) -> list[str]:
    problems: list[str] = []
    say(f"== {site.name} ({site.spec}): {site.why}")
    root = fetch(site.spec, work)
    deps = install(site.needs, work)
    env = build_env(work, deps, root, site)
    pristine = root.parent / "mkdocs.original.yml"
    if not pristine.exists():
        shutil.copyfile(root / "mkdocs.yml", pristine)
    original = load_yaml(pristine)
    without = mkdocs_build(root, adapt(original, site, with_plugin=False), "without", env)
    if without.returncode:
        return [f"{site.name}: the site does not build here even without the plugin:\n"
                + "\n".join(without.log.splitlines()[-15:])]
    with_ = mkdocs_build(root, adapt(original, site, with_plugin=True), "with", env)
    if with_.returncode:
        return [f"{site.name}: the build with the plugin failed:\n"
                + "\n".join(with_.log.splitlines()[-25:])]
    pages_without, pages_with = without.pages(), with_.pages()
    missing = sorted(pages_without - pages_with)
    added = sorted(pages_with - pages_without)
    say(f"  pages: {len(pages_without)} without, {len(pages_with)} with the plugin; "
        f"added: {added[:5]}; build {without.seconds:.1f}s / {with_.seconds:.1f}s")
    if missing:
        problems.append(f"{site.name}: pages lost with the plugin: {missing[:10]}")
    home = with_.site_dir / "index.html"  # a site with a home page gets the overview on it
    on_home = home.is_file() and 'class="pf-overview' in home.read_text(encoding="utf-8")
    if not on_home and not any(p.startswith("overview") for p in added):
        problems.append(f"{site.name}: no overview page was added, nor the overview put on "
                        "the home page")
    extra = new_warnings(without, with_)
    ours = [w for w in with_.warnings if "portfolio" in w]
    say(f"  warnings: {len(without.warnings)} without; with: {len(extra)} new from others, "
        f"{len(ours)} from the portfolio audit")
    if extra:
        problems.append(f"{site.name}: new warnings from other plugins: {extra[:10]}")
    long, folded, by_page = fold_stats(with_.site_dir)
    say(f"  code: {long} fenced blocks over {FOLD_LINES} lines, {folded} folded")
    if long == 0 or folded != long:
        problems.append(f"{site.name}: {folded} of {long} long code blocks folded")
    annotated = [p for p in annotated_pages(without.site_dir) if p in pages_with]
    if browser and by_page:
        if not Path(CHROMIUM).exists():
            problems.append(f"{CHROMIUM} is missing: the browser checks need it")
        else:
            page = max(by_page, key=lambda p: by_page[p])
            browser_check(site.name, with_, without, page, annotated[0] if annotated else None,
                          problems)
    return problems


# -- the combination -----------------------------------------------------------------------------

COMBO_CONFIG = {
    "site_name": "Combination",
    "site_url": "https://example.org/combo/",
    "theme": {"name": "material", "features": ["navigation.instant", "content.code.copy",
                                               "content.code.annotate"]},
    "plugins": [
        "search",
        {"i18n": {"docs_structure": "suffix", "languages": [
            {"locale": "en", "default": True, "name": "English", "build": True},
            {"locale": "fr", "name": "Français", "build": True},
        ]}},
        {"blog": {"blog_dir": "blog"}},
        {"mkdocstrings": {"handlers": {"python": {"paths": ["src"]}}}},
        # The overview on a page of its own: the blocks it gathers are on the home page.
        {"portfolio": {"overview": {"home": False}}},
    ],
}

LONG_CODE = "".join(f"    total += weight_{i} * feature_{i}  # ({i % 3 + 1})\n"
                    for i in range(40))


def combo_pages() -> dict[str, str]:
    body = textwrap.dedent("""
        # {title}

        {intro}

        !!! problem "{problem}"
            Routing requests by hand takes days.

        !!! dead-end "{dead_end}"
            Keyword rules missed half of them.

        ``` python
        def score(features):
            total = 0
        {code}    return total
        ```

        1.  The first weight.
        2.  The second weight.
        3.  The third weight.
        """)
    pages = {
        "index.md": body.format(title="Home", intro="The writeup, in English.",
                                problem="Slow routing", dead_end="Keywords",
                                code=LONG_CODE),
        "index.fr.md": body.format(title="Accueil", intro="Le récit, en français.",
                                   problem="Un routage lent", dead_end="Mots-clés",
                                   code=LONG_CODE),
        "api.md": "# API\n\n::: combo_pkg.scoring\n",
        "api.fr.md": "# API\n\n::: combo_pkg.scoring\n",
        "blog/index.md": "# Blog\n",
        "blog/posts/first.md": textwrap.dedent("""
            ---
            date: 2024-05-01
            ---

            # The first post

            What we learned.

            <!-- more -->

            !!! next-step "Active learning"
                Ask the dispatchers.

            ```python
            """) + "".join(f"step_{i} = {i}\n" for i in range(30)) + "```\n",
    }
    return pages


COMBO_SOURCE = '''"""Scoring of requests."""


def score(features: dict[str, float], weights: dict[str, float]) -> float:
    """Weighted sum of the features.

    Args:
        features: Feature values by name.
        weights: Weights by name.

    Returns:
        The score.
    """
    total = 0.0
    for name, value in features.items():
        total += weights.get(name, 0.0) * value
    return total
'''


def check_combination(work: Path, browser: bool, *, i18n: bool) -> list[str]:
    """Our plugin with mkdocstrings, the blog, instant navigation (and mkdocs-static-i18n)."""
    name = "combination+i18n" if i18n else "combination"
    say(f"== {name}: {'mkdocs-static-i18n + ' if i18n else ''}mkdocstrings + Material's blog "
        "+ navigation.instant")
    problems: list[str] = []
    deps = install(("mkdocs-static-i18n==1.3.1",), work)
    shutil.rmtree(work / name, ignore_errors=True)
    root = work / name / "project"
    for src, text in combo_pages().items():
        path = root / "docs" / src
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.lstrip("\n"), encoding="utf-8")
    (root / "docs" / "blog" / ".authors.yml").write_text("authors: {}\n", encoding="utf-8")
    package = root / "src" / "combo_pkg"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text('"""The combination package."""\n', encoding="utf-8")
    (package / "scoring.py").write_text(COMBO_SOURCE, encoding="utf-8")
    env = build_env(work, deps, root, Site("combo", "", ""))
    config = dict(COMBO_CONFIG)
    if not i18n:
        config["plugins"] = [p for p in config["plugins"] if _plugin_name(p) != "i18n"]
    without_config = {**config, "plugins": [p for p in config["plugins"]
                                            if _plugin_name(p) != "portfolio"]}
    without = mkdocs_build(root, without_config, "without", env)
    with_ = mkdocs_build(root, config, "with", env)
    if without.returncode or with_.returncode:
        return [f"{name}: build failed:\n{(with_.log or without.log)[-3000:]}"]
    missing = sorted(without.pages() - with_.pages())
    if missing:
        problems.append(f"{name}: pages lost with the plugin: {missing}")
    wanted_pages = ["index.html", "api/index.html", "blog/index.html",
                    "blog/2024/05/01/the-first-post/index.html", "overview/index.html"]
    if i18n:
        wanted_pages += ["fr/index.html", "fr/api/index.html", "fr/overview/index.html"]
    for wanted in wanted_pages:
        if wanted != "overview/index.html" and not wanted.endswith("/overview/index.html") \
                and not (without.site_dir / wanted).is_file():
            continue  # not built without us either (mkdocs-static-i18n drops blog posts)
        if not (with_.site_dir / wanted).is_file():
            problems.append(f"{name}: {wanted} was not built")
    extra = new_warnings(without, with_)
    if extra:
        problems.append(f"{name}: new warnings from other plugins: {extra}")
    for lang, page in (("en", "index.html"), ("fr", "fr/index.html"))[:2 if i18n else 1]:
        path = with_.site_dir / page
        html = path.read_text(encoding="utf-8") if path.is_file() else ""
        if "pf-fold" not in html:
            problems.append(f"{name}: the long block of the {lang} home is not folded")
    overview = with_.site_dir / "overview" / "index.html"
    if i18n and overview.is_file():
        html = overview.read_text(encoding="utf-8")
        # one build per language: the English overview lists the English pages once
        if html.count("Keywords") != 1 or "Mots-clés" in html:
            problems.append(f"{name}: the English overview mixes or repeats languages")
    api = with_.site_dir / "api" / "index.html"
    if api.is_file() and "Weighted sum of the features" not in api.read_text(encoding="utf-8"):
        problems.append(f"{name}: mkdocstrings did not render the API page")
    say(f"  pages: {len(without.pages())} without, {len(with_.pages())} with; "
        f"new warnings from others: {len(extra)}")
    if browser and Path(CHROMIUM).exists():
        combo_browser(name, with_, problems)
    return problems


def combo_browser(name: str, with_: Build, problems: list[str]) -> None:
    """Instant navigation: the fold control and copy button work on a page reached by it."""
    from playwright.sync_api import sync_playwright

    base, stop = serve(with_.site_dir, prefix="combo")  # as its site_url: instant navigation
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                tab = browser.new_page()
                errors: list[str] = []
                tab.on("pageerror", lambda e: errors.append(str(e)))
                tab.goto(base + "api/")
                tab.wait_for_load_state("load")
                tab.evaluate("() => { window.__kept = 1; }")
                tab.locator(".md-nav--primary a.md-nav__link", has_text="Home").first.click()
                tab.wait_for_selector(".pf-fold")
                # Material mounts its copy buttons a moment after the page appears.
                tab.wait_for_selector(".pf-fold [data-clipboard-target]", state="attached",
                                      timeout=10_000)
                # Headless Chromium here may take Material's instant navigation as a full
                # load; either way our controls must work on the page reached by a click.
                engaged = tab.evaluate("() => window.__kept") == 1
                result = tab.evaluate(COPY_CHECK)
                if not result or not result[0]["button"] or result[0]["copies"] != result[0][
                        "full"]:
                    problems.append(f"{name}: after instant navigation, the folded "
                                    f"block's copy button is wrong: {result[:1]}")
                annotations = tab.evaluate(ANNOTATION_CHECK)
                if annotations < 3:
                    problems.append(f"{name}: {annotations} annotations after instant "
                                    "navigation, not 3")
                tab.locator(".pf-fold summary").first.click()
                tab.wait_for_timeout(100)
                if errors:
                    problems.append(f"{name}: JavaScript errors: {errors[:3]}")
                say(f"  chromium: navigation to the home page (instant: {engaged}): fold, copy "
                    f"and {annotations} annotations work")
            finally:
                browser.close()
    finally:
        stop()


# -- known problems -------------------------------------------------------------------------------

KNOWN_PROBLEMS: list[tuple[str, str, str]] = []
"""(check, pattern of its problem, why): reported, but not failing the run, while they last;
a known problem that no longer happens fails the run, so that this list stays true."""


def _sort_known(problems: list[str], only: list[str] | None) -> tuple[list[str], list[str]]:
    left = list(problems)
    seen: list[str] = []
    for check, pattern, reason in KNOWN_PROBLEMS:
        if only and check not in only:
            continue
        matching = [p for p in left if re.search(pattern, p)]
        if matching:
            seen.append(f"{check}: {reason}")
            left = [p for p in left if p not in matching]
        else:
            left.append(f"{check}: the known problem '{reason}' no longer happens: remove it "
                        "from KNOWN_PROBLEMS in scripts/real_sites.py")
    return left, seen


# -- main ----------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work", type=Path, help="work folder (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--only", action="append", help="only this site (or 'combination')")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium checks")
    parser.add_argument("--json", type=Path, help="also write the problems as JSON here")
    args = parser.parse_args(argv)

    work = args.work or Path(tempfile.mkdtemp(prefix="portfolio-real-sites-"))
    work.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    start = time.monotonic()
    try:
        for site in SITES:
            if args.only and site.name not in args.only:
                continue
            try:
                problems += check_site(site, work, not args.no_browser)
            except Exception as error:  # report every site, not just the first failure
                problems.append(f"{site.name}: {type(error).__name__}: {error}")
        for i18n in (False, True):
            name = "combination+i18n" if i18n else "combination"
            if args.only and name not in args.only:
                continue
            try:
                problems += check_combination(work, not args.no_browser, i18n=i18n)
            except Exception as error:
                problems.append(f"{name}: {type(error).__name__}: {error}")
    finally:
        if not args.keep and not args.work:
            shutil.rmtree(work, ignore_errors=True)
    problems, known = _sort_known(problems, args.only)
    for reason in known:
        say(f"== known problem (still there): {reason}")
    say(f"== {len(problems)} problem(s) in {time.monotonic() - start:.0f}s")
    for problem in problems:
        say(f"  - {problem}")
    if args.json:
        args.json.write_text(json.dumps(problems, indent=2), encoding="utf-8")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
