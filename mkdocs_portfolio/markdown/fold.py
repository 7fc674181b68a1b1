"""Folding of long code blocks, done where superfences makes them.

superfences turns each fence into HTML with one *formatter*; we wrap its default
formatter, so every fenced block passes through :func:`finish` right after it
is highlighted, as a small string, and never as part of a whole page. A block
that folds keeps all of Material's markup (title bar, line-number table, line
spans, ``hl_lines``) untouched; it only gets the class ``pf-fold``, its preview
length as a CSS variable, and a control bar as the last child of the
``.highlight`` element, so that the list of annotations still follows the
``.highlight`` element directly and Material's copy button still copies
``#__code_N > code`` whole. The CSS clips the code while the ``<details>``
control is closed: it unfolds without JavaScript and prints unfolded.
"""

from __future__ import annotations

import html as htmllib
import re
from typing import TYPE_CHECKING, Any

from markdown.preprocessors import Preprocessor

from .facts import CodeBlockFact
from .util import PortfolioError

try:
    from pymdownx.superfences import SuperFencesException
except ImportError:  # pragma: no cover - superfences is a dependency
    SuperFencesException = Exception  # type: ignore[assignment,misc]

if TYPE_CHECKING:
    from collections.abc import Callable

    from markdown import Markdown

    from . import PortfolioExtension

FOLD_CLASS = "fold"
NO_FOLD_CLASS = "no-fold"
SOURCE_OPTION = "source"
OPEN_TAG = re.compile(r"<div\b[^>]*>")
CLASS_ATTR = re.compile(r'\bclass="([^"]*)"')


class FenceError(PortfolioError, SuperFencesException):
    """A :class:`PortfolioError` that superfences lets through (it swallows the others,
    and would show the fence as text)."""


def count_lines(src: str) -> int:
    """Lines of a block's source, not counting one trailing newline."""
    if not src:
        return 0
    return src.count("\n") + (0 if src.endswith("\n") else 1)


def should_fold(ext: PortfolioExtension, lines: int, classes: list[str] | tuple[str, ...],
                force: bool | None = None) -> bool:
    """Whether a block of ``lines`` lines with these classes folds."""
    if not ext.getConfig("fold"):
        return False
    preview = int(ext.getConfig("preview_lines"))
    if lines <= preview:
        return False  # nothing would be hidden
    if force is not None:
        return force
    if NO_FOLD_CLASS in classes:
        return False
    return FOLD_CLASS in classes or lines > int(ext.getConfig("fold_lines"))


def control_bar(lines: int, folded: bool, file_link: str | None) -> str:
    """The bar under a block: the fold toggle and the link to the full file."""
    parts = ['<div class="pf-fold__bar">']
    if folded:
        parts.append(
            '<details class="pf-fold__toggle"><summary>'
            f'<span class="pf-fold__more">Show all {lines} lines</span>'
            '<span class="pf-fold__less">Show fewer lines</span>'
            "</summary></details>"
        )
    if file_link:
        parts.append(
            f'<a class="pf-fold__file" href="{htmllib.escape(file_link)}">View the full file</a>'
        )
    parts.append("</div>")
    return "".join(parts)


def finish(
    ext: PortfolioExtension,
    html: str,
    src: str,
    classes: list[str] | tuple[str, ...] = (),
    *,
    force: bool | None = None,
    file_link: str | None = None,
    linked: bool = False,
) -> str:
    """Record the block's facts; fold it and add its bar when it needs them."""
    lines = count_lines(src)
    folded = should_fold(ext, lines, classes, force)
    ext.facts.code_blocks.append(
        CodeBlockFact(lines=lines, folded=folded, linked=linked or bool(file_link))
    )
    if not folded and not file_link:
        return html
    names = ["pf-code"] + (["pf-fold"] if folded else [])
    style = f' style="--pf-fold-lines: {int(ext.getConfig("preview_lines"))}"' if folded else ""
    bar = control_bar(lines, folded, file_link)
    match = OPEN_TAG.match(html)
    if match and html.endswith("</div>") and "highlight" in match.group(0):
        tag = match.group(0)
        if CLASS_ATTR.search(tag):
            tag = CLASS_ATTR.sub(lambda m: f'class="{m.group(1)} {" ".join(names)}"', tag, 1)
        else:
            tag = f'{tag[:-1]} class="{" ".join(names)}">'
        tag = f"{tag[:-1]}{style}>"
        return f"{tag}{html[match.end():-len('</div>')]}{bar}</div>"
    # Highlighting without Pygments makes a bare <pre>: give it a wrapper.
    return f'<div class="{" ".join(names)}"{style}>{html}{bar}</div>'


