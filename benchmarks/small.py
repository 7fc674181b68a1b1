"""The plugin's fixed cost: small sites built with and without it (issue 20).

A portfolio writeup has 5 to 15 pages; there the plugin's cost is what it pays
once per build, not per page. Three sites: the generated writeup of 1 page and of
10 pages (``benchmarks/generate.py``, its ``with`` and ``without`` configs) and the
demo site (``demo_site/``, copied into the work folder; ``without`` is its
``mkdocs.yml`` with ``portfolio`` taken out of ``plugins``, ``with`` the same file
as it is: every feature on, the typo check included), and ``demo-ext``, the demo
site with the Markdown extensions the plugin adds (admonition, details, attr_list,
md_in_html, highlight, superfences, caption) listed in both configs, so that its
difference is the plugin's own work and not Pygments' or the caption's. Each is built as
``benchmarks.run`` builds: a warm-up of each config, then ``--rounds`` pairs of
fresh ``python -m mkdocs build`` processes, A B, B A, ...; the CPU time (user +
system) and the peak memory (``ru_maxrss``) are the kernel's accounting of each
finished build process (``os.wait4``).

Printed per site: the median and range of the per-pair CPU difference (ms) and
ratio and of the peak memory difference (MiB), and a verdict against the budget
of issue 20 (at most 50 ms of CPU and 5 MiB of peak memory, medians); then the
same as one Markdown table, the one in docs/performance.md. Unless
``--serve-edits 0``, it then runs ``benchmarks.serve`` on the demo site (a full
``mkdocs serve`` rebuild after a one-page edit, alternately in two servers) and
holds the ratio of the server's CPU during the rebuild (``/proc``, to the 10 ms
tick) against the budget of 1.05; with ``demo-ext`` among the sites, the same on
it. The rebuild time as MkDocs logs it is printed too, but MkDocs drops a log
message it has logged before in the same process (``DuplicateFilter``), so a
rebuild as long as an earlier one, to 10 ms, is not logged: on a small site, a
third of them or more.

    python -m benchmarks.small --rounds 7
    python -m benchmarks.small --sites 1 demo --rounds 3 --serve-edits 0
    python -m benchmarks.small --profile [demo]   # where the fixed cost goes (cProfile)
    python -m benchmarks.small --own              # without what the plugin saves the build

The plugin keeps the theme's compiled templates (``template_cache``), which saves each
build more than the plugin costs on a small site; ``--own`` turns that off in the
``with`` config, for the plugin's own cost.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import pstats
import shutil
import statistics
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

import yaml

import mkdocs_portfolio

from . import serve
from .generate import generate
from .run import DEFAULT_WORKDIR, Result, measure_root

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "demo_site"
SITES = ("1", "10", "demo", "demo-ext")
BASE, OTHER = "without", "with"
CPU_BUDGET_MS = 50.0
MEMORY_BUDGET_MIB = 5.0
SERVE_BUDGET = 1.05
DEMO_EDITED_PAGE = "results.md"


def without_portfolio(conf: dict[str, Any]) -> dict[str, Any]:
    """``conf`` (a loaded ``mkdocs.yml``) with ``portfolio`` taken out of ``plugins``."""
    plugins = [p for p in conf.get("plugins", [])
               if p != "portfolio" and not (isinstance(p, dict) and "portfolio" in p)]
    if len(plugins) == len(conf.get("plugins", [])):
        raise SystemExit("the config has no portfolio plugin to take out")
    return {**conf, "plugins": plugins}


FENCE_FORMAT = "!!python/name:pymdownx.superfences.fence_code_format"


def with_companions(conf: dict[str, Any]) -> dict[str, Any]:
    """``conf`` with the Markdown extensions the plugin adds listed by hand, with the
    settings it gives them (:func:`..companions.companions`), after the config's own."""
    from mkdocs_portfolio.markdown.companions import companions

    extensions = list(conf.get("markdown_extensions", []))
    listed = [e if isinstance(e, str) else next(iter(e)) for e in extensions]
    for name, settings in companions():
        if name in listed:
            continue
        for fence in settings.get("custom_fences", []):
            fence["format"] = FENCE_FORMAT
        extensions.append({name: settings} if settings else name)
    return {**conf, "markdown_extensions": extensions}


OWN_OPTIONS = {"template_cache": False}
"""``--own``: the plugin's own cost, without what it saves the build (the theme's
templates kept compiled), so that both builds compile them."""


