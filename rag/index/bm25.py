"""BM25 keyword index over jieba tokens (the only module that imports bm25s), persisted under ``<home>/bm25``.

bm25s cannot add documents to an index, so the archive rebuilds it from the catalog's chunk tokens whenever the
chunk set changes (a few thousand chunks take well under a second). The chunk ids are saved with the index, so an
index that no longer matches the catalog is noticed and rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
from collections.abc import Collection, Sequence
from pathlib import Path

import bm25s
import numpy as np

log = logging.getLogger(__name__)
logging.getLogger("bm25s").setLevel(logging.INFO)  # bm25s logs every index build at DEBUG

IDS_FILE = "chunk_ids.json"


def fingerprint(chunk_ids: Sequence[str]) -> str:
    """A short hash of a sorted chunk-id list, to tell whether an index matches the catalog."""
    return hashlib.sha1("\n".join(sorted(chunk_ids)).encode()).hexdigest()[:16]


class BM25Index:
    """BM25 over (chunk id, tokens) documents, saved in ``directory``."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._ids: list[str] = []
        self._bm25: bm25s.BM25 | None = None
        self._loaded = False

    @property
    def fingerprint(self) -> str:
        self._load()
        return fingerprint(self._ids)

    def __len__(self) -> int:
        self._load()
        return len(self._ids)

    def _load(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        ids_file = self.directory / IDS_FILE
        if not ids_file.is_file():
            return
        try:
            self._ids = json.loads(ids_file.read_text(encoding="utf-8"))
            self._bm25 = bm25s.BM25.load(str(self.directory), show_progress=False) if self._ids else None
        except (OSError, ValueError, KeyError) as e:
            # a damaged index is only a cache of the catalog: report it and let the archive rebuild it
            log.warning("BM25 index at %s unreadable (%s); it will be rebuilt", self.directory, e)
            self._ids, self._bm25 = [], None

    def rebuild(self, docs: Sequence[tuple[str, list[str]]]) -> None:
        """Replace the index with ``docs`` = (chunk id, tokens) and save it (written aside, then swapped in)."""
        ids = [d[0] for d in docs]
        bm25 = None
        if docs:
            bm25 = bm25s.BM25()
            # a chunk with no token still needs a row; "" is the empty token bm25s reserves for that
            bm25.index([d[1] or [""] for d in docs], show_progress=False)
        tmp = self.directory.with_name(self.directory.name + ".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        if bm25 is not None:
            bm25.save(str(tmp), show_progress=False)
        (tmp / IDS_FILE).write_text(json.dumps(ids, ensure_ascii=False), encoding="utf-8")
        old = self.directory.with_name(self.directory.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if self.directory.exists():
            self.directory.rename(old)
        tmp.rename(self.directory)
        shutil.rmtree(old, ignore_errors=True)
        self._ids, self._bm25, self._loaded = ids, bm25, True
        log.info("bm25: rebuilt over %d chunks", len(ids))

    def search(self, query_tokens: Sequence[str], k: int,
               allowed: Collection[str] | None = None) -> list[tuple[str, float]]:
        """The ``k`` best chunks for the tokens as (chunk id, BM25 score > 0), best first; only chunk ids in
        ``allowed`` when it is given (the archive passes the ids that match the date/source filters)."""
        self._load()
        if self._bm25 is None or k <= 0 or not query_tokens:
            return []
        known = [t for t in query_tokens if t in self._bm25.vocab_dict]
        if not known:
            return []
        mask = None
        if allowed is not None:
            mask = np.fromiter((i in allowed for i in self._ids), dtype=np.float32, count=len(self._ids))
        scores = self._bm25.get_scores(known, weight_mask=mask)
        top = np.argsort(-scores, kind="stable")[:k]
        return [(self._ids[i], float(scores[i])) for i in top if scores[i] > 0]
