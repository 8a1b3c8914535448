"""The one module that wires the stages together. The CLI and the web app call only this.

Each method takes and returns the dataclasses of rag.models; nothing here opens files or models at import time.
The engines sit behind protocols (rag.answer.engine.AnswerEngine, rag.brief.engine.BriefEngine): which engine the
settings choose is decided where they are made, never here; a question's way to its Answer is rag.answer.ask.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .models import Answer, Article, Brief, Chunk, Hit, Progress
from .settings import Settings

if TYPE_CHECKING:
    from .answer.engine import AnswerEngine
    from .answer.retrieve import HybridRetriever
    from .brief.engine import BriefEngine
    from .index.archive import Archive
    from .index.update import IngestReport

log = logging.getLogger(__name__)



class Service:
    """Facade over archive, retrieval, answer and briefing engines for one Settings."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._archive: Archive | None = None
        self._retriever: HybridRetriever | None = None
        self._answer_engine: AnswerEngine | None = None

    # --- archive (issue #2) -------------------------------------------------------------------
    @property
    def archive(self) -> Archive:
        if self._archive is None:
            from .index.archive import Archive

            self._archive = Archive(self.settings)
        return self._archive

    def ingest(self, paths: Sequence[Path], date: dt.date | None = None,
               progress: Progress | None = None) -> IngestReport:
        """Ingest files/folders; returns an IngestReport (see rag.index.update)."""
        return self.archive.ingest(list(paths), date=date, progress=progress)

    def articles(self, date_from: dt.date | None = None, date_to: dt.date | None = None,
                 source: str | None = None) -> list[Article]:
        return self.archive.articles(date_from=date_from, date_to=date_to, source=source)

    def article(self, article_id: str) -> Article:
        """One article (NotFoundError for an unknown id)."""
        return self.archive.article(article_id)

    def chunks(self, article_id: str) -> list[Chunk]:
        """The chunks of one article, in order (NotFoundError for an unknown id)."""
        return self.archive.chunks(article_id)

    def issues(self) -> list[dict]:
        """One dict per ingested file: source, date, issue_number, articles, ingested_at; by date."""
        return self.archive.issues()

    def delete(self, article_ids: Sequence[str] = (), sources: Sequence[str] = ()) -> int:
        return self.archive.delete(article_ids=article_ids, sources=sources)

    def chunk_counts(self) -> dict[str, int]:
        """Article id -> number of chunks in the archive."""
        return self.archive.chunk_counts()

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
        the final Answer (see rag.answer.ask)."""
        from .answer.ask import ask_stream

        yield from ask_stream(question, [tuple(turn) for turn in history], engine=self.answer_engine(),
                              retriever=self.retriever, names=self.archive.tokenizer.proper_nouns,
                              top_k=self.settings.top_k, today=today or dt.date.today(), date_from=date_from,
                              date_to=date_to, newest=self.archive.newest_date)

    # --- brief (issue #4) ---------------------------------------------------------------------
    def brief(self, date_from: dt.date, date_to: dt.date, progress: Progress | None = None) -> Brief:
        """Briefing of the articles whose issue date is in [date_from, date_to]; returns rag.models.Brief.

        NotFoundError when the range holds no article; LLMError when an LLM engine's backend fails.
        """
        from .brief.dates import no_articles

        articles = self.archive.articles(date_from=date_from, date_to=date_to)
        if not articles:
            raise no_articles(date_from, date_to)
        return self._brief_engine().brief(articles, date_from, date_to, progress)

    def _brief_engine(self) -> BriefEngine:
        """The briefing engine for settings.engine (see rag.brief.engine.make_brief_engine)."""
        from .brief.engine import make_brief_engine

        return make_brief_engine(self.settings, self.archive.tokenizer, self.archive.chunks,
                                 lambda: self.archive.embedder)
