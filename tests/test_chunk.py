"""Chunking invariants: exact offsets, sizes, sentence boundaries, overlap, no crossing of articles."""

from __future__ import annotations

import datetime as dt

import pytest

from rag.ingest.chunk import CLOSERS, ENDS, chunk_article, index_text
from rag.models import Article
from rag.text import sentence_spans

SENTENCES = [
    "8月18日，区委全体会议在区行政中心举行。",
    "会议听取并讨论了工作报告，审议通过了有关决定！",
    "与会人员认为，过去一年全区经济运行总体平稳，项目建设取得新进展；",
    "“下一步要继续抓好招商引资。”他说。",
    "廿里镇、杜泽镇等乡镇负责人作了交流发言……",
    "会议强调，要坚持问题导向，狠抓工作落实？",
]


def make_article(body: str, id: str = "a1", title: str = "区委全体会议举行") -> Article:
    return Article(id=id, title=title, body=body, date=dt.date(2023, 8, 22), source="001.txt", position=0,
                   reporters=("刘威", "邹洁"), kind="news")


def long_body(n: int = 30) -> str:
    return "\n".join("".join(SENTENCES[(i + j) % len(SENTENCES)] for j in range(3)) for i in range(n))


def test_chunk_sentences_cover_text_and_end_after_closing_quote():
    text = "他说：“好。”然后走了！\n第二段"
    spans = sentence_spans(text, ENDS, CLOSERS, keep_breaks=True)
    assert "".join(text[s:e] for s, e in spans) == text
    assert [text[s:e] for s, e in spans] == ["他说：“好。”", "然后走了！\n", "第二段"]


def test_offsets_are_exact_and_sizes_bounded():
    article = make_article(long_body())
    chunks = chunk_article(article, size=300, overlap=60)
    assert len(chunks) > 5
    for i, c in enumerate(chunks):
        assert article.body[c.start:c.end] == c.text
        assert 0 < len(c.text) <= 300
        assert c.index == i and c.id == f"a1:{i}" and c.article_id == "a1"
    # every character of the body that is not whitespace lies in some chunk
    covered = set()
    for c in chunks:
        covered.update(range(c.start, c.end))
    assert all(i in covered for i, ch in enumerate(article.body) if not ch.isspace())


def test_chunks_end_on_sentence_boundaries_and_overlap_by_whole_sentences():
    article = make_article(long_body())
    chunks = chunk_article(article, size=300, overlap=60)
    for c in chunks[:-1]:
        assert c.text[-1] in "。！？；…”"
    overlaps = [a.end - b.start for a, b in zip(chunks, chunks[1:]) if b.start < a.end]
    assert overlaps, "consecutive chunks should share a sentence"
    assert all(0 < o <= 120 for o in overlaps)
    for a, b in zip(chunks, chunks[1:]):
        assert b.start > a.start and b.end > a.end  # always moves forward


def test_long_sentence_is_cut_at_commas():
    body = "，".join(f"第{i}项工作稳步推进并取得明显成效" for i in range(40)) + "。"
    chunks = chunk_article(make_article(body), size=100, overlap=20)
    assert len(chunks) >= 4
    for c in chunks:
        assert len(c.text) <= 100
        assert body[c.start:c.end] == c.text
    assert all(c.text.endswith("，") for c in chunks[:-1])


def test_sentence_without_any_punctuation_is_hard_cut():
    body = "甲" * 250
    chunks = chunk_article(make_article(body), size=100, overlap=20)
    assert [len(c.text) for c in chunks] == [100, 100, 50]


def test_short_and_empty_bodies():
    assert [c.text for c in chunk_article(make_article("  只有一句。 "))] == ["只有一句。"]
    assert chunk_article(make_article("   \n ")) == []


def test_never_crosses_articles_and_metadata_is_flat():
    a = make_article(long_body(5), id="x1")
    b = make_article("另一篇文章的内容。", id="x2", title="另一篇")
    chunks = chunk_article(a) + chunk_article(b)
    assert {c.article_id for c in chunks} == {"x1", "x2"}
    assert all("另一篇文章" not in c.text for c in chunks if c.article_id == "x1")
    meta = chunks[0].metadata
    assert meta["date"] == 20230822 and meta["reporters"] == "刘威、邹洁" and meta["title"] == "区委全体会议举行"
    assert all(isinstance(v, (str, int, bool)) for v in meta.values())
    assert (meta["start"], meta["end"], meta["chunk_index"]) == (chunks[0].start, chunks[0].end, 0)


def test_title_goes_into_the_indexed_text_not_the_chunk():
    c = chunk_article(make_article("正文一句。"))[0]
    assert "区委全体会议举行" not in c.text
    assert index_text(c.metadata["title"], c.text) == "区委全体会议举行\n正文一句。"


def test_bad_sizes_are_refused():
    with pytest.raises(ValueError):
        chunk_article(make_article("句子。"), size=50, overlap=50)


def test_what_the_paper_prints_about_a_picture_is_who_took_it():
    import datetime as dt

    from rag.ingest.chunk import article_facts
    from rag.models import Article
    day = dt.date(2022, 8, 30)
    photo = article_facts(Article("p", "项目建设 稳步推进", "正文。", day, "a.txt", 0, ("邵秀清", "徐凌峰"), kind="photo"))
    assert "《项目建设 稳步推进》的图片由邵秀清、徐凌峰拍摄。" in photo
    news = article_facts(Article("n", "某镇召开会议", "正文。", day, "a.txt", 1, ("周万",)))
    assert "《某镇召开会议》的记者是周万。" in news
    # a byline's correspondents are printed beside its reporters (记者 … 通讯员 …), or alone
    both = article_facts(Article("b", "某镇召开会议", "正文。", day, "a.txt", 1, ("叶晓轩",), ("王正明",)))
    assert "《某镇召开会议》的记者是叶晓轩，通讯员是王正明。" in both
    alone = article_facts(Article("c", "某镇召开会议", "正文。", day, "a.txt", 1, (), ("姚时佳",)))
    assert "《某镇召开会议》的通讯员是姚时佳。" in alone
    body = article_facts(Article("d", "某镇召开会议", "正文。", day, "a.txt", 1, (), ("衢江区交投集团",)))
    assert "《某镇召开会议》的供稿单位是衢江区交投集团。" in body  # a body credited at the end is no 通讯员
