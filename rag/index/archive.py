"""The Archive: the stores of one RAG_HOME (catalog with its keyword index, tokenizer, embedder, Chroma), what
they hold, and search over them. Ingest and delete (rag.index.update) keep the stores consistent.

Many processes may share one RAG_HOME (the web app all day, `rag ingest` from a terminal): writers take the
writer lock (rag.index.lock) one at a time; readers take no lock and call :meth:`Archive.refresh` per request,
which reads the catalog's generation and, when another process has written, reopens the embedded Chroma store
and reloads learned names. The catalog is the truth: search results are mapped through it, so a vector left
behind by a crash is never shown, and the journal of interrupted writes is finished under the writer lock.
Nothing is opened until first used.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import shutil
import threading
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..errors import EmbedderMismatchError, NotFoundError
from ..ingest.chunk import chunk_metadata
from ..models import Article, Chunk, Hit, Progress
from ..settings import Settings
from . import repair, update
from .catalog import Catalog
from .embed import embed_model_setting, embedder_id, make_embedder
from .lock import WriterLock
from .tokenize import Tokenizer
from .vectors import VectorStore, forget_client

if TYPE_CHECKING:
    from .entities.extract import Lexicon
    from .entities.store import EntityIndex

log = logging.getLogger(__name__)


def _unit(vector: np.ndarray) -> np.ndarray:
    return vector / max(float(np.linalg.norm(vector)), 1e-9)


class Archive:
    """Catalog (with keywords) + Chroma of one RAG_HOME. Opens nothing until first used."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.home = Path(settings.home)
        self.lock = WriterLock(self.home)
        self._catalog: Catalog | None = None
        self._tokenizer: Tokenizer | None = None
        self._embedder = None
        self._vectors: VectorStore | None = None
        self._entities: EntityIndex | None = None
        self._query_vectors = functools.lru_cache(maxsize=64)(self._embed_query)
        self._seen = 0  # the catalog generation this process's caches (Chroma, names) reflect
        self._writing = threading.Lock()  # held by this process's writes; refresh() leaves the caches alone then
        self._reopening = threading.Lock()  # one thread reopens; the others wait for it rather than read stale
        self._opening = threading.RLock()

    # --- lazily opened parts ---------------------------------------------------------------------
    @property
    def catalog(self) -> Catalog:
        if self._catalog is None:
            with self._opening:
                if self._catalog is None:
                    self._catalog = self._open_catalog()
                    if self._catalog.journal():  # a write was interrupted: finish it before anyone reads
                        self._finish_interrupted()
        return self._catalog

    def _open_catalog(self) -> Catalog:
        catalog = Catalog(self.home / "catalog.sqlite")
        if catalog.get_meta("collection") is None:
            catalog.set_meta("collection", f"qujiang_{uuid.uuid4().hex[:12]}")
            catalog.commit(publish=False)
        old_bm25 = self.home / "bm25"  # the keyword index before it moved into the catalog
        if old_bm25.is_dir():
            shutil.rmtree(old_bm25, ignore_errors=True)
        self._seen = catalog.generation()
        return catalog

    @property
    def tokenizer(self) -> Tokenizer:
        if self._tokenizer is None:
            self._tokenizer = Tokenizer(self.home, self.settings.userdict)
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
            with self._opening:
                if self._vectors is None:
                    self._vectors = VectorStore(self.catalog.get_meta("collection"), path=self.settings.chroma_dir,
                                                url=self.settings.chroma_url)
                    if self._vectors.count() != self.catalog.counts()["chunks"]:  # two cheap counts
                        self._finish_interrupted()
        return self._vectors

    def _finish_interrupted(self) -> None:
        """On opening the stores: finish interrupted writes and drop vectors the catalog does not hold, when no
        writer runs now (one that does has done it, and its own vectors are not committed yet)."""
        if self._writing.locked():  # a write of this process finishes them itself
            return
        with self.lock.try_hold("finishing an interrupted write") as held:
            if held:
                repair.finish_journal(self)
                repair.reconcile_vectors(self, embed_missing=False)

    # --- many processes ---------------------------------------------------------------------------
    def refresh(self) -> None:
        """Follow the archive: when another process has committed since this one last looked (one sqlite read),
        reopen the embedded Chroma store and reload learned names. Called per request by long-lived readers."""
        if self._catalog is None or self._catalog.generation() == self._seen:
            return
        with self._reopening:
            if not self._writing.locked():  # a write of this process reopened at its start and sees its own changes
                self._reopen()

    def _reopen(self) -> None:
        """Reopen the caches when the generation moved. Callers hold ``_reopening``."""
        generation = self.catalog.generation()
        if generation == self._seen:
            return
        log.info("archive changed (generation %d -> %d): reopening", self._seen, generation)
        self._seen = generation
        if self._vectors is not None and not self.settings.chroma_url:  # a server is always current
            forget_client(self.settings.chroma_dir)
            self._vectors = None
        if self._tokenizer is not None:
            self._tokenizer.reload_names()

    @contextmanager
    def writing(self, what: str, wait: bool = True, notice: Callable[[str], None] | None = None) -> Iterator[None]:
        """Hold the writer lock (across processes) for the block: catch up with what other processes wrote,
        finish interrupted writes, then let the block write. ``wait=False``: BusyError when another writer runs."""
        with self.lock.hold(what, wait=wait, notice=notice), self._writing:  # readers refresh while we wait
            with self._reopening:
                self._reopen()
            repair.finish_journal(self)
            repair.reconcile_vectors(self, embed_missing=True)
            try:
                yield
            finally:
                self._seen = self.catalog.generation()  # every change since the reopen is this process's own

    @property
    def entities(self) -> EntityIndex:
        """The entity index (rag.index.entities). An archive whose mentions an older extractor made (or none, from
        before the index) is read again first."""
        if self._entities is None:
            from .entities import build
            from .entities.lexicon import read_userdict
            from .entities.store import EntityIndex

            if not build.current(self.catalog):
                with self.lock.hold("reading the entity index again"):  # a write, so the writer lock
                    if not build.current(self.catalog):
                        build.rebuild(self.catalog, read_userdict(self.settings.userdict))
            self._entities = EntityIndex(self.catalog)
        return self._entities

    def entity_lexicon(self) -> Lexicon:
        """The names the entity extractor knows: the user dictionary's and those the archive's text taught."""
        from .entities.lexicon import read_userdict

        return read_userdict(self.settings.userdict) | self.entities.learned()

    def check_embedder(self) -> None:
        """Raise EmbedderMismatchError when the archive was built with another embedder than the settings'."""
        built, wanted = self.catalog.get_meta("embedder_id"), embedder_id(self.settings)
        if built and built != wanted:
            raise EmbedderMismatchError(
                f"archive {self.home} was built with {built}; set RAG_EMBED_MODEL={embed_model_setting(built)} "
                f"or use a new --home for {wanted}")

    # --- writing (rag.index.update, rag.index.repair) ---------------------------------------------
    def ingest(self, paths: Sequence[Path], date: dt.date | None = None, progress: Progress | None = None,
               wait: bool = True, notice: Callable[[str], None] | None = None) -> update.IngestReport:
        """Ingest files and folders (``date`` overrides the masthead date); one FileReport per file. Another
        writer: wait for it (``notice`` gets a message once) or, with ``wait=False``, BusyError."""
        with self.writing("ingest", wait, notice):
            return update.ingest(self, paths, date, progress)

    def delete(self, article_ids: Sequence[str] = (), sources: Sequence[str] = (), wait: bool = True,
               notice: Callable[[str], None] | None = None) -> int:
        """Remove articles (by id) and whole sources from every index; returns the number of articles removed.
        Raises NotFoundError (removing nothing) when an id or source is unknown."""
        with self.writing("delete", wait, notice):
            return update.delete(self, article_ids, sources)

    def check(self, repair_stores: bool = False, wait: bool = True,
              notice: Callable[[str], None] | None = None) -> repair.CheckReport:
        """Compare catalog, vectors and keyword index id for id (under the writer lock, so no write is half
        done); ``repair_stores`` makes them agree. See rag.index.repair.check."""
        with self.lock.hold("check", wait=wait, notice=notice), self._writing:
            with self._reopening:
                self._reopen()
            report = repair.check(self, repair=repair_stores)
            self._seen = self.catalog.generation()
            return report

    # --- listing ---------------------------------------------------------------------------------
    def articles(self, date_from: dt.date | None = None, date_to: dt.date | None = None,
                 source: str | None = None, kind: str | None = None) -> list[Article]:
        return self.catalog.articles(date_from, date_to, source, kind=kind)

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

    def newest_date(self) -> dt.date | None:
        """The issue date of the newest article, or None for an empty archive."""
        return self.catalog.newest_date()

    def stats(self) -> dict:
        """Counts of issues, articles and chunks, the embedder, and the sizes of both indexes."""
        return {**self.catalog.counts(), "embedder": self.catalog.get_meta("embedder_id"),
                "vectors": self.vectors.count(), "keywords": len(self.catalog.keyword_chunk_ids())}

    # --- search ----------------------------------------------------------------------------------
    def search_dense(self, query: str, k: int, date_from: dt.date | None = None, date_to: dt.date | None = None,
                     sources: Sequence[str] | None = None) -> list[Hit]:
        """Nearest chunks by embedding (cosine similarity as score), best first."""
        within = None
        if date_from or date_to or sources:
            # the catalog lists the chunks within the filters in milliseconds; Chroma's own metadata filter scans
            # every vector's metadata (0.2-0.6 s a query at 100k chunks)
            within = self.catalog.chunk_ids_within(date_from, date_to, sources)
            if not within:
                return []
        vector = self.query_vector(query).tolist()
        return self.catalog.hits(self.vectors.query(vector, k, ids=within))

    def search_bm25(self, query: str, k: int, date_from: dt.date | None = None, date_to: dt.date | None = None,
                    sources: Sequence[str] | None = None) -> list[Hit]:
        """Best chunks by BM25 over jieba tokens (title included), best first (the catalog's keyword index)."""
        return self.catalog.hits(self.catalog.search_keywords(self.tokenizer.tokenize(query), k, date_from, date_to,
                                                              sources))

    def query_vector(self, text: str) -> np.ndarray:
        """The query-mode embedding of a question (normalised), remembered for the last few questions: the dense
        search and the answer engine's sentence scoring embed the same query once."""
        return self._query_vectors(text)

    def _embed_query(self, text: str) -> np.ndarray:
        return _unit(np.asarray(self.embedder.get_query_embedding(text), dtype=np.float32))

    def sentence_vectors(self, keys: Sequence[tuple[str, str]]) -> np.ndarray:
        """Passage-mode vectors (normalised rows) of answer sentences given as (article_id, shown text), in order.
        Stored at ingest; a sentence not stored (an archive ingested before sentences were) is embedded now."""
        stored = self.catalog.sentence_vectors([a for a, _ in keys])
        missing = list(dict.fromkeys(k for k in keys if k not in stored))
        if missing:
            log.info("embedding %d sentences that were not stored at ingest", len(missing))
            fresh = self.embedder.get_text_embedding_batch([t for _, t in missing])
            stored.update({k: np.asarray(v, dtype=np.float16).tobytes() for k, v in zip(missing, fresh)})
        if not keys:
            return np.zeros((0, 0), dtype=np.float32)
        matrix = np.stack([np.frombuffer(stored[k], dtype=np.float16) for k in keys]).astype(np.float32)
        return matrix / np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-9)

    def tokenize(self, text: str) -> list[str]:
        """Tokens as the keyword index sees them (this archive's names included)."""
        return self.tokenizer.tokenize(text)
