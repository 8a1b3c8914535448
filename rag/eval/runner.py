"""`rag eval` runner: build (or reuse) an archive of the sample corpus, ask every eval question, score, compare.

The archive is cached under RAG_HOME/eval-cache/<key>, the key covering the corpus file hashes, the ingest
settings and the source of the ingest and index packages (whole), so a change to parsing, chunking or indexing
rebuilds it.
Scoring is pure and lives in rag/eval/metrics.py.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import inspect
import json
import logging
import re
import shutil
import subprocess
import time
from collections.abc import Sequence
from pathlib import Path

from ..errors import ConfigError, RagError
from ..models import Progress
from ..settings import Settings
from .metrics import (TYPES, BriefExpectation, EvalItem, brief_coverage, diff, score_item, summarize_by_type,
                      summarize_splits)

log = logging.getLogger(__name__)

PROJECT = Path(__file__).resolve().parents[2]
EVALS_DIR = PROJECT / "evals"
DEFAULT_CORPUS = PROJECT.parent / "shared" / "corpus" / "qujiang"
RAG_DIR = Path(__file__).resolve().parents[1]
_WARMUP_QUESTION = "衢江区召开了什么会议？"


def corpus_dates(corpus_dir: Path) -> dict[str, dt.date]:
    """File name -> issue date from the corpus's dates.tsv (header line first)."""
    tsv = corpus_dir / "dates.tsv"
    if not tsv.exists():
        raise ConfigError(f"no dates.tsv in {corpus_dir}; pass the sample corpus folder with --corpus")
    out = {}
    for line in tsv.read_text(encoding="utf-8").splitlines()[1:]:
        if line.strip():
            name, date, *_ = line.split("\t")
            out[name] = dt.date.fromisoformat(date)
    return out


def cache_key(settings: Settings, corpus_dir: Path) -> str:
    """Hash of corpus files + ingest settings + the source of everything that builds an archive (16 hex chars)."""
    h = hashlib.sha1()
    for name in sorted(corpus_dates(corpus_dir)):
        h.update(name.encode() + (corpus_dir / name).read_bytes())
    h.update(f"{settings.embed_model}|{settings.chunk_size}|{settings.chunk_overlap}|{settings.userdict}".encode())
    for src in archive_sources():
        h.update(src.relative_to(RAG_DIR).as_posix().encode() + src.read_bytes())
    return h.hexdigest()[:16]


def archive_sources() -> list[Path]:
    """The source files an archive's contents depend on: every module of the ingest and index packages, whole,
    and the shared modules at the top of rag/ (models, text, ...) that they import."""
    files = sorted(p for package in ("ingest", "index") for p in (RAG_DIR / package).rglob("*.py"))
    shared = {m for f in files for m in re.findall(r"^\s*from \.\.(\w+) import", f.read_text("utf-8"), re.M)}
    return files + sorted(RAG_DIR / f"{m}.py" for m in shared if (RAG_DIR / f"{m}.py").is_file())


def ensure_archive(settings: Settings, corpus_dir: Path, progress: Progress | None = None) -> Path:
    """Home of an archive holding the corpus with its dates.tsv dates; built once, then reused while the key holds."""
    from ..service import Service

    home = settings.home / "eval-cache" / cache_key(settings, corpus_dir)
    if (home / "READY").exists():
        log.info("reusing eval archive %s", home)
        return home
    if home.exists():
        shutil.rmtree(home)  # a build that did not finish
    started = time.perf_counter()
    service = Service(settings.model_copy(update={"home": home}))
    dates = corpus_dates(corpus_dir)
    for i, (name, date) in enumerate(sorted(dates.items())):
        if progress:
            progress(i, len(dates), f"ingest {name}")
        service.ingest([corpus_dir / name], date=date)
    (home / "READY").write_text(dt.datetime.now().isoformat(timespec="seconds"), encoding="utf-8")
    log.info("built eval archive %s in %.1fs", home, time.perf_counter() - started)
    return home


