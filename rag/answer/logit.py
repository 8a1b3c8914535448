"""A small logistic regression, fitted by Newton's method with an L2 penalty, kept as plain JSON. Pure (numpy).

Used where a few evidence signals must be combined into a calibrated probability (which sentence answers a
question, whether a question is answerable): weights come from the dev split by `fit`, never by hand.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np


@dataclass(frozen=True)
class Logit:
    """P(y=1 | x) = sigmoid(bias + sum(w_i * (x_i - mean_i) / scale_i)) over named features."""

    features: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float
    means: tuple[float, ...]
    scales: tuple[float, ...]

    def prob(self, x: Mapping[str, float]) -> float:
        """Probability for one feature dict (a missing feature counts as its mean, i.e. no evidence)."""
        z = self.bias
        for name, w, m, s in zip(self.features, self.weights, self.means, self.scales):
            z += w * (float(x.get(name, m)) - m) / s
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> dict:
        return {"features": list(self.features), "weights": list(self.weights), "bias": self.bias,
                "means": list(self.means), "scales": list(self.scales)}

    @classmethod
    def from_json(cls, data: Mapping) -> "Logit":
        return cls(tuple(data["features"]), tuple(map(float, data["weights"])), float(data["bias"]),
                   tuple(map(float, data["means"])), tuple(map(float, data["scales"])))

    @classmethod
    def load(cls, path: Path) -> "Logit":
        return cls.from_json(json.loads(path.read_text(encoding="utf-8")))


def fit(rows: Sequence[Mapping[str, float]], labels: Sequence[int], features: Sequence[str],
        l2: float = 1.0, sample_weight: Sequence[float] | None = None, iterations: int = 50,
        signs: Mapping[str, int] | None = None) -> Logit:
    """Fit P(label=1 | features) on rows (feature dicts) -> Logit. Features are standardised first, so `l2`
    shrinks every weight alike; Newton steps until the change is tiny.

    `signs` gives the direction a feature's evidence must push (+1: more of it, more likely; -1: less likely).
    Correlated signals otherwise trade weight on a small set and one can end up pointing the wrong way (a
    sentence that names what is asked made less likely): a weight that comes out against its sign is held at 0
    and the rest refitted, until every weight agrees with its sign (an active-set fit)."""
    x = np.array([[float(r.get(f, 0.0)) for f in features] for r in rows], dtype=float)
    y = np.asarray(labels, dtype=float)
    sw = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight, dtype=float)
    means = x.mean(axis=0)
    scales = x.std(axis=0)
    scales[scales < 1e-9] = 1.0
    z = np.hstack([np.ones((len(y), 1)), (x - means) / scales])
    direction = np.array([0] + [(signs or {}).get(f, 0) for f in features])
    free = np.ones(z.shape[1], dtype=bool)
    while True:
        beta = np.zeros(z.shape[1])
        beta[free] = _newton(z[:, free], y, sw, l2, iterations)
        wrong = free & (direction * beta < 0)
        if not wrong.any():
            break
        free &= ~wrong
    return Logit(tuple(features), tuple(float(b) for b in beta[1:]), float(beta[0]),
                 tuple(float(m) for m in means), tuple(float(s) for s in scales))


def _newton(z: np.ndarray, y: np.ndarray, sw: np.ndarray, l2: float, iterations: int) -> np.ndarray:
    """Penalised logistic regression by Newton's method; column 0 of `z` is the bias (not shrunk)."""
    beta = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(z @ beta, -30, 30)))
        grad = z.T @ (sw * (p - y)) + penalty * beta
        hess = (z * (sw * p * (1 - p))[:, None]).T @ z + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return beta
