"""Pure topic grouping for briefings: sections derived from the stories' own vocabulary, not a fixed list.

Each story comes with its keyword set (words of its title and lead) and a score. A greedy cover picks the keyword
shared by the most important uncovered stories, opens a section for them, and names it from that keyword and the
next most shared one; what no shared keyword covers goes to a last section.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .stories import Story

Tokenize = Callable[[str], Sequence[str]]  # text -> whole words (jieba precise mode)

# Words every county news story uses; they say nothing about the topic.
STOPWORDS = frozenset(
    """衢江 衢江区 我区 全区 区委 区政府 本报讯 记者 通讯员 今年 以来 近日 日前 目前 当天 同时 进一步 一步 相关 工作 推进
    推动 开展 进行 加快 加强 持续 深入 全面 有效 积极 不断 实现 提升 发展 建设 做好 落实 围绕 聚焦 通过 一个 我们 他们 表示
    指出 强调 要求 认为 参加 出席 陪同 举行 召开 活动 情况 方面 问题 重要 重点 部署 高质量 新时代 其中 已经 正在 目前 今天
    昨天 上午 下午 此次 这次 这里 这些 一些 以及 并且 还有 记者 了解 介绍 主要 为了 更加 作为 成为 开始 继续 全市 全省 衢州
    衢州市 浙江 浙江省 中国 全国 我们 大家 自己 之一 一是 二是 三是 月份 以上 以下 万元 亿元 左右 多个 各类 各项 所有 已有
    书记 区委书记 副书记 区长 副区长 代区长 县长 主任 副主任 主席 区领导 领导 常委 委员 负责人 同志 讲话 主持 一行 带队 走进
    来到 前往 先后 了解 听取 调研 开展 组织 有关 我们 代表 指导 支持 服务 保障 助力 打造 全力 进一步 奋力 高质 质量""".split()
)
_WORD_RE = re.compile(r"^[\u4e00-\u9fff]{2,6}$")
_NUMERAL_RE = re.compile(r"[零〇一二两三四五六七八九十百千万第]{2,}|^[一二两三四五六七八九十]+[届次个年项名家条批轮期号]$")
# "区委书记王慧杰", "主任廖利军": a name after an office title is a person, not a topic
_PERSON_RE = re.compile(r"(?:书记|区长|县长|主任|主席|院士|局长|镇长|乡长|组长|委员|领导|经理|董事长|村民|市民)"
                        r"([\u4e00-\u9fff]{2,3}?)(?=[，、。等参出主讲带率调走来在与表指强要一])")


MEETING = "会议"
_MEETING_RE = re.compile("会议|例会|全会|(部署|推进|座谈|交流|动员|调度|汇报|研讨|分析|现场|观摩|推介|培训|述职|发布)会")


def people(texts: Sequence[str]) -> set[str]:
    """Person names that follow an office title anywhere in texts (kept out of topic labels)."""
    return {m.group(1) for text in texts for m in _PERSON_RE.finditer(text)}


@dataclass(frozen=True)
class Topic:
    """A section: its label and the indexes (into the input stories) of its members, best first."""

    label: str
    members: tuple[int, ...]


def keywords(title: str, lead: str, tokenize: Callable[[str], Sequence[str]],
             exclude: Collection[str] = ()) -> dict[str, float]:
    """Content words of a story -> weight: 1.0 for words of the headline, 0.3 for words only in the lead.

    Words are Chinese, 2-6 characters, not news boilerplate, numerals (十四届) or `exclude`d (people's names);
    the headline says best what a story is about. `tokenize` should give whole words (jieba precise mode).
    """
    def content(text: str) -> set[str]:
        return {w for w in tokenize(text) if _WORD_RE.match(w) and w not in STOPWORDS and w not in exclude
                and not _NUMERAL_RE.search(w)}

    out = dict.fromkeys(content(lead), 0.3)
    out.update(dict.fromkeys(content(title), 1.0))
    # 常务会议, 部署会, 推进会, 例会 ... in a headline are one kind of story (jieba cuts them differently): the
    # shared word lets them form a 会议 section
    if _MEETING_RE.search(title):
        out[MEETING] = 1.0
    return out


def group_topics(stories: Sequence[dict[str, float]], scores: Sequence[float], max_sections: int = 6,
                 min_size: int = 2, other_label: str = "其他要闻") -> list[Topic]:
    """Group stories into topic sections.

    stories: the keyword weights of each story (see `keywords`); scores: its importance (same order).
    Returns sections ordered by their best story's score (`other_label` last), members ordered by score; every
    story is in exactly one section. A section opens on a word in the headlines of at least `min_size` uncovered
    stories (headline words are chosen by editors; lead words alone make accidental groups); a word shared by
    more than 60% of six or more stories is too generic to name a section.
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
        in_titles: Counter = Counter()
        for i in uncovered:
            for w, weight in stories[i].items():
                if w not in generic:
                    gain[w] += scores[i] * weight
                    in_titles[w] += weight >= 1.0
        candidates = [w for w in gain if in_titles[w] >= min_size]
        if not candidates:
            break
        # Most important coverage first; ties go to the longer (more specific) word, then alphabetical order.
        best = max(candidates, key=lambda w: (gain[w], len(w), w))
        members = sorted((i for i in uncovered if best in stories[i]), key=lambda i: -scores[i])
        topics.append(Topic(_label(best, [stories[i] for i in members], generic), tuple(members)))
        uncovered -= set(members)
    if uncovered:  # what no shared headline word groups; "要闻" alone when nothing grouped at all
        rest = tuple(sorted(uncovered, key=lambda i: -scores[i]))
        topics.append(Topic(other_label if topics else "要闻", rest))
    return sorted(topics, key=lambda t: (t.label == other_label, -max(scores[i] for i in t.members)))


def _label(head: str, members: Sequence[dict[str, float]], generic: set[str]) -> str:
    """Name a section from its head word and, when there is one, the next word its members share most (in at
    least two headlines, or one headline and a lead)."""
    weight: Counter = Counter()
    for kws in members:
        for w, x in kws.items():
            if w not in generic and w != head and w not in head and head not in w:
                weight[w] += x
    shared = [w for w, x in weight.items() if x >= 1.3]
    if not shared:
        return head
    second = max(shared, key=lambda w: (weight[w], len(w), w))
    return f"{head}、{second}"


def topic_sections(stories: Sequence[Story], tokenize: Tokenize) -> list[tuple[str, list[Story]]]:
    """Topic sections over the selected stories, named from their own title/lead words."""
    names = people([s.article.body[:400] for s in stories]) | {n for s in stories for n in s.article.reporters}
    kws = [keywords(s.article.title, "".join(s.lead), tokenize, names) for s in stories]
    max_sections = max(2, min(7, len(stories) // 3))
    topics = group_topics(kws, [s.score for s in stories], max_sections=max_sections)
    return [(t.label, [stories[i] for i in t.members]) for t in topics]
