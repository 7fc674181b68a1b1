"""The overview's model: what each section shows (gathered by :mod:`.gather`).

Nothing here renders HTML of its own: the model holds plain text (escaped by the
template), excerpts (summaries, gists) as escaped HTML with their inline code as
``<code>``, and, for the blocks shown in full, their finished HTML with its links
rebased for the overview's URL.
"""

from __future__ import annotations

from collections.abc import Iterable, KeysView, Mapping
from dataclasses import field

from markupsafe import Markup

from ..blocktypes import BlockType, Derived, of_section, story_order
from ..lazydata import dataclass
from ..markdown.facts import Metric


def _sections() -> dict[str, str]:
    """Every section and its heading (the hero has none), in order: the hero, the block
    types shown in full, the contents, the block types shown as gists."""
    types = story_order()
    return {
        "hero": "",
        **{t.section: t.heading for t in types if t.full},
        "contents": "Contents",
        **{t.section: t.heading for t in types if not t.full},
    }


_ALL: Derived[str, str] = Derived(_sections)
SECTIONS: KeysView[str] = _ALL.keys()
"""The overview's sections, in their order; each is ``portfolio/overview-<name>.html``, or
for a block type without one of its own ``portfolio/overview-block-type.html``."""

HEADINGS: Mapping[str, str] = Derived(lambda: {k: v for k, v in _ALL.items() if v})
"""Section headings (also the table of contents of the overview)."""


def section_id(section: str) -> str:
    """The anchor id of a section's heading on the overview."""
    return f"overview-{section}"


@dataclass(frozen=True)
class BlockEntry:
    """One semantic block, as the overview shows it."""

    type: str
    title: str
    gist: str
    """The block's first sentence, as HTML (escaped text, inline code as ``<code>``)."""
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
    """As HTML (escaped text, inline code as ``<code>``)."""
    minutes: int
    dead_ends: int
    next_steps: int
    figures: int
    """Figures as the reader sees them: ``<figure>`` elements, images, videos and drawings
    standing alone (``PageFacts.figures``), and Mermaid diagrams."""
    section: str = ""
    """Title of the navigation section the page is in (empty at the top level)."""
    image: str = ""
    """The page's first image that stands alone (a thumbnail), its URL from the overview;
    empty when the page has none."""
    image_alt: str = ""


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
    blocks: dict[str, list[BlockEntry]] = field(default_factory=dict)
    """The blocks of each block type's section, by section (``blocks["dead-ends"]``)."""
    contents: list[PageEntry] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    """The sections this rendering shows, in order (only those with something to show)."""
    headings: dict[str, str] = field(default_factory=lambda: dict(HEADINGS))
    results_table: bool = False
    """Show :attr:`bound_results` as a table under the Results section's cards."""

    def add(self, block_type: BlockType, block: BlockEntry) -> None:
        """A block, to its type's section (only the first one of a ``first_only`` type)."""
        shown = self.blocks.setdefault(block_type.section, [])
        if not (block_type.first_only and shown):
            shown.append(block)

    def section_type(self, section: str) -> BlockType | None:
        """The block type whose blocks a section shows (for the generic section)."""
        return of_section(section)

    @property
    def problems(self) -> list[BlockEntry]:
        return self.blocks.get("problem", [])

    @property
    def use_cases(self) -> list[BlockEntry]:
        return self.blocks.get("use-case", [])

    @property
    def results(self) -> list[BlockEntry]:
        return self.blocks.get("results", [])

    @property
    def bound_results(self) -> list[BlockEntry]:
        """The results whose number was read from a file (``overview.results_table``)."""
        return [r for r in self.results if r.metric is not None and r.metric.source]

    @property
    def demo(self) -> BlockEntry | None:
        """The first demo block."""
        return next(iter(self.blocks.get("demo", [])), None)

    @property
    def dead_ends(self) -> list[BlockEntry]:
        return self.blocks.get("dead-ends", [])

    @property
    def next_steps(self) -> list[BlockEntry]:
        return self.blocks.get("next-steps", [])

    @property
    def minutes(self) -> int:
        """Reading time of the whole writeup."""
        return sum(p.minutes for p in self.contents)

    def has(self, section: str) -> bool:
        """Whether a section has something to show."""
        if section == "hero":
            return bool(self.site_name or self.tagline or self.buttons)
        if section == "contents":
            return bool(self.contents)
        return bool(self.blocks.get(section))

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
