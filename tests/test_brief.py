"""Briefing engines on hand-made articles: date ranges, ledes (a feature's nut graf) and key sentences (figures,
names, aims and anniversaries; one more for the lead story), sound cuts, every article once,
the newsroom sections, 简讯 and 评论, the overview's pointers; the LLM engine against a local OpenAI-compatible
server under the same rules."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from rag.brief.cuts import focus_cut, pointer, shorten, sound_cut
from rag.brief.dates import file_stem, last_week, parse_week, previous_period, resolve_range
from rag.brief.engine import ExtractiveBriefEngine
from rag.brief.leads import (DECISION_RE, key_features, key_sentences, lead_sentences, news_sentences, opens_feature,
                             posted_names, quantities)
from rag.brief.llm_engine import LLMBriefEngine, clean_summary
from rag.brief.plan import LENGTHS
from rag.brief.sections import ORDER, section_of
from rag.cite.verify import Verifier
from rag.errors import NotFoundError
from rag.index.tokenize import Tokenizer
from rag.models import Article
from rag.text import char_ngrams
from rag.settings import Settings

sys.path.insert(0, str(Path(__file__).parent))
from fake_openai import FakeOpenAI  # noqa: E402

MON, SUN = dt.date(2023, 8, 21), dt.date(2023, 8, 27)
TOKENIZER = Tokenizer()  # no archive: jieba's dictionary and the county's places


def art(id: str, title: str, body: str, date: dt.date = dt.date(2023, 8, 22), position: int = 0,
        source: str = "a.txt", kind: str = "news", reporters: tuple[str, ...] = (), author: str | None = None,
        title_inferred: bool = False) -> Article:
    return Article(id=id, title=title, body=body, date=date, source=source, position=position, kind=kind,
                   reporters=reporters, author=author, title_inferred=title_inferred)


PLENARY = art("p1", "区委十四届五次全体（扩大）会议举行",
              "本报讯（记者 刘威 邹洁）8月18日，区委十四届五次全体（扩大）会议举行。区委常委会主持会议。"
              "区委书记王慧杰代表区委常委会向全会作报告。\n会议审议通过了决议。（下转第二版）", reporters=("刘威", "邹洁"))
PLENARY_AGAIN = art("p2", "区委全会精神在各乡镇引起热烈反响",
                    "本报讯 8月18日，区委十四届五次全体（扩大）会议举行。区委书记王慧杰代表区委常委会作报告。\n各乡镇连夜传达。",
                    date=dt.date(2023, 8, 25), source="b.txt")
DOCTORS = art("d1", "区领导医师节走访慰问医务工作者",
              "本报讯（记者 张三）8月19日是第六个中国医师节。区领导走访慰问了区人民医院的医务工作者。", position=1,
              reporters=("张三",))
TALENT = art("t1", "引育留人才 打造青年集聚强磁场",
             "今年以来，我区新引进大学生人才5200余名。区人才办推出青年人才驿站，为来衢青年提供免费住宿。", position=2)
INVEST = art("i1", "全区招商引资推进会召开",
             "5月16日，全区招商引资推进会召开。贵丽青强调，要把招商引资摆在突出位置，抓好项目落地。"
             "区委书记贵丽青主持会议并讲话。\n会上，8个项目进行了集中签约，总投资金额超45亿元。\n区招商中心作交流发言。",
             position=3)
PHOTO = art("f1", "荷花盛开", "近日，莲花镇荷花盛开，吸引游客前来观赏。", position=4, kind="photo")
AWARDS = art("l1", "二季度投资赛马结果公布", "“金牛奖”获奖名单\n区住建局 区交投集团 莲花镇\n“流动红旗”获奖名单\n区招商中心 廿里镇",
             position=5, kind="list")
COMMENT = art("c1", "后浪拍岸 满城新景", "城市更友好，青年更有为。相信，待后浪拍岸，必是满城新景。", position=6,
              kind="commentary", author="余慧仙")
COLUMN = art("n1", "深化“五城”建设 打造“青年衢江”",
             "开栏语：城市对青年更友好，青年在城市更有为。为贯彻落实区委全会精神，营造浓厚氛围，本报特开设“青年衢江”专栏，"
             "推出系列报道，敬请关注。", position=7, kind="notice")
WEEK = [PLENARY, PLENARY_AGAIN, DOCTORS, TALENT, INVEST, PHOTO, AWARDS, COMMENT, COLUMN]


def engine() -> ExtractiveBriefEngine:
    return ExtractiveBriefEngine(Verifier.for_tokenizer(TOKENIZER), TOKENIZER)


def article_items(brief) -> dict[str, list[int]]:
    """Article id -> numbers of the items citing it (the overview and 与上周相比 aside)."""
    by_n = {c.n: c.article_id for c in brief.citations}
    out: dict[str, list[int]] = {}
    for item in brief.items():
        for n in item.citations:
            out.setdefault(by_n[n], []).append(item.number)
    return out


# --- date ranges -----------------------------------------------------------------------------------------

def test_iso_week_is_monday_to_sunday():
    assert parse_week("2023-W34") == (MON, SUN)
    assert parse_week("2024w1") == (dt.date(2024, 1, 1), dt.date(2024, 1, 7))
    with pytest.raises(ValueError, match="2023-W34"):
        parse_week("34th week")
    with pytest.raises(ValueError, match="no week 54"):
        parse_week("2023-W54")


def test_last_week_previous_period_and_file_names():
    assert last_week(dt.date(2023, 8, 30)) == (MON, SUN)  # a Wednesday
    assert last_week(dt.date(2023, 8, 28)) == (MON, SUN)  # a Monday
    assert last_week(dt.date(2023, 9, 3)) == (MON, SUN)  # a Sunday
    assert previous_period(MON, SUN) == (dt.date(2023, 8, 14), dt.date(2023, 8, 20))
    assert file_stem(MON, SUN) == "2023-W34" and file_stem(dt.date(2024, 1, 1), dt.date(2024, 1, 7)) == "2024-W01"
    assert file_stem(MON, dt.date(2023, 8, 30)) == "2023-08-21_2023-08-30"


def test_resolve_range_takes_exactly_one_way():
    assert resolve_range(week="2023-W34") == (MON, SUN)
    assert resolve_range(previous_week=True, today=dt.date(2023, 8, 30)) == (MON, SUN)
    assert resolve_range(date_from=MON, date_to=SUN) == (MON, SUN)
    assert resolve_range(date_to=SUN) == (MON, SUN)
    with pytest.raises(ValueError, match="exactly one"):
        resolve_range()
    with pytest.raises(ValueError, match="after"):
        resolve_range(date_from=SUN, date_to=MON)


# --- ledes and cuts --------------------------------------------------------------------------------------

def test_lede_drops_byline_furniture_and_reporter_names():
    lead = "".join(lead_sentences(PLENARY))
    assert lead == "8月18日，区委十四届五次全体（扩大）会议举行。"
    body = "（下转第二版）本报讯(记者 李四)8月20日,全区招商引资推进会召开。会议由记者李四报道。"
    lead = "".join(lead_sentences(art("x", "t", body)))
    assert lead == "8月20日，全区招商引资推进会召开。"


def test_a_cut_keeps_subject_and_verb_or_the_sentence_stays_whole():
    tags = TOKENIZER.tags
    doctors = ("8月18日，在第六个“中国医师节”来临之际，王慧杰、贵丽青等区四套班子领导到区中医院等地走访慰问，"
               "向广大基层医务工作者致以节日的祝福和亲切的问候。")
    assert shorten(doctors, 60, tags) == "8月18日，在第六个“中国医师节”来临之际，王慧杰、贵丽青等区四套班子领导到区中医院等地走访慰问。"
    purpose = "为进一步助推产业园高质量发展，优化产业布局，5月14日，区政协主席毛卓战带队开展全区工业平台民主监督与视察活动。"
    assert shorten(purpose, 40, tags) == "5月14日，区政协主席毛卓战带队开展全区工业平台民主监督与视察活动。"
    aside = "12月22日上午，浙江大学医学院附属第二医院（简称“浙大二院”）党委书记王建安率队来衢州分院对接合作帮扶事宜，并举行座谈。"
    assert shorten(aside, 60, tags) == "12月22日上午，浙江大学医学院附属第二医院党委书记王建安率队来衢州分院对接合作帮扶事宜，并举行座谈。"
    assert shorten(aside, 50, tags) == "12月22日上午，浙江大学医学院附属第二医院党委书记王建安率队来衢州分院对接合作帮扶事宜。"
    # the verifier of cuts: no ending on a setting, no dropped negation, no clause that is not the sentence's
    assert not sound_cut(doctors, "8月18日，在第六个“中国医师节”来临之际。", tags)
    assert not sound_cut("8月18日，区委召开会议，但未通过决议。", "8月18日，区委召开会议。", tags)
    assert not sound_cut(doctors, "王慧杰到区中医院走访慰问。", tags)
    # "区委常委会主持会议" reads as a noun phrase to the tagger: no sound cut, so nothing is cut
    long = "区委常委会主持会议，研究部署防汛、招商、安全生产和民生实事等下半年重点工作，听取各乡镇汇报。"
    assert shorten(long, 20, tags) == long


def test_an_overview_pointer_made_from_a_lede_reads_as_a_headline():
    # a report without a printed headline is pointed at by its lede, without its date clause and its stop
    tags = TOKENIZER.tags
    lede = "5月16日，全区二季度招商引资工作例会暨招商项目全流程服务推进会召开。"
    assert pointer(lede, 30, tags) == "全区二季度招商引资工作例会暨招商项目全流程服务推进会召开"
    assert pointer("8月25日上午，衢江区现代社区建设工作推进会召开。", 30, tags) == "衢江区现代社区建设工作推进会召开"
    assert pointer("近日，荷花盛开。", 30, tags) == "荷花盛开"
    assert pointer("荷花盛开。", 30, tags) == "荷花盛开"


def test_a_meeting_sentence_is_cut_to_its_decision_with_its_subject():
    tags = TOKENIZER.tags
    standing = ("8月26日，会议传达学习习近平总书记重要讲话精神和国务院第九次大督查动员部署会议精神，"
                "研究罗樟源水利枢纽工程项目前期工作、增加区属国企内设机构、区重点工业企业政策兑现等事项。")
    whole = "8月26日，会议研究罗樟源水利枢纽工程项目前期工作、增加区属国企内设机构、区重点工业企业政策兑现等事项。"
    assert focus_cut(standing, DECISION_RE, 60, tags) == whole
    assert focus_cut(standing, DECISION_RE, 30, tags) == "8月26日，会议研究罗樟源水利枢纽工程项目前期工作等。"  # a list to its first
    # or to as many of its first items as fit
    assert focus_cut(standing, DECISION_RE, 40, tags) == "8月26日，会议研究罗樟源水利枢纽工程项目前期工作、增加区属国企内设机构等。"
    assert sound_cut(standing, whole, tags)
    plenum = ("会议高举伟大旗帜，深入学习贯彻重要指示精神，按照省委全会的部署要求，听取和讨论王慧杰受区委常委会委托作的工作报告，"
              "审议通过《关于深化“五城”建设打造“青年衢江”的决议》。")
    assert focus_cut(plenum, DECISION_RE, 40, tags) == "会议审议通过《关于深化“五城”建设打造“青年衢江”的决议》。"
    # not when a clause between has a subject of its own, or turns the meaning round
    assert focus_cut("会议传达学习上级精神，王慧杰研究罗樟源水利枢纽工程项目。", DECISION_RE, 20, tags) is None
    assert focus_cut("会议传达学习上级精神，但未研究罗樟源水利枢纽工程项目。", DECISION_RE, 20, tags) is None
    assert not sound_cut(standing, "会议研究增加区属国企内设机构。", tags)


def test_a_line_that_only_says_who_spoke_is_no_sentence_of_a_briefing():
    body = "“桥面将拓宽至12米。”太真乡党委书记徐芳说。该工程总投资80万元，于11月中旬启动。"
    assert news_sentences(art("q", "下槽桥改建", body)) == ["“桥面将拓宽至12米。”", "该工程总投资80万元，于11月中旬启动。"]


def test_a_commentary_is_listed_with_the_office_its_signature_prints():
    signed = art("c", "推进产城融合大发展", "产城融合是大势所趋。\n区委常委、廿里镇党委书记毛晓荣。", kind="commentary",
                 author="毛晓荣")
    assert signed.signature == "区委常委、廿里镇党委书记毛晓荣"
    pen = art("d", "后浪拍岸", "城市在变。\n青年在来。", kind="commentary", author="余慧仙")
    assert pen.signature == "余慧仙"
    assert art("e", "开栏语", "本报开设专栏。", kind="commentary").signature == ""


def test_a_made_up_commentary_headline_shows_words_that_name_its_topic():
    from rag.brief.plan import shown_headline

    def made(title: str) -> str:
        return shown_headline(art("m", title, title + "后文。", kind="commentary", title_inferred=True))
    # a clause of time alone names nothing: the next clause comes too
    assert made("短评：唐宋时期，某国曾依靠人才率先崛起，势力超过邻国") == "短评：唐宋时期，某国曾依靠人才率先崛起……"
    assert made("短评：人才是区域发展弯道超车的重要引擎，要引育留人才") == "短评：人才是区域发展弯道超车的重要引擎……"
    assert made("短评：人才兴则事业兴") == "短评：人才兴则事业兴"  # nothing cut, no ellipsis
    assert shown_headline(art("n", "某镇召开会议", "正文。", title_inferred=True)) == ""  # news: made-up, not shown


# --- the extractive engine -------------------------------------------------------------------------------

def test_every_article_is_accounted_for_once_in_sections_shorts_and_commentary():
    brief = engine().brief(WEEK, MON, SUN)
    placed = article_items(brief)
    assert sorted(placed) == sorted(a.id for a in WEEK)
    assert all(len(numbers) == 1 for numbers in placed.values())
    assert placed["p1"] == placed["p2"]  # one event reported in two issues: one item citing both
    assert all(i.supported and i.citations for i in brief.items())
    assert [i.number for i in brief.items()] == list(range(1, len(brief.items()) + 1))
    topics = [s.topic for s in brief.sections]
    assert set(topics) <= set(ORDER) and topics[-2:] == ["简讯", "评论"]
    shorts, comments = brief.sections[-2].items, brief.sections[-1].items
    assert {i.headline for i in shorts} == {"荷花盛开", "二季度投资赛马结果公布"}
    awards = next(i for i in shorts if i.headline.startswith("二季度"))
    assert awards.text == "“金牛奖”获奖名单：区住建局、区交投集团、莲花镇；“流动红旗”获奖名单：区招商中心、廿里镇。"
    assert [(i.headline, i.author) for i in comments] == [("后浪拍岸 满城新景", "余慧仙"),
                                                          ("开栏语：深化“五城”建设 打造“青年衢江”", "")]
    assert comments[0].text == ""  # commentary is listed by title and author, not summarised as news
    assert comments[1].text == "本报特开设“青年衢江”专栏，推出系列报道，敬请关注。"  # an unsigned note says what it opens


def test_main_stories_carry_their_key_figures_and_named_officials():
    brief = engine().brief(WEEK, MON, SUN)
    invest = next(i for i in brief.items() if i.headline == "全区招商引资推进会召开")
    assert invest.text.startswith("5月16日，全区招商引资推进会召开。")
    assert "8个项目" in invest.text and "45亿元" in invest.text and "区委书记贵丽青主持会议并讲话" in invest.text
    assert "要把招商引资" not in invest.text  # a leader's speech is not a key sentence
    plenary = next(i for i in brief.items() if i.headline == "区委十四届五次全体（扩大）会议举行")
    assert "区委书记王慧杰代表区委常委会向全会作报告。" in plenary.text
    assert "区委常委会主持会议。" not in plenary.text


def test_the_overview_points_at_items_instead_of_repeating_them():
    brief = engine().brief(WEEK, MON, SUN)
    items = {i.number: i for i in brief.items()}
    assert 3 <= len(brief.overview) <= 5
    for pointer in brief.overview:
        target = items[pointer.number]
        assert pointer.kind == "pointer" and pointer.citations == target.citations
        assert pointer.text != target.text and pointer.text in target.headline + target.text
    assert brief.overview[0].number == items[brief.overview[0].number].number  # the front-page story first
    assert "区委十四届五次全体" in brief.overview[0].text


def test_sections_come_from_a_fixed_taxonomy_with_a_fallback():
    assert section_of("衢江区召开安全生产工作部署会", "8月28日，衢江区召开安全生产工作部署会。") == "会议与部署"
    assert section_of("王慧杰走访调研重点企业", "12月14日，区委书记王慧杰调研重点企业。") == "调研与走访"
    assert section_of("湖南镇共富康养综合体5月底竣工", "项目预计在5月底实现竣工。") in ("经济与项目", "民生")
    assert section_of("学生拾金不昧 失主锦旗致谢", "邵小刚将锦旗送到学校。") == "社会与文化"
    assert section_of("荷花盛开", "近日，荷花盛开。") == "其他要闻"  # no section named after a stray word


def test_length_and_max_items():
    full = engine().brief(WEEK, MON, SUN)
    short = engine().brief(WEEK, MON, SUN, length="short")
    one = engine().brief(WEEK, MON, SUN, max_items=1)
    for brief in (full, short, one):  # however long, every article is still accounted for once
        assert sorted(article_items(brief)) == sorted(a.id for a in WEEK)
    assert len([i for i in one.items() if i.kind == "story"]) == 1
    assert len(one.sections[-2].items) == len(full.sections[-2].items) + 3  # the other stories go to 简讯
    assert sum(len(i.text) for i in short.items()) < sum(len(i.text) for i in full.items())
    assert all(i.text == "" for i in short.sections[-2].items if i.headline)  # 简讯 by headline only


def test_two_meetings_with_one_title_on_different_days_stay_apart():
    a = art("m1", "区委常委会召开会议", "8月21日，区委常委会召开会议，研究部署防汛工作。")
    b = art("m2", "区委常委会召开会议", "8月25日，区委常委会召开会议，研究部署招商工作。", date=dt.date(2023, 8, 25),
            source="b.txt")
    brief = engine().brief([a, b], MON, SUN)
    assert len(brief.items()) == 2


def test_photos_only_still_give_a_brief_and_no_articles_is_a_clear_error():
    brief = engine().brief([PHOTO], MON, SUN)
    assert brief.citations[0].article_id == "f1" and brief.items()[0].kind == "short"
    with pytest.raises(NotFoundError, match="between 2023-08-21 and 2023-08-27.*ingest"):
        engine().brief([], MON, SUN)


# --- the LLM engine against a local OpenAI-compatible server --------------------------------------------

def _llm_engine(fake: FakeOpenAI) -> LLMBriefEngine:
    settings = Settings(engine="openai", llm_base_url=fake.base_url, llm_model="fake-model")
    return LLMBriefEngine(settings, Verifier.for_tokenizer(TOKENIZER), TOKENIZER)


def _summaries(body: dict) -> str:
    """The fake model's map replies, by the headline in the prompt."""
    prompt = body["messages"][-1]["content"]
    if "区委十四届五次全体" in prompt:
        return "8月18日，区委十四届五次全体（扩大）会议举行。"  # true, but leaves out the officials
    if "医师节" in prompt:
        return "区领导在医师节走访慰问医务工作者。"
    if "强磁场" in prompt:
        return "我区今年新引进大学生人才9999名。"  # a wrong number
    return "5月16日，全区招商引资推进会召开，8个项目集中签约，总投资金额超45亿元。"


