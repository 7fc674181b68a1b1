"""Regenerate the figures of the portfolio's two short projects (Shelf scanner, Gridcast).

Run from anywhere: ``python demo_site/portfolio/scripts/make_figures.py``. The numbers
are those the writeups report; the noise is seeded, so every run writes the same PNGs.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

DOCS = Path(__file__).resolve().parent.parent / "docs"
INK, MUTED, GRID = "#1f2933", "#7b8794", "#e4e7eb"
MODEL, BASE, ACCENT = "#1565c0", "#b0bec5", "#d84315"


def style() -> None:
    plt.rcParams.update({
        "figure.dpi": 100, "savefig.dpi": 110, "font.size": 10.5,
        "font.family": "DejaVu Sans", "axes.edgecolor": GRID, "axes.labelcolor": INK,
        "axes.titlesize": 12, "axes.titleweight": "bold", "axes.titlecolor": INK,
        "axes.titlelocation": "left", "xtick.color": MUTED, "ytick.color": MUTED,
        "axes.grid": True, "grid.color": GRID, "axes.spines.top": False,
        "axes.spines.right": False, "svg.hashsalt": "portfolio",
    })


def save(fig: plt.Figure, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)


def shelf_hero(rng: np.random.Generator) -> None:
    """A shelf seen by the camera, with the gaps the detector boxes."""
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    ax.set_xlim(0, 32)
    ax.set_ylim(0, 18)
    ax.axis("off")
    colors = ["#ef9a9a", "#90caf9", "#a5d6a7", "#ffe082", "#ce93d8", "#80cbc4"]
    for row, y in enumerate((1, 7, 13)):
        ax.add_patch(plt.Rectangle((0, y - 0.6), 32, 0.5, color="#8d6e63"))
        x = 0.5
        while x < 31:
            width = rng.uniform(1.2, 2.2)
            if rng.random() < 0.12:
                gap = rng.uniform(2.5, 4.0)
                ax.add_patch(plt.Rectangle((x, y), gap, 4.6, fill=False, lw=2.2,
                                           ec=ACCENT, ls="--"))
                ax.text(x + 0.2, y + 4.8, "gap", color=ACCENT, fontsize=8, weight="bold")
                x += gap + 0.2
                continue
            height = rng.uniform(3.2, 4.6)
            ax.add_patch(plt.Rectangle((x, y), width, height,
                                       color=colors[int(rng.integers(len(colors)))]))
            x += width + 0.15
    save(fig, DOCS / "shelf" / "figures" / "hero.png")


def shelf_recall(rng: np.random.Generator) -> None:
    """Gap recall against the share of the shelf hidden (occlusion)."""
    occlusion = np.linspace(0, 60, 13)
    model = np.clip(0.95 - 0.004 * occlusion - 0.00004 * occlusion ** 2
                    + rng.normal(0, 0.006, occlusion.size), 0, 1)
    base = np.clip(0.82 - 0.009 * occlusion + rng.normal(0, 0.006, occlusion.size), 0, 1)
    fig, ax = plt.subplots(figsize=(6.4, 3.2))
    ax.plot(occlusion, model, color=MODEL, lw=2.4, label="Detector (YOLOv8-s, fine-tuned)")
    ax.plot(occlusion, base, color=BASE, lw=2.4, label="Planogram diff (baseline)")
    ax.set_xlabel("Share of the shelf hidden by shoppers or carts (%)")
    ax.set_ylabel("Gap recall")
    ax.set_title("Recall stays above 0.8 until a third of the shelf is hidden")
    ax.legend(frameon=False, loc="lower left")
    save(fig, DOCS / "shelf" / "figures" / "recall.png")


def grid_hero(rng: np.random.Generator) -> None:
    """A week of load, the forecast and its 80% band."""
    hours = np.arange(24 * 7)
    daily = 1 + 0.28 * np.sin((hours % 24 - 7) / 24 * 2 * np.pi)
    weekly = np.where((hours // 24) % 7 >= 5, 0.9, 1.0)
    load = 610 * daily * weekly + rng.normal(0, 12, hours.size)
    forecast = 610 * daily * weekly
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    ax.fill_between(hours, forecast - 34, forecast + 34, color=MODEL, alpha=0.15,
                    label="80% interval")
    ax.plot(hours, load, color=INK, lw=1.2, label="Load")
    ax.plot(hours, forecast, color=MODEL, lw=2, label="Day-ahead forecast")
    ax.set_xticks(np.arange(0, 24 * 7 + 1, 24), ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat",
                                                  "Sun", ""])
    ax.set_ylabel("MW")
    ax.set_title("One week of the feeder's load, forecast a day ahead")
    ax.legend(frameon=False, loc="upper right", ncol=3, fontsize=8.5)
    save(fig, DOCS / "grid" / "figures" / "hero.png")


def grid_errors(rng: np.random.Generator) -> None:
    """Error by hour of the day: the model against the seasonal-naive baseline."""
    hours = np.arange(24)
    base = 6.1 + 1.6 * np.sin((hours - 8) / 24 * 2 * np.pi) + rng.normal(0, 0.15, 24)
    model = 3.4 + 0.7 * np.sin((hours - 8) / 24 * 2 * np.pi) + rng.normal(0, 0.1, 24)
    fig, ax = plt.subplots(figsize=(6.4, 3.2))
    ax.bar(hours - 0.2, base, 0.4, color=BASE, label="Seasonal naive (baseline)")
    ax.bar(hours + 0.2, model, 0.4, color=MODEL, label="Gradient boosting + weather")
    ax.set_xlabel("Hour of the day")
    ax.set_ylabel("MAPE (%)")
    ax.set_title("The evening ramp is where the weather features pay off")
    ax.legend(frameon=False, loc="upper left", fontsize=8.5)
    save(fig, DOCS / "grid" / "figures" / "errors.png")


def screenshot(path: Path, title: str, color: str) -> None:
    """The poster a demo shows until the reader launches it."""
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    ax.axis("off")
    ax.add_patch(plt.Rectangle((0, 0), 1, 1, color="#f5f7fa", transform=ax.transAxes))
    ax.add_patch(plt.Rectangle((0, 0.86), 1, 0.14, color=color, transform=ax.transAxes))
    ax.text(0.03, 0.91, title, color="white", weight="bold", transform=ax.transAxes)
    ax.add_patch(plt.Rectangle((0.05, 0.1), 0.4, 0.66, fill=False, ec=MUTED, ls="--",
                               transform=ax.transAxes))
    ax.text(0.25, 0.43, "Drop a photo", ha="center", color=MUTED, transform=ax.transAxes)
    ax.add_patch(plt.Rectangle((0.55, 0.6), 0.35, 0.1, color=color, transform=ax.transAxes))
    ax.text(0.725, 0.635, "Run", ha="center", color="white", transform=ax.transAxes)
    save(fig, path)


def author() -> None:
    """The author's photo (initials on a disc) and a one-page CV as a PDF."""
    fig, ax = plt.subplots(figsize=(2, 2))
    ax.axis("off")
    ax.add_patch(plt.Circle((0.5, 0.5), 0.5, color="#3949ab", transform=ax.transAxes))
    ax.text(0.5, 0.47, "AM", ha="center", va="center", color="white", fontsize=30,
            weight="bold", transform=ax.transAxes)
    save(fig, DOCS / "img" / "ada.png")
    fig = plt.figure(figsize=(8.27, 11.69))
    fig.text(0.1, 0.9, "Ada Moreno", fontsize=24, weight="bold", color=INK)
    fig.text(0.1, 0.86, "Machine-learning engineer: NLP, computer vision, forecasting",
             color=MUTED)
    for i, line in enumerate(("2023-  ML engineer, City of Riverton (Curbside)",
                              "2021-23  Data scientist, FreshCart (Shelf scanner)",
                              "2019-21  Analyst, Riverton Power & Light (Gridcast)")):
        fig.text(0.1, 0.78 - i * 0.04, line, color=INK)
    fig.savefig(DOCS / "cv.pdf", metadata={"Creator": None, "Producer": None,
                                            "CreationDate": None})
    plt.close(fig)


def main() -> None:
    style()
    rng = np.random.default_rng(17)
    shelf_hero(rng)
    shelf_recall(rng)
    grid_hero(rng)
    grid_errors(rng)
    screenshot(DOCS / "shelf" / "figures" / "demo.png", "Shelf scanner", MODEL)
    screenshot(DOCS / "grid" / "figures" / "demo.png", "Gridcast", "#2e7d32")
    author()


if __name__ == "__main__":
    main()
