"""Elliptical follow-ups inherit the last turn's topic words and names; standalone questions stay as they are."""

from __future__ import annotations

import pytest

from rag.answer.followup import carries_over, is_elliptical, rewrite
from rag.index.tokenize import Tokenizer


@pytest.fixture(scope="module")
def tok() -> Tokenizer:
    return Tokenizer()


def test_pronoun_question_carries_the_last_question_topic(tok):
    history = [("王建安是哪天来衢州分院的？", "12月22日上午，王建安率队来衢州分院对接。[1]")]
    out = rewrite("那他后来呢？", history, tok.words, tok.proper_nouns)
    assert "王建安" in out and "衢州" in out and out.endswith("那他后来呢？")


def test_person_named_only_in_the_answer_is_carried(tok):
    history = [("白水村的党支部书记是谁？", "拥有24年军龄的老兵朱建成担任村党支部书记。[1]")]
    out = rewrite("他是什么时候回村任职的？", history, tok.words, tok.proper_nouns)
    assert "朱建成" in out and "白水" in out


def test_question_naming_nothing_is_elliptical(tok):
    history = [("太真乡下槽桥改建工程总投资多少？", "档案中没有找到相关报道。")]
    out = rewrite("改建后桥面有多宽？", history, tok.words, tok.proper_nouns)
    assert "太真乡" in out


def test_standalone_question_and_first_turn_unchanged(tok):
    history = [("王建安是哪天来衢州分院的？", "…")]
    question = "衢江区大学生创业园入驻了多少家企业？"
    assert rewrite(question, history, tok.words, tok.proper_nouns) == question
    assert rewrite("他是谁？", [], tok.words, tok.proper_nouns) == "他是谁？"
    assert not is_elliptical(question, tok.proper_nouns(question))
    assert carries_over("这个会议是谁主持的？", history, tok.proper_nouns)


def test_new_topic_naming_nothing_is_asked_as_it_stands(tmp_path):
    """Seen in the web chat: after a question about 全旺镇, "区图书馆夜读活动什么时候开始？" (jieba tags no name
    in it) was searched with 全旺镇's words and refused. It does not point back, so it is asked as it stands."""
    from pathlib import Path

    from rag.service import Service
    from rag.settings import Settings

    service = Service(Settings(home=tmp_path))
    service.ingest(sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.txt")))
    first = service.ask("全旺镇饮用水工程惠及多少群众？")
    assert not first.refused
    history = [(first.question, first.answer)]
    answer = service.ask("区图书馆夜读活动什么时候开始？", history=history)
    assert not answer.refused and "6月15日" in answer.answer
    assert "全旺镇" not in (answer.search_query or "")


def test_a_real_follow_up_keeps_the_carried_reading(tmp_path):
    from pathlib import Path

    from rag.service import Service
    from rag.settings import Settings

    service = Service(Settings(home=tmp_path))
    service.ingest(sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.txt")))
    first = service.ask("全旺镇饮用水工程惠及多少群众？")
    history = [(first.question, first.answer)]
    follow = service.ask("其中新建了几座蓄水池？", history=history)
    assert "全旺镇" in follow.search_query
    assert not follow.refused and "6座" in follow.answer
