"""Benchmark: a three-month briefing over a synthetic archive of 50 issues with the extractive engine.

    python evals/bench_brief.py                  # 50 issues over 91 days, archive cached under ~/.cache
    python evals/bench_brief.py --issues 20 --days 35 --docx /tmp/brief.docx
    python evals/bench_brief.py --real-embedder  # build the archive with e5 (an hour on a small shared CPU)

The synthetic issues are made at run time by recombining the sample corpus's articles (parsed with rag.ingest.parse)
into new issues with shifted dates, in the masthead format the parser reads; nothing is committed. They are
ingested into a real archive (catalog, Chroma, BM25). The extractive briefing never reads vectors, so by default
the archive is built with a fast hashing embedder instead of e5 (embedding ~3,000 chunks with e5 on a 2-core CPU
takes far longer than the briefing); building is cached and not timed. What is timed is `Service.brief` over
the whole range (the goal: under a minute), then Markdown and Word rendering.
Results are printed as JSON and written to evals/results/bench-brief-<date>.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import logging
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "qujiang"
log = logging.getLogger("bench_brief")

from tqdm import tqdm  # noqa: E402

from llama_index.core.base.embeddings.base import BaseEmbedding  # noqa: E402

from rag.index import archive as archive_module  # noqa: E402
from rag.ingest.read import read_issue  # noqa: E402
from rag.ingest.parse import parse_issue  # noqa: E402
from rag.brief.render import to_docx, to_markdown  # noqa: E402
from rag.service import Service  # noqa: E402
from rag.settings import Settings  # noqa: E402

WEEKDAYS = "一二三四五六日"


class HashEmbedding(BaseEmbedding):
    """384-dimensional unit vectors from hashed character bigrams: fast, deterministic, not semantic."""

    def _vec(self, text: str) -> list[float]:
        v = [0.0] * 384
        for i in range(len(text) - 1):
            v[int(hashlib.md5(text[i:i + 2].encode()).hexdigest()[:6], 16) % 384] += 1.0
        norm = sum(x * x for x in v) ** 0.5 or 1.0
        return [x / norm for x in v]

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._vec(text)

    def _get_query_embedding(self, query: str) -> list[float]:
        return self._vec(query)

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._vec(query)


def corpus_articles() -> list:
    """The sample corpus's articles, parsed (no archive needed to recombine them)."""
    out = []
    for line in (CORPUS / "dates.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        name, date, *_ = line.split("\t")
        out += parse_issue(read_issue(CORPUS / name, dt.date.fromisoformat(date)))
    return out


def bar_progress(desc: str):
    """A Service progress callback drawing a tqdm bar on stderr; returns (callback, close)."""
    bar = tqdm(desc=desc, file=sys.stderr, unit="")

    def progress(done: int, total: int, what: str) -> None:
        bar.total, bar.n = total, done
        bar.set_description(f"{desc}: {what}", refresh=False)
        bar.refresh()

    return progress, bar.close


def synthetic_issues(articles, folder: Path, issues: int, start: dt.date, days: int, seed: int = 7) -> list:
    """Write `issues` issue files into folder, dated evenly over [start, start+days), each 10-16 corpus articles
    (front-page stories drawn from the corpus's own front pages); returns [(path, date)]."""
    rng = random.Random(seed)
    pool = [a for a in articles if len(a.body) >= 80]
    fronts = [a for a in pool if a.position <= 2]
    out = []
    for i in range(issues):
        date = start + dt.timedelta(days=round(i * days / issues))
        chosen = [rng.choice(fronts)] + rng.sample(pool, k=min(len(pool), rng.randint(9, 15)))
        chosen = list({a.id: a for a in chosen}.values())
        parts = [f"中共衢州市衢江区委主办 衢江传媒集团承办\n{date.year}年{date.month}月{date.day}日 "
                 f"星期{WEEKDAYS[date.weekday()]}\n今日衢江 今日4版 总第{5000 + i}期\n"]
        for a in chosen:
            credit = f"本报讯（记者 {' '.join(a.reporters)}）" if a.reporters else ""
            parts.append(f"{a.title}\n\n{credit}{a.body}\n")
        path = folder / f"synthetic-{i:03d}-{date.isoformat()}.txt"
        path.write_text("\n".join(parts), encoding="utf-8")
        out.append((path, date))
    return out


def build_archive(cache: Path, issues: int, start: dt.date, days: int, real: bool) -> tuple[Path, int]:
    """Home of the synthetic archive (built once per parameters, then reused) and its number of issues."""
    key = hashlib.sha1(f"{issues}:{start}:{days}:{real}:v1".encode()).hexdigest()[:10]
    home = cache / f"synthetic-{key}"
    if (home / "READY").exists():
        log.info("reusing synthetic archive %s", home)
        return home, issues
    if home.exists():
        shutil.rmtree(home)  # a build that did not finish
    articles = corpus_articles()
    service = Service(Settings(home=home))
    with tempfile.TemporaryDirectory(prefix="bench-brief-") as folder:
        files = synthetic_issues(articles, Path(folder), issues, start, days)
        started = time.perf_counter()
        for path, date in tqdm(files, desc="ingest synthetic issues", file=sys.stderr):
            service.ingest([path], date=date)
    log.info("built %s in %.0fs", home, time.perf_counter() - started)
    (home / "READY").write_text(dt.datetime.now().isoformat(timespec="seconds"), encoding="utf-8")
    return home, len(files)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--issues", type=int, default=50)
    p.add_argument("--days", type=int, default=91, help="the range the issues are spread over (and briefed)")
    p.add_argument("--start", type=dt.date.fromisoformat, default=dt.date(2024, 3, 4))
    p.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "qujiang-rag-bench")
    p.add_argument("--docx", type=Path, help="also keep the Word file here")
    p.add_argument("--real-embedder", action="store_true", help="build the archive with e5 (slow)")
    args = p.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("rag").setLevel(logging.WARNING)

    if not args.real_embedder:  # the extractive briefing reads no vectors; see the module docstring
        archive_module.make_embedder = lambda settings: HashEmbedding()
    home, issues = build_archive(args.cache, args.issues, args.start, args.days, args.real_embedder)
    service = Service(Settings(home=home))
    end = args.start + dt.timedelta(days=args.days - 1)
    articles = len(service.articles(args.start, end))
    progress, close = bar_progress("brief")
    started = time.perf_counter()
    brief = service.brief(args.start, end, progress=progress)
    brief_s = time.perf_counter() - started
    close()
    started = time.perf_counter()
    markdown = to_markdown(brief)
    docx_path = to_docx(brief, args.docx or Path(tempfile.mkdtemp()) / "brief.docx")
    render_s = time.perf_counter() - started
    items = list(brief.overview) + [i for s in brief.sections for i in s.items]
    result = {
        "date": dt.date.today().isoformat(), "issues": issues, "articles": articles,
        "range": [args.start.isoformat(), end.isoformat()], "brief_seconds": round(brief_s, 2),
        "render_seconds": round(render_s, 2), "under_a_minute": brief_s < 60, "sections": len(brief.sections),
        "items": len(items), "unsupported_items": sum(not i.supported for i in items),
        "citations": len(brief.citations), "embedder": "e5" if args.real_embedder else "hashing (not timed)", "merged_items": sum(len(i.citations) > 1 for i in items),
        "markdown_chars": len(markdown), "docx": str(docx_path),
        "topics": [s.topic for s in brief.sections],
    }
    print(json.dumps(result, ensure_ascii=False, indent=2))
    out = ROOT / "evals" / "results" / f"bench-brief-{result['date']}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0 if brief_s < 60 else 1


if __name__ == "__main__":
    sys.exit(main())
