"""The verified assembly both briefing engines share: drafts in, a Brief out.

Every sentence is checked by the Verifier against the articles it cites; a sentence that fails is dropped from its
item (an item left with none falls back to its verbatim draft text, and one that still fails is kept with
supported=False, which renderers skip). The coverage rule is enforced here for both engines: a fact a draft
`requires` (the key figure or named official of its story) that the kept text does not state is added back as
the verbatim sentence that states it. Items are numbered in reading order, the overview points at them by
number, and citations are numbered on first use, each with the chunk of its article that best holds what was
said and the verbatim quote in it. 与上周相比 entries cite this period's and the previous period's articles.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..cite.citations import find_quote
from ..models import Article, Brief, BriefChange, BriefItem, BriefSection, Chunk, Citation, Progress
from ..text import char_ngrams, overlap
from .dates import brief_title
from .leads import posted_names, quantities, sentences_of

if TYPE_CHECKING:
    from ..cite.verify import Verifier
    from .threads import Thread

log = logging.getLogger(__name__)

ChunksOf = Callable[[str], Sequence[Chunk]]  # article id -> its chunks (Archive.chunks)

_COMPLETE_RE = re.compile(r"[。！？!?][”’」』）)]*$")


@dataclass(eq=False)
class Draft:
    """An item before verification.

    kind: story | short | commentary; text: one or more sentences ("" for a commentary listed by title and
    author); fallback: verbatim text used when no sentence of `text` is supported (an LLM's wrong summary);
    required: verbatim sentences whose figures and named officials the item must state (added back if missing).
    """

    text: str
    articles: list[Article]
    fallback: str = ""
    kind: str = "story"
    headline: str = ""
    author: str = ""
    required: tuple[str, ...] = ()
    pointer: str = field(default="", repr=False)  # the short headline an overview entry shows


@dataclass(frozen=True)
class ChangeDraft:
    """A 与上周相比 entry before verification: the draft of this period's item and its Thread verdict."""

    draft: Draft
    thread: Thread


# A line that names things under a label ("考察：府前未来社区、美高短剧超级工厂、衢江港区。", see stops.py).
_LISTED_RE = re.compile(r"^([\u4e00-\u9fff]{2,12})：([^：；。]+)。$")


def listed(sentence: str) -> tuple[str, list[str]] | None:
    """(label, names) of a labelled list line; None for another sentence."""
    m = _LISTED_RE.match(sentence)
    names = [n for n in m.group(2).split("、") if n] if m else []
    return (m.group(1), names) if m and len(names) >= 2 else None


def listed_line_supported(sentence: str, sources: Sequence[str]) -> bool:
    """True for a labelled list line whose label and every name are printed, verbatim, in one cited text: the
    line says nothing else (the names come from different paragraphs, so no stretch of the text holds it)."""
    parts = listed(sentence)
    if parts is None:
        return False
    label, names = parts
    return any(all(w in text for w in (label, *names)) for text in (re.sub(r"\s+", "", t) for t in sources))


def facts_of(sentence: str) -> list[str]:
    """The facts an item must not lose from a sentence: its quantities and officials named with their post, and
    the names of a labelled list line."""
    names = (listed(sentence) or ("", []))[1]
    return quantities(sentence) + [n[-3:] for n in posted_names(sentence)] + names


class Assembler:
    """Numbers items and citations, verifies every sentence and builds the Brief; shared by both engines."""

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
            if ok or listed_line_supported(sentence, sources):
                kept.append(sentence)
            else:
                log.info("unsupported briefing sentence (score %.2f) dropped: %s", score, sentence[:40])
        return kept

    def _cite(self, articles: Sequence[Article], said: str) -> tuple[int, ...]:
        """Citation numbers of the articles (numbered on first use), recording what was said of each."""
        numbers = []
        for article in articles:
            if article.id not in self._numbers:
                self._numbers[article.id] = len(self._numbers) + 1
                self._cited[article.id] = (article, self._chunk(article, said or article.title), [])
            if said:
                self._cited[article.id][2].append(said)
            numbers.append(self._numbers[article.id])
        return tuple(numbers)

    def item(self, draft: Draft, number: int = 0) -> BriefItem:
        """Verify each sentence of a draft against what its articles say, add back required facts it lost, and
        number its citations on first use."""
        texts = [self._source_text(a) for a in draft.articles]
        if not draft.text:  # listed by headline (and author): nothing stated to verify
            numbers = self._cite(draft.articles, "")
            return BriefItem("", numbers, True, draft.headline, draft.kind, number, draft.author)
        kept = self._verified(draft.text, texts)
        if not kept and draft.fallback:
            kept = self._verified(draft.fallback, texts)
        for sentence in draft.required:
            said = "".join(kept)
            if any(f not in said for f in facts_of(sentence)) and sentence not in said:
                kept += self._verified(sentence, texts)
        text = "".join(kept) or draft.text
        numbers = self._cite(draft.articles, "".join(kept))
        return BriefItem(text, numbers, bool(kept), draft.headline, draft.kind, number, draft.author)

    def change(self, entry: ChangeDraft, item: BriefItem) -> BriefChange:
        """A 与上周相比 entry for a numbered item; a moved number whose clauses fail verification is reported as
        a continuing story only."""
        thread = entry.thread
        headline = entry.draft.pointer or entry.draft.headline or item.text[:30]
        if thread.previous is None:
            return BriefChange("new", item.number, headline, item.citations[:1])
        kind, before, after = thread.kind, thread.before, thread.after
        if kind == "moved":
            ok_before, _ = self.verifier.check(before + "。", [self._source_text(thread.previous)])
            ok_after, _ = self.verifier.check(after + "。", [self._source_text(entry.draft.articles[0])])
            if not (ok_before and ok_after):
                kind, before, after = "continuing", "", ""
        numbers = item.citations[:1] + self._cite([thread.previous], before or thread.previous.title)
        return BriefChange(kind, item.number, headline, numbers, thread.previous.title, thread.previous.date,
                           before, after, stages=thread.stages)

    def citations(self) -> tuple[tuple[Citation, ...], tuple[Article, ...]]:
        """Citations in number order (quote = the verbatim span supporting the cited sentences) and sources."""
        out = []
        for article_id, n in sorted(self._numbers.items(), key=lambda kv: kv[1]):
            article, chunk, used = self._cited[article_id]
            chunk_text = chunk.text if chunk else article.body[:600]
            quote = find_quote("".join(used), chunk_text) if used else ""
            out.append(Citation(n=n, article_id=article.id, title=article.title, date=article.date,
                                source=article.source, quote=quote or chunk_text[:60], chunk=chunk_text,
                                chunk_id=chunk.id if chunk else "", reporters=article.reporters,
                                kind=article.kind, correspondents=article.correspondents))
        return tuple(out), tuple(self._cited[c.article_id][0] for c in out)

    def build(self, date_from: dt.date, date_to: dt.date, sections: Sequence[tuple[str, Sequence[Draft]]],
              overview: Sequence[Draft], engine: str, changes: Sequence[ChangeDraft] = (),
              previous: tuple[dt.date, dt.date] | None = None, length: str = "full",
              progress: Progress | None = None) -> Brief:
        """Verify and number the sections' items in reading order, point the overview at them, add 与上周相比."""
        total = sum(len(items) for _, items in sections)
        done, built, made = 0, [], {}
        for topic, drafts in sections:
            items = []
            for draft in drafts:
                done += 1
                made[id(draft)] = self.item(draft, done)
                items.append(made[id(draft)])
                if progress and (done % 10 == 0 or done == total):
                    progress(done, total, "verify")
            built.append(BriefSection(topic, tuple(items)))
        # the overview goes as the briefing does (第1条, 第2条, …), not by score: it points at the items
        pointers = tuple(sorted((BriefItem(d.pointer or d.headline, made[id(d)].citations, made[id(d)].supported,
                                           kind="pointer", number=made[id(d)].number)
                                 for d in overview if id(d) in made and made[id(d)].supported),
                                key=lambda p: p.number))
        compared = tuple(self.change(c, made[id(c.draft)]) for c in changes if made[id(c.draft)].supported)
        citations, sources = self.citations()
        unsupported = sum(not i.supported for s in built for i in s.items)
        log.info("brief %s..%s: %d items in %d sections, %d citations, %d unsupported, %d changes", date_from,
                 date_to, total, len(built), len(citations), unsupported, len(compared))
        return Brief(date_from, date_to, brief_title(date_from, date_to), pointers, tuple(built), citations,
                     sources, engine, compared, previous, length)