def own(conf: dict[str, Any]) -> dict[str, Any]:
    """``conf`` with :data:`OWN_OPTIONS` given to ``portfolio`` in ``plugins``."""
    plugins: list[Any] = []
    for p in conf.get("plugins", []):
        if p == "portfolio":
            p = {"portfolio": dict(OWN_OPTIONS)}
        elif isinstance(p, dict) and "portfolio" in p:
            p = {"portfolio": {**(p["portfolio"] or {}), **OWN_OPTIONS}}
        plugins.append(p)
    return {**conf, "plugins": plugins}


def own_generated(config: Path) -> None:
    """The generated ``with`` config with :data:`OWN_OPTIONS` (its one ``- portfolio``)."""
    text = config.read_text(encoding="utf-8")
    options = "".join(f"\n    {k}: {str(v).lower()}" for k, v in OWN_OPTIONS.items())
    if "\n- portfolio\n" not in text:
        raise SystemExit(f"{config}: no '- portfolio' line to give {OWN_OPTIONS}")
    config.write_text(text.replace("\n- portfolio\n", f"\n- portfolio:{options}\n"),
                      encoding="utf-8")


def prepare_demo(workdir: Path, companions: bool = False, own_cost: bool = False) -> Path:
    """Copy ``demo_site/`` to ``workdir/small-demo`` with its ``with`` and ``without``
    configs; with ``companions``, to ``small-demo-ext`` with the Markdown extensions the
    plugin adds listed in both (so that the difference is the plugin's own work)."""
    root = workdir / ("small-demo-ext" if companions else "small-demo")
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(DEMO, root, ignore=shutil.ignore_patterns("site", "site-*"))
    conf = yaml.safe_load((DEMO / "mkdocs.yml").read_text(encoding="utf-8"))
    if companions:
        conf = with_companions(conf)
    for variant, text in ((OTHER, own(conf) if own_cost else conf),
                          (BASE, without_portfolio(conf))):
        dumped = yaml.safe_dump(text, sort_keys=False, allow_unicode=True)
        (root / f"mkdocs.{variant}.yml").write_text(
            dumped.replace(f"'{FENCE_FORMAT}'", FENCE_FORMAT), encoding="utf-8")
    return root


def prepare(site: str, workdir: Path, own_cost: bool = False) -> tuple[Path, int]:
    """The site's folder (with ``mkdocs.with.yml`` and ``mkdocs.without.yml``), and its
    pages; ``own_cost``: the ``with`` config has :data:`OWN_OPTIONS`."""
    if site in ("demo", "demo-ext"):
        root = prepare_demo(workdir, companions=site == "demo-ext", own_cost=own_cost)
        return root, len(list((root / "docs").rglob("*.md")))
    pages = int(site)
    root = generate(pages, workdir / f"site-{pages}")
    if own_cost:
        own_generated(root / f"mkdocs.{OTHER}.yml")
    return root, pages


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _span(values: list[float], fmt: str) -> str:
    if not values:
        return "n/a"
    return (f"{format(statistics.median(values), fmt)} "
            f"({format(min(values), fmt)} to {format(max(values), fmt)})")


def summary(site: str, result: Result) -> dict[str, Any]:
    cpu_ms = [1000 * d for d in result.differences("cpu")]
    rss = result.differences("rss_mb")
    return {
        "site": site, "pages": result.pages, "rounds": len(cpu_ms),
        "cpu_without_s": statistics.median(result.cpu(BASE)),
        "cpu_with_s": statistics.median(result.cpu(OTHER)),
        "cpu_diff_ms": cpu_ms, "ratio": result.ratios, "rss_diff_mib": rss,
        "rss_without_mib": statistics.median(result.of(BASE, "rss_mb")),
        "rss_with_mib": statistics.median(result.of(OTHER, "rss_mb")),
        "within_budget": statistics.median(cpu_ms) <= CPU_BUDGET_MS
        and statistics.median(rss) <= MEMORY_BUDGET_MIB,
    }


def report(s: dict[str, Any]) -> str:
    cpu = statistics.median(s["cpu_diff_ms"])
    rss = statistics.median(s["rss_diff_mib"])
    verdict = "within" if s["within_budget"] else "OVER"
    return "\n".join([
        f"site {s['site']} ({s['pages']} pages, {s['rounds']} pairs): CPU without "
        f"{s['cpu_without_s']:.3f} s, with {s['cpu_with_s']:.3f} s",
        f"  CPU difference  {_span(s['cpu_diff_ms'], '+.0f')} ms",
        f"  CPU ratio       {_span(s['ratio'], '.3f')}",
        f"  peak memory     {s['rss_without_mib']:.1f} MiB without, {s['rss_with_mib']:.1f} "
        f"with; difference {_span(s['rss_diff_mib'], '+.1f')} MiB",
        f"  verdict: {verdict} budget (fixed cost {cpu:+.0f} ms of {CPU_BUDGET_MS:.0f} ms "
        f"CPU, {rss:+.1f} MiB of {MEMORY_BUDGET_MIB:.0f} MiB peak memory)",
    ])


