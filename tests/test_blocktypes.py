"""The table of block types: a seventh type, registered in one entry, is styled, gathered
on the overview and audited, in real MkDocs + Material builds; and every part of the
plugin reads every entry of the table."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from mkdocs_portfolio import blocktypes
from mkdocs_portfolio.audit.checks import CHECKS, missing_blocks
from mkdocs_portfolio.audit.report import SCHEMA_FILE, schema
from mkdocs_portfolio.blockstyles import block_css, icon_url
from mkdocs_portfolio.blocktypes import BLOCK_TYPES, BlockCheck, BlockType, Colours
from mkdocs_portfolio.bundle import bundle
from mkdocs_portfolio.markdown.blocks import block_classes
from mkdocs_portfolio.overview.model import HEADINGS, SECTIONS

from .harness import Built as Outcome
from .harness import attempt as build

RISK = BlockType(
    "risk", "Risk",
    "M13 14h-2V9h2m0 9h-2v-2h2M1 21h22L12 2z",  # Material Design Icons: alert
    Colours("#c62828", "#ef9a9a", text="#b71c1c"),
    "risks", "Risks and mitigations",
    BlockCheck("risk", 8, "at least one `risk` block",
               "it is honest about what could still go wrong",
               'Add a block for what could go wrong, e.g. `!!! risk "Data drift"`'),
    options={"likelihood": ("", blocktypes.scalar)},
)

PAGES = {
    "index.md": """
        # Home

        A writeup with [a link out](https://example.org).

        !!! risk "Data drift"
            The inputs drift over the months. We retrain every quarter.

        ??? risk "Vendor lock-in"
            One hosting provider. Moving would take a week.

        /// risk | Label noise
            likelihood: high

        Some labels are wrong. A second annotator checks a sample.
        ///

        /// risk
        Untitled, so it takes the type's title.
        ///
        """,
}
WITHOUT = {"index.md": "# Home\n\nNothing risky here, and [a link](https://example.org).\n"}
REPORT = {"plugins": ["search", {"portfolio": {"audit": {"report": "portfolio-audit.json"},
                                                "overview": {"home": False}}}]}
"""The blocks are on the home page: the overview is a page of its own, to gather them."""


@pytest.fixture(params=[False, True], ids=["gists", "full"])
def risk(request: pytest.FixtureRequest) -> Iterator[BlockType]:
    """The risk block type, registered for one test: shown as gists, or in full."""
    kind = blocktypes.register(replace(RISK, full=request.param))
    try:
        yield kind
    finally:
        blocktypes.unregister("risk")
    assert "risk" not in BLOCK_TYPES and "risk" not in CHECKS and "risks" not in SECTIONS


def risk_findings(out: Outcome) -> tuple[list[str], list[dict[str, Any]]]:
    logged = [m for m in out.warnings if "audit [risk]" in m]
    report = json.loads((out.site_dir / "portfolio-audit.json").read_text("utf-8"))
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.Draft202012Validator(schema()).validate(report)
    return logged, [f for f in report["findings"] if f["check"] == "risk"]


def test_a_registered_block_type_is_styled_gathered_and_audited(
        tmp_path: Path, risk: BlockType) -> None:
    out = build(tmp_path, PAGES, REPORT)
    assert out.error is None, out.stop_message
    assert not [m for m in out.warnings if "audit [" not in m], out.warnings

    # Styled: its three forms carry its class; the shipped stylesheet has its rules.
    article = out.article("index.md")
    blocks = article.select(".admonition.risk, details.risk")
    assert [b.name for b in blocks] == ["div", "details", "div", "div"]
    assert [b["id"] for b in blocks] == ["risk-data-drift", "risk-vendor-lock-in",
                                         "risk-label-noise", "risk"]
    assert blocks[3].select_one(".admonition-title").get_text() == "Risk"
    css = (out.site_dir / "assets" / "portfolio" / "portfolio.css").read_text("utf-8")
    assert f"--md-admonition-icon--risk: {icon_url(risk)}" in css
    assert "--pf-risk: #c62828" in css and "--pf-risk: #ef9a9a" in css
    assert ".md-typeset .admonition.risk,.md-typeset details.risk{--pf-c: var(--pf-risk)}" in css
    assert ".md-typeset .risk > .admonition-title::before,.md-typeset .risk > summary::before" \
        "{-webkit-mask-image: var(--md-admonition-icon--risk)" in css
    assert ".md-typeset .admonition.demo,.md-typeset details.demo,.md-typeset " \
        ".admonition.risk,.md-typeset details.risk{border-color: var(--pf-c)}" in css
    assert ":is(.problem,.use-case,.result,.dead-end,.next-step,.demo,.risk)" in css

    # Gathered: its section, after the others of its kind, with its heading, in the TOC.
    overview = out.soup("overview.md")
    section = overview.select_one("section.pf-ov-section--risks")
    assert section is not None
    heading = section.select_one("h2#overview-risks")
    assert heading is not None and heading.get_text() == "Risks and mitigations"
    ids = [h["id"] for h in overview.select(".pf-overview h2[id^=overview-]")]
    # Shown in full: before the contents, as the problem; as gists: after, as dead ends.
    assert (ids.index("overview-risks") < ids.index("overview-contents")) is risk.full
    if risk.full:  # the blocks themselves, as the problem section shows them
        shown = section.select(".pf-ov-block > .risk")
        assert [b.select_one(".admonition-title, summary").get_text() for b in shown] == [
            "Data drift", "Vendor lock-in", "Label noise", "Risk"]
        assert not any(b.get("id") for b in shown)
        assert section.select_one(".pf-ov-from")["href"] == "../#risk-data-drift"
    else:  # gists, as the dead ends show
        items = section.select("ul.pf-ov-items--risk > li.pf-ov-item--risk")
        assert [i.select_one(".pf-ov-item__title").get_text() for i in items] == [
            "Data drift", "Vendor lock-in", "Label noise", "Risk"]
        assert items[0].select_one(".pf-ov-item__gist").get_text() == \
            "The inputs drift over the months."
        assert items[0].select_one("a")["href"] == "../#risk-data-drift"
    toc = [a.get_text(strip=True)
           for a in overview.select(".md-sidebar--secondary .md-nav__link")]
    assert "Risks and mitigations" in toc

    # Audited: a writeup with risks has no risk finding.
    logged, found = risk_findings(out)
    assert logged == [] and found == []


def test_a_registered_block_type_without_blocks_is_a_finding(
        tmp_path: Path, risk: BlockType) -> None:
    out = build(tmp_path, WITHOUT, REPORT)
    assert out.error is None, out.stop_message
    logged, found = risk_findings(out)
    fix = risk.check.fix
    assert len(logged) == 1 and "the writeup has no 'risk' block" in logged[0] \
        and fix in logged[0], logged
    assert [(f["message"], f["fix"], f["page"]) for f in found] == [
        ("the writeup has no 'risk' block", fix, None)]
    report = json.loads((out.site_dir / "portfolio-audit.json").read_text("utf-8"))
    check = next(c for c in report["checks"] if c["id"] == "risk")
    assert check == {"id": "risk", "item": 8, "level": "warn", "scope": "site", "findings": 1}
    item = next(i for i in report["checklist"] if i["item"] == 8)
    assert item["checks"] == ["dead-end", "risk"] and item["status"] == "fail"
    assert "overview-risks" not in out.html("overview.md"), "an empty section is left out"


def test_a_section_marker_places_a_registered_type(tmp_path: Path, risk: BlockType) -> None:
    about = "---\nportfolio: overview\n---\n# About\n\nOur risks:\n\n<!-- portfolio:risks -->\n"
    out = build(tmp_path, dict(PAGES, **{"about.md": about}),
                {"plugins": ["search", {"portfolio": {"audit": {"enabled": False}}}]})
    assert out.error is None and out.warnings == [], out.warnings
    article = out.article("about.md")
    part = article.select_one(".pf-overview--part > section.pf-ov-section--risks")
    assert part is not None and part.select_one("h2").get_text() == "Risks and mitigations"
    assert len(part.select(".pf-ov-block" if risk.full else ".pf-ov-item")) == 4
    assert [h["id"] for h in article.select("[id^=overview-]")] == ["overview-risks"]
    toc = [a.get_text(strip=True)
           for a in out.soup("about.md").select(".md-sidebar--secondary .md-nav__link")]
    assert "Risks and mitigations" in toc


# -- units: every part reads every entry --------------------------------------------------


def test_every_part_of_the_plugin_reads_every_block_type() -> None:
    css = block_css(BLOCK_TYPES.values())
    shipped = bundle(".css")
    classes = {cls.NAME: cls for cls, _ in block_classes(lambda: "")}
    for name, kind in BLOCK_TYPES.items():
        assert {"open": classes[name].OPTIONS["open"], **kind.options} == classes[name].OPTIONS
        assert f"--md-admonition-icon--{name}: {icon_url(kind)}" in css
        assert f"--pf-{name}: {kind.colours.light}" in shipped
        assert f"--pf-{name}: {kind.colours.dark}" in shipped
        if kind.colours.text:
            assert f"--pf-{name}-text: {kind.colours.text}" in shipped
        assert kind.section in SECTIONS and HEADINGS[kind.section] == kind.heading
        check = CHECKS[kind.check.id]
        assert (check.item, check.looks_for, check.reason, check.scope) == (
            kind.check.item, kind.check.looks_for, kind.check.reason, "site")
    assert [f.check for f in missing_blocks([])] == [
        "problem", "use-case", "result", "demo", "dead-end", "next-step"]


def test_the_built_in_table_and_what_is_made_from_it() -> None:
    assert list(BLOCK_TYPES) == ["problem", "use-case", "result", "dead-end", "next-step", "demo"]
    assert list(SECTIONS) == ["hero", "problem", "use-case", "results", "demo", "contents",
                              "dead-ends", "next-steps"]
    assert list(CHECKS) == ["overview", "result", "problem", "use-case", "previews", "demo",
                            "visuals",
                            "code-share", "long-code", "dead-end", "next-step", "links-out",
                            "overview-length", "typos", "links", "alt-text", "stale-result"]
    # The schema file lists the built-in check ids; schema() those of CHECKS.
    listed = json.loads(SCHEMA_FILE.read_text("utf-8"))["$defs"]["check_id"]["enum"]
    assert listed == list(CHECKS) == schema()["$defs"]["check_id"]["enum"]


def test_registering_follows_the_table_and_refuses_clashes() -> None:
    before = (list(CHECKS), list(SECTIONS), bundle(".css"))
    blocktypes.register(RISK)
    try:
        assert "risk" in CHECKS and list(SECTIONS)[-1] == "risks"
        assert schema()["$defs"]["check_id"]["enum"][-1] == "stale-result"
        assert "risk" in schema()["$defs"]["check_id"]["enum"]
        assert "--pf-risk" in bundle(".css")
        with pytest.raises(ValueError, match="already a block type"):
            blocktypes.register(RISK)
        with pytest.raises(ValueError, match="section 'dead-ends' is taken"):
            blocktypes.register(replace(RISK, name="hazard", section="dead-ends"))
        with pytest.raises(ValueError, match="check 'risk' is taken"):
            blocktypes.register(replace(RISK, name="hazard", section="hazards"))
    finally:
        blocktypes.unregister("risk")
    assert (list(CHECKS), list(SECTIONS), bundle(".css")) == before
    for bad in ({"name": "Risk!"}, {"section": "contents"}, {"icon": "M0 0\"/><script>"},
                {"colours": Colours("red;}", "#fff")}):
        with pytest.raises(ValueError):
            blocktypes.register(replace(RISK, **bad))
    assert "risk" not in BLOCK_TYPES
