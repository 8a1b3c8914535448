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
    author: str | None = None  # pen name of a signed commentary
    issue_number: str | None = None  # 总第N期
    kind: str = "news"


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
    text: str  # without markers
    citations: tuple[int, ...]
    supported: bool = True

    def to_json(self) -> dict:
        return {"text": self.text, "citations": list(self.citations), "supported": self.supported}


@dataclass(frozen=True)
class BriefSection:
    topic: str
    items: tuple[BriefItem, ...]


@dataclass(frozen=True)
class Brief:
    date_from: dt.date
    date_to: dt.date
    title: str
    overview: tuple[BriefItem, ...]
    sections: tuple[BriefSection, ...]
    citations: tuple[Citation, ...]
    sources: tuple[Article, ...] = ()
    engine: str = "extractive"

    def to_json(self) -> dict:
        return {
            "from": self.date_from.isoformat(),
            "to": self.date_to.isoformat(),
            "title": self.title,
            "overview": [i.to_json() for i in self.overview],
            "sections": [{"topic": s.topic, "items": [i.to_json() for i in s.items]} for s in self.sections],
            "citations": [c.to_json() for c in self.citations],
        }
