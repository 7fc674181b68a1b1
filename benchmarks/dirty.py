"""Where a ``mkdocs serve --dirty`` rebuild spends its CPU, item by item.

In one process, as under serve: a full build, then ``--edits`` times: one page
is edited and the site rebuilt with ``dirty=True``. The CPU time of each
rebuild is measured, and of the parts that matter: every plugin hook of
mkdocs-portfolio, every method of its site-wide parts, and each page MkDocs renders
again. Run it with ``--variant without`` for the same rebuild without the plugin.

    python -m benchmarks.dirty --pages 1000 [--variant without] [--edits 3] [--edit block]
"""

from __future__ import annotations

import argparse
import inspect
import logging
import os
import statistics
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from .generate import generate, page_path
from .run import DEFAULT_WORKDIR

Timings = dict[str, float]


def _timed_iteration(items: Iterator[Any], key: str, acc: Timings) -> Iterator[Any]:
    while True:
        start = time.process_time()
        try:
            item = next(items)
        except StopIteration:
            return
        finally:
            acc[key] += time.process_time() - start
        yield item


def _timed(owner: Any, name: str, label: str | Callable[..., str], acc: Timings) -> None:
    """Wrap ``owner.name`` (or ``owner[name]`` for a dict) so that it adds its CPU to ``acc``."""
    is_dict = isinstance(owner, dict)
    original = owner[name] if is_dict else getattr(owner, name)

    def timed(*args: Any, **kwargs: Any) -> Any:
        key = label(*args) if callable(label) else label
        start = time.process_time()
        try:
            result = original(*args, **kwargs)
        finally:
            acc[key] += time.process_time() - start
        if inspect.isgenerator(result):  # a check yields its findings: time the iteration
            return _timed_iteration(result, key, acc)
        return result

    if is_dict:
        owner[name] = timed
    else:
        setattr(owner, name, timed)


def _instrument(acc: Timings, plugin: bool) -> None:
    import mkdocs.commands.build as build_module

    def page_label(page: Any, *args: Any) -> str:
        return f"MkDocs renders {page.file.src_uri}"

    original_build_page = build_module._build_page

    def build_page(page: Any, config: Any, doc_files: Any, nav: Any, env: Any,
                   dirty: bool = False, excluded: bool = False) -> Any:
        if not dirty or not page.file.is_modified():
            return original_build_page(page, config, doc_files, nav, env, dirty, excluded)
        start = time.process_time()
        try:
            return original_build_page(page, config, doc_files, nav, env, dirty, excluded)
        finally:
            acc[page_label(page)] += time.process_time() - start

    build_module._build_page = build_page  # type: ignore[assignment]
    if not plugin:
        return
    from mkdocs_portfolio import frontmatter, source_pages
    from mkdocs_portfolio import plugin as plugin_module
    from mkdocs_portfolio.audit import auditor
    from mkdocs_portfolio.audit import run as audit_run
    from mkdocs_portfolio.overview import builder, gather

    for cls in (builder.OverviewBuilder, source_pages.SourcePages, auditor.SiteAudit,
                gather.Gatherer):
        for name, member in vars(cls).items():
            if callable(member) and not name.startswith("__") \
                    and not isinstance(member, (staticmethod, classmethod)):
                _timed(cls, name, f"{cls.__name__}.{name}", acc)
    for owner, name in ((auditor, "minutes_of"), (auditor, "run_checks"),
                        (frontmatter, "page_options")):
        _timed(owner, name, f"  {owner.__name__.rsplit('.', 1)[-1]}: {name}", acc)
    checks = getattr(audit_run, "PAGE_CHECKS", {})
    for check_id in list(checks):
        _timed(checks, check_id, f"    Audit check: {check_id}", acc)  # type: ignore[arg-type]
    if hasattr(audit_run, "links"):
        _timed(audit_run, "links", "    Audit check: links", acc)
    for hook in ("on_config", "on_files", "on_nav", "on_page_content", "on_env",
                 "on_post_build"):
        _timed(plugin_module.PortfolioPlugin, hook, f"PortfolioPlugin.{hook}", acc)
    from mkdocs_portfolio.markdown import collect, demo, fences, figures

    for owner, name, label in (
        (collect.CollectTreeprocessor, "run", "Markdown: facts treeprocessor"),
        (figures.FigureNumbers, "run", "Markdown: figure numbers"),
        (demo.DemoPrepareTreeprocessor, "run", "Markdown: demo blocks"),
        (fences, "finish", "Markdown: folding (without the highlighter)"),
    ):
        _timed(owner, name, label, acc)


EDITS = {
    # A sentence of the same length: the page's minutes, summary and blocks stay.
    "prose": "\nEdited {k}.\n",
    # A new next step each time: the overview lists it, so it changes.
    "block": '\n!!! next-step "Try idea {k}"\n\n    Idea {k}, to be tried.\n',
}


