"""Briefings (本周要闻): the engine protocol, the default extractive engine, and the engine the settings choose.

An engine turns the articles of a date range into a `Brief`: an overview of the top stories, topic sections of
items, and citations, every sentence verified (rag.brief.assemble). The LLM engine is rag.brief.llm_engine.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol

from ..cite.verify import Verifier
from ..errors import NotFoundError
from ..models import Article, Brief, Progress
from .assemble import Assembler, ChunksOf, Draft
from .dates import no_articles
from .leads import shorten
from .stories import overview_count, select_stories, stories_for_range
from .topics import Tokenize, topic_sections

if TYPE_CHECKING:
    from llama_index.core.base.embeddings.base import BaseEmbedding

    from ..index.tokenize import Tokenizer
    from ..settings import Settings

OVERVIEW_CHARS = 36  # an overview sentence is cut to its main clause when a clause boundary allows


class BriefEngine(Protocol):
    """What the Service needs of a briefing engine: articles of a range in, a verified Brief out."""

    name: str

    def brief(self, articles: Sequence[Article], date_from: dt.date, date_to: dt.date,
              progress: Progress | None = None) -> Brief: ...


def make_brief_engine(settings: Settings, tokenizer: Tokenizer, chunks_of: ChunksOf,
                      embedder: Callable[[], BaseEmbedding]) -> BriefEngine:
    """The briefing engine for settings.engine over one archive: extractive (verbatim leads: n-gram checks
    suffice) or the LLM map-reduce engine (its paraphrases are also checked by embedding similarity, so only it
    calls `embedder` to load the archive's embedder). The tokenizer's whole words name the topics."""
    if settings.engine == "extractive":
        return ExtractiveBriefEngine(Verifier.for_tokenizer(tokenizer), tokenizer.words, chunks_of)
    from .llm_engine import LLMBriefEngine

    return LLMBriefEngine(settings, Verifier.for_tokenizer(tokenizer, embedder()), tokenizer.words, chunks_of)


class ExtractiveBriefEngine:
    """The default engine, no LLM: news leads of the top stories, de-duplicated, grouped into topics."""

    name = "extractive"

    def __init__(self, verifier: Verifier, tokenize: Tokenize, chunks_of: ChunksOf | None = None) -> None:
        """tokenize: text -> whole words (the archive tokenizer's `words`); chunks_of: article id -> its chunks,
        for the chunk each citation shows (None: the article's first 600 characters)."""
        self.verifier = verifier
        self.tokenize = tokenize
        self.chunks_of = chunks_of

    def brief(self, articles: Sequence[Article], date_from: dt.date, date_to: dt.date,
              progress: Progress | None = None) -> Brief:
        """Articles of [date_from, date_to] -> verified Brief; NotFoundError when there are none."""
        if not articles:
            raise no_articles(date_from, date_to)
        stories = select_stories(articles, stories_for_range((date_to - date_from).days + 1), progress)
        if not stories:
            raise NotFoundError(f"the {len(articles)} articles between {date_from} and {date_to} have no "
                                "news text to brief (only captions or lists?)")
        # The overview says each top story in its main clause; the sections then give the full lead.
        overview = [Draft(shorten(s.lead[0], OVERVIEW_CHARS), s.cited) for s in stories[: overview_count(len(stories))]]
        sections = [(topic, [Draft("".join(s.lead), s.cited) for s in members])
                    for topic, members in topic_sections(stories, self.tokenize)]
        return Assembler(self.verifier, self.chunks_of).build(date_from, date_to, overview, sections, self.name,
                                                              progress)
