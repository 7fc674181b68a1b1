"""The audit: real builds of a poor writeup and a complete one, checked finding by finding."""

from __future__ import annotations

import json
from dataclasses import fields
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from mkdocs.exceptions import Abort

from mkdocs_portfolio.audit.checks import CHECKS
from mkdocs_portfolio.audit.findings import Finding
from mkdocs_portfolio.audit.report import dumps, schema
from mkdocs_portfolio.config import PortfolioConfig

from . import harness
from .harness import PNG, Built

# -- building ----------------------------------------------------------------------

build = partial(harness.build, allow_warnings=True)
"""A real build under ``root``; the tests read its warnings. MkDocs options such as
``strict`` go to ``load_config``."""


def plugin_config(audit: dict[str, Any] | None = None, **more: Any) -> dict[str, Any]:
    options: dict[str, Any] = dict(more)
    if audit is not None:
        options["audit"] = audit
    return {"plugins": [{"portfolio": options}]}


PROSE = ("The classifier reads each payment with its history and gives it a score "
         "between zero and one. ")


# -- a poor writeup: every check fires -------------------------------------------------

POOR = {
    "index.md": """\
        ---
        acheive: a front-matter key is not prose
        ---
        # Fraud model

        Teh model flags payments. See [the code](code.md#no-such-heading)
        and [the old page](gone/).

        ![](chart.png)

        Code is not prose: `acheive`, nor is [a link's target](code.md "acheive").

        ```python
        acheive = "not prose"
        ```
        """,
    "long.md": "# A long page\n\n" + PROSE * 40 + "\n",
    "code.md": "# Code\n\nThe whole script.\n\n```{.python .no-fold}\n"
               + "".join(f"step_{i} = run({i})\n" for i in range(40)) + "```\n",
    "chart.png": PNG,
}
POOR_CONFIG = plugin_config({"checks": {"links-out": "warn"}}, overview={"enabled": False})


