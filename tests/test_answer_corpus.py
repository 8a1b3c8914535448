"""Answers that hold more of the facts, on the five sample issues with the real archive, embedder and engine:
a tour's stops, the reports that name something, how a story ended, every figure asked, a meeting named by the
sentence before the one that answers. The wording is the tests' own; evals/qa.jsonl measures how often such
questions succeed.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from rag.service import Service
from rag.settings import Settings

pytestmark = pytest.mark.corpus
TODAY = dt.date(2025, 6, 1)


@pytest.fixture(scope="module")
def service(corpus_home: Path) -> Service:
    return Service(Settings(home=corpus_home))


def ask(service: Service, question: str):
    return service.ask(question, today=TODAY)


def test_where_leaders_went_gives_every_stop_of_the_visit(service):
    ans = ask(service, "医师节那天区领导都去了哪？")
    assert not ans.refused
    for stop in ("大洲分院", "廿里分院", "区妇幼保健院"):  # "先后来到…" and "在区妇幼保健院，…"
        assert stop in ans.answer
    assert ans.answer.count("\n") >= 3


def test_the_reports_that_name_a_place_come_by_title_oldest_first(service):
    ans = ask(service, "衢江港区 各期 报道")
    assert not ans.refused
    lines = ans.answer.splitlines()
    assert lines[0].startswith("《平武县党政代表团来衢江考察》（2024年12月24日）")
    assert lines[1].startswith("《衢江航运服务业迈入高质量发展新阶段》（2025年5月20日）")


def test_how_a_dispute_ended(service):
    ans = ask(service, "诚后村那个围墙的事后来怎么解决的？")
    assert not ans.refused and "围栏" in ans.answer


def test_every_figure_of_what_is_asked_leads_the_answer(service):
    ans = ask(service, "安仁水库库容多大？")
    assert ans.answer.startswith("水库正常库容84万方，总库容109万方。")


def test_which_meeting_someone_chaired_names_the_meeting(service):
    ans = ask(service, "区委书记贵丽青主持的是什么会？")
    assert not ans.refused and "党政月度工作例会" in ans.answer


def test_the_reports_a_reporter_wrote_say_what_each_story_is(service):
    # a line per report; a credit ("《X》的记者是叶建康。") would only repeat the question, the report's lede says
    # what the story was
    ans = ask(service, "叶建康 记者 稿子 各期")
    assert not ans.refused
    line = next(x for x in ans.answer.splitlines() if x.startswith("《衢江区人大常委员会召开第二十四次会议》"))
    assert "第二十四次会议，听取和审议相关报告" in line and "的记者是" not in line


def test_a_question_across_reports_reads_more_of_them(service):
    from rag.answer.ask import ACROSS_HITS, plan
    engine = service.answer_engine()
    nouns = service.archive.tokenizer.proper_nouns
    k = service.settings.top_k
    across = plan("这几期报纸都报过哪些养老的事？", [], engine, service.retriever, nouns, k, TODAY)
    one = plan("湖南镇康养综合体有多少间适老化居室？", [], engine, service.retriever, nouns, k, TODAY)
    assert len(one.hits) <= k < len(across.hits) <= k + ACROSS_HITS


def test_a_sentence_about_the_place_named_before_a_quote_is_about_that_place(service):
    # "目前，园内已吸引25家企业入驻，入驻率达90%以上。" follows a quote and its speaker's line; 园内 is the
    # 大学生创业园 of the sentence before them
    ans = ask(service, "大学生创业园入驻率现在多高？")
    assert not ans.refused and "90%以上" in ans.answer.splitlines()[0]
