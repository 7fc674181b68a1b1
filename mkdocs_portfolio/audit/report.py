"""The JSON report, ``portfolio-audit.json`` in the built site.

Its shape is the JSON Schema in ``report.schema.json`` (shipped in the
package; :func:`schema` loads it). ``version`` changes when a field is removed
or changes meaning; new fields may appear in any release.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .. import __version__
from ..markdown.paths import PathProblem, shown, write_inside
from .checks import CHECKS
from .findings import Finding
from .scorecard import Scorecard

VERSION = 1
SCHEMA_FILE = Path(__file__).with_name("report.schema.json")


def schema() -> dict[str, Any]:
    """The JSON Schema of the report, its check ids those of :data:`.checks.CHECKS` (the
    file lists the built-in ones; a registered block type brings one more)."""
    loaded: dict[str, Any] = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    loaded["$defs"]["check_id"]["enum"] = list(CHECKS)
    return loaded


def build_report(
    *,
    site_name: str,
    pages: list[str],
    findings: list[Finding],
    scorecard: Scorecard,
    levels: Mapping[str, str],
    overview: Mapping[str, Any] | None,
) -> dict[str, Any]:
    """The report as JSON-ready data."""
    counts = {cid: 0 for cid in CHECKS}
    for finding in findings:
        counts[finding.check] = counts.get(finding.check, 0) + 1
    return {
        "version": VERSION,
        "generator": f"mkdocs-portfolio {__version__}",
        "site_name": site_name,
        "score": {
            "passed": scorecard.passed,
            "checked": scorecard.checked,
            "percent": scorecard.percent,
        },
        "checklist": [
            {"item": item.number, "title": item.title, "status": item.status,
             "checks": item.checks, "findings": item.findings}
            for item in scorecard.items
        ],
        "checks": [
            {"id": check.id, "item": check.item, "level": levels[check.id],
             "scope": check.scope, "findings": counts[check.id]}
            for check in CHECKS.values()
        ],
        "findings": [finding.to_dict() for finding in findings],
        "pages": pages,
        "overview": dict(overview) if overview is not None else None,
        "warnings": sum(1 for f in findings if f.level == "warn"),
    }


OWN = '"generator": "mkdocs-portfolio'
"""In the first lines of every report: a file there that lacks it is not ours to replace."""


def write_report(report: dict[str, Any], site_dir: str, name: str,
                 what: str = "audit.report") -> Path:
    """Write the report as ``name`` under ``site_dir``; return its path. Refuses (with a
    :class:`~..markdown.paths.PathProblem` naming ``what``) a path out of the site, a
    folder, or a file of the built site that is not a report (another plugin's, MkDocs'
    ``sitemap.xml``)."""
    path = write_inside(site_dir, name, what)
    if path.exists():
        with path.open(encoding="utf-8", errors="replace") as handle:
            head = handle.read(200)
        if OWN not in head:
            raise PathProblem(f"{what}: {shown(name)} is already a file of the built site: "
                              "it would be overwritten; choose a free path")
    try:
        path.write_text(dumps(report), encoding="utf-8")
    except OSError as error:
        raise PathProblem(f"{what}: cannot write {shown(name)} ({error.strerror})") from None
    return path


def dumps(report: dict[str, Any]) -> str:
    """The report as text: indented, each finding on a line of its own (json's indented
    output is pure Python and slow for the findings of a thousand pages)."""
    findings = report.get("findings") or []
    text = json.dumps(dict(report, findings=[]), indent=2, ensure_ascii=False)
    if findings:  # the key, as written, is not inside any string value (quotes are escaped)
        lines = ",\n".join(f"    {json.dumps(f, ensure_ascii=False)}" for f in findings)
        text = text.replace('"findings": []', f'"findings": [\n{lines}\n  ]', 1)
    return text + "\n"
