"""Join articles continued across the pages of an ingest (pure): 下转第X版 ... 上接第Y版.

The parser keeps a continuation's markers at the start or end of its article body; here the part that ends
"下转第二版" meets the part that starts "上接第一版" (same date, closest title), and every marker is removed.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace

from ..models import Article
from .titles import bigrams

log = logging.getLogger(__name__)

_MARKER_END = re.compile(r"\n?下转第[一二三四五六七八九十\d]+版$")
_MARKER_START = re.compile(r"^上接第[一二三四五六七八九十\d]+版\n?")


def join_continuations(articles: list[Article]) -> list[Article]:
    """Join an article ending in 下转第X版 with the article of the same ingest that starts with 上接第Y版 and has
    the same date and the closest title; remove every continuation marker, joined or not. Order is kept; the
    joined article keeps the first part's id, title and position."""
    def similarity(a: str, b: str) -> float:
        ga, gb = bigrams(a), bigrams(b)
        return len(ga & gb) / max(1, min(len(ga), len(gb)))

    ups = [a for a in articles if a.body.startswith("上接")]
    used: set[str] = set()
    joined: dict[str, Article] = {}
    for a in articles:
        if not a.body.rstrip().endswith("版") or not _MARKER_END.search(a.body):
            continue
        candidates = [u for u in ups if u.id not in used and u.id != a.id and u.date == a.date]
        if not candidates:
            continue
        u = max(candidates, key=lambda c: similarity(a.title, c.title))
        if len(candidates) > 1 and similarity(a.title, u.title) < 0.5:
            continue
        used.add(u.id)
        joined[a.id] = replace(a, body=_strip_markers(a.body) + "\n" + _strip_markers(u.body),
                               reporters=tuple(dict.fromkeys(a.reporters + u.reporters)),
                               correspondents=tuple(dict.fromkeys(a.correspondents + u.correspondents)))
        log.info("joined continuation %s (%s) into %s (%s)", u.id, u.source, a.id, a.source)
    out = []
    for a in articles:
        if a.id in used:
            continue
        a = joined.get(a.id, a)
        body = _strip_markers(a.body)
        out.append(a if body == a.body else replace(a, body=body))
    return out


def _strip_markers(body: str) -> str:
    return _MARKER_START.sub("", _MARKER_END.sub("", body.strip())).strip()
