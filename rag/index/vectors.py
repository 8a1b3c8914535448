"""Chroma vector store (the only module that imports chromadb and llama-index's ChromaVectorStore).

Embedded ``PersistentClient`` under ``<home>/chroma`` by default, a Chroma server when ``RAG_CHROMA_URL`` is set.
Embeddings are always passed in (Chroma's default embedding function would download a model), telemetry is off,
distances are cosine, and dates are stored as int YYYYMMDD so range filters work.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlparse

import chromadb
import chromadb.config
from chromadb.errors import ChromaError
from llama_index.core.schema import TextNode
from llama_index.core.vector_stores.types import (
    FilterOperator,
    MetadataFilter,
    MetadataFilters,
    VectorStoreQuery,
)
from llama_index.vector_stores.chroma import ChromaVectorStore

from ..errors import ConfigError, RagError
from ..ingest.chunk import date_int
from ..models import Chunk

log = logging.getLogger(__name__)


def _client(path: Path | None, url: str | None):
    """A Chroma client: HTTP when ``url`` is given, else persistent at ``path``."""
    settings = chromadb.config.Settings(anonymized_telemetry=False)
    if url:
        u = urlparse(url if "://" in url else f"http://{url}")
        if not u.hostname:
            raise ConfigError(f"RAG_CHROMA_URL={url!r} is not a URL like http://127.0.0.1:8000")
        port = u.port or (443 if u.scheme == "https" else 8000)
        try:
            client = chromadb.HttpClient(host=u.hostname, port=port, ssl=u.scheme == "https", settings=settings)
            client.heartbeat()
        except Exception as e:  # connection refused, DNS, TLS, HTTP errors: all mean "no server there"
            raise ConfigError(f"cannot reach the Chroma server at {url} ({type(e).__name__}: {e}); start it "
                              "(chroma run --path DIR --port N) or unset RAG_CHROMA_URL to use the embedded "
                              "store") from e
        return client
    assert path is not None
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=settings)


class VectorStore:
    """One Chroma collection of chunk vectors with their metadata (see rag.ingest.chunk.chunk_metadata)."""

    def __init__(self, collection: str, path: Path | None = None, url: str | None = None) -> None:
        self.name = collection
        self.where = url or str(path)
        client = _client(path, url)
        try:
            self._collection = client.get_or_create_collection(
                collection, configuration={"hnsw": {"space": "cosine"}}, embedding_function=None)
        except ChromaError as e:
            raise RagError(f"Chroma collection {collection} at {self.where} cannot be opened: {e}") from e
        self._store = ChromaVectorStore(chroma_collection=self._collection)

    def count(self) -> int:
        return self._collection.count()

    def ids(self) -> set[str]:
        """Every chunk id in the collection."""
        return set(self._collection.get(include=[])["ids"])

    def add(self, chunks: Sequence[Chunk], vectors: Sequence[Sequence[float]]) -> None:
        """Store chunks with their vectors; a chunk id already present is overwritten."""
        if len(chunks) != len(vectors):
            raise ValueError(f"{len(chunks)} chunks but {len(vectors)} vectors")
        if not chunks:
            return
        nodes = [TextNode(id_=c.id, text=c.text, metadata=dict(c.metadata), embedding=list(v),
                          excluded_embed_metadata_keys=list(c.metadata), excluded_llm_metadata_keys=list(c.metadata))
                 for c, v in zip(chunks, vectors)]
        try:
            self._collection.delete(ids=[c.id for c in chunks])  # Chroma's add ignores ids it already has
            self._store.add(nodes)
        except ChromaError as e:
            raise RagError(f"writing {len(chunks)} vectors to Chroma at {self.where} failed: {e}") from e
        log.debug("chroma: added %d vectors", len(nodes))

    def delete(self, chunk_ids: Sequence[str]) -> None:
        """Remove chunks by id (unknown ids are ignored)."""
        try:
            for i in range(0, len(chunk_ids), 5000):
                self._store.delete_nodes(node_ids=list(chunk_ids[i:i + 5000]))
        except ChromaError as e:
            raise RagError(f"deleting vectors from Chroma at {self.where} failed: {e}") from e

    def delete_articles(self, article_ids: Sequence[str]) -> None:
        """Remove every chunk of the given articles."""
        if article_ids:
            try:
                self._collection.delete(where={"article_id": {"$in": list(article_ids)}})
            except ChromaError as e:
                raise RagError(f"deleting vectors from Chroma at {self.where} failed: {e}") from e

    def query(self, vector: Sequence[float], k: int, date_from: dt.date | None = None,
              date_to: dt.date | None = None, sources: Sequence[str] | None = None) -> list[tuple[str, float]]:
        """The ``k`` nearest chunks as (chunk id, cosine similarity), best first, within the filters."""
        size = self.count() if k > 0 else 0
        if size == 0:
            return []
        filters = []
        if date_from:
            filters.append(MetadataFilter(key="date", value=date_int(date_from), operator=FilterOperator.GTE))
        if date_to:
            filters.append(MetadataFilter(key="date", value=date_int(date_to), operator=FilterOperator.LTE))
        if sources:
            filters.append(MetadataFilter(key="source", value=list(sources), operator=FilterOperator.IN))
        q = VectorStoreQuery(query_embedding=list(vector), similarity_top_k=min(k, size),
                             filters=MetadataFilters(filters=filters) if filters else None)
        try:
            result = self._store.query(q)
        except ChromaError as e:
            raise RagError(f"Chroma query at {self.where} failed: {e}") from e
        # llama-index reports exp(-distance); with cosine distance d = 1 - cos, so cos = 1 + ln(similarity)
        return [(i, 1.0 + math.log(max(s, 1e-12))) for i, s in zip(result.ids or [], result.similarities or [])]
