"""One question of a chat, from the words asked to the cited Answer: the answer stage from start to end.

For each reading of the question the engine offers (a follow-up may first be asked as it stands): the time the
question asks about becomes an issue-date filter (rag.answer.followup.time_range), the engine's standalone form of
the question, without its time phrase, is searched (rag.answer.retrieve), and the engine answers from the hits,
streamed. A reading whose answer is a refusal gives way to the next one. The Answer records what was searched and
the date filter.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from ..cite.citations import finalize, refusal
from ..models import Answer, Hit
from . import direct, entity_answer, followup
from .question import spans_reports, wants_latest
from .timeparse import TimeRange, as_year, strip_time

if TYPE_CHECKING:
    from .engine import AnswerEngine, Turn
    from .known import KnownFacts
    from .retrieve import HybridRetriever


LATEST_HITS = 3  # chunks of the newest issues added for a question about now
ACROSS_HITS = 4  # more chunks for a question across reports (这几期都报过哪些…)
LATER_HITS = 3  # chunks of later issues added for a question naming a time (they may recount the event)
LATEST_WINDOW = dt.timedelta(days=60)  # what counts as the newest issues, before the newest issue date
MONTH_DAYS = 31  # a time asked no longer than this is told by a later report only with a date in it


@dataclasses.dataclass(frozen=True)
class Plan:
    """What one reading of a question searches and finds."""

    query: str  # the standalone question without its time phrase
    when: TimeRange | None  # the time it asks about
    date_from: dt.date | None  # the issue-date filter applied
    date_to: dt.date | None
    hits: list[Hit]


def ask_stream(question: str, history: Sequence[Turn], *, engine: AnswerEngine, retriever: HybridRetriever,
               names: Callable[[str], list[str]], top_k: int, today: dt.date, date_from: dt.date | None = None,
               date_to: dt.date | None = None,
               newest: Callable[[], dt.date | None] = lambda: None,
               facts: KnownFacts | None = None) -> Iterator[str | Answer]:
    """Text deltas as the engine produces them, then the final Answer (for the question as typed).

    history: earlier (question, answer text) turns; names: text -> proper nouns (the archive tokenizer's), to tell
    a follow-up; today: the reference day of 上周/本月; date_from/date_to: an issue-date filter that overrides the
    question's time phrases; newest: the archive's newest issue date (for questions about now); facts: what the
    catalog and the entity index know (who holds a post, who someone is, how their post changed, what they did,
    who wrote the commentary): a question they answer is answered from their dated facts, the others by the
    engine; a person's name typed one character off a known one is read as the known one. Every reading but the
    last is answered whole and kept only when it is no refusal.
    """
    typed, fixes = question, facts.spellings(question) if facts is not None else []
    question = facts.spelled(question, fixes) if fixes else question
    notice = followup.read_as(fixes)
    *tentative, last = engine.readings(question, history)
    for reading in tentative:
        items = list(_answer(question, reading, engine, retriever, names, top_k, today, date_from, date_to,
                             newest, facts, typed))
        if not items[-1].refused:
            yield from _noticed(items, notice)
            return
    yield from _noticed(_answer(question, last, engine, retriever, names, top_k, today, date_from, date_to, newest,
                                facts, typed), notice)


def _noticed(items: Iterable[str | Answer], notice: str) -> Iterator[str | Answer]:
    """The stream with a notice line first (a name read as the archive prints it), in the final Answer too."""
    if notice:
        yield notice + "\n"
    for item in items:
        yield dataclasses.replace(item, answer=f"{notice}\n{item.answer}") if notice and isinstance(item, Answer) \
            else item


def plan(question: str, history: Sequence[Turn], engine: AnswerEngine, retriever: HybridRetriever,
         names: Callable[[str], list[str]], top_k: int, today: dt.date, date_from: dt.date | None = None,
         date_to: dt.date | None = None, newest: Callable[[], dt.date | None] = lambda: None) -> Plan:
    """Search for one reading of a question (history as given): its time phrase becomes an issue-date filter
    (a vague 最近/今年 filters nothing), its standalone form is searched, and a question about now (现在,
    区委书记是谁) also gets the newest issues' best chunks, so that the latest report that says it can answer."""
    standalone = engine.rewrite(question, history)
    when = None
    if not (date_from or date_to):
        when = followup.time_range(question, history, today, names)
        if when is not None and not when.vague:
            date_from, date_to = when.issue_range()
            latest = newest()
            if latest is not None and when.start > latest and when.exact_year:  # (a guessed year: see below)
                # a time after the newest issue (明年的目标): only a plan printed before it can speak of it, so every
                # issue is searched for it by its year; the engine answers from a sentence that speaks of that time,
                # or refuses
                date_from = date_to = None
                when = dataclasses.replace(when, ahead=True)
    query = as_year(standalone, when) if when is not None and when.ahead else strip_time(standalone, when)
    if spans_reports(standalone):  # an answer across reports needs more of them than one article's chunks
        top_k += ACROSS_HITS
    hits = retriever.retrieve_hits(query, top_k, date_from, date_to)
    if when is not None and not when.vague and date_to is not None:
        wide = retriever.retrieve_hits(query, top_k)
        if not when.exact_year and _guessed_wrong(when, hits, wide):
            # 7月底 or 12月14日 without a year is a guess: when the guessed year's window holds nothing, or nothing
            # that prints the day while another year's report does, all years are searched
            date_from = date_to = None
            hits = sorted(wide, key=lambda h: not _prints_day(when, h))  # (stable: the reports of that day first)
        else:
            # the time asked is the event's, and a later issue may recount it (今年3月做成的头一单, told in May's
            # issue; 去年12月启动的项目, in the next May's report on it): its best chunks join those of the window
            # (searched without a filter and kept when later: an open-ended date filter is slow on a large archive)
            # (for a month or a day asked, a later report that tells of that time: one that prints a date in it;
            # 2024年12月开了哪些会 takes no report of 2025's meetings)
            known = {h.chunk_id for h in hits}
            hits += [h for h in wide if h.date > date_to and h.chunk_id not in known and _tells_of(when, h)
                     ][:LATER_HITS]
    latest = newest() if hits and not (date_from or date_to) and wants_latest(question) else None
    if latest is not None:
        known = {h.chunk_id for h in hits}
        hits += [h for h in retriever.retrieve_hits(query, LATEST_HITS, latest - LATEST_WINDOW, latest)
                 if h.chunk_id not in known]
    return Plan(query, when, date_from, date_to, hits)


def _tells_of(when: TimeRange, hit: Hit) -> bool:
    """True when a later report may tell of the time asked: for a month or a day, it prints a date in it
    (direct.event_spans); for a longer time, any report may."""
    if (when.end - when.start).days > MONTH_DAYS:
        return True
    return any(first <= when.end and when.start <= last for first, last in direct.event_spans(hit.text, hit.date))


def _guessed_wrong(when: TimeRange, window: Sequence[Hit], wide: Sequence[Hit]) -> bool:
    """True when a time whose year was guessed finds nothing in that year's window, or (a day: 12月14日) the window
    holds no report that prints the day while a report of another year does."""
    if not window:
        return True
    if when.start != when.end:
        return False
    return not any(_prints_day(when, h) for h in window) and any(_prints_day(when, h) for h in wide)


def _prints_day(when: TimeRange, hit: Hit) -> bool:
    """True when the hit's text prints the day of a one-day time (12月14日; 2月14日 is not in 12月14日)."""
    return when.start == when.end and re.search(rf"(?<!\d){when.start.month}月{when.start.day}日",
                                               re.sub(r"\s+", "", hit.text)) is not None


def _answer(question: str, history: Sequence[Turn], engine: AnswerEngine, retriever: HybridRetriever,
            names: Callable[[str], list[str]], top_k: int, today: dt.date, date_from: dt.date | None,
            date_to: dt.date | None, newest: Callable[[], dt.date | None],
            facts: KnownFacts | None = None, typed: str | None = None) -> Iterator[str | Answer]:
    """ask_stream for one reading of the question (history as given); the Answer holds the question as typed."""
    found = plan(question, history, engine, retriever, names, top_k, today, date_from, date_to, newest)
    known = from_facts(question, found, facts, engine) if facts is not None else None
    if known is None and not found.hits and (found.date_from or found.date_to):
        # nothing in the issues of the time asked (2021年开了哪些会): say which issues were searched
        known = dataclasses.replace(refusal(question, engine.name), answer=_empty_window(found))
    stream = [known.answer, known] if known is not None else engine.stream(question, found.hits, history,
                                                                            found.when)
    for item in stream:
        if isinstance(item, str):
            yield item
            continue
        yield dataclasses.replace(item, question=typed or question, search_query=found.query,
                                  date_from=found.date_from,
                                  date_to=found.date_to)


def _empty_window(found: Plan) -> str:
    """The refusal of a question whose issue-date filter holds no report: the time asked and the issues searched."""
    day = direct.cn_date
    span = (f"{day(found.date_from)}至{day(found.date_to)}" if found.date_from and found.date_to
            else f"{day(found.date_from)}以后" if found.date_from else f"{day(found.date_to)}以前")
    asked = f"{found.when.phrase}的" if found.when is not None else "这段时间的"
    return f"档案中没有{asked}相关报道（查找了{span}刊出的各期）。"


def from_facts(question: str, found: Plan, facts: KnownFacts, engine: AnswerEngine) -> Answer | None:
    """The answer from the entity index's facts within the plan's issue dates, verified; None when the index
    does not answer the question (then the engine does). A follow-up that names its own person or place is
    about that one (那次一起去的陈政是干啥的: 陈政, not the 毛卓战 the search carried over from the last turn)."""
    known = (facts(question) if found.query != question else None) or facts(found.query)
    if known is None:
        return None
    known = entity_answer.shown(dataclasses.replace(known, facts=tuple(
        m for m in known.facts if (found.date_from is None or m.date >= found.date_from)
        and (found.date_to is None or m.date <= found.date_to))))
    hits = facts.hits(known.facts)
    kept = [(m, h) for m, h in zip(known.facts, hits) if h is not None]
    if not kept:
        return None
    known = dataclasses.replace(known, facts=tuple(m for m, _ in kept))
    shown = [h for _, h in kept]
    text = entity_answer.lines(known, shown)
    if not text:
        return None
    answer = finalize(question, text, shown, engine.name, engine.verifier)
    if answer.refused:
        return None
    note = entity_answer.moved_on(known)
    if note and known.facts[-1].sentence in answer.answer.replace("\n", ""):  # (its report's line was kept)
        first, _, rest = answer.answer.partition("\n")
        answer = dataclasses.replace(answer, answer="\n".join(p for p in (first, note, rest) if p))
    return answer
