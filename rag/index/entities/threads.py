"""Story threads (pure): the reports of one project, meeting series or event across issues, linked by the
names they share and the likeness of their leads.

A shared name counts by its kind (a project or meeting series most, then an organisation, a place; people little,
and together no more than PEOPLE_CAP: the leaders listed at every meeting make no story) and by how rare it is in
the archive (衢江 is in too many stories to link any two); the leads' character bigrams add to that. Two articles of one issue are not a thread (前情 / 后续 are across issues).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence

from ...ingest.bylines import strip_byline
from ...models import Article, StoryThread, ThreadLink
from ...text import char_ngrams, overlap
from .words import BARE_BODIES, GAZETTEER, TOWNS

KIND_WEIGHT = {"project": 3.0, "meeting": 2.5, "org": 2.0, "place": 1.5, "person": 0.3}
PEOPLE_CAP = 0.6  # the leaders who attend every meeting make no story: people alone never link two articles
BROAD = GAZETTEER | frozenset(TOWNS) | BARE_BODIES  # names too broad to carry a story alone
LINK_NAMES = 1.2  # the names shared must weigh this much ...
LINK_TOTAL = 1.8  # ... and names plus lead likeness this much
LEAD_WEIGHT = 2.0
_DATE = re.compile(r"\d{1,4}\s*[年月日]|[上下]午|近日|日前|连日来")


def lead(article: Article, size: int = 120) -> str:
    """The headline and the first characters of the body, without byline and dates: what the story is."""
    body = _DATE.sub("", strip_byline(article.body))[:size]
    return article.title + " " + body


def name_weight(name: str, kind: str, df: int, n: int) -> float:
    """How much sharing this name says two articles are one story: its kind's weight times its rarity
    (log n/df over log n: 1 for a name in one article, 0 in all), nothing for a name too broad."""
    if name in BROAD or n < 2 or df < 1:
        return 0.0
    rarity = max(0.0, math.log(n / df) / math.log(n))
    return KIND_WEIGHT.get(kind, 1.0) * (0.5 if kind == "place" and len(name) <= 3 else 1.0) * rarity


def thread(article: Article, names: Mapping[str, str], others: Sequence[tuple[Article, Mapping[str, str]]],
           df: Mapping[str, int], n: int, limit: int = 8) -> StoryThread:
    """The StoryThread of ``article``. names: its names -> kind; others: candidate articles with their names;
    df: articles naming each name; n: articles in the archive. Links above the thresholds, the strongest
    ``limit`` on each side, each side oldest first."""
    grams = char_ngrams(lead(article))
    before: list[ThreadLink] = []
    after: list[ThreadLink] = []
    for other, their in others:
        if other.id == article.id or other.source == article.source or other.date == article.date:
            continue
        shared = {k: names[k] for k in names.keys() & their.keys()}
        weights = {k: name_weight(k, kind, df.get(k, 1), n) for k, kind in shared.items()}
        people = sum(w for k, w in weights.items() if shared[k] == "person")
        weight = sum(weights.values()) - people + min(people, PEOPLE_CAP)
        if weight < LINK_NAMES:
            continue
        score = weight + LEAD_WEIGHT * overlap(grams, char_ngrams(lead(other)))
        if score < LINK_TOTAL:
            continue
        ranked = tuple(k for k in sorted(weights, key=lambda k: -weights[k]) if weights[k] > 0)
        link = ThreadLink(other.id, other.title, other.date, other.source, ranked, score)
        (before if other.date < article.date else after).append(link)

    def keep(links: list[ThreadLink]) -> tuple[ThreadLink, ...]:
        best = sorted(links, key=lambda t: -t.score)[:limit]
        return tuple(sorted(best, key=lambda t: (t.date, t.article_id)))

    return StoryThread(article.id, keep(before), keep(after))
