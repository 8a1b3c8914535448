"""What the archive says of one name (pure): its timeline, a person's posts over time, the places named with them
and the articles they wrote. In: the name's stored mentions, their articles, and (for people) the other mentions of
those articles. Out: an EntityProfile of Mentions, each citing its article, date and sentence."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from ...models import Article, EntityProfile, Mention, PostSpan
from .store import StoredMention, to_mention
from .words import BARE_BODIES, HOME

# the sentence of a visit: 王慧杰一行先后来到…, 区委书记王慧杰带队先后来到…
VISIT = re.compile(r"来到|前往|走访|调研|深入|察看|考察|视察|看望|慰问|走进|实地|督查|检查|参观|到访|赴")
_GOES_ON = re.compile(r"一行|随后|先后|接着|此后|还")  # a visit's later stops


def normalize_post(post: str) -> str:
    """One spelling per post: 衢江区委副书记、区长 and 区委副书记、区长 are the same post."""
    return re.sub(r"^(衢州市)?衢江(?=区)", "", post)


def _pick(mentions: Sequence[Mention]) -> Mention:
    """The mention that best says what an article reports of a name: a body sentence, else the headline, else
    the byline."""
    order = {"body": 0, "title": 1, "byline": 2}
    return min(mentions, key=lambda m: (order.get(m.where, 3), m.role == "reporter"))


def timeline(mentions: Sequence[Mention]) -> tuple[Mention, ...]:
    """One mention per article (as reported on, not as its reporter), oldest first."""
    by_article: dict[str, list[Mention]] = {}
    for m in mentions:
        if m.role != "reporter":
            by_article.setdefault(m.article_id, []).append(m)
    picked = [_pick(ms) for ms in by_article.values()]
    return tuple(sorted(picked, key=lambda m: (m.date, m.article_id)))


def posts(mentions: Sequence[Mention]) -> tuple[PostSpan, ...]:
    """The posts printed with a person, each with its first and last report, by the date first reported."""
    spans: dict[str, list[Mention]] = {}
    for m in sorted(mentions, key=lambda m: (m.date, m.article_id)):
        if m.post and m.role != "reporter":
            spans.setdefault(normalize_post(m.post), []).append(m)
    out = [PostSpan(post, ms[0], ms[-1]) for post, ms in spans.items()]
    return tuple(sorted(out, key=lambda p: (p.first.date, p.last.date)))


def places_with(name: str, stored: Sequence[StoredMention], others: Mapping[str, Sequence[StoredMention]],
                articles: Mapping[str, Article]) -> tuple[Mention, ...]:
    """Places and bodies a person went to: named in a sentence that names the person and tells of a visit, or in
    any sentence of a visit in an article about the person's visit (王慧杰一行先后来到…). Each place once, at
    its first report, oldest first."""
    seen: dict[str, Mention] = {}
    own_sentences_of: dict[str, set[tuple[int, int]]] = {}  # article -> the spans of its sentences naming the person
    for m in stored:
        if m.role == "subject":
            spans = own_sentences_of.setdefault(m.article_id, set())
            if m.where == "body":
                spans.add((m.sent_start, m.sent_end))
    for aid, own_sentences in own_sentences_of.items():
        article = articles.get(aid)
        if article is None:
            continue
        visit_article = any(VISIT.search(article.body[a:b]) for a, b in own_sentences) or (
            name in article.title and VISIT.search(article.title))
        for m in others.get(aid, ()):
            if m.kind not in ("place", "org") or m.where != "body" or m.name in HOME or m.name in BARE_BODIES:
                continue
            sentence = article.body[m.sent_start:m.sent_end]
            if not VISIT.search(sentence):
                continue
            if (m.sent_start, m.sent_end) in own_sentences or (visit_article and _GOES_ON.search(sentence)):
                mention = to_mention(m, article)
                if m.name not in seen or mention.date < seen[m.name].date:
                    seen[m.name] = mention
    return tuple(sorted(seen.values(), key=lambda m: (m.date, m.article_id)))


def profile(name: str, kind: str, stored: Sequence[StoredMention], articles: Mapping[str, Article],
            others: Mapping[str, Sequence[StoredMention]] | None = None) -> EntityProfile:
    """The EntityProfile of a name from its stored mentions (of one kind), their articles and, for a person, the
    other mentions of those articles."""
    mentions = [to_mention(m, articles[m.article_id]) for m in stored if m.article_id in articles]
    if kind != "person":
        return EntityProfile(name, kind, timeline(mentions))
    bylines = tuple(sorted({m.article_id: m for m in mentions if m.role == "reporter"}.values(),
                           key=lambda m: (m.date, m.article_id)))
    return EntityProfile(name, kind, timeline(mentions), posts(mentions),
                         places_with(name, stored, others, articles) if others else (), bylines)
