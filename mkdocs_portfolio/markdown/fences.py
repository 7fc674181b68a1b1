"""The hook into superfences: every fence passes through :func:`.fold.finish`.

superfences turns each fence into HTML with one *formatter*; we wrap its default
formatter, so every fenced block is folded (and linked to the file it names with
``source="path"``) right after it is highlighted. :func:`highlight` highlights
other code (a source snippet) as superfences highlights a fence.
"""

from __future__ import annotations

import html as htmllib
from typing import TYPE_CHECKING, Any

from markdown.preprocessors import Preprocessor

from .fold import count_lines, finish
from .highlight_cache import caching
from .sourcefiles import file_link
from .util import PortfolioError

try:
    from pymdownx.superfences import SuperFencesException
except ImportError:  # pragma: no cover - superfences is a dependency
    SuperFencesException = Exception  # type: ignore[assignment,misc]

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from markdown import Markdown

    from . import PortfolioExtension

SOURCE_OPTION = "source"
HIDDEN_CLASS = "pf-hidden"
"""A fence shown folded whole behind a control (a notebook's hidden input)."""
SUMMARY_OPTION = "fold_summary"
"""The label of that control."""


class FenceError(PortfolioError, SuperFencesException):
    """A :class:`PortfolioError` that superfences lets through (it swallows the others,
    and would show the fence as text)."""


def _wrap_formatter(formatter: Callable[..., str], ext: PortfolioExtension) -> Callable[..., str]:
    def fold_formatter(src: str = "", language: str = "", options: Any = None,
                       md: Any = None, **kwargs: Any) -> str:
        options = dict(options or {})
        source = options.pop(SOURCE_OPTION, None)
        summary = options.pop(SUMMARY_OPTION, None)
        html = formatter(src=src, language=language, options=options, md=md, **kwargs)
        full_file = None
        if source:
            try:
                full_file = file_link(ext, str(source))
            except PortfolioError as error:
                raise FenceError(str(error)) from None
        classes = kwargs.get("classes") or []
        hidden = (str(summary or "") or "Show code") if HIDDEN_CLASS in classes else None
        out = finish(ext, html, src, classes, file_link=full_file, hidden=hidden)
        start, end = html.find("<pre"), html.rfind("</pre>")
        if 0 <= start < end:  # the highlighter's own tags, kept whole by finish()
            ext.highlighted[id(out)] = (out, html[start:end])
        return out

    fold_formatter._portfolio = True  # type: ignore[attr-defined]
    fold_formatter._portfolio_inner = formatter  # type: ignore[attr-defined]
    return fold_formatter


def around_code(raw: str, highlighted: Mapping[int, tuple[str, str]] | None
                ) -> tuple[str, str] | None:
    """The HTML before and after the highlighted code of ``raw`` when ``raw`` is a fence
    of ``highlighted`` (:attr:`.PortfolioExtension.highlighted`), else ``None``. That code
    holds no media and no path: the highlighter escapes the source, and its only links
    are line anchors (``href="#..."``), so a reader of raw HTML need not scan it."""
    fence = highlighted.get(id(raw)) if highlighted else None
    if fence is None or fence[0] is not raw:
        return None
    head, found, tail = raw.partition(fence[1])
    return (head, tail) if found else None


def _wrap_validator(validator: Callable[..., bool]) -> Callable[..., bool]:
    def fold_validator(language: str, inputs: dict[str, Any], options: dict[str, Any],
                       attrs: dict[str, Any], md: Any) -> bool:
        # ``source="path"`` is ours: keep it from becoming an attribute (which would
        # make superfences reject the short fence form) and hand it to the formatter.
        source = inputs.pop(SOURCE_OPTION, None)
        summary = inputs.pop(SUMMARY_OPTION, None)
        okay = validator(language, inputs, options, attrs, md)
        if okay and isinstance(source, str) and source != SOURCE_OPTION:
            options[SOURCE_OPTION] = source
        if okay and isinstance(summary, str) and summary != SUMMARY_OPTION:
            options[SUMMARY_OPTION] = summary
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
            if self.ext.getConfig("highlight_cache"):
                _cache_highlighting(self.md)
        return lines


def _cache_highlighting(md: Markdown) -> None:
    """Give superfences the highlighter that keeps what it made (highlight_cache.py)."""
    processor: Any = md.preprocessors["fenced_code_block"]
    try:
        processor.get_hl_settings()
    except (AttributeError, KeyError, TypeError):  # no pymdownx.highlight: nothing to keep
        return
    highlighter = getattr(processor, "highlighter", None)
    if isinstance(highlighter, type):
        processor.highlighter = caching(highlighter)


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
