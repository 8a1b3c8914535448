"""Writing an archive: ingest issue files into the catalog (with its keyword index) and Chroma; delete from both.

The caller (Archive) holds the writer lock (rag.index.lock) across processes. An ingest reads and parses every
file first (no writes; a file that cannot be read, is unchanged since its last ingest, or repeats a name of this
ingest gets its report and nothing else), joins continuations across the issues, learns the names of bylines and
titles, then per issue, in this order:

1. journal "add" of the new chunk ids (committed alone),
2. the new vectors into Chroma,
3. one catalog transaction: old articles out, new articles, chunks and keywords in, the journal entry turned
   into "delete" of the old chunk ids no longer used, the generation raised,
4. the old vectors out of Chroma, then the journal entry removed.

A crash anywhere leaves a journal entry that the next writer (or reader, when no writer runs) finishes
(rag.index.repair.finish_journal): vector ids the catalog does not hold are removed. A failure rolls that file
back and the other files still go in. Delete is the same order without step 2. One FileReport per input file.

``Settings.crash_at`` (tests only) names a step boundary at which the process SIGKILLs itself.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import signal
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..errors import ConfigError, InputFileError, NotFoundError, RagError
from ..ingest.chunk import article_facts, chunk_article, display_sentences, index_text
from ..models import Article, Chunk, IssueText, Progress
from . import repair
from .catalog import Catalog
from .embed import embedder_id

if TYPE_CHECKING:
    from .archive import Archive

log = logging.getLogger(__name__)

EMBED_BATCH = 8  # small batches: the progress bar moves, and e5 is no faster in big ones
MIN_FREE_BYTES = 100_000_000  # an ingest refuses to start with less free space where RAG_HOME is
STEPS = ("read", "journal", "vectors", "catalog", "old_vectors", "delete_catalog")  # crash points (tests)


def crash_point(archive: Archive, step: str) -> None:
    """Tests only: SIGKILL this process at ``step`` when Settings.crash_at names it (tests/test_crash.py)."""
    if archive.settings.crash_at == step:
        log.warning("crash_at=%s: killing this process", step)
        os.kill(os.getpid(), signal.SIGKILL)


def check_disk(home: Path) -> None:
    """RagError when the disk holding ``home`` has less than MIN_FREE_BYTES free (a write would fail half-way)."""
    probe = home if home.exists() else home.parent
    free = shutil.disk_usage(probe).free
    if free < MIN_FREE_BYTES:
        raise RagError(f"only {free // 1_000_000} MB free on the disk holding {home}; an ingest needs at least "
                       f"{MIN_FREE_BYTES // 1_000_000} MB: free some space (nothing was written)")


# --- reports ----------------------------------------------------------------------------------------------

@dataclass
class FileReport:
    """What happened to one input file: status is added | unchanged | replaced | failed."""

    source: str
    status: str
    articles: int = 0
    chunks: int = 0
    error: str | None = None
    path: str = ""


@dataclass
class IngestReport:
    files: list[FileReport] = field(default_factory=list)
    seconds: float = 0.0

    def _written(self) -> list[FileReport]:
        return [f for f in self.files if f.status in ("added", "replaced")]

    @property
    def issues(self) -> int:
        """Files added or replaced by this ingest."""
        return len(self._written())

    @property
    def articles(self) -> int:
        return sum(f.articles for f in self._written())

    @property
    def chunks(self) -> int:
        return sum(f.chunks for f in self._written())

    @property
    def unchanged(self) -> int:
        return sum(f.status == "unchanged" for f in self.files)

    @property
    def failed(self) -> list[FileReport]:
        return [f for f in self.files if f.status == "failed"]


class ProgressCounter:
    """Turns per-batch steps into (done, total, what) progress calls."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress, self.total, self.done = progress, total, 0

    def step(self, n: int, what: str) -> None:
        self.done += n
        if self.progress:
            self.progress(self.done, self.total, what)


# --- the read phase (no writes) ---------------------------------------------------------------------------

@dataclass
class ReadPlan:
    """What an ingest will write: per issue (issue, its report, the article ids it replaces), and all articles."""

    report: IngestReport = field(default_factory=IngestReport)
    issues: list[tuple[IssueText, FileReport, list[str]]] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)


