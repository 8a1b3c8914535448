"""Briefing engines: date ranges, leads, de-duplication, topics, verification; the LLM engine against a local
OpenAI-compatible server; briefings of the real sample issues through a real archive."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from rag.brief.dates import last_week, parse_week, resolve_range
from rag.brief.engine import ExtractiveBriefEngine
from rag.brief.llm_engine import LLMBriefEngine, clean_summary, parse_reduce
from rag.brief.leads import lead_sentences
from rag.errors import NotFoundError
from rag.models import Article
from rag.settings import Settings
from rag.cite.verify import Verifier
from rag.index.tokenize import Tokenizer

sys.path.insert(0, str(Path(__file__).parent))
from fake_openai import FakeOpenAI  # noqa: E402

MON, SUN = dt.date(2023, 8, 21), dt.date(2023, 8, 27)
TOKENIZER = Tokenizer()  # no archive: jieba's dictionary and the county's places


def extractive() -> ExtractiveBriefEngine:
    """The extractive engine as the Service makes it, over a tokenizer without an archive."""
    return ExtractiveBriefEngine(Verifier.for_tokenizer(TOKENIZER), TOKENIZER.words)


def art(id: str, title: str, body: str, date: dt.date = dt.date(2023, 8, 22), position: int = 0,
        source: str = "a.txt", kind: str = "news", reporters: tuple[str, ...] = ()) -> Article:
    return Article(id=id, title=title, body=body, date=date, source=source, position=position, kind=kind,
                   reporters=reporters)


PLENARY = art("p1", "区委十四届五次全体（扩大）会议举行",
              "本报讯（记者 刘威 邹洁）8月18日，区委十四届五次全体（扩大）会议举行。区委书记王慧杰代表区委常委会作报告。"
              "\n会议审议通过了决议。（下转第二版）", reporters=("刘威", "邹洁"))
PLENARY_AGAIN = art("p2", "区委全会精神在各乡镇引起热烈反响",
                    "本报讯 8月18日，区委十四届五次全体（扩大）会议举行。区委书记王慧杰代表区委常委会作报告。\n各乡镇连夜传达。",
                    date=dt.date(2023, 8, 25), source="b.txt")
DOCTORS = art("d1", "区领导医师节走访慰问医务工作者",
              "本报讯（记者 张三）8月19日是第六个中国医师节。区领导走访慰问了区人民医院的医务工作者。", position=1,
              reporters=("张三",))
TALENT = art("t1", "引育留人才 打造青年集聚强磁场",
             "今年以来，我区新引进大学生人才5200余名。区人才办推出青年人才驿站，为来衢青年提供免费住宿。", position=2)
PHOTO = art("f1", "荷花盛开", "近日，莲花镇荷花盛开，吸引游客前来观赏。", position=3, kind="photo")


# --- date ranges ----------------------------------------------------------------------------------------

def test_iso_week_is_monday_to_sunday():
    assert parse_week("2023-W34") == (MON, SUN)
    assert parse_week("2024w1") == (dt.date(2024, 1, 1), dt.date(2024, 1, 7))
    with pytest.raises(ValueError, match="2023-W34"):
        parse_week("34th week")
    with pytest.raises(ValueError, match="no week 54"):
        parse_week("2023-W54")


def test_last_week_is_the_week_before_today():
    assert last_week(dt.date(2023, 8, 30)) == (MON, SUN)  # a Wednesday
    assert last_week(dt.date(2023, 8, 28)) == (MON, SUN)  # a Monday
    assert last_week(dt.date(2023, 9, 3)) == (MON, SUN)  # a Sunday


def test_resolve_range_takes_exactly_one_way():
    assert resolve_range(week="2023-W34") == (MON, SUN)
    assert resolve_range(previous_week=True, today=dt.date(2023, 8, 30)) == (MON, SUN)
    assert resolve_range(date_from=MON, date_to=SUN) == (MON, SUN)
    assert resolve_range(date_to=SUN) == (MON, SUN)
    with pytest.raises(ValueError, match="exactly one"):
        resolve_range()
    with pytest.raises(ValueError, match="exactly one"):
        resolve_range(date_from=MON, week="2023-W34")
    with pytest.raises(ValueError, match="after"):
        resolve_range(date_from=SUN, date_to=MON)


# --- leads ---------------------------------------------------------------------------------------------

def test_lead_drops_byline_furniture_and_reporter_names():
    lead = "".join(lead_sentences(PLENARY))
    assert lead.startswith("8月18日，区委十四届五次全体（扩大）会议举行。")
    assert "本报讯" not in lead and "刘威" not in lead and "下转" not in lead
    body = "（下转第二版）本报讯(记者 李四)8月20日,全区招商引资推进会召开。会议由记者李四报道。"
    lead = "".join(lead_sentences(art("x", "t", body)))
    assert lead.startswith("8月20日，全区招商引资推进会召开。") and "李四" not in lead and "下转" not in lead


# --- the extractive engine -----------------------------------------------------------------------------

def _all_items(brief):
    return list(brief.overview) + [i for s in brief.sections for i in s.items]


def test_extractive_brief_is_cited_verified_and_merges_one_event_from_two_issues():
    brief = extractive().brief([DOCTORS, PLENARY_AGAIN, TALENT, PLENARY, PHOTO], MON, SUN)
    items = [i for s in brief.sections for i in s.items]
    assert len(items) == 3  # the plenary reported twice is one item; the photo caption is left out
    assert all(i.supported and i.citations for i in _all_items(brief))
    by_id = {c.n: c.article_id for c in brief.citations}
    plenary = [i for i in items if "全体（扩大）会议" in i.text]
    assert len(plenary) == 1 and {by_id[n] for n in plenary[0].citations} == {"p1", "p2"}
    assert brief.overview[0].text.startswith("8月18日，区委十四届五次全体")  # the front-page lead comes first
    assert {c.article_id for c in brief.citations} == {"p1", "p2", "d1", "t1"}
    for c in brief.citations:  # every quote is verbatim article text
        assert c.quote and c.quote in next(a.body for a in (PLENARY, PLENARY_AGAIN, DOCTORS, TALENT)
                                           if a.id == c.article_id)


def test_two_meetings_with_one_title_on_different_days_stay_apart():
    a = art("m1", "区委常委会召开会议", "8月21日，区委常委会召开会议，研究部署防汛工作。")
    b = art("m2", "区委常委会召开会议", "8月25日，区委常委会召开会议，研究部署招商工作。", date=dt.date(2023, 8, 25),
            source="b.txt")
    brief = extractive().brief([a, b], MON, SUN)
    assert sum(len(s.items) for s in brief.sections) == 2


def test_photos_only_still_give_a_brief_and_no_articles_is_a_clear_error():
    brief = extractive().brief([PHOTO], MON, SUN)
    assert brief.citations[0].article_id == "f1"
    with pytest.raises(NotFoundError, match="between 2023-08-21 and 2023-08-27.*ingest"):
        extractive().brief([], MON, SUN)


def test_topics_come_from_the_articles_words():
    stories = [art(f"z{i}", f"{place}招商引资项目签约", f"8月{20 + i}日，{place}签约招商引资项目{i + 2}个。", position=i)
               for i, place in enumerate(["莲花镇", "杜泽镇", "湖南镇"])]
    stories += [art(f"y{i}", f"{place}开展防汛演练", f"8月{20 + i}日，{place}开展防汛应急演练。", position=5 + i)
                for i, place in enumerate(["后溪镇", "高家镇"])]
    brief = extractive().brief(stories, MON, SUN)
    topics = [s.topic for s in brief.sections]
    assert any("招商" in t for t in topics) and any("防汛" in t for t in topics)
    section = next(s for s in brief.sections if "招商" in s.topic)
    assert len(section.items) == 3


# --- the LLM engine (map-reduce) against a local OpenAI-compatible server -----------------------------

def test_parse_reduce_bounds_checks_item_numbers():
    reply = "概要：区委召开全会。[1]医师节慰问。[2][9]编造。[0]\n主题：会议｜条目：1,1,7\n主题：民生|条目：2、3"
    overview, topics = parse_reduce(reply, 3)
    assert overview == [("区委召开全会。", (1,)), ("医师节慰问。", (2,))]
    assert topics == [("会议", [1]), ("民生", [2, 3])]


def _llm_engine(fake: FakeOpenAI) -> LLMBriefEngine:
    settings = Settings(engine="openai", llm_base_url=fake.base_url, llm_model="fake-model")
    return LLMBriefEngine(settings, Verifier.for_tokenizer(TOKENIZER), TOKENIZER.words)


def test_llm_engine_maps_then_reduces_and_verifies():
    replies = [
        "8月18日，区委十四届五次全体（扩大）会议举行，王慧杰代表区委常委会作报告。",  # map: plenary (two issues)
        "区领导在医师节走访慰问医务工作者。",  # map: doctors
        "我区今年新引进大学生人才9999名。",  # map: a wrong number -> falls back to the verbatim lead
        "概要：区委十四届五次全体（扩大）会议举行。[1]区领导走访慰问医务工作者。[2]全区引进人才一万名。[3]"
        "我区新引进大学生人才5200余名。[3]\n"
        "主题：全会｜条目：1\n主题：民生｜条目：2,3",
    ]
    with FakeOpenAI(replies) as fake:
        brief = _llm_engine(fake).brief([PLENARY, PLENARY_AGAIN, DOCTORS, TALENT], MON, SUN)
    assert len(fake.requests) == 4
    assert "区委书记王慧杰" in fake.requests[0]["body"]["messages"][-1]["content"]
    assert "刘威" not in fake.requests[0]["body"]["messages"][-1]["content"]  # no byline in the map input
    assert [s.topic for s in brief.sections] == ["全会", "民生"]
    assert brief.engine.startswith("openai:fake-model") and "brief_map@v1" in brief.engine
    texts = [i.text for s in brief.sections for i in s.items]
    assert "9999" not in "".join(texts)
    assert any(t.startswith("今年以来，我区新引进大学生人才5200余名。") for t in texts)
    # the unsupported overview sentence (a number the article does not state) falls back to the lead's first
    assert [i.text for i in brief.overview] == ["区委十四届五次全体（扩大）会议举行。", "区领导走访慰问医务工作者。",
                                               "今年以来，我区新引进大学生人才5200余名。", "我区新引进大学生人才5200余名。"]
    assert len({c.article_id for c in brief.citations}) == 4 and all(i.supported for i in _all_items(brief))


def test_llm_engine_without_usable_grouping_uses_its_own_topics_and_overview():
    with FakeOpenAI(["区领导在医师节走访慰问医务工作者。", "随便写点什么"]) as fake:
        brief = _llm_engine(fake).brief([DOCTORS], MON, SUN)
    assert brief.overview and brief.sections and brief.sections[0].items[0].supported


# --- briefings of the real sample issues (archive built once per session by conftest) -------------------

MAIN_STORIES = {  # from a reading of each issue: words an item about each main story must contain
    "000_7f99004face86581.txt": ["浙大二院", "述责述廉", "项目谋划", "人大常委会", "民情直通车", "平武"],
    "001_9376f15a92d3fe1a.txt": ["十四届五次全体", "医师节"],
    "002_7ef5928998a3dc46.txt": ["月度工作例会", "毛卓战", "航运服务", "康养综合体", "招商引资", "白水村"],
    "003_7ace637069ccde80.txt": ["安全生产", "常务会议", "重点项目", "现代社区", "民生实事"],
    "004_a1394b6d0e0c442f.txt": ["共享法庭", "重点企业", "太真乡", "水库", "钱包", "调研成果"],
}


@pytest.mark.parametrize("source", sorted(MAIN_STORIES))
def test_week_of_each_sample_issue_covers_its_main_stories(corpus_home, source):
    from conftest import corpus_dates
    from rag.service import Service

    service = Service(Settings(home=corpus_home))
    year, week, _ = corpus_dates()[source].isocalendar()
    brief = service.brief(*parse_week(f"{year}-W{week}"))
    items = [i for s in brief.sections for i in s.items]
    texts = [i.text for i in items]
    missing = [story for story in MAIN_STORIES[source] if not any(story in t for t in texts)]
    assert not missing, f"stories missing from the briefing: {missing}"
    assert 3 <= len(brief.overview) <= 5 or len(brief.overview) == len(items)
    assert all(i.supported and i.citations for i in _all_items(brief))
    cited = [n for i in items for n in i.citations]
    assert len(cited) == len(set(cited))  # no article is the subject of two items
    for c in brief.citations:  # citations point at real chunks of the archive, quotes are verbatim
        assert c.source == source and c.chunk_id and c.quote in c.chunk
        assert c.chunk in [k.text for k in service.archive.chunks(c.article_id)]
    prose = "".join(texts + [i.text for i in brief.overview])
    reporters = {r for a in brief.sources for r in a.reporters}
    assert "本报讯" not in prose and "下转" not in prose and not any(r in prose for r in reporters)


def test_echoed_prompt_lines_and_fragments_never_reach_the_brief():
    echo = "你只根据给出的报道原文写作。\n1. 每句话以句号结束。\n标题：区领导医师节走访慰问\n<报道>\n摘要：区领导在医师节走访慰问医务工作者。"
    assert clean_summary(echo) == "区领导在医师节走访慰问医务工作者。"
    with FakeOpenAI(["标题：区领导医师节走访慰问医务工作者", "主题：慰问｜条目：1"]) as fake:
        brief = _llm_engine(fake).brief([DOCTORS], MON, SUN)
    item = brief.sections[0].items[0]  # the fragment is dropped; the verbatim lead stands in
    assert item.supported and item.text.startswith("8月19日是第六个中国医师节。")


def test_meetings_named_differently_share_a_section():
    """部署会, 常务会议, 推进会: jieba cuts them differently, but they are one kind of story."""
    titles = ["衢江区召开安全生产工作部署会", "区政府召开第11次常务会议", "衢江区现代社区建设工作推进会召开",
              "莲花镇柑橘采摘节开幕", "高家镇稻鱼共生基地插秧"]
    stories = [art(f"m{i}", t, f"8月{22 + i}日，{t}。相关负责人参加。", position=i) for i, t in enumerate(titles)]
    brief = extractive().brief(stories, MON, SUN)
    meetings = next(s for s in brief.sections if "会议" in s.topic)
    assert len(meetings.items) == 3
    assert not any("采摘节" in item.text for item in meetings.items)
