"""Entity index benchmark: extraction time per issue, and the index's size at 100k chunks.

    python evals/bench_entities.py                  # the corpus, then a synthetic archive of 100k chunks
    python evals/bench_entities.py --chunks 10000   # a smaller synthetic archive

Extraction is timed the way an ingest runs it (rag.index.entities.build.extract_batch: one reading to learn the
names the batch anchors, a second with them), one issue at a time, with the lexicon the issues before taught.
Size: synthetic issues made by evals/bench.py (corpus sentences recombined, digits perturbed) are parsed,
chunked and read for entities, and their articles and mention rows written to a fresh catalog until the chunk
count is reached; the mentions table and its two indexes are measured with sqlite's dbstat, and the whole
catalog file too. No embedding is needed: the entity index holds no vectors. Results go to
evals/results/bench-entities-<date>.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "evals")]

from bench import corpus_files, synth_issues

from rag.index.catalog import Catalog
from rag.index.entities.build import extract_batch, rows
from rag.index.entities.extract import Lexicon
from rag.ingest.chunk import chunk_article
from rag.ingest.parse import parse_issue
from rag.ingest.read import read_issue


def timed_issues(files: list[tuple[Path, dt.date]], lexicon: Lexicon, repeat: int = 3) -> tuple[list[dict], Lexicon]:
    """Per issue: articles, characters, mentions and the seconds extract_batch took (the fastest of ``repeat``
    runs: the machine is shared); the lexicon after them."""
    out = []
    for path, date in files:
        articles = parse_issue(read_issue(path, date))
        seconds = float("inf")
        for _ in range(repeat):
            t0 = time.perf_counter()
            found, after = extract_batch(articles, lexicon)
            seconds = min(seconds, time.perf_counter() - t0)
        lexicon = after
        out.append({"issue": path.name, "articles": len(articles), "chars": sum(len(a.body) for a in articles),
                    "mentions": sum(map(len, found.values())), "seconds": round(seconds, 4)})
    return out, lexicon


def summary(per_issue: list[dict]) -> dict:
    seconds = [r["seconds"] for r in per_issue]
    chars = sum(r["chars"] for r in per_issue)
    return {"issues": len(per_issue), "ms_per_issue_mean": round(1000 * statistics.mean(seconds), 1),
            "ms_per_issue_median": round(1000 * statistics.median(seconds), 1),
            "ms_per_issue_max": round(1000 * max(seconds), 1),
            "ms_per_1000_chars": round(1000 * sum(seconds) / chars * 1000, 2),
            "mentions_per_issue": round(statistics.mean(r["mentions"] for r in per_issue), 1)}


def table_bytes(catalog: Catalog, names: tuple[str, ...]) -> int:
    rows_ = catalog.db.execute(f"SELECT SUM(pgsize) FROM dbstat WHERE name IN ({','.join('?' * len(names))})",
                               list(names))
    return int(rows_[0][0] or 0)


def synthetic_archive(target_chunks: int, tmp: Path, batch: int = 40) -> dict:
    """Fill a catalog with synthetic issues' articles and mentions until ``target_chunks`` chunks."""
    catalog = Catalog(tmp / "catalog.sqlite")
    lexicon, chunks, articles, mentions, issues, seconds = Lexicon(), 0, 0, 0, 0, 0.0
    seed = 0
    while chunks < target_chunks:
        folder = tmp / f"batch{seed}"
        for path, date in synth_issues(folder, batch, 10, seed=seed):
            date = date + dt.timedelta(days=7 * batch * seed)
            parsed = parse_issue(read_issue(path, date))
            t0 = time.perf_counter()
            found, lexicon = extract_batch(parsed, lexicon)
            seconds += time.perf_counter() - t0
            catalog.put_articles(parsed)
            for a in parsed:
                catalog.put_mentions(rows(found[a.id], a))
                mentions += len(found[a.id])
                chunks += len(chunk_article(a))
            articles += len(parsed)
            issues += 1
            path.unlink()
        catalog.commit()
        seed += 1
        print(f"\r{chunks} chunks, {articles} articles, {mentions} mentions", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    index = table_bytes(catalog, ("mentions", "mentions_name", "mentions_article"))
    size = (tmp / "catalog.sqlite").stat().st_size
    catalog.close()
    return {"chunks": chunks, "articles": articles, "issues": issues, "mentions": mentions,
            "mentions_per_chunk": round(mentions / chunks, 2), "entity_index_mb": round(index / 2**20, 1),
            "entity_index_bytes_per_chunk": round(index / chunks, 1),
            "entity_index_mb_at_100k_chunks": round(index / chunks * 100_000 / 2**20, 1),
            "catalog_mb": round(size / 2**20, 1), "extraction_seconds": round(seconds, 1),
            "ms_per_issue_mean": round(1000 * seconds / issues, 1)}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--chunks", type=int, default=100_000, help="chunks of the synthetic archive (0: none)")
    args = p.parse_args()
    per_issue, _ = timed_issues(corpus_files(), Lexicon())
    result = {"date": dt.date.today().isoformat(), "corpus": {**summary(per_issue), "per_issue": per_issue}}
    if args.chunks:
        with tempfile.TemporaryDirectory() as tmp:
            result["synthetic"] = synthetic_archive(args.chunks, Path(tmp))
    out = ROOT / "evals" / "results" / f"bench-entities-{result['date']}{'' if args.chunks else '-timing'}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in result["corpus"].items() if k != "per_issue"}, ensure_ascii=False))
    if args.chunks:
        print(json.dumps(result["synthetic"], ensure_ascii=False))
    print(f"written to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
