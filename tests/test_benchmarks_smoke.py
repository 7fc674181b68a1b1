"""The benchmark's tooling works: the generator and the runner, on a tiny site.

No time is asserted here (a benchmark is not a test); these only check that
``benchmarks/`` produces the site it promises and that the runner builds it both
ways. The real measurement is ``python -m benchmarks.run`` (docs/performance.md).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from benchmarks.assets import plugin_assets
from benchmarks.generate import SEED, VARIANTS, generate, page_path, page_text
from benchmarks.run import measure

FENCE = re.compile(r"^``` (\w+)([^\n]*)\n(.*?)\n```$", re.MULTILINE | re.DOTALL)


def test_pages_are_deterministic_and_independent_of_n() -> None:
    assert page_text(7, 50) == page_text(7, 50)
    strip = re.compile(r"\]\([^)]*\.md\)")  # links to other pages may differ with N
    assert strip.sub("", page_text(7, 50)) == strip.sub("", page_text(7, 1000))
    assert SEED  # the seed is a constant of the module, not the clock


@pytest.mark.parametrize("i", [1, 2, 3, 17, 101])
def test_a_page_looks_like_a_writeup_page(i: int) -> None:
    text = page_text(i, 200)
    assert text.startswith("---\ntitle: ")
    assert "\n# " in text and "\n## " in text
    fences = FENCE.findall(text)
    code = [f for f in fences if f[0] != "mermaid"]
    assert 2 <= len(code) <= 6, text
    for _lang, _attrs, body in code:
        assert 10 <= body.count("\n") + 1 <= 200
    prose = FENCE.sub("", text)
    prose = re.sub(r"^(\||    |!!!|\?\?\?|///|!\[|---|title:|description:).*$", "", prose,
                   flags=re.MULTILINE)
    assert 700 <= len(prose.split()) <= 1800
    assert "/// caption" in text and "| --- |" in text


def test_the_site_has_every_part(tmp_path: Path) -> None:
    root = generate(60, tmp_path / "site")
    pages = sorted((root / "docs").rglob("*.md"))
    assert len(pages) == 60
    text = "".join(p.read_text(encoding="utf-8") for p in pages)
    for part in ("``` mermaid", 'title="', 'linenums="1"', "!!! dead-end", "??? ",
                 "/// result", "Metric: AUC", "!!! note"):
        assert part in text, part
    assert all((root / f"mkdocs.{v}.yml").is_file() for v in VARIANTS)
    assert {"own", "disabled"} <= set(VARIANTS) and all(" " not in v for v in VARIANTS)
    with_conf = (root / "mkdocs.with.yml").read_text(encoding="utf-8")
    without_conf = (root / "mkdocs.without.yml").read_text(encoding="utf-8")
    assert "portfolio" in with_conf and "portfolio" not in without_conf
    # Shrinking the site removes the pages it no longer has.
    generate(10, root)
    assert len(list((root / "docs").rglob("*.md"))) == 10
    assert not (root / "docs" / page_path(30)).exists()


def test_the_runner_builds_both_ways(tmp_path: Path) -> None:
    result = measure(6, 1, tmp_path, "without", "with", warmup=False, log=False)
    assert [b.variant for b in result.builds] == ["without", "with"]
    assert all(b.cpu > 0 and b.wall > 0 for b in result.builds)
    summary = result.summary()
    assert summary["pages"] == 6 and summary["rounds"] == 1
    site = tmp_path / "site-6"
    assert (site / "site-with" / "assets" / "portfolio").is_dir()
    assert not (site / "site-without" / "assets" / "portfolio").exists()
    built = (site / "site-with" / page_path(1)[:-3] / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<div class="language-\w+ highlight[" ]', built)


def test_the_assets_are_measured() -> None:
    assets = plugin_assets()
    assert assets, "the plugin ships CSS or JS"
    assert all(a.gzipped > 0 and a.raw >= a.gzipped // 2 for a in assets)


def test_the_small_site_benchmark_runs(tmp_path: Path) -> None:
    from benchmarks.small import report, run, table

    summaries = run(["1", "demo"], 1, tmp_path, warmup=False, log=False)
    assert [s["site"] for s in summaries] == ["1", "demo"]
    for s in summaries:
        assert [b["variant"] for b in s["builds"]] == ["without", "with"]
        assert all(b["cpu"] > 0 and b["rss_mb"] > 10 for b in s["builds"])
        assert len(s["cpu_diff_ms"]) == len(s["ratio"]) == len(s["rss_diff_mib"]) == 1
        assert "verdict:" in report(s)
    assert summaries[1]["pages"] == 8
    demo = tmp_path / "small-demo"
    assert "portfolio" in (demo / "mkdocs.with.yml").read_text(encoding="utf-8")
    assert "portfolio" not in (demo / "mkdocs.without.yml").read_text(encoding="utf-8")
    assert table(summaries).count("\n| ") == 3  # the header's rule and a row per site


def test_the_small_site_serve_rebuild_runs(tmp_path: Path) -> None:
    from benchmarks.small import measure_serve, serve_report

    result = measure_serve(tmp_path, 1)
    assert result["cpu"]["with"] > 0 and result["cpu"]["without"] > 0
    assert len(result["cpu"]["ratio"]) == 1
    # MkDocs may not log a rebuild as long as an earlier one (its DuplicateFilter).
    assert len(result["build"]["ratio"]) <= 1
    assert "verdict:" in serve_report(result)


def test_the_demo_with_its_extensions_listed_differs_only_by_the_plugin(tmp_path: Path) -> None:
    import yaml

    from benchmarks.small import prepare
    from mkdocs_portfolio.markdown.companions import companions

    root, pages = prepare("demo-ext", tmp_path)
    assert pages == 8
    configs = {v: (root / f"mkdocs.{v}.yml").read_text(encoding="utf-8")
               for v in ("with", "without")}
    loaded = {v: yaml.load(text, Loader=yaml.Loader) for v, text in configs.items()}
    names = [e if isinstance(e, str) else next(iter(e))
             for e in loaded["without"]["markdown_extensions"]]
    assert all(name in names for name, _ in companions())
    assert loaded["with"]["markdown_extensions"] == loaded["without"]["markdown_extensions"]
    assert {k: v for k, v in loaded["with"].items() if k != "plugins"} == {
        k: v for k, v in loaded["without"].items() if k != "plugins"}
    assert "portfolio" in configs["with"] and "portfolio" not in configs["without"]


def test_the_own_cost_turns_the_template_cache_off_in_the_with_config(tmp_path: Path) -> None:
    import yaml

    from benchmarks.small import prepare

    def portfolio(config: Path) -> object:
        loaded = yaml.load(config.read_text(encoding="utf-8"), Loader=yaml.Loader)
        return next((p for p in loaded["plugins"] if p == "portfolio" or
                     (isinstance(p, dict) and "portfolio" in p)), None)

    for site in ("1", "demo"):
        root, _ = prepare(site, tmp_path / "own", own_cost=True)
        found = portfolio(root / "mkdocs.with.yml")
        assert isinstance(found, dict) and found["portfolio"]["template_cache"] is False
        assert portfolio(root / "mkdocs.without.yml") is None
        plain, _ = prepare(site, tmp_path / "plain")
        kept = portfolio(plain / "mkdocs.with.yml")
        assert kept == "portfolio" or "template_cache" not in kept["portfolio"]  # type: ignore[index]
    assert found["portfolio"]["overview"]["results_table"] is True  # the demo's own options
