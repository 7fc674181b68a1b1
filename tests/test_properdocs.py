"""ProperDocs builds our sites as MkDocs does: every built file, the audit report, the log.

``properdocs build`` and ``mkdocs build`` run as a user runs them (subprocesses, with
``-f`` and ``-d``) on the demo site and on the project's own docs. The two sites must be
byte-identical but for one line of each HTML page, the generator tag, which names the
engine (``mkdocs-1.6.1`` against ``mkdocs-ProperDocs 1.6.7``). ``SOURCE_DATE_EPOCH``
pins the sitemap's dates, so that the comparison also holds across midnight.

The ProperDocs version is in each test's id (``[properdocs-1.6.7]``): the output names
the version that was compared.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import subprocess
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest

from .harness import write_site

REPO = Path(__file__).resolve().parent.parent


def _installed(name: str) -> str | None:
    try:
        return version(name)
    except PackageNotFoundError:
        return None


PROPERDOCS = _installed("properdocs")
MKDOCS = _installed("mkdocs")
ON_PROPERDOCS = pytest.mark.parametrize(
    "properdocs", [pytest.param(PROPERDOCS, id=f"properdocs-{PROPERDOCS or 'not-installed'}")])
SITES = {"demo": REPO / "demo_site" / "mkdocs.yml", "docs": REPO / "mkdocs.yml"}
BUILD_ENV = {"NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1767225600"}
"""No notice about MkDocs 2 in the logs, and one build date (the sitemap's) for both."""

GENERATOR = re.compile(r'<meta name="generator" content="([^"]*)">')
"""The one engine-specific part of a page: Material writes the engine's name and version
into it. Nothing else differs, and nothing else is normalised."""
RECORD = re.compile(r"^(DEBUG|INFO|WARNING|ERROR|CRITICAL) +- +", re.MULTILINE)


def _skip_without_properdocs(properdocs: str | None) -> str:
    if properdocs is None:
        pytest.skip("properdocs is not installed (pip install properdocs; the test extra "
                    "has it)")
    return properdocs


def _run(engine: str, config_file: Path, site_dir: Path, *args: str) -> tuple[int, str]:
    """``<engine> build`` of ``config_file`` into ``site_dir``: its exit code and its log.

    The environment is read now, not at import, so that the session's fixtures (the typo
    cache in a folder of the test run, no host's variables) reach the build."""
    done = subprocess.run(
        [sys.executable, "-m", engine, "build", "-f", str(config_file), "-d", str(site_dir),
         *args],
        cwd=config_file.parent, env={**os.environ, **BUILD_ENV}, capture_output=True, text=True,
        timeout=300)
    return done.returncode, done.stdout + done.stderr


def _build(engine: str, config_file: Path, site_dir: Path) -> str:
    code, log = _run(engine, config_file, site_dir)
    assert code == 0, f"`{engine} build -f {config_file}` failed:\n{log}"
    return log


def _records(log: str) -> list[str]:
    """The log's records (a record's indented lines, such as the scorecard's, with it)."""
    starts = [m.start() for m in RECORD.finditer(log)]
    return [log[a:b].rstrip() for a, b in zip(starts, [*starts[1:], len(log)], strict=True)]


def _ours_and_warnings(log: str) -> list[str]:
    """Every record of the plugin (the audit's findings and scorecard) and every warning.

    The rest is the engine's own chatter: the site directory and the build's duration
    differ from run to run."""
    return [r for r in _records(log)
            if "mkdocs_portfolio:" in r or r.startswith(("WARNING", "ERROR", "CRITICAL"))]


def _page(site: Path, name: str) -> tuple[str, str]:
    """A page's HTML with its generator tag blanked, and what the tag said."""
    text = (site / name).read_text(encoding="utf-8")
    tags = GENERATOR.findall(text)
    assert len(tags) == 1, f"{site / name}: {len(tags)} generator tags"
    return GENERATOR.sub('<meta name="generator" content="">', text), tags[0]


def _files(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())


def _differences(mkdocs_site: Path, properdocs_site: Path, properdocs: str) -> list[str]:
    """What differs between the two sites, beyond the generator tag (empty: nothing)."""
    found: list[str] = []
    names = _files(mkdocs_site)
    if names != _files(properdocs_site):
        found.append("the sites have different files: " + ", ".join(
            sorted(set(names) ^ set(_files(properdocs_site)))))
    for name in names:
        other = properdocs_site / name
        if not other.is_file():
            continue
        if not name.endswith(".html"):
            if (mkdocs_site / name).read_bytes() != other.read_bytes():
                found.append(f"{name} differs")
            continue
        (ours, tag), (theirs, their_tag) = _page(mkdocs_site, name), _page(properdocs_site, name)
        if not tag.startswith(f"mkdocs-{MKDOCS},"):
            found.append(f"{name}: MkDocs' build says it was made by {tag!r}")
        if f"ProperDocs {properdocs}," not in their_tag:
            found.append(f"{name}: ProperDocs' build says it was made by {their_tag!r}")
        if ours != theirs:
            diff = difflib.unified_diff(ours.splitlines(), theirs.splitlines(), "mkdocs",
                                        "properdocs", n=1, lineterm="")
            found.append(f"{name}:\n" + "\n".join(list(diff)[:20]))
    return found


@ON_PROPERDOCS
@pytest.mark.parametrize("site", list(SITES))
def test_site_builds_the_same_on_properdocs(properdocs: str | None, site: str,
                                            tmp_path: Path) -> None:
    """Every page, asset and search index equal; the audit report and its log equal."""
    properdocs = _skip_without_properdocs(properdocs)
    config_file = SITES[site]
    mkdocs_log = _build("mkdocs", config_file, tmp_path / "mkdocs")
    properdocs_log = _build("properdocs", config_file, tmp_path / "properdocs")

    assert _differences(tmp_path / "mkdocs", tmp_path / "properdocs", properdocs) == []
    assert _ours_and_warnings(properdocs_log) == _ours_and_warnings(mkdocs_log)
    if site == "demo":
        report = "portfolio-audit.json"
        assert json.loads((tmp_path / "properdocs" / report).read_text("utf-8")) == json.loads(
            (tmp_path / "mkdocs" / report).read_text("utf-8"))
        assert "Portfolio checklist: 12 of 12 items pass" in properdocs_log, properdocs_log


@ON_PROPERDOCS
def test_strict_properdocs_counts_the_audits_warnings(properdocs: str | None,
                                                      tmp_path: Path) -> None:
    """Our warnings go to a ``mkdocs.plugins.*`` logger, which ProperDocs hangs under its
    own: ``--strict`` must stop on them there as it does on MkDocs."""
    _skip_without_properdocs(properdocs)
    config_file = write_site(tmp_path / "site", {"index.md": """
        # A writeup

        It tries to recieve requests.

        !!! dead-end "Tried a rule list"
            It missed half of them.
        """})
    runs = {engine: _run(engine, config_file, tmp_path / engine, "--strict")
            for engine in ("mkdocs", "properdocs")}
    (mk_code, mk_log), (pd_code, pd_log) = runs["mkdocs"], runs["properdocs"]
    assert (mk_code, pd_code) == (1, 1), pd_log
    assert "'recieve' looks like a typo" in pd_log
    aborted = re.compile(r"Aborted with (\d+) warnings in strict mode")
    assert aborted.findall(pd_log) == aborted.findall(mk_log) != [], pd_log
    assert _ours_and_warnings(pd_log) == _ours_and_warnings(mk_log)


def _hidden(tmp_path: Path, *modules: str) -> dict[str, str]:
    """An environment for a Python process in which ``modules`` are not installed:
    ``sys.modules[name] = None`` is how Python marks a module that is not there."""
    folder = tmp_path / "hide"
    folder.mkdir(exist_ok=True)
    (folder / "sitecustomize.py").write_text(
        "import sys\n" + "".join(f"sys.modules[{m!r}] = None\n" for m in modules),
        encoding="utf-8")
    path = os.pathsep.join(filter(None, [str(folder), os.environ.get("PYTHONPATH", "")]))
    return {**os.environ, **BUILD_ENV, "PYTHONPATH": path}


AUDIT = "from mkdocs_portfolio.cli import main; raise SystemExit(main(['audit', '-f', {!r}]))"


@ON_PROPERDOCS
def test_audit_command_runs_on_properdocs_alone(properdocs: str | None, tmp_path: Path) -> None:
    """Without the mkdocs package, `mkdocs-portfolio audit` builds with ProperDocs."""
    _skip_without_properdocs(properdocs)
    config = write_site(tmp_path / "site", {"index.md": "# Home\n\nTeh end.\n"})
    done = subprocess.run([sys.executable, "-c", AUDIT.format(str(config))],
                          env=_hidden(tmp_path, "mkdocs"), capture_output=True, text=True,
                          timeout=300, check=False)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 1, done.stdout + done.stderr  # findings: exit code 1
    assert "Portfolio checklist:" in done.stdout
    assert "[typos]" in done.stdout


def test_audit_command_without_an_engine(tmp_path: Path) -> None:
    config = write_site(tmp_path / "site", {"index.md": "# Home\n"})
    done = subprocess.run([sys.executable, "-c", AUDIT.format(str(config))],
                          env=_hidden(tmp_path, "mkdocs", "properdocs"), capture_output=True,
                          text=True, timeout=300, check=False)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 2
    assert "neither MkDocs nor ProperDocs is installed" in done.stderr
