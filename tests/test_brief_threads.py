"""与上周相比 by the entity index (rag.brief.threads with the names rag.index.entities holds for each article):
over a real two-week archive, a project carries on under a new headline that shares only its names with last
week's report, and a distractor that shares last week's words but none of its names is new."""

from __future__ import annotations

import datetime as dt

import pytest
from test_brief_weeks import write_issue

from rag.brief.dates import parse_week
from rag.brief.leads import lead_sentences
from rag.brief.threads import CONTINUES, identifies, report, thread_score
from rag.service import Service
from rag.settings import Settings

WEEK_ONE = [  # issue of 2025-07-01 (ISO week 2025-W27); invented text
    ("浙江恒川新材料有限公司签约落户", "林晓雯",
     "6月30日，浙江恒川新材料有限公司年产十万吨新型材料项目签约，总投资20亿元，选址廿里镇。"),
    ("第三届樱桃文化节在杜泽镇开幕", "陈思远", "6月28日，第三届樱桃文化节在杜泽镇桂岭村开幕，吸引游客8000余人次。"),
]
WEEK_TWO = [  # issue of 2025-07-08 (2025-W28)
    # the same project under a new headline: it shares the company's name with last week, hardly a word
    ("首批生产设备进场安装", "陈思远", "7月7日，恒川新材料首批生产设备运抵厂区，工人们正在抓紧安装调试，预计年底试生产。"),
    # another company's project: last week's words (新材料, 年产, 项目签约, 总投资) and reporter, none of its names
    ("宏远新材料项目签约仪式举行", "林晓雯",
     "7月7日，浙江宏远新材料有限公司年产五万吨新型材料项目签约，总投资8亿元，选址高家镇。"),
]


ISSUES = {"9201": ("2025年7月1日", WEEK_ONE), "9202": ("2025年7月8日", WEEK_TWO)}


@pytest.fixture(scope="module")
def service(tmp_path_factory) -> Service:
    folder = tmp_path_factory.mktemp("issues")
    for number, (date, stories) in ISSUES.items():
        write_issue(folder / f"issue-{number}.txt", date, number, stories)
    archive = Service(Settings(home=tmp_path_factory.mktemp("threads")))
    assert not archive.ingest([folder]).failed
    return archive


def test_a_project_under_a_new_headline_continues_and_a_distractor_is_new(service):
    brief = service.brief(*parse_week("2025-W28"))
    items = {i.number: i for i in brief.items()}
    by_headline = {items[c.item].headline: c for c in brief.changes}
    project = by_headline["首批生产设备进场安装"]
    assert project.kind in ("continuing", "moved") and project.previous == "浙江恒川新材料有限公司签约落户"
    assert project.previous_date == dt.date(2025, 7, 1)
    assert by_headline["宏远新材料项目签约仪式举行"].kind == "new"


def test_the_names_come_from_the_entity_index_without_the_byline(service):
    week_one = {a.title: a for a in service.articles(dt.date(2025, 7, 1), dt.date(2025, 7, 1))}
    week_two = {a.title: a for a in service.articles(dt.date(2025, 7, 8), dt.date(2025, 7, 8))}
    signed = service.entities.story_names(week_one["浙江恒川新材料有限公司签约落户"].id)
    assert signed["浙江恒川新材料有限公司"] == "org" and signed["恒川新材料"] == "org"  # its short name too
    assert "林晓雯" not in signed  # the reporter makes no thread
    assert service.entities.story_names(week_two["首批生产设备进场安装"].id)["恒川新材料"] == "org"

    def reports(entities: bool):
        def of(a):
            return report(a, "".join(lead_sentences(a)), service.archive.tokenizer.proper_nouns,
                          service.entities.story_names(a.id) if entities else None)
        return of(week_one["浙江恒川新材料有限公司签约落户"]), of(week_two["首批生产设备进场安装"])

    # with the tokenizer's proper nouns the renamed report is no continuation; with the entity index it is
    assert thread_score(*reports(entities=False)) < CONTINUES <= thread_score(*reports(entities=True))


def test_what_identifies_a_story_on_its_own():
    assert identifies("浙江恒川新材料有限公司", "org") and identifies("衢江锂电池产业园", "place")
    assert not identifies("区住建局", "org") and not identifies("廿里镇", "place")
    assert not identifies("周明远", "person")