def table(summaries: list[dict[str, Any]]) -> str:
    """The results as the Markdown table of docs/performance.md."""
    rows = ["| site | pages | CPU without | CPU with | difference (median, range) "
            "| ratio (median, range) | peak memory difference (median, range) |",
            "| --- | --- | --- | --- | --- | --- | --- |"]
    names = {"1": "generated, 1 page", "10": "generated, 10 pages", "demo": "demo site",
             "demo-ext": "demo site, extensions listed"}
    for s in summaries:
        rows.append(
            f"| {names.get(s['site'], s['site'])} | {s['pages']} | {s['cpu_without_s']:.2f} s "
            f"| {s['cpu_with_s']:.2f} s | **{_span(s['cpu_diff_ms'], '+.0f')} ms** "
            f"| {_span(s['ratio'], '.3f')} | **{_span(s['rss_diff_mib'], '+.1f')} MiB** |")
    return "\n".join(rows)


def measure_serve(workdir: Path, edits: int, companions: bool = False,
                  own_cost: bool = False) -> dict[str, Any]:
    """``mkdocs serve`` of the demo site, a full rebuild after a one-page edit, both ways
    (with ``companions``: the Markdown extensions the plugin adds listed in both)."""
    root = prepare_demo(workdir, companions, own_cost)
    pages = len(list((root / "docs").rglob("*.md")))
    base, other = serve.measure(pages, edits, False, workdir, (BASE, OTHER),
                                src=DEMO_EDITED_PAGE, source=root)
    out: dict[str, Any] = {"edits": edits, "companions": companions}
    for what in ("build", "cpu"):
        pairs = list(zip(getattr(other, what), getattr(base, what), strict=True))
        out[what] = {BASE: _median(serve.finite(getattr(base, what))),
                     OTHER: _median(serve.finite(getattr(other, what))),
                     "ratio": serve.finite([o / b for o, b in pairs if b])}
    out["within_budget"] = _median(out["cpu"]["ratio"]) <= SERVE_BUDGET
    return out


def serve_report(s: dict[str, Any]) -> str:
    build, cpu = s["build"], s["cpu"]
    verdict = "within" if s["within_budget"] else "OVER"
    return "\n".join([
        f"serve, demo site{', extensions listed' if s.get('companions') else ''}, full rebuild "
        f"after editing {DEMO_EDITED_PAGE} ({s['edits']} edits each):",
        f"  rebuild (as MkDocs logs it) without {build[BASE]:.3f} s, with {build[OTHER]:.3f} s;"
        f" ratio {_span(build['ratio'], '.3f')}, of the {len(build['ratio'])} pairs logged",
        f"  CPU of the server           without {cpu[BASE]:.3f} s, with {cpu[OTHER]:.3f} s;"
        f" ratio {_span(cpu['ratio'], '.3f')}",
        f"  verdict: {verdict} budget (CPU ratio {_median(cpu['ratio']):.3f}, "
        f"at most {SERVE_BUDGET})",
    ])


def profile(workdir: Path, site: str = "1", top: int = 25) -> Path:
    """cProfile one build of ``site`` with the plugin (a fresh process, imports and config
    validation included); print the plugin's functions by cumulative time."""
    root, _ = prepare(site, workdir)
    out = root / "profile-small.prof"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED="0")
    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(out), "-m", "mkdocs", "build",
                    "-q", "-f", str(root / f"mkdocs.{OTHER}.yml"), "-d",
                    str(root / "site-profile")], cwd=root, env=env, check=True)
    importtime = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "mkdocs", "build", "-q", "-f",
         str(root / f"mkdocs.{OTHER}.yml"), "-d", str(root / "site-profile")],
        cwd=root, env=env, check=True, capture_output=True, text=True).stderr
    print(f"importing mkdocs_portfolio (and what only it imports): "
          f"{own_import_ms(importtime):.0f} ms  (python -X importtime, cumulative)")
    stats = pstats.Stats(str(out))
    total = max(entry[3] for entry in stats.stats.values())  # type: ignore[attr-defined]
    print(f"cProfile, site {site} with the plugin: {total:.3f} s in all "
          "(a deterministic profiler inflates Python code); mkdocs_portfolio by cumulative time:")
    ours = sorted(((entry[3], func) for func, entry in stats.stats.items()  # type: ignore[attr-defined]
                   if f"{os.sep}mkdocs_portfolio{os.sep}" in func[0]), reverse=True)
    for cumtime, (path, line, name) in ours[:top]:
        where = path.split(f"{os.sep}mkdocs_portfolio{os.sep}", 1)[1]
        print(f"  {cumtime:7.3f} s  {name} ({where}:{line})")
    print(f"full profile: {out} (python -m pstats {out})")
    return out


