"""The one table of semantic block types: every fact about a type lives in its entry.

The ``///`` blocks and their options, the default titles, which blocks' HTML is kept
for the overview, the overview's sections, the audit's missing-block checks and the
blocks' stylesheet are all read from :data:`BLOCK_TYPES`. A new type is one
:func:`register` call (see ``docs/extending.md``). This module imports no MkDocs, so
the Markdown extension, the overview and the audit can all read it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import field
from types import MappingProxyType
from typing import Any, Generic, TypeVar

from .lazydata import dataclass

Option = tuple[Any, Callable[[Any], Any] | None]
"""A ``///`` option as ``pymdownx.blocks`` declares one: ``(default, parser)``."""


def scalar(value: Any) -> str:
    """A single value (not a list or mapping), as text."""
    if isinstance(value, (dict, list)) or value is None:
        raise ValueError("expected a single value")
    return str(value)


CHANGES = ("difference", "relative")
"""How a result shows its change against the baseline (its ``change`` option): the
difference (in points for a percentage), or relative to the baseline, in per cent."""


def change_kind(value: Any) -> str:
    """One of :data:`CHANGES`."""
    if not isinstance(value, str) or value.strip().lower() not in CHANGES:
        raise ValueError(f"expected one of {', '.join(CHANGES)}")
    return value.strip().lower()


def precision(value: Any) -> int:
    """A number of decimals, 0 to 15 (a result's ``precision``)."""
    if isinstance(value, bool) or not isinstance(value, (int, str)) \
            or not str(value).strip().isdigit() or not 0 <= int(value) <= 15:
        raise ValueError("expected a number of decimals, 0 to 15")
    return int(value)


def boolean(value: Any) -> bool:
    """``true`` or ``false``."""
    if not isinstance(value, bool):
        raise ValueError(f"Could not convert type {type(value)} to a boolean")
    return value


@dataclass(frozen=True)
class Colours:
    """A block type's colour (its border, title and icon), in each palette."""

    light: str
    dark: str
    """In Material's ``slate`` (dark) scheme."""
    text: str = ""
    """A darker shade of ``light`` for text in the block's colour (4.5:1 on white), where
    some text uses it; the dark scheme uses ``dark`` for text."""


@dataclass(frozen=True)
class BlockCheck:
    """The audit's site check that the writeup has at least one block of the type."""

    id: str
    item: int
    """Number of the checklist item it serves (1 to 12)."""
    looks_for: str
    reason: str
    """Why, from the checklist."""
    fix: str
    """What to write, shown with the finding."""


@dataclass(frozen=True)
class BlockType:
    """One semantic block type: ``!!! name``, ``??? name`` and ``/// name``."""

    name: str
    """The class of the block's element, and its ``///`` name."""
    label: str
    """Default title, for a block written without one."""
    icon: str
    """Path data of its 24x24 SVG icon (``<path d="...">``)."""
    colours: Colours
    section: str
    """Its section of the overview (``portfolio/overview-<section>.html``)."""
    heading: str
    """The heading of that section."""
    check: BlockCheck
    full: bool = False
    """The overview shows its blocks in full (so their HTML is kept), not as gists."""
    first_only: bool = False
    """The overview shows only the first block of the type."""
    options: Mapping[str, Option] = field(default_factory=dict, hash=False)
    """Its own ``///`` options, besides ``open``."""

    def __post_init__(self) -> None:
        # Each of these goes into CSS, HTML classes and ids as it is.
        for what, value, shape in (("name", self.name, _NAME), ("section", self.section, _NAME),
                                   ("check id", self.check.id, _NAME), ("icon", self.icon, _PATH)):
            if not shape.fullmatch(value):
                raise ValueError(f"block type {self.name!r}: bad {what} {value!r}")
        for colour in (self.colours.light, self.colours.dark, self.colours.text):
            if colour and not _COLOUR.fullmatch(colour):
                raise ValueError(f"block type {self.name!r}: bad colour {colour!r}")
        if not 1 <= self.check.item <= 12:
            raise ValueError(f"block type {self.name!r}: checklist item {self.check.item} "
                             "is not 1 to 12")


