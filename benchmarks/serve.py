"""``mkdocs serve`` rebuild latency after a one-page edit, with and without the plugin.

Two servers run side by side on 127.0.0.1 (one per variant, each on its own copy
of the generated site, so an edit to one does not rebuild the other). One page is
edited in each in turn, alternately, ``--edits`` times; after each edit the page
is fetched every 20 ms until the edit shows. MkDocs' server holds a request
while a rebuild is running, so the fetch returns as soon as the fresh page exists.

Recorded per edit:

- ``fresh``: seconds from the write to the fresh page being served. It includes
  MkDocs' file watcher, which polls every 0.5 s and then waits 0.1 s for more
  changes, alike for both variants; a pause of a random part of 0.5 s before
  each edit keeps the alternation from locking each server to one phase of the
  polling.
- ``build``: the rebuild alone, as MkDocs logs it ("Documentation built in"); NaN
  when not logged: MkDocs drops a message it has logged before in the process
  (``mkdocs.utils.DuplicateFilter``), so a rebuild as long as an earlier one (to
  10 ms) leaves no line. Medians are of the logged ones.
- ``cpu``: CPU seconds the server process used in that interval (``/proc``).

    python -m benchmarks.serve --pages 1000 --dirty --edits 7 [--edit block]
    python -m benchmarks.serve --pages 200 --edits 5        # full rebuilds
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from .generate import generate, page_path
from .run import DEFAULT_WORKDIR

BUILT = re.compile(r"Documentation built in ([\d.]+) seconds")
SERVING = re.compile(r"Serving on (http://\S+)")
TICK = os.sysconf("SC_CLK_TCK")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK  # utime + stime


@dataclass
class Server:
    """One ``mkdocs serve`` process on loopback, with its log."""

    variant: str
    root: Path
    dirty: bool
    edit_kind: str = "prose"
    port: int = field(default_factory=_free_port)
    proc: subprocess.Popen[str] | None = None
    lines: list[str] = field(default_factory=list)
    fresh: list[float] = field(default_factory=list)
    build: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    def start(self, timeout: float) -> None:
        cmd = [sys.executable, "-m", "mkdocs", "serve", "-f",
               str(self.root / f"mkdocs.{self.variant}.yml"), "-a", f"127.0.0.1:{self.port}",
               "--no-strict"]
        if self.dirty:
            cmd.append("--dirty")
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED="0")
        self.proc = subprocess.Popen(cmd, cwd=self.root, env=env, text=True,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        threading.Thread(target=self._read, daemon=True).start()
        deadline = time.monotonic() + timeout
        while not any("Serving on" in line for line in self.lines):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise SystemExit(f"mkdocs serve ({self.variant}) did not start:\n"
                                 + "".join(self.lines[-30:]))
            time.sleep(0.1)

    def _read(self) -> None:
        assert self.proc is not None and self.proc.stderr is not None
        for line in self.proc.stderr:
            self.lines.append(line)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def url(self, src: str) -> str:
        # MkDocs serves under the path of site_url (the demo site's /curbside/).
        served = next(m[1] for line in self.lines if (m := SERVING.search(line)))
        return f"{served.rstrip('/')}/{src[:-3]}/"

    def edit(self, src: str, token: str, timeout: float = 600) -> None:
        """Append ``token`` to page ``src``; wait until the served page shows it."""
        assert self.proc is not None
        path = self.root / "docs" / src
        text = path.read_text(encoding="utf-8").split(EDIT_START)[0]
        built_before = sum(1 for line in self.lines if BUILT.search(line))
        cpu0 = _cpu_seconds(self.proc.pid)
        start = time.perf_counter()
        path.write_text(text + EDIT_START + EDITS[self.edit_kind].format(token=token),
                        encoding="utf-8")
        while True:
            with urllib.request.urlopen(self.url(src), timeout=timeout) as response:
                if token.encode() in response.read():
                    break
            if time.perf_counter() - start > timeout:
                raise SystemExit(f"{self.variant}: the edit of {src} never showed")
            time.sleep(0.02)
        self.fresh.append(time.perf_counter() - start)
        self.cpu.append(_cpu_seconds(self.proc.pid) - cpu0)
        for _ in range(500):  # the log line may trail the page by a moment
            times = [float(m[1]) for line in self.lines if (m := BUILT.search(line))]
            if len(times) > built_before:
                self.build.append(times[-1])
                break
            time.sleep(0.01)
        else:  # no log line: keep the edits of both servers in step
            self.build.append(float("nan"))


EDIT_START = "\n\n<!-- benchmark edit -->\n"
EDITS = {
    # A sentence: the page's minutes, summary and blocks stay, and so does the overview.
    "prose": "Edit marker {token}.\n",
    # A new next step: the overview lists it, so it changes with every edit.
    "block": '!!! next-step "Edit marker {token}"\n\n    To be tried.\n',
}


def _copy_site(source: Path, target: Path) -> Path:
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("site", "site-*"))
    return target


POLLING_INTERVAL = 0.5
"""How often ``mkdocs serve`` looks for changed files (MkDocs 1.6's default)."""


def measure(pages: int, edits: int, dirty: bool, workdir: Path,
            variants: tuple[str, str] = ("without", "with"), src: str | None = None,
            start_timeout: float = 1800, edit: str = "prose",
            source: Path | None = None) -> list[Server]:
    """Run both servers, edit ``src`` in each alternately ``edits`` times.

    The site is the generated ``pages``-page one, or the folder ``source`` (with a
    ``mkdocs.<variant>.yml`` per variant, as ``benchmarks.small`` prepares the demo site).
    """
    src = src or (page_path(min(5, pages - 1)) if pages > 1 else "index.md")
    source = source or generate(pages, workdir / f"site-{pages}")
    servers = [Server(v, _copy_site(source, workdir / f"serve-{source.name}-{v}"), dirty, edit)
               for v in variants]
    try:
        for server in servers:
            server.start(start_timeout)
        # One edit each, not counted: the first rebuild warms caches.
        for server in servers:
            server.edit(src, "warm-up")
            server.fresh.clear()
            server.build.clear()
            server.cpu.clear()
        # MkDocs' server polls docs_dir every 0.5 s: a pause of a random part of that
        # before each edit keeps the edits from falling at one phase of the polling
        # (the alternation would otherwise lock it, differently for each server).
        pauses = random.Random(0)
        for k in range(edits):
            order = servers if k % 2 == 0 else servers[::-1]
            for server in order:
                time.sleep(pauses.uniform(0, POLLING_INTERVAL))
                server.edit(src, f"t{k}-{time.time_ns()}")
                rebuild = server.build[-1] if server.build else float("nan")
                print(f"  edit {k + 1}/{edits} {server.variant:>8}: fresh after "
                      f"{server.fresh[-1]:.3f} s, rebuild {rebuild:.2f} s, "
                      f"cpu {server.cpu[-1]:.2f} s", flush=True)
    finally:
        for server in servers:
            server.stop()
    return servers


def finite(values: list[float]) -> list[float]:
    """``values`` less the NaN of an edit whose rebuild was not logged."""
    return [v for v in values if v == v]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[200])
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--dirty", action="store_true", help="mkdocs serve --dirty")
    parser.add_argument("--edit", choices=sorted(EDITS), default="prose",
                        help="prose: the overview stays as it was; block: it changes")
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR)
    args = parser.parse_args(argv)
    mode = ("serve --dirty" if args.dirty else "serve") + f", {args.edit} edits"
    for n in args.pages:
        print(f"N={n}: {mode}, {args.edits} alternating edits", flush=True)
        base, other = measure(n, args.edits, args.dirty, args.workdir, edit=args.edit)
        med = {s.variant: (statistics.median(s.fresh), statistics.median(finite(s.build) or [0]),
                           statistics.median(s.cpu)) for s in (base, other)}
        for v, (fresh, build, cpu) in med.items():
            print(f"N={n} {mode} {v:>8}: median fresh {fresh:.3f} s, rebuild {build:.3f} s, "
                  f"cpu {cpu:.3f} s", flush=True)
        (bf, bb, bc), (of, ob, oc) = med[base.variant], med[other.variant]
        nan = float("nan")
        print(f"N={n} {mode}: with - without: fresh {of - bf:+.3f} s; rebuild ratio "
              f"{ob / bb if bb else nan:.3f}; cpu ratio {oc / bc if bc else nan:.3f}", flush=True)


if __name__ == "__main__":
    main()
