"""A portfolio of three projects, for the tests of several projects in one site."""

from __future__ import annotations

from typing import Any

from .harness import PNG

PROJECTS: list[dict[str, Any]] = [
    {"path": "curbside", "title": "Curbside", "tags": ["NLP", "Python"], "status": "shipped",
     "date": "2025-05-01", "featured": True},
    {"path": "shelf", "title": "Shelf <scanner>", "tags": ["Computer vision", "Python"],
     "status": "in progress", "date": "2025-09"},
    {"path": "grid", "tags": ["Forecasting"], "status": "archived", "date": "2024-11-02"},
]
AUTHOR: dict[str, Any] = {
    "name": "Ada <b>Moreno</b>", "photo": "img/me.png", "bio": "ML engineer & <i>writer</i>",
    "links": {"github": "https://github.com/ada", "email": "ada@example.org", "cv": "cv.pdf",
              "scholar": "https://scholar.google.com/citations?user=x&hl=en"},
}


def project_pages(slug: str, what: str) -> dict[str, Any]:
    """Two pages of one project: its problem (with a figure and a result) and its dead ends."""
    return {
        f"{slug}/problem.md": f"""
            # The problem of {what}

            !!! problem "Why {what} matters"
                Crews lose hours when {what} fails.

            ![A {what} figure](../img/{slug}.png)

            !!! result "Headline of {what}"
                Metric: Macro-F1 = 0.91 (baseline 0.80)

                Better than the rules.
            """,
        f"{slug}/dead-ends.md": f"""
            # Dead ends of {what}

            !!! dead-end "Tried rules for {slug}"
                They failed on new data.

            !!! next-step "Next for {slug}"
                More data.
            """,
    }


def portfolio_pages() -> dict[str, Any]:
    pages: dict[str, Any] = {"img/me.png": PNG, "cv.pdf": b"%PDF-1.4\n%\n"}
    for slug, what in (("curbside", "routing"), ("shelf", "scanning"), ("grid", "load")):
        pages.update(project_pages(slug, what))
        pages[f"img/{slug}.png"] = PNG
    return pages


def portfolio_config(**portfolio: Any) -> dict[str, Any]:
    options: dict[str, Any] = {"audit": {"enabled": False}, "projects": PROJECTS,
                               "author": AUTHOR}
    options.update(portfolio)
    return {"plugins": [{"portfolio": options}]}
