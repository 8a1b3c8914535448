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

import dataclasses
import functools
import logging
import math
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from ..cite.citations import finalize, refusal
from ..cite.verify import Verifier
from ..ingest.bylines import SENTENCE_BYLINE
from ..models import Answer, Hit
from ..text import split_sentences
from . import followup
from .question import Ask, analyse
from .timeparse import TimeRange, strip_time

log = logging.getLogger(__name__)

_ENDS = "。！？!?”’」』）)…"
_ITEM_LINE = re.compile(r"^\s*[\u4e00-\u9fff]{2,10}(?:[ \u3000]+[\u4e00-\u9fff]{2,10}){2,}\s*$")
_VISIT_RE = re.compile(r"来到|走进|前往|察看|考察|视察|先后|深入")
_INJECTION_RE = re.compile(r"忽略.{0,8}(指令|指示|提示|要求|规则)|ignore (all |the )?(previous|above)|system prompt|"
                           r"你(现在)?是一个|请(你)?(直接)?回答[:：]|回答[:：]|扮演", re.IGNORECASE)
_SPACE_IN_CJK = re.compile(r"(?<=[\u4e00-\u9fff，。、：；“”（）])\s+|\s+(?=[\u4e00-\u9fff，。、：；“”（）])")


@dataclass(frozen=True)
class ExtractiveParams:
    """Knobs of sentence choice and refusal; defaults tuned on evals/qa.jsonl."""

    # refuse below this coverage; on evals/qa.jsonl 0.5/0.55/0.6 refused 6/7/8 of 8 unanswerable and 0/0/1 of
    # 50 answerable questions
    min_coverage: float = 0.55
    max_sentences: int = 2  # factoid answers
    max_list_sentences: int = 7  # list / multi answers
    min_relative: float = 0.55  # further sentences must score at least this share of the best
    min_gain: float = 0.15  # ... and (for factoids) cover this much more of the question
    shape_bonus: float = 0.25  # the sentence has what is asked for (a date, a number with the asked unit)
    title_bonus: float = 0.15  # times the share of the question its article's title holds
    no_focus_penalty: float = 0.7  # coverage factor when no word next to the question word is near


@dataclass
class _Candidate:
    text: str  # cleaned sentence shown in the answer
    hit_index: int  # 0-based index into hits
    article_id: str
    position: int  # order of the sentence within its hit
    context: str = ""  # the sentence before it in the chunk
    covered: frozenset[str] = frozenset()  # question words the sentence holds
    coverage: float = 0.0  # weighted share of the question it (and its title) covers
    score: float = 0.0
    item: bool = False  # a line of a name list; `context` is then the list's heading


def clean_sentence(sentence: str) -> str:
    """A chunk sentence as shown in an answer: line breaks and stray spaces removed, byline prefix dropped."""
    text = _SPACE_IN_CJK.sub("", sentence.strip())
    return SENTENCE_BYLINE.sub("", text).strip()


def is_instruction(sentence: str) -> bool:
    """True for text that addresses a model or reader with orders (prompt injection), never answer material."""
    return bool(_INJECTION_RE.search(sentence))


