"""A briefing item names a visit's stops and an award's winners in one labelled line, each name checked verbatim;
an anniversary is the one a story marks, not an event named after one; a quoted term is not speech; a sentence run
on after a colon's quotation is split."""

from __future__ import annotations

import datetime as dt

from rag.brief.assemble import facts_of, listed_line_supported
from rag.brief.engine import ExtractiveBriefEngine
from rag.brief.leads import key_features, news_sentences
from rag.brief.stops import stops, stops_line
from rag.cite.verify import Verifier
from rag.index.tokenize import Tokenizer
from rag.models import Article

TOKENIZER = Tokenizer()  # no archive: jieba's dictionary and the county's places
MON, SUN = dt.date(2024, 12, 16), dt.date(2024, 12, 22)


def art(id: str, title: str, body: str, position: int = 0) -> Article:
    return Article(id=id, title=title, body=body, date=dt.date(2024, 12, 19), source="a.txt", position=position)


VISIT = art("v", "平武县党政代表团来衢江考察", (  # invented text, laid out as visit reports are: a stop a paragraph
    "12月19日，平武县党政代表团来衢江考察交流。区领导陆梁峰陪同考察。\n"
    "作为引领型旧改类未来社区，府前未来社区通过数字化改造等举措建设了社区幸福生活圈。代表团详细了解智慧城市建设情况。\n"
    "在美高短剧超级工厂，代表团走进基地室内实景影棚，仔细询问短剧拍摄制作过程。\n"
    "代表团一行还来到衢江港区，听取港口规划建设情况介绍。\n"
    "考察中，代表团成员边看边议，认为衢江区具有明显的区位优势。"))
AWARD = art("w", "衢江2家卫生院获全国表扬", (
    "2024年，全国范围内涌现出一批服务优质、群众满意的基层医疗卫生机构。\n"
    "樟潭街道社区卫生服务中心位于衢江城区，服务近10万人口。中心已建立58392份居民健康档案。\n"
    "后溪镇卫生院作为综合性非营利性医疗机构，下辖5家政府办卫生室。"))
FEATURE = art("f", "基层医疗服务能力持续提升", AWARD.body)  # the same paragraphs, neither a visit nor an award


def engine() -> ExtractiveBriefEngine:
    return ExtractiveBriefEngine(Verifier.for_tokenizer(TOKENIZER), TOKENIZER)


def test_a_visit_names_its_stops_in_one_line_after_its_lede():
    assert stops(VISIT, TOKENIZER.tags) == ["府前未来社区", "美高短剧超级工厂", "衢江港区"]
    brief = engine().brief([VISIT], MON, SUN)
    item = next(i for i in brief.items() if i.kind == "story")
    assert item.supported
    assert item.text.startswith("12月19日，平武县党政代表团来衢江考察交流。考察：府前未来社区、美高短剧超级工厂")


def test_a_visit_listed_in_one_sentence_mid_paragraph_names_every_stop():
    # invented text: the stops are listed one after another inside a paragraph, with a figure and 等地
    tour = art("t", "区委书记调研重点企业", (
        "12月14日，区委书记深入园区调研重点企业。园区1-11月实现产值4.1亿元，"
        "预计每年可促进约2000人就业。区委书记先后来到中显光电科技(浙江)有限公司、浙江鸿邦源电子有限公司、"
        "年产6万吨新材料项目等地，进展厅、看车间。\n"
        "走进天募控股直播培训基地，只见直播带货如火如荼。"))
    assert stops(tour, TOKENIZER.tags) == ["中显光电科技（浙江）有限公司", "浙江鸿邦源电子有限公司",
                                           "年产6万吨新材料项目", "天募控股直播培训基地"]
    # counted or described places are no stops; 和 inside a name is no split; 等… ends the list
    def listed(sentence: str) -> list[str]:
        return stops(art("l", "区领导调研", "区领导调研。\n" + sentence), TOKENIZER.tags)
    assert listed("区领导先后走访了12个村，看望群众。") == []
    assert listed("区领导先后调研了3家企业和2个村。") == []
    assert listed("区领导先后察看了大洲镇、湖南镇等地的项目，了解进度。") == ["大洲镇", "湖南镇"]
    assert listed("区领导先后来到和平村、共和村，看望群众。") == ["和平村", "共和村"]


def test_an_award_names_its_winners_and_other_stories_get_no_line():
    lede = "2024年，全国范围内涌现出一批服务优质、群众满意的基层医疗卫生机构。"
    assert stops_line(AWARD, lede, TOKENIZER.tags) == "获全国表扬：樟潭街道社区卫生服务中心、后溪镇卫生院。"
    # a stop the item already names is left out; with fewer than two left there is no line
    assert stops_line(AWARD, lede, TOKENIZER.tags, ["樟潭街道社区卫生服务中心位于衢江城区。"]) == ""
    assert stops(FEATURE, TOKENIZER.tags) and stops_line(FEATURE, "", TOKENIZER.tags) == ""