def test_llm_engine_writes_main_stories_under_the_same_coverage_rules_and_checks():
    with FakeOpenAI([_summaries]) as fake:
        brief = _llm_engine(fake).brief(WEEK, MON, SUN)
    prompts = [r["body"]["messages"][-1]["content"] for r in fake.requests]
    assert len(prompts) == 4  # one map call per main story; 简讯 and 评论 are never sent
    assert all("关键事实" in p for p in prompts) and not any("刘威" in p for p in prompts)  # no byline sent
    assert any("区委书记王慧杰代表区委常委会向全会作报告" in p for p in prompts)  # the facts the summary must state
    assert brief.engine.startswith("openai:fake-model") and "brief_map@v2" in brief.engine
    placed = article_items(brief)
    assert sorted(placed) == sorted(a.id for a in WEEK) and all(len(v) == 1 for v in placed.values())
    items = {i.headline: i for i in brief.items()}
    plenary = items["区委十四届五次全体（扩大）会议举行"].text
    assert plenary.startswith("8月18日，区委十四届五次全体（扩大）会议举行。")
    assert "区委书记王慧杰代表区委常委会向全会作报告。" in plenary  # a required fact the model left out, added back
    talent = items["引育留人才 打造青年集聚强磁场"].text
    assert "9999" not in talent and "5200余名" in talent  # the wrong number fails verification: verbatim fallback
    assert items["全区招商引资推进会召开"].text.startswith("5月16日，全区招商引资推进会召开，8个项目集中签约")
    assert all(i.supported for i in brief.items())
    assert [i.author for i in brief.sections[-1].items] == ["余慧仙", ""]


