"""The site-wide core needs no MkDocs: page records in, an overview model and findings out.

The test runs in a fresh interpreter in which ``import mkdocs`` fails, as it would
under an engine without MkDocs: the pages are converted with plain Python-Markdown and
our extension, their records made by hand, and the overview's model and the audit's
findings computed from them.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent('''
    import importlib.abc, json, sys

    class NoMkDocs(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name == "mkdocs" or name.startswith("mkdocs."):
                raise ImportError(f"no MkDocs here: {name}")
            return None

    sys.meta_path.insert(0, NoMkDocs())

    import markdown
    from mkdocs_portfolio.audit.checks import AuditPage, Thresholds
    from mkdocs_portfolio.audit.linkcheck import SiteIndex
    from mkdocs_portfolio.audit.run import OverviewInfo, run_checks, site_levels
    from mkdocs_portfolio.markdown import PortfolioExtension
    from mkdocs_portfolio.memo import Memo
    from mkdocs_portfolio.overview.gather import Gatherer, SiteInfo
    from mkdocs_portfolio.pages import PageRecord, PageSettings, Place
    from pathlib import Path

    PAGES = {
        "index.md": ("", "# Fraud scoring\\n\\nWe score card payments.\\n\\n"
                     '!!! problem "Fraud before the payment clears"\\n\\n'
                     "    Chargebacks cost the bank money.\\n\\n"
                     '!!! result "Recall"\\n\\n    Metric: recall = 0.91 (baseline 0.84)\\n'),
        "model.md": ("model/", "# Model\\n\\nA gradient-boosted model, see [data](../#x).\\n\\n"
                     '!!! dead-end "Oversampling"\\n\\n    It overfit the rare class.\\n'),
    }
    records, memo = {}, Memo()
    for src, (url, text) in PAGES.items():
        ext = PortfolioExtension(fold=False)
        markdown.Markdown(extensions=[ext, "admonition", "attr_list"]).convert(text)
        record = PageRecord(src, ext.facts, {}, PageSettings())
        record.place = Place(url=url, title=ext.facts.title, in_nav=True)
        records[src] = record

    model = Gatherer(list(records.values()), "overview/", memo=memo).gather(
        SiteInfo(name="Fraud", tagline="Scoring payments"))
    again = Gatherer(list(records.values()), "overview/", memo=memo).gather(
        SiteInfo(name="Fraud", tagline="Scoring payments"))
    pages = [AuditPage(r.src_uri, r.url, r.facts, memo=memo.page(r)) for r in records.values()]
    index = SiteIndex({r.url: s for s, r in records.items()},
                      lambda s: records[s].ids if s in records else None,
                      Path("/nonexistent"), False, True)
    result = run_checks(pages, site_levels({}), Thresholds(), index, OverviewInfo("overview.md"),
                        5, memo.audit)
    print(json.dumps({
        "mkdocs": [m for m in sys.modules if m == "mkdocs" or m.startswith("mkdocs.")],
        "problems": [b.title for b in model.problems],
        "results": [(b.title, b.value_text, b.metric.delta_text) for b in model.results],
        "dead_ends": [(b.title, b.url) for b in model.dead_ends],
        "contents": [(p.number, p.title, p.url) for p in model.contents],
        "kept": all(a is b for a, b in zip(model.contents, again.contents)),
        "findings": sorted({f.check for f in result.findings}),
        "links": [f.message for f in result.findings if f.check == "links"],
    }))
''')


def test_overview_and_audit_run_without_mkdocs() -> None:
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["mkdocs"] == []
    assert out["problems"] == ["Fraud before the payment clears"]
    assert out["results"] == [["Recall", "0.91", "+0.07"]]
    assert out["dead_ends"] == [["Oversampling", "../model/#dead-end-oversampling"]]
    assert out["contents"] == [[1, "Fraud scoring", "../"], [2, "Model", "../model/"]]
    assert out["kept"], "a second gathering from the same records reuses the entries"
    # No use case, demo or next step anywhere; the link to a missing anchor is found.
    assert {"use-case", "demo", "next-step", "links"} <= set(out["findings"])
    assert {"problem", "result", "dead-end"}.isdisjoint(out["findings"])
    assert out["links"] == ["the link '../#x' is broken: '/' has no anchor '#x'"]
