"""Citation markers map 1-based, bounds-checked, to hits; quotes are verbatim; unsupported sentences are dropped."""

from __future__ import annotations

import datetime as dt

from rag.cite.citations import REFUSAL, find_quote, finalize, split_marked
from rag.models import Hit
from rag.text import split_sentences
from rag.cite.verify import Verifier
from rag.index.tokenize import Tokenizer

CHUNK_A = ("12月22日上午，王建安率队来衢州分院对接深化合作帮扶事宜，并举行座谈。区长贵丽青等参加。"
           "今年是浙大二院对口帮扶衢州分院的第15年。")
CHUNK_B = "8月20日，衢江区召开防汛工作会议，部署下一阶段防汛防台工作。会议由副区长徐东升主持。"


def hit(n: int, text: str, title: str) -> Hit:
    return Hit(chunk_id=f"a{n}:0", article_id=f"a{n}", text=text, score=1.0, title=title,
               date=dt.date(2024, 12, 24), source=f"issue{n}.txt")


HITS = [hit(1, CHUNK_A, "王建安来衢州分院对接合作"), hit(2, CHUNK_B, "区里部署防汛工作")]

TOKENIZER = Tokenizer()  # no archive: jieba's dictionary and the county's places
NO_NAMES = Verifier(names=None, words=TOKENIZER.words)  # numbers, dates and name-shaped words only


def test_split_marked_follows_the_contract():
    assert split_marked("甲。[1]乙。[2][3]") == [("甲。", (1,)), ("乙。", (2, 3))]


def test_split_marked_markers_before_stop_after_quotes_and_line_lists():
    parts = split_marked("他说：“好。”[1]其次[2]，再次[2][3]！\n- 列表项[4]\n没有标记")
    assert parts == [("他说：“好。”", (1,)), ("其次，再次！", (2, 3)), ("- 列表项", (4,)), ("没有标记", ())]


def test_split_sentences_is_verbatim():
    text = "第一句。第二句！“第三句？”尾巴"
    assert "".join(split_sentences(text)) == text


def test_find_quote_returns_whole_supporting_sentence_verbatim():
    quote = find_quote("浙大二院帮扶衢州分院已经第15年", CHUNK_A)
    assert quote == "今年是浙大二院对口帮扶衢州分院的第15年。"
    assert quote in CHUNK_A


def test_find_quote_spans_two_sentences_when_needed():
    quote = find_quote("王建安率队来衢州分院座谈，区长贵丽青参加", CHUNK_A)
    assert quote.startswith("12月22日上午") and quote.endswith("区长贵丽青等参加。")


def test_finalize_renumbers_in_order_of_first_use_and_quotes():
    raw = "8月20日，衢江区召开防汛工作会议。[2]今年是浙大二院对口帮扶衢州分院的第15年。[1]"
    ans = finalize("问题", raw, HITS, "extractive", NO_NAMES)
    assert not ans.refused
    assert ans.answer == "8月20日，衢江区召开防汛工作会议。[1]今年是浙大二院对口帮扶衢州分院的第15年。[2]"
    assert [c.article_id for c in ans.citations] == ["a2", "a1"]
    assert [c.n for c in ans.citations] == [1, 2]
    assert ans.citations[0].quote in CHUNK_B and ans.citations[0].chunk == CHUNK_B
    assert ans.citations[1].quote == "今年是浙大二院对口帮扶衢州分院的第15年。"
    assert ans.to_json(id="q1")["citations"][0]["date"] == "2024-12-24"


def test_out_of_range_and_zero_markers_never_map():
    raw = "今年是浙大二院对口帮扶衢州分院的第15年。[0]衢江区召开防汛工作会议。[3]"
    ans = finalize("问题", raw, HITS, "extractive", NO_NAMES)
    assert ans.refused and ans.answer == REFUSAL and ans.citations == ()
    assert [s.supported for s in ans.sentences] == [False, False]


def test_unsupported_sentence_is_dropped_but_kept_marked():
    raw = "衢江区召开防汛工作会议。[2]会议决定投入3000万元新建水库。[2]"
    ans = finalize("问题", raw, HITS, "extractive", NO_NAMES)
    assert ans.answer == "衢江区召开防汛工作会议。[1]"
    assert [s.supported for s in ans.sentences] == [True, False]
    assert len(ans.citations) == 1


def test_sentence_cited_to_the_wrong_article_is_unsupported():
    ans = finalize("问题", "今年是浙大二院对口帮扶衢州分院的第15年。[2]", HITS, "extractive", NO_NAMES)
    assert ans.refused


def test_engine_refusal_text_gives_refused_answer():
    ans = finalize("问题", "档案中没有找到关于此事的报道。", HITS, "openai:x", Verifier.for_tokenizer(TOKENIZER), prompt="qa_answer@v1")
    assert ans.refused and ans.answer == REFUSAL and ans.prompt == "qa_answer@v1"


def test_issue_date_of_the_cited_article_may_be_stated():
    raw = "据2024年12月24日报道，今年是浙大二院对口帮扶衢州分院的第15年。[1]"
    ans = finalize("问题", raw, HITS, "extractive", NO_NAMES)
    assert not ans.refused


def test_a_lines_report_prefix_is_no_part_of_the_quote():
    # 《title》（date）： names the report; the quote is the sentence only, not it and the next one that shares words
    # with the title
    raw = "《王建安来衢州分院对接合作》（2024年12月24日）：区长贵丽青等参加。[1]"
    ans = finalize("问题", raw, HITS, "extractive", NO_NAMES)
    assert not ans.refused and ans.citations[0].quote == "区长贵丽青等参加。"


def test_a_deed_word_used_as_a_noun_is_no_word_of_the_deed():
    from rag.answer.readings import speaks_of
    import re
    done = re.compile("通车")
    assert speaks_of("该工程于11月中旬启动，年底前建成通车。", done)
    assert not speaks_of("由区综合执法局等组成服务团，搭上“民情直通车”赶赴周家乡。", done)