def _retrieved_texts(service, item: EvalItem, answer, k: int) -> list[str] | None:
    """Texts of the top-k chunks the retriever returns for what the answer actually searched; None if the
    service exposes no retriever."""
    retrieve = getattr(service, "retrieve", None)
    if retrieve is None:
        return None
    params = inspect.signature(retrieve).parameters
    kwargs = {"date_from": answer.date_from, "date_to": answer.date_to, "k": k, "top_k": k}
    kwargs = {key: v for key, v in kwargs.items() if key in params}
    hits = retrieve(answer.search_query or item.question, **kwargs)
    return [h.text for h in list(hits)[:k]]


def _ask(service, item: EvalItem):
    """Ask an item (its history first, as a chat would) -> (answer, latency of the item's own question in ms)."""
    today = dt.date.fromisoformat(item.today) if item.today else None
    history: list[tuple[str, str]] = []
    for q in item.history:
        history.append((q, service.ask(q, today=today, history=list(history)).answer))
    started = time.perf_counter()
    answer = service.ask(item.question, today=today, history=history)
    return answer, (time.perf_counter() - started) * 1000


def run_eval(settings: Settings, items: Sequence[EvalItem], archive_home: Path,
             briefs: Sequence[BriefExpectation] = (), engine: str | None = None,
             progress: Progress | None = None) -> dict:
    """Run every item against the archive at `archive_home` -> result dict (summary, per-item records, briefs)."""
    from ..service import Service

    engine = engine or settings.engine
    service = Service(settings.model_copy(update={"home": archive_home, "engine": engine}))
    k = settings.top_k
    service.ask(_WARMUP_QUESTION)  # load models before timing
    records, answer_engine = [], engine
    for i, item in enumerate(items):
        if progress:
            progress(i, len(items), item.id)
        answer, ms = _ask(service, item)
        answer_engine = answer.engine
        records.append(score_item(item, answer, _retrieved_texts(service, item, answer, k), ms))
    result = {"engine": engine, "answer_engine": answer_engine, "k": k, "created": dt.datetime.now().isoformat(timespec="seconds"),
              "summary": summarize_by_type(records), "splits": summarize_splits(records),
              "briefs": _run_briefs(service, briefs), "items": records}
    result["summary"]["overall"] |= brief_summary(result["briefs"])
    return result


def brief_summary(briefs: Sequence[dict]) -> dict:
    """Overall briefing metrics from the per-week records: coverage of the test facts (what the gate uses), of
    the dev facts, the worst week's test coverage, supported items, and the share of weeks that account for
    every article exactly once."""
    def values(key):
        return [b[key] for b in briefs if b.get(key) is not None]

    def mean(vals):
        return round(sum(vals) / len(vals), 4) if vals else None

    test = values("coverage_test")
    return {"brief_coverage": mean(test), "brief_coverage_dev": mean(values("coverage_dev")),
            "brief_coverage_min": min(test) if test else None, "brief_supported": mean(values("supported")),
            "brief_once": mean([float(v == 1.0) for v in values("once")])}


def _run_briefs(service, briefs: Sequence[BriefExpectation]) -> list[dict]:
    """Briefing coverage per issue week; [] when the service has no briefing yet."""
    out = []
    for exp in briefs:
        try:
            brief = service.brief(dt.date.fromisoformat(exp.date_from), dt.date.fromisoformat(exp.date_to))
        except NotImplementedError:
            log.warning("Service.brief is not implemented; briefing coverage skipped")
            return []
        except RagError as e:
            out.append({"source": exp.source, "from": exp.date_from, "to": exp.date_to, "coverage": 0.0,
                        "coverage_dev": 0.0, "coverage_test": 0.0, "supported": None, "items": 0, "once": 0.0,
                        "missing": [f.label for f in exp.stories if f.split != "test"], "error": str(e)})
            continue
        week = service.articles(dt.date.fromisoformat(exp.date_from), dt.date.fromisoformat(exp.date_to))
        out.append(brief_coverage(brief, exp, [a.id for a in week if not a.furniture]))
    return out


def result_path(results_dir: Path, engine: str) -> Path:
    """evals/results/eval-<engine>.json, engine reduced to its kind ("openai:qwen" -> "openai")."""
    return results_dir / f"eval-{engine.split(':')[0]}.json"


