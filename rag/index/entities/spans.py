"""What the extractor's readers share (pure): the Found span and the Lexicon, Chinese characters, and where a
name may start: at punctuation, the start of the text, the end of another entity, or after a word printed before
names (来到, 调研, 在 ...), and how far back over Han characters it may reach."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .words import BOUNDARY_WORDS, FOLLOW, GAZETTEER, POST_HEADS, TOWNS

KINDS = ("person", "place", "org")


@dataclass(frozen=True)
class Lexicon:
    """Names the archive knows, by kind: learned from earlier extractions and the user dictionary."""

    persons: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()
    orgs: frozenset[str] = frozenset()

    def __or__(self, other: Lexicon) -> Lexicon:
        return Lexicon(self.persons | other.persons, self.places | other.places, self.orgs | other.orgs)


EMPTY = Lexicon()


@dataclass(frozen=True)
class Found:
    """One entity mention in a text: ``text`` without whitespace, [start, end) in the text given."""

    text: str
    kind: str  # person | place | org
    start: int
    end: int
    post: str | None = None  # people: the title printed before the name (区委副书记、区长)
    role: str | None = None  # people: subject | reporter | author
    how: str = ""  # what found it: post, leader, list, byline, credit, signature, title, speech, known, suffix, ...


# --- characters and boundaries --------------------------------------------------------------------------------

def han(c: str) -> bool:
    """A Han character (CJK unified ideographs and extension A)."""
    return "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf"


BOUNDARY_SET = frozenset(BOUNDARY_WORDS)
WEAK_BOUNDARY = frozenset(w for w in BOUNDARY_WORDS if len(w) == 1)
FOLLOW_SET = frozenset(FOLLOW)
POST_HEAD_SET = frozenset(POST_HEADS)
MAX_WORD = 4


def word_ends_at(text: str, p: int, words: frozenset[str], longest: int = MAX_WORD) -> str | None:
    """The longest of ``words`` that ends at position p (text[p-len:p]), or None."""
    for n in range(min(longest, p), 0, -1):
        if text[p - n:p] in words:
            return text[p - n:p]
    return None


def word_starts_at(text: str, p: int, words: frozenset[str], longest: int = MAX_WORD) -> str | None:
    """The longest of ``words`` that starts at position p, or None."""
    for n in range(min(longest, len(text) - p), 0, -1):
        if text[p:p + n] in words:
            return text[p:p + n]
    return None


# where the name before a suffix cannot reach back over: the words printed before names, and verbs
SCAN_STOPS = frozenset(w for w in BOUNDARY_WORDS if len(w) > 1) | frozenset(
    "对 与 和 及 在 到 向 从 给 把 被 让 由 等 是 了 的 将 为 以 并 或 使 我 使得 助推 帮扶 观看 了解 勉励 完善 联系 担任 "
    "践行 坚持 进驻 入驻 考虑 考虑到 修建 培养 强化 做好 借助 赋能 跟着 带动 带着 促进 塑造 繁荣 继续 抓好 要 落实 "
    "贯彻 汇报 构建 引进 创建 部署 实施 开展 加快 加强 提升 发挥 服务 支持 成立 建立 组建 设立 设在 召开 举行 参与 "
    "合作 共建 牵手 携手 协调 推出 启动 实现 完成 表示 介绍 指出 强调 主持 讲话 上下 全面 积极 进一步 "
    # (an action's adverb and verb before 项目: 全力冲刺项目竣工节点, 牢固树立项目为王 name no project)
    "全力 冲刺 牢固 树立 着力 奋力 力争 扎实".split())
DETERMINERS = "各该这此每其我"  # 各村, 该公司: no name
CLASSIFIERS = "个座家所名位批处条"  # 8个行政村, 4座小型水库: no name
KNOWN_PLACES = GAZETTEER | frozenset(TOWNS)


def at_boundary(text: str, p: int, ends: set[int]) -> bool:
    """A name may start at p: text start, a non-Han character before it, the end of another entity (``ends``),
    or a word printed before names."""
    if p == 0 or not han(text[p - 1]) or p in ends:
        return True
    return (word_ends_at(text, p, BOUNDARY_SET) or word_ends_at(text, p, SCAN_STOPS)) is not None


def stem_start(text: str, end: int, longest: int, stops: set[int] = frozenset(), extra: str = "",
               word_at_end: bool = True) -> int:
    """The leftmost position a name ending at ``end`` (before its suffix) can start from: back over Han
    characters (and ``extra`` ones), not over another entity (``stops``), punctuation or a word printed before
    names; at most ``longest`` characters. word_at_end: a two-character such word right at ``end`` is part of
    the name (航运服务集聚点), not where it starts."""
    p = end
    while p > max(0, end - longest):
        if not (han(text[p - 1]) or text[p - 1] in extra) or (p - 1) in stops:
            break
        word = word_ends_at(text, p, SCAN_STOPS)
        if word is not None and (p < end or len(word) == 1 or not word_at_end):
            break
        p -= 1
    return p


def name_start(text: str, end: int, longest: int, inner: str = "") -> int:
    """Where a name ending at ``end`` starts, digits and the ``inner`` characters allowed in it, no word printed
    before names at its head: for names the extractor does not make (projects, meetings)."""
    p = stem_start(text, end, longest, extra="0123456789" + inner)
    while p < end and (not (han(text[p]) or text[p].isdigit()) or word_starts_at(text, p, SCAN_STOPS)):
        p += len(word_starts_at(text, p, SCAN_STOPS) or " ")
    return min(p, end)


def covered(found: list[Found]) -> set[int]:
    """The positions some of ``found`` cover."""
    return {i for f in found for i in range(f.start, f.end)}


@lru_cache(maxsize=8)
def names_pattern(names: frozenset[str]) -> re.Pattern:
    """One pattern finding any of ``names``, the longest at a position."""
    return re.compile("|".join(map(re.escape, sorted(names, key=len, reverse=True))))


def suffix_ends(text: str, last: frozenset[str]) -> list[int]:
    """The positions just after a character some suffix ends with."""
    return [i + 1 for i, c in enumerate(text) if c in last]
