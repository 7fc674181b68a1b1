"""The Markdown side alone: converting every page with and without our extension.

A whole build is noisy on a busy machine; this converts the generated pages in
one process with the Markdown extensions of each variant's config (after the
plugins' ``on_config``, so the ``with`` variant has exactly what the plugin adds),
alternating passes, and compares CPU time per pass. It isolates what the
Python-Markdown extension costs (blocks, ids, facts, folding) from the
site-wide features (overview, audit), which only a whole build shows.

    python -m benchmarks.markdown_cost --pages 200 --rounds 5 [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import time
from pathlib import Path

from markdown import Markdown

from .generate import generate
from .run import DEFAULT_WORKDIR


def _markdown(root: Path, variant: str) -> Markdown:
    from mkdocs.config import load_config

    config = load_config(str(root / f"mkdocs.{variant}.yml"))
    config = config.plugins.on_config(config)
    return Markdown(extensions=config.markdown_extensions,
                    extension_configs=config.mdx_configs or {})


def _pages(root: Path) -> list[tuple[str, str]]:
    out = []
    for path in sorted((root / "docs").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---\n"):
            text = text.split("\n---\n", 1)[1]
        out.append((path.relative_to(root / "docs").as_posix(), text))
    return out


def convert_all(md: Markdown, pages: list[tuple[str, str]]) -> float:
    """CPU seconds to convert every page once."""
    ext = next((e for e in md.registeredExtensions
                if type(e).__name__ == "PortfolioExtension"), None)
    start = time.process_time()
    for src, text in pages:
        if ext is not None:
            ext.setConfig("page", src)
        md.reset()
        md.convert(text)
    return time.process_time() - start


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR)
    parser.add_argument("--profile", action="store_true",
                        help="also profile one pass with our extension (cProfile)")
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    root = generate(args.pages, args.workdir.resolve() / f"site-{args.pages}")
    os.chdir(root)
    pages = _pages(root)
    mds = {v: _markdown(root, v) for v in ("without", "with")}
    for md in mds.values():  # warm-up: Pygments lexers, regex caches
        convert_all(md, pages[:20])
    times: dict[str, list[float]] = {v: [] for v in mds}
    for r in range(args.rounds):
        for v in (("without", "with") if r % 2 == 0 else ("with", "without")):
            times[v].append(convert_all(mds[v], pages))
    base, other = statistics.median(times["without"]), statistics.median(times["with"])
    ratios = [o / b for o, b in zip(times["with"], times["without"], strict=True)]
    print(f"N={args.pages}: Markdown conversion of every page, CPU median: without {base:.3f} s, "
          f"with {other:.3f} s; ratio {statistics.median(ratios):.3f}; "
          f"{1000 * (other - base) / len(pages):.2f} ms per page")
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        convert_all(mds["with"], pages)
        profiler.disable()
        stats = pstats.Stats(profiler)
        print("our functions, by cumulative time (one pass with the extension):")
        stats.sort_stats("cumulative").print_stats("mkdocs_portfolio", 20)


if __name__ == "__main__":
    main()
