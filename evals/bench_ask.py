"""Latency of extractive answers on the sample corpus, after warm-up (target: p95 < 300 ms).

    python evals/bench_ask.py              # every question of evals/qa.jsonl, 3 rounds
    python evals/bench_ask.py --rounds 1

Builds (or reuses) the cached eval archive of the corpus (rag.eval.runner.ensure_archive), asks one question to load
the models, then times Service.ask end to end (time parsing, rewriting, hybrid retrieval, extractive answer,
verification) for every eval question. Follow-ups are asked with their history, as a chat would. Prints p50/p95
and writes evals/results/bench-ask-<date>.json.
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
    args = parser.parse_args()

    settings = Settings(engine="extractive")
    home = ensure_archive(settings, CORPUS)
    service = Service(settings.model_copy(update={"home": home}))
    items = [json.loads(line) for line in args.set_file.read_text(encoding="utf-8").splitlines() if line.strip()]
    service.ask("王建安是哪天来衢州分院的？")  # warm-up: models, jieba, Chroma
    latencies = []
    for _ in range(args.rounds):
        for item in items:
            today = dt.date.fromisoformat(item["today"]) if item.get("today") else None
            history = []
            for q in item.get("history", []):
                history.append((q, service.ask(q, today=today, history=list(history)).answer))
            started = time.perf_counter()
            service.ask(item["question"], today=today, history=history)
            latencies.append((time.perf_counter() - started) * 1000)
    result = {"created": dt.datetime.now().isoformat(timespec="seconds"), "engine": "extractive",
              "questions": len(items), "rounds": args.rounds, "n": len(latencies),
              "p50_ms": round(percentile(latencies, 50), 1), "p95_ms": round(percentile(latencies, 95), 1),
              "max_ms": round(max(latencies), 1), "cpus": os.cpu_count()}
    out = ROOT / "evals" / "results" / f"bench-ask-{dt.date.today().isoformat()}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"extractive answers: n={result['n']} p50={result['p50_ms']} ms p95={result['p95_ms']} ms "
          f"max={result['max_ms']} ms -> {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
