"""The ``mkdocs-portfolio`` command line.

``mkdocs-portfolio new DIR`` lays out a new writeup with a place for every item
of the portfolio checklist; ``mkdocs-portfolio audit`` builds a site into a
temporary folder and prints its scorecard and findings.

Exit codes: 0 all good, 1 the audit (or the build) has warnings, 2 an error
(bad arguments, no config file, no plugin, a site that does not build).
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from string import Template
from typing import Any

from . import __version__, hosting
from .markdown.paths import PathProblem, real_path
from .readme import files as readme_files

SCAFFOLD_DIR = Path(__file__).with_name("scaffold")
EXIT_OK, EXIT_WARNINGS, EXIT_ERROR = 0, 1, 2


class CliError(Exception):
    """A problem the user can fix; printed as one clear message."""


# -- new -------------------------------------------------------------------------


def title_from(folder: Path) -> str:
    """``my-fraud_model`` -> ``My fraud model``."""
    words = re.sub(r"[-_.]+", " ", folder.resolve().name).strip()
    return (words[:1].upper() + words[1:]) if words else "My project"


SCAFFOLD_NAV = ("problem.md", "approach.md", "results.md", "demo.md", "dead-ends.md",
                "next-steps.md")
_NO_DESCRIPTION = ("# site_description: One sentence on what the project does, and for whom "
                   "(the tagline)")
_NO_REPO_URL = ("# repo_url: https://github.com/you/project  # a button to the source, and "
                "links to its lines")


def _quoted(value: str) -> str:
    import yaml

    return str(yaml.safe_dump(value, default_style='"', width=1000)).strip()


def config_text(title: str, *, description: str = "", repo_url: str = "",
                nav: Sequence[str] = SCAFFOLD_NAV) -> str:
    """The ``mkdocs.yml`` of a new writeup (the one template, for ``new`` and ``init``)."""
    template = Template((SCAFFOLD_DIR / "mkdocs.yml.tmpl").read_text(encoding="utf-8"))
    return template.substitute(
        site_name=_quoted(title),
        site_description=f"site_description: {_quoted(description)}" if description
        else _NO_DESCRIPTION,
        repo_url=f"repo_url: {_quoted(repo_url)}" if repo_url else _NO_REPO_URL,
        nav="\n".join(f"  - {page}" for page in nav))


def scaffold_files(title: str) -> dict[str, str]:
    """Relative path -> text of every file of a new writeup."""
    files = {"mkdocs.yml": config_text(title), ".gitignore": "site/\n"}
    for page in sorted((SCAFFOLD_DIR / "docs").glob("*.md")):
        files[f"docs/{page.name}"] = page.read_text(encoding="utf-8")
    return {**files, **hosting.hosting_files()}


def _checked_title(title: str) -> str:
    if not title.strip():
        raise CliError("--title must not be empty")
    if any(char in title for char in '<>"'):
        # Material writes site_name into its header unescaped (an aria-label).
        raise CliError(f"--title {title!r} holds <, > or \": Material for MkDocs puts the "
                       "site name into its pages unescaped, so leave them out")
    return title.strip()


def _checked_folder(folder: Path) -> None:
    try:
        real_path(folder, "DIR", kind="any", must_exist=False)
    except PathProblem as problem:  # a NUL, a name too long, a symbolic link loop
        raise CliError(str(problem)) from None
    if folder.exists() and not folder.is_dir():
        raise CliError(f"'{folder}' exists and is not a folder")


def _next_steps(folder: Path, branch: str = hosting.DEFAULT_BRANCH) -> None:
    note = hosting.subfolder_note(folder)
    if note:
        print(note)
    print("Next:")
    if folder.resolve() != Path.cwd().resolve():
        print(f"  cd {folder}")
    print("  mkdocs serve             # see it as you write")
    print("  mkdocs-portfolio audit   # what is still missing")
    for line in hosting.publish_steps(branch):
        print(line)


def cmd_new(args: argparse.Namespace) -> int:
    folder = Path(args.dir)
    _checked_folder(folder)
    if args.from_readme is not None:
        return _from_readme(folder, Path(args.from_readme), args.title)
    if folder.is_dir() and any(folder.iterdir()):
        raise CliError(f"'{folder}' is not empty; give a new or empty folder, so that "
                       "nothing of yours is overwritten")
    title = _checked_title(args.title if args.title is not None else title_from(folder))
    files = scaffold_files(title)
    if not 0 <= args.projects <= 50:
        raise CliError(f"--projects must be between 1 and 50, not {args.projects}")
    if args.projects:
        from .projects.scaffold import portfolio_files

        kept = {k: v for k, v in files.items() if not k.startswith("docs/")}
        files = {**kept, **portfolio_files(files["mkdocs.yml"], SCAFFOLD_DIR / "docs",
                                            args.projects)}
    for rel, text in files.items():
        path = folder / rel
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        except OSError as error:
            # A part of DIR that is a file, a folder that cannot be made (/proc, read-only).
            raise CliError(f"cannot create the writeup in '{folder}': {error.strerror} "
                           f"('{error.filename}')") from None
    pages = [rel for rel in files if rel.startswith("docs/")]
    print(f"Created a new writeup in '{folder}': mkdocs.yml and {len(pages)} pages "
          f"({', '.join(p[5:] for p in pages)}).")
    print(f"To host it: {hosting.WORKFLOW} (GitHub Pages), {hosting.READTHEDOCS} (Read the "
          f"Docs) and {hosting.REQUIREMENTS} (what the build needs, pinned).")
    print("Each page says, in comments, what belongs there.")
    _next_steps(folder)
    return EXIT_OK


def cmd_init(args: argparse.Namespace) -> int:
    folder = Path(args.dir)
    _checked_folder(folder)
    if args.from_readme is not None:
        return _from_readme(folder, Path(args.from_readme), args.title)
    try:
        readme = readme_files.find_readme(folder)
    except readme_files.ReadmeProblem as problem:
        raise CliError(str(problem)) from None
    return _from_readme(folder, readme, args.title)


def _from_readme(folder: Path, readme: Path, title: str | None) -> int:
    """Make a writeup in ``folder`` from the README ``readme``."""
    try:
        real_path(readme, "--from", kind="any", must_exist=False)
        made = readme_files.plan(readme, folder, title_from(folder))
        site_name = _checked_title(title) if title is not None else \
            re.sub(r'[<>"]', "", made.readme.title).strip() or title_from(folder)
        files = {"mkdocs.yml": config_text(site_name, description=made.readme.description,
                                           repo_url=made.repo_url, nav=list(made.pages)),
                 **{f"docs/{name}": text for name, text in made.pages.items()}}
        ignore = folder / ".gitignore"
        if not ignore.exists():
            files[".gitignore"] = "site/\n"
        branch = made.branch or hosting.branch_of(folder)
        hosted, kept = hosting.missing_hosting_files(folder, branch)
        readme_files.write(folder, {**files, **hosted}, made.copies)
    except (PathProblem, readme_files.ReadmeProblem) as problem:
        raise CliError(str(problem)) from None
    print(readme_files.summary(made, readme, site_name))
    hosted_text = hosting.hosting_summary(hosted, kept)
    if hosted_text:
        print(hosted_text)
    if ignore.is_file() and ".gitignore" not in files and \
            "site/" not in ignore.read_text(encoding="utf-8", errors="replace").split():
        print("Add 'site/' to .gitignore: the built site does not belong in the repository.")
    _next_steps(folder, branch)
    return EXIT_OK


# -- audit -----------------------------------------------------------------------


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def messages(self, level: int, *, exact: bool = False) -> list[str]:
        return [r.getMessage() for r in self.records
                if (r.levelno == level if exact else r.levelno >= level)]


@contextmanager
def _captured_logs() -> Iterator[_Collect]:
    """Collect MkDocs' log (its messages are reported by us, not printed as they come)."""
    logger = logging.getLogger("mkdocs")
    handler = _Collect()
    old_level, old_propagate = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
        logger.propagate = old_propagate


