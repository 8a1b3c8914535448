"""Benchmarks: ingest throughput, query latency at scale and peak memory, ours vs the naive llama-index peer.

    python evals/bench.py            # corpus + 10 synthetic issues + 1k/10k/100k chunks
    python evals/bench.py --quick    # corpus + 3 synthetic issues + 1k chunks

The naive peer is what a user would otherwise build: llama-index `SentenceSplitter` (defaults) +
`VectorStoreIndex` on Chroma with the same e5 embedder, top-5 retrieval. Every phase runs in its own process so
that its peak RSS (resource.getrusage) is its own. Synthetic issues are made at run time, in a temp dir, by
recombining corpus sentences with perturbed numbers; nothing is committed.

Scale tests (1k..100k chunks): embedding that many passages with e5 on a small CPU takes hours, so the archive
and the peer are filled with *precomputed* vectors (real e5 vectors of corpus chunks plus Gaussian noise,
re-normalised, picked by a hash of the text); queries are embedded for real. Latency is then meaningful,
retrieval quality at those scales is not. The output says so.
Latency: `ask` and `retrieve` over the eval questions, then `ask` again with an issue-date filter of the archive's
last month (ask_dated_*: date-filtered questions that find something in a synthetic archive too).
Results go to evals/results/bench-<date>.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import logging
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "qujiang"
log = logging.getLogger("bench")
NOISE = 0.35  # std of the noise added to each coordinate (times 1/sqrt(dim)) of a precomputed vector


# --- helpers -------------------------------------------------------------------------------------------------

def corpus_files() -> list[tuple[Path, dt.date]]:
    rows = (CORPUS / "dates.tsv").read_text(encoding="utf-8").splitlines()[1:]
    return [(CORPUS / r.split("\t")[0], dt.date.fromisoformat(r.split("\t")[1])) for r in rows if r.strip()]


def questions() -> list[tuple[str, dt.date | None]]:
    out = []
    for line in (ROOT / "evals" / "qa.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        out.append((row["question"], dt.date.fromisoformat(row["today"]) if row.get("today") else None))
    return out


def pct(values: list[float], q: int) -> float:
    if len(values) < 2:
        return round(values[0], 1) if values else float("nan")
    return round(statistics.quantiles(values, n=100, method="inclusive")[q - 1], 1)


def peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def sentences() -> list[str]:
    """All corpus sentences (whitespace removed), the material of synthetic issues."""
    out = []
    for path, _ in corpus_files():
        text = re.sub(r"\s+", "", path.read_text(encoding="utf-8"))
        out += [s for s in re.findall(r"[^。！？]{12,}[。！？]", text) if len(s) < 200]
    return out


def synth_issues(folder: Path, n_issues: int, articles_per_issue: int, seed: int = 7) -> list[tuple[Path, dt.date]]:
    """Write n synthetic issues (recombined corpus sentences, digits perturbed) -> [(path, date)]."""
    rng = random.Random(seed)
    pool = sentences()
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    day = dt.date(2030, 1, 1)
    for i in range(n_issues):
        date = day + dt.timedelta(days=7 * i)
        parts = [f"今日衢江 {date.year}年{date.month}月{date.day}日 总第{5000 + i}期", ""]
        for _ in range(articles_per_issue):
            body = "".join(re.sub(r"\d", lambda m: str(rng.randint(0, 9)), s)
                           for s in rng.sample(pool, rng.randint(6, 14)))
            title = re.sub(r"[，。！？、“”]", "", rng.choice(pool))[:rng.randint(8, 18)]
            parts += [title, "", f"本报讯（记者 张{rng.choice('明华伟芳静')}）{body}", ""]
        path = folder / f"synth_{i:04d}.txt"
        path.write_text("\n".join(parts), encoding="utf-8")
        out.append((path, date))
    return out


def precomputed_embedder(base_file: Path):
    """An embedder whose passage vectors are noisy copies of real e5 vectors; queries are embedded for real."""
    import numpy as np

    from rag.index.embed import E5Embedding

    base = np.load(base_file)

    class Precomputed(E5Embedding):
        def _vec(self, text: str) -> list[float]:
            h = int.from_bytes(hashlib.sha1(text.encode("utf-8")).digest()[:8], "little")
            rng = np.random.default_rng(h)
            v = base[h % len(base)] + rng.normal(0, NOISE / np.sqrt(base.shape[1]), base.shape[1])
            return (v / np.linalg.norm(v)).astype("float32").tolist()

        def _get_text_embedding(self, text: str) -> list[float]:
            return self._vec(text)

        def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
            return [self._vec(t) for t in texts]

    return Precomputed()


# --- phases (each runs in its own process) ---------------------------------------------------------------------

def phase_embed(args) -> dict:
    """e5 speed: passages/s and ms per query, to decide how the scale tests are filled."""
    from rag.index.embed import E5Embedding

    emb = E5Embedding()
    texts = [s * 3 for s in sentences()[:24]]
    emb.get_text_embedding_batch(texts[:2])
    t = time.perf_counter()
    emb.get_text_embedding_batch(texts)
    passage_s = (time.perf_counter() - t) / len(texts)
    t = time.perf_counter()
    for q, _ in questions()[:10]:
        emb.get_query_embedding(q)
    return {"passages_per_s": round(1 / passage_s, 2), "chars_per_passage": int(statistics.mean(map(len, texts))),
            "query_ms": round((time.perf_counter() - t) * 100, 1), "peak_mb": peak_mb()}


def _ours_service(home: Path, base_file: Path | None):
    from rag.index import embed
    from rag.service import Service
    from rag.settings import Settings

    if base_file is not None:  # scale test: precomputed passage vectors (see module docstring)
        emb = precomputed_embedder(base_file)
        embed.make_embedder = lambda settings: emb
        for mod in list(sys.modules.values()):  # modules that imported the name directly
            if getattr(mod, "make_embedder", None) is not None and mod.__name__.startswith("rag."):
                mod.make_embedder = embed.make_embedder
    return Service(Settings(home=home))


def _ours_latency(service, limit: int | None) -> dict:
    qs = questions()[:limit]
    service.ask(qs[0][0], today=qs[0][1])
    ask_ms, retrieve_ms = [], []
    for q, today in qs:
        t = time.perf_counter()
        service.ask(q, today=today)
        ask_ms.append((time.perf_counter() - t) * 1000)
        if hasattr(service, "retrieve"):
            t = time.perf_counter()
            service.retrieve(q)
            retrieve_ms.append((time.perf_counter() - t) * 1000)
    out = {"ask_p50_ms": pct(ask_ms, 50), "ask_p95_ms": pct(ask_ms, 95), "queries": len(qs)}
    if retrieve_ms:
        out |= {"retrieve_p50_ms": pct(retrieve_ms, 50), "retrieve_p95_ms": pct(retrieve_ms, 95)}
    # date-filtered questions that find something (the eval questions' own dates miss a synthetic archive's
    # years): the same questions within the issues of the archive's last month
    last = max(dt.date.fromisoformat(i["date"]) for i in service.issues() if i.get("date"))
    dated_ms = []
    for q, today in qs:
        t = time.perf_counter()
        service.ask(q, today=today, date_from=last - dt.timedelta(days=30), date_to=last)
        dated_ms.append((time.perf_counter() - t) * 1000)
    return out | {"ask_dated_p50_ms": pct(dated_ms, 50), "ask_dated_p95_ms": pct(dated_ms, 95)}


def phase_ours(args) -> dict:
    """Ingest the given files with our archive; then query latency (ask, retrieve) over the eval questions."""
    files = [(Path(p), dt.date.fromisoformat(d)) for p, d in json.loads(Path(args.files).read_text())]
    service = _ours_service(Path(args.home), Path(args.base) if args.base else None)
    chars = sum(len(re.sub(r"\s+", "", p.read_text(encoding="utf-8"))) for p, _ in files)
    t = time.perf_counter()
    if args.mastheads:
        service.ingest([p for p, _ in files])  # one ingest, as `rag ingest FOLDER` does
    else:
        for path, date in files:
            service.ingest([path], date=date)
    secs = time.perf_counter() - t
    articles = service.articles()
    chunks = sum(service.chunk_counts().values())
    out = {"files": len(files), "chars": chars, "articles": len(articles), "chunks": chunks,
           "ingest_s": round(secs, 2), "chars_per_s": round(chars / secs, 1), "articles_per_s": round(len(articles) / secs, 2)}
    out |= _ours_latency(service, args.queries)
    out["peak_mb"] = peak_mb()
    return out


def phase_peer(args) -> dict:
    """The naive peer: SentenceSplitter defaults + VectorStoreIndex on Chroma, same embedder, top-5."""
    import chromadb
    import numpy as np
    from llama_index.core import Document, StorageContext, VectorStoreIndex
    from llama_index.core.node_parser import SentenceSplitter
    from llama_index.vector_stores.chroma import ChromaVectorStore

    from rag.index.embed import E5Embedding

    files = [(Path(p), dt.date.fromisoformat(d)) for p, d in json.loads(Path(args.files).read_text())]
    emb = precomputed_embedder(Path(args.base)) if args.base else E5Embedding()
    client = chromadb.PersistentClient(path=str(Path(args.home) / "chroma"),
                                       settings=chromadb.Settings(anonymized_telemetry=False))
    store = ChromaVectorStore(chroma_collection=client.get_or_create_collection("peer"))
    chars = sum(len(re.sub(r"\s+", "", p.read_text(encoding="utf-8"))) for p, _ in files)
    t = time.perf_counter()
    docs = [Document(text=p.read_text(encoding="utf-8"), metadata={"source": p.name, "date": int(d.strftime("%Y%m%d"))})
            for p, d in files]
    nodes = SentenceSplitter().get_nodes_from_documents(docs)
    index = VectorStoreIndex(nodes, storage_context=StorageContext.from_defaults(vector_store=store), embed_model=emb,
                             insert_batch_size=2048)
    secs = time.perf_counter() - t
    out = {"files": len(files), "chars": chars, "chunks": len(nodes), "ingest_s": round(secs, 2),
           "chars_per_s": round(chars / secs, 1)}
    if args.save_base:  # real vectors of the corpus chunks, the base of the precomputed ones
        got = store._collection.get(include=["embeddings"])
        np.save(args.save_base, np.asarray(got["embeddings"], dtype="float32"))
    retriever = index.as_retriever(similarity_top_k=5)
    qs = questions()[:args.queries]
    retriever.retrieve(qs[0][0])
    ms = []
    for q, _ in qs:
        t = time.perf_counter()
        retriever.retrieve(q)
        ms.append((time.perf_counter() - t) * 1000)
    out |= {"retrieve_p50_ms": pct(ms, 50), "retrieve_p95_ms": pct(ms, 95), "queries": len(qs), "peak_mb": peak_mb()}
    return out


PHASES = {"embed": phase_embed, "ours": phase_ours, "peer": phase_peer}


# --- orchestration -------------------------------------------------------------------------------------------------

def run_phase(name: str, tmp: Path, tag: str, files: list[tuple[Path, dt.date]] | None = None,
              base: Path | None = None, queries: int | None = None, save_base: Path | None = None,
              mastheads: bool = False) -> dict:
    """Run one phase in a fresh interpreter -> its JSON result (with wall time); {"error": ...} if it failed."""
    cmd = [sys.executable, __file__, "--phase", name, "--home", str(tmp / tag)]
    if files is not None:
        listing = tmp / f"{tag}.files.json"
        listing.write_text(json.dumps([[str(p), d.isoformat()] for p, d in files]))
        cmd += ["--files", str(listing)]
    if base is not None:
        cmd += ["--base", str(base)]
    if queries is not None:
        cmd += ["--queries", str(queries)]
    if save_base is not None:
        cmd += ["--save-base", str(save_base)]
    if mastheads:  # the files print their dates: ours ingests them in one call, like a folder
        cmd += ["--mastheads"]
    print(f"[bench] {tag} ...", file=sys.stderr, flush=True)
    t = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        tail = proc.stderr.strip().splitlines()[-3:]
        print(f"[bench] {tag} FAILED: {' | '.join(tail)}", file=sys.stderr)
        return {"error": " | ".join(tail)}
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    out["wall_s"] = round(time.perf_counter() - t, 1)
    print(f"[bench] {tag}: {out}", file=sys.stderr, flush=True)
    return out


def ratio(a: dict, b: dict, key_a: str, key_b: str | None = None) -> float | None:
    va, vb = a.get(key_a), b.get(key_b or key_a)
    return round(va / vb, 2) if isinstance(va, (int, float)) and isinstance(vb, (int, float)) and vb else None


def compare(ours: dict, peer: dict) -> dict:
    """ours / peer ratios (throughput: >1 is ours faster; latency and memory: <1 is ours better)."""
    return {"chars_per_s": ratio(ours, peer, "chars_per_s"), "peak_mb": ratio(ours, peer, "peak_mb"),
            "retrieve_p50": ratio(ours, peer, "retrieve_p50_ms"), "retrieve_p95": ratio(ours, peer, "retrieve_p95_ms"),
            "ask_p50_vs_peer_retrieve_p50": ratio(ours, peer, "ask_p50_ms", "retrieve_p50_ms"),
            "ask_p95_vs_peer_retrieve_p95": ratio(ours, peer, "ask_p95_ms", "retrieve_p95_ms")}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="small run: 3 synthetic issues, 1k chunks")
    p.add_argument("--issues", type=int, help="synthetic issues for the ingest test (default 10, quick 3)")
    p.add_argument("--scales", help="comma-separated chunk counts (default 1000,10000,100000; quick 1000)")
    p.add_argument("--queries", type=int, default=30, help="questions timed per scale test")
    p.add_argument("--out", type=Path, help="result file (default evals/results/bench-<date>.json)")
    p.add_argument("--phase", choices=sorted(PHASES), help=argparse.SUPPRESS)
    p.add_argument("--files", help=argparse.SUPPRESS)
    p.add_argument("--home", help=argparse.SUPPRESS)
    p.add_argument("--base", help=argparse.SUPPRESS)
    p.add_argument("--save-base", help=argparse.SUPPRESS)
    p.add_argument("--mastheads", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args()
    logging.basicConfig(level=logging.WARNING)
    if args.phase:
        print(json.dumps(PHASES[args.phase](args)))
        return 0
    if not (CORPUS / "dates.tsv").exists():
        print(f"bench: sample corpus not found at {CORPUS}", file=sys.stderr)
        return 2
    n_issues = args.issues or (3 if args.quick else 10)
    scales = [int(s) for s in (args.scales or ("1000" if args.quick else "1000,10000,100000")).split(",")]
    result: dict = {"created": dt.datetime.now().isoformat(timespec="seconds"), "quick": args.quick,
                    "cpus": os.cpu_count(), "load_avg_at_start": os.getloadavg(),
                    "notes": ["peer = llama-index SentenceSplitter() defaults + VectorStoreIndex on Chroma, same e5 "
                              "embedder, top-5", "ratios are ours / peer",
                              "scale tests use precomputed noisy copies of real e5 corpus vectors for passages "
                              "(real e5 for queries): latency is meaningful, retrieval quality is not"]}
    with tempfile.TemporaryDirectory(prefix="rag-bench-") as tmpname:
        tmp = Path(tmpname)
        base = tmp / "base.npy"
        result["embedder"] = run_phase("embed", tmp, "embed")
        files = corpus_files()
        peer = run_phase("peer", tmp, "peer-corpus", files, queries=len(questions()), save_base=base)
        ours = run_phase("ours", tmp, "ours-corpus", files, queries=len(questions()))
        result["corpus"] = {"ours": ours, "peer": peer, "ratio": compare(ours, peer)}
        synth = synth_issues(tmp / "synth", n_issues, articles_per_issue=12)
        peer = run_phase("peer", tmp, "peer-synth", synth, queries=10)
        ours = run_phase("ours", tmp, "ours-synth", synth, queries=10, mastheads=True)
        result["synthetic"] = {"issues": n_issues, "ours": ours, "peer": peer, "ratio": compare(ours, peer)}
        result["scale"] = {}
        for n in scales:
            if not base.exists():
                break
            # a synthetic article of 6-14 corpus sentences makes about 3 chunks of ours (measured: 509 articles ->
            # 1551 chunks), so n/3 articles, 100 per issue, give about n chunks; the result records the real count
            files = synth_issues(tmp / f"scale{n}", max(1, n // 300), articles_per_issue=min(100, max(1, n // 3)),
                                 seed=n)
            peer = run_phase("peer", tmp, f"peer-{n}", files, base=base, queries=args.queries)
            ours = run_phase("ours", tmp, f"ours-{n}", files, base=base, queries=args.queries, mastheads=True)
            result["scale"][str(n)] = {"ours": ours, "peer": peer, "ratio": compare(ours, peer)}
    out = args.out or ROOT / "evals" / "results" / f"bench-{dt.date.today().isoformat()}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in result.items() if k != "notes"}, ensure_ascii=False, indent=1))
    print(f"bench: results written to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
