"""Profile one build of the generated site with pyinstrument (``pip install pyinstrument``).

Prints the share of the build spent inside mkdocs-portfolio's own code (the
inclusive time of the outermost frames from ``mkdocs_portfolio/``), the hot spots
among them, and writes the full call tree as text and HTML next to the site.
Time spent in code that our extension only *registers* (pymdownx.blocks, for the
``///`` forms) is not in that share: compare with ``benchmarks.run`` for the total.

    python -m benchmarks.profile --pages 200 [--variant with]
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from .generate import generate, page_path
from .run import DEFAULT_WORKDIR

OURS = f"{os.sep}mkdocs_portfolio{os.sep}"
WRAPPERS = frozenset({"fold_formatter"})
"""Our functions that wrap a callee that runs anyway without the plugin (superfences'
formatter, i.e. Pygments): their time is counted without that callee."""


def _own_time(frame: Any) -> float:
    """Inclusive time of one of our frames, less what a wrapper hands on."""
    if frame.function not in WRAPPERS:
        return float(frame.time)
    return float(frame.time) - sum(c.time for c in frame.children
                                   if OURS not in (c.file_path or ""))


def _walk(frame: Any, ours: dict[str, float], inside: bool = False) -> None:
    path = frame.file_path or ""
    mine = OURS in path
    if mine and not inside:
        key = f"{frame.function} ({path.split(OURS, 1)[1]}:{frame.line_no})"
        ours[key] += _own_time(frame)
    for child in frame.children:
        if not (mine and frame.function in WRAPPERS and OURS not in (child.file_path or "")):
            _walk(child, ours, inside or mine)
        else:
            _walk(child, ours, False)


def _package(path: str) -> str:
    if OURS in path:
        return "mkdocs_portfolio"
    if path.endswith((".html", ".xml")):
        return "templates (jinja2)"
    if "site-packages" in path or "dist-packages" in path:
        rest = path.replace("dist-packages", "site-packages").split("site-packages" + os.sep)[-1]
        return rest.split(os.sep)[0].removesuffix(".py")
    if path.endswith((".html", ".xml")):
        return "templates (jinja2)"
    name = Path(path).parent.name if Path(path).name == "__init__.py" else Path(path).stem
    return f"stdlib {name}" if path.startswith(sys.base_prefix) else (name or "<builtin>")


def _by_package(frame: Any, out: dict[str, float], parent: str = "") -> None:
    # pyinstrument keeps a frame's self time in synthetic "[self]" children; built-in
    # functions (str methods, regular expressions) count for the package calling them.
    real = [c for c in frame.children if not c.is_synthetic]
    path = frame.file_path or ""
    package = parent if (not path or path.startswith("<built-in")) and parent else _package(path)
    out[package] += float(frame.time) - sum(c.time for c in real)
    for child in real:
        _by_package(child, out, package)


def profile(pages: int, variant: str, workdir: Path, interval: float = 0.001,
            dirty: bool = False) -> Path:
    """Profile a build; with ``dirty``, the rebuild ``mkdocs serve --dirty`` makes after
    one page is edited (a full build first, then the edit, then the profiled rebuild,
    in one process, as under serve)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from pyinstrument import Profiler

    root = generate(pages, workdir / f"site-{pages}")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.chdir(root)
    site_dir = str(root / f"site-profile-{variant}")

    def config_() -> Any:
        return load_config(str(root / f"mkdocs.{variant}.yml"), site_dir=site_dir)

    config = config_()
    config.plugins.on_startup(command="serve" if dirty else "build", dirty=dirty)
    if dirty:
        build(config, dirty=False)
        edited = root / "docs" / page_path(min(5, pages - 1))
        edited.write_text(edited.read_text(encoding="utf-8") + "\nEdited.\n", encoding="utf-8")
        config = config_()
    profiler = Profiler(interval=interval)
    profiler.start()
    try:
        build(config, dirty=dirty)
    finally:
        profiler.stop()
        config.plugins.on_shutdown()
        if dirty:
            generate(pages, root)  # undo the edit
    out = root / f"profile-{variant}{'-dirty' if dirty else ''}"
    out.with_suffix(".txt").write_text(
        profiler.output_text(unicode=False, color=False, show_all=False), encoding="utf-8")
    out.with_suffix(".html").write_text(profiler.output_html(), encoding="utf-8")
    out.with_suffix(".ours.txt").write_text(profiler.output_text(
        unicode=False, color=False, show_all=True,
        processor_options={"show_regex": ".*mkdocs_portfolio.*", "filter_threshold": 0.002}),
        encoding="utf-8")

    session = profiler.last_session
    assert session is not None
    frame = session.root_frame()
    total = session.duration
    ours: dict[str, float] = defaultdict(float)
    if frame is not None:
        _walk(frame, ours)
    mine = sum(ours.values())
    what = f"{variant}{' dirty rebuild' if dirty else ''}"
    print(f"N={pages} {what}: {total:.2f} s profiled; inside mkdocs_portfolio "
          f"{mine:.3f} s ({100 * mine / total:.1f}%), {1000 * mine / pages:.2f} ms per page")
    for key, seconds in sorted(ours.items(), key=lambda kv: -kv[1])[:15]:
        print(f"  {seconds:8.3f} s  {100 * seconds / total:5.1f}%  {key}")
    packages: dict[str, float] = defaultdict(float)
    if frame is not None:
        _by_package(frame, packages)
    print("self time by package:")
    for key, seconds in sorted(packages.items(), key=lambda kv: -kv[1])[:14]:
        print(f"  {seconds:8.3f} s  {100 * seconds / total:5.1f}%  {key}")
    print(f"call tree: {out.with_suffix('.txt')}, .html, and ours alone: .ours.txt")
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--variant", default="with")
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR)
    parser.add_argument("--dirty", action="store_true",
                        help="profile the rebuild of `mkdocs serve --dirty` after a one-page edit")
    args = parser.parse_args(argv)
    profile(args.pages, args.variant, args.workdir.resolve(), dirty=args.dirty)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
