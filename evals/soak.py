"""Soak run (issue 13, not CI): the web app serving chat users while issues are ingested and deleted from the CLI.

    nice -n 10 python evals/soak.py            # 10 users, 10 minutes, app.py on a free loopback port
    python evals/soak.py --users 10 --minutes 3 --out /tmp/soak.json

One RAG_HOME (a temp dir) holds the example issues. `python app.py` serves it (behind its login); N users, each
its own gradio_client.Client, chat in a loop through the 问答 tab's event as the browser does (the conversation
kept and sent back, a new chat every 5 questions; evals/load_app.py drives it the same way): questions about the
example issues and about the invented issues of this run. Every answer also writes the app's query log into
catalog.sqlite, so the app writes while the CLI writes. Meanwhile this script adds invented issues with
`rag ingest` (a new village, date and number each) and removes older ones with `rag delete --source`, as staff at
a terminal would. After each command a probe asks the `ask` API about the issue it touched:

- stale: a probe that starts after an ingest has finished and does not cite the new issue, or one that starts
  after a delete has finished and still cites the deleted issue; a user's answer that starts after a delete has
  finished and shows the deleted issue's source card;
- errors: any request or command that fails (an exception, an error answer, a non-zero exit).

At the end `rag check` must report the stores consistent. Prints the figures, writes them as JSON (default
evals/results/soak-<date>.json, with the load average of the machine: the latencies are only as quiet as the
machine was) and exits 1 on any error, stale answer or inconsistency. Invented text only: nothing of the sample
corpus is used.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the test helper that starts app.py
sys.path.insert(0, str(ROOT / "evals"))  # load_app.one_request: one question through the chat tab's event

EXAMPLE_QUESTIONS = [
    "峡川镇的民宿有多少家？",
    "莲花镇的柑橘采摘节吸引了多少游客？",
    "区图书馆夜读活动什么时候开始？",
    "夏季招聘会提供了多少个岗位？",
    "衢江区的地铁什么时候通车？",  # refused: the archive does not say
]
FIRST = "青白枫竹桃杏梅松柳荷兰芝石泉溪云"
SECOND = "岭坞垄坑湾塘桥坪源岗"
TOWNS = ["廿里镇", "莲花镇", "杜泽镇", "高家镇", "全旺镇", "峡川镇"]


def village(n: int) -> str:
    """A made-up village name, different for every n below 1500."""
    tenth = "一二三四五六七八九十"[n // 150 % 10]
    return FIRST[n % len(FIRST)] + SECOND[(n // len(FIRST)) % len(SECOND)] + "新" + tenth + "村"


def issue_text(n: int, day: dt.date) -> tuple[str, str, str]:
    """(file text, question, the number the answer must hold) of invented issue n (its headline and source card
    name village(n))."""
    place, visitors = village(n), 1000 + 37 * n
    town, before = TOWNS[n % len(TOWNS)], day - dt.timedelta(days=1)
    text = (f"今日衢江\n{day.year}年{day.month}月{day.day}日 星期二 总第{5000 + n}期\n\n"
            f"{place}举办稻田音乐节\n\n"
            f"本报讯（记者 柯一鸣）{before.month}月{before.day}日，{town}{place}举办首届稻田音乐节，"
            f"吸引游客{visitors}人次，带动农产品销售二十余万元。\n"
            f"音乐节由{place}村委会主办，设有乡村歌手演唱、稻田摄影和农产品展销等环节。\n")
    return text, f"{place}稻田音乐节吸引了多少游客？", f"{visitors}人次"


class Tally:
    """Counters shared by the threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.requests = 0  # users' chat answers
        self.probes = 0
        self.errors: list[str] = []
        self.stale: list[str] = []
        self.latency: list[float] = []  # users' chat answers, seconds
        self.probe_latency: list[float] = []
        self.deleted: dict[str, tuple[float, str]] = {}  # source -> (when its delete finished (monotonic), village)
        self.commands: list[tuple[str, float]] = []
        self.answered = 0  # probes after an ingest whose answer held the new issue's number

    def error(self, what: str) -> None:
        with self.lock:
            self.errors.append(what)
        print(f"ERROR {what}", flush=True)

    def stale_answer(self, what: str) -> None:
        with self.lock:
            self.stale.append(what)
        print(f"STALE {what}", flush=True)


def ask(client, question: str, tally: Tally) -> dict | None:
    """One probe through the `ask` API; the answer JSON, or None after counting an error."""
    started = time.monotonic()
    try:
        answer = client.predict(question, None, None, api_name="/ask")
    except Exception as e:  # noqa: BLE001 - every failure of the app counts, whatever its kind
        tally.error(f"ask {question!r}: {type(e).__name__}: {str(e)[:200]}")
        return None
    with tally.lock:
        tally.probes += 1
        tally.probe_latency.append(time.monotonic() - started)
        cited = {c["source"] for c in answer.get("citations", [])}
        gone = [s for s in cited if s in tally.deleted and tally.deleted[s][0] < started]
    if gone:
        tally.stale_answer(f"{question!r} cites {gone}, deleted before the question was asked")
    return answer


