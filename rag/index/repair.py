"""Consistency of an archive's stores: finishing interrupted writes, and `rag check [--repair]`.

The catalog is the truth. Its keyword index and per-article tables live in the same sqlite file and are written
in the same transactions; Chroma is written outside it, in the order rag.index.update describes, with a journal
entry naming the vector ids at stake. ``finish_journal`` completes what a crash interrupted: a journalled id the
catalog does not hold loses its vector, a journalled id it does hold gets its vector written again from the
catalog (a re-ingest of the same text under a new date overwrites vectors before its catalog commit).
``check`` compares every store id for id; with ``repair`` it also removes what the catalog does not hold and
embeds what it lacks. Every function here writes, so callers hold the writer lock (rag.index.lock).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..ingest.chunk import index_text

if TYPE_CHECKING:
    from .archive import Archive

log = logging.getLogger(__name__)

EMBED_BATCH = 8


@dataclass
class CheckReport:
    """What `rag check` found: counts per store and the ids that disagree with the catalog."""

    chunks: int = 0
    vectors: int = 0
    keywords: int = 0
    extra_vectors: list[str] = field(default_factory=list)  # in Chroma, not in the catalog
    missing_vectors: list[str] = field(default_factory=list)  # in the catalog, not in Chroma
    orphan_rows: dict[str, int] = field(default_factory=dict)  # table -> rows whose article or chunk is gone
    missing_keywords: int = 0
    journal: int = 0  # unfinished write entries
    empty_sources: list[str] = field(default_factory=list)
    repaired: bool = False

    @property
    def consistent(self) -> bool:
        return not (self.extra_vectors or self.missing_vectors or any(self.orphan_rows.values())
                    or self.missing_keywords or self.journal or self.empty_sources)

    def lines(self) -> list[str]:
        """One line per store, then one per problem (what `rag check` prints)."""
        out = [f"catalog: {self.chunks} chunks", f"vectors: {self.vectors}", f"keywords: {self.keywords}"]
        if self.extra_vectors:
            out.append(f"{len(self.extra_vectors)} vectors the catalog does not hold (e.g. {self.extra_vectors[0]})")
        if self.missing_vectors:
            out.append(f"{len(self.missing_vectors)} chunks without a vector (e.g. {self.missing_vectors[0]})")
        out += [f"{n} {table} rows whose article or chunk is gone" for table, n in self.orphan_rows.items() if n]
        if self.missing_keywords:
            out.append(f"{self.missing_keywords} chunks missing from the keyword index")
        if self.journal:
            out.append(f"{self.journal} interrupted writes not yet finished")
        if self.empty_sources:
            out.append(f"{len(self.empty_sources)} issues without articles: {', '.join(self.empty_sources[:5])}")
        return out


def finish_journal(archive: Archive) -> int:
    """Finish every interrupted write in the journal (see the module doc); returns how many entries there were."""
    cat = archive.catalog
    entries = cat.journal()
    for entry, op, chunk_ids in entries:
        held = set(cat.chunk_ids_in(chunk_ids))
        gone = [i for i in chunk_ids if i not in held]
        if gone:
            archive.vectors.delete(gone)
        if op == "add" and held:
            restore_vectors(archive, sorted(held))
        cat.journal_done(entry)
        cat.commit(publish=False)
        log.warning("finished an interrupted write (%s): %d vectors removed, %d restored", op, len(gone),
                    len(held) if op == "add" else 0)
    return len(entries)


def restore_vectors(archive: Archive, chunk_ids: Sequence[str]) -> None:
    """Embed the catalog's chunks ``chunk_ids`` again and write their vectors (metadata from the catalog)."""
    by_article: dict[str, list[str]] = {}
    for row in archive.catalog.chunk_rows(list(chunk_ids)):
        by_article.setdefault(row["article_id"], []).append(row["id"])
    chunks = [c for article_id, ids in by_article.items() for c in archive.chunks(article_id) if c.id in set(ids)]
    for i in range(0, len(chunks), EMBED_BATCH):
        part = chunks[i:i + EMBED_BATCH]
        vectors = archive.embedder.get_text_embedding_batch([index_text(c.metadata["title"], c.text) for c in part])
        archive.vectors.add(part, vectors)


def check(archive: Archive, repair: bool = False) -> CheckReport:
    """Compare catalog, vectors and keyword index id for id; with ``repair`` make them agree (the catalog wins).
    The report describes the archive as found."""
    cat = archive.catalog
    report = CheckReport(journal=len(cat.journal()))
    catalog_ids = set(cat.chunk_ids())
    vector_ids = archive.vectors.ids()
    keyword_ids = set(cat.keyword_chunk_ids())
    report.chunks, report.vectors, report.keywords = len(catalog_ids), len(vector_ids), len(keyword_ids)
    report.extra_vectors = sorted(vector_ids - catalog_ids)
    report.missing_vectors = sorted(catalog_ids - vector_ids)
    report.orphan_rows = cat.orphan_rows()
    report.missing_keywords = len(catalog_ids - keyword_ids)
    report.empty_sources = [i["source"] for i in cat.issues() if not i["articles"]]
    if repair and not report.consistent:
        finish_journal(archive)
        reconcile_vectors(archive, embed_missing=True)
        cat.delete_orphan_rows()
        cat.delete_empty_sources()
        cat.commit()
        report.repaired = True
    return report


def reconcile_vectors(archive: Archive, embed_missing: bool) -> tuple[int, int]:
    """Remove vectors the catalog does not hold and (``embed_missing``) embed the chunks that have none. Cheap
    when the counts agree (two counts); returns (removed, embedded)."""
    cat = archive.catalog
    if archive.vectors.count() == cat.counts()["chunks"]:
        return 0, 0
    catalog_ids = set(cat.chunk_ids())
    vector_ids = archive.vectors.ids()
    extra = sorted(vector_ids - catalog_ids)
    missing = sorted(catalog_ids - vector_ids) if embed_missing else []
    if extra:
        archive.vectors.delete(extra)
    if missing:
        restore_vectors(archive, missing)
    if extra or missing:
        log.warning("vectors made to agree with the catalog: %d removed, %d embedded", len(extra), len(missing))
    return len(extra), len(missing)
