"""The news lead of an article (pure): byline and page furniture removed, the lede chosen, cut to its main clause.

Also the sentences of briefing text. Nothing here knows about the archive; it takes strings (and Articles) and
returns strings and numbers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..ingest.bylines import CREDIT, CREDIT_IN_TEXT, strip_byline
from ..ingest.continuations import PAGE_REFERENCE
from ..models import Article
from ..text import char_ngrams, split_sentences

# A briefing sentence ends at 。！？ and the closing quote or bracket after it (a straight quote starts the next).
_CLOSERS = "”’」』）)"
_SPACE_RE = re.compile(r"[ \t\u3000]+")

# Office titles whose presence marks a story as one an editor leads with.
OFFICIALS = (
    "区委书记", "区长", "区委副书记", "常务副区长", "副区长", "区人大常委会主任", "区政协主席",
    "市委书记", "市长", "省委", "省长", "区领导", "区委常委", "市领导",
)

DATE_RE = re.compile(r"\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}\s*年")


def clean_body(text: str) -> str:
    """Body text -> one line per paragraph, without page furniture or in-text reporter credits."""
    text = PAGE_REFERENCE.sub("", text)  # page furniture must never reach a briefing
    paragraphs = [_SPACE_RE.sub(" ", p).strip() for p in text.splitlines()]
    return "\n".join(p for p in paragraphs if p)


def sentences_of(text: str) -> list[str]:
    """The sentences of briefing text: each line split on its own, every sentence trimmed; a trailing fragment is
    kept as a sentence."""
    return split_sentences(text, closers=_CLOSERS, trim=True)


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


def _is_news_sentence(sentence: str, staff: Sequence[str] = ()) -> bool:
    """False for fragments an editor would never quote: too short, unfinished, a credit ("记者李四报道"), or a
    sentence naming the article's own reporters (`staff`)."""
    body = sentence.rstrip("。！？!?”’」』）) ")
    if len(body) < 8 or not re.search(r"[。！？!?]", sentence):
        return False
    if CREDIT.search(sentence):
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
    sentences = [CREDIT_IN_TEXT.sub("", s).strip() for s in sentences_of("\n".join(paragraphs))
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
