"""Precision and recall of the entity extractor against the frozen hand-labelled sample (evals/entities.jsonl).

Each gold passage is read as the ingest reads text (width and spaces repaired, rag.ingest.clean), and the
extractor runs on it with the lexicon an archive of the sample corpus would have learned (every issue parsed and
its anchored names learned, no labels used). A predicted mention counts when a gold mention of the same type and
text (compared after `norm`) is still unmatched in that passage: multisets, so a name printed twice must be found
twice. For people that are matched, the post and the role are scored too.
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..index.entities.extract import KINDS, Found, Lexicon, extract
from ..ingest.clean import curl_quotes, normalize_spaces, normalize_width, repair

GOLD = Path(__file__).resolve().parents[2] / "evals" / "entities.jsonl"
TARGETS = {"precision": 0.95, "recall": 0.85}


def norm(text: str) -> str:
    """NFKC, lower case, no whitespace, punctuation or symbols (the labelling guide's comparison)."""
    text = unicodedata.normalize("NFKC", text).lower()
    return "".join(c for c in text if not c.isspace() and unicodedata.category(c)[0] not in "PSZ")


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def to_json(self) -> dict:
        return {"precision": round(self.precision, 3), "recall": round(self.recall, 3), "tp": self.tp,
                "fp": self.fp, "fn": self.fn}


@dataclass
class PassageResult:
    id: str
    split: str
    missed: list[tuple[str, str]] = field(default_factory=list)  # (type, text)
    extra: list[tuple[str, str]] = field(default_factory=list)
    post_wrong: list[tuple[str, str | None, str | None]] = field(default_factory=list)  # (name, gold, ours)
    role_wrong: list[tuple[str, str, str | None]] = field(default_factory=list)


def load_gold(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def read_passage(passage: str, source: str | None = None) -> str:
    """A gold passage as the ingest would have repaired its text. With its source file's text: the passage's own
    span of it (found with whitespace removed from both, as the labelling guide says), line breaks and tabs as
    printed, through the ingest's repair (clean.repair); else (or when repair drops the span as page furniture)
    the passage itself, width and spaces normalised."""
    if source is not None:
        at = [i for i, c in enumerate(source) if not c.isspace()]
        compact = "".join(source[i] for i in at)
        wanted = "".join(passage.split())
        k = compact.find(wanted)
        if k >= 0:
            repaired = repair(source[at[k]:at[k + len(wanted) - 1] + 1])
            if len("".join(repaired.split())) >= 0.9 * len(wanted):
                return repaired
    return normalize_spaces(curl_quotes(normalize_width(passage)))


def score_passage(row: dict, found: list[Found]) -> tuple[dict[str, Tally], PassageResult, dict[str, int]]:
    """Tallies per type for one passage, what was missed or extra, and post/role agreement of matched people."""
    result = PassageResult(row["id"], row["split"])
    tallies = {k: Tally() for k in KINDS}
    extra = {"post_ok": 0, "role_ok": 0, "people_matched": 0}
    pool: dict[tuple[str, str], list[dict]] = {}
    for m in row["mentions"]:
        pool.setdefault((m["type"], norm(m["text"])), []).append(m)
    for f in found:
        key = (f.kind, norm(f.text))
        if pool.get(key):
            gold = pool[key].pop(0)
            tallies[f.kind].tp += 1
            if f.kind == "person":
                extra["people_matched"] += 1
                post_ok = norm(gold["post"] or "") == norm(f.post or "")
                extra["post_ok"] += post_ok
                if not post_ok:
                    result.post_wrong.append((f.text, gold["post"], f.post))
                extra["role_ok"] += gold["role"] == f.role
                if gold["role"] != f.role:
                    result.role_wrong.append((f.text, gold["role"], f.role))
        else:
            tallies[f.kind].fp += 1
            result.extra.append((f.kind, f.text))
    for (kind, _), left in pool.items():
        for m in left:
            tallies[kind].fn += 1
            result.missed.append((kind, m["text"]))
    return tallies, result, extra


def corpus_lexicon(corpus: Path) -> Lexicon:
    """What an archive of the corpus learns: every issue read and parsed, the anchored names of its articles."""
    from ..index.entities.build import extract_batch
    from ..ingest.parse import parse_issue
    from ..ingest.read import read_issue

    dates = {}
    tsv = corpus / "dates.tsv"
    if tsv.exists():
        for line in tsv.read_text(encoding="utf-8").splitlines()[1:]:
            name, date, *_ = line.split("\t")
            dates[name] = dt.date.fromisoformat(date)
    articles = [a for path in sorted(corpus.glob("*.txt")) for a in parse_issue(read_issue(path, dates.get(path.name)))]
    return extract_batch(articles, Lexicon())[1]


def evaluate(gold: Iterable[dict], lexicon: Lexicon, corpus: Path | None = None) -> dict:
    """Per split and type: precision, recall, counts; post and role agreement; the passages' misses and extras.
    corpus: the folder of the passages' source files, read as read_passage says (None: the passages as given)."""
    gold = list(gold)
    sources = {}
    if corpus is not None:
        sources = {name: (corpus / name).read_text(encoding="utf-8") for name in {r["source"] for r in gold}
                   if (corpus / name).exists()}
    out: dict = {}
    passages = []
    for split in ("dev", "test"):
        tallies = {k: Tally() for k in KINDS}
        agree = Counter()
        for row in gold:
            if row["split"] != split:
                continue
            text = read_passage(row["passage"], sources.get(row["source"]))
            t, result, extra = score_passage(row, extract(text, lexicon))
            for k in KINDS:
                tallies[k].tp += t[k].tp
                tallies[k].fp += t[k].fp
                tallies[k].fn += t[k].fn
            agree.update(extra)
            passages.append(result)
        total = Tally(sum(t.tp for t in tallies.values()), sum(t.fp for t in tallies.values()),
                      sum(t.fn for t in tallies.values()))
        matched = agree["people_matched"] or 1
        out[split] = {**{k: tallies[k].to_json() for k in KINDS}, "all": total.to_json(),
                      "post_accuracy": round(agree["post_ok"] / matched, 3),
                      "role_accuracy": round(agree["role_ok"] / matched, 3)}
    out["passages"] = [p.__dict__ for p in passages if p.missed or p.extra or p.post_wrong or p.role_wrong]
    return out


def format_report(result: dict) -> str:
    """The result as a table: per split, per type precision and recall with counts; post and role agreement."""
    lines = [f"{'split':<6} {'type':<7} {'precision':>9} {'recall':>7} {'tp':>4} {'fp':>4} {'fn':>4}"]
    for split in ("dev", "test"):
        for kind in (*KINDS, "all"):
            t = result[split][kind]
            lines.append(f"{split:<6} {kind:<7} {t['precision']:>9.3f} {t['recall']:>7.3f} {t['tp']:>4} "
                         f"{t['fp']:>4} {t['fn']:>4}")
        lines.append(f"{split:<6} people: post agrees {result[split]['post_accuracy']:.3f}, role agrees "
                     f"{result[split]['role_accuracy']:.3f}")
    lines.append(f"targets: precision >= {TARGETS['precision']}, recall >= {TARGETS['recall']}")
    return "\n".join(lines)
