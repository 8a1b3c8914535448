"""Load test of the web app: N concurrent chat sessions asking questions for a fixed time.

    nice -n 10 python evals/load_app.py           # starts app.py on a free port over the example issues
    python evals/load_app.py --url http://127.0.0.1:7860/ --sessions 20 --seconds 60 --out /tmp/load.json

Each session is its own gradio_client.Client (its own queue session) that asks through the Chat tab's event with
its own chat history (the value the browser keeps; or, with --endpoint ask, the `ask` API), waits for the answer,
and asks again until time is up.
Prints requests, errors, refusals and latency percentiles and writes them as JSON (default
evals/results/load-app-<date>.json, with the machine's load average: latencies on a shared machine are noisy);
exits 1 when any request failed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # reuse the test helper that starts app.py

QUESTIONS = [
    "峡川镇的民宿有多少家？",
    "莲花镇的柑橘采摘节吸引了多少游客？",
    "区图书馆夜读活动什么时候开始？",
    "夏季招聘会提供了多少个岗位？",
    "全旺镇饮用水工程惠及多少群众？",
    "高家镇稻鱼共生基地有多大？",
    "衢江区的地铁什么时候通车？",  # refused: the archive does not say
]


def one_request(client, endpoint: str, question: str, kept: dict) -> tuple[bool, bool, str, dict]:
    """(ok, refused, error, chat kept) of one question through the chat tab's event or the `ask` API. `kept` is
    the conversation as the browser keeps it (gr.BrowserState): sent with the question, returned with the answer."""
    if endpoint == "ask":
        answer = client.predict(question, None, None, api_name="/ask")
        return True, bool(answer["refused"]), "", kept
    messages, kept, *_ = client.predict(question, None, None, kept, api_name="/chat")
    last = messages[-1]["content"]
    last = "".join(part.get("text", "") for part in last) if isinstance(last, list) else str(last)
    if "rag-error" in last or not kept.get("turns") or kept["turns"][-1]["q"] != question:
        return False, False, last[:200], kept
    return True, "rag-refused" in last, "", kept


def session(url: str, endpoint: str, n: int, stop_at: float, out: list, lock: threading.Lock) -> None:
    """One chat session: ask in a loop until stop_at (a new chat every 5 questions, like a user would);
    append (seconds, ok, refused, error) per request."""
    from gradio_client import Client

    client = Client(url, verbose=False)
    i, kept = n, {"turns": []}
    while time.monotonic() < stop_at:
        question = QUESTIONS[i % len(QUESTIONS)]
        i += 1
        t0 = time.perf_counter()
        try:
            if endpoint == "chat" and (i - n) % 5 == 0:
                client.predict(api_name="/new_chat")
                kept = {"turns": []}
            ok, refused, error, kept = one_request(client, endpoint, question, kept)
            row = (time.perf_counter() - t0, ok, refused, error)
        except Exception as e:  # noqa: BLE001 (a load test counts every failure, whatever its type)
            row = (time.perf_counter() - t0, False, False, f"{type(e).__name__}: {e}"[:200])
        with lock:
            out.append(row)


def run(url: str, sessions: int, seconds: float, endpoint: str = "chat", out: Path | None = None) -> int:
    """Run the sessions; print the figures (and write them as JSON to ``out``); 1 when any request failed."""
    rows: list = []
    load_before = os.getloadavg()
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds
    threads = [threading.Thread(target=session, args=(url, endpoint, n, stop_at, rows, lock), daemon=True)
               for n in range(sessions)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=seconds + 300)  # bounded: an answer stuck past 5 minutes is reported, not waited for
    wall = time.perf_counter() - t0
    ok = sorted(r[0] for r in rows if r[1])
    errors = [r[3] for r in rows if not r[1]]
    hung = sum(t.is_alive() for t in threads)
    q = statistics.quantiles(ok, n=100) if len(ok) >= 2 else [ok[0] if ok else 0.0] * 99
    print(f"endpoint={endpoint} sessions={sessions} seconds={seconds:.0f} wall={wall:.1f}s")
    print(f"requests={len(rows)} ok={len(ok)} errors={len(errors)} refused={sum(r[2] for r in rows)} "
          f"hung_sessions={hung} throughput={len(ok) / wall:.2f}/s")
    if ok:
        print(f"latency p50={q[49]:.2f}s p95={q[94]:.2f}s max={ok[-1]:.2f}s")
    for e in sorted(set(errors))[:10]:
        print(f"error: {e}")
    load_after = os.getloadavg()
    print(f"load average (1 min) before {load_before[0]:.1f}, after {load_after[0]:.1f} on {os.cpu_count()} cores")
    if out is not None:
        figures = {"created": dt.datetime.now().isoformat(timespec="seconds"), "endpoint": endpoint,
                   "sessions": sessions, "seconds": seconds, "wall_s": round(wall, 1), "requests": len(rows),
                   "ok": len(ok), "errors": len(errors), "error_samples": sorted(set(errors))[:10],
                   "refused": sum(r[2] for r in rows), "hung_sessions": hung,
                   "throughput_per_s": round(len(ok) / wall, 2),
                   "latency_s": {"p50": round(q[49], 3), "p95": round(q[94], 3), "max": round(ok[-1], 3)} if ok
                   else None, "cpus": os.cpu_count(),
                   "load_average_1min": {"before": load_before[0], "after": load_after[0]}}
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(figures, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"figures in {out}")
    return 1 if errors or hung else 0


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--url", help="a running app; default: start app.py over the example issues")
    p.add_argument("--sessions", type=int, default=20)
    p.add_argument("--seconds", type=float, default=60)
    p.add_argument("--endpoint", choices=["chat", "ask"], default="chat",
                   help="chat: the Chat tab's streaming event with history (default); ask: the JSON API")
    p.add_argument("--out", type=Path, default=ROOT / "evals" / "results" / f"load-app-{dt.date.today()}.json",
                   help="where the figures go as JSON (default: %(default)s)")
    args = p.parse_args()
    logging.basicConfig(level=logging.WARNING)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    if args.url:
        return run(args.url, args.sessions, args.seconds, args.endpoint, args.out)
    from app_process import ingest_examples, running_app

    with tempfile.TemporaryDirectory(prefix="rag-load-") as tmp:
        home = Path(tmp) / "home"
        ingest_examples(home)
        with running_app(home, Path(tmp) / "app.log") as url:
            from gradio_client import Client

            Client(url, verbose=False).predict(QUESTIONS[0], None, None, api_name="/ask")  # warm the models
            return run(url, args.sessions, args.seconds, args.endpoint, args.out)


if __name__ == "__main__":
    sys.exit(main())
