"""The Archive: ingest issue files into the catalog, Chroma and BM25, keep the three consistent, search them.

Per file, an ingest reads, parses, chunks and embeds first (no writes), then writes Chroma and commits the
catalog last; a failure rolls that file back and the other files still go in. BM25 is rebuilt once per ingest
(its fingerprint of chunk ids repairs it on open after a crash). The catalog is the
truth: search results are mapped through it, so a vector left behind by a crash is never shown.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from .bm25 import BM25Index, fingerprint
from .catalog import Catalog
from ..ingest.chunk import chunk_article, chunk_metadata, index_text
from .embed import embed_model_setting, embedder_id, make_embedder
from ..errors import ConfigError, EmbedderMismatchError, NotFoundError, RagError
from .update import read_files
from .report import IngestReport, Progress, ProgressCounter
from ..models import Article, Chunk, Hit, IssueText
from ..settings import Settings
from .tokenize import Tokenizer, use
from .vectors import VectorStore

log = logging.getLogger(__name__)

EMBED_BATCH = 8  # small batches: the progress bar moves, and e5 is no faster in big ones


class Archive:
    """Catalog + Chroma + BM25 of one RAG_HOME. Opens nothing until first used."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.home = Path(settings.home)
        self._catalog: Catalog | None = None
        self._tokenizer: Tokenizer | None = None
        self._embedder = None
        self._vectors: VectorStore | None = None
        self._bm25: BM25Index | None = None
        self._write_lock = threading.RLock()  # one ingest or delete at a time (the web app has many threads)

    # --- lazily opened parts ---------------------------------------------------------------------
    @property
    def catalog(self) -> Catalog:
        if self._catalog is None:
            self._catalog = Catalog(self.home / "catalog.sqlite")
            if self._catalog.get_meta("collection") is None:
                self._catalog.set_meta("collection", f"qujiang_{uuid.uuid4().hex[:12]}")
                self._catalog.commit()
        return self._catalog

    @property
    def tokenizer(self) -> Tokenizer:
        if self._tokenizer is None:
            self._tokenizer = Tokenizer(self.home, self.settings.userdict)
            use(self._tokenizer)  # module-level rag.tokenize calls now know this archive's names
        return self._tokenizer

    @property
    def embedder(self):
        """The llama-index embedding model of this archive (also used by the verifier)."""
        if self._embedder is None:
            self.check_embedder()
            self._embedder = make_embedder(self.settings)
        return self._embedder

    @property
    def vectors(self) -> VectorStore:
        if self._vectors is None:
            self._vectors = VectorStore(self.catalog.get_meta("collection"), path=self.settings.chroma_dir,
                                        url=self.settings.chroma_url)
        return self._vectors

    @property
    def bm25(self) -> BM25Index:
        if self._bm25 is None:
            self._bm25 = BM25Index(self.settings.bm25_dir)
            if self._bm25.fingerprint != fingerprint(self.catalog.chunk_ids()):
                log.warning("BM25 index does not match the catalog; rebuilding it")
                self._bm25.rebuild(self.catalog.all_tokens())
        return self._bm25

    def check_embedder(self) -> None:
        """Raise EmbedderMismatchError when the archive was built with another embedder than the settings'."""
        built, wanted = self.catalog.get_meta("embedder_id"), embedder_id(self.settings)
        if built and built != wanted:
            raise EmbedderMismatchError(
                f"archive {self.home} was built with {built}; set RAG_EMBED_MODEL={embed_model_setting(built)} "
                f"or use a new --home for {wanted}")

    # --- ingest ----------------------------------------------------------------------------------
    def ingest(self, paths: Sequence[Path], date: dt.date | None = None,
               progress: Progress | None = None) -> IngestReport:
        """Ingest files and folders (``date`` overrides the masthead date); one FileReport per file."""
        with self._write_lock:
            return self._ingest(paths, date, progress)

    def _ingest(self, paths: Sequence[Path], date: dt.date | None, progress: Progress | None) -> IngestReport:
        from ..ingest.continuations import join_continuations

        t0 = time.perf_counter()
        self.check_embedder()
        self.bm25  # noqa: B018 - open (and if need be repair) the index before this ingest's uncommitted rows
        plan = read_files(paths, date, self.settings.max_file_mb * 1_000_000, self.catalog)
        report, parsed, batch = plan.report, plan.issues, plan.articles
        by_source: dict[str, list[Article]] = defaultdict(list)
        for article in join_continuations(batch) if batch else []:
            by_source[article.source].append(article)
        retokened = self._learn_names(batch)
        planned = {issue.source: self._chunks(by_source[issue.source]) for issue, _, _ in parsed}
        counter = ProgressCounter(progress, sum(len(c) for c in planned.values()))
        rebuild = retokened
        try:
            for issue, entry, replaces in parsed:
                try:
                    self._write(issue, by_source[issue.source], planned[issue.source], replaces, counter)
                except ConfigError:
                    raise  # no embedder or no Chroma server: every file would fail alike; say it once
                except RagError as e:
                    entry.status, entry.error = "failed", str(e)
                    log.error("%s: not ingested: %s", issue.path, e)
                    continue
                rebuild = True
                entry.articles, entry.chunks = len(by_source[issue.source]), len(planned[issue.source])
        finally:
            # once per ingest, not per file: a rebuild reads every chunk's tokens (a folder of 300 issues would
            # rebuild 300 times). Were this skipped by a crash, the fingerprint check on open rebuilds it.
            if rebuild:
                self.bm25.rebuild(self.catalog.all_tokens())
        report.seconds = time.perf_counter() - t0
        log.info("ingest: %d issues, %d articles, %d chunks, %d failed in %.1fs", report.issues,
                 report.articles, report.chunks, len(report.failed), report.seconds)
        return report

    def _chunks(self, articles: list[Article]) -> list[Chunk]:
        size, overlap = self.settings.chunk_size, self.settings.chunk_overlap
        return [c for a in articles for c in chunk_article(a, size, overlap)]

    def _learn_names(self, articles: list[Article]) -> bool:
        """Add byline names and (3+ character) names in titles to the tokenizer; re-token chunks that hold a
        newly learned name so old and new chunks cut it alike. True when stored tokens changed (the caller
        rebuilds the BM25 index)."""
        if not articles:
            return False
        names = {n for a in articles for n in (*a.reporters, *a.correspondents, a.author or "")}
        names |= {n for a in articles for n in self.tokenizer.proper_nouns(a.title)
                  if len(n) >= 3 and not self.tokenizer.is_word(n)}
        new = self.tokenizer.add_names(names)
        if new:
            rows = self.catalog.chunks_mentioning(new)
            if rows:
                self.catalog.set_tokens((i, self._tokens(t, x, r)) for i, t, x, r in rows)
                self.catalog.commit()
                return True
        return False

    def _tokens(self, title: str, text: str, reporters: Sequence[str]) -> list[str]:
        """BM25 tokens of a chunk: its title and text, plus the reporters' names (bylines are not in the body)."""
        return self.tokenizer.tokenize(index_text(title, text)) + list(reporters)

    def _write(self, issue: IssueText, articles: list[Article], chunks: list[Chunk], replaces: list[str],
               counter: ProgressCounter) -> None:
        """Embed and store one issue's articles, replacing the ``replaces`` article ids; all or nothing."""
        texts = [index_text(c.metadata["title"], c.text) for c in chunks]
        by_id = {a.id: a for a in articles}
        tokens = [self._tokens(by_id[c.article_id].title, c.text, by_id[c.article_id].reporters) for c in chunks]
        vectors: list[list[float]] = []
        for i in range(0, len(texts), EMBED_BATCH):
            vectors += self.embedder.get_text_embedding_batch(texts[i:i + EMBED_BATCH])
            counter.step(len(texts[i:i + EMBED_BATCH]), issue.source)
        cat = self.catalog
        old_chunks = set(cat.chunk_ids(replaces)) if replaces else set()
        new_chunks = {c.id for c in chunks}
        taken = cat.articles(ids=[a.id for a in articles])
        clash = [a.id for a in taken if a.source != issue.source and a.id not in replaces]
        if clash:
            raise RagError(f"article ids {clash[:3]} already belong to another source; delete that source first")
        self.vectors.add(chunks, vectors)
        try:
            cat.delete_articles(replaces)
            cat.put_articles(articles)
            cat.put_chunks(chunks, tokens)
            cat.put_source(issue)
            if vectors and cat.get_meta("embedder_id") is None:
                cat.set_meta("embedder_id", embedder_id(self.settings))
                cat.set_meta("dim", str(len(vectors[0])))
            cat.commit()  # the BM25 index is rebuilt once the whole ingest is written (see _ingest)
        except Exception:
            cat.rollback()
            self.vectors.delete(sorted(new_chunks - old_chunks))
            raise
        self.vectors.delete(sorted(old_chunks - new_chunks))
        log.info("%s: %d articles, %d chunks", issue.source, len(articles), len(chunks))

    # --- delete ----------------------------------------------------------------------------------
    def delete(self, article_ids: Sequence[str] = (), sources: Sequence[str] = ()) -> int:
        """Remove articles (by id) and whole sources from every index; returns the number of articles removed.
        Raises NotFoundError (removing nothing) when an id or source is unknown."""
        with self._write_lock:
            return self._delete(article_ids, sources)

    def _delete(self, article_ids: Sequence[str], sources: Sequence[str]) -> int:
        cat = self.catalog
        self.bm25  # noqa: B018 - open the index before this delete's uncommitted rows
        known = set(cat.article_ids())
        unknown = [i for i in article_ids if i not in known] + [s for s in sources if cat.source(s) is None]
        if unknown:
            raise NotFoundError(f"not in the archive: {', '.join(unknown)} (see `rag articles`)")
        ids = list(dict.fromkeys([*article_ids, *(i for s in sources for i in cat.article_ids(s))]))
        self.vectors.delete_articles(ids)
        try:
            cat.delete_articles(ids)
            for s in sources:
                cat.delete_source(s)
            self.bm25.rebuild(cat.all_tokens())
            cat.commit()
        except Exception:
            cat.rollback()
            raise
        log.info("deleted %d articles, %d sources", len(ids), len(sources))
        return len(ids)

    # --- listing ---------------------------------------------------------------------------------
    def articles(self, date_from: dt.date | None = None, date_to: dt.date | None = None,
                 source: str | None = None) -> list[Article]:
        return self.catalog.articles(date_from, date_to, source)

    def article(self, article_id: str) -> Article:
        found = self.catalog.articles(ids=[article_id])
        if not found:
            raise NotFoundError(f"no article {article_id} in the archive (see `rag articles`)")
        return found[0]

    def chunks(self, article_id: str) -> list[Chunk]:
        """The chunks of one article, in order (NotFoundError for an unknown id)."""
        article = self.article(article_id)
        return [Chunk(id=r["id"], article_id=article_id, index=r["idx"], text=r["text"], start=r["start"],
                      end=r["end"], metadata=chunk_metadata(article, r["idx"], r["start"], r["end"]))
                for r in self.catalog.chunk_rows(article_id=article_id)]

    def chunk_counts(self) -> dict[str, int]:
        """article id -> number of chunks."""
        return self.catalog.chunk_counts()

    def issues(self) -> list[dict]:
        """One dict per ingested file: source, date, issue_number, articles, ingested_at."""
        return self.catalog.issues()

    def stats(self) -> dict:
        """Counts of issues, articles and chunks, the embedder, and the sizes of both indexes."""
        return {**self.catalog.counts(), "embedder": self.catalog.get_meta("embedder_id"),
                "vectors": self.vectors.count(), "bm25": len(self.bm25)}

    # --- search ----------------------------------------------------------------------------------
    def search_dense(self, query: str, k: int, date_from: dt.date | None = None, date_to: dt.date | None = None,
                     sources: Sequence[str] | None = None) -> list[Hit]:
        """Nearest chunks by embedding (cosine similarity as score), best first."""
        if (date_from or date_to or sources) and not self.catalog.any_chunk(date_from, date_to, sources):
            return []  # a filtered Chroma query scans metadata (seconds at 100k chunks, when cold) to find nothing
        vector = self.embedder.get_query_embedding(query)
        return self.catalog.hits(self.vectors.query(vector, k, date_from, date_to, sources))

    def search_bm25(self, query: str, k: int, date_from: dt.date | None = None, date_to: dt.date | None = None,
                    sources: Sequence[str] | None = None) -> list[Hit]:
        """Best chunks by BM25 over jieba tokens (title included), best first."""
        allowed = self.catalog.filtered_chunk_ids(date_from, date_to, sources)
        return self.catalog.hits(self.bm25.search(self.tokenizer.tokenize(query), k, allowed))

    def tokenize(self, text: str) -> list[str]:
        """Tokens as the BM25 index sees them (this archive's names included)."""
        return self.tokenizer.tokenize(text)