def _strip_prefix(message: str) -> str:
    return message.removeprefix("mkdocs_portfolio: ")


def _engine() -> None:
    """Make ``mkdocs.*`` importable: MkDocs itself, or ProperDocs (MkDocs 1.x continued),
    which serves the ``mkdocs.*`` imports from its own modules once asked to."""
    import importlib.util

    if importlib.util.find_spec("mkdocs") is not None:
        return
    if importlib.util.find_spec("properdocs") is None:
        raise CliError("neither MkDocs nor ProperDocs is installed: the audit builds the "
                       "site with one of them (pip install mkdocs, or pip install properdocs)")
    import properdocs.replacement  # type: ignore[import-not-found]  # noqa: F401


def _build(config_file: Path, site_dir: str, logs: _Collect) -> Any:
    """Load and build the site; return the portfolio plugin that ran."""
    _engine()
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from .plugin import PortfolioPlugin

    try:
        # Not strict: the audit reports warnings itself (exit code 1), and needs the
        # build to finish to do so.
        config = load_config(str(config_file), site_dir=site_dir, strict=False)
    except MkDocsException as error:
        details = logs.messages(logging.ERROR) or [str(error)]
        raise CliError(f"the config file '{config_file}' is not valid:\n  "
                       + "\n  ".join(_strip_prefix(d) for d in details)) from None
    plugin = next((p for p in config.plugins.values() if isinstance(p, PortfolioPlugin)), None)
    if plugin is None:
        raise CliError(f"'{config_file}' does not use the portfolio plugin: add it to the "
                       "plugins, e.g.\n  plugins:\n    - search\n    - portfolio")
    if not plugin.config.enabled or not plugin.config.audit.enabled:
        raise CliError(f"the audit is turned off in '{config_file}' (portfolio: enabled or "
                       "audit.enabled is false)")
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    except Exception as error:  # any failure of any plugin: a message, not a traceback
        details = logs.messages(logging.ERROR) or [f"{type(error).__name__}: {error}"]
        raise CliError("the site does not build:\n  "
                       + "\n  ".join(_strip_prefix(d) for d in details)) from None
    finally:
        config.plugins.on_shutdown()
    return plugin


