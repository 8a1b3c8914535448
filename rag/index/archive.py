"""The Archive: the stores of one RAG_HOME (catalog, tokenizer, embedder, Chroma, BM25), what they hold, and
search over them. Ingest and delete (rag.index.update) keep the three indexes consistent.

The catalog is the truth: search results are mapped through it, so a vector left behind by a crash is never
shown. Nothing is opened until first used.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import threading
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..errors import EmbedderMismatchError, NotFoundError
from ..ingest.chunk import chunk_metadata
from ..models import Article, Chunk, Hit, Progress
from ..settings import Settings
from . import update
from .bm25 import BM25Index, fingerprint
from .catalog import Catalog
from .embed import embed_model_setting, embedder_id, make_embedder
from .tokenize import Tokenizer
from .vectors import VectorStore

if TYPE_CHECKING:
    from .entities.extract import Lexicon
    from .entities.store import EntityIndex

log = logging.getLogger(__name__)


def _unit(vector: np.ndarray) -> np.ndarray:
    return vector / max(float(np.linalg.norm(vector)), 1e-9)


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
        self._entities: EntityIndex | None = None
        self._query_vectors = functools.lru_cache(maxsize=64)(self._embed_query)
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

    @property
    def entities(self) -> EntityIndex:
        """The entity index (rag.index.entities). An archive whose mentions an older extractor made (or none, from
        before the index) is read again first."""
        if self._entities is None:
            from .entities import build
            from .entities.lexicon import read_userdict
            from .entities.store import EntityIndex

            with self._write_lock:
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

    # --- writing (rag.index.update) -------------------------------------------------------------
    def ingest(self, paths: Sequence[Path], date: dt.date | None = None,
               progress: Progress | None = None) -> update.IngestReport:
        """Ingest files and folders (``date`` overrides the masthead date); one FileReport per file."""
        with self._write_lock:
            return update.ingest(self, paths, date, progress)

    def delete(self, article_ids: Sequence[str] = (), sources: Sequence[str] = ()) -> int:
        """Remove articles (by id) and whole sources from every index; returns the number of articles removed.
        Raises NotFoundError (removing nothing) when an id or source is unknown."""
        with self._write_lock:
            return update.delete(self, article_ids, sources)

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

    def newest_date(self) -> dt.date | None:
        """The issue date of the newest article, or None for an empty archive."""
        return self.catalog.newest_date()

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
        vector = self.query_vector(query).tolist()
        return self.catalog.hits(self.vectors.query(vector, k, date_from, date_to, sources))

    def search_bm25(self, query: str, k: int, date_from: dt.date | None = None, date_to: dt.date | None = None,
                    sources: Sequence[str] | None = None) -> list[Hit]:
        """Best chunks by BM25 over jieba tokens (title included), best first."""
        allowed = self.catalog.filtered_chunk_ids(date_from, date_to, sources)
        return self.catalog.hits(self.bm25.search(self.tokenizer.tokenize(query), k, allowed))

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
        """Tokens as the BM25 index sees them (this archive's names included)."""
        return self.tokenizer.tokenize(text)
