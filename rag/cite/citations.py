"""Citations are data: parse [n] markers, map them (1-based, bounds-checked) to hits, find verbatim quotes.

Pure logic shared by every answer and briefing engine. An engine produces raw text in which each sentence carries
markers ("甲。[1]乙。[2][3]"); `finalize` turns it into an Answer whose every kept sentence is backed by the text
it cites, as judged by a Verifier.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..ingest.chunk import article_facts
from ..models import Answer, Citation, Hit, Sentence
from ..text import CLOSERS, STOPS, char_ngrams, sentence_spans

if TYPE_CHECKING:  # verify imports nothing heavy, but keep the dependency one-way at import time
    from .verify import Verifier

MARKER_RE = re.compile(r"\[(\d+)\]")
REFUSAL = "档案中没有找到相关报道。"
REFUSAL_PREFIX = "档案中没有找到"
# said with an answer the archive is less likely than not to hold (Answer.unsure)
UNSURE_NOTE = "档案里可能没有确切的答案，以下是最接近的报道内容，请核对来源。"

_MAX_QUOTE_CHARS = 400


def split_marked(text: str) -> list[tuple[str, tuple[int, ...]]]:
    """Split marked text into (sentence without markers, marker numbers in order, deduplicated).

    "甲。[1]乙。[2][3]" -> [("甲。", (1,)), ("乙。", (2, 3))]. Markers may stand before or after the stop; markers
    that follow a stop belong to the sentence before it. Line breaks end sentences too (LLM lists).
    """
    out: list[tuple[str, list[int]]] = []
    pos = 0
    for start, end in sentence_spans(text):  # sentences end at 。！？ (closing quotes kept) or a line break
        if end <= pos:
            continue
        # markers (and spaces) right after the stop belong to this sentence
        tail = re.match(r"(?:\s*\[\d+\])+", text[end:])
        if tail:
            end += tail.end()
        piece = text[max(pos, start):end]
        pos = end
        numbers = [int(n) for n in MARKER_RE.findall(piece)]
        sentence = MARKER_RE.sub("", piece).strip()
        if not sentence.strip(STOPS + CLOSERS + " "):
            if out and numbers:  # a stray marker line: attach to the sentence before
                out[-1][1].extend(numbers)
            continue
        out.append((sentence, numbers))
    return [(s, tuple(dict.fromkeys(ns))) for s, ns in out]


def _sentence_spans(chunk_text: str) -> list[tuple[int, int]]:
    """Sentence spans of a chunk without the whitespace around each sentence; blank pieces left out."""
    spans = []
    for start, end in sentence_spans(chunk_text):
        piece = chunk_text[start:end]
        if not piece.strip():
            continue
        lead = len(piece) - len(piece.lstrip())
        spans.append((start + lead, start + len(piece.rstrip())))
    return spans


# what an answer line puts before the words it quotes: the report they are from (《…》（2024年12月24日）：) or the
# day it was reported (据2024年12月24日报道，, 据2022年8月30日《…》报道，); not words of the article
LINE_PREFIX_RE = re.compile(r"^(《[^》]+》（[^）]+）：|据\d{4}年\d{1,2}月\d{1,2}日(《[^》]+》)?报道，)")


def find_quote(sentence: str, chunk_text: str) -> str:
    """The verbatim span of chunk_text (one to three whole sentences of it) that best supports `sentence`.

    Picks the window of consecutive chunk sentences whose character bigrams cover the most of the sentence's,
    preferring shorter windows on ties. Returns "" for an empty chunk.
    """
    spans = _sentence_spans(chunk_text)
    if not spans:
        return ""
    want = char_ngrams(sentence)
    if not want:
        start, end = spans[0]
        return chunk_text[start:end]
    grams = [char_ngrams(chunk_text[a:b]) for a, b in spans]
    best, best_score = spans[0], -1.0
    for i in range(len(spans)):
        have: set[str] = set()
        for j in range(i, min(i + 3, len(spans))):
            have = have | grams[j]
            hits = len(want & have)
            # coverage first; the tighter window wins a tie
            score = hits / len(want) + 0.05 * hits / max(len(have), 1)
            if score > best_score + 1e-9:
                best, best_score = (spans[i][0], spans[j][1]), score
    return chunk_text[best[0]:best[1]]


def _merge_quotes(chunk_text: str, quotes: list[str]) -> str:
    """One verbatim quote for a chunk cited by several sentences: the span covering them when short enough."""
    unique = list(dict.fromkeys(q for q in quotes if q))
    if len(unique) <= 1:
        return unique[0] if unique else ""
    spans = sorted((chunk_text.find(q), chunk_text.find(q) + len(q)) for q in unique)
    start, end = spans[0][0], max(e for _, e in spans)
    if start >= 0 and end - start <= _MAX_QUOTE_CHARS:
        return chunk_text[start:end]
    return unique[0]


def cited_text(hit: Hit) -> str:
    """What a marker vouches for: the chunk with its article's title, issue date and number, author and
    reporters (all may be stated: rag.ingest.chunk.article_facts)."""
    return "\n".join([hit.title, *article_facts(hit), hit.text])


def is_refusal(text: str) -> bool:
    """True when an engine's text is the refusal (starts with 档案中没有找到)."""
    return MARKER_RE.sub("", text).strip().startswith(REFUSAL_PREFIX)


