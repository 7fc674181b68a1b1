"""What a portfolio of several projects costs a build: 10 projects of 50 pages each.

The pages are those of ``benchmarks/generate.py`` (page ``i`` of a 500-page site), laid
out as ten folders ``project-01/`` .. ``project-10/`` (their links to other pages point
inside their own project). The site is built without the plugin and with it and
``projects: true`` (ten overviews, the gallery, a page per tag), alternately, in fresh
processes, and the CPU times are compared as ``benchmarks.run`` does. The budget is
1.05 (docs/performance.md records the numbers). With ``--own``, the plugin is also
measured with ``code.fast_search`` and ``code.highlight_cache`` off: what it costs
before Material's search is spared the highlighting markup and Pygments the code it
highlighted in an earlier build.

    python -m benchmarks.projects --projects 10 --pages 50 --rounds 3 [--own]
"""

from __future__ import annotations

import argparse
import re
import statistics
from pathlib import Path

from .generate import config_text, page_text, svg, write_site
from .options import write_configs
from .run import DEFAULT_WORKDIR, measure_root

_LINK = re.compile(r"\]\((?:\.\./)*[\w-]+/[\w-]+\.md\)")
BASE, OTHER, OWN = "without", "projects", "projects-own"


def generate_projects(projects: int, pages: int, root: Path) -> Path:
    """Write the site under ``root``: ``docs/`` and the two configs."""
    docs = root / "docs"
    total = projects * pages
    wanted: dict[Path, str] = {}
    for p in range(1, projects + 1):
        for j in range(1, pages + 1):
            text = page_text((p - 1) * pages + j, total)
            wanted[docs / f"project-{p:02d}" / f"page-{j:03d}.md"] = \
                _LINK.sub("](page-001.md)", text)
    for k in range(1, 7):
        wanted[docs / "assets" / "figures" / f"figure-{k}.svg"] = svg(k)
    wanted[root / f"mkdocs.{BASE}.yml"] = config_text(BASE)
    write_site(wanted, docs)
    write_configs(root, {OTHER: {"projects": True},
                         OWN: {"projects": True, "code": {"fast_search": False,
                                                       "highlight_cache": False}}})
    return root


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--projects", type=int, default=10)
    parser.add_argument("--pages", type=int, default=50, help="pages per project")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR)
    parser.add_argument("--own", action="store_true",
                        help=f"also {OWN}: the search view and the kept highlighting off")
    args = parser.parse_args(argv)
    total = args.projects * args.pages
    root = generate_projects(args.projects, args.pages,
                             args.workdir / f"projects-{args.projects}x{args.pages}")
    for other in (OTHER, OWN) if args.own else (OTHER,):
        result = measure_root(root, total, args.rounds, BASE, other, log=f"N={total}")
        medians = {v: statistics.median(result.cpu(v)) for v in (BASE, other)}
        ratios = result.ratios
        spread = f" (range {min(ratios):.3f} to {max(ratios):.3f})"
        print(f"{args.projects} projects x {args.pages} pages: {BASE} {medians[BASE]:.2f} s "
              f"CPU, {other} {medians[other]:.2f} s CPU, ratio {result.ratio:.3f}{spread} "
              f"({other} / {BASE}), {result.per_page_ms:.2f} ms per page", flush=True)


if __name__ == "__main__":
    main()
