"""Screenshot the mock of the Curbside Space used as the demo's poster image.

Needs Playwright for Python and a Chromium (Debian: ``apt-get install chromium``).
Run: ``python demo_site/scripts/make_screenshot.py``.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "docs" / "assets" / "space-screenshot.png"


def main() -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page(viewport={"width": 1200, "height": 620})
        page.goto((HERE / "space_mock" / "index.html").as_uri())
        page.screenshot(path=str(OUT))
        browser.close()
    print(f"screenshot written to {OUT}")


if __name__ == "__main__":
    main()
