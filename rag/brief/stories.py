"""Pure story selection for briefings: rank articles by news signals and merge reports of the same event.

Articles -> list[Story] (best first), every article in exactly one story. A Story is one event: the article whose
lead is used plus the other articles (usually in other issues) that reported the same event, so a briefing item
cites all of them once. Only news reports merge; commentary, lists, notices and photos stay one story each.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..models import Article, Progress
from ..text import char_ngrams, overlap
from .leads import DATE_RE, lead_sentences, officials_in

log = logging.getLogger(__name__)

KIND_WEIGHT = {"news": 1.0, "commentary": 0.45, "list": 0.4, "notice": 0.3, "photo": 0.25}
SAME_EVENT = 0.55  # combined title/lead similarity above which two reports are one event


@dataclass
class Story:
    """One event of the briefing: `articles[0]` supplies the lead; the rest are other reports of the event."""

    articles: list[Article]
    lead: list[str]  # the verbatim lede of articles[0], byline-free ([] when it has no full sentence)
    score: float
    grams: set[str] = field(default_factory=set, repr=False)  # title+lead bigrams for de-duplication
    title_grams: set[str] = field(default_factory=set, repr=False)
    dates: set[str] = field(default_factory=set, repr=False)  # "8月18日" style event dates in the lead

    @property
    def article(self) -> Article:
        return self.articles[0]

    @property
    def cited(self) -> list[Article]:
        """The reports an item cites: the lead article, then every other report of the event, earliest first
        (each article of a briefing's period is accounted for once)."""
        others = sorted(self.articles[1:], key=lambda a: (a.date, a.position))
        return [self.articles[0], *others]

    @property
    def issues(self) -> int:
        """Number of distinct issues (source files) that reported this event."""
        return len({a.source for a in self.articles})


def score_article(article: Article, lead: Sequence[str]) -> float:
    """Importance of one article from signals an editor uses; higher is more important.

    Front-page position dominates, then senior officials involved, length, and the kind of article
    (photo captions, lists and notices rank below news; an article whose headline had to be guessed ranks lower).
    """
    text = article.title + "".join(lead) + article.body[:300]
    position = 2.0 / (1.0 + article.position) ** 0.5
    officials = 0.6 * min(officials_in(text), 3)
    if article.page is not None:
        position += 1.0 if article.page <= 1 else 0.0
    length = 0.4 * math.log10(max(len(article.body), 10))
    weight = KIND_WEIGHT.get(article.kind, 0.8) * (0.7 if article.title_inferred else 1.0)
    return round((position + officials + length) * weight, 4)


def _dates(text: str) -> set[str]:
    return {re.sub(r"\s", "", m) for m in DATE_RE.findall(text) if "月" in m}


def same_event(a: Story, b: Story) -> bool:
    """True when two stories report one event: similar titles and leads, and no conflicting event dates."""
    if a.dates and b.dates and not (a.dates & b.dates):
        return False  # e.g. two different weeks' 区委常委会召开会议 share a title but not a date
    title = overlap(a.title_grams, b.title_grams)
    lead = overlap(a.grams, b.grams)
    return 0.4 * title + 0.6 * lead >= SAME_EVENT


def select_stories(articles: Sequence[Article], progress: Progress | None = None) -> list[Story]:
    """Rank the articles of a date range into stories, best first; every article is in exactly one story.

    News reports of one event (similar titles and leads, no conflicting dates) merge into one story; recurrence
    (one event reported in several issues) raises its score. Articles without a usable lead are stories too
    (a briefing lists them by headline).
    """
    stories: list[Story] = []
    for done, article in enumerate(articles, 1):
        lead = lead_sentences(article)
        text = "".join(lead)
        stories.append(Story([article], lead, score_article(article, lead), char_ngrams(article.title + text),
                             char_ngrams(article.title), _dates(text)))
        if progress and (done % 25 == 0 or done == len(articles)):
            progress(done, len(articles), "leads")
    stories.sort(key=lambda s: (-s.score, s.article.date, s.article.position))
    merged: list[Story] = []
    for story in stories:
        mergeable = story.article.kind == "news" and story.lead
        twin = next((m for m in merged if mergeable and m.article.kind == "news" and m.lead
                     and same_event(m, story)), None)
        if twin is None:
            merged.append(story)
        elif all(a.id != story.article.id for a in twin.articles):
            twin.articles.append(story.article)
    for story in merged:
        story.score += 0.8 * (story.issues - 1)
    merged.sort(key=lambda s: (-s.score, s.article.date, s.article.position))
    log.info("%d stories from %d articles", len(merged), len(articles))
    return merged


def stories_for_range(days: int) -> int:
    """How many stories a briefing of `days` days should carry: about a dozen a week, at most 40."""
    return min(40, 8 + 4 * max(1, math.ceil(days / 7)))


def overview_count(stories: int) -> int:
    """3-5 overview entries (fewer only when there are fewer stories)."""
    return min(stories, 5 if stories >= 12 else 4 if stories >= 6 else 3)
