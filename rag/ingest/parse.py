"""Split one repaired issue into articles (pure): IssueText -> list[Article]. Articles continued in another issue
of the same ingest are joined by rag.ingest.continuations.

How an issue is read (see docs/PARSING.md for the sample issues):
1. Segment the paragraphs: a 本报讯 byline, a labelled piece (开栏语：…, 短评：…) or running text after a headline
   starts an article; a pen-name signature or a 下转第X版 marker ends one; a photo caption (… / 摄) is its own
   short "photo" article; tab-separated rows form a "list" article (award tables) titled by the line above.
   Short lines without sentence punctuation are headline candidates; ordinal subheads (第一步：…) stay in the body.
   A countdown box (rag.ingest.clean.boxes, page furniture) becomes a short "box" article after the others.
2. Text that resumes after headlines without a byline continues the article left open mid-sentence before it,
   unless the headline right above it belongs to it (layouts print headlines after or between articles).
3. Headlines go to the article whose body they match best (rarity-weighted character bigrams), with a small bonus
   for the article printed right below or above them, so headlines printed after, inside or far from their
   article land on it. Headlines that match nothing (banners, kickers, slogans) are dropped. An article without a
   matching headline gets a title made from its lead sentence, flagged title_inferred.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass, field

from ..models import Article, IssueText
from .bylines import is_byline, is_caption, signature_line, signed_office, split_byline, split_caption, split_credit, split_signature
from .clean import LABELS, ends_sentence, head_like
from .continuations import is_marker, marker_of, strip_inline_markers
from .titles import Matcher, lead_title, main_title

log = logging.getLogger(__name__)

COMMENTARY_LABELS = ("评论", "短评", "时评", "述评", "社论")
_SUBHEAD = re.compile(r"^(第[一二三四五六七八九十]+[步部章节个]|[一二三四五六七八九十]+、)")
_LABELLED = re.compile(r"^(%s)[：:]" % "|".join(sorted(LABELS, key=len, reverse=True)))
# Page banners and campaign slogans printed above headlines (栏题), never an article's title.
BANNER = re.compile(r"新征程|踔厉奋进|二十大精神|学思想.{0,8}建新功|勇争先|山区县样板")
ASSIGN_MIN = 0.35  # headline-to-article score (with position bonus) below which a headline is dropped
TITLE_MIN = 0.45  # the same score a headline needs to become the title
NEXT_BONUS, PREV_BONUS = 0.3, 0.1


@dataclass
class _Draft:
    paragraphs: list[str]
    start: int
    reporters: tuple[str, ...] = ()
    correspondents: tuple[str, ...] = ()
    byline: bool = False
    kind: str = "news"
    label: str | None = None
    author: str | None = None
    closed: bool = False
    title: str | None = None  # positional title (lists, photos)
    markers: list[str] = field(default_factory=list)  # "下转第二版" / "上接第一版"
    heads_before: list[int] = field(default_factory=list)  # indices into heads, the block right above


@dataclass
class _Head:
    text: str
    block: int
    prev: int | None = None  # draft printed right above the block
    next: int | None = None  # draft printed right below the block
    consumed: bool = False


def parse_issue(issue: IssueText) -> list[Article]:
    """Split a repaired issue into its articles, in print order, with stable ids (sha1 of the file hash and the
    position: an unchanged file gives the same ids). Continuation markers are kept as the body's first/last line
    for join_continuations."""
    if issue.date is None:
        raise ValueError(f"{issue.source}: parse_issue needs a dated issue")
    drafts, heads = _segment([p.strip() for p in issue.text.split("\n") if p.strip()])
    if not drafts:
        log.warning("%s: no article text found", issue.source)
        return []
    matcher = Matcher(["\n".join(d.paragraphs) for d in drafts])
    drafts = _merge_continuations(drafts, heads, matcher)
    matcher = Matcher(["\n".join(d.paragraphs) for d in drafts])
    titles = _assign_headlines(drafts, heads, matcher)
    articles = []
    for pos, d in enumerate(drafts):
        if d.title is not None:
            title, inferred = d.title, False
        else:
            title, inferred = titles.get(pos, (None, True))
        body = "\n".join(d.paragraphs).strip()
        if not body:
            continue
        if not title:
            title = lead_title(body, d.label) or body.replace("\n", " ")[:20]
        up = [m for m in d.markers if m.startswith("上接")][:1]
        down = [m for m in d.markers if m.startswith("下转")][-1:]
        body = "\n".join([*up, body, *down])
        kind = d.kind if d.kind != "news" or d.author is None else "commentary"
        articles.append(Article(
            id=hashlib.sha1(f"{issue.sha1}:{len(articles)}".encode()).hexdigest()[:12], title=title, body=body,
            date=issue.date, source=issue.source, position=len(articles), reporters=d.reporters,
            correspondents=d.correspondents, title_inferred=inferred, kind=kind, author=d.author,
            issue_number=issue.issue_number))
    for box in issue.boxes:  # a countdown box: its own article, after the issue's articles (their ids unchanged)
        articles.append(Article(
            id=hashlib.sha1(f"{issue.sha1}:{len(articles)}".encode()).hexdigest()[:12], title=box, body=box,
            date=issue.date, source=issue.source, position=len(articles), kind="box",
            issue_number=issue.issue_number))
    log.info("%s: %d articles, %d inferred titles", issue.source, len(articles),
             sum(a.title_inferred for a in articles))
    return articles


def _segment(paras: list[str]) -> tuple[list[_Draft], list[_Head]]:
    """Walk the paragraphs once: drafts of articles and headline candidates, in print order (see module doc)."""
    drafts: list[_Draft] = []
    heads: list[_Head] = []
    pending: list[int] = []  # heads since the last article paragraph
    label: str | None = None
    waiting: list[str] = []  # 上接第X版 markers before the article they open
    label_title: str | None = None  # headline right above a stand-alone label
    block = 0

    def start(i: int, paragraph: str, **kw) -> _Draft:
        nonlocal pending, label, label_title
        if label_title is not None:
            kw.setdefault("title", label_title)
        d = _Draft([paragraph], i, heads_before=list(pending), label=label, markers=list(waiting), **kw)
        waiting.clear()
        label_title = None
        for h in pending:
            heads[h].next = len(drafts)
        if label in COMMENTARY_LABELS:
            d.kind = "commentary"
        elif label:
            d.kind = "notice"
        pending, label = [], None
        drafts.append(d)
        return d

    for i, p in enumerate(paras):
        cur = drafts[-1] if drafts else None
        fresh = cur is not None and not pending and label is None and not cur.closed
        p, inline = strip_inline_markers(p)
        if is_marker(p):
            if marker_of(p).startswith("上接") or cur is None:
                waiting.append(marker_of(p))  # belongs to the article that starts next
            else:
                cur.markers.append(marker_of(p))
                cur.closed = True
            continue
        if "\t" in p:
            rows = p.replace("\t", " ")
            if cur is not None and cur.kind == "list" and not cur.closed:  # only captions came in between
                cur.paragraphs += [heads[h].text for h in pending] + [rows]
                for h in pending:
                    heads[h].consumed = True
                pending = []
            else:
                title = heads[pending[0]].text if pending else None
                extra = [heads[h].text for h in pending[1:]]
                for h in pending:
                    heads[h].consumed = True
                pending = []
                start(i, rows, kind="list", title=title).paragraphs[:0] = extra
            continue
        if is_caption(p):
            cap = split_caption(p)
            start(i, cap.text, kind="photo", reporters=cap.photographers, title=cap.heading, closed=True)
            continue
        if is_byline(p):
            b = split_byline(p)
            d = start(i, b.rest, reporters=b.reporters, correspondents=b.correspondents, byline=True)
        elif _LABELLED.match(p):
            label = _LABELLED.match(p).group(1)
            d = start(i, p)
        elif p in LABELS:  # 评论 / 开栏语 printed alone: the headline right above is this piece's title
            label = p
            if pending:
                heads[pending[-1]].consumed = True
                label_title = heads[pending[-1]].text
            continue
        elif cur is not None and fresh and signature_line(p) and ends_sentence(cur.paragraphs[-1]):
            cur.author, cur.closed = signature_line(p), True
            office = signed_office(p)
            if office:  # "区委常委、廿里镇党委书记 毛晓荣" under a quoted piece: the speaker's post stays with it
                cur.paragraphs.append(f"{office}。")
            continue
        elif head_like(p) and not _SUBHEAD.match(p):
            if not pending:
                block += 1
            heads_prev = heads[pending[-1]].prev if pending else (len(drafts) - 1 if drafts else None)
            heads.append(_Head(p, block, prev=heads_prev))
            pending.append(len(heads) - 1)
            continue
        elif fresh:
            cur.paragraphs.append(p)
            d = cur
        else:
            d = start(i, p)
        d.markers += inline
        d.closed = d.closed or any(m.startswith("下转") for m in inline)
        text, author = split_signature(d.paragraphs[-1])
        if author:
            d.paragraphs[-1], d.author, d.closed = text, author, True
        text, org = split_credit(d.paragraphs[-1])
        if org:
            d.paragraphs[-1], d.closed = text, True
            d.correspondents = tuple(dict.fromkeys((*d.correspondents, org)))
    return drafts, heads


def _merge_continuations(drafts: list[_Draft], heads: list[_Head], matcher: Matcher) -> list[_Draft]:
    """Append text that resumes after headlines (no byline, no label) to the last article left open mid-sentence,
    unless a headline right above it matches it best."""
    best = {h: max(range(len(drafts)), key=lambda j: matcher.score(heads[h].text, j)) for h in range(len(heads))}
    out: list[_Draft] = []
    for k, d in enumerate(drafts):
        open_ = [o for o in out if o.kind == "news" and not o.closed and not ends_sentence(o.paragraphs[-1])]
        own_head = any(best[h] == k and matcher.score(heads[h].text, k) >= 0.5 for h in d.heads_before)
        if d.byline or d.label or d.kind != "news" or not open_ or own_head or not d.heads_before:
            out.append(d)
            continue
        target = open_[-1]
        log.debug("continuation at paragraph %d joins the article at paragraph %d", d.start, target.start)
        target.paragraphs[-1] += d.paragraphs[0]
        target.paragraphs += d.paragraphs[1:]
        target.markers += d.markers
        target.author = target.author or d.author
        target.closed = d.closed
    renumber = {id(d): n for n, d in enumerate(out)}
    old = {n: renumber.get(id(d)) for n, d in enumerate(drafts)}
    for h in heads:
        h.prev = old.get(h.prev) if h.prev is not None else None
        h.next = old.get(h.next) if h.next is not None else None
    return out


def _assign_headlines(drafts: list[_Draft], heads: list[_Head], matcher: Matcher) -> dict[int, tuple[str, bool]]:
    """Headline -> article by content score plus position bonus; per article the main title (see module doc)."""
    per_draft: dict[int, list[tuple[int, float]]] = {}
    for n, h in enumerate(heads):
        if h.consumed or not drafts or BANNER.search(h.text):
            continue
        scored = [(matcher.score(h.text, j) + (NEXT_BONUS if j == h.next else 0)
                   + (PREV_BONUS if j == h.prev else 0), j) for j in range(len(drafts))
                  if drafts[j].kind not in ("list", "photo")]
        if not scored:
            continue
        total, j = max(scored)
        if total < ASSIGN_MIN:
            log.debug("headline %r matches no article (%.2f); dropped", h.text, total)
            continue
        per_draft.setdefault(j, []).append((n, total))
    titles: dict[int, tuple[str, bool]] = {}
    for j, items in per_draft.items():
        items.sort()
        if max(t for _, t in items) >= TITLE_MIN:
            lines, scores = [heads[n].text for n, _ in items], [t for _, t in items]
            titles[j] = (main_title(lines, scores, drafts[j].paragraphs[0]), False)
    return titles
