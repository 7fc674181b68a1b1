"""What serving Mermaid from the site (``visuals.mermaid_script: site``) costs a build.

The generated writeup (``benchmarks/generate.py``, a Mermaid diagram on a third of the
pages) is built with ``mermaid_script: cdn`` (Material loads Mermaid from unpkg.com:
nothing to copy) and ``site`` (the pinned copy, 3.6 MB, copied into the site),
alternately, in fresh processes, and the CPU times are compared as ``benchmarks.run``
does. docs/visuals.md records the numbers.

    python -m benchmarks.mermaid --pages 200 --rounds 3
"""

from __future__ import annotations

import argparse
import statistics
from pathlib import Path

import yaml

from .generate import config_text, generate
from .run import DEFAULT_WORKDIR, measure

VARIANTS = {"mermaid-cdn": "cdn", "mermaid-site": "site"}


def write_configs(root: Path) -> None:
    """``mkdocs.mermaid-cdn.yml`` and ``mkdocs.mermaid-site.yml`` beside the generated ones."""
    text = config_text("with")
    plugins = "plugins:\n- search\n- portfolio\n"
    if plugins not in text:
        raise SystemExit("benchmarks.generate changed its config: update benchmarks/mermaid.py")
    for variant, script in VARIANTS.items():
        ours = yaml.safe_dump(
            {"plugins": ["search", {"portfolio": {"visuals": {"mermaid_script": script}}}]},
            sort_keys=False)
        (root / f"mkdocs.{variant}.yml").write_text(text.replace(plugins, ours),
                                                  encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[200])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR)
    args = parser.parse_args(argv)
    for pages in args.pages:
        root = generate(pages, args.workdir / f"site-{pages}")
        write_configs(root)
        result = measure(pages, args.rounds, args.workdir, "mermaid-cdn", "mermaid-site")
        cdn = statistics.median(result.cpu("mermaid-cdn"))
        site = statistics.median(result.cpu("mermaid-site"))
        print(f"N={pages}: cdn {cdn:.2f} s CPU, site {site:.2f} s CPU, "
              f"ratio {result.ratio:.3f} (site / cdn)")


if __name__ == "__main__":
    main()
