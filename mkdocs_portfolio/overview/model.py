"""The overview's model: what each section shows (gathered by :mod:`.gather`).

Nothing here renders HTML of its own: the model holds plain text (escaped by the
template) and, for the blocks shown in full, their finished HTML with its links
rebased for the overview's URL.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from markupsafe import Markup

from ..markdown.facts import Metric

SECTIONS = (
    "hero", "problem", "use-case", "results", "demo", "contents", "dead-ends", "next-steps",
)
"""The overview's sections, in their order; each is ``portfolio/overview-<name>.html``."""

HEADINGS = {
    "problem": "Problem",
    "use-case": "Use case and constraints",
    "results": "Results",
    "demo": "Demo",
    "contents": "Contents",
    "dead-ends": "Dead ends",
    "next-steps": "Next steps",
}
"""Section headings (also the table of contents of the overview)."""



FULL_BLOCKS = frozenset({"problem", "use-case", "result", "demo"})
"""Blocks the overview shows in full; dead ends and next steps show as a gist."""
SHOWN_BLOCKS = FULL_BLOCKS | {"dead-end", "next-step"}


def section_id(section: str) -> str:
    """The anchor id of a section's heading on the overview."""
    return f"overview-{section}"


@dataclass(frozen=True)
class BlockEntry:
    """One semantic block, as the overview shows it."""

    type: str
    title: str
    gist: str
    url: str
    """Link from the overview to the block on its page (``../data/#dead-end-x``)."""
    page_title: str
    page_url: str
    html: Markup = field(default_factory=Markup)
    """The block's own HTML, links rebased (only for problem, use case, result, demo)."""
    metric: Metric | None = None

    @property
    def value_text(self) -> str:
        """The metric's value with its unit, as on the block's own page."""
        metric = self.metric
        if metric is None:
            return ""
        text = metric.value
        if metric.unit and not text.endswith(metric.unit):
            text += metric.unit if metric.unit == "%" else f" {metric.unit}"
        return text


@dataclass(frozen=True)
class PageEntry:
    """One page in the overview's Contents."""

    number: int
    title: str
    url: str
    summary: str
    minutes: int
    dead_ends: int
    next_steps: int
    figures: int
    section: str = ""
    """Title of the navigation section the page is in (empty at the top level)."""


@dataclass
class Button:
    """A call to action in the hero."""

    label: str
    url: str
    icon: str = ""
    """A Material icon path such as ``material/play-circle``."""
    primary: bool = False
    external: bool = False
    section: str = ""
    """The overview section this button jumps to when the same page shows it."""


@dataclass
class OverviewModel:
    """Everything the overview template shows."""

    site_name: str = ""
    tagline: str = ""
    hero_image: str = ""
    hero_image_alt: str = ""
    buttons: list[Button] = field(default_factory=list)
    problems: list[BlockEntry] = field(default_factory=list)
    use_cases: list[BlockEntry] = field(default_factory=list)
    results: list[BlockEntry] = field(default_factory=list)
    demo: BlockEntry | None = None
    contents: list[PageEntry] = field(default_factory=list)
    dead_ends: list[BlockEntry] = field(default_factory=list)
    next_steps: list[BlockEntry] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    """The sections this rendering shows, in order (only those with something to show)."""
    headings: dict[str, str] = field(default_factory=lambda: dict(HEADINGS))

    @property
    def minutes(self) -> int:
        """Reading time of the whole writeup."""
        return sum(p.minutes for p in self.contents)

    def has(self, section: str) -> bool:
        """Whether a section has something to show."""
        if section == "hero":
            return bool(self.site_name or self.tagline or self.buttons)
        return bool({
            "problem": self.problems,
            "use-case": self.use_cases,
            "results": self.results,
            "demo": self.demo,
            "contents": self.contents,
            "dead-ends": self.dead_ends,
            "next-steps": self.next_steps,
        }.get(section))

    def showing(self, sections: Iterable[str]) -> OverviewModel:
        """A copy that shows ``sections`` (those with content), in the order given."""
        copy = OverviewModel(**{k: v for k, v in self.__dict__.items() if k != "sections"})
        copy.sections = [s for s in sections if self.has(s)]
        copy.buttons = [
            Button(b.label, f"#{section_id(b.section)}", b.icon, b.primary, b.external)
            if b.section and b.section in copy.sections else b
            for b in self.buttons
        ]
        return copy