def refusal(question: str, engine: str, sentences: Sequence[Sentence] = (), prompt: str | None = None) -> Answer:
    """The Answer that says the archive does not cover the question."""
    return Answer(question=question, answer=REFUSAL, refused=True, engine=engine,
                  sentences=tuple(sentences), prompt=prompt)


def finalize(question: str, raw: str, hits: Sequence[Hit], engine: str, verifier: Verifier,
             prompt: str | None = None) -> Answer:
    """Turn an engine's marked text into a verified Answer.

    In: the question, raw text with [n] markers (1-based indexes into `hits`), the hits shown to the engine, the
    engine name, the verifier and the prompt id. Out: an Answer whose `answer` keeps only supported sentences,
    each followed by its renumbered markers; citations are numbered 1.. in order of first use and carry the
    verbatim quote and the chunk. A marker outside 1..len(hits) maps to nothing; a sentence without a valid marker
    or not supported by what it cites is kept only in `sentences` (supported=False). No supported sentence left,
    or a refusal text from the engine, gives the refusal.
    """
    parsed = split_marked(raw)
    if not parsed or is_refusal(raw):
        return refusal(question, engine, prompt=prompt)
    checked: list[tuple[str, tuple[int, ...], bool, float]] = []
    for text, numbers in parsed:
        valid = tuple(n for n in numbers if 1 <= n <= len(hits))
        if not valid:
            checked.append((text, (), False, 0.0))
            continue
        ok, score = verifier.check(text, [cited_text(hits[n - 1]) for n in valid])
        checked.append((text, valid, ok, score))

    renumber: dict[int, int] = {}  # hit index (1-based) -> citation number
    quotes: dict[int, list[str]] = {}
    for text, valid, ok, _ in checked:
        if not ok:
            continue
        for n in valid:
            renumber.setdefault(n, len(renumber) + 1)
            quotes.setdefault(n, []).append(find_quote(LINE_PREFIX_RE.sub("", text), hits[n - 1].text))
    if not renumber:
        sentences = [Sentence(t, (), False, s) for t, _, _, s in checked]
        return refusal(question, engine, sentences, prompt)

    sentences, parts = [], []
    for text, valid, ok, score in checked:
        mapped = tuple(renumber[n] for n in valid if n in renumber)
        sentences.append(Sentence(text=text, citations=mapped, supported=ok, score=score))
        if ok:
            parts.append(text + "".join(f"[{n}]" for n in mapped))
    citations = []
    for n, new in sorted(renumber.items(), key=lambda kv: kv[1]):
        hit = hits[n - 1]
        citations.append(Citation(n=new, article_id=hit.article_id, title=hit.title, date=hit.date,
                                  source=hit.source, quote=_merge_quotes(hit.text, quotes[n]), chunk=hit.text,
                                  chunk_id=hit.chunk_id, reporters=hit.reporters, kind=hit.kind,
                                  correspondents=hit.correspondents))
    # an engine that writes one item a line (lists, a direct answer line) keeps its lines
    return Answer(question=question, answer=("\n" if "\n" in raw.strip() else "").join(parts), refused=False,
                  engine=engine,
                  citations=tuple(citations), sentences=tuple(sentences), prompt=prompt)
