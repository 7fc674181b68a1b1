"""The demo site, the project's own docs and the README, as a newcomer meets them.

Both sites are built as ``mkdocs build --strict`` builds them (``harness.build``,
once each, shared by the module), into ``tmp_path`` so that nothing is written
into the checkout; the assertions then read the built HTML.
"""

from __future__ import annotations

import ast
import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from .harness import Built, build

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "demo_site"
BLOCK_TYPES = ("problem", "use-case", "result", "dead-end", "next-step", "demo")
FORMS = {
    "!!!": r"^!!! {t}\b",
    "???": r"^\?\?\? {t}\b",
    "???+": r"^\?\?\?\+ {t}\b",
    "///": r"^/// {t}\b",
}


def build_strict(config_file: Path, site_dir: Path) -> Built:
    """A site built as ``mkdocs build --strict`` builds it; its ``.error`` says why not."""
    return build(config_file.parent, config_file=config_file, site_dir=str(site_dir),
                 strict=True, allow_warnings=True, expect_error=True)


def built_pages(built: Built) -> list[Path]:
    return sorted(p for p in built.site_dir.rglob("*.html")
                  if p.name != "404.html" and "search" not in p.parts)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_strict(DEMO / "mkdocs.yml", tmp_path_factory.mktemp("demo") / "site")


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_strict(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("docs") / "site")


def _resolves(built: Built, page: Path, src: str) -> bool:
    """Whether a relative URL found on ``page`` names a file of the built site."""
    path = urlsplit(src).path
    target = (page.parent / path).resolve()
    if target.is_dir():
        target = target / "index.html"
    return target.is_file() and built.site_dir.resolve() in target.parents


# -- the demo site ------------------------------------------------------------------


def test_demo_site_builds_strict(demo: Built) -> None:
    assert demo.error is None, demo.log
    assert "Aborted" not in demo.log


def test_demo_site_has_its_pages_and_the_overview_first(demo: Built) -> None:
    config = yaml.safe_load((DEMO / "mkdocs.yml").read_text(encoding="utf-8"))
    pages = [next(iter(item.values())) for item in config["nav"]]
    assert len(pages) >= 6
    for src in pages:
        stem = src.rsplit(".", 1)[0]  # a page or a notebook (error-analysis.ipynb)
        assert (demo.site_dir / stem / "index.html").is_file(), src
    home = demo.soup("index.html")
    first = home.select_one(".md-nav--primary .md-nav__item a")
    assert first is not None and first.get_text(strip=True) == "Overview"
    assert "Curbside" in home.get_text()


def test_demo_site_uses_every_block_type_and_every_form(demo: Built) -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in (DEMO / "docs").glob("*.md"))
    forms_of = {
        t: {form for form, pattern in FORMS.items()
            if re.search(pattern.format(t=re.escape(t)), text, re.MULTILINE)}
        for t in BLOCK_TYPES
    }
    assert all(forms_of.values()), forms_of
    assert len(forms_of["use-case"]) >= 2 and len(forms_of["demo"]) >= 2
    assert set().union(*forms_of.values()) == set(FORMS)
    assert forms_of["dead-end"] == set(FORMS)
    assert forms_of["result"] == set(FORMS)
    assert forms_of["next-step"] == set(FORMS)
    # ... and they all render as styled blocks with their anchor ids.
    found: dict[str, int] = dict.fromkeys(BLOCK_TYPES, 0)
    for page in built_pages(demo):
        if page == demo.site_dir / "index.html":
            continue  # the overview shows copies of the blocks, without their ids
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for t in BLOCK_TYPES:
            for el in soup.select(f"article div.admonition.{t}, article details.{t}"):
                assert el.get("id", "").startswith(t), (page, el.get("id"))
                found[t] += 1
    assert all(found.values()), found


def test_demo_site_results_carry_metrics(demo: Built) -> None:
    metrics = demo.soup("results/index.html").select("article figure.pf-metric")
    assert len(metrics) >= 4
    values = [m.select_one(".pf-metric__value").get_text(strip=True) for m in metrics]
    assert "0.89" in values and "0.97" in values


def test_demo_site_has_diagrams_and_captioned_figures(demo: Built) -> None:
    diagrams = figures = 0
    for page in built_pages(demo):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        diagrams += len(soup.select("article pre.mermaid"))
        for fig in soup.select("article figure"):
            if "pf-chart" in (fig.get("class") or []):  # drawn from a results file
                svg = fig.find("svg")
                assert svg is not None and svg["aria-labelledby"] == fig.figcaption["id"]
                figures += 1
                continue
            img = fig.find("img")
            if img is None or fig.find("figcaption") is None or "pf-demo__poster" in (
                    img.get("class") or []):
                continue
            figures += 1
            assert img.get("alt"), (page, img)
            assert _resolves(demo, page, img["src"]), (page, img["src"])
    assert diagrams >= 2
    assert figures >= 5


def test_demo_site_long_training_loop_folds(demo: Built) -> None:
    soup = demo.soup("approach/index.html")
    folded = [b for b in soup.select("article .pf-fold")
              if "training loop" in b.get_text()]
    assert folded, "the training loop is not folded"
    code = folded[0].find("code")
    assert code is not None and len(code.get_text().rstrip("\n").splitlines()) > 25


