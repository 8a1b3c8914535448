"""Pure chunking: one Article -> Chunks of ~size characters on Chinese sentence boundaries.

Chunks never cross articles, overlap by whole sentences, and keep exact offsets: for every chunk,
``article.body[chunk.start:chunk.end] == chunk.text``. The title is not part of ``Chunk.text`` (a citation
quotes the body) but goes into the text that is embedded and keyword-indexed (see :func:`index_text`).
"""

from __future__ import annotations

import re

from ..models import Article, Chunk, Hit
from ..text import HAN, sentence_spans, split_sentences
from .bylines import ORG_SUFFIX, SENTENCE_BYLINE

# A sentence ends after one of these (runs such as "……" or "！？" count as one end), then any closing quotes
# or brackets that belong to the sentence, or at a newline; the newlines after it belong to it.
ENDS = "。！？；!?;…"
CLOSERS = "”’」』）)》〉】\"'"
_CLAUSE_END = re.compile(r"[，,、：:]+")


def _cut_long(text: str, start: int, end: int, size: int) -> list[tuple[int, int]]:
    """Cut one over-long sentence span at clause commas, and hard at ``size`` where no comma helps."""
    pieces: list[tuple[int, int]] = []
    cuts = [start + m.end() for m in _CLAUSE_END.finditer(text, start, end)]
    pos = start
    while end - pos > size:
        fitting = [c for c in cuts if pos < c <= pos + size]
        cut = fitting[-1] if fitting else pos + size
        pieces.append((pos, cut))
        pos = cut
    if pos < end:
        pieces.append((pos, end))
    return pieces


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a span so it neither starts nor ends with whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _units(text: str, size: int) -> list[tuple[int, int]]:
    """Sentence spans, whitespace-trimmed, empty ones dropped, long ones cut to at most ``size``."""
    units: list[tuple[int, int]] = []
    for s, e in sentence_spans(text, ENDS, CLOSERS, keep_breaks=True):
        s, e = _strip(text, s, e)
        if e <= s:
            continue
        units.extend(_cut_long(text, s, e, size) if e - s > size else [(s, e)])
    return units


def pack(units: list[tuple[int, int]], size: int, overlap: int) -> list[tuple[int, int]]:
    """Group consecutive unit spans into windows (first unit index, end unit index) of <= ``size`` characters.

    Each window after the first repeats the trailing whole units of the previous one, up to ``overlap``
    characters (or the single last unit when it is no longer than twice ``overlap``).
    """
    windows: list[tuple[int, int]] = []
    i = 0
    while i < len(units):
        j = i + 1  # a window always holds at least one unit
        while j < len(units) and units[j][1] - units[i][0] <= size:
            j += 1
        windows.append((i, j))
        if j >= len(units):
            break
        # step back over whole units for the overlap, but always bring in at least one new unit
        k = j
        while k - 1 > i and units[j - 1][1] - units[k - 1][0] <= overlap:
            k -= 1
        if k == j and j - 1 > i and units[j - 1][1] - units[j - 1][0] <= 2 * overlap:
            k = j - 1
        if units[j][1] - units[k][0] > size:
            k = j  # the overlap would push the next unit past size: no overlap this time
        i = k
    return windows


def chunk_article(article: Article, size: int = 300, overlap: int = 60) -> list[Chunk]:
    """Split ``article.body`` into Chunks of about ``size`` characters, overlapping by ~``overlap``.

    Returns [] for an empty body. Every chunk carries the article's metadata (flat, Chroma-safe values).
    """
    if size <= 0 or overlap < 0 or overlap >= size:
        raise ValueError(f"need 0 <= overlap < size, got size={size} overlap={overlap}")
    body = article.body
    units = _units(body, size)
    chunks = []
    for index, (i, j) in enumerate(pack(units, size, overlap)):
        start, end = units[i][0], units[j - 1][1]
        chunk_id = f"{article.id}:{index}"
        chunks.append(Chunk(id=chunk_id, article_id=article.id, index=index, text=body[start:end],
                            start=start, end=end, metadata=chunk_metadata(article, index, start, end)))
    return chunks


