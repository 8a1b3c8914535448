"""Frozen dataclasses exchanged between the pipeline stages.

ingest -> (IssueText) -> parse -> (Article) -> chunk -> (Chunk) -> index / retrieve -> (Hit)
-> answer / brief -> (Citation, Answer, Brief) -> render.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
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
    boxes: tuple[str, ...] = ()  # furniture that says something of its day: countdown boxes (rag.ingest.clean.boxes)


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
    kind: str = "news"  # news | commentary | photo | list | notice | box (a countdown box: page furniture, not news)
    author: str | None = None  # pen name of a signed commentary
    issue_number: str | None = None
    page: int | None = None

    @property
    def furniture(self) -> bool:
        """Page furniture kept for questions (a countdown box), never news: briefings leave it out."""
        return self.kind == "box"

    @property
    def signature(self) -> str:
        """The author as the piece is signed: with the office its signature prints ("区委常委、廿里镇党委书记毛晓荣",
        kept by ingest as the body's last line), else the name or pen name; "" when unsigned."""
        author = self.author or ""
        last = self.body.rstrip().rsplit("\n", 1)[-1].strip().rstrip("。")
        return last if author and last.endswith(author) and len(author) < len(last) <= 40 and "，" not in last else author


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
    correspondents: tuple[str, ...] = ()  # 通讯员 of the byline, after the reporters
    start: int = 0
    end: int = 0
    author: str | None = None  # pen name of a signed commentary
    issue_number: str | None = None  # 总第N期
    kind: str = "news"


def credit_label(kind: str = "news") -> str:
    """What an article's names are: 记者, or 摄影 for a picture (Article.kind "photo")."""
    return "摄影" if kind == "photo" else "记者"


def credit(names: Sequence[str], kind: str = "news", correspondents: Sequence[str] = ()) -> str:
    """The names an article is credited to, as a source line prints them: 记者 a、b (then 通讯员 c when the byline
    names one), or 摄影 a、b for a picture."""
    parts = ([f"{credit_label(kind)} {'、'.join(names)}"] if names else []) + (
        [f"通讯员 {'、'.join(correspondents)}"] if correspondents and kind != "photo" else [])
    return " ".join(parts)


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
    kind: str = "news"  # the cited article's kind (Article.kind): a photo's names are its photographers
    correspondents: tuple[str, ...] = ()  # 通讯员 of the byline

    @property
    def credit(self) -> str:
        """"记者 刘威、邹洁", "记者 叶晓轩 通讯员 王正明" as the byline prints them, or "摄影 邵秀清、徐凌峰" for a
        picture; "" with no names."""
        return credit(self.reporters, self.kind, self.correspondents)

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


UNSURE_BELOW = 0.5  # an answer less likely than not to be in the archive (Answer.answerable) is no sure one


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
    # the engine's probability that the archive answers the question (the extractive engine's fitted model);
    # None where it was not estimated (an LLM engine, a fact from the entity index)
    answerable: float | None = None

    @property
    def unsure(self) -> bool:
        """True for an answer given although the archive is less likely than not to hold one (answerable < 0.5):
        the closest passages, which staff should check against their sources."""
        return not self.refused and self.answerable is not None and self.answerable < UNSURE_BELOW

    def to_json(self, id: str | None = None) -> dict:
        out = {
            "question": self.question,
            "answer": self.answer,
            "refused": self.refused,
            "engine": self.engine,
            "citations": [c.to_json() for c in self.citations],
        }
        if self.answerable is not None:
            out["answerable"] = round(self.answerable, 3)
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
    stages: tuple[str, str] = ()  # a project's step last period ("" if none named) and the later one it reached

    def to_json(self) -> dict:
        out = {"kind": self.kind, "item": self.item, "headline": self.headline, "citations": list(self.citations)}
        if self.stages:
            out["stages"] = list(self.stages)
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


# --- the entity index (rag.index.entities): people, places, organisations, story threads, coverage -------------

@dataclass(frozen=True)
class Mention:
    """One article's mention of a person, place or organisation (or a project or meeting series, for threads),
    with the sentence that names it: what a timeline cites."""

    name: str
    kind: str  # person | place | org | project | meeting
    article_id: str
    title: str
    date: dt.date  # issue date
    source: str
    sentence: str  # the sentence naming it; the headline for a headline or a byline
    post: str | None = None  # people: the post printed before the name (区委副书记、区长)
    role: str | None = None  # people: subject | reporter | author
    where: str = "body"  # title | body | byline

    def to_json(self) -> dict:
        return {"name": self.name, "kind": self.kind, "article_id": self.article_id, "title": self.title,
                "date": self.date.isoformat(), "source": self.source, "sentence": self.sentence, "post": self.post,
                "role": self.role, "where": self.where}


@dataclass(frozen=True)
class PostSpan:
    """A post a person held, as the paper printed it: the first and the last report naming them so."""

    post: str
    first: Mention
    last: Mention

    def to_json(self) -> dict:
        return {"post": self.post, "first": self.first.to_json(), "last": self.last.to_json()}


@dataclass(frozen=True)
class EntityProfile:
    """What the archive says of one name: its timeline (one mention per article, by date), for a person the
    posts over time, the places named with them and the articles they wrote."""

    name: str
    kind: str
    timeline: tuple[Mention, ...]  # one per article (the first sentence naming it), oldest first
    posts: tuple[PostSpan, ...] = ()  # people: by the date each post was first reported
    places: tuple[Mention, ...] = ()  # people: places and bodies named in the sentences that name them
    bylines: tuple[Mention, ...] = ()  # people who report: the articles they wrote, oldest first
    # people: a later report printing someone else in their latest post (王慧杰, 区委书记 until 2024-12-24: 区委书记
    # 贵丽青 on 2025-05-20); None when none does
    successor: Mention | None = None

    def to_json(self) -> dict:
        return {"name": self.name, "kind": self.kind, "timeline": [m.to_json() for m in self.timeline],
                "posts": [p.to_json() for p in self.posts], "places": [m.to_json() for m in self.places],
                "bylines": [m.to_json() for m in self.bylines],
                "successor": self.successor.to_json() if self.successor else None}


@dataclass(frozen=True)
class EntityName:
    """A name of the index with how often and when it is reported (for lists and look-ups)."""

    name: str
    kind: str
    articles: int
    first: dt.date
    last: dt.date

    def to_json(self) -> dict:
        return {"name": self.name, "kind": self.kind, "articles": self.articles, "first": self.first.isoformat(),
                "last": self.last.isoformat()}


@dataclass(frozen=True)
class EntityFacts:
    """The facts the entity index holds for a question about a person, a place or a post, each cited by its
    article and date, in the order an answer would use them.

    asks: who (某人是谁: latest post first) | deeds (做了哪些事) | places (去过哪些地方) | posts (职务怎么变的,
    oldest first) | events (某地发生过什么) | holder (区委书记是谁: latest report first)."""

    question: str
    asks: str
    name: str | None  # the person or place asked about (None when asked by post)
    kind: str | None
    post: str | None  # the post asked about (holder), or the latest post of the person (who)
    facts: tuple[Mention, ...]

    def to_json(self) -> dict:
        return {"question": self.question, "asks": self.asks, "name": self.name, "kind": self.kind,
                "post": self.post, "facts": [m.to_json() for m in self.facts]}


@dataclass(frozen=True)
class ThreadLink:
    """Another article of the same story: what it shares with the article (names, a project, a meeting series)
    and how strongly they are linked."""

    article_id: str
    title: str
    date: dt.date
    source: str
    shared: tuple[str, ...]
    score: float

    def to_json(self) -> dict:
        return {"article_id": self.article_id, "title": self.title, "date": self.date.isoformat(),
                "source": self.source, "shared": list(self.shared), "score": round(self.score, 3)}


@dataclass(frozen=True)
class StoryThread:
    """An article's story across issues: earlier reports (前情) and later ones (后续), oldest first."""

    article_id: str
    before: tuple[ThreadLink, ...]
    after: tuple[ThreadLink, ...]

    def to_json(self) -> dict:
        return {"article_id": self.article_id, "before": [t.to_json() for t in self.before],
                "after": [t.to_json() for t in self.after]}


@dataclass(frozen=True)
class CoverageRow:
    """Articles naming one town (乡镇/街道) or department, per month ("2024-05")."""

    name: str
    months: tuple[tuple[str, int], ...]  # (month, articles), months with none left out
    total: int
    last: dt.date | None  # the latest issue naming it

    def to_json(self) -> dict:
        return {"name": self.name, "months": dict(self.months), "total": self.total,
                "last": self.last.isoformat() if self.last else None}


@dataclass(frozen=True)
class Coverage:
    """Coverage balance of [date_from, today]: articles per town and per department by month, and the towns no
    article named in the 30 days up to ``today``."""

    date_from: dt.date
    today: dt.date
    months: tuple[str, ...]
    towns: tuple[CoverageRow, ...]
    departments: tuple[CoverageRow, ...]
    uncovered: tuple[str, ...]  # towns not named since today - 30 days

    def to_json(self) -> dict:
        return {"from": self.date_from.isoformat(), "today": self.today.isoformat(), "months": list(self.months),
                "towns": [r.to_json() for r in self.towns], "departments": [r.to_json() for r in self.departments],
                "uncovered": list(self.uncovered)}
