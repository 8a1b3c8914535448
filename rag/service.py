"""The one module that wires the stages together. The CLI and the web app call only this.

Each method takes and returns the dataclasses of rag.models; nothing here opens files or models at import time.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from .settings import Settings

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]  # (done, total, what) -> None


class Service:
    """Facade over archive, retrieval, answer and briefing engines for one Settings."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._archive = None

    # --- archive (issue #2) -------------------------------------------------------------------
    @property
    def archive(self):
        if self._archive is None:
            from .index.archive import Archive

            self._archive = Archive(self.settings)
        return self._archive

    def ingest(self, paths: Sequence[Path], date: dt.date | None = None, progress: Progress | None = None):
        """Ingest files/folders; returns an IngestReport (see rag.index.update)."""
        return self.archive.ingest(list(paths), date=date, progress=progress)

    def articles(self, date_from: dt.date | None = None, date_to: dt.date | None = None, source: str | None = None):
        return self.archive.articles(date_from=date_from, date_to=date_to, source=source)

    def article(self, article_id: str):
        """One article (NotFoundError for an unknown id)."""
        return self.archive.article(article_id)

    def chunks(self, article_id: str):
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
    def retriever(self):
        """The HybridRetriever over this archive (a llama-index BaseRetriever; `retrieve_hits` for Hits)."""
        if getattr(self, "_retriever", None) is None:
            from .answer.retrieve import HybridRetriever

            self._retriever = HybridRetriever(self.archive, k=self.settings.top_k,
                                              chunk_size=self.settings.chunk_size)
        return self._retriever

    def answer_engine(self):
        """The answer engine for settings.engine, built once: extractive, or an LLM engine (rag.answer_llm)."""
        if getattr(self, "_answer_engine", None) is None:
            from .cite.verify import Verifier

            if self.settings.engine == "extractive":
                from .answer.extractive import ExtractiveEngine

                tok = self.archive.tokenizer
                self._answer_engine = ExtractiveEngine(Verifier(), self.archive.tokenize, tok.words, tok.proper_nouns)
            else:
                from .answer.llm_engine import make_llm_engine

                self._answer_engine = make_llm_engine(self.settings, Verifier(self.archive.embedder))
        return self._answer_engine

    def retrieve(self, question: str, date_from: dt.date | None = None, date_to: dt.date | None = None,
                 today: dt.date | None = None, k: int | None = None):
        """Hits for a question: explicit dates win, else a time phrase of the question (relative to `today`)
        filters issue dates. Returns list[rag.models.Hit], best first."""
        from .answer.timeparse import parse_time, strip_time

        found = None if date_from or date_to else parse_time(question, today or dt.date.today())
        if found is not None:
            date_from, date_to = found.issue_range()
        return self.retriever.retrieve_hits(strip_time(question, found), k, date_from, date_to)

    def _plan(self, question: str, date_from, date_to, today, history):
        """(question without its time phrase, search query, date_from, date_to, hits) for one turn."""
        from .answer import followup as chat
        from .answer.timeparse import parse_time, strip_time

        today = today or dt.date.today()
        engine = self.answer_engine()
        names = self.archive.tokenizer.proper_nouns
        if hasattr(engine, "rewrite"):
            standalone = engine.rewrite(question, history)
        else:
            standalone = chat.rewrite(question, history, self.archive.tokenizer.words, names)
        found = None
        if not (date_from or date_to):
            found = parse_time(question, today)
            if found is None and chat.carries_over(question, history, names):
                found = parse_time(history[-1][0], today)
            if found is not None:
                date_from, date_to = found.issue_range()
        query = strip_time(standalone, found)
        hits = self.retriever.retrieve_hits(query, self.settings.top_k, date_from, date_to)
        if not hits and found is not None and not found.exact_year:
            # 12月22日 without a year is a guess: when that year holds nothing, search all years
            date_from = date_to = None
            hits = self.retriever.retrieve_hits(query, self.settings.top_k)
        return strip_time(question, found), query, date_from, date_to, hits

    def ask(self, question: str, date_from: dt.date | None = None, date_to: dt.date | None = None,
            today: dt.date | None = None, history: Sequence = ()):
        """Answer one question; returns rag.models.Answer (search_query and the date filter filled in).

        history: [(question, answer_text), ...] of earlier turns; today: reference day for 上周/本月 (default
        the real today); date_from/date_to: issue-date filter that overrides time phrases."""
        *_, answer = self.ask_stream(question, date_from, date_to, today, history)
        return answer

    def ask_stream(self, question: str, date_from: dt.date | None = None, date_to: dt.date | None = None,
                   today: dt.date | None = None, history: Sequence = ()) -> Iterator:
        """Yield text deltas (str) as they are produced (sentence by sentence for the extractive engine), then
        the final Answer."""
        from .answer import followup as chat

        history = [tuple(turn) for turn in history]
        if history and self.settings.engine == "extractive" and not chat.points_back(question):
            # A question that names nothing but does not point back either may be a new topic
            # ("区图书馆夜读活动什么时候开始？" after a question about 全旺镇): carrying the last turn's words into
            # it was seen to refuse or mislead. Ask it as it stands; read it as a follow-up only when that fails.
            items = list(self._stream(question, date_from, date_to, today, []))
            if not items[-1].refused:
                yield from items
                return
        yield from self._stream(question, date_from, date_to, today, history)

    def _stream(self, question, date_from, date_to, today, history) -> Iterator:
        """ask_stream for one reading of the question (history as given)."""
        import dataclasses

        stripped, query, date_from, date_to, hits = self._plan(question, date_from, date_to, today, history)
        engine = self.answer_engine()
        # the extractive engine matches words, so it gets the question without its time phrase (and carries the
        # history itself); an LLM reads the real question
        asked = stripped if self.settings.engine == "extractive" else question
        for item in engine.stream(asked, hits, history):
            if isinstance(item, str):
                yield item
                continue
            yield dataclasses.replace(item, question=question, search_query=query, date_from=date_from,
                                      date_to=date_to)

    # --- brief (issue #4) ---------------------------------------------------------------------
    def brief(self, date_from: dt.date, date_to: dt.date, progress: Progress | None = None):
        """Briefing of the articles whose issue date is in [date_from, date_to]; returns rag.models.Brief.

        NotFoundError when the range holds no article; LLMError when an LLM engine's backend fails.
        """
        from .brief.dates import no_articles

        articles = self.archive.articles(date_from=date_from, date_to=date_to)
        if not articles:
            raise no_articles(date_from, date_to)
        return self._brief_engine().brief(articles, date_from, date_to, progress)

    def _brief_engine(self):
        """The briefing engine for settings.engine: extractive (verbatim leads: n-gram checks suffice) or an
        LLM map-reduce engine (its paraphrases are also checked by embedding similarity)."""
        from .cite.verify import Verifier

        tokenizer = getattr(self.archive, "tokenizer", None)
        tokenize = tokenizer.words if tokenizer is not None else None  # whole words name topics best
        if self.settings.engine == "extractive":
            from .brief.engine import ExtractiveBriefEngine

            return ExtractiveBriefEngine(Verifier(), self.archive.chunks, tokenize)
        from .brief.llm_engine import LLMBriefEngine

        verifier = Verifier(self.archive.embedder)
        return LLMBriefEngine(self.settings, verifier, self.archive.chunks, tokenize)
