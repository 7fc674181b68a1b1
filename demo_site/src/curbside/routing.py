"""From model scores to a routing decision: calibrate, then route or hand to a person."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import minimize_scalar

URGENT = 2


@dataclass(frozen=True)
class Decision:
    """What happens to one request."""

    department: str | None
    confidence: float
    urgent: bool
    needs_review: bool


def fit_temperature(logits: np.ndarray, labels: np.ndarray) -> float:
    """The temperature that minimises the validation negative log-likelihood."""

    def nll(t: float) -> float:
        z = logits / t
        z = z - z.max(axis=1, keepdims=True)
        log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        return float(-log_p[np.arange(len(labels)), labels].mean())

    return float(minimize_scalar(nll, bounds=(0.05, 10.0), method="bounded").x)


def softmax(logits: np.ndarray, temperature: float) -> np.ndarray:
    z = logits / temperature
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


def route(dept_logits: np.ndarray, urg_logits: np.ndarray, departments: list[str],
          temperature: float, threshold: float = 0.80) -> Decision:
    """Route a request when the model is sure enough; otherwise queue it for a dispatcher.

    A request that may be urgent is never held back: it is flagged at once,
    whatever the department confidence.
    """
    p_dept = softmax(dept_logits, temperature)
    p_urg = softmax(urg_logits, 1.0)
    best = int(p_dept.argmax())
    confidence = float(p_dept[best])
    urgent = bool(p_urg[URGENT] >= 0.25)
    if confidence < threshold:
        return Decision(None, confidence, urgent, needs_review=True)
    return Decision(departments[best], confidence, urgent, needs_review=False)
