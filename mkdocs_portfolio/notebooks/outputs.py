"""A code cell's stored outputs, as Markdown and HTML for the page.

Outputs are shown as they were saved; nothing is executed. Each output becomes one
chunk of the page's Markdown:

- an image (PNG, JPEG, GIF, SVG) is a file of the site, shown as a Markdown image
  (so that it is a figure like any other, numbered when captioned);
- ``text/html`` (a pandas table) is raw HTML cleaned by :mod:`.sanitize`;
- ``text/markdown`` is Markdown, as a Markdown cell's;
- streams, ``text/plain`` and errors are ``<pre>`` blocks, escaped (ANSI colours
  dropped from tracebacks);
- a widget or JavaScript output with no static fallback is a short note saying so.
"""

from __future__ import annotations

import base64
import binascii
import html as htmllib
import json
import re
from collections.abc import Callable
from dataclasses import field
from typing import Any

from ..lazydata import dataclass
from .sanitize import clean_html, defuse_markdown

IMAGES = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/svg+xml": "svg"}
ORDER = ("image/png", "image/jpeg", "image/svg+xml", "image/gif", "text/html",
         "text/markdown", "text/latex", "text/plain")
"""The MIME type shown when an output has several (the first present)."""
INTERACTIVE = {
    "application/vnd.jupyter.widget-view+json": "an interactive widget",
    "application/javascript": "JavaScript output",
    "text/javascript": "JavaScript output",
    "application/vnd.plotly.v1+json": "an interactive Plotly chart",
    "application/vnd.bokehjs_exec.v0+json": "an interactive Bokeh chart",
    "application/vnd.bokehjs_load.v0+json": "an interactive Bokeh chart",
    "application/vnd.vegalite.v4+json": "an interactive Vega-Lite chart",
    "application/vnd.vegalite.v5+json": "an interactive Vega-Lite chart",
    "application/vnd.vega.v5+json": "an interactive Vega chart",
}
"""Outputs that need a live kernel or a script: shown as a note when nothing else is."""
IGNORED = frozenset({"application/vnd.jupyter.widget-state+json"})
MAX_BYTES = 5_000_000
"""Largest output shown (5 MB): a bigger one is left out with a note and a warning."""
SVG_SCRIPT = re.compile(r"<script|<foreignobject|<iframe|<embed|<object|\son[a-z]+\s*="
                        r"|javascript:|data:text/html", re.I)
"""What makes an SVG file run code when a reader opens it by its own URL (as an ``<img>``
it never does)."""
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")


def text_of(value: Any) -> str:
    """A notebook's multiline string: a string, or a list of lines."""
    if isinstance(value, list):
        return "".join(str(v) for v in value)
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    return json.dumps(value)


def pre(text: str, kind: str) -> str:
    body = htmllib.escape(text.rstrip("\n"), quote=False)
    return f'<div class="pf-nb-output pf-nb-{kind}"><pre>{body}</pre></div>'


def note(text: str) -> str:
    return f'<div class="pf-nb-output pf-nb-note"><p>{htmllib.escape(text)}</p></div>'


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


@dataclass
class OutputContext:
    """What the outputs of one cell need: where their files go and how to warn."""

    cell: int
    """The cell's number (1-based, as Jupyter shows it)."""
    folder: str
    """The folder of the output files, relative to the notebook's folder."""
    warn: Callable[[str], None]
    caption: str = ""
    alt: str = ""
    files: dict[str, bytes] = field(default_factory=dict)
    """Files written for the outputs, by path relative to the notebook's folder."""
    images: int = 0


def decode_image(mime: str, value: Any) -> bytes | None:
    """The bytes of an image output or attachment (``None``: not base64)."""
    text = text_of(value)
    if mime == "image/svg+xml":
        return text.encode("utf-8")
    try:
        return base64.b64decode("".join(text.split()), validate=True)
    except (binascii.Error, ValueError):
        return None


def _image(mime: str, value: Any, ctx: OutputContext) -> str:
    data = decode_image(mime, value)
    if data is None:
        ctx.warn(f"cell {ctx.cell}: an {mime} output is not base64; it is left out")
        return note("An image that could not be read was here.")
    if mime == "image/svg+xml" and SVG_SCRIPT.search(data.decode("utf-8", "replace")):
        ctx.warn(f"cell {ctx.cell}: an SVG output holds script; it is left out")
        return note("An SVG image with script in it was here.")
    ctx.images += 1
    name = f"{ctx.folder}/cell-{ctx.cell}-{ctx.images}.{IMAGES[mime]}"
    ctx.files[name] = data
    alt = ctx.alt or ctx.caption or f"Output of cell {ctx.cell}"
    alt = re.sub(r"[\[\]\\\n]", " ", alt)
    image = f"![{alt}]({name})"
    if ctx.caption:
        caption = ctx.caption.replace("\n", " ")
        return f"{image}\n/// caption\n{caption}\n///"
    return image


def _data(data: dict[str, Any], ctx: OutputContext) -> str:
    mimes = [m for m in data if isinstance(m, str) and m not in IGNORED]
    chosen = next((m for m in ORDER if m in data), None)
    if chosen is None:
        shown = [INTERACTIVE[m] for m in mimes if m in INTERACTIVE]
        if shown:
            return note(f"{shown[0].capitalize()} was here; it needs a live notebook to show.")
        if mimes:
            ctx.warn(f"cell {ctx.cell}: an output of type {', '.join(sorted(mimes))[:200]} "
                     "cannot be shown; a note says so")
            return note(f"An output of type {', '.join(sorted(mimes))[:200]} was here.")
        return ""
    value = data[chosen]
    if chosen in IMAGES:
        return _image(chosen, value, ctx)
    text = text_of(value)
    if chosen == "text/html":
        cleaned = clean_html(text)
        cleaned = "\n".join(line for line in cleaned.splitlines() if line.strip())
        return f'<div class="pf-nb-output pf-nb-html">\n{cleaned}\n</div>'
    if chosen == "text/markdown":
        return defuse_markdown(text)[0].strip()
    return pre(text, "text")


def _size(output: dict[str, Any]) -> int:
    data = output.get("data")
    if isinstance(data, dict):
        return sum(len(text_of(v)) for v in data.values())
    return len(text_of(output.get("text"))) + len(text_of(output.get("traceback")))


def render_output(output: Any, ctx: OutputContext) -> str:
    """One output as Markdown (empty when it shows nothing)."""
    if not isinstance(output, dict):
        ctx.warn(f"cell {ctx.cell}: an output is not an object; it is left out")
        return ""
    size = _size(output)
    if size > MAX_BYTES:
        ctx.warn(f"cell {ctx.cell}: an output of {_megabytes(size)} is over "
                 f"{_megabytes(MAX_BYTES)}; it is left out")
        return note(f"An output of {_megabytes(size)} was here; it is too large to show.")
    kind = output.get("output_type")
    if kind == "stream":
        name = "stderr" if output.get("name") == "stderr" else "stdout"
        return pre(text_of(output.get("text")), name)
    if kind in ("execute_result", "display_data"):
        data = output.get("data")
        return _data(data, ctx) if isinstance(data, dict) else ""
    if kind == "error":
        trace = output.get("traceback")
        text = "\n".join(text_of(line) for line in trace) if isinstance(trace, list) else ""
        if not text.strip():
            text = f"{text_of(output.get('ename'))}: {text_of(output.get('evalue'))}"
        return pre(ANSI.sub("", text), "error")
    ctx.warn(f"cell {ctx.cell}: an output of kind {str(kind)[:60]!r} cannot be shown")
    return ""
