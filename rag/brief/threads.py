"""与上周相比 (pure): which stories of a period continue a story of the period before, which are new, and which
numbers moved.

Two reports belong to one thread (the same project, meeting series or person's work) when they name the same
things and their headlines and ledes are alike. `thread_score` is the one place that decides it. The names are
the entity index's people, places and organisations of each article that its headline and lede print (byline
names and the district's own names left out), passed in by the caller; a company or a named area among them
identifies a story on its own, so a project carries on under a new headline. Without the entity index, the
tokenizer's proper nouns and the named things a pattern finds stand in.
A number moved when both reports of a thread state a quantity of the same unit in the same words around it
("会上5个项目集中签约" -> "会上8个项目集中签约") with another value.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from ..models import Article
from ..text import char_ngrams, overlap
from .cuts import clauses
from .leads import NAMED_RE, QUANTITY_RE, news_sentences

Names = Callable[[str], Sequence[str]]  # text -> proper nouns (the archive tokenizer's proper_nouns)
# article -> the people, places and organisations the entity index holds for it (name -> kind), none of its
# byline (rag.index.entities.query.EntityQueries.story_names)
ArticleNames = Callable[[Article], Mapping[str, str]]

# Names every story of the district shares: they make no thread.
GENERIC = frozenset({"衢江", "衢江区", "衢州", "衢州市", "浙江", "浙江省", "全区", "我区", "区委", "区政府", "中国"})
# Names of a level's public bodies and of administrative places: many stories of a week share them.
_BROAD_HEAD = ("区", "市", "县", "省", "镇", "乡", "全区", "我区")
_ADMIN_END = re.compile(r"(省|市|县|区|镇|乡|街道|村|社区|自然村|办事处)$")
# Organisations named by what they are (区图书馆, 区中医院, 区招商中心): threads follow them too.
_ORG_RE = re.compile(r"[\u4e00-\u9fff]{1,8}?(?:图书馆|博物馆|文化馆|医院|卫生院|学校|中学|小学|幼儿园|中心|集团|公司|协会|合作社)")
CONTINUES = 0.55  # thread score from which a story continues one of the previous period
# The steps of a project as the paper reports them (BRIEFING.md: 签约 -> 开工 -> 封顶 -> 竣工 -> 投用), each with the
# words that say it was reached; a step only planned (预计…封顶, 将投用) is not reached.
STAGES = (("签约", "签约|签订"), ("开工", "开工|动工|奠基|开建"), ("封顶", "封顶"), ("竣工", "竣工|完工|建成"),
          ("投用", "投用|投入使用|投产|开业|运营"))
_STAGE_RES = tuple((name, re.compile(words)) for name, words in STAGES)
_PLANNED_RE = re.compile(r"预计|计划|将|力争|争取|拟|确保|有望|即将|目标|年底前|明年|下半年|未来")
_CONTEXT = 6  # characters either side of a number compared to match a moved figure


@dataclass(frozen=True)
class Report:
    """What a thread compares of one article: its named things, headline and lede bigrams, and its text."""

    article: Article
    names: frozenset[str]
    title_grams: frozenset[str]
    lede_grams: frozenset[str]
    sentences: tuple[str, ...]
    things: frozenset[str] = frozenset()  # the names that identify a story on their own (identifies)


def identifies(name: str, kind: str) -> bool:
    """Whether a name identifies a story on its own: a company, a named area or a body of its own name
    (浙江恒川新材料有限公司, 恒川新材料, 衢江锂电池产业园), not a person, an administrative place or a level's
    public body (区住建局), which many stories of a week share."""
    return kind in ("org", "place") and not name.startswith(_BROAD_HEAD) and not _ADMIN_END.search(name)


def report(article: Article, lede: str, names: Names, entities: Mapping[str, str] | None = None) -> Report:
    """The Report of an article: the named things of its headline and lede (generic ones left out). entities:
    the article's people, places and organisations from the entity index (name -> kind), of which those the
    headline and lede print count; None (no entity index): the proper nouns ``names`` finds and the named things
    of the patterns, none of which identifies a story on its own."""
    text = f"{article.title}。{lede}"
    if entities is None:
        found = set(names(text)) | set(NAMED_RE.findall(text)) | set(_ORG_RE.findall(text))
        things: set[str] = set()
    else:
        found = {n for n in entities if n in text}
        things = {n for n in found if identifies(n, entities[n])}
    kept = frozenset(n for n in found if n not in GENERIC and len(n) >= 2)
    return Report(article, kept, frozenset(char_ngrams(article.title)), frozenset(char_ngrams(lede)),
                  tuple(news_sentences(article)), frozenset(things) & kept)


def thread_score(a: Report, b: Report) -> float:
    """How surely two reports belong to one story thread, in [0, 1.6]: headline and lede likeness (the headline
    says more), plus 0.3 when they name a thing in common (a person, place, organisation, project or meeting
    series) and 0.3 more when that thing identifies a story on its own (a company, a named area: the same
    project under a new headline)."""
    alike = 0.6 * overlap(a.title_grams, b.title_grams) + 0.4 * overlap(a.lede_grams, b.lede_grams)
    return alike + (0.3 if a.names & b.names else 0.0) + (0.3 if a.things & b.things else 0.0)


@dataclass(frozen=True)
class Thread:
    """The verdict for one story of the period: continuing (with the previous report), new, or moved (with the
    verbatim clause holding the number last period and this period); `stages` (last period's, this period's)
    when the project reached a later step."""

    kind: str  # continuing | new | moved
    previous: Article | None = None
    before: str = ""
    after: str = ""
    stages: tuple[str, str] = ()


def stage_of(sentences: Sequence[str]) -> int | None:
    """Index in STAGES of the furthest step the sentences say a project reached ("主体结构已于4月21日顺利封顶"
    -> 封顶); a clause that plans it ("预计10月底完成封顶") does not count. None when they name no step."""
    reached = None
    for sentence in sentences:
        for clause in clauses(sentence):
            for i, (_, pattern) in enumerate(_STAGE_RES):
                m = pattern.search(clause)
                if m and not _PLANNED_RE.search(clause[:m.start()]) and (reached is None or i > reached):
                    reached = i
    return reached


def advanced(before: Report, after: Report) -> tuple[str, str]:
    """(last period's step, this period's step) when this period's report says a later step was reached; () when
    it does not (a step last period is "" when that report named none)."""
    old, new = stage_of(before.sentences), stage_of(after.sentences)
    if new is None or (old is not None and new <= old):
        return ()
    return (STAGES[old][0] if old is not None else "", STAGES[new][0])


def _figures(sentences: Sequence[str]) -> list[tuple[str, str, str, set[str]]]:
    """(quantity, unit, clause, context bigrams) for each quantity stated in the sentences."""
    out = []
    for sentence in sentences:
        for clause in clauses(sentence):
            for m in QUANTITY_RE.finditer(clause):
                number = re.match(r"第?[\d.]+|[一二两三四五六七八九十百千]+", m.group(0))
                unit = m.group(0)[number.end():] if number else m.group(0)
                around = clause[max(0, m.start() - _CONTEXT):m.start()] + unit + clause[m.end():m.end() + _CONTEXT]
                out.append((m.group(0), unit, clause.rstrip("，；。"), char_ngrams(around)))
    return out


def moved_figure(before: Report, after: Report) -> tuple[str, str] | None:
    """(clause last period, clause this period) of the best-matched quantity whose value changed; None if none."""
    best, best_score = None, 0.6
    for q1, unit1, clause1, ctx1 in _figures(before.sentences):
        for q2, unit2, clause2, ctx2 in _figures(after.sentences):
            if unit1 != unit2 or q1 == q2 or not unit1:
                continue
            score = overlap(ctx1, ctx2)
            if score > best_score:
                best, best_score = (clause1, clause2), score
    return best


def compare(current: Sequence[Report], previous: Sequence[Report]) -> list[Thread]:
    """One Thread per report of the current period, against the reports of the previous period."""
    out = []
    for now in current:
        scored = [(thread_score(now, old), old) for old in previous]
        score, old = max(scored, key=lambda p: p[0], default=(0.0, None))
        if old is None or score < CONTINUES:
            out.append(Thread("new"))
            continue
        moved, stages = moved_figure(old, now), advanced(old, now)
        if moved:
            out.append(Thread("moved", old.article, *moved, stages=stages))
        else:
            out.append(Thread("continuing", old.article, stages=stages))
    return out