def test_demo_site_snippets_link_to_the_exact_lines(demo: Built) -> None:
    pattern = re.compile(
        r"^https://github\.com/ada-moreno/curbside/blob/v1\.4\.0/"
        r"(src/curbside/\w+\.py)#L(\d+)-L(\d+)$")
    seen = 0
    for page in built_pages(demo):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for link in soup.select("article a[href]"):
            match = pattern.match(link["href"])
            if not match:
                continue
            seen += 1
            path, start, end = DEMO / match[1], int(match[2]), int(match[3])
            tree = ast.parse(path.read_text(encoding="utf-8"))
            spans = {(min([n.lineno] + [d.lineno for d in n.decorator_list]), n.end_lineno)
                     for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
            assert (start, end) in spans, f"{page}: {link['href']} is not one symbol"
    assert seen >= 5


def test_demo_site_space_loads_only_on_click(demo: Built) -> None:
    page = demo.site_dir / "deployment" / "index.html"
    soup = demo.soup("deployment/index.html")
    block = soup.select_one("article .demo")
    assert block is not None
    assert all(frame.find_parent("template") for frame in soup.find_all("iframe"))
    poster = block.find("img")
    assert poster is not None and poster["src"].endswith("space-screenshot.png")
    assert _resolves(demo, page, poster["src"])
    assert block.find("a", href="https://huggingface.co/spaces/ada-moreno/curbside-triage")


def test_demo_site_passes_its_own_audit(demo: Built) -> None:
    report = json.loads((demo.site_dir / "portfolio-audit.json").read_text(encoding="utf-8"))
    assert report["findings"] == []
    assert report["warnings"] == 0


def test_demo_figures_script_is_deterministic(tmp_path: Path) -> None:
    script = DEMO / "scripts" / "make_figures.py"
    digests = []
    for run in ("a", "b"):
        subprocess.run([sys.executable, str(script), "--out", str(tmp_path / run)],
                       check=True, capture_output=True, timeout=300)
        digests.append({p.name: hashlib.sha256(p.read_bytes()).hexdigest()
                        for p in sorted((tmp_path / run).glob("*.png"))})
    assert digests[0] == digests[1]
    committed = {p.name for p in (DEMO / "docs" / "assets" / "figures").glob("*.png")}
    assert set(digests[0]) == committed


# -- the project's own docs ---------------------------------------------------------


def test_docs_build_strict(docs: Built) -> None:
    assert docs.error is None, docs.log


def _nav_files(nav: list[object]) -> list[str]:
    files: list[str] = []
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            files += _nav_files(value)
        else:
            files.append(str(value))
    return files


def test_docs_nav_lists_every_page() -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    listed = _nav_files(config["nav"])
    on_disk = sorted(str(p.relative_to(ROOT / "docs")) for p in (ROOT / "docs").rglob("*.md"))
    assert sorted(listed) == on_disk


def test_configuration_reference_covers_every_option() -> None:
    from mkdocs.config import config_options as c

    from mkdocs_portfolio.config import PortfolioConfig

    reference = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    missing = []
    for name, option in PortfolioConfig._schema:
        if isinstance(option, c.SubConfig):
            for sub, _ in option.config_class._schema:
                if f"`{name}.{sub}`" not in reference:
                    missing.append(f"{name}.{sub}")
        elif f"`{name}`" not in reference:
            missing.append(name)
    assert not missing, f"docs/configuration.md does not document: {', '.join(missing)}"


def test_configuration_reference_shows_the_real_defaults() -> None:
    from mkdocs.config import config_options as c

    from mkdocs_portfolio.config import PortfolioConfig

    reference = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    block = re.search(r"## All options with their defaults\n\n```[^\n]*\n(.*?)```", reference,
                      re.DOTALL)
    assert block is not None
    documented = yaml.safe_load(block[1])["plugins"][0]["portfolio"]
    wrong = []
    for name, option in PortfolioConfig._schema:
        if isinstance(option, c.SubConfig):
            for sub, suboption in option.config_class._schema:
                if documented.get(name, {}).get(sub, "missing") != suboption.default:
                    wrong.append(f"{name}.{sub}")
        elif documented.get(name, "missing") != option.default:
            wrong.append(name)
    assert not wrong, f"docs/configuration.md shows wrong defaults for: {', '.join(wrong)}"


def test_api_reference_is_generated_from_the_code(docs: Built) -> None:
    soup = docs.soup("api/index.html")
    for ident in ("mkdocs_portfolio.config.PortfolioConfig",
                  "mkdocs_portfolio.config.CodeConfig",
                  "mkdocs_portfolio.plugin.PortfolioPlugin",
                  "mkdocs_portfolio.markdown.PortfolioExtension"):
        assert soup.find(id=ident) is not None, ident
    assert "Words the typo check accepts" in soup.get_text()


def test_docs_render_the_blocks_live(docs: Built) -> None:
    soup = docs.soup("blocks/index.html")
    for t in ("dead-end", "result", "next-step"):
        assert soup.select(f"article .admonition.{t}, article details.{t}"), t
    assert soup.find(id="dead-end-cleaning-the-labels-with-confident-learning")
    assert soup.find(id="merge-duplicates")
    assert len(soup.select("article figure.pf-metric")) >= 3


# -- the README -----------------------------------------------------------------------

SERVE = 'pip install -e ".[cards]" && mkdocs serve -f demo_site/mkdocs.yml'
TEST = 'pip install -e ".[test]" && python -m pytest'


def test_readme_gives_the_two_commands_first() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```bash\n(.*?)```", readme, re.DOTALL)
    assert [b.strip() for b in blocks[:2]] == [SERVE, TEST]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert 'pip install -e ".[test]"' in ci and "python -m pytest" in ci
    assert "chromium" in readme


def test_readme_screenshot_and_links_exist() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)#]+)\)", readme)
    local = [t for t in targets if not t.startswith(("http://", "https://"))]
    assert local
    for target in local:
        assert (ROOT / target).is_file(), target
    shot = ROOT / "docs" / "assets" / "demo-overview.png"
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size < 300_000