def _format_findings(result: Any, other: list[str]) -> str:
    lines: list[str] = []
    warns = len(result.warnings)
    infos = len(result.findings) - warns
    if result.findings:
        lines.append(f"Findings: {warns} warning{'s' * (warns != 1)}, {infos} info")
        for finding in result.findings:
            level = "WARNING" if finding.level == "warn" else "INFO   "
            lines.append(f"  {level} [{finding.check}] {finding.location}: {finding.message}.")
            lines.append(f"          Fix: {finding.fix}.")
    else:
        lines.append("Findings: none. The writeup covers the whole checklist.")
    if other:
        lines.append("")
        lines.append(f"Other warnings of the build ({len(other)}):")
        lines.extend(f"  WARNING {_strip_prefix(message)}" for message in other)
    return "\n".join(lines)


def _config_file(args: argparse.Namespace, default: str = "mkdocs.yml") -> Path:
    config_file = Path(args.config_file or default)
    try:
        real_path(config_file, "-f/--config-file", must_exist=False)
    except PathProblem as problem:  # a NUL, a name too long, a loop, a folder, a FIFO
        raise CliError(str(problem)) from None
    if not config_file.is_file():
        raise CliError(f"there is no config file '{config_file}': run this in the folder of "
                       "your mkdocs.yml, or give its path with -f")
    return config_file


def cmd_audit(args: argparse.Namespace) -> int:
    if args.engine == "zensical" or (args.engine is None and args.config_file
                                     and Path(args.config_file).suffix == ".toml"):
        from .sources import command

        result, other = command.audit(_config_file(args, command.default_config()))
    else:
        result, other = _audit_with_mkdocs(_config_file(args))
    if args.json:
        print(json.dumps(result.report, indent=2, ensure_ascii=False))
        for message in other:
            print(f"WARNING {_strip_prefix(message)}", file=sys.stderr)
    else:
        print(result.scorecard.text())
        if result.projects:
            print()
            print(result.projects)
        print()
        print(_format_findings(result, other))
    return EXIT_WARNINGS if result.warnings or other else EXIT_OK


def _audit_with_mkdocs(config_file: Path) -> tuple[Any, list[str]]:
    """The audit of a MkDocs (or ProperDocs) build, and the build's other warnings."""
    with tempfile.TemporaryDirectory(prefix="mkdocs-portfolio-audit-") as site_dir, \
            _captured_logs() as logs:
        plugin = _build(config_file, site_dir, logs)
    result = plugin.parts.audit.result if plugin.parts is not None else None
    if result is None:
        raise CliError("the audit did not run (is another plugin stopping the build early?)")
    audit_lines = {f.log_text() for f in result.findings}
    other = [m for m in logs.messages(logging.WARNING)
             if _strip_prefix(m) not in audit_lines]
    return result, other


def cmd_build(args: argparse.Namespace) -> int:
    from .sources import command

    return command.build(_config_file(args, command.default_config()), serve=False,
                         strict=args.strict, clean=args.clean)


def cmd_serve(args: argparse.Namespace) -> int:
    from .sources import command

    return command.build(_config_file(args, command.default_config()), serve=True,
                         open_browser=args.open, dev_addr=args.dev_addr)


