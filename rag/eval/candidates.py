"""Feedback from the web app -> eval candidates in the format of evals/qa.jsonl (pure).

Every rated answer becomes one candidate in the "dev" split, for a person to check before it joins the eval set:

- 👍 on an answer: the answer (markers removed) is the reference and its citations are the evidence;
- 👍 on a refusal: an "unanswerable" item (the archive does not say);
- 👎: the right answer staff gave is the reference (empty when they gave none); no evidence, since the cited
  passages were wrong.

`facts` is left empty: which short strings every correct answer must contain is for the person who reviews the
candidate to decide. The verdict, note and the answer that was judged travel along under "feedback".
"""

from __future__ import annotations

from collections.abc import Iterable

from ..cite.citations import MARKER_RE


def _item_type(row: dict) -> str:
    if row.get("history"):
        return "followup"
    return "unanswerable" if row["good"] and row.get("refused") else "factoid"


def eval_candidate(row: dict) -> dict:
    """One feedback row (rag.index.usage.UsageLog.feedback) -> one eval item dict with split "dev"."""
    good, refused = bool(row["good"]), bool(row.get("refused"))
    answer = MARKER_RE.sub("", row.get("answer") or "").strip()
    if good:
        reference = answer
        evidence = [] if refused else [{"source": c["source"], "quote": c["quote"]} for c in row.get("citations", ())
                                       if c.get("source") and c.get("quote")]
    else:
        reference, evidence = (row.get("correction") or "").strip(), []
    item = {"id": f"fb{row['id']:04d}", "type": _item_type(row), "question": row["question"],
            "reference": reference, "facts": [], "evidence": evidence, "split": "dev"}
    asked = row.get("asked_at") or row.get("at")
    if asked:
        item["today"] = asked[:10]  # relative dates in the question (上周, 本月) meant the day it was asked
    if row.get("history"):
        item["history"] = list(row["history"])
    item["feedback"] = {"verdict": "good" if good else "bad", "note": row.get("note") or "",
                        "answer": row.get("answer") or "", "refused": refused, "engine": row.get("engine") or ""}
    return item


def eval_candidates(rows: Iterable[dict], bad_only: bool = False) -> list[dict]:
    """Feedback rows (any order) -> eval candidates, oldest first; bad_only keeps the 👎 ones."""
    rows = sorted(rows, key=lambda r: r["id"])
    return [eval_candidate(r) for r in rows if not (bad_only and r["good"])]
