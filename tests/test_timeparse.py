"""Time expressions become event date ranges relative to a reference day; issue ranges allow for reporting lag."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from rag.answer.timeparse import ISSUE_LAG, as_year, parse_time, strip_time

TODAY = dt.date(2023, 8, 30)  # a Wednesday
D = dt.date


@pytest.mark.parametrize("question,start,end", [
    ("上周区里开了哪些会？", D(2023, 8, 21), D(2023, 8, 27)),
    ("本周有什么新闻", D(2023, 8, 28), TODAY),
    ("这周呢", D(2023, 8, 28), TODAY),
    ("上个月的防汛工作", D(2023, 7, 1), D(2023, 7, 31)),
    ("本月有哪些活动", D(2023, 8, 1), TODAY),
    ("5月份区里开了哪些会", D(2023, 5, 1), D(2023, 5, 31)),
    ("9月份的新闻", D(2022, 9, 1), D(2022, 9, 30)),  # a month still to come this year means last year's
    ("2023年8月发生了什么", D(2023, 8, 1), D(2023, 8, 31)),
    ("去年12月王建安来过吗", D(2022, 12, 1), D(2022, 12, 31)),
    ("今年有哪些项目", D(2023, 1, 1), TODAY),
    ("2022年的新闻", D(2022, 1, 1), D(2022, 12, 31)),
    ("最近有什么活动", D(2023, 8, 17), TODAY),
    ("近期", D(2023, 8, 17), TODAY),
    ("近3天", D(2023, 8, 28), TODAY),
    ("12月22日王建安去了哪里", D(2022, 12, 22), D(2022, 12, 22)),
    ("十二月二十二日", D(2022, 12, 22), D(2022, 12, 22)),
    ("今年3月5日", D(2023, 3, 5), D(2023, 3, 5)),
    ("前天", D(2023, 8, 28), D(2023, 8, 28)),
    ("昨天发生了什么", D(2023, 8, 29), D(2023, 8, 29)),
    ("上周三开了什么会", D(2023, 8, 23), D(2023, 8, 23)),
    ("周五的会议", D(2023, 8, 25), D(2023, 8, 25)),
    ("三年前8月24号区委开了什么会", D(2020, 8, 24), D(2020, 8, 24)),
    ("两年前的民生实事", D(2021, 1, 1), D(2021, 12, 31)),
    ("2年前开了哪些会", D(2021, 1, 1), D(2021, 12, 31)),  # the count in digits too
])
def test_time_expressions(question, start, end):
    found = parse_time(question, TODAY)
    assert found is not None and (found.start, found.end) == (start, end)
    assert found.phrase in question


@pytest.mark.parametrize("question", ["王建安是哪天来衢州分院的？", "衢江区有多少个乡镇", "第15年", "今日衢江总第3684期是哪天出版的？",
                                      "23年前三季度的产值"])  # two digits before 年前 are 2023's, not 23 years ago
def test_no_time_expression(question):
    assert parse_time(question, TODAY) is None


def test_guessed_year_is_marked():
    assert parse_time("12月22日", TODAY).exact_year is False
    assert parse_time("2022年12月22日", TODAY).exact_year is True


def test_issue_range_widens_by_reporting_lag():
    found = parse_time("上周区里开了哪些会？", TODAY)
    assert found.issue_range() == (D(2023, 8, 21), D(2023, 8, 27) + ISSUE_LAG)


def test_strip_time_removes_relative_phrase_keeps_days():
    assert strip_time("上周区里开了哪些会？", parse_time("上周区里开了哪些会？", TODAY)) == "区里开了哪些会？"
    assert strip_time("上个月的防汛工作", parse_time("上个月的防汛工作", TODAY)) == "防汛工作"
    q = "今年3月5日王建安去了哪里"
    assert strip_time(q, parse_time(q, TODAY)) == "3月5日王建安去了哪里"
    assert strip_time("王建安", None) == "王建安"


def test_several_times_span_them_all():
    q = "贵丽青在2022年和2025年的报道里分别是什么职务？"
    found = parse_time(q, TODAY)
    assert (found.start, found.end) == (D(2022, 1, 1), D(2025, 12, 31))
    assert strip_time(q, found) == "贵丽青在和的报道里分别是什么职务？"


def test_a_few_days_is_recent_not_a_number():
    """最近两三天 ("the last two or three days") once stopped the question with a KeyError: 两三 is no number."""
    found = parse_time("最近两三天开了什么会？", TODAY)
    assert found.phrase == "最近" and found.end == TODAY


def test_a_year_naming_what_a_plan_is_for_starts_in_the_autumn_before():
    # 2025年项目谋划储备会 was held in December 2024: the year names the plan, not when it was reported
    plan = parse_time("2025年项目谋划储备会上王慧杰说了什么", dt.date(2025, 6, 1))
    assert plan.start == dt.date(2024, 10, 1) and plan.end == dt.date(2025, 6, 1)
    assert parse_time("2024年重点工作有哪些", TODAY).start == dt.date(2023, 10, 1)
    # a time within the year, or the year of an event, is still that year
    assert parse_time("2023年5月开了什么会", TODAY).start == dt.date(2023, 5, 1)
    assert parse_time("2023年医师节慰问了谁", TODAY).start == dt.date(2023, 1, 1)
    assert parse_time("2023年的民生实事", TODAY).start == dt.date(2023, 1, 1)


def test_a_two_digit_year_of_this_century_is_a_year_and_a_span_is_not():
    """24年货物吞吐量 / 23年医师节: the year 2024 / 2023; 15年来, 干了30年, 连续12年, 35年党龄 are spans, no year."""
    today = dt.date(2025, 6, 1)
    assert parse_time("衢州港24年货物吞吐量是多少", today).start == dt.date(2024, 1, 1)
    assert parse_time("23年医师节王书记去了哪", today).start == dt.date(2023, 1, 1)
    for span in ("15年来浙大二院一直帮扶衢州分院", "他在村里干了30年", "近20年来变化很大", "连续12年获评文明单位",
                 "撤县设区20年", "35年党龄的老党员", "已有30年历史", "扎根山区18年"):
        assert parse_time(span, today) is None


def test_next_year_counts_from_today_only_when_no_other_time_is_named():
    today = dt.date(2025, 6, 1)
    found = parse_time("湖南镇康养综合体明年能投入运营吗？", today)
    assert (found.start, found.end, found.phrase) == (D(2026, 1, 1), D(2026, 12, 31), "明年")
    assert parse_time("后年建成吗", today).start == D(2027, 1, 1)
    assert parse_time("明年3月开什么会", today).start == D(2026, 3, 1)
    # 去年底开的明年项目谋划储备会: 明年 is the year after the meeting's, and the meeting's time is what is asked
    found = parse_time("去年底开的明年项目谋划储备会，王书记说了啥", today)
    assert (found.start, found.end, found.phrase) == (D(2024, 1, 1), D(2024, 12, 31), "去年")
    assert "明年" in strip_time("去年底开的明年项目谋划储备会", found)


def test_a_time_after_the_archive_is_searched_as_its_year():
    found = dataclasses.replace(parse_time("康养综合体明年的目标", dt.date(2025, 6, 1)), ahead=True)
    assert as_year("康养综合体明年的目标", found) == "康养综合体2026年的目标"
