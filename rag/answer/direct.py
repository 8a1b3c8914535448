"""The direct answer line that starts an answer: what was asked, in a few characters, before the cited sentences.

"王建安哪天来的？" + "12月22日上午，……王建安率队来……" (issue of 2024-12-24) -> "2024年12月22日"; "多少家企业入驻"
+ "园内已吸引25家企业入驻" -> "25家"; "区委书记是谁" + "区委书记王慧杰主持会议" -> "区委书记王慧杰". Pure: the
line is taken from the sentence (the year from the issue date when the sentence gives none), so the verifier
can check it against the same citation. Who said a sentence is read here too (speaker, speaker_of: "这话是谁说的"
answers with the speaker and the post the report prints).
"""

from __future__ import annotations

import datetime as dt
import re

from ..cite.verify import COMMON_SURNAMES
from ..index.entities.extract import extract
from ..index.entities.words import SURNAMES
from ..ingest.chunk import display_sentences
from ..text import ATTRIBUTION_RE, quoted_or_attributed

SPEAKER_HEAD = 20  # how far into a sentence its verb of speech may stand for the speaker to open it
SPEAKER_WINDOW = 10  # sentences up to the one asked about among which its speaker is looked for (speaker_of)
SPEECH_VERBS = ("表示", "指出", "强调", "说", "认为", "谈到", "坦言", "提出", "要求", "介绍", "透露", "建议")
_SPEECH = rf"({'|'.join(SPEECH_VERBS)})[，：:“]"
SPEECH_RE = re.compile(_SPEECH)
SAYS = rf"[^，。；\n]{{0,4}}?{_SPEECH}"  # after a name: what it says (廖利军表示，…; 贵丽青在会上强调，…)


_DAY_RE = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})[日号]|(?<![\d月])(\d{1,2})日")
_MONTH_RE = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(底|初|中旬|上旬|下旬)")
_YEAR_MONTH_RE = re.compile(r"((?:19|20)\d{2})年(1[0-2]|0?[1-9])月(?!\d|底|初|中旬|上旬|下旬)")  # "自2024年12月启动以来"
# a year on its own, for an event (将于2026年正式投入运营), not a year's figure or programme (2023年度, 2023年民生实事)
_YEAR_ONLY_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})年(?![度\d]|(?:1[0-2]|0?[1-9])月)")
# a month of a year the report names by its distance (已于今年6月完工, 去年12月启动)
_RELATIVE_MONTH_RE = re.compile(r"(今年|去年|前年)(1[0-2]|0?[1-9])月(?!\d|底|初|中旬|上旬|下旬)")
_YEARS_BACK = {"今年": 0, "去年": 1, "前年": 2}
_PLAN_RE = re.compile(r"预计|计划|将于|将在|力争|争取|确保|有望|拟")
# posts as the paper prints them before a name, longest first (区委副书记 before 区委书记 before 书记)
POSTS = ("区委副书记、代区长", "区委副书记、区长", "市委常委、区委书记", "区委书记", "区委副书记", "代区长", "常务副区长",
         "副区长", "区长", "区人大常委会主任", "人大常委会主任", "区政协主席", "政协主席", "区人大常委会副主任",
         "区政协副主席", "区委常委", "党委书记", "院士", "院长", "局长", "镇长", "乡长", "镇党委书记", "村党支部书记",
         "书记", "主任", "主席", "总经理", "董事长", "校长", "区领导",  # 区领导谢剑利参加: who went along
         "副镇长", "副乡长", "副局长", "副院长", "副主任", "副主席", "副校长")  # (a deputy is no 镇长)
_POST_NAME_RE = re.compile("(" + "|".join(sorted(map(re.escape, POSTS), key=len, reverse=True)) + r")"
                           r"([\u4e00-\u9fff]{2,3})")


_AFTER_NAME = "主持出席参加带调率在到来等和、代作讲指说表要强提"
# one more name of a list after a post and its first name (、毛晓荣 before 参加, 、 or 等)
_LISTED_NAME_RE = re.compile(r"、([\u4e00-\u9fff]{2,3}?)(?=[、，。等参出主陪应到]|$)")
_VERBS = frozenset("主持 出席 参加 带队 调研 率队 指出 强调 表示 讲话 代表 作报 要求 介绍 一行".split())


