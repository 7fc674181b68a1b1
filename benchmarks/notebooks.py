"""Notebooks: a writeup of 50 notebooks built by our notebooks and by mkdocs-jupyter.

The site (``--notebooks`` notebooks of about 20 cells each, half Markdown, half code;
a third of them with a stored PNG plot, all with a stream output and a pandas-style
table) is generated once, deterministically, then built alternately with each
variant in fresh processes, as ``benchmarks.run`` times builds (CPU of the build
process, interpreter start-up and imports included):

- ``jupyter``: ``plugins: [search, mkdocs-jupyter, portfolio]`` (mkdocs-jupyter renders
  every notebook with nbconvert; its cache off, as on a CI runner's first build);
- ``ours``: ``plugins: [search, portfolio]`` (our notebooks);
- ``jupyter-cached`` (with ``--against jupyter-cached``): mkdocs-jupyter with its
  cache on (its default), filled by the warm-up build, as an author's second build.

Budget: ours at most mkdocs-jupyter's time (docs/performance.md has the numbers).

    python -m benchmarks.notebooks --notebooks 50 --rounds 5
"""

from __future__ import annotations

import argparse
import base64
import io
import json
import random
import statistics
from pathlib import Path
from typing import Any

import yaml

from .run import DEFAULT_WORKDIR, measure_root

SEED = 15
VARIANTS: dict[str, list[Any]] = {
    "jupyter": ["search", {"mkdocs-jupyter": {"cache": False}},
                {"portfolio": {"audit": {"enabled": False}}}],
    "ours": ["search", {"portfolio": {"audit": {"enabled": False}}}],
    # mkdocs-jupyter with its cache (on by default): the warm-up build fills it.
    "jupyter-cached": ["search", {"mkdocs-jupyter": {"cache": True}},
                       {"portfolio": {"audit": {"enabled": False}}}],
}
WORDS = ["router", "crew", "request", "category", "recall", "model", "pothole", "graffiti",
         "streetlight", "error", "confusion", "label", "queue", "latency", "baseline",
         "feature", "city", "ticket", "district"]


def _png(seed: int) -> str:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    rng = np.random.default_rng(seed)
    fig, ax = plt.subplots(figsize=(4, 2.5))
    ax.plot(rng.normal(size=50).cumsum())
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=60, metadata={"Software": None})
    plt.close(fig)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _prose(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def _table(rng: random.Random) -> str:
    rows = "".join(f"<tr><th>{i}</th><td>{rng.choice(WORDS)}</td><td>{rng.random():.3f}</td>"
                   "</tr>" for i in range(8))
    return ('<div><table border="1" class="dataframe"><thead><tr><th></th><th>category</th>'
            f"<th>recall</th></tr></thead><tbody>{rows}</tbody></table></div>")


def notebook(i: int, png: str | None) -> dict[str, Any]:
    """The ``i``-th notebook: 20 cells, its outputs stored."""
    rng = random.Random(SEED * 1000 + i)
    cells: list[dict[str, Any]] = [{"cell_type": "markdown", "metadata": {}, "id": "c0",
                                    "source": f"# Notebook {i}\n\n{_prose(rng, 60)}"}]
    for k in range(1, 20):
        if k % 2:
            code = "\n".join(f"x_{j} = {rng.randint(0, 99)}  # {rng.choice(WORDS)}"
                             for j in range(rng.randint(3, 30)))
            outputs: list[dict[str, Any]] = [{"output_type": "stream", "name": "stdout",
                                              "text": _prose(rng, 12) + "\n"}]
            if k == 5:
                outputs = [{"output_type": "execute_result", "execution_count": k,
                            "metadata": {}, "data": {"text/html": _table(rng),
                                                     "text/plain": "table"}}]
            if k == 9 and png:
                outputs = [{"output_type": "display_data", "metadata": {},
                            "data": {"image/png": png, "text/plain": "<Figure>"}}]
            cells.append({"cell_type": "code", "execution_count": k, "metadata": {},
                          "id": f"c{k}", "source": code, "outputs": outputs})
        else:
            cells.append({"cell_type": "markdown", "metadata": {}, "id": f"c{k}",
                          "source": f"## Step {k}\n\n{_prose(rng, 80)}"})
    return {"nbformat": 4, "nbformat_minor": 5, "cells": cells, "metadata": {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"}}}


def generate(count: int, root: Path) -> Path:
    """Write the site of ``count`` notebooks and one ``mkdocs.<variant>.yml`` per variant."""
    docs = root / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text("# Notebooks\n\nA writeup made of notebooks.\n",
                                   encoding="utf-8")
    plots = [_png(i) for i in range(3)]
    for i in range(count):
        png = plots[i % 3] if i % 3 == 0 else None
        (docs / f"nb-{i:03d}.ipynb").write_text(json.dumps(notebook(i, png), indent=1),
                                                 encoding="utf-8")
    for variant, plugins in VARIANTS.items():
        config = {"site_name": "Notebooks", "theme": {"name": "material"}, "plugins": plugins}
        (root / f"mkdocs.{variant}.yml").write_text(yaml.safe_dump(config, sort_keys=False),
                                                    encoding="utf-8")
    return root


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notebooks", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR)
    parser.add_argument("--against", choices=["jupyter", "jupyter-cached"], default="jupyter")
    args = parser.parse_args(argv)
    root = generate(args.notebooks, args.workdir / f"notebooks-{args.notebooks}")
    result = measure_root(root, args.notebooks, args.rounds, args.against, "ours",
                          log=f"N={args.notebooks}")
    for variant in (args.against, "ours"):
        cpu = result.cpu(variant)
        print(f"{variant:>8}: median {statistics.median(cpu):.2f} s CPU "
              f"(range {min(cpu):.2f}-{max(cpu):.2f}) over {len(cpu)} builds")
    print(f"ours / {args.against}: median {result.ratio:.3f} (range {min(result.ratios):.3f}-"
          f"{max(result.ratios):.3f})")
    print(json.dumps(result.summary()))


if __name__ == "__main__":
    main()