def test_echoed_prompt_lines_and_fragments_never_reach_the_brief():
    echo = "你只根据给出的报道原文写作。\n1. 每句话以句号结束。\n标题：区领导医师节走访慰问\n<报道>\n摘要：区领导在医师节走访慰问医务工作者。"
    assert clean_summary(echo) == "区领导在医师节走访慰问医务工作者。"
    with FakeOpenAI(["标题：区领导医师节走访慰问医务工作者"]) as fake:
        brief = _llm_engine(fake).brief([DOCTORS], MON, SUN)
    item = brief.items()[0]  # the fragment is dropped; the verbatim lede stands in
    assert item.supported and item.text.startswith("8月19日是第六个中国医师节。")


def test_a_continuing_project_says_which_step_it_reached():
    from rag.brief.threads import compare, report, stage_of

    started = art("s1", "衢江智造产业园项目开工", "6月2日，衢江智造产业园项目正式开工。预计年底完成封顶。",
                  date=dt.date(2025, 6, 3))
    capped = art("s2", "衢江智造产业园项目主体结构封顶", "6月9日，衢江智造产业园项目主体结构顺利封顶，明年6月建成投用。",
                 date=dt.date(2025, 6, 10))
    assert stage_of(["6月2日，衢江智造产业园项目正式开工。", "预计年底完成封顶。"]) == 1  # planned is not reached
    assert stage_of(["主体结构顺利封顶，明年6月建成投用。"]) == 2
    old, new = (report(a, a.body.split("。")[0] + "。", lambda t: []) for a in (started, capped))
    thread = compare([new], [old])[0]
    assert thread.kind == "continuing" and thread.stages == ("开工", "封顶")
    assert compare([old], [new])[0].stages == ()  # no step back


