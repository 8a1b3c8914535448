"""Questions to the entity index of one archive: a name's profile, the holders of a post, the facts a question
about a person, place or post needs, an article's story thread, and coverage balance. Reads the catalog, then
hands the rows to the pure builders (profile, threads, coverage)."""

from __future__ import annotations

import dataclasses

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ...errors import NotFoundError
from ...models import (
    Coverage,
    EntityFacts,
    EntityName,
    EntityProfile,
    Hit,
    Mention,
    PostSpan,
    StoryThread,
)
from . import coverage as _coverage
from . import threads as _threads
from .lexicon import short_names
from .profile import normalize_post, posts, profile
from .store import StoredMention, day_of, to_mention

if TYPE_CHECKING:
    from ..archive import Archive

_KIND_ORDER = ("person", "place", "org", "project", "meeting")
ANSWER_ARTICLES = 40  # the articles of a name that facts() reads for an answer (it shows at most 6 facts)


class EntityQueries:
    """Look-ups over the entity index of an Archive (opened lazily through it)."""

    def __init__(self, archive: Archive) -> None:
        self.archive = archive

    @property
    def index(self):
        return self.archive.entities

    def _articles(self, ids: Sequence[str]) -> dict:
        return {a.id: a for a in self.archive.catalog.articles(ids=list(dict.fromkeys(ids)))}

    def _named(self, name: str, kind: str | None) -> tuple[str, list[StoredMention]]:
        """(the kind, the stored mentions) of a name as its profile reads them: its most reported kind unless
        ``kind`` is given. NotFoundError when the index holds no such name."""
        stored = self.index.of_name(name.strip())
        if not stored:
            raise NotFoundError(f"the archive names no one and nothing called {name!r}; try a shorter or the full "
                                "name, or list names with `rag entity --list`")
        kinds = [m.kind for m in stored]
        kind = kind or max(_KIND_ORDER, key=lambda k: (kinds.count(k), -_KIND_ORDER.index(k)))
        # a place is also named inside a body's name (廿里镇 in 廿里镇党委)
        stored = [m for m in stored if m.kind == kind or (kind == "place" and m.kind == "org" and m.name != name)]
        if not stored:
            raise NotFoundError(f"{name!r} is in the archive, but not as a {kind}")
        return kind, stored

    def profile(self, name: str, kind: str | None = None, places: bool = True,
                articles_read: tuple[int, int] | None = None) -> EntityProfile:
        """The profile of a name (its most reported kind unless ``kind`` is given). NotFoundError when the index
        holds no such name. ``places=False``: a person's places are left empty (they read every other name of
        the person's articles: seconds for a name in thousands of articles). ``articles_read=(first, last)``: only
        the name's first and last so many articles are read (an answer shows a few of its facts)."""
        kind, stored = self._named(name, kind)
        if articles_read is not None:  # stored mentions come by date
            ids = list(dict.fromkeys(m.article_id for m in stored))
            keep = set(ids[:articles_read[0]]) | set(ids[len(ids) - articles_read[1]:] if articles_read[1] else ())
            stored = [m for m in stored if m.article_id in keep]
        articles = self._articles([m.article_id for m in stored])
        others = None
        if kind == "person" and places:
            rows = self.index.of_articles(sorted(articles))
            others = {}
            for m in rows:
                others.setdefault(m.article_id, []).append(m)
        found = profile(name, kind, stored, articles, others)
        if found.posts:  # someone printed in their latest post since
            latest = max(found.posts, key=lambda s: (s.last.date, s.first.date))
            later = [h for h in self.holders(latest.post) if h.name != found.name and h.date > latest.last.date]
            found = dataclasses.replace(found, successor=later[0]) if later else found
        return found

    def names(self, query: str = "", kind: str | None = None, limit: int = 50) -> list[EntityName]:
        return self.index.names(query, kind, limit)

    def of_article(self, article_id: str) -> list[Mention]:
        """The mentions of one article, in text order (NotFoundError for an unknown id)."""
        article = self.archive.article(article_id)
        return [to_mention(m, article) for m in self.index.of_articles([article_id])]

    def holders(self, post: str) -> list[Mention]:
        """The people printed with a post (区委书记: not 区委副书记), each once at their latest report, the
        latest first."""
        latest: dict[str, StoredMention] = {}
        for m in self.index.with_post(post):
            latest.setdefault(m.name, m)
        articles = self._articles([m.article_id for m in latest.values()])
        out = [to_mention(m, articles[m.article_id]) for m in latest.values() if m.article_id in articles]
        return sorted(out, key=lambda m: (m.date, m.article_id), reverse=True)

    def facts(self, question: str, asks: str, name: str | None, kind: str | None, post: str | None) -> EntityFacts:
        """The facts for a question about a name (asks: who | posts | places | deeds | events) or a post's
        holder (asks: holder), each a Mention with its article, date and sentence."""
        if asks == "holder":
            holders = self.holders(post or "")
            moved = self._moved_on(holders[0], post or "") if holders else None
            return EntityFacts(question, asks, None, None, post, tuple(holders) + ((moved,) if moved else ()))
        if asks in ("who", "posts"):
            found, stored = self._named(name or "", kind)
            spans = self._posts(stored) if found == "person" else ()
            if asks == "posts":
                # each post's first report, and the latest post's last where a later report printed it too (副主任
                # in 2023 and still in 2024: held, not only first seen; one more fact, whatever the number of posts)
                latest = spans[-1:] if spans and spans[-1].last.article_id != spans[-1].first.article_id else ()
                return EntityFacts(question, asks, name, found, None,
                                   tuple(p.first for p in spans) + tuple(p.last for p in latest))
            latest = sorted(spans, key=lambda p: (p.last.date, p.first.date), reverse=True)
            facts = tuple(p.last for p in latest) or self.profile(name or "", found, places=False).timeline[::-1][:3]
            return EntityFacts(question, asks, name, found, latest[0].post if latest else None, facts)
        # an answer shows a few facts: the earliest places, the latest deeds and events
        prof = self.profile(name or "", kind, places=asks == "places",
                            articles_read=(ANSWER_ARTICLES, 0) if asks == "places" else (0, ANSWER_ARTICLES))
        if asks == "places":
            return EntityFacts(question, asks, name, prof.kind, None, prof.places)
        return EntityFacts(question, asks, name, prof.kind, None,
                           tuple(m for m in prof.timeline if m.role in (None, "subject")))

    def _moved_on(self, holder: Mention, post: str) -> Mention | None:
        """The first report of the latest post of a post's latest holder, when it came later and is another post
        (区长贵丽青 at 2024-12-24, 区委书记 from 2025-05-20): as far as the archive tells, they hold it no longer.
        None when they were not printed in another post since."""
        try:
            _, stored = self._named(holder.name, "person")
        except NotFoundError:
            return None
        later = [p for p in self._posts(stored) if p.first.date > holder.date and post not in p.post]
        return later[-1].first if later else None

    def _posts(self, stored: Sequence[StoredMention]) -> tuple[PostSpan, ...]:
        """A person's posts over time, as their profile has them, read from the first and the last report of each
        post only (stored mentions come by date: a name in thousands of articles reads a few of them)."""
        ends: dict[str, list[StoredMention]] = {}
        for m in stored:
            if m.post and m.role != "reporter":
                ends.setdefault(normalize_post(m.post), [m, m])[1] = m
        kept = {id(m) for pair in ends.values() for m in pair}
        reports = [m for m in stored if id(m) in kept]
        articles = self._articles([m.article_id for m in reports])
        return posts([to_mention(m, articles[m.article_id]) for m in reports if m.article_id in articles])

    def hits_of(self, mentions: Sequence[Mention]) -> list[Hit | None]:
        """For each mention, the chunk of its article that holds its sentence (the first chunk for a headline
        or a byline), as a Hit an answer can cite; None for an article no longer stored."""
        chunks: dict[str, list[dict]] = {}  # article id -> its chunk rows in order, read once per article
        chosen: list[str | None] = []
        for m in mentions:
            if m.article_id not in chunks:
                chunks[m.article_id] = self.archive.catalog.chunk_rows(article_id=m.article_id)
            rows = chunks[m.article_id]
            holding = next((r for r in rows if m.sentence and m.sentence in r["text"]), rows[0] if rows else None)
            chosen.append(holding["id"] if holding else None)
        found = {h.chunk_id: h for h in self.archive.catalog.hits([(c, 1.0) for c in dict.fromkeys(chosen) if c])}
        return [found.get(c) if c else None for c in chosen]

    def thread(self, article_id: str, candidates: int = 200) -> StoryThread:
        """Earlier and later reports of an article's story (NotFoundError for an unknown id). The articles that
        share a name other than a person's are the candidates (people alone never link two: threads.PEOPLE_CAP),
        the ``candidates`` sharing the most weight read in full."""
        article = self.archive.article(article_id)
        own = {m.name: m.kind for m in self.index.of_articles([article_id]) if m.role != "reporter"}
        n = self.archive.catalog.counts()["articles"]
        df = self.index.document_frequency(sorted(own))
        weight = {k: _threads.name_weight(k, kind, df.get(k, 1), n) for k, kind in own.items()}
        keys = [k for k, kind in own.items() if kind != "person" and weight[k] > 0]
        naming = self.index.articles_naming(keys, exclude=article_id)
        best = sorted(naming, key=lambda aid: -sum(weight[k] for k in naming[aid]))[:candidates]
        if not best:
            return StoryThread(article_id, (), ())
        theirs: dict[str, dict[str, str]] = {aid: {} for aid in best}
        for m in self.index.of_articles(sorted(best)):
            if m.name in own and m.role != "reporter":
                theirs[m.article_id][m.name] = m.kind
        others = [(a, theirs[a.id]) for a in self._articles(best).values()]
        return _threads.thread(article, own, others, df, n)

    def story_names(self, article_id: str) -> dict[str, str]:
        """The people, places and organisations an article names outside its byline (no reporter, author or
        credited department), name -> kind, each company also by the short names its full name implies
        (浙江恒川新材料有限公司: 恒川新材料, 恒川): what 与上周相比 tells two reports of one story by
        (rag.brief.threads)."""
        out: dict[str, str] = {}
        for m in self.index.of_articles([article_id]):
            if m.kind in ("person", "place", "org") and m.where != "byline" and m.role not in ("reporter", "author"):
                out.setdefault(m.name, m.kind)
                if m.kind == "org":
                    out.update(dict.fromkeys(short_names(m.name) - out.keys(), "org"))
        return out

    def coverage(self, today: dt.date, months: int = 12) -> Coverage:
        """Coverage balance of the ``months`` months up to ``today``."""
        start = _coverage.months_back(today, months)
        rows = self.index.rows_between(("place", "org"), start, today)
        return _coverage.coverage(((a, day_of(d), name, kind) for a, d, name, kind in rows), start, today)
