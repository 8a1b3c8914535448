"""Chroma vector store (the only module that imports chromadb and llama-index's ChromaVectorStore).

Embedded ``PersistentClient`` under ``<home>/chroma`` by default, a Chroma server when ``RAG_CHROMA_URL`` is set.
Embeddings are always passed in (Chroma's default embedding function would download a model), telemetry is off,
distances are cosine, and dates are stored as int YYYYMMDD so range filters work.

Every Chroma call goes through ``_chroma(...)``: whatever it raises (ChromaError, an httpx error of a server that
went away, sqlite's "database or disk is full", compaction errors of a full disk) comes out as one RagError that
says what failed and what to do; a server that cannot be reached is a ConfigError (every file would fail alike).

An embedded store keeps its HNSW index in memory: a long-lived reader does not see vectors another process wrote
until it reopens the store (:func:`forget_client`, then a new VectorStore). The store it leaves is closed once
the last VectorStore opened over it is gone (a search still running on it finishes first): a web app that
reopens after every `rag ingest` all day would otherwise keep every old copy in memory.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import math
import shutil
import threading
import weakref
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlparse

import chromadb
import chromadb.config
import httpx
from chromadb.api.shared_system_client import SharedSystemClient
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

LOW_DISK = 50_000_000  # bytes; below this a failed write is reported as a full disk


def forget_client(path: Path) -> None:
    """Drop Chroma's process-wide cache of the embedded store at ``path``, so that the next client reads the
    store from disk again (with what other processes wrote). VectorStores already open keep working; the old
    store is closed when the last of them is gone."""
    system = SharedSystemClient._identifier_to_system.pop(str(path), None)
    SharedSystemClient._identifier_to_refcount.pop(str(path), None)
    if system is not None:
        _close_when_unused(system)


_USERS = "_rag_vector_stores"  # on a Chroma System: the VectorStores opened over it (a WeakSet)


def _close_when_unused(system) -> None:
    """Stop a Chroma System that left the cache once no VectorStore opened over it is alive."""
    users = list(getattr(system, _USERS, ()))
    left, lock = [len(users)], threading.Lock()

    def gone() -> None:
        with lock:
            left[0] -= 1
            if left[0]:
                return
        try:
            system.stop()
            log.debug("chroma: closed a store left by a reopen")
        except Exception as e:  # noqa: BLE001 - closing frees memory; a failure to do so must not break a search
            log.warning("chroma: an old store did not close (%s: %s)", type(e).__name__, e)

    if not users:
        left[0] = 1
        gone()
    for store in users:
        weakref.finalize(store, gone)


@contextlib.contextmanager
def _chroma(action: str, where: str, path: Path | None):
    """Turn any error of a Chroma call into one RagError (ConfigError for a server out of reach)."""
    try:
        yield
    except RagError:
        raise
    except httpx.TransportError as e:
        raise ConfigError(f"{action}: the Chroma server at {where} does not answer ({type(e).__name__}: {e}); "
                          "restart it (chroma run --path DIR --port N), then run the command again: what was "
                          "interrupted is finished or undone on the next write") from e
    except Exception as e:  # ChromaError, httpx.HTTPStatusError, sqlite3/OS errors inside Chroma, Rust errors
        detail = " ".join(str(e).split())[:300] or type(e).__name__
        hint = "run `rag check` to see whether the stores agree"
        free = shutil.disk_usage(path if path.exists() else path.parent).free if path else None
        if (free is not None and free < LOW_DISK) or any(w in detail.lower() for w in ("disk is full", "no space")):
            hint = f"the disk holding {path} is full ({(free or 0) // 1_000_000} MB free): free some space"
        raise RagError(f"{action} failed at {where} ({type(e).__name__}: {detail}); {hint}") from e


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
    with _chroma("opening the vector store", str(path), path):
        path.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(path), settings=settings)


class VectorStore:
    """One Chroma collection of chunk vectors with their metadata (see rag.ingest.chunk.chunk_metadata)."""

    def __init__(self, collection: str, path: Path | None = None, url: str | None = None) -> None:
        self.name = collection
        self.where = url or str(path)
        self.path = None if url else path
        client = _client(path, url)
        if path is not None:  # counted on the shared System, which forget_client closes once none is left
            system = SharedSystemClient._identifier_to_system.get(str(path))
            if system is not None:
                if not hasattr(system, _USERS):
                    setattr(system, _USERS, weakref.WeakSet())
                getattr(system, _USERS).add(self)
        with self._errors(f"opening Chroma collection {collection}"):
            self._collection = client.get_or_create_collection(
                collection, configuration={"hnsw": {"space": "cosine"}}, embedding_function=None)
            self._store = ChromaVectorStore(chroma_collection=self._collection)

    def _errors(self, action: str):
        return _chroma(action, self.where, self.path)

    def count(self) -> int:
        with self._errors("counting vectors"):
            return self._collection.count()

    def ids(self) -> set[str]:
        """Every chunk id in the collection."""
        out: set[str] = set()
        with self._errors("listing vector ids"):
            while True:
                page = self._collection.get(include=[], limit=5000, offset=len(out))["ids"]
                out.update(page)
                if len(page) < 5000:
                    return out

    def add(self, chunks: Sequence[Chunk], vectors: Sequence[Sequence[float]]) -> None:
        """Store chunks with their vectors; a chunk id already present is overwritten."""
        if len(chunks) != len(vectors):
            raise ValueError(f"{len(chunks)} chunks but {len(vectors)} vectors")
        if not chunks:
            return
        nodes = [TextNode(id_=c.id, text=c.text, metadata=dict(c.metadata), embedding=list(v),
                          excluded_embed_metadata_keys=list(c.metadata), excluded_llm_metadata_keys=list(c.metadata))
                 for c, v in zip(chunks, vectors)]
        with self._errors(f"writing {len(chunks)} vectors"):
            self._collection.delete(ids=[c.id for c in chunks])  # Chroma's add ignores ids it already has
            self._store.add(nodes)
        log.debug("chroma: added %d vectors", len(nodes))

    def delete(self, chunk_ids: Sequence[str]) -> None:
        """Remove chunks by id (unknown ids are ignored)."""
        with self._errors(f"deleting {len(chunk_ids)} vectors"):
            for i in range(0, len(chunk_ids), 5000):
                self._collection.delete(ids=list(chunk_ids[i:i + 5000]))

    def query(self, vector: Sequence[float], k: int, date_from: dt.date | None = None,
              date_to: dt.date | None = None, sources: Sequence[str] | None = None,
              ids: Sequence[str] | None = None) -> list[tuple[str, float]]:
        """The ``k`` nearest chunks as (chunk id, cosine similarity), best first, within the filters and, when
        ``ids`` is given, among those chunks (the archive's catalog lists them faster than Chroma filters)."""
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
        with self._errors("searching the vectors"):
            result = self._store.query(q, **({"ids": list(ids)} if ids is not None else {}))
        # llama-index reports exp(-distance); with cosine distance d = 1 - cos, so cos = 1 + ln(similarity)
        return [(i, 1.0 + math.log(max(s, 1e-12))) for i, s in zip(result.ids or [], result.similarities or [])]
