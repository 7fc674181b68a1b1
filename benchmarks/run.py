"""Build the generated site with and without the plugin, alternately, in one run.

For each N, the site is generated once (``benchmarks/generate.py``), then built
``--rounds`` times in each variant, in the order A B, B A, A B, ... (so that a
drift in machine load hits both variants alike). Each build is a fresh
``python -m mkdocs build`` process; its CPU time (user + system, from the
kernel's accounting of the finished child) is what is compared, so the build
is timed the way a CI job pays for it, interpreter start-up and imports
included. Wall time is recorded too, but on a shared machine it mostly measures
the neighbours.

Printed per N: the median of the per-round ratios with/without, the median CPU
time of each variant, and the plugin's cost per page (median of the per-round
differences, divided by N).

    python -m benchmarks.run --pages 200 1000 --rounds 5
    python -m benchmarks.run --pages 200 --variants without no-audit --rounds 3
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .generate import VARIANTS, generate

DEFAULT_WORKDIR = Path(tempfile.gettempdir()) / "mkdocs-portfolio-bench"


@dataclass
class Build:
    """One timed build."""

    variant: str
    cpu: float
    """Seconds of CPU (user + system) of the build process."""
    wall: float
    rss_mb: float
    """Peak resident memory (``ru_maxrss``) of the build process, in MiB."""


@dataclass
class Result:
    """All builds of one site, and their summary."""

    pages: int
    base: str
    other: str
    builds: list[Build] = field(default_factory=list)

    def cpu(self, variant: str) -> list[float]:
        return self.of(variant, "cpu")

    def of(self, variant: str, what: str) -> list[float]:
        """``what`` (a field of :class:`Build`: cpu, wall, rss_mb) of each build of ``variant``."""
        return [float(getattr(b, what)) for b in self.builds if b.variant == variant]

    def differences(self, what: str) -> list[float]:
        """Per round: ``what`` of the other variant's build less that of the base's."""
        return [o - b for o, b in zip(self.of(self.other, what), self.of(self.base, what),
                                      strict=True)]

    @property
    def ratios(self) -> list[float]:
        return [o / b for o, b in zip(self.cpu(self.other), self.cpu(self.base), strict=True)]

    @property
    def ratio(self) -> float:
        """Median of the per-round CPU-time ratios other/base."""
        return statistics.median(self.ratios)

    @property
    def per_page_diffs_ms(self) -> list[float]:
        """Per round: the other variant's extra CPU per page, in ms."""
        return [1000 * (o - b) / self.pages
                for o, b in zip(self.cpu(self.other), self.cpu(self.base), strict=True)]

    @property
    def per_page_ms(self) -> float:
        """The other variant's extra CPU per page, in ms (median of per-round differences)."""
        return statistics.median(self.per_page_diffs_ms)

    def summary(self) -> dict[str, object]:
        return {
            "pages": self.pages,
            "base": self.base,
            "other": self.other,
            "rounds": len(self.ratios),
            f"cpu_median_{self.base}": round(statistics.median(self.cpu(self.base)), 3),
            f"cpu_median_{self.other}": round(statistics.median(self.cpu(self.other)), 3),
            "ratio_median": round(self.ratio, 4),
            "ratio_min": round(min(self.ratios), 4),
            "ratio_max": round(max(self.ratios), 4),
            "per_page_ms": round(self.per_page_ms, 3),
            "per_page_ms_min": round(min(self.per_page_diffs_ms), 3),
            "per_page_ms_max": round(max(self.per_page_diffs_ms), 3),
        }


def build_once(root: Path, variant: str, *, python: str = sys.executable) -> Build:
    """Build ``root``'s site with ``mkdocs.<variant>.yml`` in a fresh process; time it.

    The CPU time and the peak memory are the kernel's accounting of that one finished
    process (``os.wait4``), the processes it waited for (git, say) included.
    """
    site_dir = root / f"site-{variant}"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED="0")
    cmd = [python, "-m", "mkdocs", "build", "-q", "-f", str(root / f"mkdocs.{variant}.yml"),
           "-d", str(site_dir)]
    with tempfile.TemporaryFile("w+", encoding="utf-8") as stderr:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=subprocess.DEVNULL,
                                stderr=stderr, text=True)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped: Popen must not wait
        if proc.returncode != 0:
            stderr.seek(0)
            raise SystemExit(f"build of {root} ({variant}) failed:\n{stderr.read()[-4000:]}")
    return Build(variant, usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024)


def measure(pages: int, rounds: int, workdir: Path, base: str, other: str,
            warmup: bool = True, log: bool = True) -> Result:
    """Generate the ``pages``-page site and build it ``rounds`` times per variant."""
    root = generate(pages, workdir / f"site-{pages}")
    return measure_root(root, pages, rounds, base, other, warmup=warmup,
                        log=f"N={pages}" if log else "")


def measure_root(root: Path, pages: int, rounds: int, base: str, other: str,
                 warmup: bool = True, log: str = "") -> Result:
    """Build ``root``'s site (``mkdocs.<variant>.yml``) ``rounds`` times per variant,
    alternately, A B, B A, ...; print each build after ``log`` unless it is empty."""
    result = Result(pages, base, other)
    if warmup:  # fills the OS file cache and the bytecode caches; not counted
        for variant in (base, other):
            build_once(root, variant)
    for r in range(rounds):
        order = (base, other) if r % 2 == 0 else (other, base)
        for variant in order:
            b = build_once(root, variant)
            result.builds.append(b)
            if log:
                print(f"  {log} round {r + 1}/{rounds} {variant:>10}: cpu {b.cpu:7.2f} s"
                      f"  wall {b.wall:7.2f} s  peak {b.rss_mb:6.1f} MiB", flush=True)
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[200, 1000])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--variants", nargs=2, default=["without", "with"],
                        metavar=("BASE", "OTHER"), choices=sorted(VARIANTS),
                        help="the two configs compared (default: without with)")
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR)
    parser.add_argument("--no-warmup", action="store_true")
    parser.add_argument("--json", type=Path, help="also write every build and summary here")
    parser.add_argument("--keep", action="store_true", help="keep the built sites")
    args = parser.parse_args(argv)

    base, other = args.variants
    results = []
    for n in args.pages:
        print(f"N={n}: {args.rounds} alternating rounds, {base} vs {other}", flush=True)
        res = measure(n, args.rounds, args.workdir, base, other, warmup=not args.no_warmup)
        results.append(res)
        s = res.summary()
        print(f"N={n}: CPU {base} {s[f'cpu_median_{base}']} s, {other} "
              f"{s[f'cpu_median_{other}']} s; median ratio {s['ratio_median']:.3f} "
              f"(range {s['ratio_min']:.3f}-{s['ratio_max']:.3f}); "
              f"cost per page {s['per_page_ms']:.2f} ms "
              f"(range {s['per_page_ms_min']:.2f} to {s['per_page_ms_max']:.2f})", flush=True)
        if not args.keep:
            for variant in (base, other):
                shutil.rmtree(args.workdir / f"site-{n}" / f"site-{variant}", ignore_errors=True)
    if len(results) > 1:
        first, last = results[0], results[-1]
        if first.per_page_ms:
            print(f"cost per page at N={last.pages} / at N={first.pages}: "
                  f"{last.per_page_ms / first.per_page_ms:.2f}")
    if args.json:
        data = [{"summary": r.summary(), "builds": [asdict(b) for b in r.builds]}
                for r in results]
        args.json.write_text(json.dumps(data, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