def chunk_metadata(article: Article, index: int, start: int, end: int) -> dict:
    """Flat metadata for the vector store: str/int/bool only, date as int YYYYMMDD (Chroma ranges need numbers)."""
    return {
        "article_id": article.id,
        "title": article.title,
        "date": date_int(article.date),
        "source": article.source,
        "reporters": "、".join(article.reporters),
        "kind": article.kind,
        "chunk_index": index,
        "start": start,
        "end": end,
        "title_inferred": article.title_inferred,
    }


def date_int(date) -> int:
    """datetime.date -> 20230822."""
    return date.year * 10000 + date.month * 100 + date.day


def index_text(title: str, text: str) -> str:
    """What is embedded and keyword-indexed for a chunk: the title line, then the chunk text."""
    return f"{title}\n{text}" if title else text


# --- the sentences of a chunk as answers show them (the unit that is embedded, scored and cited) -------------

_SHOWN_ENDS = "。！？!?”’」』）)…"
ITEM_LINE = re.compile(rf"^\s*[{HAN}]{{2,10}}(?:[ \u3000]+[{HAN}]{{2,10}}){{2,}}\s*$")
_SPACE_IN_CJK = re.compile(rf"(?<=[{HAN}，。、：；“”（）])\s+|\s+(?=[{HAN}，。、：；“”（）])")
MIN_SENTENCE = 6  # shorter pieces (a stray "摄。") are never answer material


def clean_sentence(sentence: str) -> str:
    """A chunk sentence as shown in an answer: line breaks and stray spaces removed, byline prefix dropped."""
    text = _SPACE_IN_CJK.sub("", sentence.strip())
    return SENTENCE_BYLINE.sub("", text).strip()


def display_sentences(text: str) -> list[tuple[int, str, bool]]:
    """The sentences of a chunk's text as an answer shows them: (position in the chunk, shown text, is a name-list
    line). A line of a name list ("区招商中心 廿里镇 湖南镇") becomes "区招商中心、廿里镇、湖南镇。"; a heading or list
    line gets a full stop so it does not run into the next; pieces under MIN_SENTENCE characters are left out.
    The ingest embeds exactly these texts, so the answer engine finds their vectors by text."""
    out = []
    for pos, raw in enumerate(split_sentences(text)):
        item = bool(ITEM_LINE.match(raw))
        shown = "、".join(raw.split()) if item else clean_sentence(raw)
        if shown and shown[-1] not in _SHOWN_ENDS:
            shown += "。"
        if len(shown) >= MIN_SENTENCE:
            out.append((pos, shown, item))
    return out


def article_facts(article: Article | Hit) -> list[str]:
    """What the paper prints about an article (or the article of a hit) besides its text, as sentences an answer
    can quote and cite: when and in which issue it ran, who signed or reported it ("《后浪拍岸 满城新景》署名余慧仙。",
    "《…》的记者是刘威，通讯员是汤雨琦。"),
    or, for a picture (kind "photo"), who took it ("《项目建设 稳步推进》的图片由邵秀清、徐凌峰拍摄。")."""
    title, date, author, issue_number = article.title, article.date, article.author, article.issue_number
    reporters, correspondents, kind = article.reporters, article.correspondents, article.kind
    day = f"{date.year}年{date.month}月{date.day}日"
    facts = [f"《{title}》刊于{day}《今日衢江》" + (f"总第{issue_number}期。" if issue_number else "。")]
    if author:  # (a commentary says it is one: 柏雷那篇评论 asks for it by what it is)
        facts.append(f"{'评论' if kind == 'commentary' else ''}《{title}》署名{author}，作者是{author}。")
    if reporters and kind == "photo":
        facts.append(f"《{title}》的图片由{'、'.join(reporters)}拍摄。")
    elif reporters or correspondents:  # the byline's two roles, as it prints them: 记者 …, 通讯员 …
        # (a body credited at the end, 衢江区交投集团, contributed the piece: no 通讯员)
        people = [c for c in correspondents if not re.search(rf"{ORG_SUFFIX}$", c)]
        bodies = [c for c in correspondents if c not in people]
        roles = ([f"记者是{'、'.join(reporters)}"] if reporters else []) + (
            [f"通讯员是{'、'.join(people)}"] if people else []) + ([f"供稿单位是{'、'.join(bodies)}"] if bodies else [])
        facts.append(f"《{title}》的{'，'.join(roles)}。")
    return facts
