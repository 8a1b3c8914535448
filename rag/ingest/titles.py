"""Pure helpers for headlines: how well a headline matches an article, which line of a headline block is the
main title, and a title made from the lead sentence when no headline matches.

Matching is by character bigrams weighted by rarity across the issue's articles (a bigram every article shares,
such as 衢江, says little), so a headline printed after, inside or far from its article still finds it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache

from ..text import CJK, char_ngrams

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
