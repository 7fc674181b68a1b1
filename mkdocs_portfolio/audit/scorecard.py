"""The scorecard: the portfolio checklist with a mark for each item, and a score."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import field

from ..lazydata import dataclass
from .checks import CHECKS
from .findings import Finding

CHECKLIST: tuple[tuple[int, str], ...] = (
    (1, "A clear overview first"),
    (2, "It explains the problem"),
    (3, "The real-world use case and its constraints"),
    (4, "Visual design"),
    (5, "Interactivity: a live demo"),
    (6, "Visual explanations beside the text"),
    (7, "Code snippets, not source dumps"),
    (8, "Its dead ends"),
    (9, "Further work and next steps"),
    (10, "It links out freely"),
    (11, "A compelling, self-contained overview"),
    (12, "No typos, no broken links, clear writing"),
)
"""The checklist of a great writeup, most important first."""

NOT_CHECKED = {4: "no check: the theme's design"}
"""Items no check can judge, and why."""

MARKS = {"pass": "PASS", "fail": "FAIL", "skipped": "----"}


@dataclass
class Item:
    """One checklist item on the scorecard."""

    number: int
    title: str
    status: str
    """``pass``, ``fail`` or ``skipped`` (no check of this item runs)."""
    checks: list[str] = field(default_factory=list)
    """Ids of the checks of this item that ran."""
    failed: list[str] = field(default_factory=list)
    """Ids of the checks that found something."""
    findings: int = 0


@dataclass
class Scorecard:
    """The checklist, marked."""

    items: list[Item]

    @property
    def passed(self) -> int:
        return sum(1 for item in self.items if item.status == "pass")

    @property
    def checked(self) -> int:
        return sum(1 for item in self.items if item.status != "skipped")

    @property
    def percent(self) -> int:
        return round(100 * self.passed / self.checked) if self.checked else 100

    def text(self) -> str:
        """The scorecard as lines of plain text."""
        lines = [f"Portfolio checklist: {self.passed} of {self.checked} items pass "
                 f"(score {self.percent}%)"]
        width = max(len(item.title) for item in self.items) + 2
        for item in self.items:
            if item.status == "fail":
                count = f"{item.findings} finding{'s' if item.findings != 1 else ''}"
                note = f"{count}: {', '.join(item.failed)}"
            elif item.status == "skipped":
                note = NOT_CHECKED.get(item.number, "not checked")
            else:
                note = ""
            title = f"{item.number:>2}. {item.title}"
            lines.append(f"  {MARKS[item.status]}  {title:<{width + 4}}{note}".rstrip())
        return "\n".join(lines)


def build_scorecard(findings: list[Finding], levels: Mapping[str, str],
                    not_run: Collection[str] = ()) -> Scorecard:
    """Mark each checklist item from the findings; ``levels`` are the site's levels.

    An item passes when at least one of its checks ran and none found anything;
    ``not_run`` are checks that had nothing to look at (no overview to measure).
    """
    items = []
    for number, title in CHECKLIST:
        ids = [c.id for c in CHECKS.values()
               if c.item == number and levels[c.id] != "off" and c.id not in not_run]
        mine = [f for f in findings if f.check in ids]
        failed = list(dict.fromkeys(f.check for f in mine))
        status = "skipped" if not ids else "fail" if mine else "pass"
        items.append(Item(number, title, status, ids, failed, len(mine)))
    return Scorecard(items)
