"""The one module that wires the stages together. The CLI and the web app call only this.

Each method takes and returns the dataclasses of rag.models; nothing here opens files or models at import time.
The engines sit behind protocols (rag.answer.engine.AnswerEngine, rag.brief.engine.BriefEngine): which engine the
settings choose is decided where they are made, never here; a question's way to its Answer is rag.answer.ask.

One archive may be shared by many processes (the web app and `rag` commands): every reading method first calls
Archive.refresh (one sqlite read), so a long-lived Service answers from what other processes have written.
Questions are capped at MAX_QUESTION_CHARS and dates must lie in 1900..2100, with messages that say so.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import QuestionError, check_year
from .models import (
    Answer,
    Article,
    Brief,
    Chunk,
    Coverage,
    EntityFacts,
    EntityName,
    EntityProfile,
    Hit,
    Mention,
    Progress,
    StoryThread,
)
from .settings import Settings

if TYPE_CHECKING:
    from .answer.engine import AnswerEngine
    from .answer.known import KnownFacts
    from .answer.retrieve import HybridRetriever
    from .brief.engine import BriefEngine
    from .index.archive import Archive
    from .index.entities.query import EntityQueries
    from .index.repair import CheckReport
    from .index.update import IngestReport
    from .index.usage import UsageLog

log = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 500  # a question longer than this is refused with a message (work per question is bounded)


def check_question(question: object) -> str:
    """The question, stripped; QuestionError (a message for staff) when it is not text, empty or too long."""
    if not isinstance(question, str):
        raise QuestionError(f"问题必须是文字，收到的是 {type(question).__name__}")
    question = question.strip()
    if not question:
        raise QuestionError("请输入问题。")
    if len(question) > MAX_QUESTION_CHARS:
        raise QuestionError(f"问题太长（{len(question)} 字）：请缩短到 {MAX_QUESTION_CHARS} 字以内，只问一件事。")
    return question


def check_dates(**dates: dt.date | None) -> None:
    """DateRangeError when a given date lies outside 1900..2100 (named by its keyword in the message)."""
    for what, day in dates.items():
        if day is not None:
            check_year(day.year, f"{what} {day.isoformat()}")


class Service:
    """Facade over archive, retrieval, answer and briefing engines for one Settings."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._archive: Archive | None = None
        self._retriever: HybridRetriever | None = None
        self._answer_engine: AnswerEngine | None = None
        self._entities: EntityQueries | None = None
        self._usage: UsageLog | None = None

    # --- archive (issue #2) -------------------------------------------------------------------
    @property
    def archive(self) -> Archive:
        if self._archive is None:
            from .index.archive import Archive

            self._archive = Archive(self.settings)
        return self._archive

    def _current(self) -> Archive:
        """The archive, caught up with what other processes committed (one sqlite read when nothing changed)."""
        archive = self.archive
        archive.refresh()
        return archive

    def ingest(self, paths: Sequence[Path], date: dt.date | None = None, progress: Progress | None = None,
               wait: bool = True, notice: Callable[[str], None] | None = None) -> IngestReport:
        """Ingest files/folders; returns an IngestReport (see rag.index.update). When another process is writing:
        wait for it (``notice`` gets one message saying so), or with ``wait=False`` raise BusyError."""
        check_dates(date=date)
        return self.archive.ingest(list(paths), date=date, progress=progress, wait=wait, notice=notice)

    def articles(self, date_from: dt.date | None = None, date_to: dt.date | None = None,
                 source: str | None = None, kind: str | None = None) -> list[Article]:
        return self._current().articles(date_from=date_from, date_to=date_to, source=source, kind=kind)

    def article(self, article_id: str) -> Article:
        """One article (NotFoundError for an unknown id)."""
        return self._current().article(article_id)

    def chunks(self, article_id: str) -> list[Chunk]:
        """The chunks of one article, in order (NotFoundError for an unknown id)."""
        return self._current().chunks(article_id)

    def issues(self) -> list[dict]:
        """One dict per ingested file: source, date, issue_number, articles, ingested_at; by date."""
        return self._current().issues()

    def delete(self, article_ids: Sequence[str] = (), sources: Sequence[str] = (), wait: bool = True,
               notice: Callable[[str], None] | None = None) -> int:
        """Remove articles and whole issues from every store (waiting for, or with ``wait=False`` refusing to
        wait for, another writer); the number of articles removed."""
        return self.archive.delete(article_ids=article_ids, sources=sources, wait=wait, notice=notice)

    def check(self, repair: bool = False, wait: bool = True,
              notice: Callable[[str], None] | None = None) -> CheckReport:
        """Catalog, vectors and keyword index compared id for id (rag.index.repair); ``repair`` makes them agree."""
        return self.archive.check(repair_stores=repair, wait=wait, notice=notice)

    def chunk_counts(self) -> dict[str, int]:
        """Article id -> number of chunks in the archive."""
        return self._current().chunk_counts()

    def masthead_date(self, path: Path) -> dt.date:
        """The issue date printed on a file's masthead. MissingDateError when it prints none, InputFileError when
        the file cannot be read as an issue."""
        from .ingest.read import read_issue

        return read_issue(Path(path)).date

    # --- ask (issue #3) -----------------------------------------------------------------------
    @property
    def retriever(self) -> HybridRetriever:
        """The HybridRetriever over this archive (a llama-index BaseRetriever; `retrieve_hits` for Hits)."""
        if self._retriever is None:
            from .answer.retrieve import HybridRetriever

            self._retriever = HybridRetriever(self.archive, k=self.settings.top_k,
                                              chunk_size=self.settings.chunk_size)
        return self._retriever

    def answer_engine(self) -> AnswerEngine:
        """The answer engine for settings.engine, built once (see rag.answer.engine.make_answer_engine)."""
        if self._answer_engine is None:
            from .answer.engine import make_answer_engine

            self._answer_engine = make_answer_engine(self.settings, self.archive.tokenizer,
                                                     lambda: self.archive.embedder, evidence=self.archive)
        return self._answer_engine

    def retrieve(self, question: str, date_from: dt.date | None = None, date_to: dt.date | None = None,
                 today: dt.date | None = None, k: int | None = None) -> list[Hit]:
        """Hits for a question: explicit dates win, else a time phrase of the question (relative to `today`)
        filters issue dates. Returns list[rag.models.Hit], best first."""
        from .answer.timeparse import parse_time, strip_time

        question = check_question(question)
        check_dates(date_from=date_from, date_to=date_to, today=today)
        self._current()
        found = None if date_from or date_to else parse_time(question, today or dt.date.today())
        if found is not None:
            date_from, date_to = found.issue_range()
        return self.retriever.retrieve_hits(strip_time(question, found), k, date_from, date_to)

    def ask(self, question: str, date_from: dt.date | None = None, date_to: dt.date | None = None,
            today: dt.date | None = None, history: Sequence = ()) -> Answer:
        """Answer one question; returns rag.models.Answer (search_query and the date filter filled in).

        history: [(question, answer_text), ...] of earlier turns; today: reference day for 上周/本月 (default
        the real today); date_from/date_to: issue-date filter that overrides time phrases."""
        *_, answer = self.ask_stream(question, date_from, date_to, today, history)
        return answer

    def ask_stream(self, question: str, date_from: dt.date | None = None, date_to: dt.date | None = None,
                   today: dt.date | None = None, history: Sequence = ()) -> Iterator[str | Answer]:
        """Yield text deltas (str) as they are produced (sentence by sentence for the extractive engine), then
        the final Answer (see rag.answer.ask). QuestionError for a question that is empty or longer than
        MAX_QUESTION_CHARS; DateRangeError for a date outside 1900..2100."""
        from .answer.ask import ask_stream

        question = check_question(question)
        check_dates(date_from=date_from, date_to=date_to, today=today)
        self._current()
        yield from ask_stream(question, [tuple(turn) for turn in history], engine=self.answer_engine(),
                              retriever=self.retriever, names=self.archive.tokenizer.proper_nouns,
                              top_k=self.settings.top_k, today=today or dt.date.today(), date_from=date_from,
                              date_to=date_to, newest=self.archive.newest_date, facts=self._known())

    # --- brief (issue #4) ---------------------------------------------------------------------
    def brief(self, date_from: dt.date, date_to: dt.date, progress: Progress | None = None,
              length: str = "full", max_items: int | None = None, keep: bool = False) -> Brief:
        """Briefing of the articles whose issue date is in [date_from, date_to], compared with the period of the
        same length before it (与上周相比); returns rag.models.Brief.

        length: "full" or "short"; max_items: at most this many main stories (the other articles go to 简讯);
        keep: save it in the archive's kept briefings (then Brief.id is set; see kept_briefs). NotFoundError
        when the range holds no article; LLMError when an LLM engine's backend fails.
        """
        from .brief.dates import no_articles, previous_period

        check_dates(date_from=date_from, date_to=date_to)
        articles = self._current().articles(date_from=date_from, date_to=date_to)
        if not any(not a.furniture for a in articles):  # a countdown box alone is no news to brief
            raise no_articles(date_from, date_to)
        before = self.archive.articles(*previous_period(date_from, date_to))
        brief = self._brief_engine().brief(articles, date_from, date_to, progress, previous=before,
                                           length=length, max_items=max_items)
        return self.keep_brief(brief) if keep else brief

    def keep_brief(self, brief: Brief) -> Brief:
        """Save a briefing in the archive (RAG_HOME/briefs); returns it with its id set."""
        return self._brief_store().save(brief)

    def kept_briefs(self) -> list[dict]:
        """The kept briefings, newest first: id, title, from, to, created, engine, length, items."""
        return self._brief_store().list()

    def kept_brief(self, brief_id: str) -> Brief:
        """A kept briefing, as it was made (NotFoundError for an unknown id)."""
        return self._brief_store().load(brief_id)

    def kept_brief_file(self, brief_id: str, fmt: str = "docx") -> Path:
        """A kept briefing written as md, docx or json (the same rendering as `rag brief`); returns the file."""
        return self._brief_store().export(brief_id, fmt)

    def delete_kept_brief(self, brief_id: str) -> None:
        """Remove a kept briefing and its files (NotFoundError for an unknown id)."""
        self._brief_store().delete(brief_id)

    def _brief_store(self):
        from .brief.store import BriefStore

        return BriefStore(self.settings.home / "briefs")

    def _brief_engine(self) -> BriefEngine:
        """The briefing engine for settings.engine (see rag.brief.engine.make_brief_engine); 与上周相比 tells a
        story's reports by the names the entity index holds for them."""
        from .brief.engine import make_brief_engine

        return make_brief_engine(self.settings, self.archive.tokenizer, self.archive.chunks,
                                 lambda: self.archive.embedder, lambda a: self.entities.story_names(a.id))

    # --- people, places and story threads (issue #14) ------------------------------------------
    @property
    def entities(self) -> EntityQueries:
        """Look-ups over the archive's entity index (rag.index.entities.query), caught up with other processes."""
        self._current()
        if self._entities is None:
            from .index.entities.query import EntityQueries

            self._entities = EntityQueries(self.archive)
        return self._entities

    def entity(self, name: str, kind: str | None = None) -> EntityProfile:
        """What the archive says of a person, place or organisation: its timeline (each article's sentence that
        names it, by date), for a person the posts over time, places named with them and the articles they
        wrote. NotFoundError when the archive names nothing so."""
        return self.entities.profile(name, kind)

    def name_meant(self, typed: str) -> str | None:
        """The person's name as the archive prints it when `typed` is one character off a single one it holds
        (王慧洁 -> 王慧杰), else None (rag.answer.known.KnownFacts.spellings, as the chat reads names)."""
        fixes = self._known().spellings(typed)
        return fixes[0][1] if len(fixes) == 1 and fixes[0][0] == typed.strip() else None

    def entity_names(self, query: str = "", kind: str | None = None, limit: int = 50) -> list[EntityName]:
        """Names of the entity index containing ``query`` (kind person | place | org | project | meeting), the
        most reported first."""
        return self.entities.names(query, kind, limit)

    def article_entities(self, article_id: str) -> list[Mention]:
        """The people, places, organisations and topics of one article, in text order (to link its names)."""
        return self.entities.of_article(article_id)

    def post_holders(self, post: str) -> list[Mention]:
        """Who the paper printed with a post (区委书记), each at their latest report, the latest first."""
        return self.entities.holders(post)

    def entity_facts(self, question: str) -> EntityFacts | None:
        """The entity index's facts for a question about a person, a place or a post (某人是谁, 做了哪些事, 去过哪些
        地方, 职务怎么变的, 某地发生过什么, 区委书记是谁), each with its article, date and sentence; None when
        the question names no known person, place or post."""
        return self._known().entity_facts(check_question(question))

    def _known(self) -> KnownFacts:
        """What the catalog and the entity index know of a question (rag.answer.known), for rag.answer.ask."""
        from .answer.known import KnownFacts

        return KnownFacts(self.archive, self.entities)

    def threads(self, article_id: str) -> StoryThread:
        """An article's story across issues: 前情 (earlier reports) and 后续 (later ones), oldest first."""
        return self.entities.thread(article_id)

    def coverage(self, today: dt.date | None = None, months: int = 12) -> Coverage:
        """Coverage balance: articles per town (乡镇/街道) and per department by month over ``months`` months up
        to ``today`` (default the real today), and the towns no article named in the last 30 days."""
        return self.entities.coverage(today or dt.date.today(), months)

    # --- query log and feedback (issue #12) ---------------------------------------------------
    @property
    def usage(self) -> UsageLog:
        """The query log and feedback of this archive (tables in its catalog.sqlite, see rag.index.usage)."""
        if self._usage is None:
            from .index.usage import UsageLog

            self._usage = UsageLog(self.settings.home / "catalog.sqlite")
        return self._usage

    def log_query(self, answer: Answer, seconds: float, history: Sequence[str] = ()) -> int:
        """Record a question answered for staff (history: the earlier questions of its chat); the query id."""
        return self.usage.log_query(answer, seconds, history)

    def add_feedback(self, query_id: int, good: bool, note: str = "", correction: str = "") -> int:
        """👍 (good=True) or 👎 on a logged answer, with an optional note and the right answer; the feedback id.
        NotFoundError for an unknown query id."""
        return self.usage.add_feedback(query_id, good, note, correction)

    def update_feedback(self, feedback_id: int, good: bool, note: str = "", correction: str = "") -> None:
        """Change a feedback row's verdict, note and right answer (NotFoundError for an unknown id)."""
        self.usage.update_feedback(feedback_id, good, note, correction)

    def queries(self, limit: int | None = 200) -> list[dict]:
        """The query log, newest first (see rag.index.usage.UsageLog.queries)."""
        return self.usage.queries(limit)

    def feedback(self, limit: int | None = None) -> list[dict]:
        """Feedback on answers, newest first (see rag.index.usage.UsageLog.feedback)."""
        return self.usage.feedback(limit)