def read_files(paths: Sequence[Path], date: dt.date | None, max_bytes: int, catalog: Catalog,
               max_seconds: float = 60) -> ReadPlan:
    """Read and parse every issue file under `paths`; the catalog tells unchanged and replaced files apart (and
    the date an undated file was given before). Reader or parser errors (a symlink loop included) fail only their
    file; reading one file may take `max_seconds`."""
    from ..ingest.parse import parse_issue
    from ..ingest.read import iter_files, read_issue

    plan = ReadPlan()
    seen: set[Path] = set()
    for path in iter_files([Path(p) for p in paths]):
        entry = FileReport(source=path.name, status="failed", path=str(path))
        try:
            resolved = path.resolve()
            if resolved in seen:  # the same file named twice (a folder and a file in it)
                continue
            seen.add(resolved)
        except (OSError, RuntimeError):  # a symlink loop: read_issue says so below
            pass
        plan.report.files.append(entry)
        try:
            issue = read_issue(path, date=date, max_bytes=max_bytes, stored_date=catalog.stored_date,
                               max_seconds=max_seconds)
            entry.source = issue.source
            if any(p[0].source == issue.source for p in plan.issues):
                raise InputFileError(str(path), f"another file named {issue.source} is in this ingest")
            prev = catalog.source(issue.source)
            issue_date = issue.date.isoformat() if issue.date else None
            if prev and prev["sha1"] == issue.sha1 and prev["date"] == issue_date:
                entry.status = "unchanged"
                continue
            articles = parse_issue(issue)
            if not articles:
                raise InputFileError(str(path), "no articles found in the text")
        except RagError as e:
            entry.error = getattr(e, "reason", None) or str(e)
            log.info("%s: not ingested: %s", path, entry.error)
            continue
        except Exception as e:  # a reader/parser bug on one file must not stop the others; logged in full
            log.exception("%s: unexpected error while reading or parsing", path)
            entry.error = f"unexpected error while reading or parsing ({type(e).__name__}: {e}); please report"
            continue
        entry.status = "replaced" if prev else "added"
        plan.issues.append((issue, entry, catalog.article_ids(issue.source) if prev else []))
        plan.articles.extend(articles)
    return plan


# --- ingest -----------------------------------------------------------------------------------------------

def ingest(archive: Archive, paths: Sequence[Path], date: dt.date | None, progress: Progress | None) -> IngestReport:
    """Ingest files and folders into the archive (``date`` overrides the masthead date); one FileReport per
    file. The caller holds the archive's write lock."""
    from ..ingest.continuations import join_continuations
    from ..ingest.titles import mend_titles

    t0 = time.perf_counter()
    archive.check_embedder()
    check_disk(archive.home)
    plan = read_files(paths, date, archive.settings.max_file_mb * 1_000_000, archive.catalog,
                      archive.settings.file_seconds)
    crash_point(archive, "read")
    report, parsed, batch = plan.report, plan.issues, plan.articles
    by_source: dict[str, list[Article]] = defaultdict(list)
    for article in mend_titles(join_continuations(batch), archive.tokenizer.words) if batch else []:
        by_source[article.source].append(article)
    mentions, taught, persons = _entities(archive, [a for s in by_source.values() for a in s])
    _learn_names(archive, batch, persons)
    size, overlap = archive.settings.chunk_size, archive.settings.chunk_overlap
    planned = {issue.source: [c for a in by_source[issue.source] for c in chunk_article(a, size, overlap)]
               for issue, _, _ in parsed}
    # the progress bar counts texts embedded: chunks, then their sentences
    counter = ProgressCounter(progress, sum(len(planned[s]) + len(sentences_of(by_source[s], planned[s]))
                                            for s in planned))
    written = False
    for issue, entry, replaces in parsed:
        try:
            _write(archive, issue, by_source[issue.source], planned[issue.source], replaces, counter,
                   [row for a in by_source[issue.source] for row in mentions[a.id]])
        except ConfigError:
            raise  # no embedder or no Chroma server: every file would fail alike; say it once
        except RagError as e:
            entry.status, entry.error = "failed", str(e)
            log.error("%s: not ingested: %s", issue.path, e)
            continue
        written = True
        entry.articles, entry.chunks = len(by_source[issue.source]), len(planned[issue.source])
    if written and taught:
        _refresh_entities(archive, taught, {a.id for a in batch})
    report.seconds = time.perf_counter() - t0
    log.info("ingest: %d issues, %d articles, %d chunks, %d failed in %.1fs", report.issues,
             report.articles, report.chunks, len(report.failed), report.seconds)
    return report


