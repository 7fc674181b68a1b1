"""Write the notebook fixtures of tests/test_notebooks*.py, with their stored outputs.

The outputs are made here, deterministically, by the same code the cells show (a
matplotlib plot, a pandas table, a print, an exception): no kernel runs. Run it from
anywhere; it writes beside itself (or into the folder given as its argument):

    python tests/data/notebooks/make_notebooks.py
"""

from __future__ import annotations

import base64
import io
import json
import sys
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import nbformat
import numpy as np
import pandas as pd
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

KERNEL = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
          "language_info": {"name": "python"}}
PLOT_CODE = """\
#| fig-cap: "Recall by request category"
rng = np.random.default_rng(7)
recall = rng.uniform(0.6, 0.95, size=6)
fig, ax = plt.subplots(figsize=(4, 2.5))
ax.bar(range(6), recall)
ax.set_ylabel("recall")"""
TABLE_CODE = """\
df = pd.DataFrame({"category": ["pothole", "graffiti", "streetlight"],
                   "recall": [0.91, 0.84, 0.77]})
df"""
HELPER_CODE = "\n".join(["def confusion(y_true, y_pred, labels):",
                         '    """The confusion matrix, by label."""',
                         "    index = {label: i for i, label in enumerate(labels)}",
                         "    counts = np.zeros((len(labels), len(labels)), dtype=int)",
                         "    for t, p in zip(y_true, y_pred):",
                         "        counts[index[t], index[p]] += 1",
                         "    return counts"])
LONG_CODE = "\n".join(f"step_{i} = {i} * 2  # a long cell folds like any fence"
                      for i in range(40))
ANSI_TRACE = ["\x1b[0;31m" + "-" * 63 + "\x1b[0m",
              "\x1b[0;31mZeroDivisionError\x1b[0m" + " " * 17
              + "Traceback (most recent call last)",
              "Cell \x1b[0;32mIn[5], line 1\x1b[0m\n\x1b[0;32m----> 1\x1b[0m "
              "\x1b[38;5;241m1\x1b[39m\x1b[38;5;241m/\x1b[39m\x1b[38;5;241m0\x1b[39m",
              "\x1b[0;31mZeroDivisionError\x1b[0m: division by zero"]


def _plot_png() -> str:
    rng = np.random.default_rng(7)
    recall = rng.uniform(0.6, 0.95, size=6)
    fig, ax = plt.subplots(figsize=(4, 2.5))
    ax.bar(range(6), recall)
    ax.set_ylabel("recall")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=50, metadata={"Software": None})
    plt.close(fig)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def analysis() -> Any:
    """A notebook saved with outputs of every kind a writeup shows."""
    df = pd.DataFrame({"category": ["pothole", "graffiti", "streetlight"],
                       "recall": [0.91, 0.84, 0.77]})
    nb = new_notebook(metadata=dict(KERNEL))
    nb.cells = [
        new_markdown_cell("# Error analysis\n\nWhere the router still sends requests to "
                          "the wrong crew, and why."),
        new_code_cell("import numpy as np\nimport pandas as pd\nprint('loaded 3 categories')",
                      execution_count=1,
                      outputs=[new_output("stream", name="stdout", text="loaded 3 categories\n")]),
        new_code_cell(PLOT_CODE, execution_count=2, outputs=[new_output(
            "display_data", data={"image/png": _plot_png(),
                                  "text/plain": "<Figure size 400x250 with 1 Axes>"})]),
        new_code_cell(TABLE_CODE, execution_count=3, outputs=[new_output(
            "execute_result", execution_count=3,
            data={"text/html": df._repr_html_(), "text/plain": repr(df)})]),
        new_markdown_cell('!!! dead-end "Class weights"\n\n    Weighting rare categories '
                          "up cost four points of recall on the common ones."),
        new_code_cell("1/0", execution_count=5, outputs=[new_output(
            "error", ename="ZeroDivisionError", evalue="division by zero",
            traceback=ANSI_TRACE)]),
        new_code_cell(HELPER_CODE, execution_count=6, metadata={"tags": ["hide-input"]}),
        new_code_cell("#| echo: false\nprint('only the output')", execution_count=7,
                      outputs=[new_output("stream", name="stdout", text="only the output\n")]),
        new_code_cell("secret = 'removed'", execution_count=8,
                      metadata={"tags": ["remove-cell"]}),
        new_code_cell(LONG_CODE, execution_count=9),
        new_code_cell("import warnings\nwarnings.warn('slow')", execution_count=10,
                      metadata={"tags": ["hide-output"]},
                      outputs=[new_output("stream", name="stderr", text="UserWarning: slow\n")]),
        new_code_cell("slider", execution_count=11, outputs=[new_output(
            "display_data",
            data={"application/vnd.jupyter.widget-view+json": {"model_id": "abc",
                                                                "version_major": 2,
                                                                "version_minor": 0}})]),
        new_markdown_cell("The sketch of the router:\n\n![router](attachment:router.png)",
                          attachments={"router.png": {"image/png": _plot_png()}}),
    ]
    return nb


