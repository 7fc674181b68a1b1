"""Regenerate the figures of the Curbside writeup.

Run from anywhere: ``python demo_site/scripts/make_figures.py [--out DIR]``. The numbers are
those of the evaluation reported in the writeup (the raw requests are not
public); the noise is seeded, so every run writes the same PNG files.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

OUT = Path(__file__).resolve().parent.parent / "docs" / "assets" / "figures"
INK, MUTED, GRID = "#1f2933", "#7b8794", "#e4e7eb"
MODEL, BASE, ACCENT = "#1565c0", "#b0bec5", "#d84315"

DEPARTMENTS = {
    "Streets & potholes": 19.8, "Sanitation & bulk pickup": 16.4, "Graffiti abatement": 9.7,
    "Street lights": 8.9, "Code enforcement": 8.1, "Parks & trees": 7.6,
    "Water & sewer": 6.9, "Abandoned vehicles": 6.2, "Traffic signals": 4.8,
    "Animal services": 3.9, "Noise": 3.1, "Homeless outreach": 2.2,
    "Sidewalks & ADA": 1.6, "Illegal dumping (state)": 0.8,
}
# F1 per department is drawn by the results page itself, from results/per_department.csv.


def style() -> None:
    plt.rcParams.update({
        "figure.dpi": 100, "savefig.dpi": 160, "font.size": 10.5,
        "font.family": "DejaVu Sans", "axes.edgecolor": GRID, "axes.labelcolor": INK,
        "axes.titlesize": 12, "axes.titleweight": "bold", "axes.titlecolor": INK,
        "axes.titlelocation": "left", "axes.titlepad": 12,
        "xtick.color": MUTED, "ytick.color": MUTED, "axes.grid": True,
        "grid.color": GRID, "grid.linewidth": 0.8, "axes.spines.top": False,
        "axes.spines.right": False, "axes.axisbelow": True, "legend.frameon": False,
        "figure.facecolor": "white", "axes.facecolor": "white",
    })


def save(fig: plt.Figure, name: str) -> None:
    fig.tight_layout()
    # No "Software" entry: the PNG bytes then do not depend on the Matplotlib version.
    fig.savefig(OUT / name, metadata={"Software": None})
    plt.close(fig)


def departments() -> None:
    names = list(DEPARTMENTS)[::-1]
    share = list(DEPARTMENTS.values())[::-1]
    fig, ax = plt.subplots(figsize=(7.2, 4.4))
    colors = [MODEL if s >= 5 else "#64b5f6" for s in share]
    ax.barh(names, share, color=colors, height=0.68)
    for y, s in enumerate(share):
        ax.text(s + 0.3, y, f"{s:.1f}%", va="center", color=INK, fontsize=9)
    ax.set_xlabel("share of 212,480 requests (Jan 2022 to Jun 2025)")
    ax.set_title("Five departments receive 63% of requests; the last five, 12%")
    ax.grid(axis="y", visible=False)
    ax.set_xlim(0, 23)
    save(fig, "departments.png")


def volume() -> None:
    rng = np.random.default_rng(7)
    weeks = np.arange(182)
    season = (1 + 0.22 * np.cos(2 * np.pi * (weeks - 4) / 52)
              + 0.1 * np.cos(2 * np.pi * (weeks - 30) / 26))
    trend = 1 + weeks / 182 * 0.18
    total = 1030 * season * trend * rng.normal(1, 0.05, len(weeks))
    total[[5, 58, 110, 161]] *= [1.8, 1.6, 2.1, 1.7]  # storms
    app = total * np.clip(0.35 + weeks / 182 * 0.27, 0, 1)
    fig, ax = plt.subplots(figsize=(7.2, 3.4))
    ax.fill_between(weeks, total, color="#bbdefb", label="all channels", linewidth=0)
    ax.fill_between(weeks, app, color=MODEL, label="mobile app", linewidth=0)
    for w, label in [(5, "ice storm"), (110, "flooding")]:
        ax.annotate(label, (w, total[w]), xytext=(w + 7, total[w] + 120), color=ACCENT,
                    fontsize=9, arrowprops={"arrowstyle": "-", "color": ACCENT})
    ax.set_xticks([0, 52, 104, 156], ["2022", "2023", "2024", "2025"])
    ax.set_ylabel("requests per week")
    ax.set_ylim(0, 3400)
    ax.set_title("Storms double the weekly load; app reports keep growing")
    ax.legend(loc="upper left", ncol=2)
    save(fig, "volume.png")


def coverage() -> None:
    covered = np.linspace(0.35, 1.0, 200)
    held_back = (1 - covered) / 0.65
    accuracy = 0.931 + (0.996 - 0.931) * held_back**0.25
    base_acc = 0.860 + 0.1224 * held_back**0.6
    fig, ax = plt.subplots(figsize=(7.2, 4.0))
    ax.plot(covered * 100, accuracy * 100, color=MODEL, linewidth=2.4, label="Curbside")
    ax.plot(covered * 100, base_acc * 100, color=BASE, linewidth=2.4,
            label="TF-IDF + logistic regression")
    i = int(np.argmin(abs(covered - 0.81)))
    ax.scatter([81], [accuracy[i] * 100], color=ACCENT, s=60, zorder=5)
    ax.annotate("threshold 0.80:\n81% routed automatically,\n97.9% of them correct",
                (81, accuracy[i] * 100), xytext=(52, 90.0), color=INK,
                fontsize=9, arrowprops={"arrowstyle": "->", "color": ACCENT})
    ax.axhline(97.0, color=ACCENT, linestyle=":", linewidth=1.2,
               label="accuracy the city asked for (97%)")
    ax.set_xlabel("requests routed without a person (%)")
    ax.set_ylabel("accuracy of those routed (%)")
    ax.set_xlim(35, 100)
    ax.set_ylim(85, 100)
    ax.set_title("Trading coverage for accuracy with one threshold")
    ax.legend(loc="lower left")
    save(fig, "coverage.png")


def latency() -> None:
    rng = np.random.default_rng(11)
    fp32 = rng.lognormal(np.log(41), 0.28, 5000)
    int8 = rng.lognormal(np.log(11), 0.25, 5000)
    fig, ax = plt.subplots(figsize=(7.2, 3.4))
    bins = np.linspace(0, 110, 90)
    ax.hist(fp32, bins=bins, color=BASE, label="PyTorch, fp32")
    ax.hist(int8, bins=bins, color=MODEL, label="ONNX Runtime, int8")
    for data, color in [(fp32, MUTED), (int8, MODEL)]:
        p95 = np.percentile(data, 95)
        ax.axvline(p95, color=color, linestyle="--", linewidth=1)
        ax.text(p95 + 1.5, ax.get_ylim()[1] * 0.85, f"p95 {p95:.0f} ms", color=color,
                fontsize=9)
    ax.set_xlabel("latency per request on 2 vCPUs (ms)")
    ax.set_ylabel("requests")
    ax.set_title("Quantised to int8: four times faster, no GPU needed")
    ax.legend(loc="upper right", bbox_to_anchor=(1, 0.7))
    save(fig, "latency.png")


def hero() -> None:
    """A stylised map of one week of requests, coloured by the crew they went to."""
    rng = np.random.default_rng(3)
    fig = plt.figure(figsize=(8, 6))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_facecolor("#0d1b2a")
    fig.set_facecolor("#0d1b2a")
    for x in np.linspace(0, 8, 17):
        ax.plot([x, x + rng.normal(0, 0.15)], [0, 6], color="#1b2d44", linewidth=1)
    for y in np.linspace(0, 6, 13):
        ax.plot([0, 8], [y, y + rng.normal(0, 0.1)], color="#1b2d44", linewidth=1)
    ax.plot(np.linspace(0, 8, 100), 2.2 + 0.9 * np.sin(np.linspace(0, 5, 100)),
            color="#1e4a6b", linewidth=12, solid_capstyle="round")
    palette = ["#4fc3f7", "#ffb74d", "#81c784", "#f06292", "#ba68c8", "#fff176"]
    centres = rng.uniform([0.4, 0.4], [7.6, 5.6], (22, 2))
    for k, (cx, cy) in enumerate(centres):
        n = rng.integers(15, 70)
        pts = rng.normal([cx, cy], [0.4, 0.35], (n, 2))
        ax.scatter(pts[:, 0], pts[:, 1], s=rng.uniform(4, 28, n), alpha=0.85,
                   color=palette[k % len(palette)], linewidths=0)
    ax.set_xlim(0, 8)
    ax.set_ylim(0, 6)
    ax.axis("off")
    fig.savefig(OUT / "hero.png", dpi=100, metadata={"Software": None})
    plt.close(fig)


def main() -> None:
    global OUT
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="folder for the PNG files")
    OUT = parser.parse_args().out
    OUT.mkdir(parents=True, exist_ok=True)
    style()
    for make in (departments, volume, coverage, latency):
        make()
    hero()
    print(f"figures written to {OUT}")


if __name__ == "__main__":
    main()
