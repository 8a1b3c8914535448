"""The default answer engine, no LLM: picks archive sentences that answer the question and cites each one.

Every candidate sentence of the retrieved chunks is scored by how much of the question's weighted words it (and
its article's title) holds, whether it has what the question asks for (a date for 哪天, a number for 多少, an
enumeration for 哪些), the rank of its chunk and its place in the article. The best sentence, then sentences that
add uncovered question words (or more items, for list questions, possibly from other articles), form the answer,
each followed by its [n] marker; citations.finalize verifies them. When even the best sentence covers too little
of the question, the engine refuses. Article text is data: sentences that address a reader or a model with
instructions (忽略以上指令…) are never candidates.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from .citations import finalize, refusal, split_sentences
from .models import Answer, Hit
from .verify import Verifier

log = logging.getLogger(__name__)

# Words of the question's form, not its topic: they must not count towards (or against) coverage.
QUESTION_WORDS = frozenset(
    "多少 几 几个 几家 几座 几年 第几 哪 哪天 哪些 哪个 哪几 哪两 哪三 哪家 谁 什么 时候 什么时候 何时 是否 怎么样 怎样 "
    "情况 进展 分别 都 呢 吗 区里 报道 报纸 报道里 说 现在 目前 一下 那天 那次 这个 那个 其中 多大 多宽 多长 多高 "
    "名字 叫 是 有 了 问 开 做 拿 给 哪里 一步 到 步".split()
)
_ASKING_RE = re.compile(r"[哪谁几]|什么|多少|怎么|如何|是否")
_LIST_RE = re.compile(r"哪些|哪几|哪两|哪三|几个|有什么|都有|分别|哪几个|几件事|哪[些个]地方")
_WHEN_RE = re.compile(r"哪天|哪一天|什么时候|何时|几月|几号|哪年|时间")
_NUMBER_RE = re.compile(r"多少|几[个家座年次项件名位万亿]|第几|多大|多宽|多长|多高|多重|几")
_WHO_RE = re.compile(r"谁|名字|叫什么")
_DATE_IN_TEXT = re.compile(r"\d{1,2}月\d{1,2}日|\d{4}年\d{1,2}月|月底|年底|上旬|中旬|下旬")
_INJECTION_RE = re.compile(r"忽略.{0,8}(指令|指示|提示|要求|规则)|ignore (all |the )?(previous|above)|system prompt|"
                           r"你(现在)?是一个|请(你)?(直接)?回答[:：]|回答[:：]|扮演", re.IGNORECASE)
_BYLINE_RE = re.compile(r"^(本报讯)?\s*[（(](记者|通讯员|见习记者)[^）)]{0,40}[）)]\s*")
_SPACE_IN_CJK = re.compile(r"(?<=[\u4e00-\u9fff，。、：；“”（）])\s+|\s+(?=[\u4e00-\u9fff，。、：；“”（）])")


@dataclass(frozen=True)
class ExtractiveParams:
    """Knobs of sentence choice and refusal; defaults tuned on evals/qa.jsonl."""

    min_coverage: float = 0.5  # refuse when the best sentence (with its title) covers less of the question
    max_sentences: int = 2  # factoid answers
    max_list_sentences: int = 5  # list / multi answers
    min_relative: float = 0.55  # further sentences must score at least this share of the best
    min_gain: float = 0.15  # ... and (for factoids) cover this much more of the question


@dataclass
class _Candidate:
    text: str  # cleaned sentence shown in the answer
    hit_index: int  # 0-based index into hits
    position: int  # order of the sentence within its hit
    covered: frozenset[str] = frozenset()  # question words the sentence holds
    coverage: float = 0.0  # weighted share of the question it (and its title) covers
    score: float = 0.0


def question_words(question: str, tokenize: Callable[[str], list[str]]) -> list[str]:
    """The topic words of a question: its search tokens without question forms (哪天, 多少, 哪几个) and single
    characters."""
    return [w for w in dict.fromkeys(tokenize(question))
            if len(w) >= 2 and w not in QUESTION_WORDS and not _ASKING_RE.search(w)]


def clean_sentence(sentence: str) -> str:
    """A chunk sentence as shown in an answer: line breaks and stray spaces removed, byline prefix dropped."""
    text = _SPACE_IN_CJK.sub("", sentence.strip())
    return _BYLINE_RE.sub("", text).strip()


def is_instruction(sentence: str) -> bool:
    """True for text that addresses a model or reader with orders (prompt injection), never answer material."""
    return bool(_INJECTION_RE.search(sentence))


class ExtractiveEngine:
    """AnswerEngine without a model. `tokenize` gives the question's and sentences' search words."""

    name = "extractive"

    def __init__(self, verifier: Verifier, tokenize: Callable[[str], list[str]],
                 params: ExtractiveParams | None = None) -> None:
        self.verifier = verifier
        self.tokenize = tokenize
        self.params = params or ExtractiveParams()

    def answer(self, question: str, hits: list[Hit], history: Sequence[tuple[str, str]] = ()) -> Answer:
        """Answer from the hits (history is handled by rag.chat before retrieval); refusal when not covered."""
        words = question_words(question, self.tokenize)
        if not hits or not words:
            return refusal(question, self.name)
        candidates = self._candidates(hits)
        if not candidates:
            return refusal(question, self.name)
        for c in candidates:
            c.covered = frozenset(w for w in words if w in c.text)
        weights = self._weights(words, candidates)
        total = sum(weights.values()) or 1.0
        for c in candidates:
            title = hits[c.hit_index].title
            coverage = 0.0
            for w in words:
                if w in c.covered:
                    coverage += weights[w]
                elif w in title:
                    coverage += 0.5 * weights[w]
                else:  # a word jieba cut oddly (村建) still counts by its characters, at a discount
                    coverage += 0.4 * weights[w] * sum(ch in c.text for ch in w) / len(w)
            c.coverage = coverage / total
            c.score = c.coverage + self._bonus(question, c, len(hits))
        candidates.sort(key=lambda c: -c.score)
        best = candidates[0]
        if best.coverage < self.params.min_coverage:
            log.info("refuse %r: best coverage %.2f < %.2f", question[:30], best.coverage, self.params.min_coverage)
            return refusal(question, self.name)
        chosen = self._choose(question, candidates, weights, total)
        chosen.sort(key=lambda c: (c.hit_index, c.position))
        raw = "".join(f"{c.text}[{c.hit_index + 1}]" for c in chosen)
        return finalize(question, raw, hits, self.name, self.verifier)

    def stream(self, question: str, hits: list[Hit], history: Sequence[tuple[str, str]] = ()) -> Iterator[str | Answer]:
        """The answer sentence by sentence (each with its markers), then the Answer."""
        ans = self.answer(question, hits, history)
        if ans.refused:
            yield ans.answer
        else:
            for s in ans.sentences:
                if s.supported:
                    yield s.text + "".join(f"[{n}]" for n in s.citations)
        yield ans

    def _candidates(self, hits: Sequence[Hit]) -> list[_Candidate]:
        seen: set[str] = set()
        out = []
        for i, hit in enumerate(hits):
            for pos, raw in enumerate(split_sentences(hit.text)):
                text = clean_sentence(raw)
                if len(text) < 6 or text in seen or is_instruction(text):
                    continue
                seen.add(text)
                out.append(_Candidate(text, i, pos + (0 if hit.start == 0 else 1)))
        return out

    def _weights(self, words: list[str], candidates: Sequence[_Candidate]) -> dict[str, float]:
        """IDF of each question word over the candidate sentences, favouring longer (more specific) words."""
        n = len(candidates)
        weights = {}
        for w in words:
            df = sum(1 for c in candidates if w in c.covered)
            weights[w] = math.log((n + 1) / (df + 0.5)) * min(len(w), 4) / 2
            weights[w] = max(weights[w], 0.1)
        return weights

    def _bonus(self, question: str, c: _Candidate, n_hits: int) -> float:
        bonus = 0.1 * (1 - c.hit_index / max(n_hits, 1))
        if _WHEN_RE.search(question) and _DATE_IN_TEXT.search(c.text):
            bonus += 0.15
        elif _NUMBER_RE.search(question) and re.search(r"\d|[一二两三四五六七八九十百千万]+[个家座项名位年]", c.text):
            bonus += 0.1
        if _LIST_RE.search(question) and c.text.count("、") >= 2:
            bonus += 0.1
        if c.position == 0:
            bonus += 0.03
        return bonus

    def _choose(self, question: str, ranked: list[_Candidate], weights: dict[str, float],
                total: float) -> list[_Candidate]:
        p = self.params
        is_list = bool(_LIST_RE.search(question))
        limit = p.max_list_sentences if is_list else p.max_sentences
        chosen = [ranked[0]]
        covered = set(ranked[0].covered)
        for c in ranked[1:]:
            if len(chosen) >= limit or c.score < p.min_relative * ranked[0].score:
                break
            gain = sum(weights[w] for w in c.covered - covered) / total
            if is_list or gain >= p.min_gain:
                chosen.append(c)
                covered |= c.covered
        return chosen