def _write(folder: Path, name: str, nb: Any) -> None:
    for number, cell in enumerate(nb.cells, 1):  # nbformat makes random ids
        cell.id = f"cell-{number}"
    nbformat.validate(nb)
    (folder / name).write_text(nbformat.writes(nb) + "\n", encoding="utf-8")


def bad_inputs(folder: Path) -> None:
    """Notebooks that are wrong in one way each (see tests/test_notebooks_bad.py)."""
    (folder / "not_json.ipynb").write_text('{"cells": [', encoding="utf-8")
    invalid = {"nbformat": 4, "nbformat_minor": 5, "metadata": {},
               "cells": [{"cell_type": "code", "source": "x = 1", "metadata": {}}]}
    (folder / "invalid.ipynb").write_text(json.dumps(invalid, indent=1), encoding="utf-8")
    v3 = {"nbformat": 3, "nbformat_minor": 0, "metadata": {"name": "old"},
          "worksheets": [{"cells": [
              {"cell_type": "markdown", "source": ["# An old notebook\n", "\n", "Still read."],
               "metadata": {}},
              {"cell_type": "code", "input": "print(3)", "language": "python",
               "collapsed": False, "metadata": {}, "prompt_number": 1,
               "outputs": [{"output_type": "stream", "stream": "stdout", "text": ["3\n"]}]}],
              "metadata": {}}]}
    (folder / "v3.ipynb").write_text(json.dumps(v3, indent=1), encoding="utf-8")
    unknown = new_notebook(metadata=dict(KERNEL))
    unknown.cells = [new_markdown_cell("# Unknown output"), new_code_cell(
        "thing", execution_count=1,
        outputs=[new_output("display_data", data={"application/x-thing": "opaque"})])]
    _write(folder, "unknown_mime.ipynb", unknown)
    empty = new_notebook(metadata=dict(KERNEL))
    _write(folder, "empty.ipynb", empty)
    hostile = new_notebook(metadata=dict(KERNEL))
    hostile.cells = [
        new_markdown_cell("## <img src=x onerror=alert(1)> Hostile\n\nText."),
        new_code_cell("html", execution_count=1, outputs=[new_output("display_data", data={
            "text/html": '<table><tr><td onmouseover="alert(2)">1</td></tr></table>'
                         '<script>alert(3)</script><a href="javascript:alert(4)">x</a>'})]),
        new_code_cell("svg", execution_count=2, outputs=[
            new_output("display_data", data={"image/svg+xml": '<svg xmlns="http://www.w3.org/'
                                             '2000/svg"><script>alert(5)</script></svg>'}),
            new_output("display_data", data={"text/markdown": "**Bold** <script>alert(6)"
                                             "</script> <img src=x onerror=alert(7)>"})]),
    ]
    _write(folder, "hostile.ipynb", hostile)
    unclosed = new_notebook(metadata=dict(KERNEL))
    unclosed.cells = [new_markdown_cell("# Unclosed\n\n```python\nx = 1\n```python\ny = 2"),
                      new_markdown_cell("A paragraph after it.")]
    _write(folder, "unclosed.ipynb", unclosed)
    sources = new_notebook(metadata=dict(KERNEL))
    sources.cells = [new_markdown_cell("# Sources"), new_code_cell("as_string = 1")]
    sources.cells[0].id, sources.cells[1].id = "cell-1", "cell-2"
    data = json.loads(nbformat.writes(sources))
    data["cells"][1]["source"] = ["as_list = 1\n", "print(as_list)"]
    data["cells"].append({"cell_type": "code", "execution_count": None, "metadata": {},
                          "id": "cell-3",
                          "outputs": [], "source": "as_string = 2"})
    (folder / "sources.ipynb").write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


def main(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    _write(folder, "analysis.ipynb", analysis())
    bad_inputs(folder)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent)
