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
            from .archive import Archive

            self._archive = Archive(self.settings)
        return self._archive

    def ingest(self, paths: Sequence[Path], date: dt.date | None = None, progress: Progress | None = None):
        """Ingest files/folders; returns an IngestReport (see rag.archive)."""
        return self.archive.ingest(list(paths), date=date, progress=progress)

    def articles(self, date_from: dt.date | None = None, date_to: dt.date | None = None, source: str | None = None):
        return self.archive.articles(date_from=date_from, date_to=date_to, source=source)

    def delete(self, article_ids: Sequence[str] = (), sources: Sequence[str] = ()) -> int:
        return self.archive.delete(article_ids=article_ids, sources=sources)

    def chunk_counts(self) -> dict[str, int]:
        """Article id -> number of chunks in the archive."""
        return self.archive.chunk_counts()

    # --- ask (issue #3) -----------------------------------------------------------------------
    def ask(self, question: str, date_from: dt.date | None = None, date_to: dt.date | None = None,
            today: dt.date | None = None, history: Sequence = ()):
        """Answer one question; returns rag.models.Answer."""
        raise NotImplementedError("ask: issue #3")

    def ask_stream(self, question: str, date_from: dt.date | None = None, date_to: dt.date | None = None,
                   today: dt.date | None = None, history: Sequence = ()) -> Iterator:
        """Yield text deltas (str) as they are produced, then the final Answer."""
        raise NotImplementedError("ask_stream: issue #3")

    # --- brief (issue #4) ---------------------------------------------------------------------
    def brief(self, date_from: dt.date, date_to: dt.date, progress: Progress | None = None):
        """Briefing of the articles whose issue date is in [date_from, date_to]; returns rag.models.Brief.

        NotFoundError when the range holds no article; LLMError when an LLM engine's backend fails.
        """
        from .brief import no_articles

        articles = self.archive.articles(date_from=date_from, date_to=date_to)
        if not articles:
            raise no_articles(date_from, date_to)
        return self._brief_engine().brief(articles, date_from, date_to, progress)

    def _brief_engine(self):
        """The briefing engine for settings.engine: extractive (verbatim leads: n-gram checks suffice) or an
        LLM map-reduce engine (its paraphrases are also checked by embedding similarity)."""
        from .verify import Verifier

        tokenizer = getattr(self.archive, "tokenizer", None)
        tokenize = tokenizer.words if tokenizer is not None else None  # whole words name topics best
        if self.settings.engine == "extractive":
            from .brief import ExtractiveBriefEngine

            return ExtractiveBriefEngine(Verifier(), self.archive.chunks, tokenize)
        from .brief_llm import LLMBriefEngine

        verifier = Verifier(self.archive.embedder)
        return LLMBriefEngine(self.settings, verifier, self.archive.chunks, tokenize)
