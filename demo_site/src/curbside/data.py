"""Loading, cleaning and splitting the historical 311 requests."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

PHONE = re.compile(r"\+?\d[\d\s().-]{7,}\d")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
PLATE = re.compile(r"\b[A-Z]{2,3}[- ]?\d{3,4}\b")


@dataclass(frozen=True)
class Split:
    """Requests for training, model selection and the final test."""

    train: pd.DataFrame
    valid: pd.DataFrame
    test: pd.DataFrame


def redact(text: str) -> str:
    """Replace phone numbers, e-mail addresses and licence plates with placeholders."""
    text = PHONE.sub("<phone>", text)
    text = EMAIL.sub("<email>", text)
    return PLATE.sub("<plate>", text)


def load_requests(path: Path) -> pd.DataFrame:
    """Read the export of closed requests and keep what the model may see."""
    frame = pd.read_parquet(path, columns=[
        "request_id", "opened_at", "channel", "language", "description",
        "final_department", "was_rerouted", "priority",
    ])
    frame = frame.dropna(subset=["description", "final_department"])
    frame["description"] = frame["description"].map(redact).str.strip()
    frame = frame[frame["description"].str.len() >= 12]
    return frame.sort_values("opened_at").reset_index(drop=True)


def time_split(frame: pd.DataFrame, valid_from: str, test_from: str) -> Split:
    """Split by date, never at random: the model must predict next month, not last month."""
    opened = frame["opened_at"]
    train = frame[opened < valid_from]
    valid = frame[(opened >= valid_from) & (opened < test_from)]
    test = frame[opened >= test_from]
    return Split(train, valid, test)