def _wrap_formatter(formatter: Callable[..., str], ext: PortfolioExtension) -> Callable[..., str]:
    def fold_formatter(src: str = "", language: str = "", options: Any = None,
                       md: Any = None, **kwargs: Any) -> str:
        options = dict(options or {})
        source = options.pop(SOURCE_OPTION, None)
        html = formatter(src=src, language=language, options=options, md=md, **kwargs)
        file_link = None
        if source:
            from .snippets import file_link as make_file_link

            try:
                file_link = make_file_link(ext, str(source))
            except PortfolioError as error:
                raise FenceError(str(error)) from None
        classes = kwargs.get("classes") or []
        return finish(ext, html, src, classes, file_link=file_link)

    fold_formatter._portfolio = True  # type: ignore[attr-defined]
    fold_formatter._portfolio_inner = formatter  # type: ignore[attr-defined]
    return fold_formatter


def _wrap_validator(validator: Callable[..., bool]) -> Callable[..., bool]:
    def fold_validator(language: str, inputs: dict[str, Any], options: dict[str, Any],
                       attrs: dict[str, Any], md: Any) -> bool:
        # ``source="path"`` is ours: keep it from becoming an attribute (which would
        # make superfences reject the short fence form) and hand it to the formatter.
        source = inputs.pop(SOURCE_OPTION, None)
        okay = validator(language, inputs, options, attrs, md)
        if okay and isinstance(source, str) and source != SOURCE_OPTION:
            options[SOURCE_OPTION] = source
        return okay

    fold_validator._portfolio = True  # type: ignore[attr-defined]
    return fold_validator


def default_fence(md: Markdown) -> dict[str, Any] | None:
    """superfences' entry for ordinary fences (name ``superfences``), if it is loaded."""
    processor = None
    if "fenced_code_block" in md.preprocessors:
        processor = md.preprocessors["fenced_code_block"]
    extension = getattr(processor, "extension", None)
    fences = getattr(extension, "superfences", None)
    if fences and fences[0].get("name") == "superfences":
        return fences[0]  # type: ignore[no-any-return]
    return None


class _HookPreprocessor(Preprocessor):
    """Wraps superfences' default formatter once it exists (it runs at priority 25)."""

    def __init__(self, md: Markdown, ext: PortfolioExtension) -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, lines: list[str]) -> list[str]:
        entry = default_fence(self.md)
        if entry is not None:
            formatter = entry.get("formatter")
            if formatter is not None and not getattr(formatter, "_portfolio", False):
                entry["formatter"] = _wrap_formatter(formatter, self.ext)
            validator = entry.get("validator")
            if validator is not None and not getattr(validator, "_portfolio", False):
                entry["validator"] = _wrap_validator(validator)
        return lines


def highlight(
    ext: PortfolioExtension,
    md: Markdown,
    src: str,
    language: str,
    options: dict[str, str],
    classes: list[str] | None = None,
) -> str:
    """Highlight ``src`` as superfences would highlight a fence (without folding)."""
    entry = default_fence(md)
    if entry is not None:
        formatter = entry["formatter"]
        formatter = getattr(formatter, "_portfolio_inner", formatter)
        processor: Any = md.preprocessors["fenced_code_block"]
        processor.get_hl_settings()
        processor.line_count = count_lines(src)
        return str(formatter(src=src, language=language, options=dict(options), md=md,
                             classes=list(classes or []), id_value="", attrs={}))
    # No superfences: plain markup that Material still styles as a code block.
    title = options.get("title")
    head = f'<span class="filename">{htmllib.escape(title)}</span>' if title else ""
    lang = f' class="language-{htmllib.escape(language)}"' if language else ""
    return (f'<div class="highlight">{head}<pre><code{lang}>'
            f"{htmllib.escape(src, quote=False)}</code></pre></div>")


def install(md: Markdown, ext: PortfolioExtension) -> None:
    """Register the hook that wraps superfences' formatter."""
    md.preprocessors.register(_HookPreprocessor(md, ext), "portfolio_fold_hook", 26)
