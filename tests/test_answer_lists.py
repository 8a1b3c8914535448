"""Answers that hold more of the facts: lists, questions across reports, change and follow-ups (issue 10).

Hand-made reports (invented, not the sample corpus'), the real tokenizer, verifier, embedder and fitted model: the
extractive engine must collect a tour's stops, give one line a report, name the reports that mention something,
give both states of a change, and repeat only what a follow-up newly asks.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from rag.answer.direct import span_line
from rag.answer.extractive import ExtractiveEngine, _frame, _parallel
from rag.answer.question import analyse
from rag.answer.scoring import Candidate
from rag.cite.verify import Verifier
from rag.index.tokenize import Tokenizer
from rag.models import Hit

from sentence_evidence import E5Evidence

TOK = Tokenizer()

TOUR = ("5月8日，江山市党政代表团来衢江考察交流，区长李向东陪同。"
        "代表团一行先后来到樟潭智能装备产业园，察看企业生产线。"
        "随后，代表团走进上方镇余东村农民画展馆，了解文旅融合做法。"
        "在衢江港区大路章作业区，代表团听取港口建设情况介绍。"
        "江山市领导表示，衢江的经验值得学习。")
MEETINGS = [
    ("区政府召开第5次常务会议", dt.date(2025, 3, 11),
     "3月6日，区政府第5次常务会议召开。区长李向东主持会议并讲话。会议研究了春耕备耕工作。"),
    ("全区防汛工作部署会召开", dt.date(2025, 3, 11),
     "3月7日上午，全区防汛工作部署会召开。副区长周明出席会议并讲话。会议要求各乡镇落实防汛责任。"),
    ("区人大常委会召开第九次会议", dt.date(2025, 3, 11),
     "3月5日，区人大常委会召开第九次会议，听取和审议有关报告。区人大常委会主任孙立参加会议。"),
]
MENTIONS = [
    ("峡口镇民宿集群开业", dt.date(2025, 1, 7),
     "1月3日，峡口镇民宿集群正式开业，首批12家民宿迎客。峡口镇党委书记陈平介绍了民宿运营情况。"),
    ("年度平安乡镇名单公布", dt.date(2025, 2, 4),
     "年度平安乡镇名单\n樟潭街道 峡口镇 云溪乡\n年度文明乡镇名单\n杜泽镇 全旺镇"),
    ("衢江召开春季植树动员会", dt.date(2025, 3, 11),
     "3月9日，全区春季植树活动在峡口镇启动，500余名干部群众参加。"),
    ("区图书馆推出夜读服务", dt.date(2025, 3, 11),
     "区图书馆自3月起推出夜读服务，每晚开放到21点。"),
]
VISITS = [
    ("陈平调研峡口镇民宿产业", dt.date(2025, 1, 7), "1月5日，区委书记陈平到峡口镇调研民宿产业发展情况。"),
    ("区委常委会召开会议", dt.date(2025, 2, 4), "2月1日，区委常委会召开会议。区委书记陈平主持会议并讲话。"),
    ("陈平调研春耕备耕工作", dt.date(2025, 3, 11), "3月8日，区委书记陈平调研春耕备耕工作，察看育秧工厂。"),
]
BRIDGE = ("近日，云溪乡石门桥改建工程开工。原来的石门桥长30米、宽5米，只能单向通行。"
          "今年，云溪乡将石门桥改建列为民生实事。该工程总投资120万元，建成后桥面将拓宽至10米，双向两车道。")
DISPUTE = ("3月2日，区调解服务队走进云溪乡，调处一起邻里纠纷。"
           "去年起，云溪乡多位村民反映，村口李某家的柴房占用了村道，影响车辆通行。"
           "乡村干部多次上门协调，但一直没有结果。"
           "服务队成员从法律、政策等方面耐心分析利弊，引导双方寻找平衡点。"
           "经过大家的共同努力，李某同意拆除柴房，把村道让了出来。"
           "区调解协会会长表示，服务队还将持续跟进。")
SERVICES = "今年以来，杜泽镇推进“助老三件事”，为老年人提供助餐、助洁、助医服务。"
CANTEENS = "镇卫生院院长吴红说：“我们在下村、上村和中村建了3所老年食堂，还为80岁以上老人送药上门。”"
VOLUNTEERS = "镇里还组建了一支志愿服务队，定期上门为老人打扫卫生。"
CANTEEN = SERVICES + CANTEENS + VOLUNTEERS


def hit(n: int, text: str, title: str, date=dt.date(2025, 5, 13), article: str | None = None) -> Hit:
    return Hit(chunk_id=f"{article or f'a{n}'}:{n}", article_id=article or f"a{n}", text=text, score=1.0 / n,
               title=title, date=date, source="issue.txt")


@pytest.fixture(scope="module")
def engine() -> ExtractiveEngine:
    return ExtractiveEngine(Verifier.for_tokenizer(TOK), TOK.tokenize, TOK.words, names=TOK.proper_nouns,
                            evidence=E5Evidence())


def ask(question: str):
    return analyse(question, TOK.tokenize, TOK.words)


def test_when_something_was_done_to_a_thing_asks_for_the_deed_too():
    # 当选院士是哪一年: a report calling him 院士 does not date his election; 当选 is asked with it
    assert set(analyse("王建安当选院士是哪一年", TOK.tokenize, TOK.words, TOK.is_verb).focus) == {"当选", "院士"}
    assert "当选" not in analyse("王建安当选院士是哪一年", TOK.tokenize, TOK.words).focus  # (no tagger: as before)


def test_a_place_name_jieba_cuts_into_single_characters_stays_a_word_of_the_question():
    # 府前未来社区: jieba gives 府 / 前 (a stopword) / 未来 / 社区; without 府前 any 社区 would answer
    assert "府前" in ask("府前未来社区住了多少居民").words
    assert "府前" in ask("平武代表团去看的府前社区是哪一类").words
    # not the extractor's guesses in a question (哪些村, 他们村) nor a name jieba keeps whole (衢江区)
    assert not {"哪些村", "他们村"} & set(ask("轮训班去了哪些村？他们村有多少人？").words)
    assert [w for w in ask("衢江区大学生创业园入驻了多少家企业").words if w.startswith("衢江")] in ([], ["衢江区"])


def test_colloquial_where_questions_are_lists_of_stops_and_which_ones_is_no_count():
    assert ask("代表团跑企业那次都去了哪？").is_list and ask("代表团跑企业那次都去了哪？").is_tour
    assert ask("政协委员都去看了哪些园区？").is_tour
    assert not ask("会议都是哪天开的？").is_list  # 都…哪天 asks for a date
    assert ask("去了哪几家企业？").is_list and not ask("去了哪几家企业？").is_count  # the items, not their number
    assert ask("有几家企业入驻？").is_count
    assert ask("峡口镇在这几期里上过哪些新闻？").about_reports and ask("峡口镇 历次 报道").about_reports
    assert not ask("峡口镇民宿有多少家？").about_reports
    assert ask("他还说了什么？").asks_more and not ask("他说了什么？").asks_more
    # keywords with a visit verb, as typed in a search box, ask where the visit went; with a date word, when
    assert ask("江山 代表团 考察").is_tour and ask("陈平 走访 企业").is_tour
    assert not ask("江山 代表团 考察 日期").is_list
    # 第几次全会 is answered by "十四届二次全会" (no 第), the session with it; 第几次 asks no change
    series = ask("区委开的是第几次全会？")
    assert series.answer_re.search("区委十四届二次全会顺利召开").group(0) == "十四届二次" and not series.is_change


def test_a_tour_takes_every_stop_of_its_report(engine):
    hits = [hit(1, TOUR, "江山市党政代表团来衢江考察"), hit(2, MEETINGS[0][2], MEETINGS[0][0])]
    ans = engine.answer("江山代表团来衢江都去了哪？", hits)
    assert not ans.refused
    for stop in ("樟潭智能装备产业园", "余东村农民画展馆", "大路章作业区"):  # 来到, 走进, and 在X，
        assert stop in ans.answer
    assert ans.answer.count("\n") >= 3  # one stop a line
    assert {c.article_id for c in ans.citations} == {"a1"}


def test_a_list_across_reports_gives_each_report_a_line_naming_its_event(engine):
    hits = [hit(n, text, title, date) for n, (title, date, text) in enumerate(MEETINGS, start=1)]
    ans = engine.answer("区里开了哪些会？", hits)
    assert not ans.refused
    for name in ("第5次常务会议", "防汛工作部署会", "第九次会议"):  # each report's lead, not "主持会议并讲话"
        assert name in ans.answer
    assert len(ans.answer.splitlines()) == len(MEETINGS)  # one line a report
    assert {c.article_id for c in ans.citations} == {"a1", "a2", "a3"}


def test_a_line_of_a_list_across_reports_that_names_no_event_comes_with_its_headline(engine):
    """Where someone took part: "区领导张三、李四参加。" is the line that names them, and the headline says where."""
    attended = [("县政府召开第5次常务会议", "6月3日下午，县长主持召开县政府第5次常务会议，研究城区排水改造工作。"
                 "县领导张三、李四参加。"),
                ("全县防汛工作部署会召开", "6月5日，全县防汛工作部署会召开，部署汛期各项工作。县领导王五、张三参加。"),
                ("县人大常委会召开第九次会议", "6月6日，县人大常委会召开第九次会议，审议相关报告。县领导张三、赵六出席。")]
    hits = [hit(n, text, title, dt.date(2025, 6, 10)) for n, (title, text) in enumerate(attended, start=1)]
    ans = engine.answer("县领导张三都参加了哪些活动？", hits)
    assert not ans.refused
    attendance = [line for line in ans.answer.splitlines() if "县领导" in line]
    assert len(attendance) >= 2
    lines = ans.answer.splitlines()
    for i, line in enumerate(lines):  # each says which meeting: by its headline, or right below its report's lead
        if "县领导" in line and not line.startswith("《"):
            lead = next(text.split("。")[0] + "。" + line[-3:] for title, text in attended if line[:-3] in text)
            assert i > 0 and lines[i - 1] == lead, (line, lines)
    now = engine.answer("今年县领导张三都参加了哪些活动？", hits)  # the latest report first, its date said once
    assert "）：据" not in now.answer
    # a line that shares the headline's name and verb but not which meeting it was
    one = [hit(1, "李明主持会议并讲话。会议听取了有关工作汇报。", "李明主持召开县委常委会会议", dt.date(2025, 6, 10))]
    assert engine.answer("李明主持了哪几个会？", one).answer.startswith("《李明主持召开县委常委会会议》（2025年6月10日）：")
    assert all(s.supported for s in ans.sentences)


def test_the_reports_that_name_a_place_are_listed_by_title_and_date(engine):
    hits = [hit(n, text, title, date) for n, (title, date, text) in enumerate(MENTIONS, start=1)]
    ans = engine.answer("峡口镇在这几期里都上过哪些新闻？", hits)
    assert not ans.refused
    lines = ans.answer.splitlines()
    assert lines[0].startswith("《峡口镇民宿集群开业》（2025年1月7日）")  # oldest first, each by its title
    assert any("年度平安乡镇名单：樟潭街道、峡口镇、云溪乡" in line for line in lines)  # a list line with its heading
    assert any(line.startswith("《衢江召开春季植树动员会》（2025年3月11日）") for line in lines)
    assert "图书馆" not in ans.answer and "文明乡镇" not in ans.answer  # reports and lists that do not name it
    assert all(s.supported for s in ans.sentences)


def test_keywords_asking_for_the_reports_on_a_term_are_answered_by_every_report_naming_it():
    """"峡口镇 相关报道": the reports naming it answer it whatever the refusal model makes of the keywords (相关,
    报道) no report holds; a question that is not about the reports is judged as before."""
    engine = ExtractiveEngine(Verifier.for_tokenizer(TOK), TOK.tokenize, TOK.words, names=TOK.proper_nouns,
                              evidence=E5Evidence())
    engine.params = dataclasses.replace(engine.params, min_answerable=0.99)  # a model that would refuse anything
    hits = [hit(n, text, title, date) for n, (title, date, text) in enumerate(MENTIONS, start=1)]
    ans = engine.answer("峡口镇 相关报道", hits)
    assert not ans.refused
    assert any(line.startswith("《峡口镇民宿集群开业》") for line in ans.answer.splitlines())
    assert engine.answer("峡口镇民宿一晚多少钱？", hits).refused  # not about the reports: the model decides


def test_the_reports_on_someone_are_those_that_say_what_is_asked_of_them(engine):
    hits = [hit(n, text, title, date) for n, (title, date, text) in enumerate(VISITS, start=1)]
    ans = engine.answer("陈平 调研 各期", hits)
    assert not ans.refused
    assert "1月5日" in ans.answer and "3月8日" in ans.answer  # his visits
    assert "常委会" not in ans.answer  # a report naming him that says nothing of a visit


def test_a_change_within_one_report_gives_both_states(engine):
    ans = engine.answer("石门桥改完比原来宽多少？", [hit(1, BRIDGE, "云溪乡石门桥改建工程开工")])
    assert not ans.refused
    assert "宽5米" in ans.answer and "拓宽至10米" in ans.answer


def test_an_ordinal_is_no_count():
    pattern = ask("常委会会议肯定了几个方面？").answer_re
    assert span_line("区人大常委会召开第二十四次会议，肯定了4个方面。", pattern) == "4个"
    assert span_line("区人大常委会召开第二十四次会议。", pattern) is None


def test_a_direct_line_gives_every_figure_the_asked_thing_names():
    how_big = ask("它库容多大？")
    line = span_line("白坑水库是一座小（二）型水库，水库正常库容42万方，总库容58万方。", how_big.answer_re, how_big.focus)
    assert line == "水库正常库容42万方，总库容58万方"
    # the figure the asked words name, not one nearer to them
    digit = ask("游客来了多少人？").answer_re
    assert span_line("景区接待游客连续3个月增长，接待游客累计超12万人次。", digit, ("接待游客",)) == "超12万人次"


def test_no_direct_line_when_the_sentence_does_not_hold_what_is_asked(engine):
    """The short answer put first is the asked thing's figure or date; a sentence about something else gives none
    (its sentences may still be shown, and answerability decides whether to refuse)."""
    visit = ("12月22日上午，省人民医院院长赵明率队来县医院分院对接帮扶，并举行座谈。"
             "座谈会上，分院汇报了年度工作情况。")
    issue = dt.date(2024, 12, 24)
    ans = engine.answer("赵明是哪一年当上院长的？", [hit(1, visit, "省人民医院来分院对接帮扶", issue)])
    assert "2024年12月22日" not in ans.answer.splitlines()[0]  # the visit's date is not when he took the post
    ans = engine.answer("赵明哪天来的分院？", [hit(1, visit, "省人民医院来分院对接帮扶", issue)])
    assert ans.answer.splitlines()[0].startswith("2024年12月22日")
    port = ("衢北港集装箱吞吐量已连续20个月增速全省第一，货物吞吐量累计超3100万吨。"
            "港口二期工程正在建设中。")
    ans = engine.answer("衢北港今年吞吐量目标定的多少？", [hit(1, port, "衢北港吞吐量增速全省第一")])
    assert not ans.answer.startswith("20个月")  # a streak is not a target


def test_a_who_question_is_answered_by_the_sentence_naming_the_person(engine):
    text = ("3月7日上午，全区防汛工作部署会召开。会议指出，防汛工作事关群众生命财产安全。"
            "区委常委、常务副区长周明出席会议并讲话，区应急管理局局长韩涛主持会议。会议要求各乡镇落实防汛责任。")
    ans = engine.answer("防汛工作部署会是谁主持的？", [hit(1, text, "全区防汛工作部署会召开")])
    assert not ans.refused
    assert "韩涛" in ans.answer.splitlines()[0]  # the direct line names who, with the post


def test_a_sentence_pointing_back_comes_with_the_one_that_names_its_subject(engine):
    hits = [hit(1, MEETINGS[1][2], MEETINGS[1][0])]
    ans = engine.answer("副区长周明出席讲话的是什么会？", hits)
    assert not ans.refused
    assert "全区防汛工作部署会召开" in ans.answer  # "出席会议并讲话" alone does not say which


def test_how_a_story_ended_comes_with_the_sentence_that_tells_it(engine):
    assert ask("那起纠纷最后是怎么解决的？").asks_outcome and ask("结果怎么样了？").asks_outcome
    assert not ask("纠纷是哪天调处的？").asks_outcome
    ans = engine.answer("云溪乡那起占道纠纷最后咋解决的？", [hit(1, DISPUTE, "区调解服务队走进云溪乡")])
    assert not ans.refused
    assert "李某同意拆除柴房" in ans.answer


def _candidate(text: str, prob: float, position: int, said: bool = False) -> Candidate:
    return Candidate(text, 0, "a1", position, dt.date(2025, 5, 13), said=said, prob=prob)


def test_a_follow_up_repeats_what_it_newly_asks_but_never_for_more(engine):
    """The lines written for chosen sentences (model-free): a sentence the last answer gave in passing is given
    again when it answers the new question best and there is no direct line; a question for more never gets it."""
    hits = [hit(1, CANTEEN, "杜泽镇做优“助老三件事”")]
    chosen = [_candidate(CANTEENS, 0.6, 1, said=True), _candidate(SERVICES, 0.3, 0, said=True),
              _candidate(VOLUNTEERS, 0.2, 2)]
    villages = engine._lines(ask("那老年食堂建在哪几个村？"), chosen, hits)
    assert villages == [f"{CANTEENS}[1]", f"{VOLUNTEERS}[1]"]  # not the other sentence it gave
    more = engine._lines(ask("她还说了什么？"), chosen, hits)
    assert more == [f"{VOLUNTEERS}[1]"]


def test_a_date_line_takes_the_date_of_the_asked_event():
    from rag.answer.direct import date_line

    text = "自2024年12月启动以来，该项目历时5个月，其主体结构已于4月21日顺利封顶。"
    issue = dt.date(2025, 5, 20)
    assert date_line(text, issue, near=("启动",)) == "2024年12月"  # a year-month is a date too
    assert date_line(text, issue, near=("封顶",)) == "2025年4月21日"
    assert date_line(text, issue) == "2025年4月21日"  # no asked event: the day first
    assert date_line("预计8130年2月启动。", issue, near=("启动",)) is None  # no year an issue can have


def test_how_many_of_a_thing_focuses_on_the_thing_and_how_long_asks_for_a_span():
    """几张/几家 asks a count of the word before it (清单, 卫生院); 多久/多长时间/多少年 ask for a span of time, and a
    calendar year is no span (2003年 is not how many years 八八战略 has run)."""
    assert "清单" in ask("王书记说的监督清单是几张？").focus
    assert "卫生院" in ask("衢江有几家卫生院获了全国表扬？").focus
    assert ask("工程搞了几个月？").answer_re.search("该项目历时5个月") is not None
    years = ask("八八战略实施多少年了？").answer_re
    assert years.search("今年是“八八战略”实施20周年。").group(0) == "20周年"
    assert years.search("2003年7月，亲自擘画实施“八八战略”。") is None
    how_long = ask("那户围墙的纠纷闹了多久才解决？")
    assert how_long.is_count and not how_long.is_when
    assert how_long.answer_re.search("这个事情困扰一年多了。").group(0) == "一年多"
    assert how_long.answer_re.search("2023年3月起，多位村民反映围墙过高。") is not None  # since when
    assert how_long.answer_re.search("共有3个村参与。") is None
    assert ask("项目历时多长时间？").answer_re.search("项目历时5个月。") is not None


def test_which_official_asks_who():
    assert ask("市里来的是哪位领导啊？").is_who and ask("哪一位专家来坐诊？").is_who
    several = ask("有哪几位副主任参加？")  # several: a list of people, named with their post (副主任严士平、余水林)
    assert several.is_who and several.is_list and not several.is_count


def test_a_quarter_named_must_be_named_by_the_report_that_answers(engine):
    """The 三季度 results are asked; the archive has the 二季度 ones, and 三季度 only in a speech on other work."""
    results = hit(1, "会议公布了2024年二季度投资“赛马”考核结果。“金牛奖”获奖名单：区建设局、区城投集团、云溪乡。",
                  "全区二季度投资赛马结果公布")
    speech = hit(2, "会议结束时，县委书记就做好三季度和下半年工作作了讲话。", "县委全会召开")
    assert engine.answer("三季度投资赛马的金牛奖都给了谁？", [results, speech]).refused
    assert not engine.answer("二季度投资赛马的金牛奖都给了谁？", [results, speech]).refused


def test_where_a_thing_stands_asks_for_a_place():
    where = ask("衢江区数字文体产业园建在哪个位置？")
    assert "位置" in where.focus and "置" not in where.focus  # 哪个 then 位置, not 哪个位 then 置
    assert where.answer_re.search("安仁水库位于高家镇中央徐村。") is not None
    assert where.answer_re.search("数字文体产业园建设正当其时，要加快进度。") is None
    assert ask("王慧杰都去了哪些地方？").answer_re is None  # a visit's stops are no location asked


def test_a_line_of_a_parallel_set_brings_the_rest_of_the_set(engine):
    """要以“…”的站位抓落实 / 要以“…”的斗志抓落实…: officialese enumerates in parallel lines; a list question, or an
    answer that already holds two lines of a set, gets every line of it (and not a line that only starts alike)."""
    plenum = ("8月10日，县委十五届三次全会举行。会议指出，全会报告明晰了发展之路。"
              "接下来全县上下要以“敢为人先”的站位抓落实，要把准方向强谋划。"
              "要以“攻坚克难”的斗志抓落实，要有争先创优的高目标。"
              "要以“闭环管理”的方法抓落实，坚持清单化推进。"
              "要以“清廉担当”的作风抓落实，做到勤勉清廉。"
              "会议强调，要做好下半年各项工作。")
    hits = [hit(1, plenum, "县委十五届三次全会举行", dt.date(2025, 8, 12))]
    for question in ("县委全会说要怎么抓落实？哪四句？", "全会 抓落实 斗志 作风"):
        ans = engine.answer(question, hits)
        assert not ans.refused
        for slogan in ("敢为人先", "攻坚克难", "闭环管理", "清廉担当"):
            assert slogan in ans.answer, (question, ans.answer)
        assert all(s.supported for s in ans.sentences)
    assert _parallel(_frame("接下来全县上下要以“敢为人先”的站位抓落实，要把准方向。"), _frame("要以“攻坚克难”的斗志抓落实。"))
    assert _frame("镇里“共富工坊”，带动增收。") == ""  # little but a quote: it frames nothing
    # two chosen lines of one frame (the same words around different quotes) make an answer a list
    same = [hit(1, "会议要求，要以“敢为人先”的站位抓落实。要以“攻坚克难”的站位抓落实。要以“闭环管理”的站位抓落实。"
                   "会议强调，做好各项工作。", "县委全会举行", dt.date(2025, 8, 12))]
    assert "闭环管理" in engine.answer("全会说要以什么站位抓落实？", same).answer
    assert not _parallel(_frame("会议指出，全会报告明晰了发展之路。"), _frame("会议强调，要做好下半年各项工作。"))
    assert not _parallel(_frame("坚持“项目为王”导向，狠抓招商。"), _frame("要以“攻坚克难”的斗志抓落实。"))
    assert ask("哪四句？").is_list and ask("王书记下乡调研了几回？").is_count
    assert ask("哪几回开会提到过？").focus == ("开会",)  # 回 counts occasions: no focus of its own
    assert ask("这个合作模式叫什么？").focus == ("模式",)
    assert "衢江山农" in ask("农投集团那个“衢江山农”牌子一年卖多少钱？").words  # a quoted term is one word


def test_a_why_question_asks_for_a_cause_and_a_part_of_no_set_shape_lifts_the_pattern():
    why = ask("那座桥好好的，为啥非要改啊？")
    assert why.answer_re.search("高速出口建成后，大货车大幅增加，经常造成交通堵塞。")
    assert not why.answer_re.search("原来的桥长20米、宽6米。")
    assert "那座" not in why.words and "非要" not in why.focus  # pointing and fillers are no topic
    assert ask("石门桥 改建 原因").focus == ("改建",)  # 原因 names the answer's form, like 日期
    # one part asks which (no set shape), the other why: a sentence answering either may do
    assert ask("短评拿哪个古代国家举的例子？说它为啥衰落？").answer_re is None
    assert ask("二期投了多少钱？什么时候能建好？").answer_re.search("预计5月底建成")  # both parts have a shape


def test_a_figure_or_session_the_question_names_must_be_the_answers(engine):
    """85岁以上的老人 is not answered by a count of 65岁以上老人, nor 省委十五届三次全会's date by 县委十四届四次全会's:
    no direct line from a sentence without the figure or session asked."""
    assert ask("85岁以上的老人一共有多少个？").figures == ("85岁",)
    assert ask("开发区前3个月签约了多少个项目？").figures == ()  # a span of time names no subject
    day = dt.date(2025, 8, 26)
    elders = Candidate("镇卫生院为辖区4308位65岁以上老人提供健康管理服务。", 0, "a1", 1, day)
    where = hit(1, elders.text, "镇卫生院提升服务能力", day)
    assert engine._direct_line(ask("85岁以上的老人一共有多少个？"), elders, where) is None
    assert engine._direct_line(ask("65岁以上的老人一共有多少个？"), elders, where) == "4308位"
    assert engine._direct_line(ask("六十五岁以上的老人一共有多少个？"), elders, where) == "4308位"
    plenum = Candidate("8月24日，县委十四届四次全会召开。", 0, "a1", 0, day)
    where = hit(1, plenum.text, "县委十四届四次全会召开", day)
    assert engine._direct_line(ask("省委十五届三次全会是哪天开的？"), plenum, where) is None
    assert engine._direct_line(ask("县委十四届四次全会是哪天开的？"), plenum, where).startswith("2025年8月24日")


def test_the_name_list_of_what_is_asked_answers_over_a_sentence_saying_it_was_published(engine):
    """The likeliest sentence only says the results were published; the list of the asked award, less likely (its
    heading holds few of the question's words), is the answer, and the other award's list is not."""
    from rag.answer.scoring import Scoring

    day = dt.date(2025, 8, 22)

    def cand(text, n, prob, context="", item=False):
        c = Candidate(text, n, f"a{n}", 1, day, context=context, item=item)
        c.prob = prob
        return c
    red, gold = "“流动红旗”获奖名单。", "“金牛奖”获奖名单。"
    ranked = (cand("会议还公布了二季度投资“赛马”考核结果和流动红旗评选结果。", 1, 0.58),
              cand(red, 0, 0.14), cand("区住建局、莲花镇、湖南镇。", 0, 0.09, gold, True),
              cand("区招商中心、廿里镇、灰坪乡。", 0, 0.09, red, True), cand(gold, 0, 0.08))
    question = ask("二季度赛马考核，哪些单位拿了流动红旗？")
    chosen = [c.text for c in engine._choose(Scoring(question, ranked, 0.85, {}))]
    assert red in chosen and "区招商中心、廿里镇、灰坪乡。" in chosen
    assert gold not in chosen and "区住建局、莲花镇、湖南镇。" not in chosen


def test_the_name_of_a_thing_is_asked_in_quotes_and_a_sessions_numerals_are_no_topic():
    contest = ask("培养村书记的那个擂台赛，全名叫啥？")
    assert contest.answer_re.search("“共富领头雁·强基PK赛”是重要途径之一。") and "全" not in contest.focus
    assert ask("那个合作模式叫什么？").answer_re.search("双方打造的“衢江模式”成为一面旗帜。")
    assert ask("太真乡的乡长叫什么名字？").answer_re.search("乡长徐芳主持会议") is not None  # a post asked: a name
    assert ask("上龙村的村支书叫啥？").answer_re is None or not ask("上龙村的村支书叫啥？").answer_re.pattern.startswith("“")
    words = ask("区人大常委会 第二十四次会议 肯定 几个方面").words
    assert not {"第二", "二十", "二十四", "第二十四"} & set(words) and "常委会" in words
    assert "十四五" in ask("十四五规划怎么收官？").words  # a term, not a session's number


def test_people_asked_to_be_counted_come_in_people_not_in_teams():
    """多少医生 / 几个老人 / 多少位专家 are counted in 人, 名 or 位: "组建5个家庭医生团队" gives no number of doctors,
    while another measure word asked (多少户人家) keeps its own."""
    doctors = ask("后溪镇卫生院一共有多少医生护士啊？").answer_re
    assert doctors.search("该卫生院组建5个家庭医生团队。") is None
    assert doctors.search("卫生院现有医护人员86名。").group(0) == "86名"
    assert ask("全区有多少个医生？").answer_re.search("全区共有执业医师1200余人。") is not None
    assert ask("能照顾到周边多少老人？").answer_re.search("服务周边300余位老人。") is not None
    households = ask("一共多少党员、包了多少户人家？").answer_re
    assert households.search("联系524户群众。") is not None


def test_a_list_over_the_issues_leaves_room_for_every_report(engine):
    """这几期…哪几个: one report with many likely sentences takes at most two lines, so that the other reports that
    name what is asked get theirs."""
    many = ("区水利局今年完成4座小型水库除险加固。石门水库经过加固后承担灌溉、供水功能。"
            "石门水库正常库容84万方。水库加固工程已于6月完工。水利局工作人员介绍了水库管理情况。")
    hits = [hit(1, many, "区水利局为水库强壮筋骨"),
            hit(2, "3月6日，区政府第5次常务会议召开，研究龙溪水利枢纽工程前期工作。", "区政府召开第5次常务会议"),
            hit(3, "康养综合体与乌溪江、黄坛口水库等生态景观有机融合。", "康养综合体5月底竣工")]
    over = ask("这几期报纸里提到过哪几个水库、水利枢纽？")
    assert over.over_issues and over.is_list and not ask("提到过哪几个水库？").over_issues
    ans = engine.answer("这几期报纸里提到过哪几个水库、水利枢纽？", hits)
    assert not ans.refused
    lines = ans.answer.splitlines()
    assert sum("[1]" in line for line in lines) <= 2
    assert "龙溪水利枢纽" in ans.answer


def test_whether_something_is_done_is_answered_only_by_a_report_that_says_so(engine):
    """现在竣工了没有 asks whether it is done: a plan (预计5月底竣工) is no answer, so the engine says the archive does
    not tell and lists the report; a report that it is done (顺利竣工, 近日…建成) or not yet (尚未竣工) answers it, and
    啥时候能竣工 (a date asked) is answered by the plan."""
    from rag.answer.readings import done_asked, states_done
    plan = hit(1, "5月9日，记者在石门康养中心施工现场看到，工人正全力冲刺项目竣工节点。"
               "按照计划，项目预计在5月底实现竣工，并将于2026年正式投入运营。", "石门康养中心5月底竣工")
    refused = engine.answer("石门康养中心现在到底竣工了没有？", [plan])
    assert refused.refused and {c.article_id for c in refused.citations} == {"a1"}
    assert not engine.answer("石门康养中心啥时候能竣工？", [plan]).refused
    for report in ("近日，石门康养中心顺利竣工，6月起接收入住老人。",
                   "受连续降雨影响，石门康养中心尚未竣工，工人正在加紧施工。"):
        assert not engine.answer("石门康养中心现在到底竣工了没有？", [hit(1, report, "石门康养中心")]).refused
    asked = done_asked("那座桥现在通车了没有？")
    assert states_done("近日，石门桥建成通车。", asked) and not states_done("该工程年底前建成通车。", asked)
    assert not states_done("12月19日，区级“民情直通车”正式发车。", asked)  # 直通车 is a bus, no road opened
    assert done_asked("有没有提搬新院的事？") is None and done_asked("桥啥时候能通车？") is None


def test_the_members_of_a_counted_set_are_answered_only_where_all_are_named(engine):
    """那10个点都是哪几个村 asks for the members of a set the question counts: a report that only counts them, or names
    a few (签约率、开工率、投产率等“五率”), does not answer; one that names them all with the count does."""
    from rag.answer.readings import members_asked
    counted = hit(1, "全旺镇卫生院院长说，辖区内已经开展了10个点的定期送药上门服务。全旺镇还为老人提供助餐服务。",
                  "全旺镇做优助老三件事")
    assert engine.answer("全旺镇那10个送药点都是哪几个村？", [counted]).refused
    named = hit(1, "为响应助老号召，全旺镇在楼山后村、马溪村和全旺村打造了3所老年幸福食堂，为老人提供助餐服务。",
                "全旺镇做优助老三件事")
    ans = engine.answer("全旺镇那3所幸福食堂分别在哪几个村？", [named])
    assert not ans.refused and all(v in ans.answer for v in ("楼山后村", "马溪村", "全旺村"))
    rates = hit(1, "会议要求，狠抓项目签约率、开工率、投产率等“五率”不放松，全力推动招商引资工作再上新台阶。",
                "全区招商引资工作例会召开")
    assert members_asked("五率除了签约率、开工率、投产率，另外两个率是啥？")[:2] == (5, "率")
    assert engine.answer("五率除了签约率、开工率、投产率，另外两个率是啥？", [rates]).refused
    assert members_asked("樟潭和后溪这两家卫生院分别建了多少份健康档案？") is None  # a figure of each, not who they are
    assert members_asked("那35项民生实事进展怎么样？") is None  # the set is named, not asked for
    # the count of the set asked is no figure its subject is named by (85岁以上的老人 is): none need be printed
    assert ask("拿了全国表扬的那2家卫生院是哪两家？").figures == () and ask("85岁以上的老人有多少？").figures == ("85岁",)
    # a set of three is often named a sentence each (三个方面): only the model judges it
    aspects = hit(1, "廿里镇下一步重点在三个方面进行着力。提升产业的绩效水平。加快推进产城融合。提升治理水平。",
                  "推进产城融合大发展")
    assert not engine.answer("廿里镇下一步重点在哪三个方面着力？", [aspects]).refused
    speech = hit(1, "会议提出，要打造五个方面。要强化动能培育，打造高能级产业集群。要坚持创新驱动，打造高质量发展引擎。"
                 "要提升城市品质，打造高品质生活空间。要深化改革，打造高效能治理名片。要强化政策供给，打造高标准保障体系。",
                 "区委全会举行")
    assert not engine.answer("全会提出要打造哪五个方面？", [speech]).refused  # the parts of a speech, a sentence each


def test_who_holds_a_rank_is_answered_only_by_a_report_printing_the_rank(engine):
    """一等奖是哪个村拿的 / 谁拿了第一: a report of the contest that prints no winner does not answer; one that prints
    the rank with its holder does. An award by name (金牛奖) is no rank."""
    from rag.answer.readings import rank_asked
    contest = hit(1, "12月5日，全区村党组织书记擂台赛在樟潭街道举行，12名村书记同台比拼，晒发展实绩、谈工作思路。",
                  "全区村书记擂台赛举行")
    assert engine.answer("村书记擂台赛一等奖是哪个村拿的？", [contest]).refused
    result = hit(1, "12月5日，全区村党组织书记擂台赛在樟潭街道举行。经评委打分，余东村党支部书记郑明获得一等奖。",
                 "全区村书记擂台赛举行")
    ans = engine.answer("村书记擂台赛一等奖是哪个村拿的？", [result])
    assert not ans.refused and "余东村" in ans.answer
    assert rank_asked("谁拿了第一啊？").search("获得第一名") and rank_asked("哪些单位拿了“金牛奖”？") is None


def test_a_figure_asked_of_a_year_must_be_that_years(engine):
    """2024年一整年的吞吐量 / 今年又引进了多少: a span of years (三年来, 累计) or another year's figure is no answer;
    a sentence naming the year, or printed that year without a time of its own, is."""
    from rag.answer.readings import of_year
    from rag.answer.timeparse import TimeRange
    assert of_year("2022年，衢江区实施的35项民生实事计划投入财政资金8.27亿元。", dt.date(2022, 8, 30), 2022)
    assert not of_year("三年来，共引进青年大学生1.41万人。", dt.date(2023, 8, 22), 2023)
    assert not of_year("货物吞吐量累计超3100万吨。", dt.date(2025, 5, 20), 2024)
    assert of_year("今年以来，共有11名村党组织书记获评全省担当作为好支书。", dt.date(2023, 12, 15), 2023)
    assert not of_year("今年以来，共有11名村党组织书记获评全省担当作为好支书。", dt.date(2023, 12, 15), 2025)
    assert of_year("全区去年新增市场主体1200户。", dt.date(2025, 1, 7), 2024)
    port = hit(1, "衢州港集装箱吞吐量已连续20个月增速全省第一，货物吞吐量累计超3100万吨。", "衢江航运服务业迈入新阶段",
               dt.date(2025, 5, 20))
    year = TimeRange(dt.date(2024, 1, 1), dt.date(2024, 12, 31), "2024年")
    assert engine.answer("衢州港一整年货物吞吐量是多少？", [port], when=year).refused
    that_year = hit(1, "2024年，衢州港完成货物吞吐量1200万吨，同比增长15%。", "衢州港去年吞吐量创新高",
                    dt.date(2025, 1, 14))
    assert not engine.answer("衢州港一整年货物吞吐量是多少？", [that_year], when=year).refused


def test_the_reading_rules_leave_other_questions_alone(engine):
    """What a review found the first versions misread, each a false refusal: a figure, a place or a time asked with
    到底/那N家; deeds said as 于去年12月28日建成, 还没有开工, 全部完成, 现场签订, 通车以来; a count of things named after
    people; a list named over two sentences; another year compared; a winner said as 排名第一 or 夺冠; one report's
    list over the issues."""
    from rag.answer.question import answer_pattern
    from rag.answer.readings import done_asked, members_asked, of_year, rank_asked, states_done
    for q in ("到底签约了多少个项目？", "到底落户了哪些企业？", "医院到底搬到哪里去了？"):
        assert done_asked(q) is None
    said = {"通车了没有": "大桥于去年12月28日建成通车。", "开工了没有": "项目目前还没有开工。",
            "完成了没有": "35项任务全部完成。", "签了没有": "双方现场签订合作协议。", "搬了没有": "医院整体搬迁至新院区。"}
    for asked, text in said.items():
        assert states_done(text, done_asked(asked)), text
    assert states_done("大桥通车以来，车流量大增。", done_asked("通车了没有"))
    assert not states_done("公园将于5月1日起正式对外开放。", done_asked("开放了没有"))
    assert answer_pattern("全区有多少个人大代表联络站？").search("全区建成28个联络站")  # no count of people
    for q in ("那4家企业是哪天签约的？", "那6个村是什么时候通的公交？", "这12名村书记都是在哪比拼的？"):
        assert members_asked(q) is None
    assert of_year("去年，衢州港完成货物吞吐量1200万吨，是2020年的3倍。", dt.date(2025, 1, 10), 2024)
    assert rank_asked("哪个单位得分最高？").search("区交通运输局排名第一") and rank_asked("谁拿了第一？").search("余东村夺冠")
    points = hit(1, "全旺镇卫生院设立了4个送药点。送药点分别设在楼山后村、马溪村、全旺村和白水村。", "全旺镇做优助老三件事")
    assert not engine.answer("全旺镇那4个送药点都是哪几个村？", [points]).refused
    deeds = hit(1, "今年以来，石门镇新建道路3条。石门镇改造危房12户。石门镇新建文化礼堂2个。"
                "石门镇开通公交线路1条。石门镇建成老年食堂4所。", "石门镇办实民生实事")
    ans = engine.answer("报纸上说石门镇今年办了哪些民生实事？", [deeds])
    assert not ans.refused and sum("石门镇" in line for line in ans.answer.splitlines()) >= 3  # one report: no cap


def test_the_unit_a_figure_is_asked_per_is_read():
    from rag.answer.question import per_units
    assert per_units("白水村一亩地一年给农户多少流转费？") == ("亩",)
    assert per_units("一间适老化居室有多少平方？") == ("间",)
    assert per_units("流转的地，一亩一年给农户多少流转费？") == ("亩",)  # per 亩 and year: no slogan
    assert per_units("哪几家单位作了交流发言？") == () and per_units("一亩地在哪个位置？") == ()
    assert per_units("流转了18亩地，投了多少？") == ()  # a count of 亩, not per 亩
    # no rate: a slogan (一户一策, 一人一档), a word (统一户外), an ordinal (第一户)
    for q in ("一户一策有多少户？", "一人一档建了多少份？", "统一户外广告牌有多少块？", "第一户搬了多少东西？"):
        assert per_units(q) == (), q


def test_a_body_by_its_short_name_and_round_counts_are_read_without_their_look_alikes():
    from rag.answer.question import _ORG, answer_pattern, post_place
    assert _ORG.search("区督考办通报有关工作完成情况") and _ORG.search("区委办主持")
    assert not any(_ORG.search(t) for t in ("落实督办责任", "马上就办", "为民办实事"))
    many = answer_pattern("车间里有多少工人？")
    assert many.search("三十几名工人") and not many.search("统一几个工人")
    assert not answer_pattern("这是第几次会议？").search("十几次会议")
    # the place a post is asked of is the name right before it
    assert post_place("请问全旺镇的党委书记是谁？") == "全旺镇" and post_place("高家镇白水村的书记是谁") == "白水村"
    assert post_place("区委书记是谁？") is None
