"""Questions typed the way newsroom staff ask (../shared/newsroom/QUESTIONS.md), one per kind of failure seen on
held-out questions (issue 10), over the five sample issues with the real archive, embedder and engine.

The wording here is the tests' own; the eval set (evals/qa.jsonl) measures how often such questions succeed.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from rag.service import Service
from rag.settings import Settings

pytestmark = pytest.mark.corpus
TODAY = dt.date(2025, 6, 1)  # the day after the newest sample issue


@pytest.fixture(scope="module")
def service(corpus_home: Path) -> Service:
    return Service(Settings(home=corpus_home))


def ask(service: Service, question: str, history=()):
    return service.ask(question, today=TODAY, history=list(history))


def test_now_means_the_latest_report_with_its_date(service):
    # 现在 filters nothing: the newest issue that names the post answers, and says when it was reported
    ans = ask(service, "现在区委书记是谁啊？")
    assert not ans.refused
    assert ans.answer.startswith("区委书记贵丽青")
    assert "2025年5月20日" in ans.answer


def test_a_question_naming_the_event_date_is_answered(service):
    # the event of 12月19日 is printed in the issue of 12月24日
    ans = ask(service, "12月19号开的项目谋划储备会是谁主持的？")
    assert not ans.refused
    assert "项目谋划储备" in ans.answer
    # who chaired it is said in the report after its lead: the one who does what is asked answers first
    assert ans.answer.startswith("区委书记王慧杰")


def test_a_time_asked_is_the_events_and_a_later_report_may_tell_it(service):
    # 港区's first 水水中转 of March 2025 is told only in the issue of 20 May; the 2024 start of the 康养 project
    # only in that May issue too: the issues of those months say nothing of them
    ans = ask(service, "今年3月港区办成的头一单是啥业务")
    assert not ans.refused and "水水中转" in ans.answer
    ans = ask(service, "康养综合体项目去年几月份动工的？")
    assert not ans.refused and ans.answer.startswith("2024年12月")


def test_a_colloquial_list_question_gets_the_items(service):
    ans = ask(service, "王慧杰调研高质量发展都跑了哪些地方呢")
    assert not ans.refused
    assert "双桥" in ans.answer and "周家乡" in ans.answer
    assert len(ans.citations) >= 1 and ans.answer.count("\n") >= 2  # one item a line


def test_a_number_asked_in_other_words(service):
    ans = ask(service, "公转水一年帮企业省下多少钱？")
    assert not ans.refused
    assert "3.8亿元" in ans.answer


def test_a_post_change_across_issues_is_answered_in_date_order(service):
    ans = ask(service, "贵丽青的职务前后有啥变化？")
    assert not ans.refused
    assert "代区长" in ans.answer and "区委书记" in ans.answer
    assert ans.answer.index("代区长") < ans.answer.rindex("区委书记")
    assert {c.date.year for c in ans.citations} >= {2022, 2025}


def test_who_signed_a_commentary(service):
    ans = ask(service, "后浪拍岸 满城新景 作者")
    assert not ans.refused and "余慧仙" in ans.answer
    # one piece named by its words: that piece alone, not every commentary of the archive
    ans = ask(service, "后浪拍岸那篇评论是谁写的")
    assert ans.answer.startswith("2023年8月22日刊发评论《后浪拍岸 满城新景》，作者余慧仙。") and "希梦" not in ans.answer
    assert "柏雷" in ask(service, "这几期的评论都是谁写的").answer  # none named: all of them


def test_which_issue_carried_a_story(service):
    ans = ask(service, "总第3684期是哪天的报纸？")
    assert not ans.refused and "2023年8月22日" in ans.answer


def test_a_count_question_starts_with_the_count(service):
    # the headline counts them (衢江2家卫生院获全国表扬) and the report gives each a paragraph: both are named
    ans = ask(service, "有几家卫生院获了全国表扬？")
    assert not ans.refused
    assert ans.answer.startswith("2家：樟潭街道社区卫生服务中心、后溪镇卫生院。[1]")


def test_a_date_comes_back_with_its_year(service):
    ans = ask(service, "王建安院士啥时候来的衢州分院？")
    assert ans.answer.startswith("2024年12月22日")


def test_a_follow_up_does_not_repeat_the_last_answer(service):
    first = ask(service, "下槽桥改建花了多少钱？")
    assert "80万元" in first.answer
    second = ask(service, "那改完以后桥面有多宽？", [("下槽桥改建花了多少钱？", first.answer)])
    said = {s.text for s in first.sentences if s.supported}
    assert not said & {s.text for s in second.sentences if s.supported}


def test_a_name_typed_with_a_homophone_is_read_as_the_archive_prints_it(service):
    ans = ask(service, "毛小荣是干啥的？")  # 毛晓荣 in the paper
    assert ans.question == "毛小荣是干啥的？" and "廿里镇党委书记毛晓荣" in ans.answer
    assert ans.answer.splitlines()[0] == "（“毛小荣”按档案中的“毛晓荣”查找。）"  # the reading is said
    keywords = ask(service, "柴成钢 湖南镇 职务")  # 柴成刚; 职务 as a keyword of its own asks who he is
    assert "驻村干部柴成刚" in keywords.answer and "按档案中的“柴成刚”查找" in keywords.answer
    assert "按档案中" not in ask(service, "毛晓荣是干啥的？").answer
    # a two-character name: the one person of that surname who sounds alike (刘伟 for 刘威: 刘俊 is one off too)
    two = ask(service, "刘伟 记者 署名 报道 哪几篇")
    assert two.answer.splitlines()[0] == "（“刘伟”按档案中的“刘威”查找。）" and "现代社区" in two.answer
    assert "按档案中" not in ask(service, "刘俊参加了哪些会").answer  # a name the archive holds is left alone


def test_who_took_a_picture_is_answered_from_its_credit(service):
    first = ask(service, "科教产业园一期预计啥时候封顶？")
    ans = ask(service, "那张工地照片是谁拍的？", [("科教产业园一期预计啥时候封顶？", first.answer)])
    assert "邵秀清、徐凌峰拍摄" in ans.answer and not ans.refused  # "邵秀清 徐凌峰 / 摄" under the picture
    assert ans.citations[0].credit == "摄影 邵秀清、徐凌峰"  # the source line says who took it, not 记者


def test_where_someone_went_takes_the_sentences_that_go_on_to_the_next_stop(service):
    ans = ask(service, "2023年12月14日王慧杰走访调研重点企业，去了哪几家？")
    assert "中显光电" in ans.answer and "鸿邦源" in ans.answer  # "王慧杰先后来到…", after the lead


def test_a_sentence_that_points_back_counts_what_the_one_before_it_names(service):
    # "该工程总投资80万元": 该工程 is the 下槽桥改建 of the sentence before
    ans = ask(service, "太真乡下槽桥改建花多少钱？")
    assert ans.answer.startswith("80万元")


def test_a_follow_up_whose_answer_was_given_in_passing_gets_it_again(service):
    first = ask(service, "衢州港货物吞吐量累计有多少？")
    assert first.answer.startswith("超3100万吨")  # the whole figure as printed, not a digit of it
    second = ask(service, "那公转水给企业省了多少运输成本？", [("衢州港货物吞吐量累计有多少？", first.answer)])
    assert not second.refused and second.answer.startswith("近3.8亿元")


def test_a_near_miss_is_refused_with_the_related_reports(service):
    # the archive tells when the complex is finished, not what a month there costs
    ans = ask(service, "湖南镇共富康养综合体住一个月要多少钱？")
    assert ans.refused
    assert ans.answer.startswith("档案中没有找到")
    assert any("康养" in c.title for c in ans.citations)


def test_a_follow_up_naming_its_own_person_is_about_that_person(service):
    first = "5月14号区政协去视察了哪些产业园？"
    history = [(first, ask(service, first).answer)]
    ans = ask(service, "那次一起去的陈政是干啥的？", history)
    # not the leader the last turn was about: 陈政's post is not printed (区领导陈政参加), so no post line at all
    assert "毛卓战" not in ans.answer.splitlines()[0] and not ans.answer.startswith("区政协主席")
    assert ans.refused or "陈政" in ans.answer.splitlines()[0]
    ans = ask(service, "带队的是谁？他是干啥的？", history)
    assert "区政协主席毛卓战" in ans.answer


def test_what_a_post_holder_said_is_their_own_words(service):
    ans = service.ask("人大常委会主任 第二十四次会议 表态 说了啥", today=TODAY)
    # his own words first, and not what the secretary said to the meeting
    assert not ans.refused and ans.answer.startswith("廖利军表示") and "王慧杰指出" not in ans.answer
    assert "全面加强自身建设" in service.ask("那会上人大主任自己是咋表态的？", today=TODAY, history=[
        ("去年12月区人大常委会开的是第几次会？", "第二十四次会议。")]).answer


def test_a_follow_up_about_the_same_report_is_answered_from_it(service):
    # the town and village the last answer named are not repeated by the sentence that answers: they say which
    # report the chat is about (counted by the sentence's chunk), not what the sentence must hold
    first = "安仁水库是哪个村的？"
    history = [(first, ask(service, first).answer)]
    ans = ask(service, "它总库容是多少？", history)
    assert not ans.refused and "109万方" in ans.answer
    first = "罗樟源水利枢纽是哪次会议研究的？"
    history = [(first, ask(service, first).answer)]
    ans = ask(service, "那会上对它是怎么要求的？", history)
    assert not ans.refused and "加快速度、强化保障、加强对接" in ans.answer


def test_who_said_a_quoted_line_is_its_speaker_at_its_event(service):
    # the line is one of a run of demands (要…); the speaker opens the run several sentences before
    # (区委书记贵丽青在会上强调 / 贵丽青强调，…), and the report says at which meeting
    ans = ask(service, "“零障碍”“零跑腿”“零折扣”这几句是哪位领导提的？")
    assert not ans.refused
    first, second = ans.answer.splitlines()[:2]
    assert first.startswith("区委书记贵丽青") and "祝升明" not in first
    assert second.startswith("《全区二季度招商引资工作例会")
    ans = ask(service, "以“小家”的清风构建“大家”的清廉 谁讲的")
    assert ans.answer.startswith("区委书记王慧杰") and "述责述廉" in ans.answer


def test_the_date_of_an_event_asked_in_a_year_it_was_not_held_is_refused(service):
    # the archive has the 述责述廉 meeting of 2024-12-19 only; asked of 2023 it is refused with the report listed
    ans = ask(service, "23年年底开的述责述廉会议是哪一天？")
    assert ans.refused and "时间与所问的不符" in ans.answer and "述责述廉" in ans.answer
    ans = ask(service, "24年年底开的述责述廉会议是哪一天？")
    assert not ans.refused and ans.answer.startswith("2024年12月19日")


def test_a_byline_question_names_reporters_and_correspondents(service):
    # the byline prints 记者 and 通讯员: both are article facts an answer cites
    ans = ask(service, "民情直通车发车那篇稿子的通讯员是谁？")
    assert not ans.refused and "通讯员是王正明" in ans.answer.splitlines()[0]
    assert ans.citations[0].credit == "记者 叶晓轩 通讯员 王正明"  # the source card, as the byline prints it


def test_who_chaired_a_meeting_asked_as_which_leader(service):
    # 哪位领导 asks for a person: the verb after it (主持) is what the sentence must hold
    ans = ask(service, "12月20号传达学习总书记讲话的区委常委会，是哪位领导主持的？")
    assert ans.answer.startswith("区委书记王慧杰")


def test_a_body_asked_for_is_found_by_its_short_name(service):
    # 区督考办 ends in 办; the sentence before it ("会上，…") names no meeting and is not brought in
    ans = ask(service, "5月份党政月度例会上，工作完成情况是哪个部门通报的？")
    assert not ans.refused and "区督考办" in ans.answer.splitlines()[0]


def test_a_round_count_answers_how_many(service):
    ans = ask(service, "白水村共富工坊的车间里有多少工人在干活？")
    assert not ans.refused and ans.answer.startswith("三十几名")


def test_a_person_over_the_issues_is_each_report_with_the_post(service):
    ans = ask(service, "胡水木上过几回报纸？身份变没变？")
    lines = ans.answer.splitlines()
    assert len(lines) >= 2 and all("副主任" in line for line in lines)
    assert "2023年12月15日" in ans.answer and "2024年12月24日" in ans.answer


def test_a_post_of_a_place_the_archive_does_not_name_is_refused(service):
    # the archive prints other towns' 党委书记 (廿里镇, 太真乡) and 浙大二院's: none is 全旺镇's
    ans = ask(service, "全旺镇党委书记叫啥？")
    assert ans.refused and "不是所问地方的" in ans.answer
    ans = ask(service, "太真乡党委书记叫啥？")
    assert not ans.refused and ans.answer.startswith("太真乡党委书记徐芳")


def test_keywords_asking_for_a_correspondent_get_the_byline(service):
    ans = ask(service, "产业同心 服务五星 稿件 通讯员")
    assert not ans.refused and ans.answer.startswith("《产业同心 服务五星》的通讯员是姚时佳")


def test_a_figure_asked_per_unit_is_not_answered_with_a_total(service):
    # the complex's 4800平方米 is all 18 rooms and more: no report gives one room's size
    ans = ask(service, "康养综合体的适老化居室一间多大，多少平方？")
    assert ans.refused and "每亩、每户" in ans.answer
    # a figure printed per 亩 answers a question per 亩
    ans = ask(service, "茭鳖共养每亩能增收多少？")
    assert not ans.refused and "4000多元" in ans.answer


def test_what_someone_said_is_their_own_words_and_a_follow_up_gets_the_rest(service):
    # 王建安's words at the meeting: 他表示，… after the sentence that opens with him, and the sentences that go on
    # with it; not 贵丽青's, who spoke next
    ans = ask(service, "王建安在座谈会上说了什么？")
    assert not ans.refused and ans.answer.startswith("他表示，浙大二院与衢州分院自2010年合作至今")
    assert "造血" in ans.answer and "贵丽青" not in ans.answer
    # asked as follow-ups: his words, then that there is nothing more (not the lead again, not someone else's)
    first = "王建安是哪天来衢州分院的？"
    history = [(first, ask(service, first).answer)]
    more = ask(service, "他还说了什么", history)
    assert not more.refused and "2010年合作至今" in more.answer and "贵丽青" not in more.answer
    history.append(("他还说了什么", more.answer))
    last = ask(service, "他还说了啥", history)
    assert last.answer.startswith("档案中没有找到更多相关内容")


def test_a_quote_asked_comes_with_who_said_it(service):
    ans = ask(service, "叶尔军对区级民情直通车怎么评价的")
    assert not ans.refused and "移动的多元调解室" in ans.answer and "叶尔军表示" in ans.answer


@pytest.mark.parametrize("question, first", [
    ("二季度招商例会签了几个项目", "8个"),  # 签 is held in 集中签约
    ("白水村村集体收入现在多少", "50多万元"),  # 从不到4万元突破至50多万元: now it is where it went
    # 5月9日 is the day the reporter saw the site and 4月21日 the topping out: 竣工 is planned for 5月底 (the
    # headline and 按照计划，项目预计在5月底实现竣工)
    ("湖南镇康养综合体什么时候竣工", "2025年5月底"),
    ("安仁水库除险加固什么时候完工的", "2023年6月"),  # 已于今年6月完工, in a report of 2023
    # a figure the question states is how it names what it counts (为辖区4308位65岁以上老人…: not 65), a year is
    # no count (100名…书记…参加了2023年度…轮训班: not 2023年), and the figure a focus word names is the one right
    # after it however far the first mention is (58392份居民健康档案 … 签约居民达31285人)
    ("后溪镇卫生院给多少位65岁以上的老人做健康管理", "4308位"),
    ("前年参加村书记轮训班的书记有多少名", "100名"),
    ("樟潭社区卫生服务中心签约居民有多少", "31285人"),
    ("后溪镇卫生院建了多少份健康档案", "20643份"),  # 份 is a measure asked
    ("纸浆货值多少", "约584.38万美元"),  # the whole unit, not 约584.38万
    ("八八战略实施多少周年了", "20周年"),
    # 预计在5月底实现竣工，并将于2026年正式投入运营: the year by the event asked, not the completion before it
    ("湖南镇康养综合体什么时候投入运营", "2026年"),
    ("湖南镇那个康养综合体啥时候完工啊", "2025年5月底"),  # 完工 asked, 竣工 printed: a milestone in any of its words
    # 全会 is printed 全体（扩大）会议; a commentary on the 十四届二次全会 (another report) does not come first
    ("区委十四届五次全会哪天开的", "2023年8月18日"),
    ("衢江的共享法庭一共覆盖多少个乡镇街道？", "22个"),  # 22个乡镇（街道办事处）、286个行政村: what it counts
    # the answer first: what was required, not the meeting's lead above it
    ("区政府第11次常务会议对增加区属国企内设机构是怎么要求的", "增加区属国企内设机构要灵活实施"),
    # a commentary found by its author's name (bylines are keyword-indexed), dated by the issue that carried it
    ("柏雷那篇评论哪天登的", "2022年8月30日"),
    ("余慧仙那篇评论登在哪一期", "《后浪拍岸 满城新景》刊于2023年8月22日《今日衢江》总第3684期"),
    # which ones of a set a headline counts (衢江2家卫生院获全国表扬), where the report gives each its paragraph
    ("获全国表扬的两家卫生院叫啥", "樟潭街道社区卫生服务中心、后溪镇卫生院。"),
    ("获全国表扬的是哪几家卫生院", "樟潭街道社区卫生服务中心、后溪镇卫生院。"),
    # a question that counts them otherwise: the report's count leads the names
    ("获全国表扬的是哪三家卫生院", "2家：樟潭街道社区卫生服务中心、后溪镇卫生院。"),
    # the event asked as the object of a verb glued to it: 并举行座谈 (jieba: 举行座谈) holds 座谈
    ("王建安来衢州分院座谈是哪天", "2024年12月22日。"),
])
def test_the_direct_answer_is_the_thing_asked(service, question, first):
    ans = ask(service, question)
    assert not ans.refused and ans.answer.startswith(first), ans.answer


def test_a_figure_of_a_place_the_archive_names_but_never_counts_is_refused(service):
    # 府前未来社区 is named (平武县党政代表团来衢江考察) with no figure of its residents: the 31285人 of
    # 樟潭's 签约居民 is no answer
    ans = ask(service, "府前未来社区住了多少居民")
    assert ans.refused and "31285" not in ans.answer, ans.answer


def test_an_answer_says_how_likely_the_archive_holds_one(service):
    # 投资400万元 is the fish park's 二期, not the port's: the engine is unsure, and says so
    ans = ask(service, "衢江港区二期投资多少")
    assert not ans.refused and ans.answerable < 0.5 and ans.unsure
    ans = ask(service, "王建安是哪天来衢州分院的")
    assert ans.answerable > 0.5 and not ans.unsure


def test_the_date_of_a_deed_the_archive_does_not_report_is_not_the_date_of_another(service):
    # the archive dates 王建安's visit (2024年12月22日), calling him 院士; not when he was elected
    ans = ask(service, "王建安当选院士是哪一年")
    assert not ans.answer.startswith("2024年12月22日"), ans.answer


def test_a_figure_asked_per_unit_is_never_answered_first_by_a_total(service):
    # the archive gives 每亩增收4000多元 but no outlay per 亩: 投资400万元 (a fish park's) is no direct answer
    ans = ask(service, "白水村搞茭鳖共养，一亩地要投多少本钱")
    assert not ans.answer.startswith("400万元"), ans.answer
    ans = ask(service, "茭鳖共养每亩能增收多少")
    assert ans.answer.startswith("4000多元。"), ans.answer


def test_a_figure_asked_of_one_unit_leaves_out_the_other_units_paragraph(service):
    # 衢江2家卫生院获全国表扬 gives each winner a paragraph; 后溪镇卫生院's has the same kind of figures
    ans = ask(service, "樟潭社区卫生服务中心建了多少份健康档案")
    assert ans.answer.startswith("58392份。") and "20643" not in ans.answer, ans.answer
    ans = ask(service, "后溪镇卫生院管理了多少高血压患者")
    assert ans.answer.startswith("2710人。") and "58392" not in ans.answer, ans.answer
    # both asked (分别): each one's figure first, by its name as printed, then each one's sentence
    ans = ask(service, "樟潭和后溪这两家卫生院分别建了多少份健康档案？")
    assert ans.answer.startswith("樟潭街道社区卫生服务中心58392份；后溪镇卫生院20643份。[1]"), ans.answer
    assert "中心已建立58392份居民健康档案" in ans.answer and "建立20643份健康档案" in ans.answer
    # in two reports: each cited
    ans = ask(service, "湖南镇共富康养综合体和白水村“1+10”共富工坊的建筑面积分别是多少？")
    assert ans.answer.startswith("湖南镇共富康养综合体4800平方米；白水村“1+10”共富工坊5000多平方米。[1][2]"), ans.answer
    # the ones not named (两次…分别): no single figure stands for both
    first = ask(service, "这两家卫生院分别建了多少份健康档案？").answer.split("\n")[0]
    assert not re.match(r"\d+份。", first), first


def test_a_holder_printed_in_another_post_since_is_flagged(service):
    # the latest 区长 report names 贵丽青 (2024-12-24); from 2025-05-20 the paper prints her as 区委书记: the answer
    # says so, and that the archive names no later 区长, citing that report too
    ans = ask(service, "现在区长是谁啊")
    assert not ans.refused and ans.answer.startswith("区委副书记、区长贵丽青。")
    assert "2025年5月20日起的报道中，贵丽青为区委书记，档案中没有此后的区长报道" in ans.answer
    assert any(c.date == dt.date(2025, 5, 20) for c in ans.citations)
    ans = ask(service, "区委书记是谁")
    assert ans.answer.startswith("区委书记贵丽青。") and "档案中没有此后" not in ans.answer


def test_a_month_asked_takes_no_later_report_of_other_times(service):
    # 2024年12月开了哪些会: the 2025-05 月度例会 is of another time; a later report joins only when it dates something
    # in the month asked (今年3月港区办成的头一单, told in May, still does: the test above)
    ans = ask(service, "2024年12月区里开了哪些会")
    assert not ans.refused
    assert all(c.date.year == 2024 for c in ans.citations)


def test_at_the_meeting_points_back_to_the_meeting_asked_before(service):
    # 会上 is the meeting of the last turn (the plenum of 2023-08-18), not any meeting that announced something
    first = "2023年8月18号开了啥会"
    history = [(first, ask(service, first).answer)]
    ans = ask(service, "会上公布了啥", history)
    assert not ans.refused and "赛马" in ans.answer
    assert all(c.date == dt.date(2023, 8, 22) for c in ans.citations)


def test_whether_done_quotes_the_plan_of_the_thing_asked(service):
    # 下槽桥 is to open 年底前: the plan is quoted from its report, not from the 民情直通车 one (直通车 is no 通车)
    ans = ask(service, "下槽桥通车了没有")
    assert ans.refused and "年底前建成通车" in ans.answer
    assert all("太真乡" in c.title for c in ans.citations)


def test_which_ones_of_a_set_the_report_only_counts_is_refused(service):
    # the report prints 8个项目进行了集中签约 and names none of them: which ones is not in the archive
    first = "二季度招商例会签了几个项目"
    history = [(first, ask(service, first).answer)]
    ans = ask(service, "签约的都是哪几个项目", history)
    assert ans.refused and ans.answer.startswith("档案中只报道了数目，没有列出全部名单")


def test_a_bare_follow_up_stays_with_the_meeting_asked_before(service):
    # 谁主持的 names nothing of its own: it is about the 区政府第11次常务会议 of the turn before (2022, 代区长
    # 贵丽青), not a new question answered from the 2025 例会 where she chairs as 区委书记
    first = "区政府第11次常务会议啥时候开的"
    history = [(first, ask(service, first).answer)]
    ans = ask(service, "谁主持的", history)
    assert not ans.refused and ans.answer.startswith("区委副书记、代区长贵丽青。")
    assert all(c.date == dt.date(2022, 8, 30) for c in ans.citations)


def test_next_year_is_answered_only_by_a_report_that_speaks_of_it(service):
    # the newest issue is of May 2025, so 明年 (2026) is ahead of every report: the 康养 report's plan to open in
    # 2026 answers; the 2025 signing count of 后溪镇卫生院 is no answer for next year's, nor the 2024 meeting that
    # planned 2025's projects for the meeting that plans 2026's
    ans = ask(service, "湖南镇康养综合体明年能投入运营吗？")
    assert not ans.refused and "2026年正式投入运营" in ans.answer
    for question in ("后溪镇卫生院明年打算签约多少居民啊？", "明年项目谋划储备会开了吗？"):
        ans = ask(service, question)
        assert ans.refused, question
        assert ans.answer.startswith("档案中的报道都早于所问的时间") and ans.citations, question


def test_a_time_with_no_report_says_which_issues_were_searched(service):
    # no sample issue falls in March-April 2024: the refusal names the time asked and the issue dates searched
    ans = ask(service, "去年3月有啥新闻")
    assert ans.refused
    assert ans.answer == "档案中没有去年3月的相关报道（查找了2024年3月1日至2024年4月14日刊出的各期）。"


def test_a_follow_up_at_a_numbered_session_stays_with_it(service):
    # 十四届 and 五次 carried over from the turn before are one session (14届5次), which the plenum's report names:
    # who else spoke there is answered from it, not refused as a session no report holds
    first = "区委十四届五次全会啥时候开的"
    history = [(first, ask(service, first).answer)]
    ans = ask(service, "那次会上还有谁讲话了", history)
    assert not ans.refused and "王慧杰" in ans.answer
    assert all(c.date == dt.date(2023, 8, 22) for c in ans.citations)


def test_a_follow_up_about_that_event_stays_with_its_report(service):
    # 那次座谈 is the 座谈 of the last answer: its report's 参加 line, not the 参加 lines of other meetings
    first = "王建安来衢州分院座谈是哪天"
    history = [(first, ask(service, first).answer)]
    ans = ask(service, "那次座谈还有哪些区领导参加", history)
    assert not ans.refused and "贵丽青" in ans.answer and "徐东升" in ans.answer
    assert all(c.date == dt.date(2024, 12, 24) for c in ans.citations)
