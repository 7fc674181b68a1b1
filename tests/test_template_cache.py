"""The theme's compiled templates kept (``template_cache``): real ``mkdocs build`` processes
of a Material site, each with the cache folder of its test, and the same HTML as a build
that compiles everything; and the cache's keys, on Jinja environments."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from jinja2 import DictLoader, Environment, pass_context

from mkdocs_portfolio.overview import compiled

from .harness import write_site

# A build that prints the templates Jinja compiled (not read from a cache).
BUILD = """
import runpy, sys
import jinja2
compiled = []
real = jinja2.Environment.compile
def compile(self, source, name=None, filename=None, raw=False, defer_init=False):
    compiled.append(str(name))
    return real(self, source, name, filename, raw, defer_init)
jinja2.Environment.compile = compile
sys.argv = ["mkdocs", "build", "--site-dir", sys.argv[1]]
try:
    runpy.run_module("mkdocs", run_name="__main__")
except SystemExit as stop:
    assert not stop.code, stop.code
print("compiled:", " ".join(sorted(set(compiled))))
"""
ELSEWHERE = {"partials/language.html", "partials/languages/en.html"}
"""Templates Material's search plugin renders in a Jinja environment of its own (its
``on_config``), which no plugin is given: compiled in every build."""
PAGES = {"index.md": "# Receipt reader\n\nIt reads receipts.\n\n## The problem\n\nShops.\n",
         "results.md": "# Results\n\n!!! result\n    Metric: F1 = 0.91 (baseline 0.84)\n"}


def site(root: Path, **options: Any) -> Path:
    config = {"theme": {"name": "material", "custom_dir": "overrides"},
              "plugins": ["search", {"portfolio": {"audit": {"enabled": False}, **options}}]}
    write_site(root, PAGES, config)
    (root / "overrides").mkdir(exist_ok=True)
    (root / "overrides" / "main.html").write_text(
        '{% extends "base.html" %}\n{% block announce %}Version one{% endblock %}\n', "utf-8")
    return root


def run(root: Path, cache: Path, out: str) -> tuple[list[str], dict[str, str]]:
    """Build into ``out``: the templates compiled, and every HTML file by path."""
    env = {**os.environ, "MKDOCS_PORTFOLIO_CACHE_DIR": str(cache), "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-c", BUILD, str(root / out)], cwd=root, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    line = next(x for x in done.stdout.splitlines() if x.startswith("compiled:"))
    html = {str(p.relative_to(root / out)): p.read_text("utf-8")
            for p in sorted((root / out).rglob("*.html"))}
    return [name for name in line.split()[1:] if name not in ELSEWHERE], html


def test_a_second_build_compiles_no_template_and_makes_the_same_site(tmp_path: Path) -> None:
    root, cache = site(tmp_path / "site"), tmp_path / "cache"
    first, html = run(root, cache, "first")
    assert {"main.html", "base.html", "partials/header.html", "404.html"} <= set(first)
    second, html_again = run(root, cache, "second")
    assert second == []
    assert html_again == html
    assert "Version one" in html["index.html"]
    # The same as a build that keeps nothing.
    site(tmp_path / "plain", template_cache=False)
    plain_first, plain = run(tmp_path / "plain", tmp_path / "plain-cache", "first")
    plain_second, _ = run(tmp_path / "plain", tmp_path / "plain-cache", "second")
    assert "main.html" in plain_first and "main.html" in plain_second
    assert plain == html


def test_an_edited_override_is_compiled_again(tmp_path: Path) -> None:
    root, cache = site(tmp_path / "site"), tmp_path / "cache"
    run(root, cache, "first")
    main = root / "overrides" / "main.html"
    main.write_text(main.read_text("utf-8").replace("Version one", "Version two"), "utf-8")
    compiled_now, html = run(root, cache, "second")
    assert compiled_now == ["main.html"]
    assert "Version two" in html["index.html"] and "Version one" not in html["index.html"]


def test_an_unwritable_cache_folder_still_builds(tmp_path: Path) -> None:
    root, blocked = site(tmp_path / "site"), tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would be")
    for out in ("first", "second"):
        compiled_now, html = run(root, blocked / "cache", out)
        assert "main.html" in compiled_now and "Version one" in html["index.html"]


TEMPLATES = {"page.html": "<p>{{ value }} {{ value|shout }}</p>"}


def shout(value: str) -> str:
    return value.upper()


@pass_context
def shout_in_context(context: Any, value: str) -> str:
    return value.upper() + "!"


def environment(filter_: Any = shout) -> Environment:
    """A new build's environment, with the plugin's cache (made after its filters)."""
    env = Environment(loader=DictLoader(TEMPLATES))
    env.filters["shout"] = filter_
    env.bytecode_cache = compiled.compiled_templates(env)
    return env


def render(env: Environment, value: str) -> str:
    return env.get_template("page.html").render(value=value)


def test_an_overlay_with_other_autoescaping_gets_its_own_code(tmp_path: Path,
                                                              monkeypatch: Any) -> None:
    monkeypatch.setenv("MKDOCS_PORTFOLIO_CACHE_DIR", str(tmp_path))
    base = environment()
    assert render(base, "<b>") == "<p><b> <B></p>"
    escaping = base.overlay(autoescape=True)  # inherits the cache of the base's settings
    assert render(escaping, "<b>") == "<p>&lt;b&gt; &lt;B&gt;</p>"
    assert render(environment(), "<b>") == "<p><b> <B></p>"  # a new build, from the cache


def test_a_filter_called_another_way_gets_its_own_code(tmp_path: Path,
                                                       monkeypatch: Any) -> None:
    monkeypatch.setenv("MKDOCS_PORTFOLIO_CACHE_DIR", str(tmp_path))
    assert render(environment(), "a") == "<p>a A</p>"
    # Another build whose plugin gives the filter the template context: the code
    # compiled for a plain filter would call it without the context.
    assert render(environment(shout_in_context), "a") == "<p>a A!</p>"
