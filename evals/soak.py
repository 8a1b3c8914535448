"""Soak run (issue 13, not CI): the web app serving chat users while issues are ingested and deleted from the CLI.

    python evals/soak.py                       # 10 users, 10 minutes, app.py on a free loopback port
    python evals/soak.py --users 10 --minutes 3

One RAG_HOME (a temp dir) holds the example issues. `python app.py` serves it; N users (each its own
gradio_client.Client) ask the `ask` API in a loop: questions about the example issues and about the invented
issues of this run. Meanwhile this script adds invented issues with `rag ingest` (a new village, date and number
each) and removes older ones with `rag delete --source`, as staff at a terminal would. After each command a probe
asks about the issue it touched:

- stale: an answer that starts after an ingest has finished and does not cite the new issue, or one that starts
  after a delete has finished and still cites the deleted issue (the users' answers are checked for the latter too);
- errors: any request or command that fails (an exception, an error answer, a non-zero exit).

At the end `rag check` must report the stores consistent. Prints the figures and exits 1 on any error, stale
answer or inconsistency. Invented text only: nothing of the sample corpus is used.
"""

from __future__ import annotations

import argparse
import datetime as dt
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
    """(file text, question, the number the answer must hold) of invented issue n."""
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
        self.requests = 0
        self.errors: list[str] = []
        self.stale: list[str] = []
        self.latency: list[float] = []
        self.deleted: dict[str, float] = {}  # source -> when its delete finished (monotonic)
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
    """One `ask` request; the answer JSON, or None after counting an error."""
    started = time.monotonic()
    try:
        answer = client.predict(question, None, None, api_name="/ask")
    except Exception as e:  # noqa: BLE001 - every failure of the app counts, whatever its kind
        tally.error(f"ask {question!r}: {type(e).__name__}: {str(e)[:200]}")
        return None
    with tally.lock:
        tally.requests += 1
        tally.latency.append(time.monotonic() - started)
        cited = {c["source"] for c in answer.get("citations", [])}
        gone = [s for s in cited if s in tally.deleted and tally.deleted[s] < started]
    if gone:
        tally.stale_answer(f"{question!r} cites {gone}, deleted before the question was asked")
    return answer


def user(url: str, auth, stop: threading.Event, tally: Tally, live: list[tuple[str, str]], seed: int) -> None:
    import gradio_client

    rnd = random.Random(seed)
    try:
        client = gradio_client.Client(url, auth=auth, verbose=False)
    except Exception as e:  # noqa: BLE001
        tally.error(f"user {seed} could not connect: {e}")
        return
    while not stop.is_set():
        with tally.lock:
            choices = EXAMPLE_QUESTIONS + [q for _, q in live]
        ask(client, rnd.choice(choices), tally)


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
    args = parser.parse_args()
    import gradio_client

    tally = Tally()
    auth = ("soak", "soak-pass")
    with tempfile.TemporaryDirectory() as tmp:
        home, inbox = Path(tmp) / "home", Path(tmp) / "in"
        inbox.mkdir()
        if not command(home, tally, "ingest", *map(str, sorted((ROOT / "examples").glob("*.txt")))):
            return 1
        app, url = start_app(home, Path(tmp) / "app.log", auth)
        stop = threading.Event()
        live: list[tuple[str, str]] = []  # (source, question) of the invented issues in the archive now
        threads = [threading.Thread(target=user, args=(url, auth, stop, tally, live, n), daemon=True)
                   for n in range(args.users)]
        rss = [rss_mb(app.pid)]
        try:
            for t in threads:
                t.start()
            prober = gradio_client.Client(url, auth=auth, verbose=False)
            end, n, day = time.monotonic() + 60 * args.minutes, 0, dt.date(2025, 7, 1)
            while time.monotonic() < end:
                text, question, expect = issue_text(n, day + dt.timedelta(days=n))
                path = inbox / f"soak-{n:04d}.txt"
                path.write_text(text, encoding="utf-8")
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
                            tally.deleted[source] = time.monotonic()
                        probe(prober, old_question, source, None, tally)
                rss.append(rss_mb(app.pid))
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
        lat = sorted(tally.latency) or [0.0]
        ingests = [s for c, s in tally.commands if c == "ingest"]
        deletes = [s for c, s in tally.commands if c == "delete"]
        print(f"{args.users} users for {args.minutes:g} min: {tally.requests} answers, {len(tally.errors)} errors, "
              f"{len(tally.stale)} stale answers; latency p50 {statistics.median(lat):.2f} s, "
              f"p95 {lat[int(0.95 * (len(lat) - 1))]:.2f} s, max {lat[-1]:.2f} s")
        print(f"CLI: {len(ingests)} ingests (median {statistics.median(ingests or [0]):.1f} s), {len(deletes)} deletes "
              f"(median {statistics.median(deletes or [0]):.1f} s); app memory {rss[0]:.0f} -> {rss[-1]:.0f} MB "
              f"(max {max(rss):.0f}); stores consistent at the end: {consistent}; probes after an ingest answered "
              f"with the new number: {tally.answered}/{len(ingests) - 1}")
        return 0 if consistent and not tally.errors and not tally.stale else 1


if __name__ == "__main__":
    sys.exit(main())
