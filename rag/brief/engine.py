"""Briefings (本周要闻): date ranges, the extractive engine, and the verified assembly both engines share.

An engine turns the articles of a date range into a `Brief`: an overview of the top stories, topic sections of
items, and citations. Every sentence is checked by the Verifier against the chunk it cites; a sentence that fails
is dropped from its item (an item left with none is kept with supported=False, and renderers skip it).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from .stories import Story, select_stories, stories_for_range
from .leads import char_ngrams, shorten, similarity, split_sentences
from .topics import group_topics, keywords, people
from ..cite.citations import find_quote
from ..errors import NotFoundError
from ..models import Article, Brief, BriefItem, BriefSection, Chunk, Citation

if TYPE_CHECKING:
    from ..cite.verify import Verifier

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]
ChunksOf = Callable[[str], Sequence[Chunk]]  # article id -> its chunks (Archive.chunks)
Tokenize = Callable[[str], Sequence[str]]

OVERVIEW_CHARS = 36  # an overview sentence is cut to its main clause when a clause boundary allows
_COMPLETE_RE = re.compile(r"[。！？!?][”’」』）)]*$")
_WEEK_RE = re.compile(r"^\s*(\d{4})-?W(\d{1,2})\s*$", re.IGNORECASE)


# --- date ranges ------------------------------------------------------------------------------------------

def parse_week(spec: str) -> tuple[dt.date, dt.date]:
    """"2023-W34" -> (Monday, Sunday) of that ISO week; ValueError for anything else."""
    m = _WEEK_RE.match(spec)
    if not m:
        raise ValueError(f"not an ISO week: {spec!r} (use e.g. 2023-W34)")
    try:
        monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
    except ValueError:
        raise ValueError(f"{spec!r}: year {m[1]} has no week {int(m[2])}") from None
    return monday, monday + dt.timedelta(days=6)


def last_week(today: dt.date) -> tuple[dt.date, dt.date]:
    """Monday..Sunday of the ISO week before the one containing `today`."""
    monday = today - dt.timedelta(days=today.weekday() + 7)
    return monday, monday + dt.timedelta(days=6)


def resolve_range(date_from: dt.date | None = None, date_to: dt.date | None = None, week: str | None = None,
                  previous_week: bool = False, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The (from, to) a `rag brief` invocation asks for: --week, --last-week [--today], or --from/--to.

    --from alone runs to `today`; --to alone starts six days earlier. ValueError when nothing or two ways are
    given, or when from > to.
    """
    ways = sum([week is not None, previous_week, date_from is not None or date_to is not None])
    if ways != 1:
        raise ValueError("give exactly one of --week 2023-W34, --last-week [--today D], or --from D [--to D]")
    if week is not None:
        return parse_week(week)
    if previous_week:
        return last_week(today or dt.date.today())
    start = date_from or (date_to - dt.timedelta(days=6))  # type: ignore[operator]
    end = date_to or today or dt.date.today()
    if start > end:
        raise ValueError(f"--from {start} is after --to {end}")
    return start, end


def brief_title(date_from: dt.date, date_to: dt.date) -> str:
    """"今日衢江 本周要闻（2023年8月21日—8月27日）"; 要闻摘编 for a range that is not one Monday..Sunday week."""
    kind = "本周要闻" if date_from.weekday() == 0 and (date_to - date_from).days == 6 else "要闻摘编"
    end = f"{date_to.month}月{date_to.day}日"
    if date_to.year != date_from.year:
        end = f"{date_to.year}年{end}"
    return f"今日衢江 {kind}（{date_from.year}年{date_from.month}月{date_from.day}日—{end}）"


def no_articles(date_from: dt.date, date_to: dt.date) -> NotFoundError:
    """The error for an empty range (never an empty document)."""
    return NotFoundError(f"no articles with an issue date between {date_from} and {date_to}; "
                         "ingest issues first or choose another range")


# --- engines ----------------------------------------------------------------------------------------------

class BriefEngine(Protocol):
    name: str

    def brief(self, articles: Sequence[Article], date_from: dt.date, date_to: dt.date,
              progress: Progress | None = None) -> Brief: ...


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
        return max(chunks, key=lambda c: (similarity(want, char_ngrams(c.text)), -c.index))

    @staticmethod
    def _source_text(article: Article) -> str:
        """What a citation vouches for: the article's title, issue date and text (a summary may draw on more
        than one chunk; the verifier scores the best-matching sentences of it)."""
        return f"{article.title}\n{article.date.year}年{article.date.month}月{article.date.day}日\n{article.body}"

    def _verified(self, text: str, sources: Sequence[str]) -> list[str]:
        kept = []
        for sentence in split_sentences(text):
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


def overview_count(stories: int) -> int:
    """3-5 overview sentences (fewer only when there are fewer stories)."""
    return min(stories, 5 if stories >= 12 else 4 if stories >= 6 else 3)


def topic_sections(stories: Sequence[Story], tokenize: Tokenize) -> list[tuple[str, list[Story]]]:
    """Topic sections over the selected stories, named from their own title/lead words."""
    names = people([s.article.body[:400] for s in stories]) | {n for s in stories for n in s.article.reporters}
    kws = [keywords(s.article.title, "".join(s.lead), tokenize, names) for s in stories]
    max_sections = max(2, min(7, len(stories) // 3))
    topics = group_topics(kws, [s.score for s in stories], max_sections=max_sections)
    return [(t.label, [stories[i] for i in t.members]) for t in topics]


class ExtractiveBriefEngine:
    """The default engine, no LLM: news leads of the top stories, de-duplicated, grouped into topics."""

    name = "extractive"

    def __init__(self, verifier: Verifier, chunks_of: ChunksOf | None = None,
                 tokenize: Tokenize | None = None) -> None:
        self.verifier = verifier
        self.chunks_of = chunks_of
        if tokenize is None:
            from ..index.tokenize import default_tokenizer

            tokenize = default_tokenizer().words
        self.tokenize = tokenize

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