def user(url: str, auth, stop: threading.Event, tally: Tally, live: list[tuple[str, str]], seed: int) -> None:
    """One chat user until ``stop``: the chat tab's event with the conversation kept (a new chat every 5
    questions); an answer that shows the source card of an issue deleted before it was asked is stale."""
    import gradio_client
    from load_app import one_request

    rnd = random.Random(seed)
    try:
        client = gradio_client.Client(url, auth=auth, verbose=False)
    except Exception as e:  # noqa: BLE001
        tally.error(f"user {seed} could not connect: {e}")
        return
    kept, asked = {"turns": []}, 0
    while not stop.is_set():
        with tally.lock:
            choices = EXAMPLE_QUESTIONS + [q for _, q in live]
        question = rnd.choice(choices)
        started = time.monotonic()
        try:
            if asked and asked % 5 == 0:
                client.predict(api_name="/new_chat")
                kept = {"turns": []}
            ok, _, error, kept = one_request(client, "chat", question, kept)
        except Exception as e:  # noqa: BLE001 - every failure of the app counts, whatever its kind
            ok, error = False, f"{type(e).__name__}: {str(e)[:200]}"
        asked += 1
        if not ok:
            tally.error(f"chat {question!r}: {error}")
            kept = {"turns": []}
            continue
        shown = kept["turns"][-1]["html"]
        with tally.lock:
            tally.requests += 1
            tally.latency.append(time.monotonic() - started)
            gone = [s for s, (when, place) in tally.deleted.items() if when < started and place in shown]
        if gone:
            tally.stale_answer(f"chat {question!r} shows {gone}, deleted before the question was asked")