def own_import_ms(importtime: str) -> float:
    """Cumulative import time of ``mkdocs_portfolio`` modules not imported by one another,
    from ``python -X importtime``'s report (children are listed before their parent)."""
    rows = []
    for line in importtime.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _, cumulative, name = line.split("|", 2)
        if not cumulative.strip().isdigit():
            continue  # the header
        depth = (len(name) - len(name.lstrip())) // 2
        rows.append((depth, int(cumulative), name.strip()))
    total = 0
    stack: list[tuple[int, bool]] = []
    for depth, cumulative, name in reversed(rows):  # parents first
        while stack and stack[-1][0] >= depth:
            stack.pop()
        ours = name.split(".")[0] == "mkdocs_portfolio"
        if ours and not any(mine for _, mine in stack):
            total += cumulative
        stack.append((depth, ours))
    return total / 1000


def run(sites: list[str], rounds: int, workdir: Path, warmup: bool = True,
        log: bool = True, own_cost: bool = False) -> list[dict[str, Any]]:
    summaries = []
    for site in sites:
        root, pages = prepare(site, workdir, own_cost)
        if log:
            print(f"site {site}: {pages} pages, {rounds} alternating pairs", flush=True)
        result = measure_root(root, pages, rounds, BASE, OTHER, warmup=warmup,
                              log=f"site {site}" if log else "")
        summaries.append({**summary(site, result),
                          "builds": [asdict(b) for b in result.builds]})
        for variant in (BASE, OTHER):
            shutil.rmtree(root / f"site-{variant}", ignore_errors=True)
    return summaries


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sites", nargs="+", default=list(SITES),
                        help="page counts of the generated site, demo, or demo-ext (the demo with "
                             "the plugin's Markdown extensions listed in both configs; "
                             "default: 1 10 demo demo-ext)")
    parser.add_argument("--rounds", type=int, default=7, help="pairs of builds per site")
    parser.add_argument("--serve-edits", type=int, default=7,
                        help="edits per server of the demo site's serve test (0: skip it)")
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR)
    parser.add_argument("--no-warmup", action="store_true")
    parser.add_argument("--json", type=Path, help="also write every build and summary here")
    parser.add_argument("--own", action="store_true",
                        help="the plugin's own cost: template_cache off in the with config, so "
                             "that both builds compile the theme's templates")
    parser.add_argument("--profile", nargs="?", const="1", metavar="SITE",
                        help="only profile one build of SITE (default 1) with the plugin")
    args = parser.parse_args(argv)
    workdir = args.workdir.resolve()
    if args.profile:
        profile(workdir, args.profile)
        return
    for site in args.sites:
        if site not in ("demo", "demo-ext") and not site.isdigit():
            parser.error(f"a site is a number of pages, demo or demo-ext, not {site!r}")
    # Bytecode, as an install from a wheel has it: a checkout run with
    # PYTHONDONTWRITEBYTECODE=1 would compile the plugin's modules again in every build.
    compileall.compile_dir(str(Path(mkdocs_portfolio.__file__).parent), quiet=1)
    summaries = run(args.sites, args.rounds, workdir, warmup=not args.no_warmup,
                    own_cost=args.own)
    print()
    for s in summaries:
        print(report(s))
    print()
    print(table(summaries))
    data: dict[str, Any] = {"builds": summaries}
    if args.serve_edits > 0:
        print(f"\nserve: the demo site, {args.serve_edits} alternating edits", flush=True)
        data["serve"] = measure_serve(workdir, args.serve_edits, own_cost=args.own)
        print(serve_report(data["serve"]))
        if "demo-ext" in args.sites:
            print(f"\nserve: the demo site, extensions listed, {args.serve_edits} alternating "
                  "edits", flush=True)
            data["serve-ext"] = measure_serve(workdir, args.serve_edits, companions=True,
                                              own_cost=args.own)
            print(serve_report(data["serve-ext"]))
    if args.json:
        args.json.write_text(json.dumps(data, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
