"""Briefings (本周要闻): the engine protocol, the default extractive engine, and the engine the settings choose.

An engine turns the articles of a date range into a `Brief` that accounts for every article once (rag.brief.plan):
main stories in taxonomy sections, 简讯, 评论, an overview pointing at the top items, and 与上周相比 against the
previous period's articles; every sentence verified (rag.brief.assemble). The LLM engine is
rag.brief.llm_engine.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol

from ..cite.verify import Verifier
from ..errors import ConfigError
from ..models import Article, Brief, Progress
from .assemble import Assembler, ChunksOf
from .cuts import Tagger
from .dates import no_articles, previous_period
from .plan import LENGTHS, Length, plan_brief
from .threads import ArticleNames, Names

if TYPE_CHECKING:
    from llama_index.core.base.embeddings.base import BaseEmbedding

    from ..index.tokenize import Tokenizer
    from ..settings import Settings


class BriefEngine(Protocol):
    """What the Service needs of a briefing engine: articles of a range (and of the range before) in, a verified
    Brief out."""

    name: str

    def brief(self, articles: Sequence[Article], date_from: dt.date, date_to: dt.date,
              progress: Progress | None = None, previous: Sequence[Article] | None = None,
              length: str = "full", max_items: int | None = None) -> Brief: ...


class Words(Protocol):
    """What the engines use of the archive's tokenizer: POS tags (for sound cuts) and proper nouns (threads)."""

    def tags(self, text: str) -> list[tuple[str, str]]: ...

    def proper_nouns(self, text: str) -> list[str]: ...


def make_brief_engine(settings: Settings, tokenizer: Tokenizer, chunks_of: ChunksOf,
                      embedder: Callable[[], BaseEmbedding],
                      entity_names: ArticleNames | None = None) -> BriefEngine:
    """The briefing engine for settings.engine over one archive: extractive (verbatim sentences: n-gram checks
    suffice) or the LLM map engine (its paraphrases are also checked by embedding similarity, so only it calls
    `embedder` to load the archive's embedder). entity_names: the archive's entity index names of an article,
    which 与上周相比 compares (None: the tokenizer's proper nouns)."""
    if settings.engine == "extractive":
        return ExtractiveBriefEngine(Verifier.for_tokenizer(tokenizer), tokenizer, chunks_of, entity_names)
    from .llm_engine import LLMBriefEngine

    return LLMBriefEngine(settings, Verifier.for_tokenizer(tokenizer, embedder()), tokenizer, chunks_of,
                          entity_names=entity_names)


def length_of(name: str) -> Length:
    """The Length called `name` (full | short); ConfigError for another."""
    try:
        return LENGTHS[name]
    except KeyError:
        raise ConfigError(f"unknown briefing length {name!r}: use full or short") from None


def previous_range(date_from: dt.date, date_to: dt.date, previous: Sequence[Article] | None) \
        -> tuple[dt.date, dt.date] | None:
    """The period a briefing compares with, or None when the caller gave no previous articles to compare."""
    return None if previous is None else previous_period(date_from, date_to)


class ExtractiveBriefEngine:
    """The default engine, no LLM: verbatim ledes and key sentences, cut soundly, grouped into sections."""

    name = "extractive"

    def __init__(self, verifier: Verifier, words: Words, chunks_of: ChunksOf | None = None,
                 entity_names: ArticleNames | None = None) -> None:
        """words: the archive's tokenizer (POS tags and proper nouns); chunks_of: article id -> its chunks, for
        the chunk each citation shows (None: the article's first 600 characters); entity_names: the entity
        index's names of an article, for 与上周相比 (None: the tokenizer's proper nouns)."""
        self.verifier = verifier
        self.tagger: Tagger = words.tags
        self.names: Names = words.proper_nouns
        self.chunks_of = chunks_of
        self.entity_names = entity_names

    def brief(self, articles: Sequence[Article], date_from: dt.date, date_to: dt.date,
              progress: Progress | None = None, previous: Sequence[Article] | None = None,
              length: str = "full", max_items: int | None = None) -> Brief:
        """Articles of [date_from, date_to] -> verified Brief; `previous`: the articles of the period before
        (None: no 与上周相比). NotFoundError when there are no articles."""
        if not articles:
            raise no_articles(date_from, date_to)
        plan = plan_brief(articles, date_from, date_to, self.tagger, self.names, previous or (),
                          length_of(length), max_items, progress, self.entity_names)
        return Assembler(self.verifier, self.chunks_of).build(
            date_from, date_to, plan.sections, plan.overview, self.name, plan.changes,
            previous_range(date_from, date_to, previous), length, progress)
