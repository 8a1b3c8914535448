"""Fit the extractive answer engine on the dev split of evals/qa.jsonl -> rag/answer/answer_model.json.

    python evals/fit_answer.py [--corpus DIR] [--l2 1.0]

1. Every dev question is planned as the Service plans it (follow-ups after their history) and its candidate
   sentences are scored (rag.answer.scoring.Scorer.score). A candidate is a positive when it holds a fact of the
   item's reference answer or lies in one of its evidence quotes.
2. A logistic regression over the sentence signals gives P(sentence answers); a second one, over the best
   candidates' signals, P(the archive answers) — trained on the answerable questions whose answer was retrieved
   at all and on the unanswerable ones.
3. How many sentences an answer takes and the refusal cut are chosen by a small grid search on the same dev
   questions (fact recall on answerable items, correct refusals on unanswerable ones weighted by UNANSWERED_WEIGHT, a small
   cost per extra sentence).
The test split is never read. Writes the model file and prints what it fitted.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import itertools
import json
import pickle
import zlib
import sys
from pathlib import Path

from rag.answer.ask import from_facts, plan
from rag.answer.extractive import ExtractiveParams
from rag.answer.logit import fit
from rag.answer.scoring import ANSWERABLE_FEATURES, MODEL_PATH, SENTENCE_FEATURES, SIGNS, load_model
from rag.eval.metrics import load_set, norm
from rag.eval.runner import DEFAULT_CORPUS, EVALS_DIR, ensure_archive
from rag.service import Service
from rag.settings import Settings


# An unanswerable question counts this many times in the grid's objective. First chosen by 5-fold CV on dev
# (session 2, 53 near misses, 211 answerable): 3.0 refused 0.698 of the near misses and 0.227 of the answerable
# questions (fact recall 0.665); 1.5 refused 0.566 and 0.161 (fact recall 0.722). With the noseries signal
# (session 3), CV: 1.5 -> 0.679 / 0.171 / 0.724; 1.0 -> 0.491 / 0.123 / 0.762; 0.5 -> 0.396 / 0.062 / 0.808.
# 0.5 makes the objective weigh near misses as often as staff ask them: dev holds 20% (53 of 264), staff about
# 10% (6 of 60 in the independent set issue 10 reports), and 0.2 * 0.5 / 0.8 ~ 0.1 / 0.9.
UNANSWERED_WEIGHT = 0.5
# Issue 10's limit for answerable questions refused (5%), held on cross-validated dev numbers: a refused answerable
# question is what staff complained of most (37% of them in the independent set)
FALSE_REFUSAL_BUDGET = 0.05
WIDER = 6  # more hits searched, so that a question without its answering articles still has top_k of them
COUNTERFACTUAL_WEIGHT = 0.5  # a made-up unanswerable question counts half a written one


def _label(text: str, facts: list[str], quotes: list[str]) -> int:
    t = norm(text)
    return int(any(f in t for f in facts) or any(q in t or (len(t) >= 8 and t in q) for q in quotes))


def collect(service: Service, items) -> list[dict]:
    """One record per dev item: the hits, the scoring, labels and the item."""
    engine = service.answer_engine()
    out = []
    for n, item in enumerate(items):
        today = dt.date.fromisoformat(item.today) if item.today else dt.date(2025, 6, 1)
        history: list[tuple[str, str]] = []
        for q in item.history:
            history.append((q, service.ask(q, today=today, history=list(history)).answer))
        found = plan(item.question, history, engine, service.retriever, service.archive.tokenizer.proper_nouns,
                     service.settings.top_k, today, newest=service.archive.newest_date)
        wide = plan(item.question, history, engine, service.retriever, service.archive.tokenizer.proper_nouns,
                    service.settings.top_k + WIDER, today, newest=service.archive.newest_date).hits
        question, hits = item.question, found.hits
        scoring = engine.score(question, hits, history, found.when)
        facts = [norm(f) for f in item.facts]
        quotes = [norm(e.quote) for e in item.evidence]
        labels = [_label(c.text, facts, quotes) for c in scoring.candidates]
        out.append({"item": item, "question": question, "hits": hits, "history": history, "when": found.when,
                    "scoring": scoring, "wide": wide,
                    "labels": labels, "facts": facts})
        print(f"\r[{n + 1}/{len(items)}] {item.id}", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    return out


def counterfactual(engine, rec: dict, top_k: int) -> dict | None:
    """A near-miss unanswerable question made from an answerable dev one: the same question searched without
    the articles that answer it (the wider search's next hits take their places). What the engine sees then is
    what it sees when the archive reports on the subject but not the thing asked. None when no remaining
    candidate is left or one still holds a fact of the answer; else its question features."""
    if not rec["item"].answerable or not any(rec["labels"]):
        return None
    quotes = [norm(e.quote) for e in rec["item"].evidence]
    answering = {rec["hits"][c.hit_index].article_id for c, y in zip(rec["scoring"].candidates, rec["labels"]) if y}
    hits = [h for h in rec["wide"] if h.article_id not in answering][:top_k]
    if not hits:
        return None
    scoring = engine.score(rec["question"], hits, rec["history"], rec["when"])
    if not scoring.candidates or any(_label(c.text, rec["facts"], quotes) for c in scoring.candidates):
        return None
    return scoring.features


def fit_answerable(records: list[dict], l2: float, made: bool = True, signs: dict | None = SIGNS):
    """P(the archive answers) over the written questions (answerable ones only when their answer was retrieved
    at all: else there is no signal of what an answerable question looks like) and, with `made`, the
    counterfactual ones (COUNTERFACTUAL_WEIGHT each); the two classes weigh alike."""
    rows, ys, weights = [], [], []
    for rec in records:
        if rec["scoring"].candidates and (not rec["item"].answerable or any(rec["labels"])):
            rows.append(rec["scoring"].features)
            ys.append(int(rec["item"].answerable))
            weights.append(1.0)
        if made and rec.get("made") is not None:
            rows.append(rec["made"])
            ys.append(0)
            weights.append(COUNTERFACTUAL_WEIGHT)
    pos = sum(w for w, y in zip(weights, ys) if y)
    neg = sum(w for w, y in zip(weights, ys) if not y)
    return fit(rows, ys, ANSWERABLE_FEATURES, l2=l2, signs=signs,
               sample_weight=[w * (0.5 / pos if y else 0.5 / neg) * len(ys) for w, y in zip(weights, ys)])


def rejudge(records: list[dict], model) -> None:
    """Each record's P(answerable) from `model` (the candidates and their probabilities do not change)."""
    for rec in records:
        if rec["scoring"].candidates:
            rec["scoring"] = dataclasses.replace(rec["scoring"], answerable=model.prob(rec["scoring"].features))


def _fold(rec: dict, folds: int) -> int:
    """The fold of a record: by its item's group, so that the phrasings of one fact (formal, colloquial,
    keywords…) are held out together. Split by item, a model is scored on a fact whose other phrasings it was
    fitted on, and the refusals it would make on a fact never seen look rarer than they are."""
    return zlib.crc32(rec["item"].group.encode("utf-8")) % folds


def cross_validate(engine, records: list[dict], l2: float, made: bool, unanswered: float = UNANSWERED_WEIGHT,
                   folds: int = 5, cut: float | None = None, signs: dict | None = SIGNS) -> dict:
    """How the answerability model does on dev questions it was not fitted on: each fold's model (and its
    refusal cut, chosen on the other folds unless `cut` is given) judges the fold. Refusal rates of the written
    questions."""
    fixed = cut
    base = engine.params
    refused_un, refused_ans, n_un, n_ans, score = 0, 0, 0, 0, 0.0
    for k in range(folds):
        train = [r for r in records if _fold(r, folds) != k]
        held = [r for r in records if _fold(r, folds) == k]
        rejudge(records, fit_answerable(train, l2, made, signs))
        cut = fixed if fixed is not None else max(CUTS, key=lambda c: objective(
            engine, train, dataclasses.replace(base, min_answerable=c), unanswered))
        engine.params = dataclasses.replace(base, min_answerable=cut)
        for rec in held:
            refused = engine.refuses(rec["scoring"], rec["hits"])  # engine.params holds the cut
            if rec["item"].answerable:
                n_ans, refused_ans = n_ans + 1, refused_ans + refused
            else:
                n_un, refused_un = n_un + 1, refused_un + refused
            score += simulate(engine, rec)[0] if rec["item"].answerable else 0.0
        engine.params = base
    return {"unanswerable_refused": refused_un / max(n_un, 1), "answerable_refused": refused_ans / max(n_ans, 1),
            "fact_recall": score / max(n_ans, 1),
            "objective": (score + unanswered * refused_un) / max(n_ans + unanswered * n_un, 1)}


CUTS = (0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7)


def objective(engine, records: list[dict], params, unanswered: float = UNANSWERED_WEIGHT) -> float:
    """The grid's objective: mean item score, an unanswerable question counting UNANSWERED_WEIGHT times, less a
    small cost per sentence."""
    saved, engine.params = engine.params, params
    scores = [simulate(engine, rec) for rec in records]
    engine.params = saved
    weights = [1.0 if rec["item"].answerable else unanswered for rec in records]
    return (sum(w * s for w, (s, _) in zip(weights, scores)) / sum(weights)
            - 0.005 * sum(n for _, n in scores) / len(scores))


def simulate(engine, rec: dict) -> tuple[float, int]:
    """(item score, sentences) of the engine's answer to a collected item, without verification."""
    scoring, item = rec["scoring"], rec["item"]
    refused = engine.refuses(scoring, rec["hits"])  # as ExtractiveEngine.answer
    if not item.answerable:
        return float(refused), 0
    if refused:
        return 0.0, 0
    chosen = engine._choose(scoring, rec["hits"])
    text = norm("".join(engine._lines(scoring.ask, chosen, rec["hits"])))
    return sum(f in text for f in rec["facts"]) / max(len(rec["facts"]), 1), len(chosen)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--unanswered-weight", type=float, default=UNANSWERED_WEIGHT)
    ap.add_argument("--false-refusal-budget", type=float, default=FALSE_REFUSAL_BUDGET,
                    help="consider only the refusal cuts that refuse at most this share of the answerable dev "
                    "questions, cross-validated (the least refusing cut when none does)")
    ap.add_argument("--cv", action="store_true", help="also print the answerability model's 5-fold "
                    "cross-validated refusal rates on dev")
    # Both options below were the defaults until session 5. With the 90 questions of a third writer in dev (98
    # near misses), 5-fold CV within the 5% budget: neither, cut 0.2 -> near misses refused 0.673, answerable
    # refused 0.048, facts 0.875; --made 0.602 / 0.066 / 0.861; --signs 0.551 / 0.057 / 0.869; both 0.561 /
    # 0.057 / 0.871. The made questions differ from real near misses (the whole subject is gone, not one detail).
    ap.add_argument("--made", action="store_true", help="also fit answerability on counterfactual unanswerable "
                    "questions (an answerable one searched without its answering articles)")
    ap.add_argument("--signs", action="store_true", help="hold each weight to its feature's known direction "
                    "(scoring.SIGNS)")
    ap.add_argument("--cache", type=Path, help="keep the searched dev questions here between runs (pickle; "
                    "delete it when the archive, the retriever or the search plan change: the signals are recomputed)")
    ap.add_argument("--dump", type=Path, help="write each dev item's signals and top candidates here (JSON)")
    args = ap.parse_args()

    items = [i for i in load_set(EVALS_DIR / "qa.jsonl") if i.split == "dev"]
    settings = Settings()
    home = ensure_archive(settings, args.corpus)
    service = Service(settings.model_copy(update={"home": home}))
    if args.cache and args.cache.exists():
        cached = {rec["item"]: rec for rec in pickle.loads(args.cache.read_bytes())}  # (EvalItem is frozen: hashable)
        # items added to dev since the cache was written, or edited (their question, history, facts or evidence)
        new = [i for i in items if i not in cached]
        records = [cached[i] for i in items if i in cached] + (collect(service, new) if new else [])
        if new:
            args.cache.write_bytes(pickle.dumps(records))
        engine = service.answer_engine()  # the searches are kept; the signals are those of the code as it is now
        for rec in records:
            rec["scoring"] = engine.score(rec["question"], rec["hits"], rec["history"], rec["when"])
            rec["labels"] = [_label(c.text, rec["facts"], [norm(e.quote) for e in rec["item"].evidence])
                             for c in rec["scoring"].candidates]
    else:
        records = collect(service, items)
        if args.cache:
            args.cache.write_bytes(pickle.dumps(records))

    # questions the catalog or the entity index answer (who wrote the commentary, an issue's date, who someone
    # is) never reach the engine's refusal: they would only blur what an answerable question looks like to it
    known = service._known()
    engine = service.answer_engine()
    for rec in records:
        found = plan(known.spelled(rec["question"]), rec["history"], engine, service.retriever,
                     service.archive.tokenizer.proper_nouns, service.settings.top_k, dt.date(2025, 6, 1)
                     if not rec["item"].today else dt.date.fromisoformat(rec["item"].today),
                     newest=service.archive.newest_date)
        rec["known"] = from_facts(known.spelled(rec["question"]), found, known, engine) is not None
    print(f"{sum(r['known'] for r in records)} dev questions answered from the entity index or the catalog: "
          "left out of the fit", file=sys.stderr)
    records = [r for r in records if not r["known"]]

    rows, ys = [], []
    for rec in records:
        if rec["item"].answerable:
            rows += [c.features for c in rec["scoring"].candidates]
            ys += rec["labels"]
    signs = SIGNS if args.signs else None
    sentence = fit(rows, ys, SENTENCE_FEATURES, l2=args.l2, signs=signs)
    print(f"sentence model: {len(rows)} candidates, {sum(ys)} positive")
    for f, w in zip(sentence.features, sentence.weights):
        print(f"  {f:<10} {w:+.3f}")

    # re-score with the sentence model, then fit answerability on what the engine will see
    engine = service.answer_engine()
    engine.sentence_model, engine.answerable_model = sentence, None
    for rec in records:
        rec["scoring"] = engine.score(rec["question"], rec["hits"], rec["history"], rec["when"])
        rec["labels"] = [_label(c.text, rec["facts"], [norm(e.quote) for e in rec["item"].evidence])
                         for c in rec["scoring"].candidates]
    for rec in records:
        rec["made"] = counterfactual(engine, rec, service.settings.top_k)
    answerable = fit_answerable(records, args.l2, args.made, signs)
    print(f"answerable model: {sum(bool(r['scoring'].candidates) for r in records)} questions, "
          f"{sum(r['made'] is not None for r in records) if args.made else 0} made unanswerable by leaving out "
          f"their answering articles")
    for f, w in zip(answerable.features, answerable.weights):
        print(f"  {f:<10} {w:+.3f}")
    if args.cv:
        cv = cross_validate(engine, records, args.l2, args.made, args.unanswered_weight, signs=signs)
        print("cross-validated on dev (5 folds): " + ", ".join(f"{k} {v:.3f}" for k, v in cv.items()))
    # the refusal cut: among the cuts that refuse at most FALSE_REFUSAL_BUDGET of the answerable dev questions
    # they were not fitted on (the least refusing one when none does), the one whose answers score best, all
    # cross-validated: in sample every cut looks better than it is (cut 0.3 of one model refused 4.7% of the
    # answerable questions in sample, 8.5% cross-validated)
    by_cut = {c: cross_validate(engine, records, args.l2, args.made, args.unanswered_weight, cut=c, signs=signs)
              for c in CUTS}
    for c, cv in by_cut.items():
        print(f"cut {c}: cross-validated " + ", ".join(f"{k} {v:.3f}" for k, v in cv.items()))
    within = [c for c in CUTS if by_cut[c]["answerable_refused"] <= args.false_refusal_budget] or [min(CUTS)]
    allowed = [max(within, key=lambda c: by_cut[c]["objective"])]
    engine.answerable_model = answerable
    rejudge(records, answerable)

    grid = {"min_answerable": allowed, "relative": [0.4, 0.5, 0.6, 0.7],
            "relative_list": [0.25, 0.35, 0.45], "max_sentences": [1, 2, 3], "min_prob": [0.1, 0.2]}
    best, best_score = None, -1.0
    for values in itertools.product(*grid.values()):
        # an unanswerable question counts UNANSWERED_WEIGHT times: they are few in the set, and a wrong answer
        # where the archive is silent costs staff more than a refusal
        total = objective(engine, records, ExtractiveParams(**dict(zip(grid, values))), args.unanswered_weight)
        if total > best_score + 1e-9:
            best, best_score = dict(zip(grid, values)), total
    engine.params = ExtractiveParams(**best)
    print(f"params: {best} (dev objective {best_score:.3f})")
    if args.dump:
        args.dump.write_text(json.dumps([{
            "id": r["item"].id, "type": r["item"].type, "question": r["question"], "answerable": r["item"].answerable,
            "p": round(r["scoring"].answerable, 3), "features": {k: round(v, 3) for k, v in r["scoring"].features.items()},
            "score": simulate(engine, r)[0],
            "top": [(round(c.prob, 3), lab, c.text[:60]) for c, lab in zip(r["scoring"].candidates[:4], r["labels"])]}
            for r in records], ensure_ascii=False, indent=1), encoding="utf-8")
    default = dataclasses.asdict(ExtractiveParams())
    args.out.write_text(json.dumps({
        "_comment": "fitted by evals/fit_answer.py on the dev split of evals/qa.jsonl; do not edit by hand",
        "fitted": dt.date.today().isoformat(), "dev_items": len(items),
        "sentence": sentence.to_json(), "answerable": answerable.to_json(),
        "params": {**{k: v for k, v in default.items() if k not in best}, **best}},
        ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    load_model.cache_clear()
    print(f"written {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
