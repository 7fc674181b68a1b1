"""The end of a MkDocs run: the objects left are put out of the garbage collector's
reach (Python's exit would walk them all once more), and given back to it when the
process runs another build."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from mkdocs_portfolio import exiting

from .harness import build, write_site

PAGES = {"index.md": "# A model\n\nIt reads receipts.\n"}


def test_a_build_ends_frozen_and_the_next_one_thaws(tmp_path: Path) -> None:
    built = build(tmp_path, PAGES, {"plugins": ["search", "portfolio"]}, allow_warnings=True)
    try:
        assert gc.get_freeze_count() > 1000  # the modules, the config, the records...
        built.config.plugins.on_startup(command="build", dirty=False)
        assert gc.get_freeze_count() == 0
    finally:
        exiting.thaw()


def test_a_process_that_froze_objects_itself_is_left_as_it_is() -> None:
    holder = [object() for _ in range(3)]
    gc.freeze()
    try:
        mine = gc.get_freeze_count()
        exiting.freeze()
        assert gc.get_freeze_count() == mine
        exiting.thaw()  # not ours to give back
        assert gc.get_freeze_count() == mine
    finally:
        gc.unfreeze()
    assert holder


def test_mkdocs_build_on_the_command_line_ends_frozen(tmp_path: Path) -> None:
    write_site(tmp_path, PAGES, {"plugins": ["search", "portfolio"]})
    script = textwrap.dedent("""
        import gc, runpy, sys
        sys.argv = ["mkdocs", "build", "-q"]
        try:
            runpy.run_module("mkdocs", run_name="__main__", alter_sys=True)
        except SystemExit as end:
            assert not end.code, end.code
        print(gc.get_freeze_count())
    """)
    done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True,
                          text=True, timeout=120, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) > 1000
    assert (tmp_path / "site" / "index.html").is_file()