def _log_as_serve() -> None:
    """Log as ``mkdocs serve`` does (INFO, MkDocs' formatter), into /dev/null."""
    from mkdocs.__main__ import ColorFormatter

    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.INFO)
    logger.propagate = False
    handler = logging.StreamHandler(open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115
    handler.setFormatter(ColorFormatter())
    logger.addHandler(handler)


def _forget(plugin: Any, part: str) -> None:
    """Empty one part of the plugin's ``--dirty`` memo, as if it were not kept."""
    memo = plugin.memo
    for kept in memo.pages.values():
        if part == "overview-pages":
            kept.overview_key = None
        elif part == "page-findings":
            kept.audit_key = None
        elif part == "link-findings":
            kept.links_url = None
    if part == "overview-rendering":
        memo.overview.inputs, memo.overview.cards_key, memo.overview.cards = None, None, {}
    elif part == "overview-page":
        memo.overview.written = None
    elif part == "reading":
        memo.audit.reading_key = None
    elif part == "scans":
        memo.scans.clear()


MEMO_PARTS = ("overview-pages", "overview-rendering", "overview-page", "page-findings",
              "link-findings", "reading", "scans")
"""The parts of the memo ``--drop`` can do without (see mkdocs_portfolio/memo.py)."""


def measure(pages: int, variant: str, edits: int, workdir: Path,
            full: bool = False, edit: str = "prose",
            log: bool = False, drops: tuple[str, ...] = ()) -> list[tuple[float, Timings]]:
    """CPU of each dirty rebuild and of its parts; with ``full``, of the first full build.
    With ``drops``, each edit is followed by one rebuild with the whole memo and one
    without each part in ``drops``, in turn (the results are in that order)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    root = generate(pages, workdir / f"site-{pages}")
    os.chdir(root)
    if log:
        _log_as_serve()
    else:
        logging.getLogger("mkdocs").setLevel(logging.ERROR)
    acc: Timings = defaultdict(float)
    _instrument(acc, plugin=variant != "without" and variant != "bare-without")

    def config() -> Any:
        return load_config(str(root / f"mkdocs.{variant}.yml"),
                           site_dir=str(root / f"site-dirty-{variant}"))

    first = config()
    first.plugins.on_startup(command="serve", dirty=True)
    start = time.process_time()
    build(first, dirty=False)
    if full:
        return [(time.process_time() - start, dict(acc))]
    edited = root / "docs" / page_path(min(5, pages - 1))
    original = edited.read_text(encoding="utf-8")
    results = []
    try:
        for k in range(edits):
            for n, drop in enumerate(("", *drops)):
                edited.write_text(original + EDITS[edit].format(k=f"{k}.{n}"), encoding="utf-8")
                acc.clear()
                start = time.process_time()
                cfg = config()  # as under serve: the config is loaded again for each rebuild
                if drop:
                    _forget(cfg.plugins["portfolio"], drop)
                build(cfg, dirty=True)
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
    parser.add_argument("--edit", choices=sorted(EDITS), default="prose",
                        help="prose: the overview stays as it was; block: it changes")
    parser.add_argument("--log", action="store_true",
                        help="log as mkdocs serve does (into /dev/null), warnings included")
    parser.add_argument("--drop", action="append", choices=MEMO_PARTS, default=[],
                        help="also rebuild without this part of the --dirty memo, "
                             "alternating with the whole memo (repeatable)")
    parser.add_argument("--full", action="store_true",
                        help="itemize the first, full build instead (pages not itemized)")
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    drops = tuple(args.drop)
    results = measure(args.pages, args.variant, args.edits, args.workdir.resolve(), args.full,
                      args.edit, args.log, drops)
    if drops:
        rounds = [results[i::len(drops) + 1] for i in range(len(drops) + 1)]
        kept = [total for total, _ in rounds[0]]
        print(f"N={args.pages}: dirty rebuild CPU with the whole memo, median of "
              f"{len(kept)}: {statistics.median(kept):.3f} s")
        for drop, got in zip(drops, rounds[1:], strict=True):
            diffs = [total - base for (total, _), base in zip(got, kept, strict=True)]
            print(f"  without {drop}: median {statistics.median(t for t, _ in got):.3f} s, "
                  f"paired difference median {statistics.median(diffs):+.3f} s "
                  f"({min(diffs):+.3f} to {max(diffs):+.3f})")
        return
    totals = [total for total, _ in results]
    what = "full build" if args.full else "dirty rebuild"
    print(f"N={args.pages} {args.variant}: {what} CPU, median of {len(totals)}: "
          f"{statistics.median(totals):.3f} s ({', '.join(f'{t:.3f}' for t in totals)})")
    keys = sorted({k for _, acc in results for k in acc},
                  key=lambda k: -statistics.median(acc.get(k, 0.0) for _, acc in results))
    for key in keys:
        value = statistics.median(acc.get(key, 0.0) for _, acc in results)
        if value >= 0.001:
            print(f"  {value:7.3f} s  {key}")


if __name__ == "__main__":
    main()
