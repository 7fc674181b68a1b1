"""Where a ``mkdocs serve --dirty`` rebuild spends its CPU, item by item.

In one process, as under serve: a full build, then ``--edits`` times: one page
is edited and the site rebuilt with ``dirty=True``. The CPU time of each
rebuild is measured, and of the parts that matter: every plugin hook of
mkdocs-portfolio's features, and each page MkDocs renders again. Run it with
``--variant without`` for the same rebuild without the plugin.

    python -m benchmarks.dirty --pages 1000 [--variant without] [--edits 3]
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .generate import generate, page_path
from .run import DEFAULT_WORKDIR

Timings = dict[str, float]


def _timed(owner: Any, name: str, label: str | Callable[..., str], acc: Timings) -> None:
    original = getattr(owner, name)

    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            key = label(*args) if callable(label) else label
            acc[key] += time.process_time() - start

    setattr(owner, name, timed)


def _instrument(acc: Timings, plugin: bool) -> None:
    import mkdocs.commands.build as build_module

    def page_label(page: Any, *args: Any) -> str:
        return f"MkDocs renders {page.file.src_uri}"

    original_build_page = build_module._build_page

    def build_page(page: Any, config: Any, doc_files: Any, nav: Any, env: Any,
                   dirty: bool = False, excluded: bool = False) -> Any:
        if dirty and not page.file.is_modified():
            return original_build_page(page, config, doc_files, nav, env, dirty, excluded)
        start = time.process_time()
        try:
            return original_build_page(page, config, doc_files, nav, env, dirty, excluded)
        finally:
            acc[page_label(page)] += time.process_time() - start

    build_module._build_page = build_page  # type: ignore[assignment]
    if not plugin:
        return
    from mkdocs_portfolio import audit, overview, sources
    from mkdocs_portfolio import plugin as plugin_module

    for cls in (overview.Overview, sources.SourcePages, audit.Audit):
        for hook in ("on_config", "on_files", "on_nav", "on_page_content", "on_env",
                     "on_page_context", "on_post_page", "on_post_build"):
            if hook in vars(cls):
                _timed(cls, hook, f"{cls.__name__}.{hook}", acc)
    for name in ("reading_minutes", "run_checks", "page_options"):
        if hasattr(audit, name):
            _timed(audit, name, f"  Audit: {name}", acc)
    _timed(plugin_module.PortfolioPlugin, "on_config", "PortfolioPlugin.on_config", acc)


def measure(pages: int, variant: str, edits: int, workdir: Path) -> list[tuple[float, Timings]]:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    root = generate(pages, workdir / f"site-{pages}")
    os.chdir(root)
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    acc: Timings = defaultdict(float)
    _instrument(acc, plugin=variant != "without" and variant != "bare-without")

    def config() -> Any:
        return load_config(str(root / f"mkdocs.{variant}.yml"),
                           site_dir=str(root / f"site-dirty-{variant}"))

    first = config()
    first.plugins.on_startup(command="serve", dirty=True)
    build(first, dirty=False)
    edited = root / "docs" / page_path(min(5, pages - 1))
    original = edited.read_text(encoding="utf-8")
    results = []
    try:
        for k in range(edits):
            edited.write_text(f"{original}\nEdited {k}.\n", encoding="utf-8")
            acc.clear()
            start = time.process_time()
            build(config(), dirty=True)
            results.append((time.process_time() - start, dict(acc)))
    finally:
        edited.write_text(original, encoding="utf-8")
    return results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--variant", default="with")
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR)
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    results = measure(args.pages, args.variant, args.edits, args.workdir.resolve())
    totals = [total for total, _ in results]
    print(f"N={args.pages} {args.variant}: dirty rebuild CPU, median of {len(totals)}: "
          f"{statistics.median(totals):.3f} s ({', '.join(f'{t:.3f}' for t in totals)})")
    keys = sorted({k for _, acc in results for k in acc},
                  key=lambda k: -statistics.median(acc.get(k, 0.0) for _, acc in results))
    for key in keys:
        value = statistics.median(acc.get(key, 0.0) for _, acc in results)
        if value >= 0.001:
            print(f"  {value:7.3f} s  {key}")


if __name__ == "__main__":
    main()