def _learn_names(archive: Archive, articles: list[Article], persons: Iterable[str] = ()) -> None:
    """Add byline names, (3+ character) names in titles and the entity index's people of 3+ characters (驻村干部
    柴成刚, which jieba cuts 柴成/刚) to the tokenizer; re-token (and re-index) chunks that hold a newly learned name
    so old and new chunks cut it alike."""
    if not articles:
        return
    tokenizer = archive.tokenizer
    names = {n for a in articles for n in credited(a)}
    names |= {n for a in articles for n in tokenizer.proper_nouns(a.title)
              if len(n) >= 3 and not tokenizer.is_word(n)}
    names |= {n for n in persons if len(n) >= 3 and not tokenizer.is_word(n)}
    new = tokenizer.add_names(names)
    if new:
        rows = archive.catalog.chunks_mentioning(new)
        if rows:
            archive.catalog.set_tokens((i, _tokens(archive, t, x, r)) for i, t, x, r in rows)
            archive.catalog.commit()


def _entities(archive: Archive, articles: list[Article]) -> tuple[dict[str, list[tuple]], set[str], set[str]]:
    """The entity index rows of each article (rag.index.entities), the person and body names this batch taught
    the archive, and the people it knows now."""
    from .entities import build

    if not articles:
        return {}, set(), set()
    base = archive.entity_lexicon()
    found, full = build.extract_batch(articles, base)
    taught = (full.persons - base.persons) | (full.orgs - base.orgs)
    return {a.id: build.rows(found[a.id], a) for a in articles}, taught, set(full.persons)


def _refresh_entities(archive: Archive, taught: set[str], batch: set[str]) -> None:
    """Read again the stored articles that hold a name this ingest taught (their own commit: the new issues are
    in already, and a failure here leaves the older readings, not a broken archive)."""
    from .entities import build

    try:
        build.refresh(archive.catalog, archive.entity_lexicon(), taught, batch)
        archive.catalog.commit()
    except Exception:
        archive.catalog.rollback()
        raise


def credited(article: Article) -> list[str]:
    """The names an article's byline credits: reporters, correspondents and a commentary's author (柏雷), which
    are not in its body: a search for 柏雷那篇评论 finds the piece by them."""
    return [*article.reporters, *article.correspondents, *([article.author] if article.author else [])]


def _tokens(archive: Archive, title: str, text: str, names: Sequence[str]) -> list[str]:
    """Keyword tokens of a chunk: its title and text, plus the names its byline credits (see credited)."""
    return archive.tokenize(index_text(title, text)) + list(names)


def sentences_of(articles: Sequence[Article], chunks: Sequence[Chunk]) -> list[tuple[str, str]]:
    """(article_id, shown text) of every answer sentence of the articles' bodies and of their chunks, once each:
    a retrieved hit is a span of chunks merged back into the body, so its sentences are the body's, but for a
    sentence longer than a chunk, which the chunker cut."""
    pieces = [(a.id, a.body) for a in articles] + [(c.article_id, c.text) for c in chunks]
    facts = [(a.id, f) for a in articles for f in article_facts(a)]
    return list(dict.fromkeys([*facts, *((aid, text) for aid, body in pieces for _, text, _ in display_sentences(body))]))


def pack_vector(vector: Sequence[float]) -> bytes:
    """A sentence vector as stored: float16 bytes (half the size; similarities change in the 4th decimal)."""
    return np.asarray(vector, dtype=np.float16).tobytes()


def _embed(archive: Archive, texts: list[str], counter: ProgressCounter, what: str) -> list[list[float]]:
    """Passage vectors of texts, in small batches that move the progress bar."""
    vectors: list[list[float]] = []
    for i in range(0, len(texts), EMBED_BATCH):
        vectors += archive.embedder.get_text_embedding_batch(texts[i:i + EMBED_BATCH])
        counter.step(len(texts[i:i + EMBED_BATCH]), what)
    return vectors