_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
_PATH = re.compile(r"[MmZzLlHhVvCcSsQqTtAaEe0-9 ,.\-]+")
_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})")
RESERVED_SECTIONS = frozenset({
    "hero", "contents", "overview", "block", "blocks", "block-type", "item", "items", "icon",
    "page",
})
"""The overview's own sections and partials (``overview-<name>.html``), and its marker of
every section: no block type's section may take one of these names."""

_TABLE: dict[str, BlockType] = {}
BLOCK_TYPES: Mapping[str, BlockType] = MappingProxyType(_TABLE)
"""Every block type by name, in order (a read-only view: use :func:`register`)."""
_generation = 0


def register(block_type: BlockType) -> BlockType:
    """Add a block type (after the others); return it."""
    global _generation
    name = block_type.name
    if name in _TABLE:
        raise ValueError(f"there is already a block type {name!r}")
    if block_type.section in RESERVED_SECTIONS \
            or any(t.section == block_type.section for t in _TABLE.values()):
        raise ValueError(f"block type {name!r}: the overview section "
                         f"{block_type.section!r} is taken")
    if any(t.check.id == block_type.check.id for t in _TABLE.values()):
        raise ValueError(f"block type {name!r}: the check {block_type.check.id!r} is taken")
    _TABLE[name] = block_type
    _generation += 1
    return block_type


def unregister(name: str) -> None:
    """Remove a block type (for tests)."""
    global _generation
    del _TABLE[name]
    _generation += 1


def generation() -> int:
    """A number that changes whenever the table does (for what is made from it)."""
    return _generation


def story_order() -> list[BlockType]:
    """The types in the order the overview tells the story: those shown in full, then
    those shown as gists (each in table order)."""
    types = list(_TABLE.values())
    return [t for t in types if t.full] + [t for t in types if not t.full]


def of_section(section: str) -> BlockType | None:
    """The type whose blocks an overview section shows."""
    return next((t for t in _TABLE.values() if t.section == section), None)


K = TypeVar("K")
V = TypeVar("V")


class Derived(Mapping[K, V], Generic[K, V]):
    """A read-only mapping made from the table by ``make``, and made again whenever a
    type is registered or unregistered (the audit's ``CHECKS``, the overview's headings)."""

    def __init__(self, make: Callable[[], Mapping[K, V]]) -> None:
        self._make = make
        self._made: tuple[int, Mapping[K, V]] | None = None

    def now(self) -> Mapping[K, V]:
        """The mapping as the table is now."""
        if self._made is None or self._made[0] != _generation:
            self._made = (_generation, self._make())
        return self._made[1]

    def __getitem__(self, key: K) -> V:
        return self.now()[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self.now())

    def __len__(self) -> int:
        return len(self.now())

    def __repr__(self) -> str:
        return f"{type(self).__name__}({dict(self.now())!r})"


