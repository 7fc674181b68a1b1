"""Screenshot the mocks of the Curbside Space and error explorer, the demos' poster images.

Needs Playwright for Python and a Chromium (Debian: ``apt-get install chromium``).
Run: ``python demo_site/scripts/make_screenshot.py``.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
ASSETS = HERE.parent / "docs" / "assets"
SHOTS = {"space_mock": "space-screenshot.png", "explorer_mock": "explorer-screenshot.png"}


def main() -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page(viewport={"width": 1200, "height": 620})
        for folder, name in SHOTS.items():
            page.goto((HERE / folder / "index.html").as_uri())
            page.screenshot(path=str(ASSETS / name))
            print(f"screenshot written to {ASSETS / name}")
        browser.close()


if __name__ == "__main__":
    main()
