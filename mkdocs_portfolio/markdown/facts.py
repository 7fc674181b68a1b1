"""Facts about one page, gathered while Python-Markdown builds it.

The overview and the audit need to know, for every page, its semantic blocks,
how much prose and code it has, its figures, images and links. Gathering them
from the element tree (before any HTML exists) costs almost nothing, where
parsing the finished HTML of every page would cost more than the build itself.
"""

from __future__ import annotations

import re
from dataclasses import asdict, field
from typing import Any

from ..lazydata import dataclass
from .numbers import Number, change, read_number, relative_change


@dataclass(unsafe_hash=True)  # hashable: the overview keeps its cards by their values
class Metric:
    """A headline number carried by a ``result`` block (not changed once made)."""

    name: str
    value: str
    baseline: str | None = None
    unit: str = ""
    lower_is_better: bool = False
    relative: bool = False
    """Show the change relative to the baseline (``+6.8%``), not the difference."""
    source: str = ""
    """``PATH#KEY`` of the results file the value was read from (``""``: written by hand)."""
    source_url: str = ""
    """The file's permalink at the commit being built (``""``: no forge to link to)."""
    baseline_source: str = ""
    """``PATH#KEY`` the baseline was read from."""
    written: str = ""
    """The number written by hand beside ``source`` when it disagrees with the file's."""
    held: str = ""
    """The file's number as the file holds it (``value`` is it as shown)."""

    def __post_init__(self) -> None:
        if not self.lower_is_better and LOWER_IS_BETTER.search(self.name):
            self.lower_is_better = True
        if not self.unit:
            number = read_number(self.value)
            self.unit = self.value[number.end:].strip() if number else ""

    def _numbers(self) -> tuple[Number, Number] | None:
        value, base = read_number(self.value), read_number(self.baseline)
        if value is None or base is None or not change(value, base):
            return None  # not both numbers, or written in ways that clash
        return value, base

    @property
    def delta(self) -> float | None:
        """Value minus baseline, when both are numbers read unambiguously."""
        numbers = self._numbers()
        if numbers is None:
            return None
        value, base = numbers
        return round(value.value - base.value, max(value.decimals, base.decimals))

    @property
    def improved(self) -> bool | None:
        """Whether the value beats the baseline (``None`` when unknown)."""
        delta = self.delta
        if delta is None or delta == 0:
            return None
        return (delta < 0) if self.lower_is_better else (delta > 0)

    @property
    def delta_text(self) -> str:
        """The change as text, with its sign, as the author writes numbers: ``+0.07``,
        ``+0,11``, ``+1.3e-3``. A percentage changes by points (73% to 78%: ``+5 pts``);
        with ``relative``, the change is in per cent of the baseline (``+6.8%``)."""
        numbers = self._numbers()
        if numbers is None:
            return ""
        if self.relative:
            return relative_change(*numbers)
        text = change(*numbers)
        if self.unit == "%":
            return f"{text} {'pt' if self.delta in (1, -1) else 'pts'}"
        return f"{text} {self.unit}" if self.unit else text


LOWER_IS_BETTER = re.compile(
    r"latency|error|loss|(?<!up)time|\bs?mape\b|\bmae\b|\brmse\b|\bmse\b|\bwer\b|\bcer\b|"
    r"perplexity|"
    r"cost|memory|size|false positive|false negative",
    re.IGNORECASE,
)
"""Metric names for which a smaller number is the better one."""


@dataclass
class BlockFact:
    """One semantic block on a page."""

    type: str
    title: str
    id: str
    gist: str = ""
    html: str = ""
    """The block's finished HTML, with links relative to its own page."""
    metric: Metric | None = None
    options: dict[str, Any] = field(default_factory=dict)


@dataclass
class CodeBlockFact:
    """One fenced code block."""

    lines: int
    folded: bool = False
    linked: bool = False
    """Linked to its source (a source snippet, or a block that names its file)."""
    line: int | None = None


@dataclass
class ImageFact:
    """One image: a Markdown image, or an ``<img>`` of raw HTML (also the one of a
    ``<picture>``)."""

    src: str
    alt: str
    written: str = ""
    """The source as the author wrote it (before MkDocs rewrote it relative to the URL);
    empty when unknown (then ``src``)."""
    standalone: bool = False
    """The image stands alone (its paragraph or figure holds nothing else): a figure
    of the page, not a badge or an inline icon."""
    line: int | None = None
    """The line of the page's Markdown source, when known."""
    decorative: bool = False
    """Marked as decoration by its author (``alt=""`` in raw HTML, ``role="presentation"``,
    ``aria-hidden="true"``): it needs no alt text, and it is not a figure."""
    raw: bool = False
    """Written as raw HTML (``<img src=...>``), not as a Markdown image."""


@dataclass
class PageFacts:
    """Everything the site-wide features need to know about one page."""

    title: str = ""
    blocks: list[BlockFact] = field(default_factory=list)
    words: int = 0
    """Words of prose (no code, no titles of blocks)."""
    prose_lines: int = 0
    first_paragraph: str = ""
    code_blocks: list[CodeBlockFact] = field(default_factory=list)
    figures: int = 0
    """Figures as the reader sees them: ``<figure>`` elements (each once, with its image)
    and the images, videos and drawings that stand alone outside one (see
    :mod:`.media`). Mermaid diagrams are counted in ``diagrams``."""
    diagrams: int = 0
    images: list[ImageFact] = field(default_factory=list)
    videos: int = 0
    """``<video>`` elements of raw HTML."""
    drawings: int = 0
    """Inline ``<svg>`` drawings of raw HTML (not the icons of emoji shortcodes)."""
    links: list[str] = field(default_factory=list)
    """The ``href`` of every link, as built (MkDocs made links to files relative URLs)."""
    written_links: list[str] = field(default_factory=list)
    """The same links as the author wrote them, in the same order."""
    ids: list[str] = field(default_factory=list)
    prose: list[str] = field(default_factory=list)
    """Texts of prose (paragraphs, list items, headings, table cells), for the typo check."""
    data_files: dict[str, tuple[int, int]] = field(default_factory=dict)
    """The results files the page's numbers and charts were read from: path -> (mtime_ns,
    size) when read (a ``--dirty`` rebuild renders the page again when one changed)."""

    def blocks_of(self, block_type: str) -> list[BlockFact]:
        """The blocks of one type, in page order."""
        return [b for b in self.blocks if b.type == block_type]

    @property
    def code_lines(self) -> int:
        """Lines of code in fenced blocks."""
        return sum(b.lines for b in self.code_blocks)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready copy."""
        return asdict(self)
