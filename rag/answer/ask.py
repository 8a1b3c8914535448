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
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from ..models import Answer
from . import followup
from .timeparse import strip_time

if TYPE_CHECKING:
    from .engine import AnswerEngine, Turn
    from .retrieve import HybridRetriever


def ask_stream(question: str, history: Sequence[Turn], *, engine: AnswerEngine, retriever: HybridRetriever,
               names: Callable[[str], list[str]], top_k: int, today: dt.date, date_from: dt.date | None = None,
               date_to: dt.date | None = None) -> Iterator[str | Answer]:
    """Text deltas as the engine produces them, then the final Answer.

    history: earlier (question, answer text) turns; names: text -> proper nouns (the archive tokenizer's), to tell
    a follow-up; today: the reference day of 上周/本月; date_from/date_to: an issue-date filter that overrides the
    question's time phrases. Every reading but the last is answered whole and kept only when it is no refusal.
    """
    *tentative, last = engine.readings(question, history)
    for reading in tentative:
        items = list(_answer(question, reading, engine, retriever, names, top_k, today, date_from, date_to))
        if not items[-1].refused:
            yield from items
            return
    yield from _answer(question, last, engine, retriever, names, top_k, today, date_from, date_to)


def _answer(question: str, history: Sequence[Turn], engine: AnswerEngine, retriever: HybridRetriever,
            names: Callable[[str], list[str]], top_k: int, today: dt.date, date_from: dt.date | None,
            date_to: dt.date | None) -> Iterator[str | Answer]:
    """ask_stream for one reading of the question (history as given)."""
    standalone = engine.rewrite(question, history)
    when = None
    if not (date_from or date_to):
        when = followup.time_range(question, history, today, names)
        if when is not None:
            date_from, date_to = when.issue_range()
    query = strip_time(standalone, when)
    hits = retriever.retrieve_hits(query, top_k, date_from, date_to)
    if not hits and when is not None and not when.exact_year:
        # 12月22日 without a year is a guess: when that year holds nothing, search all years
        date_from = date_to = None
        hits = retriever.retrieve_hits(query, top_k)
    for item in engine.stream(question, hits, history, when):
        if isinstance(item, str):
            yield item
            continue
        yield dataclasses.replace(item, question=question, search_query=query, date_from=date_from,
                                  date_to=date_to)