@pytest.fixture(scope="module")
def poor(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(tmp_path_factory.mktemp("poor"), POOR, POOR_CONFIG)


def test_poor_writeup_triggers_every_check(poor: Built) -> None:
    found = set(poor.ids())
    # The overview is off: see the next test. A stale result needs a result block, which
    # the 'result' check says this writeup lacks: see tests/test_results_data.py.
    expected = set(CHECKS) - {"overview-length", "stale-result"}
    assert found == expected, f"missing: {expected - found}, extra: {found - expected}"


@pytest.mark.parametrize(("check", "page", "line", "words"), [
    ("overview", None, None, ["no overview page", "portfolio: overview"]),
    ("problem", None, None, ["no 'problem' block", "!!! problem"]),
    ("use-case", None, None, ["no 'use-case' block", "!!! use-case"]),
    ("result", None, None, ["no 'result' block", "Metric:"]),
    ("demo", None, None, ["no 'demo' block", "/// demo"]),
    ("dead-end", None, None, ["no 'dead-end' block", "!!! dead-end"]),
    ("next-step", None, None, ["no 'next-step' block", "!!! next-step"]),
    ("links-out", None, None, ["links to another site"]),
    ("visuals", "long.md", None, ["words of prose and no image", "diagram"]),
    ("code-share", "code.md", None, ["40 lines of code against 1 line of prose"]),
    ("long-code", "code.md", None, ["40 lines is neither folded nor linked", ".no-fold"]),
    ("typos", "index.md", 6, ["'Teh'", "'The'", "audit.words"]),
    ("alt-text", "index.md", 9, ["'chart.png' has no alt text", "![what it shows]"]),
])
def test_each_finding_names_page_line_and_fix(
    poor: Built, check: str, page: str | None, line: int | None, words: list[str]
) -> None:
    findings = poor.of(check)
    assert len(findings) == 1, findings
    finding = findings[0]
    assert (finding.page, finding.line, finding.level) == (page, line, "warn")
    text = finding.log_text()
    for word in words:
        assert word in text, text
    where = "the site" if page is None else f"page '{page}'" + (f", line {line}" if line else "")
    assert f"audit [{check}] {where}: " in text
    # Logged through the plugin logger as a warning, so that --strict counts it.
    assert f"mkdocs_portfolio: {text}" in poor.warnings


def test_visuals_counts_words(poor: Built) -> None:
    (finding,) = poor.of("visuals")
    assert finding.message.startswith(f"{len(PROSE.split()) * 40 + 3} words of prose")


def test_broken_links_mkdocs_lets_through(poor: Built) -> None:
    messages = sorted(f.message for f in poor.of("links"))
    assert len(messages) == 2, messages
    assert "the link 'code.md#no-such-heading' is broken: 'code/' has no anchor " \
        "'#no-such-heading'" in messages
    assert "the link 'gone/' is broken: nothing in the site is at 'gone/'" in messages
    assert {f.line for f in poor.of("links")} == {6, 7}


def test_typo_only_in_prose(poor: Built) -> None:
    """'acheive' is in inline code, a code block, a link's title and a front-matter key."""
    assert [f.message for f in poor.of("typos")] == ["'Teh' looks like a typo of 'The'"]


def test_strict_build_fails_on_findings(tmp_path: Path) -> None:
    with pytest.raises(Abort, match="warnings in strict mode"):
        build(tmp_path, POOR, POOR_CONFIG, strict=True)


def test_scorecard_in_the_build_log(poor: Built) -> None:
    (card,) = [m for m in poor.infos if "Portfolio checklist:" in m]
    lines = card.split("\n")
    assert lines[0] == "mkdocs_portfolio: Portfolio checklist: 0 of 11 items pass (score 0%)"
    assert len(lines) == 13
    assert lines[1].split()[:2] == ["FAIL", "1."]
    # No site_url: the look of its link previews is all the audit checks of item 4.
    assert lines[4].split()[:2] == ["FAIL", "4."] and lines[4].endswith("finding: previews")
    # No overview: its length is not judged.
    assert lines[11].split()[:2] == ["----", "11."] and "not checked" in lines[11]
    assert "FAIL" in lines[12] and "typos, alt-text, links" in lines[12]
    assert poor.result.scorecard.percent == 0


# -- a complete writeup: passes --strict --------------------------------------------------

COMPLETE = {
    "problem.md": """\
        # The problem

        Card fraud is flagged hours after the payment, when the money is long gone.

        !!! problem "Fraud is caught too late"
            The bank learns of a fraudulent payment a day later, from the card holder.
            It wants a score before the payment clears.

        !!! use-case "A score within fifty milliseconds on one core"
            The model runs beside the payment switch, on one CPU core, and must answer
            within fifty milliseconds for every payment.

        ```mermaid
        graph LR
          A[Payment] --> B[Model] --> C[Decision]
        ```
        """,
    "approach.md": """\
        # Approach

        The model is a gradient-boosted tree over the payment and the last
        hundred payments of the card. The code is on
        [GitHub](https://github.com/example/fraud), and the
        [results](results.md#recall-on-held-out-payments) are measured on
        held-out months. One [dead end](results.md#dead-end-oversampling-the-rare-class)
        taught us to weight the classes instead.

        ![A histogram of the scores of honest and fraudulent payments](chart.png)

        ```python
        model = train(payments, weights=class_weights)
        ```
        """,
    "results.md": """\
        # Results

        ## Recall on held-out payments

        !!! result "Recall"
            Metric: recall = 0.91 (baseline 0.84)

            Nine frauds in ten are caught before the payment clears.

        !!! dead-end "Oversampling the rare class"
            Copies of the rare frauds made the model memorise them; it did worse
            on new months.

        !!! next-step "Calibrate the scores"
            Calibrated scores would let the bank pick its own threshold.

        /// demo | Try the model
            space: example/fraud-demo

        Score a payment of your own.
        ///
        """,
    "chart.png": PNG,
}

URL_STYLES = [
    pytest.param({"site_url": "https://example.org/"}, id="directory-urls"),
    pytest.param({"use_directory_urls": False, "site_url": "https://example.org/sub/path/"},
                 id="file-urls-subpath"),
]


@pytest.fixture(scope="module", params=URL_STYLES)
def complete(request: pytest.FixtureRequest,
             tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(tmp_path_factory.mktemp("complete"), COMPLETE, dict(request.param),
                 strict=True)


def test_complete_writeup_passes_strict(complete: Built) -> None:
    assert complete.warnings == []
    assert complete.result.findings == []
    card = complete.result.scorecard
    assert (card.passed, card.checked, card.percent) == (12, 12, 100)
    assert complete.report["warnings"] == 0
    assert sorted(complete.report["pages"]) == ["approach.md", "problem.md", "results.md"]


def test_complete_writeup_measures_its_overview(complete: Built) -> None:
    overview = complete.report["overview"]
    assert overview is not None and overview["page"] == "index.md"
    assert 0 < overview["minutes"] <= 5
    assert overview["words"] > 20


# -- the overview's length -----------------------------------------------------------------


def test_overview_too_long(tmp_path: Path) -> None:
    pages = dict(COMPLETE)
    pages["index.md"] = ("---\nportfolio: overview\n---\n# Overview\n\n" + PROSE * 50
                         + "\n\n![The pipeline](chart.png)\n")
    built = build(tmp_path, pages, {**plugin_config({"overview_minutes": 1}),
                                    "site_url": "https://example.org/"})
    (finding,) = built.of("overview-length")
    words = built.report["overview"]["words"]
    assert words > 50 * len(PROSE.split())
    minutes = built.report["overview"]["minutes"]
    assert minutes == pytest.approx(words / 220, abs=0.1) and minutes > 1
    assert f"the overview 'index.md' takes {minutes:g} minutes to read ({words} words of " \
        "its own" in finding.message and finding.message.endswith("more than 1")
    assert finding.page == "index.md"
    assert "overview-length" not in {f.check for f in built.result.findings if f.page is None}
    assert built.ids() == ["overview-length"]


# -- typos ----------------------------------------------------------------------------------

TYPOS = {
    "index.md": """\
        ---
        portfolio:
          audit:
            typos: info
        ---
        # Home

        A line with a misspelt word: we recieve data.
        """,
    "list.md": """\
        # A list

        - The first itme of the list.
        - A name: Zorblax, and Teh as a name.

        ## A heading with a wrod

        | a cell |
        | ------ |
        | thier value |

        Code: `itme` and <https://example.com/itme/wrod>, [x](https://example.com/thier).
        """,
    "silent.md": "---\nportfolio:\n  audit:\n    typos: off\n---\n# Silent\n\nA wrod.\n",
    "excluded.md": "---\nportfolio:\n  exclude: true\n---\n# Excluded\n\nA wrod.\n",
    "drafts/draft.md": "# Draft\n\nA wrod here.\n",
    "private.md": "# Private\n\nA wrod here.\n",
}
TYPOS_CONFIG = {**plugin_config({"words": ["teh", "Zorblax"]}),
                "draft_docs": "drafts/\n", "exclude_docs": "private.md\n"}


@pytest.fixture(scope="module")
def typos(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(tmp_path_factory.mktemp("typos"), TYPOS, TYPOS_CONFIG)


def test_typos_in_every_kind_of_prose(typos: Built) -> None:
    found = {(f.page, f.line, f.message) for f in typos.of("typos")}
    assert found == {
        ("index.md", 8, "'recieve' looks like a typo of 'receive'"),
        ("list.md", 3, "'itme' looks like a typo of 'item' or 'time'"),
        ("list.md", 6, "'wrod' looks like a typo of 'word'"),
        ("list.md", 10, "'thier' looks like a typo of 'their'"),
    }


def test_typo_levels_per_page(typos: Built) -> None:
    levels = {f.page: f.level for f in typos.of("typos")}
    assert levels == {"index.md": "info", "list.md": "warn"}
    assert any("audit [typos] page 'index.md', line 8" in m for m in typos.infos)
    assert not any("page 'index.md'" in m for m in typos.warnings)


def test_excluded_drafts_and_exclude_docs_are_not_audited(typos: Built) -> None:
    assert set(typos.report["pages"]) == {"index.md", "list.md", "silent.md"}
    assert {f.page for f in typos.result.findings} <= {"index.md", "list.md", None}


# -- links ----------------------------------------------------------------------------------

LINKS = {
    "a.md": """\
        # Page A

        ## Local heading

        [ok](b.md#real-heading), [ok](b.md), [ok](#local-heading), [raw](b.md#raw-anchor),
        [block](b.md#dead-end-a-wrong-turn), [file](chart.png).

        [bad](b.md#nope) and [bad](#nowhere) and [bad](gone/) and [missing](missing.md).
        """,
    "b.md": """\
        # Page B

        ## Real heading

        <a id="raw-anchor"></a>

        !!! dead-end "A wrong turn"
            It did not work.
        """,
    "chart.png": PNG,
}


@pytest.mark.parametrize("style", URL_STYLES)
def test_links(tmp_path: Path, style: Any) -> None:
    config = {**plugin_config(), **style}
    built = build(tmp_path, LINKS, config)
    broken = sorted(f.message.split("'")[1] for f in built.of("links"))
    assert broken == sorted(["b.md#nope", "#nowhere", "gone/"]), built.of("links")
    assert all(f.page == "a.md" and f.line == 8 for f in built.of("links"))
    # MkDocs itself warns about missing.md: not reported twice.
    mkdocs_warnings = [w for w in built.warnings if "audit [" not in w]
    assert len(mkdocs_warnings) == 1 and "missing.md" in mkdocs_warnings[0]


# -- levels and settings ---------------------------------------------------------------------


def test_levels_from_config_and_front_matter(tmp_path: Path) -> None:
    pages = {
        "index.md": "# Home\n\nTeh end.\n\n![](chart.png)\n",
        "other.md": "---\nportfolio:\n  audit:\n    alt-text: info\n    nonsense: off\n"
                    "    problem: off\n    typos: loud\n---\n# Other\n\n![](chart.png)\n",
        "chart.png": PNG,
    }
    config = plugin_config({"checks": {
        "problem": False, "use-case": "off", "result": "info", "demo": "off",
        "dead-end": "off", "next-step": "off", "typos": "off"}})
    built = build(tmp_path, pages, config)
    assert "typos" not in built.ids() and "problem" not in built.ids()
    assert {(f.check, f.page, f.level) for f in built.result.findings} == {
        ("result", None, "info"), ("alt-text", "index.md", "warn"),
        ("alt-text", "other.md", "info"), ("links-out", None, "info"),
        ("previews", None, "warn")}
    warned = "\n".join(built.warnings)
    where = "page 'other.md': front matter 'portfolio.audit': "
    assert f"{where}there is no check 'nonsense'; the checks are overview," in warned
    assert f"{where}check 'problem' is about the whole writeup" in warned
    assert f"{where}check 'typos' must be one of warn, info, off, not 'loud'" in warned
    items = {i.number: i for i in built.result.scorecard.items}
    assert items[2].status == "skipped" and items[2].checks == []
    assert items[1].status == "fail"  # an info finding still fails its item
    checks = {c["id"]: c["level"] for c in built.report["checks"]}
    assert checks["problem"] == "off" and checks["result"] == "info"


def test_audit_disabled(tmp_path: Path) -> None:
    built = build(tmp_path, {"index.md": "# Teh home\n"}, plugin_config({"enabled": False}))
    assert built.warnings == []
    assert built.result is None
    assert not (built.site_dir / "portfolio-audit.json").exists()


def test_report_path_and_thresholds(tmp_path: Path) -> None:
    pages = {"index.md": "# Home\n\n" + PROSE * 10 + "\n```\n" + "x\n" * 30 + "```\n"}
    config = plugin_config({"report": "reports/audit.json", "visual_words": 100,
                            "max_code_share": 2, "checks": {"problem": "off"}})
    built = build(tmp_path, pages, config)
    assert (built.site_dir / "reports/audit.json").is_file()
    assert "visuals" in built.ids() and "code-share" not in built.ids()


@pytest.mark.parametrize(("raw", "expected"), [
    ({"checks": {"typo": "warn"}}, "there is no check 'typo'; the checks are overview,"),
    ({"checks": {"typos": "loud"}}, "check 'typos' must be one of warn, info, off"),
    ({"max_code_share": 0}, "'max_code_share': must be a positive number, not 0"),
    ({"visual_words": -1}, "'visual_words': must be a positive integer, not -1"),
    ({"overview_minutes": True}, "overview_minutes"),
    ({"report": "../out.json"}, "'report': must be a path inside the built site"),
    ({"checks": {"typos": False, "links": "INFO", "demo": True}}, None),
    ({"max_code_share": 2}, None),
])
def test_config_validation(raw: dict[str, Any], expected: str | None) -> None:
    cfg = PortfolioConfig()
    cfg.load_dict({"audit": raw})
    failed, _ = cfg.validate()
    errors = [f"{key}: {error}" for key, error in failed]
    if expected is None:
        assert errors == []
        if "checks" in raw:
            assert cfg.audit.checks == {"typos": "off", "links": "info", "demo": "warn"}
    else:
        assert any(expected in e for e in errors), errors


# -- the JSON report -------------------------------------------------------------------------


def test_report_matches_its_schema(poor: Built, complete: Built, typos: Built) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(schema())
    validator.check_schema(schema())
    for built in (poor, complete, typos):
        errors = list(validator.iter_errors(built.report))
        assert errors == [], errors[0].message
    assert set(schema()["$defs"]["check_id"]["enum"]) == set(CHECKS)


@pytest.mark.parametrize("site_name", ['"findings": []', "Plain"])
def test_report_text_is_the_report_one_finding_a_line(site_name: str) -> None:
    every = Finding(check="typos", message='a "quoted" word', fix="Fix: it", page="a.md",
                    line=3, level="info", url="a/")
    assert every.to_dict() == {f.name: getattr(every, f.name) for f in fields(Finding)}
    findings = [every.to_dict(), Finding("links", "m", "f").to_dict()]
    report = {"version": 1, "site_name": site_name, "findings": findings, "pages": ["a.md"]}
    text = dumps(report)
    assert json.loads(text) == report
    assert text.splitlines()[3:7] == [
        '  "findings": [', f"    {json.dumps(findings[0])},", f"    {json.dumps(findings[1])}",
        "  ],"]
    assert json.loads(dumps(dict(report, findings=[]))) == dict(report, findings=[])


def test_schema_rejects_a_bad_report(poor: Built) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(schema())
    bad = json.loads(json.dumps(poor.report))
    bad["findings"][0]["level"] = "loud"
    del bad["score"]
    assert len(list(validator.iter_errors(bad))) == 2


def test_report_holds_what_was_logged(poor: Built) -> None:
    report = poor.report
    assert report["version"] == 1 and report["site_name"] == "Test site"
    logged = [m.removeprefix("mkdocs_portfolio: ") for m in poor.warnings
              if "audit [" in m]
    assert [f"audit [{f['check']}] " for f in report["findings"]] == \
        [m[: m.index("]") + 2] for m in logged]
    assert report["warnings"] == len(logged) == len(report["findings"])
    typo = next(f for f in report["findings"] if f["check"] == "typos")
    assert typo == {"check": "typos", "message": "'Teh' looks like a typo of 'The'",
                    "fix": "Write 'The', or add 'Teh' to `audit.words` if it is a name",
                    "page": "index.md", "line": 6, "level": "warn", "url": "./"}
    assert report["score"] == {"passed": 0, "checked": 11, "percent": 0}
    assert [i["status"] for i in report["checklist"]].count("skipped") == 1


# -- the documentation ---------------------------------------------------------------------


def test_docs_explain_every_check() -> None:
    docs = (Path(__file__).parent.parent / "docs" / "audit.md").read_text("utf-8")
    for check in CHECKS.values():
        assert f"| [`{check.id}`](#" in docs, check.id
        assert f"| {check.item} |" in docs
    blocks = {"problem", "use-case", "result", "demo", "dead-end", "next-step"}
    for check_id in set(CHECKS) - blocks:
        assert f"### `{check_id}`" in docs, check_id
    assert "### Missing blocks" in docs
