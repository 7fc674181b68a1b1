"""What image zoom (``visuals.zoom``, mkdocs-glightbox) costs a build.

The generated writeup (``benchmarks/generate.py``, figures on many pages) is built
with the plugin and ``visuals.zoom`` off, then on, alternately, in fresh processes,
and the CPU times are compared as ``benchmarks.run`` does. The numbers chose the
default of ``visuals.zoom``; docs/visuals.md records them.

    python -m benchmarks.zoom --pages 200 --rounds 3
"""

from __future__ import annotations

import argparse
import statistics
from pathlib import Path

import yaml

from .generate import config_text, generate
from .run import DEFAULT_WORKDIR, measure

VARIANTS = {"zoom-off": False, "zoom-on": True}


def write_configs(root: Path) -> None:
    """``mkdocs.zoom-off.yml`` and ``mkdocs.zoom-on.yml`` beside the generated ones."""
    text = config_text("with")
    plugins = "plugins:\n- search\n- portfolio\n"
    if plugins not in text:
        raise SystemExit("benchmarks.generate changed its config: update benchmarks/zoom.py")
    for variant, zoom in VARIANTS.items():
        ours = yaml.safe_dump({"plugins": ["search", {"portfolio": {"visuals": {"zoom": zoom}}}]},
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
        result = measure(pages, args.rounds, args.workdir, "zoom-off", "zoom-on")
        off = statistics.median(result.cpu("zoom-off"))
        on = statistics.median(result.cpu("zoom-on"))
        print(f"N={pages}: zoom off {off:.2f} s CPU, zoom on {on:.2f} s CPU, "
              f"ratio {result.ratio:.3f}, {result.per_page_ms:.2f} ms a page")


if __name__ == "__main__":
    main()