# --- what an editor keeps: a feature's nut graf, a story's aim, the lead story's room -----------------------------------

def test_a_feature_that_opens_with_a_scene_is_led_by_the_sentence_that_says_the_news():
    feature = art("fe", "产业同心 服务五星",
                  "近日，走进共富综合体，统战工作的创新成果历历在目。\n今年以来，区委统战部联合区国资中心积极探索实践。"
                  "区委统战部以农投集团为示范点，打造“产业同心链”国企统战特色工作品牌。")
    assert lead_sentences(feature) == ["区委统战部以农投集团为示范点，打造“产业同心链”国企统战特色工作品牌。"]
    site = art("si", "康养综合体5月底竣工", "5月9日，记者在项目施工现场看到，30余名施工人员正紧张作业。"
               "设计团队采用低密度布局手法。按照计划，项目预计在5月底实现竣工。")
    assert lead_sentences(site) == ["按照计划，项目预计在5月底实现竣工。"]
    scene = news_sentences(site)
    assert key_sentences(scene, 2, site.title, 3) == []  # nor is the scene a key sentence: its 30余名 is a detail
    # news keeps its dated lede, and a leader walking into a field is a visit, not a scene
    visit = art("vi", "王慧杰调研高质量发展工作", "12月18日，区委书记王慧杰调研高质量发展工作。在稻蛙基地，王慧杰走进田间地头。")
    assert lead_sentences(visit) == ["12月18日，区委书记王慧杰调研高质量发展工作。"]
    assert opens_feature("近日，走进共富综合体，成果历历在目。") and opens_feature("“这次外出学习看到了差距。”")
    assert not opens_feature("在稻蛙基地，王慧杰走进田间地头。")
    assert not opens_feature("“优质服务基层行”活动是提升基层服务能力的重要举措。")  # a name in quotes is no quotation


