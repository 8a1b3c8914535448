"""The small logistic regression behind the answer engine's sentence and answerability models (pure numpy)."""

from __future__ import annotations

import numpy as np

from rag.answer.logit import Logit, fit


def _rows(seed: int = 0, n: int = 400):
    """The label rises with `a` and `b` and falls with `c`."""
    rng = np.random.default_rng(seed)
    a, b, c = rng.normal(size=(3, n))
    label = (2.0 * a + 1.0 * b - 1.0 * c + 0.3 * rng.normal(size=n) > 0).astype(int)
    return [{"a": float(x), "b": float(y), "c": float(z)} for x, y, z in zip(a, b, c)], list(label)


def _accuracy(model, rows, labels) -> float:
    return float(np.mean([(model.prob(r) > 0.5) == bool(y) for r, y in zip(rows, labels)]))


def test_fit_separates_and_round_trips():
    rows, labels = _rows()
    model = fit(rows, labels, ("a", "b", "c"))
    weights = dict(zip(model.features, model.weights))
    assert weights["a"] > weights["b"] > 0 > weights["c"]
    assert _accuracy(model, rows, labels) > 0.9
    assert Logit.from_json(model.to_json()).prob(rows[0]) == model.prob(rows[0])


def test_a_weight_against_its_sign_is_held_at_zero_and_the_rest_refitted():
    rows, labels = _rows()
    # told that `c` raises the label, the fit holds it at 0 instead of giving it the weight the data ask for
    signed = fit(rows, labels, ("a", "b", "c"), signs={"a": 1, "b": 1, "c": 1})
    weights = dict(zip(signed.features, signed.weights))
    assert weights["c"] == 0.0 and weights["a"] > 0 and weights["b"] > 0
    assert 0.75 < _accuracy(signed, rows, labels) < _accuracy(fit(rows, labels, ("a", "b", "c")), rows, labels)
    # signs that agree with the data change nothing
    agreeing = fit(rows, labels, ("a", "b", "c"), signs={"a": 1, "b": 1, "c": -1})
    assert agreeing.weights == fit(rows, labels, ("a", "b", "c")).weights