# -- parser ----------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="mkdocs-portfolio",
        description="Present a machine-learning project as a website built with MkDocs.",
        epilog="Run 'mkdocs-portfolio COMMAND --help' for the options of a command.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    new = commands.add_parser(
        "new", help="lay out a new writeup",
        description="Lay out a new writeup in DIR: a mkdocs.yml with Material and the "
                    "portfolio plugin, and a page for every part of a great writeup "
                    "(problem, use case, approach, results, demo, dead ends, next steps), "
                    "each saying what belongs there, and what publishes it: a GitHub Pages "
                    "workflow, a .readthedocs.yaml and pinned requirements. It builds at "
                    "once; 'mkdocs-portfolio audit' then lists what is still to write. "
                    "DIR must be new or empty.")
    new.add_argument("dir", metavar="DIR", help="folder to create (new or empty)")
    new.add_argument("--title", help="name of the project (default: from DIR, or the "
                                     "README's title)")
    new.add_argument("--from", dest="from_readme", metavar="README",
                     help="make the writeup from this Markdown README instead: one page "
                          "per '##' section; DIR may then hold other files, but no "
                          "mkdocs.yml or docs/ yet")
    new.add_argument("--projects", type=int, default=0, metavar="N",
                     help="lay out a portfolio of N projects instead: a folder of pages "
                          "and a nav section each, a gallery home and your author hero")
    new.set_defaults(func=cmd_new)
    from .projects.scaffold import add_command

    add_command(commands, SCAFFOLD_DIR / "docs")

    init = commands.add_parser(
        "init", help="make a writeup from a repository's README",
        description="Make a writeup from the README.md of a repository: mkdocs.yml and "
                    "docs/ beside it, with the intro as the home page and one page per "
                    "'##' section, in order; the README's images copied into docs/, links "
                    "to its sections pointed at their pages, links to other files of the "
                    "repository pointed at the forge (repo_url, from the git remote "
                    "'origin'); the hosting files of 'new' that the repository lacks (yours "
                    "are kept). Nothing is written when mkdocs.yml or docs/ exist.")
    init.add_argument("dir", metavar="DIR", nargs="?", default=".",
                      help="the repository's folder (default: the current folder)")
    init.add_argument("--from", dest="from_readme", metavar="README",
                      help="the README to bring in (default: DIR/README.md)")
    init.add_argument("--title", help="name of the project (default: the README's title)")
    init.set_defaults(func=cmd_init)

    audit = commands.add_parser(
        "audit", help="print the scorecard and findings of a site",
        description="Build the site into a temporary folder and print its scorecard "
                    "against the portfolio checklist and every finding, with how to fix "
                    "it; for Zensical, read the site from its sources instead (the same "
                    "checks and findings). Exit code: 0 without warnings, 1 with warnings, "
                    "2 on an error.")
    audit.add_argument("-f", "--config-file", metavar="FILE",
                       help="the site's config (default: mkdocs.yml; with --engine zensical, "
                            "zensical.toml or mkdocs.yml)")
    audit.add_argument("--engine", choices=("mkdocs", "zensical"),
                       help="the engine that builds the site (default: zensical for a "
                            ".toml config, else MkDocs or ProperDocs)")
    audit.add_argument("--json", action="store_true",
                       help="print the JSON report (as portfolio-audit.json) instead")
    audit.set_defaults(func=cmd_audit)

    zensical_help = ("Zensical has no plugin API: this makes the overview from the sources, "
                     "then runs Zensical on the docs folder with the overview page added "
                     "(staged under .cache/, nothing written among your files), with the "
                     "portfolio plugin's options given to the Markdown extension. With MkDocs "
                     "or ProperDocs, run their own command instead.")
    build = commands.add_parser(
        "build", help="build a site with Zensical, with its overview",
        description=f"Build the site with Zensical. {zensical_help} Then print the audit's "
                    "scorecard, as the plugin does.")
    serve = commands.add_parser(
        "serve", help="serve a site with Zensical, with its overview",
        description=f"Build and serve the site with Zensical, rebuilding the overview when "
                    f"a page changes. {zensical_help}")
    for command in (build, serve):
        command.add_argument("-f", "--config-file", metavar="FILE",
                             help="the site's config (default: zensical.toml or mkdocs.yml, "
                                  "as Zensical finds it)")
    build.add_argument("-s", "--strict", action="store_true",
                       help="exit 1 when the overview, the audit or Zensical warn")
    build.add_argument("-c", "--clean", action="store_true", help="clean Zensical's cache")
    build.set_defaults(func=cmd_build)
    serve.add_argument("-a", "--dev-addr", metavar="IP:PORT",
                       help="where to serve (default: the config's dev_addr, localhost:8000)")
    serve.add_argument("-o", "--open", action="store_true", help="open it in the browser")
    serve.set_defaults(func=cmd_serve)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_OK
    from .projects.scaffold import ScaffoldError
    from .sources.site import SiteProblem

    try:
        code: int = args.func(args)
    except (CliError, SiteProblem, ScaffoldError) as error:
        print(f"mkdocs-portfolio {args.command}: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `mkdocs-portfolio audit | head`: the reader has gone
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    return code


if __name__ == "__main__":
    sys.exit(main())