PLENUM = art("pl", "区委十四届五次全体（扩大）会议举行",
             "8月18日，区委十四届五次全体（扩大）会议举行。区领导贵丽青、潘倍等出席。区委书记王慧杰代表区委常委会向全会作报告。"
             "会议审议通过《关于深化“五城”建设打造“青年衢江”的决议》。会议指出，今年是“八八战略”实施20周年。"
             "会议强调，要深化“五城”建设。要强化动能培育，打造高能级产业集群。"
             "建设青年发展型城市的总体目标是，通过三年努力，把衢江建设成为青年的活力高地。会议以视频形式召开。")


def test_a_main_story_keeps_its_aim_and_anniversary_and_the_lead_story_gets_more_room():
    assert quantities("通过三年努力，实施二十周年，历时六个月") == ["三年", "二十周年", "六个月"]
    assert quantities("坚决做到两个维护，增强四个自信，一年一度") == []  # numerals naming slogans are no figures
    sentences = news_sentences(PLENUM)
    keys = key_sentences(sentences, 0, PLENUM.title, 4)
    kept = [sentences[i] for i in keys]
    assert "会议指出，今年是“八八战略”实施20周年。" in kept
    assert any("通过三年努力" in s for s in kept)
    assert not any(s.startswith(("要强化", "会议以视频", "区领导")) for s in kept)
    # the week's lead story carries one key sentence more than the stories after it
    second = art("pl2", "区委十四届六次全体（扩大）会议举行", PLENUM.body.replace("8月18日", "8月25日"), position=5,
                 date=dt.date(2023, 8, 25), source="b.txt")
    brief = engine().brief([PLENUM, second], MON, SUN)
    lead, other = [i for i in brief.items() if i.kind == "story"]
    assert len(news_sentences(art("x", "t", lead.text))) == 1 + LENGTHS["full"].lead_keys
    assert len(news_sentences(art("x", "t", other.text))) == 1 + LENGTHS["full"].keys
    assert all(w in lead.text for w in ("20周年", "三年", "审议通过")) and lead.supported  # aim, anniversary, decision