def event_date(match: re.Match, issue_date: dt.date) -> dt.date | None:
    """The full date of a day match: its own year, else the issue's year (the year before for a December event
    printed in a January issue). None when the numbers are no date."""
    year, month, day, bare_day = match.groups()
    if bare_day:  # "18日": the issue's month, or the month before when that day is still to come
        month, day = issue_date.month, int(bare_day)
        ref = issue_date.replace(day=1) - dt.timedelta(days=1) if day > issue_date.day else issue_date
        year, month = ref.year, ref.month
    month, day = int(month), int(day)
    if not year:
        year = issue_date.year if month <= issue_date.month else issue_date.year - 1
    try:
        return dt.date(int(year), month, day)
    except ValueError:
        return None


def event_spans(sentence: str, issue_date: dt.date) -> list[tuple[dt.date, dt.date]]:
    """The times a sentence gives, each as (first day, last day) with its year: days (12月19日, 18日: see
    event_date) and months (自2024年12月启动, 今年3月, 5月底; a month without a year is the issue's, or the year
    before's when it is still to come)."""
    spans = [(d, d) for m in _DAY_RE.finditer(sentence) if (d := event_date(m, issue_date)) is not None]
    months = [(int(m.group(1) or 0), int(m.group(2))) for m in _MONTH_RE.finditer(sentence)]
    months += [(int(m.group(1)), int(m.group(2))) for m in _YEAR_MONTH_RE.finditer(sentence)]
    months += [(issue_date.year - _YEARS_BACK[m.group(1)], int(m.group(2))) for m in _RELATIVE_MONTH_RE.finditer(sentence)]
    for year, month in months:
        if not 1 <= month <= 12:
            continue
        year = year or (issue_date.year if month <= issue_date.month + 1 else issue_date.year - 1)
        first = dt.date(year, month, 1)
        spans.append((first, (first + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1)))
    return spans


def cn_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


YEAR_EVENT_CHARS = 6  # a bare year's event follows it closely: "于2026年正式投入运营"


def date_line(sentence: str, issue_date: dt.date, wanted: str | None = None, near: tuple[str, ...] = ()) -> str | None:
    """The date a sentence gives for an event, with its year: "2024年12月22日", "2025年5月底" or "2024年12月";
    None when it gives none. `wanted` ("12月22日"), when the question names a day, picks that one; else, when the
    sentence gives several, the one nearest a word of `near` (the asked event: 启动 in "自2024年12月启动以来，…于4月
    21日顺利封顶"), else the first day."""
    found: list[tuple[re.Match, str, str | None]] = []  # (match, as shown, the day as "12月22日")
    for m in _DAY_RE.finditer(sentence):
        d = event_date(m, issue_date)
        if d is not None:
            found.append((m, cn_date(d), f"{d.month}月{d.day}日"))
    for m in _MONTH_RE.finditer(sentence):
        month = int(m.group(2))
        if _PLAN_RE.search(sentence[max(0, m.start() - 8):m.start()]):  # 预计10月底完成封顶: the coming one
            year = m.group(1) or (issue_date.year if month >= issue_date.month else issue_date.year + 1)
        else:
            year = m.group(1) or (issue_date.year if month <= issue_date.month + 1 else issue_date.year - 1)
        found.append((m, f"{year}年{month}月{m.group(3)}", None))
    for m in _YEAR_MONTH_RE.finditer(sentence):
        found.append((m, f"{m.group(1)}年{int(m.group(2))}月", None))
    for m in _RELATIVE_MONTH_RE.finditer(sentence):
        found.append((m, f"{issue_date.year - _YEARS_BACK[m.group(1)]}年{int(m.group(2))}月", None))
    # a bare year counts only where a word of the asked event stands by it (将于2026年正式投入运营 for 投入运营)
    found += [(m, f"{m.group(1)}年", None) for m in _YEAR_ONLY_RE.finditer(sentence)
              if near and any(w in sentence[m.end():m.end() + YEAR_EVENT_CHARS] for w in near)]
    if not found:
        return None
    if wanted:
        found = [f for f in found if f[2] == wanted] or found
    anchors = [m.start() for w in near for m in re.finditer(re.escape(w), sentence)]
    if anchors and len(found) > 1:
        return min(found, key=lambda f: min(min(abs(f[0].end() - a), abs(f[0].start() - a)) for a in anchors))[1]
    return min(found, key=lambda f: (f[2] is None, f[0].start()))[1]


