"""Whether the archive answers the specific thing a question asks, read from the words of both (rag.answer.extractive
uses it for its refusal, beside the fitted answerability model):

- whether something is done (竣工了没有): a sentence must say it is done or not yet; a plan is no answer;
- who holds a rank (一等奖是谁拿的): a sentence must print the rank;
- a figure of a named year (2024年一整年的吞吐量): a sentence must give it for that year, not a span or another year;
- the members of a set the question counts (那10个点都是哪几个村): where the archive prints the count, a sentence must
  name that many;
- a figure asked per unit (一亩地多少钱): a sentence must give one per that unit, not a total;
- who a who-question asks about (周松祥是哪位副区长), or whom it sets aside while asking someone else (除了毛卓战还有谁,
  王书记…谁陪着去的): rag.answer.extractive answers with that person, or with anyone else.

What each question asks is read here (done_asked, rank_asked, members_asked, per_units; rag.answer.question.analyse keeps it
on the Ask); whether the likely sentences give it is `unanswered`. Pure: regular expressions over text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from ..index.entities.words import SURNAMES
from ..text import cn_to_int
from . import direct

if TYPE_CHECKING:
    from .scoring import Scoring
    from .timeparse import TimeRange

DONE_SENTENCES = 5  # the likeliest sentences one of which must say whether the thing asked is done
YEAR_SPAN_DAYS = 80  # a time named that spans at least this (a year, a half, a quarter) asks a figure of its year
MEMBERS_CHECKED = 4  # the smallest counted set whose members must be named in one sentence (see _names_members)
# the parts of a speech or a plan a set may count (打造哪五个方面): named a sentence each, not in one list
ASPECTS = ("方面", "要求", "条", "措施", "任务", "原则", "目标", "关系", "举措", "方向", "环节", "重点", "步")
MEMBER_SENTENCES = 8  # the likeliest sentences one of which must name every member of a counted set asked

# a measure word asked (多少张床位, 一年跑多少趟) and the ones a report may count the same thing with (8位专家 for
# 几个专家); an answer needs one of them: "30余名施工人员" does not say how many beds
SAME_MEASURE = {"个月": "个?月", "个": "个|家|项|座|所|名|位|支|批|条|间|类|种|场|次", "家": "家|个|所",
                 "座": "座|个", "项": "项|个|件", "件": "件|项|个|起", "名": "名|人|位", "位": "位|名|人",
                 "人": "人|名|位", "次": "次|趟|场|轮|回", "回": "回|次|趟|场", "趟": "趟|次", "场": "场|次", "套": "套|间|户",
                 "间": "间|套", "户": "户|家", "所": "所|个|家", "辆": "辆|台", "台": "台|辆|套", "类": "类|种",
                 "种": "种|类", "支": "支|个", "万": "万", "亿": "亿", "起": "起|宗|件", "宗": "宗|起|件",
                 "处": "处|个", "栋": "栋|幢|座", "幢": "幢|栋|座", "棵": "棵|株", "株": "株|棵", "只": "只|头",
                 "头": "头|只", "艘": "艘|条", "轮": "轮|次", "本": "本|册"}

# whether something is done is asked (竣工了没有, 现在通车了吗, 到底有没有入选, 是不是已经签了): the words a report
# says it is done with. A plan (预计5月底竣工, 年底前建成通车) does not answer it; a report that it is done, or
# not yet, does (see states_done)
DONE_WORDS = {"竣工": "竣工|完工|建成", "完工": "完工|竣工|建成", "建成": "建成|竣工|完工", "建好": "建成|竣工|完工",
               "修好": "建成|竣工|完工|通车", "通车": "通车", "完成": "完成", "投用": "投用|投入使用|投运|投产",
               "投产": "投产|投用|投入使用", "开放": "开放|开园|开馆|开业", "开园": "开园|开放", "开业": "开业|营业|开放",
               "签": "签约|签订|签署|签下", "落户": "落户|入驻", "入驻": "入驻|落户", "入选": "入选|列入|获批",
               "批": "获批|批复|批准|入选", "封顶": "封顶", "开工": "开工|动工|开建|开始实施|开始建设",
               "动工": "动工|开工|开建|开始实施|开始建设", "到位": "到位",
               "执行": "执行|履行|到位", "搬": "搬迁|搬入|迁入|搬进",
               "开通": "开通|发车|开行|通车|上线"}
_DONE_VERBS = "|".join(sorted(DONE_WORDS, key=len, reverse=True))
_DONE_ASKED = re.compile(rf"(?<!直)({_DONE_VERBS})[了上下完好]?[^，。？?！!、]{{0,5}}?(了没有|了没|了吗|没有[？?]?$|了不)|"
                         rf"(有没有|是不是|是否)(已经|已)?({_DONE_VERBS})")
# a question that asks for a figure, a time, a place or a name is no yes/no on a deed (到底签约了多少个项目)
_OTHER_ASKED = re.compile(r"多少|几|哪|什么|啥|谁|怎么|如何|何时")
# what makes a report of it a plan: a clause that goes on to the verb from these says it will be done
_PLANNED_RE = re.compile(r"(预计|计划|将|力争|争取|冲刺|拟|确保|有望|目标|即将|要|需|加快|推进|尽快|正在|准备|待|年底|月底|之前|"
                         r"(?<!目)前)[^，。；：]{0,10}$")
# what says it was done: 已 whatever else the clause says; the others unless a plan word comes before (将于…正式开放)
_ALREADY_RE = re.compile(r"已")
_DONE_MARK_RE = re.compile(r"刚|顺利|正式|成功|圆满|实现了|全部|整体|现场|"
                           r"于(今年|去年|上月|本月|\d{2,4}年)?(\d{1,2}月)?(\d{1,2}日)?(上旬|中旬|下旬|底|初)?[\u4e00-\u9fff]{0,4}$")
# a deed word that is a noun here (签约率, 完成量, 搬迁情况, 竣工节点)
_NOUN_TAILS = "率额量数值"
_NOUN_WORDS = ("情况", "工作", "进度", "事宜", "节点", "计划", "目标", "任务", "时间", "日期")
# a report that opens on a day gone by (近日，…建成通车; 3月6日，…竣工投用) tells what was done, unless a plan says otherwise
_PAST_OPENER = re.compile(r"(近日|日前|前不久|上周|昨天|\d{4}年\d{1,2}月\d{1,2}日|\d{1,2}月\d{1,2}日)")
_NOT_YET_RE = re.compile(r"(尚未|还未|仍未|未能|还没有?|没有|未)[^，。；：]{0,4}$")


def done_asked(question: str) -> re.Pattern | None:
    """The words a report would say the asked thing is done with, when a question asks whether it is done
    (湖南镇康养综合体现在竣工了没有 -> 竣工|完工|建成); None for any other question (啥时候能通车 asks for a date, which
    a plan gives)."""
    m = _DONE_ASKED.search(question)
    if not m or _OTHER_ASKED.search(question.replace("是不是", "").replace("有没有", "")):
        return None
    verb = m.group(1) or m.group(5)
    return re.compile(DONE_WORDS[verb])


def _as_noun(text: str, m: re.Match) -> bool:
    """True when a deed word is a noun here (签约率, 搬迁情况, 直通车), no deed."""
    before, after = text[max(0, m.start() - 1):m.start()], text[m.end():m.end() + 2]
    return after[:1] in _NOUN_TAILS or after in _NOUN_WORDS or before == "直"


def speaks_of(text: str, words: re.Pattern) -> bool:
    """True when the text speaks of the deed at all (done, planned or not yet): one of its words as a verb
    (年底前建成通车; not 民情直通车)."""
    return any(not _as_noun(text, m) for m in words.finditer(text))


def states_done(text: str, words: re.Pattern) -> bool:
    """True when the text says the thing is done (已于6月完工, 顺利封顶, 正式通车, 于3月竣工, 竣工了) or not yet (尚未竣工);
    False for a plan (预计5月底竣工, 年底前建成通车, 全力冲刺竣工节点), what follows once it is done (建成后将…) or
    no such word. A report says a thing is done in so many words, or opens on the day it was (近日，…建成通车);
    without them it is not read as done."""
    for m in words.finditer(text):
        before = re.split(r"[，。；：]", text[max(0, m.start() - 14):m.start()])[-1]
        after = text[m.end():m.end() + 2]
        if _as_noun(text, m):  # 签约率, 搬迁情况, 直通车
            continue  # a noun, no deed
        if _NOT_YET_RE.search(before) or _ALREADY_RE.search(before) or after == "以来":  # 还没开工, 已于…, 通车以来
            return True
        if after[:1] in ("后", "时") or _PLANNED_RE.search(before):  # 建成后将…, 预计5月底竣工, 将于…正式开放
            continue
        if _DONE_MARK_RE.search(before) or after[:1] == "了" or _PAST_OPENER.match(text):
            return True
    return False


# who holds a rank is asked (一等奖是哪个村拿的, 谁拿了第一, 哪个单位分数最高): the words a report gives the rank
# with; a report of the contest that prints no rank does not answer (see Ask.rank)
_RANKS = ((re.compile(r"([一二三])等奖"), lambda m: f"{m.group(1)}等奖"),
          (re.compile(r"(拿|得|获|排|考|评)[了的得]?第一|第一名|冠军|头名|榜首"),
           lambda m: "第一名|第一|冠军|头名|榜首|一等奖|金奖|夺冠|拔得头筹|名列前茅"),
          (re.compile(r"最高分|分数?最高|得分最高"), lambda m: "最高分|得分最高|分数最高|第一|榜首|满分|夺冠|拔得头筹"))


def rank_asked(question: str) -> re.Pattern | None:
    """The words a report prints the asked rank with (一等奖是谁拿的 -> 一等奖; 谁拿了第一 -> 第一名|第一|冠军…), when
    a question asks who holds a rank; None otherwise."""
    for rank, words in _RANKS:
        m = rank.search(question)
        if m:
            return re.compile(words(m))
    return None


# a figure is of one year when the sentence names it, says 今年/去年 in a report of the year after, or (naming
# no time of its own) is printed in that year; a span of years (三年来, 累计, 近年来) is of none
_SPAN_OF_YEARS = re.compile(r"[两三四五六七八九十]年(来|间|以来)|近年|多年|历年|累计|至今|以往")


def of_year(text: str, printed: dt.date, year: int) -> bool:
    """True when a sentence printed on `printed` gives its figure for `year` (see _SPAN_OF_YEARS)."""
    years = {int(y) for y in re.findall(r"(?<!\d)(\d{4})年", text)}
    if year in years:
        return True
    if "今年" in text or "本年" in text:  # 今年…，是2020年的3倍 / 力争到2027年: other years compared or aimed at
        return printed.year == year
    if "去年" in text or "上年" in text:
        return printed.year == year + 1
    if years or _SPAN_OF_YEARS.search(text):
        return False
    return printed.year == year or (printed.year == year + 1 and printed.month <= 3)


# the members of a set the question counts are asked (那10个点都是哪几个村, 4个片区村 名单, 覆盖7省 具体哪几个省,
# 另外两个率是啥): the count and its measure word. An answer must name them all; a report that only counts them, or
# names a few (签约率、开工率、投产率等“五率”), does not (see names_all)
_SET_COUNT = r"(\d+|[两二三四五六七八九十]+)(个|家|名|件|座|所|位|条|户|支|种|项|省|市|县|村|率|大|批)"
_MEMBERS_ASKED = re.compile(rf"(那|这|那些|这些|哪)[“\"]?{_SET_COUNT}|{_SET_COUNT}[\u4e00-\u9fff]{{0,8}}?[，, ]?"
                            r"(都是|具体|分别|名单|是哪|有哪些|叫啥|叫什么|都叫|哪几)|(另外|剩下|其余|其他)(的)?" + _SET_COUNT)
_SEPARATOR_RE = re.compile(r"、|以及|和|及|与")
_WHICH_RE = re.compile(r"哪(?!天|年|月|日|里|儿|时)|名单|都是|分别|叫啥|叫什么|有哪些|是啥|是什么|具体")
# another thing asked of the set (那4家企业是哪天签约的, 那6个村是什么时候通的公交): no members asked
_ASKED_OF_SET = re.compile(r"哪天|哪年|哪月|哪日|什么时候|啥时候|何时|几时|哪里|在哪|哪儿|怎么|为什么|为啥|如何")


# which ones of a set the question does not count (签约的都是哪几个项目, 有哪些企业): the noun asked
_WHICH_NOUN_RE = re.compile(r"(?:哪几|哪些)[个家项所座条名位]?([\u4e00-\u9fff]{2})(?=[？?，,。！!]|呢|啊|呀|$)")


def members_asked(question: str) -> tuple[int, str, str] | None:
    """(how many, measure word as a report prints it with the count, the head noun after it) of the set whose
    members a question asks for, or None (see _MEMBERS_ASKED):
    那10个点都是哪几个村 -> (10, 个, 点). For the rest of a set (五件实事 另外四件, 五率除了签约率、开工率、投产率，另外两个率)
    the whole set is asked: its count when the question gives it, else the rest and the members it names."""
    m = _MEMBERS_ASKED.search(question)
    if not m and not re.search(r"多少|(?<!哪)几", question) and not _ASKED_OF_SET.search(question) and (
            which := _WHICH_NOUN_RE.search(question)):
        return 0, "个", which.group(1)  # 签约的都是哪几个项目: the count is the report's (see _names_members)
    if not m or re.search(r"多少|(?<!哪)几", question) or _ASKED_OF_SET.search(question):
        return None  # 这两家卫生院分别建了多少份, 那4家企业是哪天签约的: something of each is asked
    if m.group(1) and not (_WHICH_RE.search(question) or " " in question.strip()):
        return None  # 那35项民生实事进展怎么样: the set is named, not asked for
    number, measure = next((m.group(i), m.group(i + 1)) for i in (2, 4, 9) if m.group(i))
    n = _number(number)
    if m.group(9):  # 另外两个…: the whole set
        whole = re.search(_SET_COUNT, question[:m.start()])
        n = _number(whole.group(1)) if whole else (n or 0) + len(re.findall("、", question[:m.start()])) + 1
        measure = whole.group(2) if whole else measure
    after = question[m.end(next(i + 1 for i in (2, 4, 9) if m.group(i))):]
    noun = re.match(r"[\u4e00-\u9fff]{1,6}?(?=都|是|具体|名单|分别|哪|叫|有|的|在|啊|吗|呢|呀|[，,？?\s”\"]|$)", after)
    return (n, measure, noun.group(0)[-2:] if noun else measure) if n and 2 <= n <= 60 else None


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() else cn_to_int(text, positional=False)


_CN_UNITS = "零一二三四五六七八九"


def count_forms(n: int) -> tuple[str, ...]:
    """How a report may print a count: 10, 十; 15, 十五; 4, 四; 2, 两, 二."""
    if n < 10:
        forms = (_CN_UNITS[n],) + (("两",) if n == 2 else ())
    elif n < 100:
        tens, units = divmod(n, 10)
        forms = (("" if tens == 1 else _CN_UNITS[tens]) + "十" + (_CN_UNITS[units] if units else ""),)
    else:
        forms = ()
    return (str(n), *forms)


def counted(n: int, measure: str) -> list[str]:
    """How a report may print a count of n with a measure word (11个村书记 -> 11名, 十一名, 11个…)."""
    return [f + m for f in count_forms(n) for m in SAME_MEASURE.get(measure, measure).split("|")]


def names_all(text: str, items: int, count: int) -> bool:
    """True when a sentence (with `items` lines of a name list under it) names `count` members: as many list
    lines, or count - 1 separators (、 和 及 与) between them."""
    return items >= count or len(_SEPARATOR_RE.findall(text)) >= count - 1


# a figure per unit (一亩地多少钱, 每户, 一间有多少平方): not a numeral's 一 (十一户), a word's (统一户外, 第一户, 单一户型)
# or a slogan's (一户一策, 一人一档; but 一亩一年 is per 亩 and year)
_PER_RE = re.compile(r"(?<![\d一二两三四五六七八九十百千万统单第唯同])(每|一)(亩|间|户|人)(?!一(?![年月天季]))")


def per_units(question: str) -> tuple[str, ...]:
    """The units a count question asks its figure per (一亩一年给多少流转费 -> (亩,)); () for any other question."""
    if not re.search(r"多少|(?<![哪这近前])几", question):
        return ()
    return tuple(dict.fromkeys(m.group(2) for m in _PER_RE.finditer(question)))


def unanswered(scoring: Scoring, floor: float) -> str | None:
    """Why the likely sentences do not give what the question asks, or None when they do (or it asks none of
    these): "done" (a deed asked, none of the likeliest sentences says it is done or not yet), "year" (a figure of
    a year asked, none given for it among the sentences at least `floor` likely), "rank" (no likely sentence
    prints the rank asked), "members" (the archive counts the set asked without naming it: _names_members),
    "when" (see _dated_when_asked), "rate" (a figure asked per unit, 一亩地多少钱, and no likely sentence giving a
    figure gives one per that unit), "place" (who holds a post of a place asked, 全旺镇的党委书记, and no likely
    sentence giving a post holder is of a report naming that place)."""
    ask = scoring.ask
    if ask.done is not None and not any(states_done(c.text, ask.done) for c in scoring.candidates[:DONE_SENTENCES]):
        return "done"
    if not _of_year_asked(scoring, floor):
        return "year"  # 2024年一整年的吞吐量, where the reports give 累计超3100万吨 or another year's figure
    if ask.rank is not None and not any(ask.rank.search(c.text) for c in scoring.candidates[:MEMBER_SENTENCES]):
        return "rank"  # 一等奖是谁拿的, where the reports of the contest print no winner
    if ask.members is not None and not _names_members(scoring):
        return "members"
    if not _dated_when_asked(scoring, floor):
        return "when"  # 前年年底那次述责述廉会是哪天开的, where the only such meeting is dated a year later
    if ask.per and ask.answer_re is not None and not any(
            c.features.get("shape") and per_given(c.text, ask.per) for c in scoring.candidates if c.prob >= floor):
        return "rate"  # 一亩地一年租金多少, where the likely figures are totals (规模流转土地8000余亩, 约2万元)
    if ask.post_place and not any(c.features.get("shape") and c.features.get("postplace")
                                  for c in scoring.candidates if c.prob >= floor):
        return "place"  # 全旺镇的党委书记是谁, where the likely sentences name 廿里镇's or 太真乡's
    return None


def per_given(text: str, units: Sequence[str]) -> bool:
    """True when the text gives a figure per one of the units (每亩增收4000多元, 亩均, 人均, 每户, 一间)."""
    return any(m.group(2) in units for m in _PER_RE.finditer(text)) or any(
        re.search(rf"{u}均|/{u}", text) for u in units)


def _dated_when_asked(scoring: Scoring, floor: float) -> bool:
    """For the date of an event asked in a year the question names (前年年底那次会是哪天开的, 2023年…哪天): False when
    the sentences at least `floor` likely that hold the asked event (a focus word) date it, and every day they give
    (or month) lies outside the time asked: the archive reports such an event, but at another time. True otherwise (no year
    named: a guessed year, rag.answer.ask.plan; no day given)."""
    when, ask = scoring.when, scoring.ask
    if when is None or when.vague or not when.exact_year or not ask.is_when:
        return True
    likely = [c for c in scoring.candidates if c.prob >= floor and (not ask.focus or c.features.get("focus"))]
    spans = [span for c in likely for span in direct.event_spans(c.text, c.date)]
    return not spans or any(first <= when.end and when.start <= last for first, last in spans)


def speaks_of_ahead(text: str, printed: dt.date, when: TimeRange) -> bool:
    """For a time after the archive's newest issue (TimeRange.ahead: 明年的目标, 明年项目谋划会): True when a
    sentence printed on `printed` speaks of one of the whole years it covers, else of its last year
    (speaks_of_year). (明年项目谋划会 asks from this October on, of next year's plan: next year.)"""
    first = when.start.year + (when.start != dt.date(when.start.year, 1, 1))
    years = range(first, when.end.year + 1) if first <= when.end.year else [when.end.year]
    return any(speaks_of_year(text, printed, y) for y in years)


def speaks_of_year(text: str, printed: dt.date, year: int) -> bool:
    """True when a sentence printed on `printed` speaks of `year`: names it (到2026年底) or calls it 明年 in the
    year before, 后年 two years before."""
    return re.search(rf"(?<!\d){year}年", text) is not None or (
        "明年" in text and printed.year == year - 1) or ("后年" in text and printed.year == year - 2)


def _of_year_asked(scoring: Scoring, floor: float) -> bool:
    """For a figure asked of a year (2023年的地区生产总值, 今年又引进了多少, 去年签约了多少): True when one of the
    sentences at least `floor` likely (as likely as the engine's answer takes) giving a figure of the asked shape
    gives it for that year (of_year); a span of years or another year's figure is no answer. True for any other
    question, and for a day or a month named (the date of an event, not a year's figure)."""
    when, ask = scoring.when, scoring.ask
    if (when is None or not ask.is_count or ask.answer_re is None or not when.exact_year
            or when.start.year != when.end.year or (when.end - when.start).days < YEAR_SPAN_DAYS):
        return True
    shaped = [c for c in scoring.candidates if c.prob >= floor and ask.answer_re.search(c.text)]
    return not shaped or any(of_year(c.text, c.date, when.start.year) for c in shaped)


def _names_members(scoring: Scoring) -> bool:
    """For a question asking the members of a set it counts (那10个点都是哪几个村): False when the likeliest
    sentences print that count (有10个点) and none of them names that many (as many lines of a name list under it,
    or one fewer separators in the sentence that prints the count or in one of its report that names the set's
    noun: A、B、C、D等4个村): the archive counts the set without naming it. True otherwise: for a count the asker
    made (看了哪3个地方), for a set of fewer than MEMBERS_CHECKED, and for the parts of what someone said (ASPECTS:
    五个方面, 三点要求), which a report names a sentence or a paragraph each."""
    count, measure, noun = scoring.ask.members
    likely = scoring.candidates[:MEMBER_SENTENCES]
    inferred = not count  # (then only the sentence printing the count, or a name list, may name them)
    if not count:  # 签约的都是哪几个项目: the count the likeliest report prints (会上，8个项目进行了集中签约)
        printed = [m for c in likely if c.article_id == likely[0].article_id
                   for m in re.finditer(rf"(\d+|[两二三四五六七八九十]+)(个|项|家){noun}", c.text)]
        if not printed:
            return True
        count, measure = _number(printed[0].group(1)) or 0, printed[0].group(2)
    forms = counted(count, measure)
    if count < MEMBERS_CHECKED or noun in ASPECTS or not any(f in c.text for c in likely for f in forms):
        return True  # a small set, parts of a speech (五个方面: a sentence each), a count the asker made
    counting = {c.article_id for c in likely if any(f in c.text for f in forms)}
    for c in likely:
        items = sum(x.item and x.context == c.text and x.hit_index == c.hit_index for x in scoring.candidates)
        # the sentence printing the count, or one of its report naming the set's noun (设立了4个送药点。送药点
        # 分别设在A、B、C和D村。): not a list of something else (区领导A、B、C参加)
        of_set = any(f in c.text for f in forms) or (
            not inferred and noun != measure and len(noun) == 2 and noun in c.text and c.article_id in counting)
        if items >= count or (of_set and names_all(c.text, items, count)):
            return True
    return False


# --- who a who-question asks about -----------------------------------------------------------------------

WHO_RE = re.compile(r"谁|什么名字|叫什么|哪[一几]?位(?!置)")  # (哪几位区领导: people, with their posts)
# who a who-question asks about: the name before 是哪位 / 是什么职务 / 是谁 / 是干啥的 (周松祥是哪位副区长)
_ASKED_PERSON_RE = re.compile(r"([\u4e00-\u9fff]{2,3}?)(?:同志)?(?:是|担任|任)(?:哪位|哪个|哪一位|什么|谁|干|做)")
# a leader as staff call one: surname and post (王书记, 贵区长; not 区委书记, 副区长, 新书记)
_CALLED_RE = re.compile(r"([\u4e00-\u9fff])(书记|区长|县长|市长|主任|主席|部长|局长|镇长|乡长|院长)")
_NOT_SURNAME = frozenset("委党副代常务总会院府部局队镇乡村区市县省团组新原前老现时任")
_OTHER_RE = re.compile(r"除了|除|还有|另外|另一|一起|一同|一块[儿去来走]|陪|同行|随同|跟着|跟他|和他|[和跟与]谁")
_BESIDES_RE = re.compile(r"(?:除了?|陪同?|随同)([\u4e00-\u9fff]{2,3}?)(?=[，,、以之外还一]|$)|"
                         r"([\u4e00-\u9fff]{2,3})(?=[和跟与]谁)")
_CLAUSE_RE = re.compile(r"[，,。？?！!；;]")


def _called(question: str) -> list[re.Match]:
    """The leaders a question calls by surname and post (王书记, 贵区长)."""
    return [m for m in _CALLED_RE.finditer(question) if m.group(1) in SURNAMES and m.group(1) not in _NOT_SURNAME]


def uncalled(question: str) -> str:
    """The question without the leaders it calls by surname and post (王书记去的时候谁陪着 -> " 去的时候谁陪着")."""
    for m in reversed(_called(question)):
        question = question[:m.start()] + " " + question[m.end():]
    return question


def asks_someone_else(question: str) -> bool:
    """True for a who-question about someone other than the people it names (除了毛卓战还有谁, 谁陪他去的): a
    clause that asks who also says 还有 / 陪 / 一起 (柴成刚是谁？还有别的职务吗？ asks about him)."""
    return any(WHO_RE.search(cl) and _OTHER_RE.search(cl) for cl in _CLAUSE_RE.split(question))


def people_named(question: str, words: Callable[[str], list[str]] | None = None,
                  ) -> tuple[str | None, tuple[str, ...]]:
    """(who a who-question asks about, the people it names while asking someone else); see rag.answer.question.Ask.asked_person. The
    person asked about must be a word of the question (周松祥, not 时任区 of 时任区长是谁) and no post or prize."""
    if not WHO_RE.search(question):
        return None, ()
    if asks_someone_else(question):
        called = [m.group(0) for m in _called(question)]
        return None, tuple(called + [m.group(1) or m.group(2) for m in _BESIDES_RE.finditer(question)])
    m = _ASKED_PERSON_RE.search(question)
    if not m or m.group(1)[0] not in SURNAMES or m.group(1)[-1] in "长记任奖目席员理者人" or \
            (words is not None and m.group(1) not in words(question)):
        return None, ()
    return m.group(1), ()
