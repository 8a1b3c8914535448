"""Follow-up questions without an LLM: every rule of how a question relates to the chat before it.

"那他后来呢？" after "王建安是哪天来衢州分院的？" is searched as "王建安 衢州分院 那他后来呢？". A question is
elliptical when it points back (他, 这个会议, 那次, 其中, 还有呢) or names nothing itself; it then inherits the
content words of the last question and the names of the last answer's first sentence (`rewrite`, and the carried
terms the extractive engine weighs), and the time range of the last question (`time_range`). A question that
names nothing but does not point back is asked as it stands first (`readings`). An LLM engine rewrites follow-ups
with its own prompt; the time range and the readings are the same for every engine.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence

from ..cite.citations import MARKER_RE
from ..cite.verify import COMMON_SURNAMES, join_split_names
from ..text import split_sentences
from .question import QUESTION_WORDS
from .timeparse import TimeRange, parse_time

_ANAPHORA_RE = re.compile(r"^(那|那么|还有|另外|此外|然后)|[他她它]们?|其[中他余]|^其|该|这[个次项些位家]|那[个次项些位家]|"
                          r"此[次项事人]|后来|上述|前面|刚才|^(会上|会前|会后|会议上|当天|那天|当时|现场)")  # (会上公布了啥: at that meeting)
_FILLER = frozenset("呢 吗 吧 啊 后来 还有 那么 那 这 的 了 和 与 及".split())
MAX_CARRIED = 6


# a follow-up about the very event of the last turn (那次座谈还有哪些区领导参加, 会上还说了啥, 当天还去了哪)
_SAME_EVENT_RE = re.compile(r"[这那](次|个会|场|天)|^(会上|会前|会后|会议上|当天|当时|现场)")


def same_event(question: str) -> bool:
    """True when a follow-up asks more of the event of the last turn (那次座谈…, 会上…, 当天…)."""
    return bool(_SAME_EVENT_RE.search(question))


def points_back(question: str) -> bool:
    """True when the question refers back to the conversation (他, 其中, 这个会议, 那次, 后来 ...)."""
    return bool(_ANAPHORA_RE.search(question))


def is_elliptical(question: str, names: Iterable[str]) -> bool:
    """True when the question refers back to the conversation or names no person, place or organisation.

    A question that only names nothing ("区图书馆夜读活动什么时候开始？": jieba tags no name in it) may still
    stand alone: it is asked as it stands first and carries the last turn only when that is refused (see
    `readings`)."""
    return points_back(question) or not list(names)


def read_as(fixes: Sequence[tuple[str, str]]) -> str:
    """The line an answer opens with when names were read as the archive prints them: （“柴成钢”按档案中的“柴成刚”查找。）
    for each (as typed, as printed); "" for none. A follow-up reads the answer without it (carried_terms)."""
    return "".join(f"（“{typed}”按档案中的“{meant}”查找。）" for typed, meant in fixes)


_READ_AS_RE = re.compile(r"^(（“[^”]+”按档案中的“[^”]+”查找。）)+\n?")


def carried_terms(history: Sequence[tuple[str, str]], words: Callable[[str], list[str]],
                  names: Callable[[str], list[str]]) -> list[str]:
    """What the last turn was about: the names in its answer's first sentence (he who was asked about may only
    be named there; person-like names first), then its question's content words. At most MAX_CARRIED terms."""
    if not history:
        return []
    last_q, last_a = history[-1]
    terms = [w for w in words(last_q) if len(w) >= 2 and w not in QUESTION_WORDS and w not in _FILLER]
    first = split_sentences(MARKER_RE.sub("", _READ_AS_RE.sub("", last_a or "")))
    named: list[str] = []
    if first and not first[0].startswith("档案中没有找到"):
        # jieba's tagger misses some names in running text; a surname-led 3-character word is one too
        guessed = [w for w in join_split_names(words(first[0])) if len(w) == 3 and w[0] in COMMON_SURNAMES]
        named = [n for n in dict.fromkeys([*guessed, *names(first[0])]) if n not in QUESTION_WORDS]
        terms = named[:3] + terms
    if len(history) > 1 and points_back(last_q) and not names(last_q) and not any(
            2 <= len(n) <= 3 and n[0] in COMMON_SURNAMES for n in named):
        # a follow-up of a follow-up (他还说了啥 after 他还说了什么, whose answer opens 他表示，…): whom that one
        # carried, from the turn before it, first
        terms = carried_terms(history[:-1], words, names) + terms
    return list(dict.fromkeys(terms))[:MAX_CARRIED]


def carried(question: str, history: Sequence[tuple[str, str]], words: Callable[[str], list[str]],
            names: Callable[[str], list[str]]) -> list[str]:
    """The terms of the last turn (`carried_terms`) that this question carries: none when it stands alone or there
    is no history."""
    return carried_terms(history, words, names) if carries_over(question, history, names) else []


def rewrite(question: str, history: Sequence[tuple[str, str]], words: Callable[[str], list[str]],
            names: Callable[[str], list[str]]) -> str:
    """The question to search: unchanged when it stands alone or there is no history, else prefixed with the
    carried terms it does not already contain."""
    extra = [t for t in carried(question, history, words, names) if t not in question]
    return f"{' '.join(extra)} {question}" if extra else question


def carries_over(question: str, history: Sequence[tuple[str, str]], names: Callable[[str], list[str]]) -> bool:
    """True when the last turn's time range should apply to this question (elliptical, with history)."""
    return bool(history) and is_elliptical(question, names(question))


def time_range(question: str, history: Sequence[tuple[str, str]], today: dt.date,
               names: Callable[[str], list[str]]) -> TimeRange | None:
    """The time the question asks about (relative to `today`); an elliptical follow-up that names none asks about
    the time of the last question. None when neither names a time."""
    found = parse_time(question, today)
    if found is None and carries_over(question, history, names):
        found = parse_time(history[-1][0], today)
    return found


def readings(question: str, history: Sequence[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    """The histories to answer the question with, in order (each but the last counts only when its answer is no
    refusal). A question that names nothing but does not point back either may be a new topic
    ("区图书馆夜读活动什么时候开始？" after a question about 全旺镇): carrying the last turn's words into it was
    seen to refuse or mislead. It is asked as it stands first, and read as a follow-up only when that fails."""
    history = list(history)
    if history and not points_back(question) and not bare(question):
        return [[], history]
    return [history]


# what asks and fills, the rest of a question being what it is about
_ASKING_FILL_RE = re.compile(r"谁|什么|啥|哪[里儿个些位天年]?|几|多少|怎么|是|的|了|吗|呢|啊|呀|吧|还|都|有|叫|来着|[？?！!，,。\s]")
BARE_CHARS = 3  # 谁主持的 -> 主持: a verb alone names nothing to ask about afresh


def bare(question: str) -> bool:
    """True when a question is about nothing but what it asks (谁主持的, 什么时候开的): it can only be a follow-up,
    never a new topic asked as it stands."""
    return len(_ASKING_FILL_RE.sub("", question)) <= BARE_CHARS