# a figure as printed: its number, an approximation (余/多), a magnitude and a unit ("3.8亿元", "1200万吨", "90%以上")
_QUANTITY_RE = re.compile(r"\d+(?:\.\d+)?(?:余|多)?(?:[万亿千百]?(?:人次|平方米|立方米|公里|千米|公斤|万方|分钟|小时|个月|美元|周年|[元人名个项家座所条间户吨"
                          r"亩米次批套台辆天年倍件场处份位期届栋只方%％])|[万亿])?(?:以上|左右)?")


def span_line(sentence: str, pattern: re.Pattern, near: tuple[str, ...] = (), latest: bool = True,
              stated: str = "", counted: tuple[str, ...] = ()) -> str | None:
    """The match of `pattern` in the sentence (a number with its unit, a village): the one closest to a word of
    `near` (the question's focus words) when there are several, or every one that such a word names ("正常库容84
    万方，总库容109万方"). A match inside a figure ("\\d" for 多少) gives the whole figure ("3.8亿元"), never a
    lone digit; an ordinal (第二十四次) none, nor a year (2023年度…轮训班 is no count of 书记) nor a number the
    question itself states (`stated`: 多少65岁以上的老人 is answered by 4308位, not 65). Of several, one that counts
    a word of `counted` (the question's topic words) comes first: 覆盖多少个乡镇街道 -> "22个乡镇（街道办事处）、286个
    行政村全覆盖" gives 22个. `latest`: of a figure that moved, where it went (突破至50多万元) rather than the
    nearest; the figure keeps the word that qualifies it (近百人, 超45亿元)."""
    figures = list(_QUANTITY_RE.finditer(sentence))
    found = []
    for m in pattern.finditer(sentence):
        whole = next((f for f in figures if f.start() <= m.start() < f.end() and f.end() >= m.end()
                      and f.end() - f.start() > m.end() - m.start()), None)
        found.append(whole or m)
    given = set(_NUMBER_RE.findall(stated))
    # an ordinal names which one, not how many (第二十四次会议 is no count of aspects)
    found = [m for m in {m.span(): m for m in found}.values() if not sentence[:m.start()].endswith("第")
             and not _YEAR_RE.fullmatch(m.group(0)) and not given & set(_NUMBER_RE.findall(m.group(0)))]
    if not found:
        return None
    named = _named_figures(sentence, found, near)
    if len(named) > 1:  # "正常库容84万方，总库容109万方": every figure the asked thing names
        return "，".join(name + _qualified(sentence, m) for name, m in named)
    if named:  # the figure the asked thing names ("货物吞吐量累计超3100万吨"), not one nearer to it
        return _qualified(sentence, named[0][1])
    anchors = [a.start() for w in near if w for a in re.finditer(re.escape(w), sentence)]  # (each place it stands)
    if anchors and len(found) > 1:
        found.sort(key=lambda m: min(abs(m.start() - a) for a in anchors))
    if latest:  # a figure that moved (收入从不到4万元突破至50多万元): where it stands now, not where it started
        found.sort(key=lambda m: not _MOVED_TO_RE.search(sentence[max(0, m.start() - 6):m.start()]))
    if counted:  # what the figure counts, right after it, is what the question names
        found.sort(key=lambda m: not any(w in sentence[m.end():m.end() + COUNTED_CHARS] for w in counted))
    return _qualified(sentence, found[0])


