"""Hybrid retrieval over an archive's searches: BM25 (jieba) + dense (e5 query mode), fused by weighted reciprocal rank.

Per query: both searches return `candidates` chunks within the date/source filters; each chunk scores
sum(weight / (rrf_k + rank)) over the lists it is in, plus a bonus when the article's title holds the query's
words (titles say what an article is about). Overlapping or adjacent chunks of one article are merged into one
hit (its text stays a verbatim span of the article), and one article gets at most `per_article` hits so a long
article cannot crowd out the others. Defaults were tuned on evals/qa.jsonl.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from llama_index.core.retrievers import BaseRetriever
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode

from ..models import Chunk, Hit

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FusionParams:
    """Knobs of the fusion; the defaults are the tuned ones."""

    rrf_k: float = 20.0
    w_bm25: float = 1.0
    w_dense: float = 0.5  # BM25 counts double: names and numbers decide most questions here
    w_title: float = 0.5  # bonus for the share of query words found in the title, in RRF units at rank 0
    candidates: int = 30  # chunks asked from each search
    per_article: int = 2
    expand_top: int = 2  # widen the best hit by this many chunk lengths of its article on each side


def _join(kept: Hit, hit: Hit) -> Hit:
    """One hit spanning two overlapping or touching hits of one article; rank, score and id of `kept`."""
    first, second = (kept, hit) if kept.start <= hit.start else (hit, kept)
    if second.end <= first.end:
        text, end = first.text, first.end
    else:
        text, end = first.text + second.text[first.end - second.start:], second.end
    return replace(kept, text=text, start=first.start, end=end)


def merge_neighbours(hits: Sequence[Hit]) -> list[Hit]:
    """Merge hits of one article whose spans overlap or touch into one hit covering them (best rank kept).

    In: hits in rank order. Out: hits in rank order, each merged hit at the place of its best part; repeated
    until no two hits touch (a chunk between two others joins all three).
    """
    merged = list(hits)
    changed = True
    while changed:
        changed = False
        out: list[Hit] = []
        for hit in merged:
            for i, kept in enumerate(out):
                if kept.article_id == hit.article_id and hit.start <= kept.end and kept.start <= hit.end:
                    out[i] = _join(kept, hit)
                    changed = True
                    break
            else:
                out.append(hit)
        merged = out
    return merged


def fuse(ranked_lists: Sequence[tuple[float, Sequence[Hit]]], rrf_k: float) -> dict[str, tuple[Hit, float]]:
    """Weighted reciprocal rank fusion: chunk id -> (hit, sum of weight / (rrf_k + rank)), rank 1-based."""
    fused: dict[str, tuple[Hit, float]] = {}
    for weight, hits in ranked_lists:
        for rank, hit in enumerate(hits, start=1):
            prev_hit, prev = fused.get(hit.chunk_id, (hit, 0.0))
            fused[hit.chunk_id] = (prev_hit, prev + weight / (rrf_k + rank))
    return fused


class SearchIndex(Protocol):
    """What retrieval needs of an archive (rag.index.archive.Archive has it): both searches, its tokens, and the
    chunks of an article."""

    def search_bm25(self, query: str, k: int, date_from: dt.date | None = None, date_to: dt.date | None = None,
                    sources: Sequence[str] | None = None) -> list[Hit]: ...

    def search_dense(self, query: str, k: int, date_from: dt.date | None = None, date_to: dt.date | None = None,
                     sources: Sequence[str] | None = None) -> list[Hit]: ...

    def tokenize(self, text: str) -> list[str]: ...

    def chunks(self, article_id: str) -> list[Chunk]: ...


class HybridRetriever(BaseRetriever):
    """BM25 + dense retrieval over a SearchIndex; `retrieve_hits` for us, `retrieve` (NodeWithScore) for llama-index.

    chunk_size: the archive's chunk size (how far the best hit is widened). The filters given here (date range,
    sources) apply to llama-index `retrieve` calls.
    """

    def __init__(self, index: SearchIndex, k: int = 8, chunk_size: int = 300, params: FusionParams | None = None,
                 date_from: dt.date | None = None, date_to: dt.date | None = None,
                 sources: Sequence[str] | None = None) -> None:
        super().__init__()
        self.index = index
        self.k = k
        self.chunk_size = chunk_size
        self.params = params or FusionParams()
        self.date_from, self.date_to, self.sources = date_from, date_to, sources

    def retrieve_hits(self, query: str, k: int | None = None, date_from: dt.date | None = None,
                      date_to: dt.date | None = None, sources: Sequence[str] | None = None) -> list[Hit]:
        """The best `k` hits for the query within the filters, best first; Hit.score is the fused score."""
        k = k or self.k
        p = self.params
        started = time.perf_counter()
        bm25 = self.index.search_bm25(query, p.candidates, date_from, date_to, sources)
        dense = self.index.search_dense(query, p.candidates, date_from, date_to, sources)
        fused = fuse([(p.w_bm25, bm25), (p.w_dense, dense)], p.rrf_k)
        words = set(self.index.tokenize(query))
        scored = []
        for hit, score in fused.values():
            if words and p.w_title:
                in_title = sum(1 for w in words if w in hit.title) / len(words)
                score += p.w_title * in_title / (p.rrf_k + 1)
            scored.append(replace(hit, score=score))
        scored.sort(key=lambda h: -h.score)
        merged = merge_neighbours(scored)
        if merged and p.expand_top:
            merged = merge_neighbours([self._expand(merged[0]), *merged[1:]])
        out, per_article = [], {}
        for hit in merged:
            if per_article.get(hit.article_id, 0) >= p.per_article:
                continue
            per_article[hit.article_id] = per_article.get(hit.article_id, 0) + 1
            out.append(hit)
            if len(out) >= k:
                break
        log.info("retrieve %r: bm25 %d, dense %d -> %d hits in %.0f ms", query[:30], len(bm25), len(dense),
                 len(out), (time.perf_counter() - started) * 1000)
        return out

    def _expand(self, hit: Hit) -> Hit:
        """The best hit widened by up to `expand_top` chunks of its article on each side (the items a list
        question asks for often follow the sentence that matched)."""
        n = self.params.expand_top
        chunks = self.index.chunks(hit.article_id)
        reach = n * self.chunk_size
        spans = [c for c in chunks if c.start < hit.end + reach and c.end > hit.start - reach]
        parts = [hit] + [replace(hit, chunk_id=c.id, text=c.text, start=c.start, end=c.end) for c in spans]
        merged = merge_neighbours(parts)
        return merged[0]

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        hits = self.retrieve_hits(query_bundle.query_str, self.k, self.date_from, self.date_to, self.sources)
        return [NodeWithScore(node=hit_node(h), score=h.score) for h in hits]


def hit_node(hit: Hit) -> TextNode:
    """A llama-index node for a hit (id = chunk id; article metadata, date as YYYY-MM-DD)."""
    return TextNode(id_=hit.chunk_id, text=hit.text,
                    metadata={"article_id": hit.article_id, "title": hit.title, "date": hit.date.isoformat(),
                              "source": hit.source, "reporters": ", ".join(hit.reporters)})
