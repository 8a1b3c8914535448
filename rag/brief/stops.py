"""The places a story goes through (pure, given a POS tagger): a visit's stops, an award's winners, as one short
line ("考察：府前未来社区、美高短剧超级工厂、衢江港区。"), each from a paragraph that opens with it or from a
sentence that lists them one after another ("先后来到A、B等地").

A visit report gives each stop a paragraph that opens with it ("在美高短剧超级工厂，代表团…", "代表团一行还来到衢江
港区，…", "作为…，府前未来社区通过…"); a report of an award does the same with each winner ("后溪镇卫生院作为…").
An editor names them all in one clause; no single sentence of the article does. The line is built only from the
names as printed and a label taken from the headline or the lede (the visit's verb, or the award: "获全国表扬"), so
each part of it can be checked verbatim against the article (`assemble.listed_line_supported`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..models import Article
from .cuts import Tagger, clauses
from .leads import clean_body, full_width, sentences_of

# What a place or organisation a story goes to is called by: its last word.
_UNIT_RE = re.compile(r"(?:社区|工厂|港区|中心|院|公司|企业|基地|园区|学校|中学|小学|村|镇|乡|街道|厂|站|馆|园|工坊|礼堂"
                      r"|食堂|项目)$")
# a paragraph's opening clause that only frames it ("作为引领型旧改类未来社区，")
_FRAME_RE = re.compile(r"^(作为|为了?|随着|据了解|据悉)")
_AT_RE = re.compile(r"^在([\u4e00-\u9fff（）、]{3,40})$")  # "在美高短剧超级工厂，"
_GOES = "来到|走进|前往|深入|步入|走访"  # where a story goes
_GOES_RE = re.compile(rf"(?:{_GOES})([\u4e00-\u9fff（）、]{{3,40}}?)(?=[，。；])")
# a sentence listing the places a visit went to one after another ("先后来到中显光电科技（浙江）有限公司、浙江鸿邦源…，")
_ONE_AFTER_ANOTHER_RE = re.compile(rf"先后(?:{_GOES}|考察|调研|察看)了?([^等，。；“”]{{3,120}}?)"
                                   r"(?:等[\u4e00-\u9fff]{0,6})?(?=[，。；])")
_COUNTED_RE = re.compile(r"^[\d一二两三四五六七八九十几多]+[个家处座所间条批名]")  # "12个村" is no stop
_VISIT_RE = re.compile(r"考察|调研|视察|走访|察看|参观|慰问")
_AWARD_RE = re.compile(r"获[\u4e00-\u9fff]{0,6}?(?:表扬|表彰|命名|授牌|称号|奖)")
_NOMINAL = ("x", "f", "t", "j")  # besides nouns: words jieba does not know (x), 前/后 (f), 未来 (t), abbreviations (j)
MAX_STOPS = 6


def _unit(name: str) -> str:
    """`name` cut back to its last unit word ("衢江数字经济产业园目前" -> "衢江数字经济产业园"); "" when none is
    left of at least four characters."""
    while name and not _UNIT_RE.search(name):
        name = name[:-1]
    return name if len(name) >= 4 else ""


def _subject(clause: str, tagger: Tagger) -> str:
    """The run of nominal words a clause opens with ("樟潭街道社区卫生服务中心位于…" -> "樟潭街道社区卫生服务中心")."""
    run = ""
    for word, flag in tagger(clause):
        if not re.fullmatch(r"[\u4e00-\u9fff]+", word) or not (flag.startswith("n") or flag in _NOMINAL):
            break
        run += word
    return run


def _units(names: str) -> list[str]:
    """"A和B" or "A、B" -> [A, B] when every part is a unit (和 / 及 split only between two units: 和平村 stays
    whole); [] otherwise, or when a part is counted ("12个村") or described ("…的项目")."""
    parts: list[str] = []
    for piece in (p for p in names.split("、") if p):
        halves = re.split(r"[和及]", piece, maxsplit=1)
        two = len(halves) == 2 and all(len(h) >= 2 and _UNIT_RE.search(h) for h in halves)
        parts += halves if two else [piece]
    return parts if parts and all(_UNIT_RE.search(p) and len(p) >= 2 and "的" not in p and not _COUNTED_RE.match(p)
                                  for p in parts) else []


def paragraph_units(sentence: str, tagger: Tagger) -> list[str]:
    """The places or organisations a paragraph's first sentence is about: where it says the story went ("在X，",
    "来到X和Y"), else the unit it opens with as its subject (after a framing clause); [] when none."""
    parts = [p.rstrip("，；。！？") for p in clauses(sentence)]
    i = 0
    while i < len(parts) - 1 and _FRAME_RE.match(parts[i]):
        i += 1
    if not parts:
        return []
    at = _AT_RE.match(parts[i])
    goes = _GOES_RE.search(sentence)
    for names in (at.group(1) if at else "", goes.group(1) if goes else ""):
        if _units(names):
            return _units(names)
    unit = _unit(_subject(parts[i], tagger))
    return [unit] if unit else []


def stops(article: Article, tagger: Tagger) -> list[str]:
    """The units the article's paragraphs after the first open with, and those a sentence anywhere lists as gone
    to one after another ("先后来到A、B，"), in order, each once."""
    paragraphs = [p for p in full_width(clean_body(article.body)).splitlines() if p.strip()]
    found: list[str] = []
    for n, paragraph in enumerate(paragraphs):
        for k, sentence in enumerate(sentences_of(paragraph)):
            listed = _ONE_AFTER_ANOTHER_RE.search(sentence)
            units = _units(listed.group(1)) if listed else []
            if not units and k == 0 and n > 0:
                units = paragraph_units(sentence, tagger)
            found += [u for u in units if u not in found]
    return found


def opening_of(article: Article, stop: str, tagger: Tagger) -> str:
    """The first sentence of the paragraph that goes to `stop` (what was done there), "" when none does."""
    paragraphs = [p for p in full_width(clean_body(article.body)).splitlines() if p.strip()]
    for paragraph in paragraphs[1:]:
        first = next(iter(sentences_of(paragraph)), "")
        if first and stop in paragraph_units(first, tagger):
            return first
    return ""


def stops_left(every: Sequence[str], lede: str, said: Sequence[str]) -> list[str]:
    """The stops (of `every`) the item has not told yet in its lede or key sentences, at most MAX_STOPS."""
    text = lede + "".join(said)
    return [f for f in every if f not in text][:MAX_STOPS]


def stops_line(article: Article, lede: str, tagger: Tagger, said: Sequence[str] = (),
               every: Sequence[str] | None = None) -> str:
    """One line naming the stops of a visit or the winners of an award ("考察：A、B、C。", at most MAX_STOPS),
    labelled with the visit's verb (headline, then lede) or the award the headline reports; the stops the item
    names already (in `lede` or `said`) left out. "" for another story, a visit of fewer than two stops or with
    none left, or an award with fewer than two winners left. every: the article's `stops`, when known."""
    every = stops(article, tagger) if every is None else every
    found = stops_left(every, lede, said)
    visit = _VISIT_RE.search(article.title) or _VISIT_RE.search(lede)
    award = _AWARD_RE.search(article.title)
    # a visit's other stops when the item tells one already; an award's winners only two or more together (one
    # left alone would read as the only winner)
    if len(every) < 2 or not found or (len(found) < 2 and not visit):
        return ""
    label = visit.group(0) if visit else award.group(0) if award else ""
    return f"{label}：{'、'.join(found)}。" if label else ""


def line_goes_after(line: str, every: Sequence[str], said: Sequence[str]) -> bool:
    """True when the stops `line` should follow the item's key sentences (`said`): they tell a stop that comes
    before the ones the line names (稻蛙基地, then 调研：杜泽公路服务站), so the stops read in the article's order."""
    told = [k for k, u in enumerate(every) if any(u in s for s in said)]
    return bool(line) and bool(told) and told[0] < min(
        (k for k, u in enumerate(every) if k not in told and u in line), default=len(every))