def _builtin() -> None:
    for block_type in (
        BlockType(
            "problem", "Problem",
            "M20.5 11H19V7a2 2 0 0 0-2-2h-4V3.5A2.5 2.5 0 0 0 10.5 1 2.5 2.5 0 0 0 8 3.5V5H4a2 2 "
            "0 0 0-2 2v3.8h1.5c1.5 0 2.7 1.2 2.7 2.7S5 16.2 3.5 16.2H2V20a2 2 0 0 0 2 2h3.8v-1.5c0"
            "-1.5 1.2-2.7 2.7-2.7s2.7 1.2 2.7 2.7V22H17a2 2 0 0 0 2-2v-4h1.5a2.5 2.5 0 0 0 2.5-2.5 "
            "2.5 2.5 0 0 0-2.5-2.5",  # Material Design Icons: puzzle
            Colours("#d84315", "#ff8a65", text="#bf360c"),
            "problem", "Problem",
            BlockCheck("problem", 2, "at least one `problem` block",
                       "it explains the problem, and spends real space on it",
                       'Add a block that says what is solved and for whom, e.g. '
                       '`!!! problem "Spotting fraud before the payment clears"`'),
            full=True,
        ),
        BlockType(
            "use-case", "Use case",
            "M10 2h4a2 2 0 0 1 2 2v2h4a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V8c0-1.11.89"
            "-2 2-2h4V4c0-1.11.89-2 2-2m4 4V4h-4v2z",  # briefcase
            Colours("#1565c0", "#64b5f6"),
            "use-case", "Use case and constraints",
            BlockCheck("use-case", 3, "at least one `use-case` block",
                       "it never loses the real-world use case and its constraints",
                       'Add a block with the real-world use and its constraints, e.g. '
                       '`!!! use-case "Scoring 2,000 payments a second on one CPU"`'),
            full=True,
        ),
        BlockType(
            "result", "Result",
            "M18 2c-.9 0-2 1-2 2H8c0-1-1.1-2-2-2H2v9c0 1 1 2 2 2h2.2c.4 2 1.7 3.7 4.8 4v2.08C8 "
            "19.54 8 22 8 22h8s0-2.46-3-2.92V17c3.1-.3 4.4-2 4.8-4H20c1 0 2-1 2-2V2zM6 11H4V4h2z"
            "m14 0h-2V4h2z",  # trophy
            Colours("#2e7d32", "#81c784", text="#1b5e20"),
            "results", "Results",
            BlockCheck("result", 1, "at least one `result` block, ideally with a metric",
                       "the whole story includes what came out of it: a headline result",
                       'Add a block with the headline result, e.g. `!!! result "Recall"` '
                       'starting with the line `Metric: recall = 0.91 (baseline 0.84)`'),
            full=True,
            options={
                "metric": (None, scalar),
                "value": (None, scalar),
                "baseline": (None, scalar),
                "from": (None, scalar),
                "precision": (None, precision),
                "unit": ("", scalar),
                "lower_is_better": (False, boolean),
                "change": ("", change_kind),
            },
        ),
        BlockType(
            "dead-end", "Dead end",
            "M13 20h.09a5.5 5.5 0 0 0 .72 2H9a2 2 0 0 1 2-2v-8H3.5L6 9.5 3.5 7H11V3l1-1 1 1v4h5"
            "l2.5 2.5L18 12h-5m8.12 3.46L19 17.59l-2.12-2.13-1.42 1.42L17.59 19l-2.13 2.12 1.42 "
            "1.42L19 20.41l2.12 2.13 1.42-1.42L20.41 19l2.13-2.12Z",  # sign-direction-remove
            Colours("#6d4c41", "#bcaaa4"),
            "dead-ends", "Dead ends",
            BlockCheck("dead-end", 8, "at least one `dead-end` block",
                       "it presents its dead ends, not only the happy path",
                       'Add a block for something you tried that did not work, and why, e.g. '
                       '`!!! dead-end "Oversampling the rare class"`'),
        ),
        BlockType(
            "next-step", "Next step",
            "M2 12A10 10 0 0 1 12 2a10 10 0 0 1 10 10 10 10 0 0 1-10 10A10 10 0 0 1 2 12m15 0-5-5v3"
            "H8v4h4v3z",  # arrow-right-bold-circle
            Colours("#6a1b9a", "#ce93d8"),
            "next-steps", "Next steps",
            BlockCheck("next-step", 9, "at least one `next-step` block",
                       "it presents further work and next steps",
                       'Add a block for further work, e.g. `!!! next-step "Calibrate the '
                       'scores"`'),
        ),
        BlockType(
            "demo", "Demo",
            "M10 16.5v-9l6 4.5M12 2A10 10 0 0 0 2 12a10 10 0 0 0 10 10 10 10 0 0 0 10-10A10 10 0 0 "
            "0 12 2",  # play-circle
            Colours("#00838f", "#4dd0e1"),
            "demo", "Demo",
            BlockCheck("demo", 5, "at least one `demo` block",
                       "interactivity: a live demo the reader can play with",
                       'Add a live demo, e.g. `/// demo | Try it` with `space: user/name` or '
                       '`url: https://...`'),
            full=True, first_only=True,
            options={
                "space": (None, scalar),
                "url": (None, scalar),
                "video": (None, scalar),
                "height": (None, scalar),
                "screenshot": (None, scalar),
                "poster": (None, scalar),
            },
        ),
    ):
        register(block_type)


_builtin()