_NUMBER_RE = re.compile(r"\d+(?:\.\d+)?")
# a year as printed (2023年, 2024年度): a date, never a count
_YEAR_RE = re.compile(r"(19|20)\d\d年度?")
# what says a figure is where a change took it (突破至50多万元, 增加到, 提升到)
_MOVED_TO_RE = re.compile(r"(突破|增|增加|增长|提升|提高|上升|跃升|扩大|降|下降|减少|减)(至|到)$")
# what a report says of a figure's precision or bound, which the answer keeps (近百人, 超45亿元, 约2000人, 不到4万元)
_QUALIFIER_RE = re.compile(r"(将近|接近|大约|不到|不足|超过|多达|近|约|超|逾)$")


def _qualified(sentence: str, m: re.Match) -> str:
    """A figure as the report qualifies it: 近百人, not 百人; 超45亿元, not 45亿元."""
    q = _QUALIFIER_RE.search(sentence[max(0, m.start() - 2):m.start()])
    return (q.group(0) if q else "") + m.group(0)


COUNTED_CHARS = 6  # what a figure counts stands right after it: "22个乡镇", "4308位65岁以上老人"
LABEL_CHARS = 8  # a figure's name stands right before it: "总库容109万方", "货物吞吐量累计超3100万吨"


def _named_figures(sentence: str, found: list[re.Match], near: tuple[str, ...]) -> list[tuple[str, re.Match]]:
    """(name, figure) for each figure that a word of `near` names: it stands in the few characters before the
    figure within its clause ("水库正常库容" 84万方, "总库容" 109万方 for 库容); in sentence order."""
    out, done = [], 0
    for m in sorted(found, key=lambda m: m.start()):
        start = max(done, *(sentence.rfind(p, 0, m.start()) + 1 for p in "，,。；;：:、（("))
        name = sentence[start:m.start()]
        if len(name) <= LABEL_CHARS and any(w in name for w in near):
            out.append((name, m))
        done = m.end()
    return out


def people(sentence: str, post: str | None = None) -> list[tuple[str, str]]:
    """(post, name) pairs printed as post+name ("区委书记王慧杰"); with `post`, only those whose post ends in it."""
    out = []
    for m in _POST_NAME_RE.finditer(sentence):
        name = m.group(2)
        if len(name) == 3 and name[2] in _AFTER_NAME:
            name = name[:2]
        # a post anchors the name, so a rare surname (贵丽青) counts; a verb right after the post is no name, nor
        # is a word that starts with no surname at all (书记分两批, 书记轮训班)
        if name[0] not in COMMON_SURNAMES and (len(name) < 3 or name[0] in _AFTER_NAME or name[:2] in _VERBS
                                               or name[0] not in SURNAMES):
            continue
        if post is None or m.group(1).endswith(post) or post.endswith(m.group(1)):
            out.append((m.group(1), name))
            # the names listed after it under the same post (区领导林蕙、毛晓荣参加: 毛晓荣 too)
            rest = sentence[m.start(2) + len(name):]
            while more := _LISTED_NAME_RE.match(rest):
                if more.group(1)[0] not in SURNAMES:
                    break
                out.append((m.group(1), more.group(1)))
                rest = rest[more.end(1):]
    return out


def speaker(sentence: str) -> str | None:
    """Who a sentence reports as speaking, when it opens with a name and a verb of speech (廖利军表示，…); None
    for any other sentence, or one opening with a pronoun (他说，…)."""
    m = re.match(rf"([\u4e00-\u9fff]{{2,3}}){SAYS}", sentence)
    return m.group(1) if m and m.group(1)[0] in SURNAMES else None