def test_a_post_followed_by_no_surname_names_nobody():
    text = "100名村党组织书记分两批参加了党组织书记轮训班。区委书记王慧杰、区人大常委会主任廖利军出席。"
    assert posted_names(text) == ["书记王慧杰", "主任廖利军"]
    assert posted_names("区委书记应邀出席。主任周到细致地讲解。") == []  # 应邀, 周到细致: no names


def test_a_guest_from_the_city_is_named_before_yingyao_or_daohui():
    guests = "市人大常委会副主任毛胜田应邀参加。市委主题教育办第二联络组组长余建军到会指导。"
    assert posted_names(guests) == ["主任毛胜田", "组长余建军"]


def test_a_feature_item_starts_with_its_news_sentence():
    """A feature led by its nut graf: the item says the news first, then its figures as the article has them."""
    feature = art("fn", "湖南镇共富康养综合体5月底竣工",
                  "该项目总建筑面积达4800平方米，涵盖18间适老化居室。设计团队采用低密度布局手法。"
                  "按照计划，湖南镇共富康养综合体项目预计在5月底实现竣工。")
    brief = engine().brief([feature], MON, SUN)
    item = next(i for i in brief.items() if i.kind == "story")
    assert item.text.startswith("按照计划") and "4800平方米" in item.text and item.supported