def _write(archive: Archive, issue: IssueText, articles: list[Article], chunks: list[Chunk], replaces: list[str],
           counter: ProgressCounter, mentions: list[tuple]) -> None:
    """Embed and store one issue's articles (with their entity mention rows), replacing the ``replaces`` article
    ids; all or nothing."""
    texts = [index_text(c.metadata["title"], c.text) for c in chunks]
    by_id = {a.id: a for a in articles}
    tokens = [_tokens(archive, by_id[c.article_id].title, c.text, credited(by_id[c.article_id])) for c in chunks]
    vectors = _embed(archive, texts, counter, issue.source)
    sentences = sentences_of(articles, chunks)
    sentence_vectors = _embed(archive, [t for _, t in sentences], counter, issue.source)
    cat = archive.catalog
    old_chunks = set(cat.chunk_ids(replaces)) if replaces else set()
    new_chunks = {c.id for c in chunks}
    taken = cat.articles(ids=[a.id for a in articles])
    clash = [a.id for a in taken if a.source != issue.source and a.id not in replaces]
    if clash:
        raise RagError(f"article ids {clash[:3]} already belong to another source; delete that source first")
    entry = cat.journal_add("add", sorted(new_chunks))
    cat.commit(publish=False)
    crash_point(archive, "journal")
    leftover = sorted(old_chunks - new_chunks)
    try:
        archive.vectors.add(chunks, vectors)
        crash_point(archive, "vectors")
        cat.delete_articles(replaces)
        cat.put_articles(articles)
        cat.put_chunks(chunks, tokens)
        cat.put_mentions(mentions)
        cat.put_sentences((a, t, pack_vector(v)) for (a, t), v in zip(sentences, sentence_vectors, strict=True))
        cat.put_source(issue)
        if vectors and cat.get_meta("embedder_id") is None:
            cat.set_meta("embedder_id", embedder_id(archive.settings))
            cat.set_meta("dim", str(len(vectors[0])))
        cat.journal_done(entry)
        entry = cat.journal_add("delete", leftover)
        cat.commit()
    except Exception:
        cat.rollback()
        _undo(archive)
        raise
    crash_point(archive, "catalog")
    _remove_vectors(archive, entry, leftover)
    log.info("%s: %d articles, %d chunks", issue.source, len(articles), len(chunks))


def _undo(archive: Archive) -> None:
    """After a failed write: finish the journal now (remove the vectors the catalog does not hold). When that
    fails too (the Chroma server is gone), the entry stays and the next writer finishes it."""
    try:
        repair.finish_journal(archive)
    except RagError as e:
        log.warning("the interrupted write is undone on the next write: %s", e)


def _remove_vectors(archive: Archive, entry: int, chunk_ids: list[str]) -> None:
    """Step 4: the vectors the committed catalog no longer holds out of Chroma, then the journal entry off."""
    try:
        archive.vectors.delete(chunk_ids)
    except RagError as e:  # committed already: searches never show them; the next writer removes them
        log.warning("old vectors are removed on the next write: %s", e)
        return
    crash_point(archive, "old_vectors")
    archive.catalog.journal_done(entry)
    archive.catalog.commit(publish=False)


# --- delete -----------------------------------------------------------------------------------------------

def delete(archive: Archive, article_ids: Sequence[str], sources: Sequence[str]) -> int:
    """Remove articles (by id) and whole sources from every index; a source none of whose articles is left goes
    too. Returns the number of articles removed. NotFoundError (removing nothing) when an id or source is unknown.
    The caller holds the archive's write lock."""
    cat = archive.catalog
    known = set(cat.article_ids())
    unknown = [i for i in article_ids if i not in known] + [s for s in sources if cat.source(s) is None]
    if unknown:
        raise NotFoundError(f"not in the archive: {', '.join(unknown)} (see `rag articles`)")
    ids = list(dict.fromkeys([*article_ids, *(i for s in sources for i in cat.article_ids(s))]))
    chunk_ids = cat.chunk_ids(ids)
    try:
        cat.delete_articles(ids)
        for s in sources:
            cat.delete_source(s)
        emptied = cat.delete_empty_sources()
        entry = cat.journal_add("delete", chunk_ids)
        cat.commit()
    except Exception:
        cat.rollback()
        raise
    crash_point(archive, "delete_catalog")
    _remove_vectors(archive, entry, chunk_ids)
    log.info("deleted %d articles, %d sources", len(ids), len(set(sources) | set(emptied)))
    return len(ids)
