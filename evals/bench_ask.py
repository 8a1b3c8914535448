"""Latency of extractive answers on the sample corpus, after warm-up (target: p95 < 300 ms).

    python evals/bench_ask.py              # every question of evals/qa.jsonl, 3 rounds
    python evals/bench_ask.py --rounds 1
    python evals/bench_ask.py --home DIR --limit 60   # an archive already built (bench.py's 100k-chunk one)

Builds (or reuses) the cached eval archive of the corpus (rag.eval.runner.ensure_archive), asks one question to load
the models, then times Service.ask end to end (time parsing, rewriting, hybrid retrieval, extractive answer,
verification) for every eval question. Follow-ups are asked with their history, as a chat would. Prints p50/p95,
overall and for the questions that name a time (they search their issue window and later issues), and writes
evals/results/bench-ask-<date>.json (bench-ask-<date>-<archive>.json with --home).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "qujiang"


def percentile(values: list[float], q: int) -> float:
    """The q-th percentile (inclusive method), in the values' unit."""
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def main() -> int:
    from rag.eval.runner import ensure_archive
    from rag.service import Service
    from rag.settings import Settings

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--set", dest="set_file", type=Path, default=ROOT / "evals" / "qa.jsonl")
    parser.add_argument("--home", type=Path, help="time this archive instead of the sample corpus' (built before)")
    parser.add_argument("--limit", type=int, help="ask only every n-th question, to this many (a large archive)")
    args = parser.parse_args()

    from rag.answer.timeparse import parse_time

    settings = Settings(engine="extractive")
    home = args.home or ensure_archive(settings, CORPUS)
    service = Service(settings.model_copy(update={"home": home}))
    items = [json.loads(line) for line in args.set_file.read_text(encoding="utf-8").splitlines() if line.strip()]
    if args.limit and args.limit < len(items):
        items = items[::len(items) // args.limit][:args.limit]
    service.ask("王建安是哪天来衢州分院的？")  # warm-up: models, jieba, Chroma
    latencies, dated = [], []
    for _ in range(args.rounds):
        for item in items:
            today = dt.date.fromisoformat(item["today"]) if item.get("today") else None
            history = []
            for q in item.get("history", []):
                history.append((q, service.ask(q, today=today, history=list(history)).answer))
            started = time.perf_counter()
            service.ask(item["question"], today=today, history=history)
            latencies.append((time.perf_counter() - started) * 1000)
            if parse_time(item["question"], today or dt.date.today()) is not None:
                dated.append(latencies[-1])
    result = {"created": dt.datetime.now().isoformat(timespec="seconds"), "engine": "extractive",
              "archive": str(args.home) if args.home else "sample corpus", "questions": len(items),
              "rounds": args.rounds, "n": len(latencies),
              "p50_ms": round(percentile(latencies, 50), 1), "p95_ms": round(percentile(latencies, 95), 1),
              "max_ms": round(max(latencies), 1), "dated_n": len(dated),
              "dated_p50_ms": round(percentile(dated, 50), 1) if dated else None,
              "dated_p95_ms": round(percentile(dated, 95), 1) if dated else None,
              "cpus": os.cpu_count(), "load_avg_at_start": os.getloadavg()}
    name = f"bench-ask-{dt.date.today().isoformat()}" + (f"-{args.home.name}" if args.home else "")
    out = ROOT / "evals" / "results" / f"{name}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"extractive answers: n={result['n']} p50={result['p50_ms']} ms p95={result['p95_ms']} ms "
          f"max={result['max_ms']} ms; naming a time: n={result['dated_n']} p50={result['dated_p50_ms']} ms "
          f"p95={result['dated_p95_ms']} ms -> {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
