"""Pure text helpers for briefings: news leads without bylines or page furniture, and title/lead similarity.

Nothing here knows about the archive; it takes strings (and Articles) and returns strings, sets and numbers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .models import Article

# Sentences end at 。！？ (plus a closing quote or bracket that belongs to the sentence).
_SENT_RE = re.compile(r"[^。！？!?]*[。！？!?]+[”’」』）)]*|[^。！？!?]+$")
# 本报讯（记者 刘威 通讯员 张三）, 本报讯 (记者 X), 记者 X 报道, (记者 X) at the start of a body.
_BYLINE_RES = (
    re.compile(r"^\s*(本报讯|衢江新闻网讯|新华社[^\s（(]{0,6}电)\s*[（(][^）)]{0,60}[）)]\s*"),
    re.compile(r"^\s*(本报讯|衢江新闻网讯)\s*"),
    re.compile(r"^\s*[（(]\s*(记者|通讯员|本报记者)[^）)]{0,60}[）)]\s*"),
    re.compile(r"^\s*(本报)?记者\s*[\u4e00-\u9fff·]{2,4}(\s+[\u4e00-\u9fff·]{2,4}){0,3}\s*(报道|摄)\s*"),
)
# Page furniture that must never reach a briefing: 下转第二版, （上接第1版）, 转2版 …
_FURNITURE_RE = re.compile(r"[（(]?\s*[下上]?[转接]\s*第?\s*[0-9一二三四五六七八]+\s*版\s*[）)]?")
# "记者刘威" / "记者 邹洁 邵秀清" inside a sentence: the names are bylines, not news.
_REPORTER_RE = re.compile(r"[（(]?\s*(本报)?(记者|通讯员)\s*([\u4e00-\u9fff]{2,3}\s*){1,4}[）)]")
_SPACE_RE = re.compile(r"[ \t\u3000]+")

# Office titles whose presence marks a story as one an editor leads with.
OFFICIALS = (
    "区委书记", "区长", "区委副书记", "常务副区长", "副区长", "区人大常委会主任", "区政协主席",
    "市委书记", "市长", "省委", "省长", "区领导", "区委常委", "市领导",
)

DATE_RE = re.compile(r"\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}\s*年")


def clean_body(text: str) -> str:
    """Body text -> one line per paragraph, without page furniture or in-text reporter credits."""
    text = _FURNITURE_RE.sub("", text)
    paragraphs = [_SPACE_RE.sub(" ", p).strip() for p in text.splitlines()]
    return "\n".join(p for p in paragraphs if p)


def strip_byline(text: str) -> str:
    """Remove a leading 本报讯（记者 …）/（记者 …）/记者 X 报道 credit from a body or paragraph."""
    for pattern in _BYLINE_RES:
        text = pattern.sub("", text, count=1)
    return text.lstrip(" ，,：:")


def split_sentences(text: str) -> list[str]:
    """Split Chinese text into sentences ending in 。！？ (a trailing fragment is kept as a sentence)."""
    out = []
    for paragraph in text.splitlines():
        out.extend(s.strip() for s in _SENT_RE.findall(paragraph) if s.strip())
    return out


def _shorten(sentence: str, max_chars: int) -> str:
    """Cut an over-long sentence at the last clause boundary (，；) before max_chars and close it with 。."""
    if len(sentence) <= max_chars:
        return sentence
    cut = max(sentence.rfind(mark, 0, max_chars) for mark in "，；,;")
    if cut < max_chars // 3:
        return sentence  # no usable clause boundary: keep the sentence whole rather than garble it
    return sentence[:cut] + "。"


_CREDIT_RE = re.compile(r"(记者|通讯员)\s*[\u4e00-\u9fff]{2,3}(\s+[\u4e00-\u9fff]{2,3})*\s*(报道|摄|采写|整理|文)")


def _is_news_sentence(sentence: str, staff: Sequence[str] = ()) -> bool:
    """False for fragments an editor would never quote: too short, unfinished, a credit ("记者李四报道"), or a
    sentence naming the article's own reporters (`staff`)."""
    body = sentence.rstrip("。！？!?”’」』）) ")
    if len(body) < 8 or not re.search(r"[。！？!?]", sentence):
        return False
    if _CREDIT_RE.search(sentence):
        return False
    return not any(name and name in sentence for name in staff)


_HALF_TO_FULL = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "?": "？", "!": "！"})
_HALF_PUNCT_RE = re.compile(r"(?<=[\u4e00-\u9fff\d）”])[,;:?!]|[()](?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])[()]")


def full_width(text: str) -> str:
    """ASCII punctuation next to Chinese text -> its full-width form (OCR and PDFs mix the two)."""
    return _HALF_PUNCT_RE.sub(lambda m: m.group(0).translate(_HALF_TO_FULL), text)


def lead_sentences(article: Article, max_sentences: int = 2, max_chars: int = 90) -> list[str]:
    """The news lead of an article: its first informative sentences, byline and furniture removed.

    Returns up to max_sentences sentences (verbatim spans of the body, over-long ones cut at a clause);
    the second sentence is added only while the lead stays short. Empty when the body has no full sentence.
    """
    body = full_width(clean_body(article.body))
    paragraphs = [strip_byline(p) for p in body.splitlines()]
    staff = article.reporters + article.correspondents
    sentences = [s for s in split_sentences("\n".join(paragraphs)) if _is_news_sentence(s, staff)]
    out: list[str] = []
    for sentence in sentences[: max_sentences + 2]:
        sentence = _shorten(_REPORTER_RE.sub("", sentence).strip(), max_chars)
        if out and sum(map(len, out)) + len(sentence) > max_chars * 1.5:
            break
        out.append(sentence)
        if len(out) >= max_sentences:
            break
    return out


def officials_in(text: str) -> int:
    """How many distinct senior office titles the text mentions (a ranking signal)."""
    return sum(1 for title in OFFICIALS if title in text)


def char_ngrams(text: str, n: int = 2) -> set[str]:
    """Set of Chinese/alphanumeric character n-grams of text (punctuation and spaces dropped)."""
    chars = re.sub(r"[^\w]", "", text)
    return {chars[i : i + n] for i in range(len(chars) - n + 1)}


def similarity(a: set[str], b: set[str]) -> float:
    """Overlap coefficient |a∩b| / min(|a|,|b|) in [0, 1]; 0 when either is empty."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))
