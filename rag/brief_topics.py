"""Pure topic grouping for briefings: sections derived from the stories' own vocabulary, not a fixed list.

Each story comes with its keyword set (words of its title and lead) and a score. A greedy cover picks the keyword
shared by the most important uncovered stories, opens a section for them, and names it from that keyword and the
next most shared one; what no shared keyword covers goes to a last section.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

# Words every county news story uses; they say nothing about the topic.
STOPWORDS = frozenset(
    """衢江 衢江区 我区 全区 区委 区政府 本报讯 记者 通讯员 今年 以来 近日 日前 目前 当天 同时 进一步 一步 相关 工作 推进
    推动 开展 进行 加快 加强 持续 深入 全面 有效 积极 不断 实现 提升 发展 建设 做好 落实 围绕 聚焦 通过 一个 我们 他们 表示
    指出 强调 要求 认为 参加 出席 陪同 举行 召开 活动 情况 方面 问题 重要 重点 部署 高质量 新时代 其中 已经 正在 目前 今天
    昨天 上午 下午 此次 这次 这里 这些 一些 以及 并且 还有 记者 了解 介绍 主要 为了 更加 作为 成为 开始 继续 全市 全省 衢州
    衢州市 浙江 浙江省 中国 全国 我们 大家 自己 之一 一是 二是 三是 月份 以上 以下 万元 亿元 左右 多个 各类 各项 所有 已有""".split()
)
_WORD_RE = re.compile(r"^[\u4e00-\u9fff]{2,6}$")


@dataclass(frozen=True)
class Topic:
    """A section: its label and the indexes (into the input stories) of its members, best first."""

    label: str
    members: tuple[int, ...]


def keywords(title: str, lead: str, tokenize: Callable[[str], Sequence[str]]) -> dict[str, float]:
    """Content words of a story -> weight: 1.0 for words of the headline, 0.5 for words only in the lead.

    Words are Chinese, 2-6 characters, and not news boilerplate; the headline says best what a story is about.
    """
    out = {w: 0.5 for w in tokenize(lead) if _WORD_RE.match(w) and w not in STOPWORDS}
    out.update({w: 1.0 for w in tokenize(title) if _WORD_RE.match(w) and w not in STOPWORDS})
    return out


def group_topics(stories: Sequence[dict[str, float]], scores: Sequence[float], max_sections: int = 6,
                 min_size: int = 2, other_label: str = "其他要闻") -> list[Topic]:
    """Group stories into topic sections.

    stories: the keyword weights of each story (see `keywords`); scores: its importance (same order). Returns sections ordered by
    their best story's score, each member list ordered by score; every story appears in exactly one section.
    A keyword shared by more than 60% of six or more stories is too generic to name a section.
    """
    n = len(stories)
    if n == 0:
        return []
    df = Counter(w for kws in stories for w in kws)
    generic = {w for w, c in df.items() if n >= 6 and c > 0.6 * n}
    uncovered = set(range(n))
    topics: list[Topic] = []
    while uncovered and len(topics) < max_sections:
        gain: Counter = Counter()
        count: Counter = Counter()
        for i in uncovered:
            for w, weight in stories[i].items():
                if w not in generic:
                    gain[w] += scores[i] * weight
                    count[w] += 1
        candidates = [w for w in gain if count[w] >= min_size]
        if not candidates:
            break
        # Most important coverage first; ties go to the longer (more specific) word, then alphabetical order.
        best = max(candidates, key=lambda w: (gain[w], len(w), w))
        members = sorted((i for i in uncovered if best in stories[i]), key=lambda i: -scores[i])
        topics.append(Topic(_label(best, [set(stories[i]) for i in members], generic), tuple(members)))
        uncovered -= set(members)
    if uncovered:
        rest = tuple(sorted(uncovered, key=lambda i: -scores[i]))
        if topics:
            topics.append(Topic(other_label, rest))
        else:  # nothing shared at all: one section named after the lead story's words
            topics.append(Topic(_label(None, [set(stories[rest[0]])], generic) or other_label, rest))
    return sorted(topics, key=lambda t: (t.label == other_label, -max(scores[i] for i in t.members)))


def _label(head: str | None, member_keywords: Sequence[set[str]], generic: set[str]) -> str:
    """Name a section from its head keyword and the keyword most shared among its members after it."""
    counts = Counter(w for kws in member_keywords for w in kws if w not in generic and w != head)
    if head is None:
        words = [w for w, _ in sorted(counts.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[:2]]
        return "、".join(words)
    shared = [w for w, c in counts.items() if c >= 2 and w not in head and head not in w]
    if not shared:
        return head
    second = max(shared, key=lambda w: (counts[w], len(w), w))
    return f"{head}、{second}"
