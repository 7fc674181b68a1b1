"""Folding of long code blocks, done where superfences makes them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from markdown.preprocessors import Preprocessor

from .facts import CodeBlockFact

if TYPE_CHECKING:
    from markdown import Markdown

    from . import PortfolioExtension


class _HookPreprocessor(Preprocessor):
    """Wraps superfences' default formatter once it exists (it runs at priority 25)."""

    def __init__(self, md: Markdown, ext: PortfolioExtension) -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, lines: list[str]) -> list[str]:
        sf = self.md.registeredExtensions
        for candidate in sf:
            fences = getattr(candidate, "superfences", None)
            if fences and candidate.__class__.__name__ == "SuperFencesCodeExtension":
                entry = fences[0]
                formatter = entry.get("formatter")
                if formatter is not None and not getattr(formatter, "_portfolio", False):
                    entry["formatter"] = _wrap(formatter, self.ext)
        return lines


def _wrap(formatter: Any, ext: PortfolioExtension) -> Any:
    def fold_formatter(src: str = "", language: str = "", **kwargs: Any) -> str:
        html: str = formatter(src=src, language=language, **kwargs)
        lines = src.count("\n") + (0 if src.endswith("\n") else 1) if src else 0
        ext.facts.code_blocks.append(CodeBlockFact(lines=lines))
        return html

    fold_formatter._portfolio = True  # type: ignore[attr-defined]
    return fold_formatter


def install(md: Markdown, ext: PortfolioExtension) -> None:
    """Register the hook that wraps superfences' formatter."""
    md.preprocessors.register(_HookPreprocessor(md, ext), "portfolio_fold_hook", 26)
