"""Pure helpers for headlines: how well a headline matches an article, which line of a headline block is the
main title, a title made from the lead sentence when no headline matches, and a headline the source printed cut
mended from the article's own text.

Matching is by character bigrams weighted by rarity across the issue's articles (a bigram every article shares,
such as 衢江, says little), so a headline printed after, inside or far from its article still finds it.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import lru_cache

from ..models import Article
from ..text import CJK, HAN, char_ngrams

log = logging.getLogger(__name__)

Words = Callable[[str], Sequence[str]]  # text -> its words (the archive tokenizer's `words`)

_RUN = re.compile(rf"[{CJK}0-9A-Za-z]+")
SPEECH_VERBS = ("强调", "指出", "表示", "要求", "提出")
_LEAD_TIME = re.compile(
    r"^(?:\d{1,2}月\d{1,2}日(?:上午|下午|晚上|晚|凌晨|中午)?|日前|近日|近期|连日来|今年以来|目前|当前|近年来|"
    r"\d{4}年\d{1,2}月\d{1,2}日)[，,]?"
)


@lru_cache(maxsize=2048)
def bigrams(text: str) -> frozenset[str]:
    """Character bigrams of the Chinese characters, digits and letters of text (punctuation and spaces break)."""
    return frozenset(char_ngrams(text, 2, runs=_RUN))


class Matcher:
    """Scores headlines against the bodies of one issue's articles."""

    def __init__(self, bodies: list[str]) -> None:
        self.grams = [bigrams(b) for b in bodies]
        df = Counter(g for gs in self.grams for g in gs)
        n = len(bodies)
        self.idf = {g: math.log(1 + n / (1 + c)) for g, c in df.items()}
        self.default_idf = math.log(1 + n)

    def score(self, headline: str, article: int) -> float:
        """Share (0..1) of the headline's bigram weight found in the article body."""
        grams = bigrams(headline)
        if not grams:
            return 0.0
        weights = {g: self.idf.get(g, self.default_idf) for g in grams}
        found = sum(w for g, w in weights.items() if g in self.grams[article])
        return found / sum(weights.values())


def main_title(lines: list[str], scores: list[float], lead: str) -> str:
    """The title from the headline lines assigned to one article (in print order) with their match scores: the
    line that best matches the lead paragraph and the body (the factual main title rather than a slogan-like
    one); a kicker ending in a speech verb (…时强调) is kept together with the line it introduces."""
    lead_grams = bigrams(lead[:200])
    scores = [s + len(bigrams(line) & lead_grams) / max(1, len(bigrams(line))) for line, s in zip(lines, scores)]
    best = max(range(len(lines)), key=lambda i: (scores[i], -i))
    title = lines[best]
    if title.endswith(SPEECH_VERBS) and best + 1 < len(lines):
        title = f"{title} {lines[best + 1]}"
    elif best > 0 and lines[best - 1].endswith(SPEECH_VERBS):
        title = f"{lines[best - 1]} {title}"
    return title


def lead_title(body: str, label: str | None = None, limit: int = 32) -> str:
    """A title made from the lead sentence: the first sentence without its leading date or time phrase, cut at a
    clause boundary near `limit` characters. `label` (开栏语, 短评…) is put in front."""
    text = body.strip()
    if label and text.startswith(label):
        text = text[len(label):].lstrip("：: ")
    text = text.lstrip("，。、；：！？）》”’… ")
    first = re.split(r"(?<=[。！？])", text, maxsplit=1)[0].rstrip("。！？")
    first = _LEAD_TIME.sub("", first, count=1) or first
    if len(first) > limit:
        clauses = re.split(r"(?<=[，；：])", first)
        cut = ""
        for clause in clauses:
            if len(cut) + len(clause) > limit and len(cut) >= 8:
                break
            cut += clause
        first = cut.rstrip("，；：")[:limit]
    first = first.strip("“”‘’ ")
    return f"{label}：{first}" if label else first


# A headline line lost in conversion leaves it cut: at its start inside a quotation ("二三齐步走”走出共富路" for
# "“一二三齐步走”走出共富路"), or at its end inside a word ("区政协开展全区工业平" for "…工业平台…活动"). The lede
# prints the words again, so the missing ones are taken from it, verbatim, and only where it shows the cut.
_QUOTES = "“”\""
_MEND_SPAN = 400  # characters of the body (the lede) that may hold a headline's words again
_TAIL = 4  # characters of a headline's end looked up in the lede
_MAX_CUT = 12  # characters a mended end may add (the rest of one clause)


def mend_title(title: str, body: str, words: Words | None = None) -> str:
    """The headline with what the source cut off restored from the body: a lost opening quotation whose closing
    mark is printed (the body quotes it whole), and, given `words`, an end cut inside a word (the lede goes on
    from the headline's last characters to the end of its clause, and its tokenizer puts a word across the cut).
    Anything else is returned unchanged: a headline is never guessed."""
    text = re.sub(r"\s+", "", body)[:_MEND_SPAN]
    title = _mend_opening(title, text)
    return _mend_end(title, text, words) if words is not None else title


def _mend_opening(title: str, text: str) -> str:
    marks = [i for i, c in enumerate(title) if c in _QUOTES]
    if len(marks) % 2 == 0:  # balanced (a lone mark may have been curled either way)
        return title
    inside = title[:marks[0]].strip()
    m = re.search(rf"[“\"]([{HAN}]{{1,4}}){re.escape(inside)}[”\"]", text) if len(inside) >= 2 else None
    if m is None:
        return title
    log.info("headline mended at its start: %s", title)
    return f"“{m.group(1)}{inside}”{title[marks[0] + 1:].lstrip()}"


def _mend_end(title: str, text: str, words: Words) -> str:
    tail = title.rstrip()[-_TAIL:]
    if not re.fullmatch(rf"[{HAN}]{{{_TAIL}}}", tail):
        return title
    m = re.search(rf"{re.escape(tail)}([{HAN}]{{1,{_MAX_CUT}}})(?=[，。；！？、])", text)
    if m is None or _boundary(words(tail + m.group(1)), len(tail)):
        return title
    log.info("headline mended at its end: %s", title)
    return title.rstrip() + m.group(1)


def _boundary(tokens: Sequence[str], at: int) -> bool:
    """True when a word of `tokens` (which together spell a text) ends `at` characters into it."""
    end = 0
    for token in tokens:
        end += len(token)
        if end >= at:
            return end == at
    return True


def mend_titles(articles: Sequence[Article], words: Words | None = None) -> list[Article]:
    """The articles with their printed headlines mended (see `mend_title`); made-up titles are left alone."""
    out = []
    for article in articles:
        title = article.title if article.title_inferred else mend_title(article.title, article.body, words)
        out.append(article if title == article.title else replace(article, title=title))
    return out
