"""What a question about a person, a place or a post asks of the entity index (pure).

- 王慧杰是谁 / 王慧杰是什么职务 -> who (the latest post printed with the name)
- 贵丽青的职务是怎么变的 / 贵丽青担任过哪些职务 -> posts (oldest first)
- 王慧杰调研了哪些地方 / 去过哪些地方 -> places
- 王慧杰参加了哪些活动 / 做了哪些事 -> deeds
- 廿里镇发生过什么 / 白水村有哪些新闻 -> events
- anything else about a name (峡川镇的民宿有多少家, 王慧杰强调了什么) -> None: a search answers that
- 区委书记是谁 / 现任区长是谁 -> holder (the post, no name: the latest report first)
- 总第3684期是哪天的报纸 -> issue_asked gives the number (the catalog knows each issue's number and date)
- 这几期的评论都是谁写的 -> commentary_asked (the catalog lists the commentary with its signatures)

The caller says which pieces of the question are names the index holds (``candidates`` gives the pieces to ask
about), so this module needs no store.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..index.entities.words import HOME
from .question import ISSUE_NUMBER_RE, normalise
from .readings import asks_someone_else

_HAN_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")
_POSTS = re.compile(r"怎么变|如何变|变没变|变了没有?|变了吗|有没有变|变化|变动|历任|先后担任|担任过|当过|升任|调任|哪些职务|哪些职位|任职经历|职务变|干过什么职")
_WHO = re.compile(r"是谁|是什么人|什么职务|什么身份|哪位|是干什么的|是做什么的|现任什么|什么官|"
                  r"(?:^|\s)(?:职务|职位|身份)[？?]?(?:\s|$)")  # a keyword of its own: 柴成刚 湖南镇 职务
_PLACES = re.compile(r"去过|到过|去了|走访|调研|视察|考察|察看|看望|慰问|哪些地方|哪些村|哪些乡镇|哪些企业|哪里|什么地方")
_DEEDS = re.compile(r"做了|干了|做过|干过|参加|参与|出席|主持了|活动|哪些事|什么事|哪些工作|什么工作|行程|动态|报道|新闻|"
                    r"(哪些|什么|哪几个)会议?|"
                    r"讲了什么|说了什么|强调了哪些|有哪些|露过?.{0,3}?面")  # 在报上露过几回面: each appearance
_WHO_OR_DEEDS = re.compile(f"{_WHO.pattern}|{_DEEDS.pattern}")  # 以什么身份参加了哪些会: both asked
_EVENTS = re.compile(r"发生|什么事|哪些事|新闻|报道|动态|情况|怎么样|近况|有什么|有哪些|做了什么|干了什么|活动|变化|发展")
_HOLDER = re.compile(r"(?:现任|目前|现在|当前|最新|如今)?的?([\u4e00-\u9fff、]{0,16}?(?:书记|区长|县长|市长|镇长|乡长|主任|"
                     r"局长|部长|主席|院长|校长|会长|组长|委员|常委))(?:是谁|是哪位|由谁担任|叫什么|是什么人)")
_KEYWORD_POST = re.compile(r"(?:衢江区\s+|衢江|本区|区里)?\s*((?:现任|目前|现在|最新)?\s*[\u4e00-\u9fff、]{0,12}?(?:书记|区长|县长|市长|"
                           r"镇长|乡长|主任|局长|部长|主席|院长|校长))")
_KIND_ORDER = {"person": 0, "place": 1, "org": 2}


# what a question may hold besides the name and the cue and still ask about the name as a whole
_FILLER = re.compile(r"[的了过都在是有吗呢么么啊呀吧曾也又还跟和与及等以]|哪些|哪几|什么|最近|近期|这几期里?|几期里?|报道里|报纸上|"
                     r"上报纸|报纸|有没有|因为|几年|"
                     r"上过|登过|上了|见报|出现|咱们?|报上|几[回次]|去|"
                     r"报纸里|档案里|现在|目前|如今|一下|主要|具体|分别|都有|一共|衢江区?|区里|时候|当时|那时|"
                     r"\d+年|\d+月(?!\d)[底初]?|[那这]一?期|年底|年初|今年|去年|职务|职位|身份|岗位|样|前后|先后|啥")
_POST_PREFIX = re.compile(r"^(?:\d*年[底初中]?|今年|去年|前年)?的?(?:时候|当时|那时)?(?:现任|目前|现在|当前|如今|最新)?的?"
                          r"(?:衢江区(?=的)|衢江|本区)?的?")


@dataclass(frozen=True)
class EntityQuestion:
    asks: str  # who | posts | places | deeds | events | holder
    name: str | None
    kind: str | None
    post: str | None = None

    @property
    def answers_whole(self) -> bool:
        """True when the index's facts are the answer itself: who holds a post, who someone is, how their post
        changed (a list of places or deeds is that only for a question that asks nothing more specific)."""
        return self.asks in ("who", "holder", "posts")


def is_general(question: str, name: str, cue: re.Pattern) -> bool:
    """True when the question asks about the name as a whole (王慧杰调研了哪些地方), not about one thing the
    name did (王慧杰调研高质量发展工作去了哪些地方): nothing but the name, the cue and fillers."""
    rest = cue.sub(" ", question.replace(name, " "))
    rest = _FILLER.sub(" ", rest)
    return len(re.findall(r"[\u4e00-\u9fff]", rest)) <= 1




_COMMENTARY = re.compile(r"评论|短评|时评|社论|编者按|开栏语")
# who wrote the commentary, or which pieces there are (哪些评论, 评论有哪些, 几篇): not what one piece says (柏雷那篇评论
# 举了哪些地方当例子)
_PIECE = r"(评论员文章|评论|短评|时评|社论|编者按|开栏语)"
_WRITER = re.compile(rf"谁写|谁的|作者|署名|笔名|是谁|哪些人|哪几位|几篇|多少篇|(哪些|哪几|什么)[^，,。？?]{{0,2}}{_PIECE}|"
                     rf"{_PIECE}[^，,。？?]{{0,2}}(有哪些|有什么|哪些)")


_AFTER_A_NAME = set("是的了在和与说等为对向把被从到也都还就又去来讲")


def misspelt_names(question: str, known: Mapping[str, str], surnames: set[str]) -> list[str]:
    """Three-character pieces of the question that read as a person's name the index does not hold (a surname
    first, no word that follows names last, no known name inside): where an input-method typo may stand."""
    out = []
    for piece in candidates(question, longest=3):
        if (len(piece) == 3 and piece[0] in surnames and piece[2] not in _AFTER_A_NAME and piece not in known
                and not any(n in piece for n in known)):
            out.append(piece)
    return out


def pieces_named(question: str, titles: Sequence[str]) -> list[int]:
    """The indexes of the titles a question about commentary names by their words (后浪拍岸那篇评论是谁写的 ->
    《后浪拍岸 满城新景》; 魏国人才那篇短评 -> 《短评：春秋战国时期，魏国曾一度依靠人才…》): those sharing the most
    two-character pieces of the question, at least two; [] when it names none (这几期的评论都是谁写的)."""
    rest = _WRITER.sub("", _COMMENTARY.sub("", question))
    pairs = {run[i:i + 2] for run in re.findall(r"[\u4e00-\u9fff]{2,}", rest) for i in range(len(run) - 1)}
    shared = [sum(p in t for p in pairs) for t in titles]
    best = max(shared, default=0)
    return [i for i, n in enumerate(shared) if n == best] if best >= 2 else []


def commentary_asked(question: str) -> bool:
    """True for a question about the paper's commentary as such (这几期的评论都是谁写的, 评论 署名 作者): the
    catalog lists the pieces with their signatures."""
    return bool(_COMMENTARY.search(question) and _WRITER.search(question))


# what a question asks of an issue itself (its date, what it carried); other words ask about something printed in it
_OF_ISSUE_RE = re.compile(r"哪天|哪一天|几号|日期|时间|出版|出的|(星期|礼拜|周)[几天日]|农历|登了|刊了|刊登|登过|有哪些|有什么|都有|啥内容|内容|头版|几版|"
                          r"文章|报道|新闻|稿子|目录")


def issue_asked(question: str) -> str | None:
    """The issue number a question names when it asks about that issue (总第3684期是哪天的报纸, 总第3684期 登了哪些
    文章 -> "3684"); None without one, or when it asks about something printed in it (总第3684期 亚运会 倒计时 天数:
    a search)."""
    m = ISSUE_NUMBER_RE.search(question)
    if not m:
        return None
    # what is left once the issue, what is asked of an issue and fillers are gone: a topic (总第3684期里区委全会是
    # 哪天开的: 区委全会开) makes it a search
    rest = _OF_ISSUE_RE.sub("", ISSUE_NUMBER_RE.sub("", question).replace("今日衢江", ""))
    rest = re.sub(r"[是的那这期报纸里上都了吗呢啊呀吧啥么什么哪些个一张版份]", "", rest)
    return None if re.search(r"[\u4e00-\u9fff]{2}", rest) else (m.group(1) or m.group(2))


def candidates(question: str, longest: int = 12) -> list[str]:
    """Every piece of the question's Chinese runs (2 to ``longest`` characters) that could be a name."""
    out: dict[str, None] = {}
    for run in _HAN_RUN.findall(question):
        for n in range(2, min(longest, len(run)) + 1):
            for i in range(len(run) - n + 1):
                out[run[i:i + n]] = None
    return list(out)


