"""Pure text helpers for briefings: news leads without bylines or page furniture, and title/lead similarity.

Nothing here knows about the archive; it takes strings (and Articles) and returns strings, sets and numbers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..models import Article

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


_LEADING_CLAUSE_RE = re.compile(r"^(为了?[^，。]{2,40}|随着[^，。]{2,40})，")  # "在医师节之际" is news: kept
_ADVERBIAL_END_RE = re.compile(r"(之际|期间|之时|时|以来|之后|之前|中|下|上午|下午|日)$")
_DATE_CLAUSE_RE = re.compile(r"，(\d{1,2}月\d{1,2}日[上下午晚]*，)")
_SPEECH_RE = re.compile(r"(强调|指出|要求|表示|认为|希望|说)[，：:]|^[“\"]")
_FACT_RE = re.compile(r"\d|[区镇乡村局县市]|书记|领导|参加|出席|主持")  # a follow-up must say who or how many
_WHEN_RE = re.compile(r"\d{1,2}\s*月\s*\d{1,2}\s*日|今年以来|近日|日前|近年来|上半年|截至|目前|\d{4}\s*年")


def shorten(sentence: str, max_chars: int) -> str:
    """Compress an over-long sentence: drop a leading purpose clause (为…，/随着…，), then cut trailing
    clauses at the last boundary (，；) before max_chars and close it with 。. The result is made of verbatim
    clauses of the sentence."""
    if len(sentence) <= max_chars:
        return sentence
    late_date = _DATE_CLAUSE_RE.search(sentence)
    if _LEADING_CLAUSE_RE.match(sentence) and late_date and len(sentence) - late_date.end() >= 15:
        sentence = sentence[late_date.start() + 1:]  # "为…，…，5月14日，X做了Y。" -> "5月14日，X做了Y。"
    head = re.match(r"^(\d{1,2}月\d{1,2}日[上下午晚]*，)?", sentence).group(0)  # keep the date in front
    rest = _LEADING_CLAUSE_RE.sub("", sentence[len(head):], count=1)
    if len(rest) >= 15:
        sentence = head + rest
    if len(sentence) <= max_chars:
        return sentence
    # The cut must leave the main clause: at least half of max_chars, not ending on an adverbial (…之际/…时).
    cuts = [m.start() for m in re.finditer("[，；]", sentence)
            if max_chars // 2 <= m.start() <= max_chars * 1.3 and not _ADVERBIAL_END_RE.search(sentence[:m.start()])]
    if not cuts:
        return sentence  # no usable clause boundary: keep the sentence whole rather than garble it
    return sentence[: max(cuts)] + "。"


def _lead_score(sentence: str, index: int, title_grams: set[str]) -> float:
    """How much a sentence reads like the lede: says when, echoes the headline, is not a quote or a question."""
    when = _WHEN_RE.search(sentence)
    if when is None:
        score = 0.0
    elif "月" in when.group(0):
        score = 1.5  # "8月18日": the news peg
    else:
        score = 0.5 if re.fullmatch(r"\d{4}\s*年", when.group(0)) else 1.0  # a bare year says least
    if title_grams:
        score += 3.0 * len(title_grams & char_ngrams(sentence)) / len(title_grams)
    if sentence.startswith(("“", '"')) or "？" in sentence or "?" in sentence:
        score -= 2.0
    if len(sentence) < 15:
        score -= 1.0
    return score - 0.3 * index


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


def lead_sentences(article: Article, max_sentences: int = 2, max_chars: int = 60) -> list[str]:
    """The news lead of an article: byline and furniture removed, the lede sentence plus a short follow-up.

    The lede is the best of the first five informative sentences by `_lead_score` (features often open with a
    quote or a question); a second sentence follows when it is short, states a fact (who, how many) and is not a
    speech report ("他强调，要…").
    Sentences are verbatim clauses of the body (see `shorten`). Empty when the body has no full sentence.
    """
    body = full_width(clean_body(article.body))
    paragraphs = [strip_byline(p) for p in body.splitlines()]
    staff = article.reporters + article.correspondents
    sentences = [_REPORTER_RE.sub("", s).strip() for s in split_sentences("\n".join(paragraphs))
                 if _is_news_sentence(s, staff)][:5]
    if not sentences:
        return []
    title = char_ngrams(article.title)
    best = max(range(len(sentences)), key=lambda i: (_lead_score(sentences[i], i, title), -i))
    out = [shorten(sentences[best], max_chars)]
    for follow in sentences[best + 1 : best + max_sentences]:
        if len(follow) > 60 or _SPEECH_RE.search(follow) or not _FACT_RE.search(follow):
            break
        out.append(follow)
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
