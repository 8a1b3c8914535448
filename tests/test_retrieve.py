"""Hybrid retrieval over the real sample-corpus archive: fusion, filters, per-article cap, verbatim merged spans."""

from __future__ import annotations

import datetime as dt

import pytest

from rag.models import Hit
from rag.answer.retrieve import FusionParams, HybridRetriever, fuse, merge_neighbours
from rag.service import Service
from rag.settings import Settings


def hit(chunk: str, article: str, start: int, end: int, text: str) -> Hit:
    return Hit(chunk_id=chunk, article_id=article, text=text, score=0.0, title="t", date=dt.date(2024, 1, 1),
               source="s", start=start, end=end)


def test_fuse_prefers_chunks_both_searches_found():
    a, b, c = hit("a", "x", 0, 1, "a"), hit("b", "y", 0, 1, "b"), hit("c", "z", 0, 1, "c")
    fused = fuse([(1.0, [a, b]), (1.0, [c, b])], rrf_k=20)
    assert max(fused, key=lambda k: fused[k][1]) == "b"


def test_merge_neighbours_keeps_verbatim_span():
    body = "第一句。第二句。第三句。第四句。"
    first, second = hit("x:0", "x", 0, 8, body[0:8]), hit("x:1", "x", 4, 12, body[4:12])
    other = hit("y:0", "y", 0, 4, "别的。")
    merged = merge_neighbours([second, other, first])
    assert [h.article_id for h in merged] == ["x", "y"]
    assert merged[0].text == body[0:12] and (merged[0].start, merged[0].end) == (0, 12)


@pytest.fixture(scope="module")
def service(corpus_home) -> Service:
    return Service(Settings(home=corpus_home))


@pytest.mark.corpus
def test_finds_the_article_by_name_and_place(service):
    hits = service.retriever.retrieve_hits("王建安 衢州分院 对口帮扶", k=5)
    assert "王建安" in hits[0].text + hits[0].title
    assert hits[0].date == dt.date(2024, 12, 24)


@pytest.mark.corpus
def test_date_filter_and_per_article_cap(service):
    hits = service.retriever.retrieve_hits("会议", k=8, date_from=dt.date(2023, 8, 1), date_to=dt.date(2023, 8, 31))
    assert hits and all(h.date == dt.date(2023, 8, 22) for h in hits)
    cap = FusionParams().per_article
    assert all(sum(h.article_id == a for h in hits) <= cap for a in {h.article_id for h in hits})


@pytest.mark.corpus
def test_hit_text_is_a_verbatim_span_of_its_article(service):
    for h in service.retriever.retrieve_hits("共享法庭 行政村 覆盖", k=8):
        assert service.archive.article(h.article_id).body[h.start:h.end] == h.text


@pytest.mark.corpus
def test_llama_index_retriever_interface(service):
    retriever = HybridRetriever(service.archive, k=3, date_from=dt.date(2025, 5, 1), date_to=dt.date(2025, 5, 31))
    nodes = retriever.retrieve("湖南镇共富康养综合体")
    assert 0 < len(nodes) <= 3
    assert all(n.node.metadata["date"] == "2025-05-20" for n in nodes)
    assert nodes[0].score >= nodes[-1].score