def read(question: str, names: Mapping[str, str]) -> EntityQuestion | None:
    """What the question asks, given ``names``: the pieces of it the index knows, with their kind. None when
    it is about no known name and asks for no post's holder. Read in written form (啥 = 什么, 干啥的 = 是什么职务:
    rag.answer.question.normalise)."""
    question = normalise(question)
    found = sorted(names.items(), key=lambda kv: (-len(kv[0]), _KIND_ORDER.get(kv[1], 3), question.find(kv[0])))
    # a name inside a longer known name is not asked about (廿里 in 廿里镇)
    chosen = next(((n, k) for n, k in found if not any(n != m and n in m for m, _ in found)), None)
    holder = _HOLDER.search(question) or _KEYWORD_POST.fullmatch(question.strip())  # 衢江 区委书记: keywords only
    if chosen is None or (holder and chosen[1] != "person"):
        if holder:
            post = _POST_PREFIX.sub("", holder.group(1)).replace("的", "")
            return EntityQuestion("holder", None, None, post or holder.group(1))
        if chosen is None:
            return None
    name, kind = chosen
    rest = question.replace(name, " ")
    if kind != "person" and name in HOME:
        return None  # 衢江 会议 活动: every story happens there; a search answers it
    if kind != "person":
        return EntityQuestion("events", name, kind) if _EVENTS.search(rest) and is_general(question, name, _EVENTS) \
            else None
    for asks, cue in (("posts", _POSTS), ("who", _WHO), ("places", _PLACES), ("deeds", _DEEDS)):
        if asks == "who" and asks_someone_else(question):
            continue  # 除了毛卓战还有哪位: not who 毛卓战 is
        if asks == "who" and cue.search(rest) and _DEEDS.search(rest) and is_general(question, name, _WHO_OR_DEEDS):
            return EntityQuestion("deeds", name, kind)  # 以什么身份参加了哪些会: each report, which prints the post
        if cue.search(rest) and (asks == "who" or is_general(question, name, cue)):
            return EntityQuestion(asks, name, kind)
    return None  # a question about something the person said or did, not a list: the search answers it
