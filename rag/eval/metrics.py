"""Pure eval logic: the eval-set format, text matching, per-item scores, aggregation and threshold checks.

No I/O beyond reading the set files; the runner that asks the Service lives in rag/eval/runner.py.
"""

from __future__ import annotations

import json
import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..cite.citations import MARKER_RE, REFUSAL_PREFIX
from ..errors import ConfigError
from ..models import Answer, Brief

TYPES = ("factoid", "list", "multi", "temporal", "person", "unanswerable", "followup")
SPLITS = ("dev", "test")  # dev: tuned on; test: frozen, only reported
# metrics where higher is better; the rest (false_refusal, latency) are better when lower
HIGHER_IS_BETTER = ("citation_hit", "citation_recall", "recall_at_k", "fact_recall", "citation_precision",
                    "refusal_accuracy", "brief_coverage", "brief_coverage_dev", "brief_coverage_min",
                    "brief_supported", "brief_once")


@dataclass(frozen=True)
class Evidence:
    source: str  # corpus file name
    quote: str  # verbatim passage of the source (compare without whitespace)


@dataclass(frozen=True)
class EvalItem:
    id: str
    type: str
    question: str
    reference: str
    facts: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    today: str | None = None  # YYYY-MM-DD reference day for relative time expressions
    history: tuple[str, ...] = ()  # earlier questions of the conversation, asked first
    split: str = "dev"  # "dev" (tuned on) or "test" (frozen: reported, never tuned on)
    group: str = ""  # items asking the same fact share a group (and a split)
    kind: str = ""  # how it is asked: formal, colloquial, keywords, paraphrase, typo, near_miss, ...

    @property
    def answerable(self) -> bool:
        return self.type != "unanswerable"


@dataclass(frozen=True)
class KeyFact:
    """A fact an editor would put in that week's briefing; covered when one item holds all its keywords.
    split: dev (may be tuned on) or test (reported only)."""

    label: str
    keywords: tuple[str, ...]
    kind: str = "story"  # story | number | name | commentary
    split: str = "test"


@dataclass(frozen=True)
class BriefExpectation:
    source: str
    date_from: str
    date_to: str
    stories: tuple[KeyFact, ...] = field(default=())
    articles: int | None = None  # articles of the week, as counted by the writer of the facts


