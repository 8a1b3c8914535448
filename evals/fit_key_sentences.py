"""Fit the key-sentence weights of rag/brief/leads.py on the DEV facts of evals/brief.jsonl (never the test facts).

Every news article of the five sample weeks gives examples: each of its sentences other than the lede, labelled
positive when it holds all keywords of a dev fact of that week that neither the lede nor the headline holds. A
logistic regression (numpy, L2) over `leads.key_features` gives the weights; the script prints them as
KEY_WEIGHTS/KEY_BIAS, and the dev coverage of the briefings with the current and with the fitted weights.

    python evals/fit_key_sentences.py [--corpus ../shared/corpus/qujiang] [--l2 3.0] [--cv] [--only aim]

--cv first prints, for a few L2 values, the dev coverage of each week under weights fitted on the other four
weeks' dev facts: judge a change by that (the five weeks are few; in-sample dev coverage reaches 1.0 easily).
--only fits just the named features (a new one), keeping the other weights and the bias: a new feature then
cannot swing weights the small dev set barely supports.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rag.brief import leads  # noqa: E402
from rag.eval.metrics import brief_coverage, load_briefs, norm  # noqa: E402
from rag.eval.runner import DEFAULT_CORPUS, EVALS_DIR, ensure_archive  # noqa: E402
from rag.service import Service  # noqa: E402
from rag.settings import Settings  # noqa: E402
from rag.text import char_ngrams  # noqa: E402


def examples(service: Service, weeks) -> tuple[np.ndarray, np.ndarray]:
    rows, labels = [], []
    for week in weeks:
        facts = [f for f in week.stories if f.split == "dev"]
        start, end = dt.date.fromisoformat(week.date_from), dt.date.fromisoformat(week.date_to)
        for article in service.articles(start, end):
            if article.kind != "news":
                continue
            sentences = leads.news_sentences(article)
            lede = leads.lede_index(sentences, article.title)
            if lede is None:
                continue
            shown = norm(article.title + sentences[lede])
            wanted = [f for f in facts if not all(norm(k) in shown for k in f.keywords)]
            grams = char_ngrams(article.title)
            for i, sentence in enumerate(sentences):
                if i == lede:
                    continue
                features = leads.key_features(sentence, i, grams, sentences[lede])
                rows.append([features[k] for k in leads.KEY_FEATURES])
                labels.append(float(any(all(norm(k) in norm(sentence) for k in f.keywords) for f in wanted)))
    return np.array(rows), np.array(labels)


def fit(x: np.ndarray, y: np.ndarray, l2: float, steps: int = 20000, rate: float = 0.05,
        only: Sequence[str] = ()) -> tuple[np.ndarray, float]:
    """Logistic regression by gradient descent; positives weighted up to balance the classes. With `only`, just
    those features' weights are fitted (from 0 when new); the others and the bias keep their current values."""
    if only:
        w = np.array([leads.KEY_WEIGHTS.get(k, 0.0) for k in leads.KEY_FEATURES])
        b = leads.KEY_BIAS - 0.8
    else:
        w, b = np.zeros(x.shape[1]), 0.0
    free = np.array([not only or k in only for k in leads.KEY_FEATURES], dtype=float)
    balance = np.where(y > 0, (len(y) - y.sum()) / max(y.sum(), 1.0), 1.0)
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(x @ w + b)))
        grad = balance * (p - y)
        w -= rate * free * ((x.T @ grad) / len(y) + l2 * w / len(y))
        if not only:
            b -= rate * grad.mean()
    return w, b


def dev_coverage(service: Service, weeks) -> list[float]:
    out = []
    for week in weeks:
        start, end = dt.date.fromisoformat(week.date_from), dt.date.fromisoformat(week.date_to)
        out.append(brief_coverage(service.brief(start, end), week)["coverage_dev"])
    return out


def held_out(service: Service, weeks, l2: float, only: Sequence[str] = ()) -> float:
    """Leave-one-week-out dev coverage: the weights fitted on four weeks' dev facts, scored on the fifth's (the
    sample is small; a weight that only fits the weeks it saw should not be chosen)."""
    saved = leads.KEY_WEIGHTS, leads.KEY_BIAS
    scores = []
    for k, week in enumerate(weeks):
        x, y = examples(service, [w for j, w in enumerate(weeks) if j != k])
        leads.KEY_WEIGHTS, leads.KEY_BIAS = saved
        w, b = fit(x, y, l2, only=only)
        leads.KEY_WEIGHTS = {f: float(v) for f, v in zip(leads.KEY_FEATURES, w)}
        leads.KEY_BIAS = float(b) + 0.8
        scores += dev_coverage(service, [week])
    leads.KEY_WEIGHTS, leads.KEY_BIAS = saved
    return round(float(np.mean(scores)), 4)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--l2", type=float, default=3.0)
    parser.add_argument("--cv", action="store_true", help="print the held-out dev coverage of a few L2 values first")
    parser.add_argument("--only", default="", help="comma-separated features to fit (a new feature), the other "
                        "weights and the bias kept")
    args = parser.parse_args()
    settings = Settings()
    service = Service(settings.model_copy(update={"home": ensure_archive(settings, args.corpus)}))
    weeks = load_briefs(EVALS_DIR / "brief.jsonl", "dev")  # the test facts are never read
    only = tuple(f for f in args.only.split(",") if f)
    if args.cv:
        for l2 in (1.0, 3.0, 10.0, 30.0, 100.0, 300.0):
            print(f"L2 {l2}: held-out dev coverage {held_out(service, weeks, l2, only)}")
    x, y = examples(service, weeks)
    print(f"{len(y)} sentences, {int(y.sum())} holding a dev fact the lede and headline do not")
    print("dev coverage, current weights:", dev_coverage(service, weeks))
    w, b = fit(x, y, args.l2, only=only)
    # scale so the decision threshold of key_sentences (min_score) keeps its meaning: bias = -min_score at p=0.5
    fitted = {k: round(float(v), 2) for k, v in zip(leads.KEY_FEATURES, w)}
    leads.KEY_WEIGHTS, leads.KEY_BIAS = fitted, round(float(b), 2) + 0.8
    print("KEY_WEIGHTS =", fitted)
    print("KEY_BIAS =", leads.KEY_BIAS)
    print("dev coverage, fitted weights:", dev_coverage(service, weeks))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