def rag(home: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAG_")}
    env.update(RAG_HOME=str(home), HF_HUB_OFFLINE="1", ANONYMIZED_TELEMETRY="False")
    return subprocess.run([sys.executable, "-m", "rag.cli", *args], env=env, capture_output=True, text=True,
                          timeout=900)


def command(home: Path, tally: Tally, *args: str) -> bool:
    t0 = time.monotonic()
    done = rag(home, *args)
    tally.commands.append((args[0], time.monotonic() - t0))
    if done.returncode != 0:
        tally.error(f"rag {' '.join(args)}: exit {done.returncode}: {done.stderr.strip()[-300:]}")
    return done.returncode == 0


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children (the app) in MB."""
    total = 0
    for p in [pid, *[int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]]:
        for line in Path(f"/proc/{p}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total / 1024


def start_app(home: Path, log: Path, auth: tuple[str, str]) -> tuple[subprocess.Popen, str]:
    """`python app.py` over ``home`` on a free loopback port; (process, url) once it answers."""
    import urllib.error
    import urllib.request

    from app_process import free_port

    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RAG_", "GRADIO_"))}
    env.update(RAG_HOME=str(home), RAG_PORT=str(port), RAG_AUTH=":".join(auth), HF_HUB_OFFLINE="1",
               ANONYMIZED_TELEMETRY="False", GRADIO_ANALYTICS_ENABLED="False")
    with log.open("wb") as out:
        proc = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 300
    while True:
        try:
            urllib.request.urlopen(url + "gradio_api/info", timeout=2)  # noqa: S310 (loopback)
            return proc, url
        except urllib.error.HTTPError:  # 401 behind the login: up
            return proc, url
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"app.py did not start:\n{log.read_text(errors='replace')[-3000:]}") from None
            time.sleep(0.5)


def percentiles(values: list[float]) -> dict[str, float]:
    """p50, p95 and max of latencies in seconds (zeros when there are none)."""
    ordered = sorted(values) or [0.0]
    return {"p50": round(statistics.median(ordered), 3), "p95": round(ordered[int(0.95 * (len(ordered) - 1))], 3),
            "max": round(ordered[-1], 3), "n": len(values)}


def probe(client, question: str, source: str, expect: str | None, tally: Tally) -> None:
    """Ask about the issue a command just touched: after an ingest ``source`` must be cited (whether the engine
    answers or lists it as a related report: staleness, not answer quality, is measured here; ``expect``, the
    number, is counted when it is in the answer); after a delete (expect None) ``source`` must not be cited."""
    answer = ask(client, question, tally)
    if answer is None:
        return
    cited = {c["source"] for c in answer.get("citations", [])}
    if expect is not None and expect in answer["answer"]:
        with tally.lock:
            tally.answered += 1
    if expect is not None and source not in cited:
        tally.stale_answer(f"after ingesting {source}: {question!r} -> {answer['answer'][:80]!r} cites {cited}")
    if expect is None and source in cited:
        tally.stale_answer(f"after deleting {source}: {question!r} still cites it")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=10)
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--keep", type=int, default=4, help="invented issues kept at once before deleting")
    parser.add_argument("--out", type=Path, default=ROOT / "evals" / "results" / f"soak-{dt.date.today()}.json",
                        help="where the figures go as JSON (default: %(default)s)")
    args = parser.parse_args()
    import gradio_client

    tally = Tally()
    auth = ("soak", "soak-pass")
    loads = [os.getloadavg()]  # the machine is shared: latencies mean little without it
    started_at = dt.datetime.now().isoformat(timespec="seconds")
    with tempfile.TemporaryDirectory() as tmp:
        home, inbox = Path(tmp) / "home", Path(tmp) / "in"
        inbox.mkdir()
        if not command(home, tally, "ingest", *map(str, sorted((ROOT / "examples").glob("*.txt")))):
            return 1
        app, url = start_app(home, Path(tmp) / "app.log", auth)
        stop = threading.Event()
        live: list[tuple[str, str]] = []  # (source, question) of the invented issues in the archive now
        places: dict[str, str] = {}  # source -> the village its headline names
        threads = [threading.Thread(target=user, args=(url, auth, stop, tally, live, n), daemon=True)
                   for n in range(args.users)]
        rss = [rss_mb(app.pid)]  # after each ingest/delete round
        per_minute: list[float] = []  # the app's memory at the end of each minute: does it keep growing?
        began = time.monotonic()
        try:
            for t in threads:
                t.start()
            prober = gradio_client.Client(url, auth=auth, verbose=False)
            end, n, day = time.monotonic() + 60 * args.minutes, 0, dt.date(2025, 7, 1)
            while time.monotonic() < end:
                text, question, expect = issue_text(n, day + dt.timedelta(days=n))
                path = inbox / f"soak-{n:04d}.txt"
                path.write_text(text, encoding="utf-8")
                places[path.name] = village(n)
                if command(home, tally, "ingest", str(path)):
                    with tally.lock:
                        live.append((path.name, question))
                        tally.deleted.pop(path.name, None)
                    probe(prober, question, path.name, expect, tally)
                if len(live) > args.keep:
                    with tally.lock:
                        source, old_question = live.pop(random.randrange(len(live)))
                    if command(home, tally, "delete", "--source", source):
                        with tally.lock:
                            tally.deleted[source] = (time.monotonic(), places[source])
                        probe(prober, old_question, source, None, tally)
                rss.append(rss_mb(app.pid))
                if time.monotonic() - began >= 60 * (len(per_minute) + 1):
                    per_minute.append(round(rss[-1]))
                loads.append(os.getloadavg())
                n += 1
        finally:
            stop.set()
            for t in threads:
                t.join(timeout=300)
            app.terminate()
            app.wait(timeout=60)
        check = rag(home, "check")
        print(check.stdout.strip())
        consistent = check.returncode == 0 and "consistent" in check.stdout
        lat = percentiles(tally.latency)
        ingests = [s for c, s in tally.commands if c == "ingest"]
        deletes = [s for c, s in tally.commands if c == "delete"]
        print(f"{args.users} users for {args.minutes:g} min: {tally.requests} chat answers and {tally.probes} probes, "
              f"{len(tally.errors)} errors, {len(tally.stale)} stale answers; chat latency p50 {lat['p50']:.2f} s, "
              f"p95 {lat['p95']:.2f} s, max {lat['max']:.2f} s")
        print(f"CLI: {len(ingests)} ingests (median {statistics.median(ingests or [0]):.1f} s), {len(deletes)} deletes "
              f"(median {statistics.median(deletes or [0]):.1f} s); app memory {rss[0]:.0f} -> {rss[-1]:.0f} MB "
              f"(max {max(rss):.0f}); stores consistent at the end: {consistent}; probes after an ingest answered "
              f"with the new number: {tally.answered}/{len(ingests) - 1}")
        print(f"load average (1 min) over the run: mean {statistics.mean(x[0] for x in loads):.1f}, "
              f"max {max(x[0] for x in loads):.1f} on {os.cpu_count()} cores")
        ok = consistent and not tally.errors and not tally.stale
        figures = {
            "created": started_at, "users": args.users, "minutes": args.minutes, "keep": args.keep, "ok": ok,
            "chat_answers": tally.requests, "probes": tally.probes, "errors": len(tally.errors),
            "stale": len(tally.stale), "error_samples": tally.errors[:20], "stale_samples": tally.stale[:20],
            "chat_latency_s": lat, "probe_latency_s": percentiles(tally.probe_latency),
            "cli": {"ingests": len(ingests), "ingest_median_s": round(statistics.median(ingests or [0]), 2),
                    "deletes": len(deletes), "delete_median_s": round(statistics.median(deletes or [0]), 2)},
            "probes_answered_with_number": [tally.answered, len(ingests) - 1],
            "app_rss_mb": {"start": round(rss[0]), "end": round(rss[-1]), "max": round(max(rss)),
                           "per_minute": per_minute},
            "consistent": consistent, "check": check.stdout.strip().splitlines(),
            "cpus": os.cpu_count(),
            "load_average_1min": {"start": loads[0][0], "end": loads[-1][0],
                                  "mean": round(statistics.mean(x[0] for x in loads), 2),
                                  "max": max(x[0] for x in loads)},
        }
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(figures, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"figures in {args.out}")
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
