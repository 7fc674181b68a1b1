"""What one of the plugin's options costs a build: the same site, two settings of it.

The generated writeup (``benchmarks/generate.py``) is built with each of two sets of
plugin options, alternately, in fresh processes, and the CPU times are compared as
``benchmarks.run`` does. ``benchmarks.mermaid`` and ``benchmarks.previews`` are two such
comparisons.
"""

from __future__ import annotations

import argparse
import statistics
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from .generate import config_text, generate
from .run import DEFAULT_WORKDIR, measure

Variants = Mapping[str, Mapping[str, Any]]
"""Variant name -> the ``portfolio`` plugin's options in that variant."""


def write_configs(root: Path, variants: Variants) -> None:
    """``mkdocs.<variant>.yml`` beside the generated configs, one per variant."""
    text = config_text("with")
    plugins = "plugins:\n- search\n- portfolio\n"
    if plugins not in text:
        raise SystemExit("benchmarks.generate changed its config: update benchmarks/options.py")
    for variant, options in variants.items():
        ours = yaml.safe_dump({"plugins": ["search", {"portfolio": dict(options)}]},
                              sort_keys=False)
        (root / f"mkdocs.{variant}.yml").write_text(text.replace(plugins, ours),
                                                  encoding="utf-8")


def main(variants: Variants, doc: str, argv: list[str] | None = None) -> None:
    """Build both variants at each ``--pages`` and print the medians and their ratio."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[200])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR)
    args = parser.parse_args(argv)
    base, other = variants
    for pages in args.pages:
        root = generate(pages, args.workdir / f"site-{pages}")
        write_configs(root, variants)
        result = measure(pages, args.rounds, args.workdir, base, other)
        medians = {v: statistics.median(result.cpu(v)) for v in (base, other)}
        print(f"N={pages}: {base} {medians[base]:.2f} s CPU, {other} {medians[other]:.2f} s "
              f"CPU, ratio {result.ratio:.3f} ({other} / {base})")