def speaker_of(sentence: str, chunk: str, title: str) -> list[tuple[str, str]]:
    """Who said a sentence of a chunk (这话是谁说的), with the post the report prints them with: for a quotation,
    the one the line after it names (“我们基本拎包入驻…”衢江联恒企业管理服务有限公司员工翁文通说。); else the speaker of
    the nearest sentence up to it in its chunk that opens with a name and a verb of speech (贵丽青强调，… before
    要强化组织保障，…“服务围着项目转”), within SPEAKER_WINDOW sentences and not past another's quotation; []
    when none does."""
    texts = [t for _, t, _ in display_sentences(chunk)]
    if sentence not in texts:
        return []
    at = texts.index(sentence)
    posted = people(f"{title}\n{chunk}")

    def with_post(name: str) -> list[tuple[str, str]]:
        return [(next((post for post, n in posted if n == name), ""), name)]
    after = texts[at + 1] if at + 1 < len(texts) else ""
    if ATTRIBUTION_RE.match(after):  # a quotation's speaker is named after it
        named = [f.text for f in extract(after) if f.kind == "person"]
        return with_post(named[-1]) if named else []
    for i in range(at, max(-1, at - SPEAKER_WINDOW), -1):  # (她指出，…: she is the one named before)
        text = texts[i]
        if i < at and quoted_or_attributed(text):
            break  # another's quotation: whoever spoke before it did not say this
        if name := speaker(text):
            return with_post(name)
        if i == at and (subject := opening_person(text)):
            return with_post(subject)  # 贵丽青代表…表示衷心感谢: its subject, not the speaker before it
        said = SPEECH_RE.search(text)
        if said and said.start() <= SPEAKER_HEAD and (named := people(text[:said.start()])):
            return named[-1:]  # 区委书记贵丽青在会上强调，…
        if i > 0 and _PRONOUN_SAYS_RE.match(text) and (subject := opening_person(texts[i - 1])):
            return with_post(subject)  # 王建安代表浙大二院…表示肯定。他表示，…: he is the one the sentence before opens with
    return []


_PRONOUN_SAYS_RE = re.compile(rf"[他她]{SAYS}")


# a name that opens a sentence as its subject, before the word that follows a subject (王建安代表…, 徐芳在…)
_SUBJECT_RE = re.compile(r"([\u4e00-\u9fff]{3})(?=代表|在|对|向|与|和|也|还|就|率队|一行|充分|高度|详细|认真)")
_NOT_NAME_END = frozenset("员委区局部们者家人长记任会村镇乡市县厂站所院队组办司")


def opening_person(sentence: str) -> str | None:
    """The person a sentence opens with, its subject (王建安代表浙大二院…), or None: one the entity extractor
    finds there, or a surname-led three-character name before a word that follows a subject (not 党员在一线)."""
    found = next((f.text for f in extract(sentence) if f.kind == "person" and f.start == 0), None)
    m = _SUBJECT_RE.match(sentence)
    return found or (m.group(1) if m and m.group(1)[0] in SURNAMES and m.group(1)[-1] not in _NOT_NAME_END
                     else None)


# what an organisation's or a place's name ends with, when a paragraph opens with it as its subject
_UNIT_END_RE = re.compile(r"(中心|院|公司|企业|基地|园区|学校|中学|小学|村|镇|乡|街道|社区|局|站|馆|厂)$")


def _opening_unit(paragraph: str) -> str | None:
    """The organisation or place a paragraph opens with as its subject (樟潭街道社区卫生服务中心位于…), or None."""
    found = next((f.text for f in extract(paragraph[:40]) if f.start == 0 and f.kind in ("org", "place")), None)
    return found if found and _UNIT_END_RE.search(found) else None


def paragraph_subjects(chunk: str) -> list[str]:
    """The organisations or places the paragraphs of a chunk open with as their subject (樟潭街道社区卫生服务中心位于…,
    后溪镇卫生院作为…): how a report of several winners gives each its paragraph. In order, each once."""
    return list(dict.fromkeys(u for paragraph in chunk.split("\n") if (u := _opening_unit(paragraph))))


def subject_of(chunk: str, sentence: str) -> str | None:
    """Whose paragraph of a chunk a sentence is in: the subject of the last paragraph up to it that opens with one
    (see paragraph_subjects), or None (not found, or no such paragraph before it)."""
    at = chunk.find(sentence)
    if at < 0:
        return None
    return next((u for paragraph in reversed(chunk[:at + 1].split("\n")) if (u := _opening_unit(paragraph))), None)
