"""Suggested questions: made from headlines, offered only when the archive answers them."""

from __future__ import annotations

import datetime as dt

from app_process import ingest_examples

from rag.models import Article
from rag.service import Service
from rag.settings import Settings
from rag.web.suggest import Suggestions, candidate_questions, headline_question


def test_headlines_become_questions():
    assert headline_question("全区党政月度工作例会召开") == "全区党政月度工作例会是哪天召开的？"
    assert headline_question("区委十四届五次全体（扩大）会议举行") == "区委十四届五次全体（扩大）会议是哪天举行的？"
    assert headline_question("峡川镇民宿集群带火乡村游") == "关于「峡川镇民宿集群带火乡村游」，报道说了什么？"
    # a slogan first: the part that names a place or body is asked about
    assert headline_question("直面急难愁盼 直指短板弱项 太真乡办实民生实事") == "关于「太真乡办实民生实事」，报道说了什么？"
    assert headline_question("学生拾金不昧 失主锦旗致谢") is None  # names no place or body
    assert headline_question("二三齐步走“走出共富路") is None  # a headline cut in the middle of a quote


def test_candidates_come_newest_first_from_news_only():
    def art(title, day, kind="news", position=0):
        return Article(id=title, title=title, body="", date=day, source="s", position=position, kind=kind)

    articles = [art("区政府召开第11次常务会议", dt.date(2022, 8, 30)), art("衢江航运服务业迈入新阶段", dt.date(2025, 5, 20)),
                art("奏响高品质衢江城市建设最强音", dt.date(2025, 5, 20), kind="commentary", position=1)]
    assert candidate_questions(articles) == ["关于「衢江航运服务业迈入新阶段」，报道说了什么？", "关于「区政府召开第11次常务会议」，报道说了什么？"]


def test_suggestions_are_questions_the_archive_answers(tmp_path):
    home = tmp_path / "home"
    ingest_examples(home)
    service = Service(Settings(home=home))
    picks = Suggestions(service).get()
    assert len(picks) == 4
    for q in picks:
        a = service.ask(q)
        assert not a.refused and a.citations, q
    assert Suggestions(Service(Settings(home=tmp_path / "empty"))).get() == []