def _read_jsonl(path: Path) -> list[dict]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise ConfigError(f"cannot read eval set {path}: {e.strerror}; pass an existing file with --set") from e
    rows = []
    for n, line in enumerate(lines, 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise ConfigError(f"{path}:{n}: not valid JSON ({e.msg})") from e
    return rows


def load_set(path: Path) -> list[EvalItem]:
    """Read a QA eval set (JSONL, see evals/README.md) -> items; ConfigError on a malformed line."""
    items = []
    for row in _read_jsonl(path):
        try:
            items.append(EvalItem(
                id=row["id"], type=row["type"], question=row["question"], reference=row.get("reference", ""),
                facts=tuple(row.get("facts", ())),
                evidence=tuple(Evidence(e["source"], e["quote"]) for e in row.get("evidence", ())),
                today=row.get("today"), history=tuple(row.get("history", ())), split=row.get("split", "dev"),
                group=row.get("group", row["id"]), kind=row.get("kind", "")))
        except (KeyError, TypeError) as e:
            raise ConfigError(f"{path}: item {row.get('id', '?')} lacks field {e}") from e
    return items


def load_briefs(path: Path, split: str = "all") -> list[BriefExpectation]:
    """Read briefing expectations (JSONL: source, from, to, articles?, stories[{label, keywords, kind?, split?}]),
    keeping the key facts of `split` (all, dev or test)."""
    out = []
    for r in _read_jsonl(path):
        try:
            facts = tuple(KeyFact(s["label"], tuple(s["keywords"]), s.get("kind", "story"), s.get("split", "test"))
                          for s in r["stories"] if split in ("all", s.get("split", "test")))
            out.append(BriefExpectation(r["source"], r["from"], r["to"], facts, r.get("articles")))
        except (KeyError, TypeError) as e:
            raise ConfigError(f"{path}: briefing {r.get('source', '?')} lacks field {e}") from e
    return out


# --- matching ---------------------------------------------------------------------------------------------------

def norm(text: str) -> str:
    """Text for matching: NFKC (full-width -> half-width), lower case, no whitespace, no punctuation or symbols.

    Cleaning may rejoin lines, change quote styles or widths; none of that should decide a match.
    """
    text = unicodedata.normalize("NFKC", MARKER_RE.sub("", text)).lower()
    return "".join(ch for ch in text if not ch.isspace() and unicodedata.category(ch)[0] not in "PSZ")


def quote_problems(items: Iterable[EvalItem], corpus_dir: Path) -> list[str]:
    """Evidence quotes not found verbatim (whitespace removed on both sides) in their source file; [] when all are."""
    texts: dict[str, str] = {}
    problems = []
    for item in items:
        for ev in item.evidence:
            if ev.source not in texts:
                path = corpus_dir / ev.source
                texts[ev.source] = re.sub(r"\s+", "", path.read_text(encoding="utf-8")) if path.exists() else ""
            if re.sub(r"\s+", "", ev.quote) not in texts[ev.source]:
                problems.append(f"{item.id}: quote not in {ev.source}: {ev.quote}")
    return problems


def evidence_found(quote: str, texts: Sequence[str]) -> bool:
    """True when one of `texts` contains the quote (normalised, see `norm`)."""
    q = norm(quote)
    return bool(q) and any(q in norm(t) for t in texts)


def is_refusal(answer: Answer) -> bool:
    return answer.refused or answer.answer.strip().startswith(REFUSAL_PREFIX)


def fact_recall(answer_text: str, facts: Sequence[str]) -> float | None:
    """Share of facts contained in the answer (normalised); None when the item has no facts."""
    if not facts:
        return None
    text = norm(answer_text)
    return sum(norm(f) in text for f in facts) / len(facts)


def first_line_fact(answer_text: str, facts: Sequence[str]) -> float | None:
    """1.0 when the answer's first line (after a notice in full-width brackets, such as a typo's
    「（“朱健成”按档案中的“朱建成”查找。）」) holds a fact of the reference answer, else 0.0; None without facts.
    Fact recall reads the whole answer, so a wrong direct line above the right sentence passes it: this reads
    what staff see first."""
    if not facts:
        return None
    lines = [ln for ln in answer_text.splitlines() if ln.strip() and not ln.lstrip().startswith("（")]
    first = norm(lines[0]) if lines else ""
    return float(any(norm(f) in first for f in facts))


def citation_precision(answer: Answer) -> float | None:
    """Sentences that carry citations the verifier accepted / all sentences; None for a refusal or no sentences."""
    if is_refusal(answer) or not answer.sentences:
        return None
    good = sum(1 for s in answer.sentences if s.supported and s.citations)
    return good / len(answer.sentences)


def score_item(item: EvalItem, answer: Answer, retrieved: Sequence[str] | None, latency_ms: float) -> dict:
    """One item's record: what was answered and its scores (None where a metric does not apply)."""
    cited = [c.chunk for c in answer.citations]
    refused = is_refusal(answer)
    found = [evidence_found(e.quote, cited) for e in item.evidence]
    rec = {
        "id": item.id, "type": item.type, "split": item.split, "kind": item.kind, "question": item.question,
        "answer": answer.answer,
        "cited_sources": sorted({c.source for c in answer.citations}),
        "refused": refused, "latency_ms": round(latency_ms, 1),
        "citation_hit": (float(any(found)) if found else None),
        "citation_recall": (sum(found) / len(found) if found else None),
        "recall_at_k": None,
        "fact_recall": (0.0 if refused and item.facts else fact_recall(answer.answer, item.facts)),
        "citation_precision": citation_precision(answer),
        "first_line": None if refused else first_line_fact(answer.answer, item.facts),
        "facts_missing": [f for f in item.facts if norm(f) not in norm(answer.answer)],
    }
    if item.split == "test":  # reported, never read: the numbers only, not what was asked and answered
        rec |= {"question": None, "answer": None, "facts_missing": None}
    if retrieved is not None and item.evidence:
        rec["recall_at_k"] = sum(evidence_found(e.quote, retrieved) for e in item.evidence) / len(item.evidence)
    return rec


def _mean(values: Iterable[float | None]) -> float | None:
    vals = [v for v in values if v is not None]
    return round(sum(vals) / len(vals), 4) if vals else None


def _percentile(values: Sequence[float], q: float) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return round(values[0], 1)
    return round(statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1], 1)


def summarize(records: Sequence[dict]) -> dict:
    """Aggregate item records -> metric dict (means over the items a metric applies to)."""
    answerable = [r for r in records if r["type"] != "unanswerable"]
    unanswerable = [r for r in records if r["type"] == "unanswerable"]
    latencies = [r["latency_ms"] for r in records]
    out = {"n": len(records)}
    for key in ("citation_hit", "citation_recall", "recall_at_k", "fact_recall", "citation_precision", "first_line"):
        out[key] = _mean(r.get(key) for r in answerable)
    out["refusal_accuracy"] = _mean(float(r["refused"]) for r in unanswerable)
    out["false_refusal"] = _mean(float(r["refused"]) for r in answerable)
    out["latency_p50_ms"] = _percentile(latencies, 50)
    out["latency_p95_ms"] = _percentile(latencies, 95)
    return out


def summarize_by_type(records: Sequence[dict]) -> dict:
    """{"overall": summary, "by_type": {type: summary}} for the types present."""
    by_type = {t: summarize([r for r in records if r["type"] == t]) for t in TYPES
               if any(r["type"] == t for r in records)}
    return {"overall": summarize(records), "by_type": by_type}


