"""An article's mentions, as the entity index stores them (pure): its byline people (reporters), its signature
(author), the people, places and organisations of its headline and body, and the projects and meeting series it
is about (what links a story across issues: 湖南镇共富康养综合体, 区党政月度工作例会)."""

from __future__ import annotations

import re

from ...models import Article
from ...text import list_spans, sentence_spans
from .extract import Lexicon, extract, name_start
from .people import credit_kind
from .store import StoredMention
from .words import GAZETTEER, MEETING_ENDS

_PROJECT_END = re.compile(r"(项目|工程|综合体)")
_MEETING_END = re.compile("(" + "|".join(MEETING_ENDS) + ")(?!议)")
_CONVENED = re.compile(r"^([\u4e00-\u9fff]{2,12})(召开|举行|举办)")
_LEAD = 160  # characters of the body that say what an article is about
_GENERIC_PROJECTS = frozenset("重点 重大 民生实事 产业 招商 基建 在建 新建 续建 好 大 示范 签约 招引 工业 共富 实事 "
                              "政府投资 基础设施 百项千亿 省市县长 市县长 建设 改造 提升 民生 惠民 为民".split())
_PLACE_PREFIX = re.compile(r"^(浙江省|衢州市|衢江区|全区|我区|区(?![委政人纪])|市(?![委政人纪]))")
_GENERIC_TAIL = re.compile(r"(重点|重大|民生实事|实事|产业|招商|基建|在建|新建|续建|示范|签约|招引|工业|共富|建设|科创)$")
_COUNTS = re.compile(r"(20\d\d年度?|第?[0-9一二三四五六七八九十百]+(次|届|期)|[一二三四]季度|[上下]半年|（[^）]*）|\([^)]*\))")


def topic_key(name: str) -> str:
    """The series a project or meeting belongs to: without the district, years, ordinals and (扩大)."""
    key = _COUNTS.sub("", name)
    key = _PLACE_PREFIX.sub("", key)
    return re.sub(r"(项目|工程)$", "", key)


def topics(text: str) -> list[tuple[str, str, int, int]]:
    """(key, kind, start, end) of the projects and meeting series a text names (kind project | meeting), each key
    once. A meeting a body convenes (区政府召开第11次常务会议) belongs to that body's series."""
    out: dict[str, tuple[str, str, int, int]] = {}
    for kind, pattern, longest in (("project", _PROJECT_END, 32), ("meeting", _MEETING_END, 30)):
        for m in pattern.finditer(text):
            start = name_start(text, m.start(), longest, inner="（）()")
            convened = _CONVENED.match(text[:start]) if kind == "meeting" else None
            name = (convened.group(1) if convened else "") + text[start:m.end()]
            for part in name.split("暨"):
                if kind == "project" and _MEETING_END.search(part):
                    continue
                key = topic_key(part)
                core = key.removesuffix("会议") if kind == "meeting" else key
                if len(_GENERIC_TAIL.sub("", core)) < 4 or core in _GENERIC_PROJECTS or core in GAZETTEER:
                    continue
                out.setdefault(key, (key, kind, convened.start() if convened else start, m.end()))
    return list(out.values())


def extract_article(article: Article, lexicon: Lexicon) -> list[StoredMention]:
    """Every mention of one article: byline people (role reporter; an organisation's credit as an org), the
    signature (role author), the people, places and organisations of the title and body, and its topics. Page
    furniture kept as an article (a countdown box) names nothing the paper reports on: none."""
    if article.furniture:
        return []
    out: list[StoredMention] = []
    for name in (*article.reporters, *article.correspondents):
        kind = credit_kind(name)
        out.append(StoredMention(article.id, name, kind, None, "reporter" if kind == "person" else None, "byline",
                                 "byline", 0, 0, 0, 0))
    if article.author:
        out.append(StoredMention(article.id, article.author, "person", None, "author", "signature", "byline",
                                 0, 0, 0, 0))
    for where, text in (("title", article.title), ("body", article.body)):
        spans = list_spans(text) if article.kind == "list" and where == "body" else sentence_spans(text)

        def sentence(pos: int) -> tuple[int, int]:
            return next(((a, b) for a, b in spans if a <= pos < b), (0, len(text)))

        for f in extract(text, lexicon):
            out.append(StoredMention(article.id, f.text, f.kind, f.post, f.role, f.how, where, f.start, f.end,
                                     *sentence(f.start)))
        about = text if where == "title" else text[:_LEAD]
        for key, kind, start, end in topics(about):
            if kind == "meeting" and where != "title":
                continue  # a meeting series is what a headline says the article is about
            out.append(StoredMention(article.id, key, kind, None, None, "topic", where, start, end, *sentence(start)))
    return out
