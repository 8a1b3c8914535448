"""Time expressions in questions -> date ranges, relative to a reference day. Pure.

`parse_time("上周区里开了哪些会？", today)` gives the *event* time range the question is about (Monday..Sunday of
last week) and the phrase that said so. Newspapers report events a few days after they happen, while the
archive filters on *issue* dates, so `issue_range` widens an event range to issue dates [from, to + ISSUE_LAG]:
an event of Sunday is still found in the next week's issue. Weeks start on Monday.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from ..errors import DATE_MAX_YEAR, DATE_MIN_YEAR
from ..text import count

ISSUE_LAG = dt.timedelta(days=14)  # an event is reported up to two weeks later (weekly/biweekly county paper)
RECENT_DAYS = 14  # 最近 / 近期 / 近日 without a number

_NUM = r"(\d{1,2}|十[一二]?|[一二两三四五六七八九])"
_WEEKDAY = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_WEEK = r"(?:周|星期|礼拜)"


@dataclass(frozen=True)
class TimeRange:
    """An inclusive date range and the phrase of the question that gave it."""

    start: dt.date
    end: dt.date
    phrase: str
    exact_year: bool = True  # False when the year was guessed (12月22日 without a year): a hint, not a fact
    # vague "now" (最近, 近期, 今年): the question means the latest report that says it, not an issue-date filter
    vague: bool = False
    phrases: tuple[str, ...] = ()  # every phrase when the question names several times (2022年和2025年)
    # after the archive's newest issue (明年的目标): only a plan printed before it can speak of it, and a report
    # writes that time as its year (2026年), which the question is searched with (rag.answer.ask.plan sets it;
    # see as_year)
    ahead: bool = False

    def issue_range(self) -> tuple[dt.date, dt.date]:
        """Issue dates that may report events of this range: [start, end + ISSUE_LAG]."""
        return self.start, self.end + ISSUE_LAG


def _month_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _prev_month(today: dt.date, back: int = 1) -> tuple[int, int]:
    index = today.year * 12 + today.month - 1 - back
    return index // 12, index % 12 + 1


def _year_of(match_year: str | None, today: dt.date) -> int | None:
    """Year named by 2023年 / 23年 / 今年 / 去年 / 前年 / 明年 / 后年, or None when no year was said."""
    if not match_year:
        return None
    if re.fullmatch(_AGO, match_year):  # 三年前, 2年前: that many years before today's
        return today.year - count(match_year[:-2])
    if match_year[0].isdigit():
        digits = match_year.rstrip("年")
        return int(digits) if len(digits) == 4 else 2000 + int(digits)
    return today.year - {"今年": 0, "去年": 1, "前年": 2, "明年": -1, "后年": -2}[match_year]


# 三年前, 2年前: a year counted back from today's; two digits are a year's (23年前三季度 is 2023's first three
# quarters), not a count
_AGO = r"(?:[一二两三四五六七八九十]|(?<!\d)\d)年前"
_YEAR = rf"((?<![\d第])\d{{2}}年|\d{{4}}年|今年|去年|前年|明年|后年|{_AGO})?"
_PATTERNS: list[tuple[str, str]] = [
    ("day", _YEAR + _NUM + r"月" + r"(\d{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])[日号]"),
    ("month", _YEAR + _NUM + r"月份?(?!\d|[一二三四五六七八九十]+[日号])"),
    ("weekday", r"(上上|上|本|这|下)?(?:个)?" + _WEEK + r"([一二三四五六日天])"),
    ("week", r"(上上|上|本|这|下)(?:一|个)?" + _WEEK),
    ("lastmonth", r"上个?月"),
    ("thismonth", r"(?:本|这个?)月"),
    ("recent_n", r"(?:最近|近)(\d{1,3}|[一二两三四五六七八九十]{1,2})(?:个)?(天|日|周|星期|个月|月)"),
    ("recent", r"最近|近期|近日|近来|这几天|这段时间"),
    ("relday", r"大前天|前天|昨天|昨日|今天|今日(?!衢江)"),  # 今日衢江 is the paper's name
    # 22年那会儿, 24年货物吞吐量: a year of the archive's decade, 2020-2029 (not a span: 15年来, 干了30年, 连续12年,
    # 撤县设区20年, 已有30年历史, 35年党龄), or any two digits before 那/的/底/初/里/上半年/下半年
    ("year", r"(\d{4}|(?<![\d第])\d{2}(?=年(?:那|的|底|初|里|上半年|下半年))|"
             r"(?<![\d第了干做当过满近约超达续有区共历])2\d(?=年(?!来|了|间|多|前|后|以|左|整|半|内|时|代|期|党龄|工龄|历史|义务)))"
             r"年(?!\d)|今年|去年|前年|明年|后年|" + _AGO),
]
# after a year, a plan it is the year of (2025年项目谋划, 2025年重点工作, 2025年民生实事); not what was done in it
# (2024年投资了多少, 2024年招商引资), a time within it (2025年5月) nor the rest of the sentence (2025年的)
_NAMES_A_PLAN = re.compile(r"度?(?:项目谋划|重点工作|工作计划|计划|目标任务|民生实事|预算)")
_COMPILED = [(kind, re.compile(p)) for kind, p in _PATTERNS]
_AHEAD_RE = re.compile(r"明年|后年")  # (a year counted forward: from today's only when no other time is named)


def _resolve(kind: str, m: re.Match, today: dt.date) -> TimeRange | None:
    """The range one matched phrase names; None when it names none, or a year no issue can have (建于1400年
    speaks of the past, not of issue dates; 9999年 of nothing): such a phrase stays in the search text."""
    try:
        found = _resolve_range(kind, m, today)
    except (ValueError, OverflowError):  # 0000年, or arithmetic past year 9999 from an odd `today`
        return None
    if found is None or not (DATE_MIN_YEAR <= found.start.year and found.end.year <= DATE_MAX_YEAR):
        return None
    return found


def _resolve_range(kind: str, m: re.Match, today: dt.date) -> TimeRange | None:
    phrase = m.group(0)
    if kind == "day":
        year, month, day = _year_of(m.group(1), today), count(m.group(2)), count(m.group(3))
        guessed = year is None
        if guessed:  # 12月22日 without a year: the latest such day not after today
            year = today.year if (month, day) <= (today.month, today.day) else today.year - 1
        try:
            day_date = dt.date(year, month, day)
        except ValueError:
            return None
        return TimeRange(day_date, day_date, phrase, exact_year=not guessed)
    if kind == "month":
        year, month = _year_of(m.group(1), today), count(m.group(2))
        if not 1 <= month <= 12:
            return None
        guessed = year is None
        if guessed:
            year = today.year if month <= today.month else today.year - 1
        return TimeRange(*_month_range(year, month), phrase, exact_year=not guessed)
    monday = today - dt.timedelta(days=today.weekday())
    if kind in ("week", "weekday"):
        shift = {"上上": -2, "上": -1, "下": 1}.get(m.group(1) or "", 0)
        start = monday + dt.timedelta(weeks=shift)
        if kind == "weekday":
            day = start + dt.timedelta(days=_WEEKDAY[m.group(2)])
            if not m.group(1) and day > today:  # a bare 周三 means the last one
                day -= dt.timedelta(weeks=1)
            return TimeRange(day, day, phrase)
        return TimeRange(start, start + dt.timedelta(days=6) if shift else today, phrase)
    if kind == "lastmonth":
        return TimeRange(*_month_range(*_prev_month(today)), phrase)
    if kind == "thismonth":
        return TimeRange(today.replace(day=1), today, phrase)
    if kind == "recent_n":
        n, unit = count(m.group(1)), m.group(2)
        if n is None:  # 两三天: a few days, no number
            return None
        days = n * {"天": 1, "日": 1, "周": 7, "星期": 7, "个月": 30, "月": 30}[unit]
        return TimeRange(today - dt.timedelta(days=days - 1), today, phrase)
    if kind == "recent":
        return TimeRange(today - dt.timedelta(days=RECENT_DAYS - 1), today, phrase, vague=True)
    if kind == "relday":
        back = {"大前天": 3, "前天": 2, "昨天": 1, "昨日": 1, "今天": 0, "今日": 0}[phrase]
        day = today - dt.timedelta(days=back)
        return TimeRange(day, day, phrase)
    if kind == "year":
        year = _year_of(m.group(1) + "年", today) if m.group(1) else _year_of(phrase, today)
        end = today if year == today.year else dt.date(year, 12, 31)
        # a year that names what a plan is for (2025年项目谋划储备会, 2025年重点工作) is planned in the autumn
        # before it: its reports start then
        start = dt.date(year - 1, 10, 1) if _NAMES_A_PLAN.match(m.string, m.end()) else dt.date(year, 1, 1)
        return TimeRange(start, end, phrase, vague=not m.group(1) and phrase == "今年")
    return None


def parse_time(question: str, today: dt.date) -> TimeRange | None:
    """The time the question asks about, as an event date range relative to `today`, else None.

    More specific forms win over general ones (2023年8月 over 2023年, 上周三 over 上周). A question naming
    several times ("2022年和2025年") gets the range spanning all of them.
    """
    found: list[tuple[int, TimeRange]] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _COMPILED:
        for m in pattern.finditer(question):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            resolved = _resolve(kind, m, today)
            if resolved is not None:
                found.append((m.start(), resolved))
                taken.append(m.span())
    if len(found) > 1:  # 去年底开的明年项目谋划会: 明年 is the year after the other time named, not after today's
        found = [(at, r) for at, r in found if not _AHEAD_RE.match(r.phrase)] or found
    if not found:
        return None
    ranges = [r for _, r in sorted(found, key=lambda pair: pair[0])]
    if len(ranges) == 1:
        return ranges[0]
    return TimeRange(min(r.start for r in ranges), max(r.end for r in ranges), ranges[0].phrase,
                     exact_year=all(r.exact_year for r in ranges), phrases=tuple(r.phrase for r in ranges),
                     vague=all(r.vague for r in ranges))


def strip_time(question: str, found: TimeRange | None) -> str:
    """The question without its time phrases, for searching (relative phrases such as 上周 never occur in
    articles). An absolute day stays, written as articles write it (今年12月22日 -> 12月22日): matching it helps.
    A vague "now" (最近, 今年) stays: it filters nothing, and tells the engine to prefer the latest report."""
    if found is None or found.vague:
        return question
    stripped = question
    for phrase in found.phrases or (found.phrase,):
        replacement = ""
        day = re.fullmatch(_YEAR + _NUM + r"月(.+)[日号]", phrase)
        if day:
            replacement = f"{count(day.group(2))}月{count(day.group(3))}日"
        stripped = stripped.replace(phrase, replacement, 1)
    stripped = re.sub(r"^[的，,、\s]+", "", stripped)
    return stripped or question


def as_year(question: str, found: TimeRange) -> str:
    """The question with 明年 / 后年 written as the year the time names (明年的目标 -> 2026年的目标): how a plan
    printed before that time writes it, to search with."""
    return _AHEAD_RE.sub(f"{found.end.year}年", question)
