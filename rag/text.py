"""Chinese text primitives every stage shares (pure): the CJK ranges, sentence splitting, character n-grams and
their overlap, Chinese numerals.

Each exists once. Where stages need them to behave differently (a chunk keeps its line breaks, a briefing
sentence is trimmed; an answer sentence ends at 。！？ while a chunk also ends at ；…), they say so through the
parameters, and the defaults are what answers and citations use.
"""

from __future__ import annotations

import re
from functools import lru_cache

HAN = "\u4e00-\u9fff"  # CJK Unified Ideographs, for character classes: f"[{HAN}]"
CJK = "\u3400-\u4dbf" + HAN  # with Extension A
CJK_COMPAT = "\uf900-\ufaff"  # Compatibility Ideographs (OCR output holds some)

STOPS = "。！？!?"  # the ends of a sentence in answers, citations and briefings
CLOSERS = "”’」』）)\"'"  # closing quotes and brackets that belong to the sentence before them


@lru_cache(maxsize=16)
def _sentence_end(ends: str, closers: str, keep_breaks: bool) -> re.Pattern:
    stop = rf"[{re.escape(ends)}]+[{re.escape(closers)}]*"
    return re.compile(rf"{stop}\n*|\n+" if keep_breaks else rf"{stop}|\n")


def sentence_spans(text: str, ends: str = STOPS, closers: str = CLOSERS,
                   keep_breaks: bool = False) -> list[tuple[int, int]]:
    """Cut text into contiguous (start, end) spans, one per sentence; together they cover the whole text.

    A sentence ends after a run of `ends` characters ("……", "！？" count as one end) and the `closers` right after
    it, or at a line break. keep_breaks: the line breaks after a sentence belong to it and a run of them is one
    piece (chunking); else every line break ends a piece of its own.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _sentence_end(ends, closers, keep_breaks).finditer(text):
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def list_spans(text: str) -> list[tuple[int, int]]:
    """The pieces of a list (award winners, results: a label line, then rows of names with spaces): each row with
    the label above it ("“金牛奖”获奖名单\n区住建局 区交投集团"), what a mention in it means; a label alone is a
    piece."""
    spans: list[tuple[int, int]] = []
    label, pos = None, 0
    for line in text.splitlines(keepends=True):
        start, pos = pos, pos + len(line)
        words = line.split()
        if len(words) == 1:
            label = start
            spans.append((start, pos))
        elif words:
            spans.append((label if label is not None else start, pos))
    return spans or [(0, len(text))]


def list_text(piece: str) -> str:
    """A piece of a list as one line: "“金牛奖”获奖名单：区住建局、区交投集团；…" (rows of names become one
    list, each label ends in a colon)."""
    groups: list[tuple[str, list[str]]] = []
    for line in piece.splitlines():
        words = line.split()
        if len(words) == 1 and (not groups or groups[-1][1]):
            groups.append((words[0], []))
        elif words:
            if not groups:
                groups.append(("", []))
            groups[-1][1].extend(words)
    parts = [(f"{label}：" if label and items else label) + "、".join(items) for label, items in groups]
    return "；".join(p for p in parts if p)


def split_sentences(text: str, ends: str = STOPS, closers: str = CLOSERS, trim: bool = False) -> list[str]:
    """The sentences of text (see `sentence_spans`), blank ones left out: verbatim pieces, whitespace included,
    so that they join back into the text; trim: each line (str.splitlines) split on its own, every sentence
    stripped of surrounding whitespace (briefings)."""
    if trim:
        return [s.strip() for line in text.splitlines() for s in split_sentences(line, ends, closers)]
    pieces = (text[a:b] for a, b in sentence_spans(text, ends, closers))
    return [p for p in pieces if p.strip()]


_NOT_WORD = re.compile(r"[^\w]")


# a sentence that only says who said the quote before it ("……事事有回应。”衢江区社会治理中心主任叶尔军表示。")
ATTRIBUTION_RE = re.compile(r"^[^，。；：“”]{2,30}(说|表示|介绍|告诉记者|感慨道|笑着说)[。！]?$")
# a sentence that opens a quotation holding a clause (“我们基本拎包入驻，还减免了场地资金。”), not one that opens with
# a quoted name (“民情直通车”赶赴周家乡…)
QUOTE_RE = re.compile(r"^“[^”]*[，。！？…]”|^“[^”]*$")


def quoted_or_attributed(sentence: str) -> bool:
    """True for a quotation, or a line that only says who spoke the one before it (翁文通说。)."""
    return bool(QUOTE_RE.match(sentence) or ATTRIBUTION_RE.match(sentence))


def with_quote(text: str, start: int, end: int) -> str:
    """text[start:end], and when that sentence only attributes the quote just before it (叶尔军表示。), the quote
    with it: "“……事事有回应。”衢江区社会治理中心主任叶尔军表示。"."""
    sentence = text[start:end].strip()
    before = text[:start].rstrip()
    if ATTRIBUTION_RE.match(sentence) and before.endswith("”"):
        opening = before.rfind("“")
        if opening >= 0 and start - opening <= 400:
            return text[opening:end].strip()
    return sentence


@lru_cache(maxsize=4096)
def sound(text: str) -> str:
    """How Chinese text sounds, without tones ("liu wei" for 刘伟 and for 刘威): an input method's typo of a name is
    one that sounds the same."""
    from pypinyin import lazy_pinyin

    return " ".join(lazy_pinyin(text))


def char_ngrams(text: str, n: int = 2, runs: re.Pattern | None = None) -> set[str]:
    """Character n-grams of text. Without `runs`: of its letters, digits and CJK characters (punctuation and spaces
    dropped, so n-grams span them); with `runs`: within each match of that pattern only."""
    pieces = runs.findall(text) if runs is not None else [_NOT_WORD.sub("", text)]
    return {p[i:i + n] for p in pieces for i in range(len(p) - n + 1)}


def overlap(a: set[str] | frozenset[str], b: set[str] | frozenset[str]) -> float:
    """Overlap coefficient |a∩b| / min(|a|,|b|) in [0, 1]; 0 when either is empty."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
             "九": 9}
CN_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}


def cn_to_int(text: str, positional: bool = True) -> int | None:
    """Value of a Chinese numeral (十五 -> 15, 二十三, 一百零八, 三千); None if it is not one.

    positional: a run of digits alone is read digit by digit (二〇二三 -> 2023, as years are written); otherwise
    such a run of two or more digits is not a number (两三 in 最近两三天 says "a few").
    """
    if positional and text and all(c in CN_DIGITS for c in text):
        return int("".join(str(CN_DIGITS[c]) for c in text))
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in "零〇":
            continue  # placeholder zero (一百零八)
        if ch in CN_DIGITS:
            if digit is not None:
                return None
            digit = CN_DIGITS[ch]
        elif ch in CN_UNITS:
            unit = CN_UNITS[ch]
            if unit >= 10_000:
                total = (total + section + (digit or 0)) * unit
                section = 0
            else:
                section += (1 if digit is None else digit) * unit
            digit = None
        else:
            return None
    return total + section + (digit or 0)


def count(text: str) -> int | None:
    """A count written in digits or in Chinese (12, 十二, 二十二, 三十); None when it is neither."""
    return int(text) if text.isdigit() else cn_to_int(text, positional=False)
