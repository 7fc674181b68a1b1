"""What ten charts of 50 bars cost a page: the same page with and without them.

A one-page site is written twice under the work folder: ``docs-plain/`` holds a page of
prose, ``docs-charts/`` the same page with ten ``/// metrics`` blocks, each drawing 50
bars from its own CSV under ``results/`` (budget of issue 18: at most 20 ms more).

Two measurements, alternating A B, B A, ... as ``benchmarks.run`` does:

- whole builds, each a fresh ``python -m mkdocs build`` process (``benchmarks.run``'s
  ``measure_root``): the CPU time a user pays, interpreter and imports included, but
  noisy to a few tens of ms on a shared machine;
- the page's Markdown conversion in one process, with the extensions the plugin sets
  up (``benchmarks.markdown_cost``), ``--repeat`` conversions a round: the charts' own
  cost, the files read each round (the build's cache of results files is emptied).

Printed: the medians of each variant and the median and range of the differences.

    python -m benchmarks.charts --rounds 7 --repeat 20
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from pathlib import Path

import yaml

from .run import DEFAULT_WORKDIR, measure_root

CHARTS, BARS = 10, 50
BUDGET_MS = 20.0
PROSE = ("The model routes each request to the department that closes it, and the "
         "dispatcher checks the ones it is unsure of. ") * 12


def page(charts: bool) -> str:
    """The page, with or without its charts (the same prose either way)."""
    parts = ["# Results by department\n"]
    for i in range(CHARTS):
        parts.append(f"## Slice {i + 1}\n\n{PROSE}\n")
        if charts:
            parts.append(f"/// metrics | Recall by department, slice {i + 1}\n"
                         f"    from: results/slice{i}.csv\n    x: department\n"
                         "    y: ours\n///\n")
    return "\n".join(parts)


def write(root: Path) -> Path:
    """The site's two configs, two docs folders and the ten CSV files."""
    rng = random.Random(18)
    (root / "results").mkdir(parents=True, exist_ok=True)
    for i in range(CHARTS):
        rows = [f"Department {j + 1},{rng.uniform(0.4, 0.95):.3f}" for j in range(BARS)]
        (root / "results" / f"slice{i}.csv").write_text(
            "department,ours\n" + "\n".join(rows) + "\n", encoding="utf-8")
    for variant, charts in (("plain", False), ("charts", True)):
        docs = root / f"docs-{variant}"
        docs.mkdir(exist_ok=True)
        (docs / "index.md").write_text(page(charts), encoding="utf-8")
        conf = {"site_name": "Charts", "docs_dir": f"docs-{variant}",
                "theme": {"name": "material"},
                "plugins": ["search", {"portfolio": {"audit": {"enabled": False}}}]}
        (root / f"mkdocs.{variant}.yml").write_text(yaml.safe_dump(conf), encoding="utf-8")
    return root


def convert(root: Path, repeat: int, rounds: int) -> dict[str, list[float]]:
    """CPU ms per conversion of the page, per round, for each variant."""
    from markdown import Markdown
    from mkdocs.config import load_config

    from mkdocs_portfolio.markdown import PortfolioExtension
    from mkdocs_portfolio.markdown.sourcefiles import context
    from mkdocs_portfolio.results import DataFiles

    made: dict[str, tuple[Markdown, str]] = {}
    for variant in ("plain", "charts"):
        config = load_config(str(root / f"mkdocs.{variant}.yml"))
        config = config.plugins.on_config(config)
        md = Markdown(extensions=config.markdown_extensions,
                      extension_configs=config.mdx_configs or {})
        made[variant] = md, (root / f"docs-{variant}" / "index.md").read_text(encoding="utf-8")
    times: dict[str, list[float]] = {v: [] for v in made}
    for r in range(rounds + 1):  # the first round warms up and is not counted
        for variant in (("plain", "charts") if r % 2 == 0 else ("charts", "plain")):
            md, text = made[variant]
            start = time.process_time()
            for _ in range(repeat):
                for ext in md.registeredExtensions:  # the files are read again
                    if isinstance(ext, PortfolioExtension):
                        context(ext).data = DataFiles()
                md.reset()
                md.convert(text)
            if r:
                times[variant].append(1000 * (time.process_time() - start) / repeat)
    return times


def _span(values: list[float]) -> str:
    return (f"{statistics.median(values):+.1f} ms (range {min(values):+.1f} to "
            f"{max(values):+.1f})")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR)
    parser.add_argument("--builds", action=argparse.BooleanOptionalAction, default=True,
                        help="also time whole builds in fresh processes")
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    root = write(args.workdir.resolve() / "charts")
    os.chdir(root)
    times = convert(root, args.repeat, args.rounds)
    diffs = [c - p for c, p in zip(times["charts"], times["plain"], strict=True)]
    print(f"Markdown conversion of the page ({args.rounds} rounds of {args.repeat}): without "
          f"charts {statistics.median(times['plain']):.1f} ms, with "
          f"{statistics.median(times['charts']):.1f} ms; difference {_span(diffs)}")
    verdict = [statistics.median(diffs)]
    if args.builds:
        result = measure_root(root, 1, args.rounds, "plain", "charts", log="charts")
        build_diffs = [1000 * d for d in result.differences("cpu")]
        print(f"whole builds ({args.rounds} pairs of fresh processes): CPU without "
              f"{statistics.median(result.cpu('plain')):.3f} s, with "
              f"{statistics.median(result.cpu('charts')):.3f} s; difference "
              f"{_span(build_diffs)}")
        verdict.append(statistics.median(build_diffs))
    within = all(v <= BUDGET_MS for v in verdict)
    print(f"verdict: {'within' if within else 'OVER'} the budget of {BUDGET_MS:.0f} ms "
          f"({CHARTS} charts of {BARS} bars)")


if __name__ == "__main__":
    main()