def previous_result(path: Path) -> dict | None:
    """The last committed result at `path` (git HEAD), else the file on disk, else None."""
    try:
        rel = path.resolve().relative_to(PROJECT)
        out = subprocess.run(["git", "show", f"HEAD:{rel.as_posix()}"], cwd=PROJECT, capture_output=True,
                             timeout=20, check=False)
        if out.returncode == 0:
            return json.loads(out.stdout.decode("utf-8"))
    except (ValueError, OSError, subprocess.SubprocessError, json.JSONDecodeError):
        pass
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    return None


def save_result(result: dict, results_dir: Path) -> tuple[Path, dict]:
    """Write the result; returns (path, {metric: (previous, current)}) against the last committed result."""
    path = result_path(results_dir, result["engine"])
    changes = diff(result, previous_result(path))
    results_dir.mkdir(parents=True, exist_ok=True)
    # answers quote the corpus at length; the committed file keeps scores, not the archive's text
    saved = {**result, "items": [{k: v for k, v in r.items() if k != "answer"} for r in result.get("items", [])]}
    path.write_text(json.dumps(saved, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path, changes


def _fmt(value) -> str:
    return "-" if value is None else (f"{value:.3f}" if isinstance(value, float) and value <= 1 else f"{value}")


def format_report(result: dict, changes: dict | None = None) -> str:
    """Plain-text metrics table, dev and test side by side (overall, per type, per way of asking), briefing
    coverage, and the changes since last time."""
    splits = result.get("splits") or {"dev": result["summary"]}
    cols = ["n", "fact_recall", "first_line", "citation_hit", "citation_recall", "recall_at_k", "citation_precision",
            "refusal_accuracy", "false_refusal", "latency_p95_ms"]
    short = ["n", "facts", "first_line", "cite_hit", "cite_rec", f"rec@{result['k']}", "cite_prec", "refuse_ok", "false_ref",
             "p95_ms"]
    names = [s for s in ("dev", "test") if s in splits]
    lines = [f"engine: {result['engine']}    each cell: " + " | ".join(names),
             "type          " + " ".join(f"{s:>15}" for s in short)]

    def cell(metric: str, group: str, name: str) -> str:
        return " | ".join(_fmt(splits[s].get(group, {}).get(name, {}).get(metric) if group else
                               splits[s]["overall"].get(metric)) for s in names)

    rows = [("overall", "", "")] + [(t, "by_type", t) for t in TYPES if any(t in splits[s]["by_type"] for s in names)]
    rows += [(f"~{k}", "by_kind", k) for k in sorted({k for s in names for k in splits[s].get("by_kind", {})})]
    for label, group, name in rows:
        lines.append(f"{label:<14}" + " ".join(f"{cell(c, group, name):>15}" for c in cols))
    if result.get("briefs"):
        overall = result["summary"]["overall"]
        lines.append(f"briefings: key facts covered, test {_fmt(overall.get('brief_coverage'))} (worst week "
                     f"{_fmt(overall.get('brief_coverage_min'))}), dev {_fmt(overall.get('brief_coverage_dev'))}; "
                     f"every article once in {_fmt(overall.get('brief_once'))} of the weeks")
        lines.append(f"{'briefing week':<24}{'dev':>7}{'test':>7}{'once':>7}{'supported':>11}{'items':>7}")
    for b in result.get("briefs", []):
        once = f"{round(b['once'] * b['articles'])}/{b['articles']}" if b.get("articles") else _fmt(b.get("once"))
        lines.append(f"{b['from'] + '..' + b['to']:<24}{_fmt(b.get('coverage_dev')):>7}"
                     f"{_fmt(b.get('coverage_test')):>7}{once:>7}{_fmt(b['supported']):>11}{b['items']:>7}")
        if b.get("missing"):
            lines.append("  missing: " + ", ".join(b["missing"]))
        if b.get("absent") or b.get("repeated"):
            lines.append(f"  articles not accounted for: {b.get('absent')}; in two items: {b.get('repeated')}")
    if changes is not None:
        lines.append("changes since last committed result:" if changes else "no change since last committed result")
        for key, (old, new) in changes.items():
            lines.append(f"  {key}: {_fmt(old)} -> {_fmt(new)}")
    return "\n".join(lines)