def test_a_listed_line_is_supported_only_when_its_label_and_every_name_are_printed():
    source = VISIT.title + "\n" + VISIT.body
    assert listed_line_supported("考察：府前未来社区、美高短剧超级工厂、衢江港区。", [source])
    assert not listed_line_supported("考察：府前未来社区、美丽乡村、衢江港区。", [source])  # a name not printed
    assert not listed_line_supported("表彰：府前未来社区、衢江港区。", [source])  # a label not printed
    assert not listed_line_supported("府前未来社区和衢江港区获表彰。", [source])  # not a listed line
    # the LLM engine must keep the names too: they are facts of the line
    assert facts_of("考察：府前未来社区、衢江港区。") == ["府前未来社区", "衢江港区"]


def feature(name: str):
    """A key-sentence feature of a sentence taken alone (the third of its article, nothing said before it)."""
    return lambda sentence: key_features(sentence, 3, set(), "")[name]


def test_an_anniversary_is_one_the_story_marks_not_an_event_named_after_one():
    aim = feature("aim")
    assert aim("会议指出，今年是“八八战略”实施20周年。") == 1.0
    assert aim("在建区20周年之际，全区举办系列活动。") == 1.0
    assert aim("王慧杰指出，习近平总书记在庆祝全国人民代表大会成立70周年大会上的重要讲话，为人大工作提供了根本遵循。") == 0.0


def test_what_a_meeting_or_an_official_asked_for_is_a_demand_and_a_villagers_words_are_not():
    demand = feature("demand")
    assert demand("会议指出，要认真学习贯彻习近平总书记重要讲话精神。") == 1.0
    assert demand("区委书记王慧杰主持会议并讲话，他强调，要全面掀起“大干项目、干大项目”热潮。") == 1.0
    assert demand("王慧杰要求，区妇幼保健院要尽快完成新院搬迁工作。") == 1.0
    assert demand("村民徐大妈说，医生每个月都要来。") == 0.0
    assert demand("“我们基本拎包入驻，”他表示。") == 0.0
    assert demand("要认真学习贯彻习近平总书记重要讲话精神。") == 0.0  # no speaker: whose words is unknown


def test_a_figure_that_moved_is_a_change_and_a_date_span_or_one_figure_is_not():
    change = feature("change")
    assert change("村集体经营性收入从不到4万元突破至50多万元，村民收入翻倍增长。") == 1.0
    assert change("签约率由原来的60%提升到95%。") == 1.0
    assert change("进口通关时间从16天压缩至7天。") == 1.0
    assert change("村集体经营性收入突破50万元。") == 0.0  # one figure: nothing moved
    assert change("活动从8月1日起至10月31日，历时三个月。") == change("从2019年到2023年，共建成12座。") == 0.0  # dates
    assert change("从群众所需、基层所盼等现实问题切入，全区80%以上的矛盾纠纷得以化解。") == 0.0


def test_a_recognition_won_is_an_honour():
    honour = feature("honour")
    assert honour("“上统下分、强街优社”改革被列为省级改革试点。") == 1.0
    assert honour("该村入选全省第一批未来乡村。") == honour("他荣获“全国劳动模范”称号。") == 1.0
    assert honour("村民获得了稳定收入。") == 0.0  # getting something is no recognition


def test_a_quoted_term_is_not_speech_but_a_quotation_is():
    speech = feature("speech")
    assert speech("“片区联建、抱团共赢”的发展模式，有效拓展了白水村的增收渠道。") == 0.0
    assert speech("“我们基本拎包入驻，还减免了场地资金。”") == 1.0
    assert speech("“第一步就是干群合力齐步走。") == 1.0


def test_a_sentence_run_on_after_a_colons_quotation_is_split():
    article = art("q", "全旺镇做优“助老三件事”", (
        "今年以来，全旺镇着力提升“助老三件事”服务能力。院长徐秀萍说：“我们辖区内已经开展了有10个点的定期的送药上门服务”"
        "为积极响应“助老”服务号召，全旺镇在楼山后村、马溪村和全旺村打造了3所老年幸福食堂。"))
    sentences = news_sentences(article)
    assert "为积极响应“助老”服务号召，全旺镇在楼山后村、马溪村和全旺村打造了3所老年幸福食堂。" in sentences
    assert not any(s.startswith("院长") for s in sentences)  # the quotation, left without a stop, is no sentence


def test_a_visit_whose_key_sentence_tells_its_first_stop_tells_the_other_after_it():
    tour = art("t", "区委书记调研高质量发展工作", (
        "12月18日，区委书记张三调研高质量发展工作。\n"
        "在云溪乡稻蛙养殖基地，张三走进田间地头，听取种养规模、运营模式、市场推广等情况介绍，要求推动稻蛙产业"
        "朝绿色、优质、品牌化方向发展，让全域土地综合整治释放更多动能，累计带动农户增收300万元。\n"
        "随后，张三一行又来到峡口镇公路服务站，现场检查低温雨雪冰冻天气道路交通安全保障工作。"))
    item = next(i for i in engine().brief([tour], MON, SUN).items() if i.kind == "story")
    assert item.supported
    # the one stop the item had not told, after the one it did, by its paragraph's opening: what was done there
    assert item.text.endswith("随后，张三一行又来到峡口镇公路服务站，现场检查低温雨雪冰冻天气道路交通安全保障工作。")
    assert item.text.index("稻蛙养殖基地") < item.text.index("峡口镇公路服务站")
