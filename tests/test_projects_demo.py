"""The demo portfolio (demo_site/portfolio/): it builds strict, with the audit on, and
its home shows three complete cards; its figures script is deterministic."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

from .harness import build

DEMO = Path(__file__).resolve().parent.parent / "demo_site"
PORTFOLIO = DEMO / "portfolio"


def test_demo_portfolio_builds_strict_with_three_complete_cards(tmp_path: Path) -> None:
    root = tmp_path / "demo_site"
    shutil.copytree(DEMO, root, ignore=shutil.ignore_patterns("site"))
    built = build(root / "portfolio", config_file=root / "portfolio" / "mkdocs.yml",
                  site_dir=str(tmp_path / "site"))
    home = built.article("index.md")
    cards = home.select(".pf-card")
    assert [c["id"] for c in cards] == ["project-curbside", "project-shelf", "project-grid"]
    for card in cards:
        assert card.select_one(".pf-card__media img") is not None
        assert card.select_one(".pf-card__problem").get_text(strip=True)
        assert card.select_one(".pf-card__value").get_text(strip=True)
        labels = [a.get_text(strip=True) for a in card.select(".pf-card__actions a")]
        assert labels == ["Demo", "Source", "Writeup"]
        assert card.select_one(".pf-card__result")["data-pf-improved"] == "true"
    assert len(home.select(".pf-author__link")) == 6
    assert "Gallery: all 3 cards have an image, a problem and a result" in "\n".join(
        built.infos)
    # Curbside keeps its snippets' permalinks through the shared pages.
    approach = built.html("curbside/approach.md")
    assert "github.com/ada-moreno/curbside/blob/v1.4.0/src/curbside/model.py#L" in approach


def test_portfolio_figures_script_is_deterministic(tmp_path: Path) -> None:
    copy = tmp_path / "portfolio"
    shutil.copytree(PORTFOLIO / "scripts", copy / "scripts")
    script = copy / "scripts" / "make_figures.py"
    digests = []
    for _ in range(2):
        subprocess.run([sys.executable, str(script)], check=True, capture_output=True,
                       timeout=300)
        digests.append({p.relative_to(copy).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                        for p in sorted((copy / "docs").rglob("*.*"))})
    assert digests[0] == digests[1]
    # The same files as committed (their bytes may differ with another matplotlib).
    committed = {p.relative_to(PORTFOLIO).as_posix()
                 for p in PORTFOLIO.glob("docs/*/figures/*.png") if "curbside" not in p.parts}
    committed |= {"docs/img/ada.png", "docs/cv.pdf"}
    assert set(digests[0]) == committed
