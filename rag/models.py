"""Frozen dataclasses exchanged between the pipeline stages.

ingest -> (IssueText) -> parse -> (Article) -> chunk -> (Chunk) -> index / retrieve -> (Hit)
-> answer / brief -> (Citation, Answer, Brief) -> render.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

Progress = Callable[[int, int, str], None]  # progress callback of long jobs: (done, total, what) -> None


@dataclass(frozen=True)
class IssueText:
    """The text of one issue file, decoded and repaired, before it is split into articles."""

    source: str  # file name as given by the user (basename), the key for replace/delete
    path: str  # absolute path read
    sha1: str  # hash of the raw file bytes, for idempotent re-ingest
    text: str  # repaired text (see rag/ingest/clean.py)
    date: dt.date | None  # masthead date, or the --date override
    issue_number: str | None = None  # e.g. "总第3684期" -> "3684"


@dataclass(frozen=True)
class Article:
    """One article of an issue."""

    id: str  # stable across re-ingest of the same file content
    title: str
    body: str  # article text without headline, byline prefix kept out of the title
    date: dt.date  # issue date (not the event date)
    source: str
    position: int  # 0-based order within the issue
    reporters: tuple[str, ...] = ()
    correspondents: tuple[str, ...] = ()
    title_inferred: bool = False  # True when no headline matched and the title was made from the lead
    kind: str = "news"  # news | commentary | photo | list | notice
    author: str | None = None  # pen name of a signed commentary
    issue_number: str | None = None
    page: int | None = None


@dataclass(frozen=True)
class Chunk:
    """A piece of one article, a few hundred characters, never crossing article boundaries."""

    id: str  # f"{article_id}:{index}"
    article_id: str
    index: int
    text: str  # chunk text (body span); the title is carried in metadata
    start: int  # character offsets of text in Article.body
    end: int
    metadata: dict = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Hit:
    """A retrieved chunk with its score and article metadata."""

    chunk_id: str
    article_id: str
    text: str
    score: float
    title: str
    date: dt.date
    source: str
    reporters: tuple[str, ...] = ()
    start: int = 0
    end: int = 0


@dataclass(frozen=True)
class Citation:
    """What a [n] marker points to: the chunk, and the verbatim quote inside it that supports the sentence."""

    n: int  # 1-based marker number
    article_id: str
    title: str
    date: dt.date
    source: str
    quote: str  # verbatim span of the article
    chunk: str  # the chunk text the quote lies in
    chunk_id: str = ""
    reporters: tuple[str, ...] = ()

    def to_json(self) -> dict:
        return {
            "n": self.n,
            "article_id": self.article_id,
            "title": self.title,
            "date": self.date.isoformat(),
            "source": self.source,
            "quote": self.quote,
            "chunk": self.chunk,
        }


@dataclass(frozen=True)
class Sentence:
    """One sentence of an answer or briefing with the markers it carries and the verifier's verdict."""

    text: str  # without markers
    citations: tuple[int, ...]
    supported: bool = True
    score: float = 1.0  # verifier support score in [0, 1]


@dataclass(frozen=True)
class Answer:
    question: str
    answer: str  # text shown to the user, markers included: "...。[1]"
    refused: bool
    engine: str  # "extractive", "openai:<model>", "llamacpp:<file>"
    citations: tuple[Citation, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    prompt: str | None = None  # "qa_answer@v1" for LLM engines
    search_query: str | None = None  # rewritten question actually searched
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    def to_json(self, id: str | None = None) -> dict:
        out = {
            "question": self.question,
            "answer": self.answer,
            "refused": self.refused,
            "engine": self.engine,
            "citations": [c.to_json() for c in self.citations],
        }
        if id is not None:
            out = {"id": id, **out}
        return out


@dataclass(frozen=True)
class BriefItem:
    """One entry of a briefing. kind: story (a main story: its lead and the sentence with its key figures),
    short (简讯: headline and one line), commentary (评论: title and author), pointer (an overview entry: a
    short headline pointing to the item numbered `number`)."""

    text: str  # without markers; "" for a commentary listed by title and author
    citations: tuple[int, ...]
    supported: bool = True
    headline: str = ""  # the article's headline as shown ("" when the parser had to make one up)
    kind: str = "story"
    number: int = 0  # 1-based place among the briefing's items; for a pointer, the item it points to
    author: str = ""  # a commentary's author (often a pen name)

    def to_json(self) -> dict:
        out = {"text": self.text, "citations": list(self.citations), "supported": self.supported}
        extra = {"headline": self.headline, "kind": self.kind, "number": self.number, "author": self.author}
        return out | {k: v for k, v in extra.items() if v}


@dataclass(frozen=True)
class BriefSection:
    topic: str
    items: tuple[BriefItem, ...]


@dataclass(frozen=True)
class BriefChange:
    """与上周相比, for one item: a story continuing from the previous period, new this period, or one whose
    number moved. `before`/`after` are verbatim clauses of last period's and this period's article (the moved
    number in each); citations point at both periods' articles."""

    kind: str  # continuing | new | moved
    item: int  # number of the item this period
    headline: str  # this period's headline (or the item's first words)
    citations: tuple[int, ...] = ()  # this period's article(s), then last period's
    previous: str = ""  # last period's headline
    previous_date: dt.date | None = None
    before: str = ""
    after: str = ""
    supported: bool = True

    def to_json(self) -> dict:
        out = {"kind": self.kind, "item": self.item, "headline": self.headline, "citations": list(self.citations)}
        if self.previous:
            out |= {"previous": self.previous, "previous_date": self.previous_date.isoformat()
                    if self.previous_date else None}
        if self.kind == "moved":
            out |= {"before": self.before, "after": self.after}
        return out


@dataclass(frozen=True)
class Brief:
    date_from: dt.date
    date_to: dt.date
    title: str
    overview: tuple[BriefItem, ...]  # pointers to the top items
    sections: tuple[BriefSection, ...]  # topic sections of stories, then 简讯 and 评论
    citations: tuple[Citation, ...]
    sources: tuple[Article, ...] = ()
    engine: str = "extractive"
    changes: tuple[BriefChange, ...] = ()  # 与上周相比
    previous: tuple[dt.date, dt.date] | None = None  # the period compared with (None: no comparison made)
    length: str = "full"  # full | short
    id: str = ""  # set when the briefing is kept in the archive (Service.keep_brief)

    def items(self) -> list[BriefItem]:
        """Every item of the sections, in reading order (the overview's pointers left out)."""
        return [i for s in self.sections for i in s.items]

    def to_json(self) -> dict:
        out = {
            "from": self.date_from.isoformat(),
            "to": self.date_to.isoformat(),
            "title": self.title,
            "overview": [i.to_json() for i in self.overview],
            "sections": [{"topic": s.topic, "items": [i.to_json() for i in s.items]} for s in self.sections],
            "citations": [c.to_json() for c in self.citations],
            "changes": [c.to_json() for c in self.changes],
            "length": self.length,
        }
        if self.previous:
            out["previous"] = {"from": self.previous[0].isoformat(), "to": self.previous[1].isoformat()}
        if self.id:
            out["id"] = self.id
        return out
