"""Keyword index: bm25s (rebuilt whole on every change) against FTS5 in the catalog's sqlite (written in the same
transaction as the catalog), measured before choosing one (issue 13).

    nice -n 10 python evals/bench_keyword.py [--scales 1,10,100,500] [--out FILE]

The sample corpus is read, parsed, chunked and tokenized as an ingest would (no embedding); each scale repeats its
chunks with new ids (the sample corpus is 141 chunks: scale 100 is about 14k chunks, 500 about 70k). Per scale:
bm25s rebuild time, FTS5 time to add one issue's chunks and to delete them again, query latency of both over the
eval questions (with and without a date filter), and how much their top-10 lists agree. Prints a table and writes
it as JSON (default evals/results/bench-keyword-<date>.json, with the machine's load average: timings on a shared
machine are noisy).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "qujiang"
sys.path.insert(0, str(ROOT))


def corpus_docs(tokenizer) -> list[tuple[str, list[str], int]]:
    """(chunk id, tokens, date int) of every chunk of the sample corpus, as an ingest tokenizes them."""
    import datetime as dt

    from rag.ingest.chunk import chunk_article, date_int, index_text
    from rag.ingest.parse import parse_issue
    from rag.ingest.read import read_issue

    dates = {}
    for line in (CORPUS / "dates.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        name, date, *_ = line.split("\t")
        dates[name] = dt.date.fromisoformat(date)
    docs = []
    for name, date in sorted(dates.items()):
        for article in parse_issue(read_issue(CORPUS / name, date=date)):
            for c in chunk_article(article):
                tokens = tokenizer.tokenize(index_text(article.title, c.text)) + list(article.reporters)
                docs.append((c.id, tokens, date_int(date)))
    return docs


def scaled(docs, scale: int):
    return [(f"{i}-{cid}", toks, d + i) for i in range(scale) for cid, toks, d in docs]


def bm25s_search(bm25, ids: list[str], tokens, k: int, allowed=None) -> list[str]:
    """The search the archive did with bm25s (rag/index/bm25.py until issue 13)."""
    import numpy as np

    known = [t for t in tokens if t in bm25.vocab_dict]
    if not known:
        return []
    mask = None if allowed is None else np.fromiter((i in allowed for i in ids), dtype=np.float32, count=len(ids))
    scores = bm25.get_scores(known, weight_mask=mask)
    return [ids[i] for i in np.argsort(-scores, kind="stable")[:k] if scores[i] > 0]


def bench_bm25s(docs, queries, folder: Path) -> dict:
    import bm25s

    ids = [i for i, _, _ in docs]
    t0 = time.perf_counter()  # a rebuild: index every chunk, save aside (what each ingest and delete did)
    bm25 = bm25s.BM25()
    bm25.index([t or [""] for _, t, _ in docs], show_progress=False)
    bm25.save(str(folder / "bm25"), show_progress=False)
    (folder / "bm25" / "ids.json").write_text(json.dumps(ids), encoding="utf-8")
    rebuild = time.perf_counter() - t0
    t0 = time.perf_counter()
    fresh = bm25s.BM25.load(str(folder / "bm25"), show_progress=False)
    ids = json.loads((folder / "bm25" / "ids.json").read_text(encoding="utf-8"))
    load = time.perf_counter() - t0
    lat, lat_f, tops = [], [], []
    allowed = {i for i, _, d in docs if d % 100 < 50}  # about half the archive, like a date filter
    for q in queries:
        t0 = time.perf_counter()
        tops.append(bm25s_search(fresh, ids, q, 10))
        lat.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        bm25s_search(fresh, ids, q, 10, allowed)
        lat_f.append(time.perf_counter() - t0)
    return {"rebuild_s": rebuild, "load_s": load, "query_ms": 1000 * statistics.median(lat),
            "query_p95_ms": 1000 * sorted(lat)[int(0.95 * len(lat))],
            "query_filtered_ms": 1000 * statistics.median(lat_f), "tops": tops}


def fts_query(tokens) -> str:
    return " OR ".join('"' + t.replace('"', '""') + '"' for t in tokens)


def bench_fts5(docs, queries, folder: Path, issue_size: int) -> dict:
    db = sqlite3.connect(folder / "fts.sqlite")
    db.execute("CREATE TABLE chunks(id TEXT PRIMARY KEY, date_int INTEGER)")
    db.execute("CREATE VIRTUAL TABLE kw USING fts5(tokens, tokenize='unicode61 remove_diacritics 0')")
    t0 = time.perf_counter()
    for n, (i, toks, d) in enumerate(docs, start=1):
        db.execute("INSERT INTO chunks VALUES(?, ?)", (i, d))
        db.execute("INSERT INTO kw(rowid, tokens) VALUES(?, ?)", (n, " ".join(toks)))
    db.commit()
    build = time.perf_counter() - t0
    # one more issue in, then out again: what an ingest and a delete cost
    extra = [(f"x-{i}", t, d) for i, t, d in docs[:issue_size]]
    base = len(docs)
    t0 = time.perf_counter()
    for n, (i, toks, d) in enumerate(extra, start=base + 1):
        db.execute("INSERT INTO chunks VALUES(?, ?)", (i, d))
        db.execute("INSERT INTO kw(rowid, tokens) VALUES(?, ?)", (n, " ".join(toks)))
    db.commit()
    add = time.perf_counter() - t0
    t0 = time.perf_counter()
    db.execute("DELETE FROM kw WHERE rowid > ?", (base,))
    db.execute("DELETE FROM chunks WHERE id LIKE 'x-%'")
    db.commit()
    delete = time.perf_counter() - t0
    ids = [i for i, _, _ in docs]
    lat, lat_f, tops = [], [], []
    sql = "SELECT rowid, bm25(kw) FROM kw WHERE kw MATCH ? ORDER BY bm25(kw) LIMIT 10"
    sql_f = ("SELECT kw.rowid, bm25(kw) FROM kw JOIN chunks c ON c.rowid = kw.rowid WHERE kw MATCH ? "
             "AND c.date_int % 100 < 50 ORDER BY bm25(kw) LIMIT 10")
    for q in queries:
        if not q:
            tops.append([])
            continue
        t0 = time.perf_counter()
        rows = db.execute(sql, (fts_query(q),)).fetchall()
        lat.append(time.perf_counter() - t0)
        tops.append([ids[r[0] - 1] for r in rows])
        t0 = time.perf_counter()
        db.execute(sql_f, (fts_query(q),)).fetchall()
        lat_f.append(time.perf_counter() - t0)
    db.close()
    return {"build_s": build, "add_issue_s": add, "delete_issue_s": delete,
            "query_ms": 1000 * statistics.median(lat), "query_p95_ms": 1000 * sorted(lat)[int(0.95 * len(lat))],
            "query_filtered_ms": 1000 * statistics.median(lat_f), "tops": tops}


def overlap(a: list[list[str]], b: list[list[str]]) -> float:
    shares = [len(set(x) & set(y)) / max(1, len(x)) for x, y in zip(a, b) if x]
    return statistics.mean(shares) if shares else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,10,100,500")
    parser.add_argument("--out", type=Path,
                        default=ROOT / "evals" / "results" / f"bench-keyword-{dt.date.today()}.json")
    args = parser.parse_args()
    if not (CORPUS / "dates.tsv").exists():
        sys.exit(f"sample corpus not found at {CORPUS}")
    from rag.index.tokenize import Tokenizer

    with tempfile.TemporaryDirectory() as tmp:
        tokenizer = Tokenizer(Path(tmp))
        docs = corpus_docs(tokenizer)
        questions = [json.loads(x)["question"] for x in (ROOT / "evals" / "qa.jsonl").read_text("utf-8").splitlines()
                     if x.strip()]
        queries = [tokenizer.tokenize(q) for q in questions]
        issue_size = len(docs) // 5
        print(f"corpus: {len(docs)} chunks, {len(queries)} queries; one issue ≈ {issue_size} chunks")
        rows, load_before = [], os.getloadavg()
        for scale in [int(s) for s in args.scales.split(",")]:
            d = scaled(docs, scale)
            folder = Path(tmp) / f"s{scale}"
            folder.mkdir()
            b = bench_bm25s(d, queries, folder)
            f = bench_fts5(d, queries, folder, issue_size)
            print(f"{len(d):>7} chunks | bm25s: rebuild {b['rebuild_s']:.2f} s, load {b['load_s']:.2f} s, "
                  f"query {b['query_ms']:.1f} ms (p95 {b['query_p95_ms']:.1f}), filtered {b['query_filtered_ms']:.1f} ms"
                  f" | fts5: add one issue {f['add_issue_s']:.3f} s, delete it {f['delete_issue_s']:.3f} s, "
                  f"query {f['query_ms']:.1f} ms (p95 {f['query_p95_ms']:.1f}), filtered {f['query_filtered_ms']:.1f} ms"
                  f" | top-10 agreement {overlap(b['tops'], f['tops']):.2f}")
            rows.append({"chunks": len(d), "top10_agreement": round(overlap(b["tops"], f["tops"]), 3),
                         "bm25s": {k: round(v, 4) for k, v in b.items() if k != "tops"},
                         "fts5": {k: round(v, 4) for k, v in f.items() if k != "tops"}})
    load_after = os.getloadavg()
    print(f"load average (1 min) before {load_before[0]:.1f}, after {load_after[0]:.1f} on {os.cpu_count()} cores")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"created": dt.datetime.now().isoformat(timespec="seconds"), "queries": len(queries),
                                    "issue_chunks": issue_size, "scales": rows, "cpus": os.cpu_count(),
                                    "load_average_1min": {"before": load_before[0], "after": load_after[0]}},
                                   indent=2) + "\n", encoding="utf-8")
    print(f"figures in {args.out}")


if __name__ == "__main__":
    main()