class ExtractiveEngine:
    """AnswerEngine without a model, over the archive tokenizer's functions (rag.index.tokenize)."""

    name = "extractive"

    def __init__(self, verifier: Verifier, tokenize: Callable[[str], list[str]],
                 words: Callable[[str], list[str]] | None = None, names: Callable[[str], list[str]] | None = None,
                 params: ExtractiveParams | None = None) -> None:
        """tokenize: search tokens; words: precise-mode words; names: proper nouns (for follow-ups; None: every
        question stands alone)."""
        self.verifier = verifier
        self.tokenize = tokenize
        self.words = words or tokenize
        self.names = names
        self.params = params or ExtractiveParams()
        self._word_set = functools.lru_cache(maxsize=8192)(lambda text: frozenset(self.words(text)))

    def _has_focus(self, ask: Ask, text: str) -> bool:
        """True when a focus word of the question is in text: as a substring for words of 2+ characters, as a
        whole word for one character (收 asks about a charge; 收入 in a sentence is another word)."""
        return any(f in text if len(f) > 1 else f in text and f in self._word_set(text) for f in ask.focus)

    def readings(self, question: str, history: Sequence[tuple[str, str]]) -> list[list[tuple[str, str]]]:
        """A question that does not point back is asked as it stands first (see rag.answer.followup.readings)."""
        return followup.readings(question, history)

    def rewrite(self, question: str, history: Sequence[tuple[str, str]] = ()) -> str:
        """The question to search: an elliptical follow-up prefixed with the last turn's names and words."""
        if self.names is None:
            return question
        return followup.rewrite(question, history, self.words, self.names)

    def answer(self, question: str, hits: list[Hit], history: Sequence[tuple[str, str]] = (),
               when: TimeRange | None = None) -> Answer:
        """Answer from the hits; refusal when not covered. An elliptical follow-up also counts the last turn's
        topic (rag.answer.followup), at half weight: what the new question adds decides which sentence answers it.
        when: the time the question asks about (the hits are filtered by it); the engine matches words, so the
        question is read without that phrase (上周 is in no article)."""
        question = strip_time(question, when)
        ask = analyse(question, self.tokenize, self.words)
        carried: list[str] = []
        if self.names is not None:
            carried = [w for t in followup.carried(question, history, self.words, self.names)
                       for w in analyse(t, self.tokenize, self.words).words if w not in ask.words]
        if carried:
            ask = dataclasses.replace(ask, words=ask.words + tuple(dict.fromkeys(carried)))
        candidates = self._candidates(hits) if hits and ask.words else []
        if not candidates:
            return refusal(question, self.name)
        weights = self._weights(ask.words, candidates)
        for w in carried:
            weights[w] *= 0.5
        total = sum(weights.values()) or 1.0
        for c in candidates:
            c.coverage = self._coverage(ask, c, hits[c.hit_index].title, weights) / total
            in_title = sum(weights[w] for w in ask.words if w in hits[c.hit_index].title) / total
            c.score = c.coverage + self._bonus(ask, c, len(hits)) + self.params.title_bonus * in_title
        candidates.sort(key=lambda c: -c.score)
        chosen = self._choose(ask, candidates, weights, total)
        # a question in two parts may be answered by two sentences: the chosen ones together count too
        together = sum(weights[w] for w in set().union(*(c.covered for c in chosen))) / total
        # ... but what is asked about must be in the best sentence's article, not in some other report
        main = [c for c in chosen if c.article_id == candidates[0].article_id]
        if ask.focus and not any(self._has_focus(ask, t) for c in main
                                 for t in (c.text, c.context, hits[c.hit_index].title)):
            together = 0.0
        evidence = max(max(c.coverage for c in candidates[:3]), together if len(chosen) > 1 else 0.0)
        if evidence < self.params.min_coverage:
            log.info("refuse %r: coverage %.2f < %.2f", question[:30], evidence, self.params.min_coverage)
            return refusal(question, self.name)
        chosen.sort(key=lambda c: (c.hit_index, c.position))
        raw = "".join(f"{c.text}[{c.hit_index + 1}]" for c in chosen)
        return finalize(question, raw, hits, self.name, self.verifier)

    def _coverage(self, ask: Ask, c: _Candidate, title: str, weights: dict[str, float]) -> float:
        """Weighted question words in the sentence (full), in the sentence before it or the title (half), or
        only by their characters (a word jieba cut oddly, such as 村建, at a discount); times a penalty when
        no focus word of the question is there."""
        coverage = 0.0
        for w in ask.words:
            if w in c.covered:
                coverage += weights[w]
            elif w in c.context or w in title:
                coverage += 0.5 * weights[w]
            else:
                coverage += 0.4 * weights[w] * sum(ch in c.text for ch in w) / len(w)
        if ask.focus and not any(self._has_focus(ask, t) for t in (c.text, c.context, title)):
            coverage *= self.params.no_focus_penalty
        return coverage

    def stream(self, question: str, hits: list[Hit], history: Sequence[tuple[str, str]] = (),
               when: TimeRange | None = None) -> Iterator[str | Answer]:
        """The answer sentence by sentence (each with its markers), then the Answer (see `answer`)."""
        ans = self.answer(question, hits, history, when)
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
            previous = heading = ""
            for pos, raw in enumerate(split_sentences(hit.text)):
                # a line of a name list (名单: "区招商中心 廿里镇 湖南镇") is an enumeration, not run-on text; its
                # context is the heading above the list ("“流动红旗”获奖名单"), not the list line before it
                item = bool(_ITEM_LINE.match(raw))
                text = "、".join(raw.split()) if item else clean_sentence(raw)
                if text and text[-1] not in _ENDS:  # a heading or list line: end it, or it runs into the next
                    text += "。"
                if len(text) < 6 or text in seen or is_instruction(text):
                    continue
                seen.add(text)
                out.append(_Candidate(text, i, hit.article_id, pos + (0 if hit.start == 0 else 1),
                                      context=heading if item else previous, item=item))
                previous = text
                heading = heading if item else text
        return out

    def _weights(self, words: Sequence[str], candidates: Sequence[_Candidate]) -> dict[str, float]:
        """IDF of each question word over the candidate sentences, favouring longer (more specific) words."""
        n = len(candidates)
        weights = {}
        for c in candidates:
            c.covered = frozenset(w for w in words if w in c.text)
        for w in words:
            df = sum(1 for c in candidates if w in c.covered)
            weights[w] = math.log((n + 1) / (df + 0.5)) * min(len(w), 4) / 2
            weights[w] = max(weights[w], 0.1)
        return weights

    def _bonus(self, ask: Ask, c: _Candidate, n_hits: int) -> float:
        """Rank of the chunk, the answer's shape (date, number with unit, enumeration), lead sentence."""
        bonus = 0.1 * (1 - c.hit_index / max(n_hits, 1))
        if ask.answer_re is not None and ask.answer_re.search(c.text):
            bonus += self.params.shape_bonus
        if ask.is_list and (c.text.count("、") >= 2 or _VISIT_RE.search(c.text)):
            bonus += 0.1
        if c.position == 0:  # a lead sentence says what happened; for 开了哪些会 that is the item
            bonus += 0.1 if ask.is_list else 0.03
        return bonus

    def _choose(self, ask: Ask, ranked: list[_Candidate], weights: dict[str, float],
                total: float) -> list[_Candidate]:
        """The best sentence, then sentences that add question words (factoids), or further items (lists): first
        the best sentence of each other article, then more of the best one's article (visits, enumerations).
        A best sentence without the question's focus word gets the best one that has it."""
        p = self.params
        best = ranked[0]
        floor = p.min_relative * best.score
        chosen = [best]
        covered = set(best.covered)
        if not ask.is_list:
            for c in ranked[1:]:
                if len(chosen) >= p.max_sentences or c.score < floor:
                    break
                if sum(weights[w] for w in c.covered - covered) / total >= p.min_gain:
                    chosen.append(c)
                    covered |= c.covered
            # the answer must hold what is asked (the focus word; a date, a number, a place): else take the
            # best sentence of the same article that does as the last one
            for wanted in (lambda c: self._has_focus(ask, c.text) if ask.focus else True,
                           lambda c: ask.answer_re is None or bool(ask.answer_re.search(c.text))):
                if not any(wanted(c) for c in chosen):
                    fits = [c for c in ranked if c.score >= 0.5 * floor and wanted(c)
                            and c.article_id == best.article_id]
                    chosen = chosen[:p.max_sentences - 1] + fits[:1]
            return chosen
        articles = {best.article_id}
        for c in ranked[1:]:  # where someone went is told in one article; other lists span articles
            if len(chosen) >= p.max_list_sentences or ask.is_tour:
                break
            if c.score >= floor and c.article_id not in articles:
                chosen.append(c)
                articles.add(c.article_id)
        for c in ranked[1:]:
            if len(chosen) >= p.max_list_sentences:
                break
            if c.item:  # lines of a name list come only with their heading (below)
                continue
            same = c.article_id == best.article_id
            items = same and (c.text.count("、") >= 2 or _VISIT_RE.search(c.text))
            if c not in chosen and ((items and (ask.is_tour or c.score >= 0.5 * floor)) or (same and c.score >= floor)):
                chosen.append(c)
        # a chosen heading brings the name list under it ("“流动红旗”获奖名单" + its lines), whatever their words;
        # a heading without the asked focus (the 流动红旗 list when 金牛奖 is asked) is another list: left out
        for head in list(chosen):
            lines = [c for c in ranked if c.item and c.context == head.text and c.hit_index == head.hit_index]
            if lines and ask.focus and not self._has_focus(ask, head.text) and head is not best:
                chosen.remove(head)
            else:
                chosen += [c for c in lines if c not in chosen][:2 * p.max_list_sentences]
        return chosen
