"""The audit of a portfolio of several projects: one scorecard per project, and a line
for the gallery naming the projects whose card lacks an image, a problem or a result.

Pure: the site's audit (:func:`.run.run_checks`) in, text out. A project's scorecard
counts the findings on its own pages, and the parts its own pages lack (a project
with no demo block fails item 5 even when another project has one).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import field

from ..lazydata import dataclass
from .checks import AuditPage, links_out, missing_blocks
from .run import AuditResult
from .scorecard import Scorecard, build_scorecard


@dataclass(frozen=True)
class ProjectAudit:
    """What the audit knows of one project."""

    slug: str
    title: str
    pages: frozenset[str]
    """Source paths of the project's pages."""
    missing: tuple[str, ...] = ()
    """What the project's gallery card lacks: ``image``, ``problem``, ``result``."""


@dataclass
class ProjectScores:
    scorecards: dict[str, Scorecard] = field(default_factory=dict)
    gallery: str = ""


def project_scores(result: AuditResult, pages: Sequence[AuditPage],
                   projects: Sequence[ProjectAudit]) -> ProjectScores:
    """Each project's scorecard, and the gallery's line."""
    scores = ProjectScores()
    for project in projects:
        mine = [p for p in pages if p.src_uri in project.pages]
        findings = [f for f in result.findings if f.page in project.pages]
        for finding in (*missing_blocks(mine), *links_out(mine)):
            level = result.levels.get(finding.check, "off")
            if level != "off":
                finding.level = level
                findings.append(finding)
        scores.scorecards[project.slug] = build_scorecard(findings, result.levels,
                                                          ("overview-length",))
    lacking = [f"'{p.title}' (no {', no '.join(p.missing)})" for p in projects if p.missing]
    if lacking:
        scores.gallery = (f"Gallery: {len(projects) - len(lacking)} of {len(projects)} cards "
                          f"are complete; {'; '.join(lacking)}")
    else:
        scores.gallery = (f"Gallery: all {len(projects)} cards have an image, a problem and "
                          "a result")
    return scores


def scores_text(scores: ProjectScores, projects: Sequence[ProjectAudit]) -> str:
    """One scorecard per project, then the gallery's line."""
    titles = {p.slug: p.title for p in projects}
    parts = [f"Project '{titles[slug]}': {card.text()}"
             for slug, card in scores.scorecards.items()]
    return "\n".join([*parts, scores.gallery])
