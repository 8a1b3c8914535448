"""The verified assembly both briefing engines share: drafts in, a Brief out.

Every sentence is checked by the Verifier against the articles it cites; a sentence that fails is dropped from its
item (an item left with none is kept with supported=False, and renderers skip it). Citations are numbered in
reading order, each with the chunk of its article that best holds what was said and the verbatim quote in it.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..cite.citations import find_quote
from ..models import Article, Brief, BriefItem, BriefSection, Chunk, Citation, Progress
from ..text import char_ngrams, overlap
from .dates import brief_title
from .leads import sentences_of

if TYPE_CHECKING:
    from ..cite.verify import Verifier

log = logging.getLogger(__name__)

ChunksOf = Callable[[str], Sequence[Chunk]]  # article id -> its chunks (Archive.chunks)

_COMPLETE_RE = re.compile(r"[。！？!?][”’」』）)]*$")


@dataclass
class Draft:
    """An item before verification: its text (one or more sentences), the articles it cites, and a verbatim
    fallback (the extractive lead) used when no sentence of `text` is supported (an LLM's wrong summary)."""

    text: str
    articles: list[Article]
    fallback: str = ""


class Assembler:
    """Numbers citations, verifies every sentence and builds the Brief; shared by both engines."""

    def __init__(self, verifier: Verifier, chunks_of: ChunksOf | None = None) -> None:
        self.verifier = verifier
        self.chunks_of = chunks_of
        self._numbers: dict[str, int] = {}
        self._cited: dict[str, tuple[Article, Chunk | None, list[str]]] = {}

    def _chunk(self, article: Article, text: str) -> Chunk | None:
        """The chunk of the article that best contains `text` (None when the archive gives no chunks)."""
        chunks = list(self.chunks_of(article.id)) if self.chunks_of else []
        if not chunks:
            return None
        want = char_ngrams(text)
        return max(chunks, key=lambda c: (overlap(want, char_ngrams(c.text)), -c.index))

    @staticmethod
    def _source_text(article: Article) -> str:
        """What a citation vouches for: the article's title, issue date and text (a summary may draw on more
        than one chunk; the verifier scores the best-matching sentences of it)."""
        return f"{article.title}\n{article.date.year}年{article.date.month}月{article.date.day}日\n{article.body}"

    def _verified(self, text: str, sources: Sequence[str]) -> list[str]:
        kept = []
        for sentence in sentences_of(text):
            if not _COMPLETE_RE.search(sentence):  # a fragment ("标题：…" echoed by a small model) is no sentence
                log.info("unfinished briefing sentence dropped: %s", sentence[:40])
                continue
            ok, score = self.verifier.check(sentence, sources)
            if ok:
                kept.append(sentence)
            else:
                log.info("unsupported briefing sentence (score %.2f) dropped: %s", score, sentence[:40])
        return kept

    def item(self, draft: Draft) -> BriefItem:
        """Verify each sentence of a draft against what its articles say; number the citations on first use."""
        texts = [self._source_text(a) for a in draft.articles]
        kept = self._verified(draft.text, texts)
        if not kept and draft.fallback:
            kept = self._verified(draft.fallback, texts)
        chunks = []
        for article in draft.articles:
            cached = self._cited.get(article.id)
            chunks.append(cached[1] if cached else self._chunk(article, "".join(kept) or draft.text))
        numbers = []
        for article, chunk in zip(draft.articles, chunks):
            if article.id not in self._numbers:
                self._numbers[article.id] = len(self._numbers) + 1
                self._cited[article.id] = (article, chunk, [])
            self._cited[article.id][2].extend(kept or [draft.text])
            numbers.append(self._numbers[article.id])
        return BriefItem("".join(kept) or draft.text, tuple(numbers), supported=bool(kept))

    def citations(self) -> tuple[tuple[Citation, ...], tuple[Article, ...]]:
        """Citations in number order (quote = the verbatim span supporting the cited sentences) and sources."""
        out = []
        for article_id, n in sorted(self._numbers.items(), key=lambda kv: kv[1]):
            article, chunk, used = self._cited[article_id]
            chunk_text = chunk.text if chunk else article.body[:600]
            out.append(Citation(n=n, article_id=article.id, title=article.title, date=article.date,
                                source=article.source, quote=find_quote("".join(used), chunk_text),
                                chunk=chunk_text, chunk_id=chunk.id if chunk else "", reporters=article.reporters))
        return tuple(out), tuple(self._cited[c.article_id][0] for c in out)

    def build(self, date_from: dt.date, date_to: dt.date, overview: Sequence[Draft],
              sections: Sequence[tuple[str, Sequence[Draft]]], engine: str,
              progress: Progress | None = None) -> Brief:
        """Verify and number overview then sections (citations numbered in reading order) into a Brief."""
        total = len(overview) + sum(len(items) for _, items in sections)
        done = 0

        def step(draft: Draft) -> BriefItem:
            nonlocal done
            done += 1
            if progress and (done % 10 == 0 or done == total):
                progress(done, total, "verify")
            return self.item(draft)

        over = tuple(step(d) for d in overview)
        built = tuple(BriefSection(topic, tuple(step(d) for d in items)) for topic, items in sections)
        citations, sources = self.citations()
        unsupported = sum(not i.supported for i in over + tuple(i for s in built for i in s.items))
        log.info("brief %s..%s: %d sections, %d citations, %d unsupported items", date_from, date_to,
                 len(built), len(citations), unsupported)
        return Brief(date_from, date_to, brief_title(date_from, date_to), over, built, citations, sources, engine)
