"""Page continuations (pure): the 下转第X版 / 上接第Y版 markers, and articles joined across the pages of an ingest.

Every stage's continuation patterns live here: a marker line (text repair, the parser), a marker inside a
paragraph (the parser), a marker kept at either end of an article body (the join below), and any page reference
left in text a briefing quotes. The parser keeps a continuation's markers at the start or end of its article
body; `join_continuations` makes the part that ends "下转第二版" meet the part that starts "上接第一版" (same
date, closest title), and removes every marker.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace

from ..models import Article
from ..text import overlap
from .titles import bigrams

log = logging.getLogger(__name__)

MARKER_LINE = re.compile(r"^[（(]?\s*(下转|上接)第?\s*[一二三四五六七八九十\d]+\s*版\s*[）)]?$")
INLINE_MARKER = re.compile(r"\s*[（(]?(下转|上接)第?([一二三四五六七八九十\d]+)版[）)]?\s*")
PAGE_REFERENCE = re.compile(r"[（(]?\s*[下上]?[转接]\s*第?\s*[0-9一二三四五六七八]+\s*版\s*[）)]?")  # 转2版 too
_MARKER_END = re.compile(r"\n?下转第[一二三四五六七八九十\d]+版$")
_MARKER_START = re.compile(r"^上接第[一二三四五六七八九十\d]+版\n?")


def is_marker(line: str) -> bool:
    """True for a continuation marker line such as 下转第二版 / （上接第一版）."""
    return bool(MARKER_LINE.match(line.strip()))


def strip_inline_markers(p: str) -> tuple[str, list[str]]:
    """Remove 下转第二版 printed inside a paragraph; return the paragraph and the markers found."""
    if is_marker(p):
        return p, []
    found = [f"{m.group(1)}第{m.group(2)}版" for m in INLINE_MARKER.finditer(p)]
    return (INLINE_MARKER.sub("", p) if found else p), found


def marker_of(p: str) -> str:
    """The marker a marker line holds, written as 下转第X版 / 上接第Y版."""
    m = INLINE_MARKER.search(p)
    return f"{m.group(1)}第{m.group(2)}版"


def join_continuations(articles: list[Article]) -> list[Article]:
    """Join an article ending in 下转第X版 with the article of the same ingest that starts with 上接第Y版 and has
    the same date and the closest title; remove every continuation marker, joined or not. Order is kept; the
    joined article keeps the first part's id, title and position."""
    def similarity(a: str, b: str) -> float:
        return overlap(bigrams(a), bigrams(b))

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