def summarize_splits(records: Sequence[dict]) -> dict:
    """{split: summarize_by_type of its records} for the splits present, plus per-kind summaries of each."""
    out = {}
    for split in SPLITS:
        mine = [r for r in records if r.get("split", "dev") == split]
        if mine:
            kinds = sorted({r.get("kind") or "-" for r in mine})
            out[split] = {**summarize_by_type(mine),
                          "by_kind": {k: summarize([r for r in mine if (r.get("kind") or "-") == k]) for k in kinds}}
    return out


def _coverage(facts: Sequence[KeyFact], texts: Sequence[str]) -> float | None:
    covered = [f for f in facts if any(all(norm(k) in t for k in f.keywords) for t in texts)]
    return round(len(covered) / len(facts), 4) if facts else None


def brief_coverage(brief: Brief, expectation: BriefExpectation, articles: Sequence[str] | None = None) -> dict:
    """Which key facts a briefing covers (one item, headline and author included, holding all of a fact's
    keywords), per split; how many of its items are cited and supported; and, given the ids of the period's
    `articles`, whether each is accounted for by exactly one item."""
    items = brief.items()
    texts = [norm(f"{i.headline}{i.text}{i.author}") for i in items]
    facts = expectation.stories
    # the labels of missed dev facts; missed test facts only counted (the test split is reported, not read)
    missed = [f for f in facts if not any(all(norm(k) in t for k in f.keywords) for t in texts)]
    missing = [f.label for f in missed if f.split != "test"]
    if any(f.split == "test" for f in missed):
        missing.append(f"{sum(f.split == 'test' for f in missed)} test fact(s)")
    supported = [bool(i.citations) and i.supported for i in items]
    out = {"source": expectation.source, "from": expectation.date_from, "to": expectation.date_to,
           "coverage": _coverage(facts, texts),
           "coverage_dev": _coverage([f for f in facts if f.split == "dev"], texts),
           "coverage_test": _coverage([f for f in facts if f.split == "test"], texts),
           "supported": round(sum(supported) / len(supported), 4) if supported else None,
           "items": len(items), "missing": missing}
    if articles is not None:
        out |= accounted_once(brief, articles)
    return out


def accounted_once(brief: Brief, articles: Sequence[str]) -> dict:
    """Each article of the period must be cited by exactly one item (overview pointers and 与上周相比 aside):
    {"articles": n, "once": share accounted for exactly once, "absent": [ids], "repeated": [ids]}."""
    by_n = {c.n: c.article_id for c in brief.citations}
    seen = Counter(a for i in brief.items() for a in {by_n.get(n) for n in i.citations} if a)
    absent = [a for a in articles if seen[a] == 0]
    repeated = [a for a in articles if seen[a] > 1]
    once = sum(seen[a] == 1 for a in articles)
    return {"articles": len(articles), "once": round(once / len(articles), 4) if articles else None,
            "absent": absent, "repeated": repeated}


def diff(current: dict, previous: dict | None) -> dict[str, tuple[float | None, float | None]]:
    """Overall metrics that changed: {metric: (previous, current)}; every metric when there is no previous."""
    old = (previous or {}).get("summary", {}).get("overall", {})
    new = current.get("summary", {}).get("overall", {})
    return {k: (old.get(k), v) for k, v in new.items() if old.get(k) != v}


def threshold_failures(summary: dict, thresholds: dict, splits: dict | None = None) -> list[str]:
    """Metrics that miss their threshold -> messages ([] when all pass).

    `thresholds` = {"overall": {...}, "by_type": {type: {...}}, "<split>": {"overall": ..., "by_type": ...}}:
    "overall"/"by_type" apply to `summary` (the whole run: briefing metrics), a split's key to that split's
    summary in `splits` (the QA gate uses the frozen test split). A key "min_<metric>" needs value >= limit and
    "max_<metric>" needs value <= limit; keys starting with "_" are comments. A metric that was not measured
    (None, or a type or split absent from the run) fails: a gate must not pass on missing numbers.
    """
    scopes = [("overall", summary.get("overall", {}), thresholds.get("overall", {}))]
    scopes += [(t, summary.get("by_type", {}).get(t, {}), limits)
               for t, limits in thresholds.get("by_type", {}).items()]
    for split in SPLITS:
        if split in thresholds:
            mine = (splits or {}).get(split, {})
            scopes.append((f"{split}.overall", mine.get("overall", {}), thresholds[split].get("overall", {})))
            scopes += [(f"{split}.{t}", mine.get("by_type", {}).get(t, {}), limits)
                       for t, limits in thresholds[split].get("by_type", {}).items()]
    failures = []
    for scope, values, limits in scopes:
        for key, limit in limits.items():
            if key.startswith("_"):
                continue
            kind, _, metric = key.partition("_")
            if kind not in ("min", "max"):
                raise ConfigError(f"threshold {scope}.{key}: name must start with min_ or max_")
            value = values.get(metric)
            if value is None or (value < limit if kind == "min" else value > limit):
                failures.append(f"{scope}.{metric} = {value} (threshold {kind} {limit})")
    return failures
