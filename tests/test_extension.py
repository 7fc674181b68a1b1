"""The Python-Markdown extension works without the plugin: plain Markdown and Zensical."""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from mkdocs_portfolio.markdown import PortfolioExtension

BASE = ["admonition", "pymdownx.details", "pymdownx.superfences"]

PAGE = textwrap.dedent("""
    # Churn model

    We predict which customers leave. The first sentence is the gist.

    !!! problem "Customers leave silently"
        Nobody notices until the renewal date. Then it is too late.

    ??? dead-end "Gradient boosting on raw logs"
        It memorised user ids.

    /// next-step | Online features
        open: false

    Stream the features.
    ///

    /// result | Recall at 10%
        metric: Recall@10%
        value: 0.62
        baseline: 0.41

    Reached in week six.
    ///

    !!! result "Latency"
        Metric: p95 latency = 120 ms (baseline 340 ms)

        After distillation.
    """)


def convert(text: str, **config: object) -> tuple[BeautifulSoup, PortfolioExtension]:
    ext = PortfolioExtension(**config)
    md = markdown.Markdown(extensions=[*BASE, ext])
    return BeautifulSoup(md.convert(text), "html.parser"), ext


def test_plain_python_markdown_by_name() -> None:
    html = markdown.markdown(PAGE, extensions=[*BASE, "mkdocs_portfolio.markdown"])
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one("div.admonition.problem")["id"] == "problem-customers-leave-silently"
    assert soup.select_one("details.dead-end")["id"] == "dead-end-gradient-boosting-on-raw-logs"
    assert soup.select_one("details.next-step").summary.get_text() == "Online features"


def test_plain_python_markdown_by_entry_point() -> None:
    html = markdown.markdown("!!! dead-end\n    x\n", extensions=[*BASE, "mkdocs_portfolio"])
    assert 'id="dead-end"' in html and "Dead end" in html


def test_facts_of_a_page() -> None:
    _, ext = convert(PAGE)
    facts = ext.facts
    assert facts.title == "Churn model"
    assert facts.first_paragraph.startswith("We predict which customers leave.")
    assert [b.type for b in facts.blocks] == ["problem", "dead-end", "next-step", "result",
                                              "result"]
    problem = facts.blocks[0]
    assert problem.gist == "Nobody notices until the renewal date."
    assert 'id="problem-customers-leave-silently"' in problem.html
    assert facts.words > 40


def test_permalinks_are_not_prose() -> None:
    """toc's permalink (``&para;`` or a custom text) is not part of a title or a word count."""
    text = "# Costs & benefits\n\nFour words of prose.\n\n## Next part\n\nTwo more.\n"
    plain = markdown.Markdown(extensions=["toc", PortfolioExtension()])
    plain.convert(text)
    expected = next(e for e in plain.registeredExtensions
                    if isinstance(e, PortfolioExtension)).facts
    for permalink in (True, "#", "link"):
        md = markdown.Markdown(extensions=["toc", PortfolioExtension()],
                               extension_configs={"toc": {"permalink": permalink}})
        html = md.convert(text)
        assert 'class="headerlink"' in html
        facts = next(e for e in md.registeredExtensions
                     if isinstance(e, PortfolioExtension)).facts
        assert facts.title == "Costs & benefits"
        assert facts.prose == ["Costs & benefits", "Four words of prose.", "Next part",
                               "Two more."]
        assert facts.words == expected.words == 11


def test_metric_figures_from_options_and_from_a_metric_line() -> None:
    soup, ext = convert(PAGE)
    figures = soup.select("figure.pf-metric")
    assert len(figures) == 2
    recall, latency = figures
    assert recall.select_one(".pf-metric__value").get_text() == "0.62"
    assert recall.select_one(".pf-metric__name").get_text() == "Recall@10%"
    assert recall.select_one(".pf-metric__delta").get_text() == "+0.21"
    assert recall["data-pf-improved"] == "true"
    assert latency.select_one(".pf-metric__delta").get_text() == "-220 ms"
    assert latency["data-pf-improved"] == "true"  # lower latency is better
    assert "Metric:" not in soup.get_text()
    metrics = [b.metric for b in ext.facts.blocks if b.metric]
    assert [m.name for m in metrics] == ["Recall@10%", "p95 latency"]
    assert all("data-pf-" not in str(f).replace("data-pf-improved", "") for f in figures)


def test_duplicate_and_unicode_titles() -> None:
    soup, _ = convert(
        '!!! dead-end "Überanpassung à la 日本"\n    a\n\n'
        '!!! dead-end "Überanpassung à la 日本"\n    b\n\n'
        '!!! dead-end ""\n    c\n\n!!! dead-end\n    d\n')
    ids = [d.get("id") for d in soup.select(".dead-end")]
    assert ids == ["dead-end-überanpassung-à-la-日本", "dead-end-überanpassung-à-la-日本-2",
                   "dead-end", "dead-end-2"]


def test_unknown_block_option_is_named(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        soup, _ = convert("/// dead-end | T\n    colour: red\n\nBody\n///\n", page="x.md")
    assert soup.select_one("div.dead-end") is not None  # still a block
    assert any("unknown option 'colour'" in r.getMessage() and "'x.md'" in r.getMessage()
               for r in caplog.records)


def test_facts_reset_between_conversions() -> None:
    ext = PortfolioExtension()
    md = markdown.Markdown(extensions=[*BASE, ext])
    md.convert('!!! problem "A"\n    a\n')
    md.reset()
    md.convert("Just text.\n")
    assert ext.facts.blocks == []


@pytest.mark.skipif(shutil.which("zensical") is None, reason="zensical is not installed")
def test_under_zensical(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(textwrap.dedent("""
        site_name: Zensical check
        markdown_extensions:
          - admonition
          - pymdownx.details
          - pymdownx.superfences
          - mkdocs_portfolio.markdown
        """), encoding="utf-8")
    (tmp_path / "docs" / "index.md").write_text(PAGE, encoding="utf-8")
    exe = shutil.which("zensical")
    assert exe
    path = f"{Path(sys.executable).parent}:/usr/bin:/bin"
    run = subprocess.run([exe, "build"], cwd=tmp_path, capture_output=True, text=True,
                         timeout=300, env={"PATH": path})
    assert run.returncode == 0, run.stdout + run.stderr
    soup = BeautifulSoup((tmp_path / "site" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert soup.select_one("#problem-customers-leave-silently.admonition.problem") is not None
    assert soup.select_one("details.next-step#next-step-online-features") is not None
    assert soup.select_one("figure.pf-metric .pf-metric__value").get_text() == "0.62"
