"""An answer made of the entity index's facts (pure): who holds a post, who someone is, how their post changed,
and for a question about a name as a whole, where they went, what they did, what happened at a place.

Each fact is a report's sentence naming the person or place, cited, with the date of its report: "据2024年12月24日
报道，区委书记王慧杰……[1]". For who holds a post and who someone is, a direct line comes first: the post and the
name as the latest report printed them ("区委书记贵丽青。[1]"). citations.finalize verifies every line as it does
the search answers'.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from ..models import EntityFacts, Hit, Mention
from ..text import char_ngrams, list_text

MAX_FACTS = 6  # a timeline longer than this belongs on the entity page
_WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
LATEST_FIRST = ("who", "holder", "deeds", "events", "commentary")  # "issue": the articles in page order  # what is asked of now; the posts and places read oldest first


def _tells(sentence: str, title: str) -> bool:
    """True when a sentence says what its headline says (most of the headline's character pairs are in it)."""
    want = char_ngrams(title)
    return not want or len(want & char_ngrams(sentence)) / len(want) >= 0.6


def reported(m: Mention, titled: bool = False) -> str:
    """"据2024年12月24日报道，" — the date of the report a fact comes from; titled, its headline too
    ("据2022年8月30日《衢江区召开安全生产工作部署会》报道，": what a deed such as 区领导……参加 was)."""
    title = f"《{m.title}》" if titled and m.title else ""
    return f"据{m.date.year}年{m.date.month}月{m.date.day}日{title}报道，"


def shown(facts: EntityFacts, spare: int = MAX_FACTS) -> EntityFacts:
    """The facts `lines` may show, in its order: each report's sentence once, for who someone is only those
    with a post, at most MAX_FACTS + spare (a fact whose article is gone is skipped there). A name in thousands
    of reports needs chunks for these only."""
    ordered = sorted(facts.facts, key=lambda m: m.date, reverse=facts.asks in LATEST_FIRST)
    if facts.asks in ("who", "holder"):
        ordered = [m for m in ordered if m.post]
    kept: list[Mention] = []
    seen: set[tuple[str, str]] = set()
    for m in ordered:
        if (m.article_id, m.sentence) not in seen:
            seen.add((m.article_id, m.sentence))
            kept.append(m)
        if len(kept) >= MAX_FACTS + spare:
            break
    return dataclasses.replace(facts, facts=tuple(kept))


def lines(facts: EntityFacts, hits: Sequence[Hit | None]) -> str:
    """The answer's text with [n] markers, n the 1-based index into `hits` (hits[i] holds facts.facts[i]); empty
    when no fact has a chunk to cite."""
    pairs = [(m, i + 1) for i, (m, h) in enumerate(zip(facts.facts, hits)) if h is not None]
    pairs.sort(key=lambda p: p[0].date, reverse=facts.asks in LATEST_FIRST)
    if facts.asks == "issue":  # 总第3684期: its date, then what it carried
        if not pairs:
            return ""
        first = pairs[0][0]
        day = f"{first.date.year}年{first.date.month}月{first.date.day}日（{_WEEKDAYS[first.date.weekday()]}）"
        head = f"{facts.name}是{day}出版的《今日衢江》。[{pairs[0][1]}]"
        return "\n".join([head] + [f"本期刊有《{m.title}》。[{n}]" for m, n in pairs[:MAX_FACTS]])
    if facts.asks == "commentary":  # the pieces with their signatures, newest first
        return "\n".join(f"{m.date.year}年{m.date.month}月{m.date.day}日刊发评论《{m.title}》，"
                         + (f"作者{m.name}。[{n}]" if m.name else f"未署名。[{n}]") for m, n in pairs[:MAX_FACTS])
    if facts.asks in ("who", "holder"):  # who someone is: their post, or the search answers
        pairs = [(m, n) for m, n in pairs if m.post]
    # the holder's later report in another post (区委书记贵丽青, for 区长是谁): told last, after the post's own
    moved = [(m, n) for m, n in pairs if _in_other_post(facts, m)]
    pairs = [p for p in pairs if p not in moved]
    out: list[str] = []
    if pairs and facts.asks in ("who", "holder"):
        m, n = pairs[0]
        if f"{m.post}{m.name}" in m.sentence and m.sentence.rstrip("。") != f"{m.post}{m.name}":
            out.append(f"{m.post}{m.name}。[{n}]")  # (a sentence that is only the post and name says it itself)
    direct = len(out)
    seen: set[tuple[str, str]] = set()
    for m, n in pairs:
        key = (m.article_id, m.sentence)
        if key in seen or not m.sentence:
            continue
        seen.add(key)
        text = f"《{m.sentence}》" if m.where == "title" else list_text(m.sentence) if "\n" in m.sentence else m.sentence
        titled = facts.asks in ("deeds", "events") and m.where != "title" and not _tells(m.sentence, m.title)
        # a quote and who said it (“……回应。”叶尔军表示。) are two sentences or more: each carries the marker
        text = re.sub(r"([。！？]”?)(?=[^”])", rf"\1[{n}]", text.rstrip("。"))
        out.append(f"{reported(m, titled)}{text}。[{n}]")
        if len(seen) >= MAX_FACTS:
            break
    out += [f"{reported(m)}{m.sentence.rstrip('。')}。[{n}]" for m, n in moved[:1] if m.sentence]
    return "\n".join(out) if len(out) > direct else ""


def moved_on(facts: EntityFacts) -> str:
    """The note for a post's latest holder printed in another post since (区长是谁, 贵丽青 区委书记 from 2025-05-20):
    "（2025年5月20日起的报道中，贵丽青为区委书记，档案中没有此后的区长报道。）"; "" when there is none."""
    m = next((m for m in facts.facts if _in_other_post(facts, m)), None)
    if m is None:
        return ""
    return (f"（{m.date.year}年{m.date.month}月{m.date.day}日起的报道中，{m.name}为{m.post}，"
            f"档案中没有此后的{facts.post}报道。）")


def _in_other_post(facts: EntityFacts, m: Mention) -> bool:
    """True for the fact of a holder question that prints the holder in another post than the one asked
    (rag.index.entities.query adds it when a later report does)."""
    return facts.asks == "holder" and bool(facts.post) and facts.post not in (m.post or "")