def test_a_meetings_list_of_decisions_is_kept_whole_in_a_full_briefing():
    # what a meeting took up is its news: cut to its first items (…A、B等) the rest of the list would be lost
    matters = ("会议传达学习习近平总书记重要讲话精神和国务院大督查动员部署会议精神，研究罗樟源水利枢纽工程项目前期工作、"
               "增加区属国企内设机构工作、《衢江区人民政府与某勘测设计研究院有限公司战略合作框架协议》签订工作、"
               "区重点工业企业政策兑现工作、区国投集团参投基金工作、《衢江区人民政府与某律师事务所法律服务战略合作框架协议书》"
               "签订工作、《衢江区提升农村居家养老服务保障能力实施方案》、衢江区数字文体产业园招商工作。")
    meeting = art("g1", "区政府召开第11次常务会议",
                  "8月26日下午，区委副书记、代区长贵丽青主持召开区政府第11次常务会议。区领导郭林将等参加。" + matters)
    full = engine().brief([meeting], MON, SUN)
    item = next(i for i in full.items() if i.headline == "区政府召开第11次常务会议")
    assert "农村居家养老服务保障能力实施方案" in item.text and "数字文体产业园招商工作" in item.text and item.supported
    short = engine().brief([meeting], MON, SUN, length="short")
    assert "数字文体产业园" not in "".join(i.text for i in short.items())  # a short briefing keeps its one line


def test_a_catchphrase_counts_only_standing_alone_in_what_someone_demanded():
    """“头等大事”的要求 / 做到“五个不发生”，: a demand's catchphrase; “五城”建设, “一老一小”公共服务: a quoted name."""
    grams = char_ngrams("衢江区2025年项目谋划储备专题会议召开")
    said = "12月19日，衢江区2025年项目谋划储备专题会议召开。"
    assert key_features("贵丽青强调，要以“头等大事”的要求抓好项目谋划储备。", 3, grams, said)["slogan"] == 1.0
    assert key_features("会议强调，要深化“五城”建设。", 3, grams, said)["slogan"] == 0.0
    assert key_features("社区紧抓“一老一小”，建设幸福生活圈。", 3, grams, said)["slogan"] == 0.0  # no one demands it
    for quoted in ("王慧杰强调，要坚持“两山”理念。", "王慧杰强调，要打好“三改一拆”“五水共治”组合拳。", "村民说：“真方便！”"):
        assert key_features(quoted, 3, grams, said)["slogan"] == 0.0, quoted
    assert key_features("王慧杰要求，做到“五个不发生”，筑牢防线。", 3, grams, said)["slogan"] == 1.0
