"""The default answer engine, no LLM: picks archive sentences that answer the question and cites each one.

Every sentence of the retrieved chunks is a candidate. A few strong signals describe how well it answers: the
question's weighted words it holds (coverage), its e5 similarity to the question (query mode against the passage
vector stored at ingest), whether it has what is asked (a date for 哪天, a number for 多少), the asked names, its
article's title, the rank of its chunk, and for 现在/最近 whether it is the latest report. A logistic regression
fitted on the dev split of evals/qa.jsonl (evals/fit_answer.py -> answer_model.json) turns them into the
probability that the sentence holds the answer; a second one, over the best candidates, into the probability
that the archive answers the question at all. Below one half the engine refuses, and lists the related reports
when there are any.

An answer starts with a direct line for what was asked (a date with its year, a number with its unit, a name
with its post: rag.answer.direct), then the supporting sentences (one article per item for lists, in date order
for questions about change), each followed by its [n] marker; citations.finalize verifies every line. A follow-up
never repeats a sentence the last answer gave. Article text is data: sentences that address a reader or a model
with instructions (忽略以上指令…) are never candidates.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import logging
import math
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import numpy as np

from . import direct, followup
from ..cite.citations import REFUSAL, finalize, refusal
from ..cite.verify import Verifier
from ..ingest.chunk import article_facts, display_sentences
from ..models import Answer, Hit
from .logit import Logit
from .question import QUESTION_WORDS, WRITTEN, Ask, analyse, series_marks
from .timeparse import TimeRange, strip_time

log = logging.getLogger(__name__)

MODEL_PATH = Path(__file__).with_name("answer_model.json")
SENTENCE_FEATURES = ("cov", "covgap", "sim", "simgap", "title", "rank", "lead", "focus", "nofocus", "shape",
                     "noshape", "near", "notnear", "entity", "day", "recent", "listy")
ANSWERABLE_FEATURES = ("pmax", "p2", "simmax", "shapecov", "shapesim", "focuscov", "absent", "nearcov", "noseries",
                       "focusabsent", "shapegap", "onefigure")
# the direction each signal's evidence pushes: the fit holds a weight at 0 rather than let it point the other way
SIGNS = {"cov": 1, "covgap": 1, "sim": 1, "simgap": 1, "title": 1, "rank": 1, "lead": 1, "focus": 1, "nofocus": -1,
         "shape": 1, "noshape": -1, "near": 1, "notnear": -1, "entity": 1, "day": 1, "recent": 1, "listy": 1,
         "pmax": 1, "p2": 1, "simmax": 1, "shapecov": 1, "shapesim": 1, "focuscov": 1, "absent": -1, "nearcov": 1,
         "noseries": -1, "focusabsent": -1, "shapegap": -1, "onefigure": -1}

# a sentence whose subject is the one before it ("该工程总投资80万元", "此次活动…"): that sentence says what it is about
_POINTS_BACK_RE = re.compile(r"^(该|此|这|其|上述)(?!些|样|种|里|时|次会议)[\u4e00-\u9fff]")
RELATED_COVERAGE = 0.5  # a report listed under a refusal holds at least half of the question's weighted words
_MOVES_RE = re.compile(r"来到|走进|前往|先后|随后|又到|还到|一行到")  # a visit going on to its next stop
_VISIT_RE = re.compile(r"来到|走进|前往|察看|考察|视察|先后|深入|调研")
# a sentence of a visit that names a stop: it goes on to one (来到, 走进) or opens at one ("在美高短剧超级工厂，…")
_STOP_RE = re.compile(_MOVES_RE.pattern + r"|^在[^，。；]{2,40}，")
_PLACE_SUFFIX_RE = re.compile(r"(镇|乡|村|街道|社区)$")
# a sentence that names its subject only by pointing back (主持会议并讲话, 该工程总投资80万元): the one before names it
_LEANS_RE = re.compile(r"^(该|此|这|其|上述)(?!些|样|种|里|时)[\u4e00-\u9fff]|^会[议上]|(主持|出席|参加)(会议|活动)")
# how a story ended: "经过大家的共同努力，舒某同意……", "最终双方达成协议"
_OUTCOME_RE = re.compile(r"^经过[^，。]{0,16}(努力|调解|协调|协商)|最终|终于|达成[^，。]{0,6}协议|同意|圆满解决|得到解决|顺利解决")
FIGURE_SENTENCES = 5  # the best candidates holding the focus that a change in numbers takes its two figures from
ACROSS_REPORTS = 3  # a list with this many reports nearly as likely as the best is one across reports: a line each
NEARLY = 0.5  # "nearly as likely" for ACROSS_REPORTS: half the best's probability (not the fitted `relative`,
# which sets how many sentences a factoid takes)
_INJECTION_RE = re.compile(r"忽略.{0,8}(指令|指示|提示|要求|规则)|ignore (all |the )?(previous|above)|system prompt|"
                           r"你(现在)?是一个|请(你)?(直接)?回答[:：]|回答[:：]|扮演", re.IGNORECASE)
_PRINT_RE = re.compile(r"哪一?期|第\d+期|总第|刊[登发于]|登在|登的|出版|哪天的报纸|作者|署名|谁写|笔名|记者|评论|短评|稿子")
_NOT_FOUND = "档案中没有找到能直接回答这个问题的内容。"
_NOTHING_MORE = "档案中没有找到更多相关内容。"


class SentenceEvidence(Protocol):
    """What the engine needs of an archive for semantic evidence (rag.index.archive.Archive has it)."""

    def query_vector(self, text: str) -> np.ndarray: ...

    def sentence_vectors(self, keys: Sequence[tuple[str, str]]) -> np.ndarray: ...


@dataclass(frozen=True)
class ExtractiveParams:
    """How many sentences an answer takes and how sure the engine must be; tuned on the dev split."""

    min_answerable: float = 0.5  # refuse below this probability that the archive answers the question
    max_sentences: int = 2  # factoid answers
    max_change_sentences: int = 4  # 前后变化 / 分别: one per report
    max_list_sentences: int = 7  # list answers
    relative: float = 0.5  # a further sentence needs this share of the best one's probability
    relative_list: float = 0.35
    min_prob: float = 0.15  # ... and at least this probability


@dataclass
class Candidate:
    """A sentence of the retrieved chunks, with its evidence signals and probability of answering."""

    text: str  # the sentence as shown
    hit_index: int  # 0-based index into hits
    article_id: str
    position: int  # order of the sentence within its article's chunk (0: the lead when the chunk starts it)
    date: dt.date  # issue date of its article
    context: str = ""  # the sentence before it, or a name list's heading
    item: bool = False  # a line of a name list
    said: bool = False  # the last answer of the chat gave it: only its direct line may be repeated
    covered: frozenset[str] = frozenset()
    features: dict[str, float] = field(default_factory=dict)
    prob: float = 0.0


@dataclass(frozen=True)
class Scoring:
    """What the engine found for a question: the analysed question, candidates best first, and the probability
    that they answer it (with the signals behind it)."""

    ask: Ask
    candidates: tuple[Candidate, ...]
    answerable: float
    features: dict[str, float]
    subject: tuple[str, ...] = ()  # what a question about reports asks after (湖南镇): ExtractiveEngine._subject


def is_instruction(sentence: str) -> bool:
    """True for text that addresses a model or reader with orders (prompt injection), never answer material."""
    return bool(_INJECTION_RE.search(sentence))


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if ch.isalnum())


@functools.lru_cache(maxsize=4)
def load_model(path: Path = MODEL_PATH) -> tuple[Logit | None, Logit | None, dict]:
    """(sentence model, answerability model, tuned params) from the fitted model file; (None, None, {}) when the
    engine has not been fitted (then coverage alone ranks sentences)."""
    if not path.exists():
        log.warning("no fitted answer model at %s: ranking by word coverage (run evals/fit_answer.py)", path)
        return None, None, {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return Logit.from_json(data["sentence"]), Logit.from_json(data["answerable"]), data.get("params", {})


class ExtractiveEngine:
    """AnswerEngine without a model, over the archive tokenizer's functions (rag.index.tokenize)."""

    name = "extractive"

    def __init__(self, verifier: Verifier, tokenize: Callable[[str], list[str]],
                 words: Callable[[str], list[str]] | None = None, names: Callable[[str], list[str]] | None = None,
                 evidence: SentenceEvidence | None = None, params: ExtractiveParams | None = None,
                 model_path: Path = MODEL_PATH) -> None:
        """tokenize: search tokens; words: precise-mode words; names: proper nouns (for follow-ups; None: every
        question stands alone); evidence: sentence and query vectors (None: similarity is left out)."""
        self.verifier = verifier
        self.tokenize = tokenize
        self.words = words or tokenize
        self.names = names
        self.evidence = evidence
        self.sentence_model, self.answerable_model, tuned = load_model(model_path)
        self.params = params or ExtractiveParams(**tuned)
        self._word_set = functools.lru_cache(maxsize=8192)(lambda text: frozenset(self.words(text)))

    # --- the AnswerEngine protocol --------------------------------------------------------------------
    def readings(self, question: str, history: Sequence[tuple[str, str]]) -> list[list[tuple[str, str]]]:
        """A question that does not point back is asked as it stands first (see rag.answer.followup.readings)."""
        return followup.readings(question, history)

    def rewrite(self, question: str, history: Sequence[tuple[str, str]] = ()) -> str:
        """The question to search: an elliptical follow-up prefixed with the last turn's names and words."""
        if self.names is None:
            return question
        return followup.rewrite(question, history, self.words, self.names)

    def stream(self, question: str, hits: list[Hit], history: Sequence[tuple[str, str]] = (),
               when: TimeRange | None = None) -> Iterator[str | Answer]:
        """The answer line by line (each with its markers), then the Answer (see `answer`)."""
        ans = self.answer(question, hits, history, when)
        if ans.refused:
            yield ans.answer
        else:
            lines = [s.text + "".join(f"[{n}]" for n in s.citations) for s in ans.sentences if s.supported]
            for k, line in enumerate(lines):
                yield ("\n" if k else "") + line
        yield ans

    def answer(self, question: str, hits: list[Hit], history: Sequence[tuple[str, str]] = (),
               when: TimeRange | None = None) -> Answer:
        """Answer from the hits: the direct line and the supporting sentences, verified; a refusal (listing the
        related reports) when the archive does not answer the question. when: the time the question asks about
        (the hits are filtered by it); the engine matches words, so it reads the question without that phrase."""
        scoring = self.score(question, hits, history, when)
        if not scoring.candidates:
            return refusal(question, self.name)
        if scoring.answerable < self.params.min_answerable:
            log.info("refuse %r: answerable %.2f", question[:30], scoring.answerable)
            return self._not_found(question, scoring, hits)
        chosen = self._choose(scoring)
        lines = self._lines(scoring.ask, chosen, hits) if chosen else []
        if not lines:
            return self._not_found(question, scoring, hits, _NOTHING_MORE)
        return finalize(question, "\n".join(lines), hits, self.name, self.verifier)

    # --- evidence -------------------------------------------------------------------------------------
    def score(self, question: str, hits: Sequence[Hit], history: Sequence[tuple[str, str]] = (),
              when: TimeRange | None = None) -> Scoring:
        """Candidates of the hits with their signals and probabilities, best first, and the probability that
        they answer the question. Public for the fitting script (evals/fit_answer.py)."""
        question = strip_time(question, when)
        ask = analyse(question, self.tokenize, self.words)
        carried: list[str] = []
        elliptical = self.names is not None and followup.carries_over(question, history, self.names)
        if elliptical:
            carried = [w for t in followup.carried(question, history, self.words, self.names)
                       for w in analyse(t, self.tokenize, self.words).words if w not in ask.words]
            ask = dataclasses.replace(ask, words=ask.words + tuple(dict.fromkeys(carried)))
        candidates = self._candidates(hits, bool(_PRINT_RE.search(question))) if hits and ask.words else []
        if elliptical and history:  # a follow-up answers the new part: what was said already is not repeated
            said = _norm(history[-1][1] or "")
            for c in candidates:
                c.said = _norm(c.text) in said
        if not candidates:
            return Scoring(ask, (), 0.0, {})
        weights = self._weights(ask.words, candidates)
        for w in carried:
            weights[w] *= 0.5
        self._features(question, ask, candidates, hits, weights)
        for c in candidates:
            c.prob = (self.sentence_model.prob(c.features) if self.sentence_model is not None
                      else 1 / (1 + math.exp(-8 * (c.features["cov"] + 0.25 * c.features["shape"] - 0.55))))
        candidates.sort(key=lambda c: -c.prob)
        qf = self._question_features(ask, candidates, hits, weights)
        answerable = (self.answerable_model.prob(qf) if self.answerable_model is not None
                      else float(qf["pmax"] >= 0.5))
        if qf["absent"] >= 1.0 and not _PRINT_RE.search(question):
            # no hit holds a single word of the question: nothing here is about it, whatever the model makes of
            # the rest (it learnt that words missing from the hits often mean a spoken question: given the
            # other signals, they make an answer more likely, not less)
            answerable = 0.0
        subject = self._subject(question, ask, candidates, weights) if ask.about_reports else ()
        return Scoring(ask, tuple(candidates), answerable, qf, subject)

    def _features(self, question: str, ask: Ask, candidates: list[Candidate], hits: Sequence[Hit],
                  weights: dict[str, float]) -> None:
        total = sum(weights.values()) or 1.0
        names = [n for n in dict.fromkeys(self.names(question) if self.names else []) if len(n) >= 2]
        sims = self._similarities(question, candidates)  # None without an evidence source
        newest = max(h.date for h in hits)
        paired = ask.answer_re is not None and bool(ask.focus)
        for i, c in enumerate(candidates):
            hit = hits[c.hit_index]
            cov = self._coverage(ask, c, hit.title, weights) / total
            where = (c.text, c.context, hit.title)
            c.features = {
                "cov": cov,
                "title": sum(weights[w] for w in ask.words if w in hit.title) / total,
                "rank": 1.0 / (1 + c.hit_index), "lead": float(c.position == 0),
                "focus": float(bool(ask.focus) and any(self._has_focus(ask, t) for t in where)),
                "nofocus": float(bool(ask.focus) and not any(self._has_focus(ask, t) for t in where)),
                "shape": float(ask.answer_re is not None and bool(ask.answer_re.search(c.text))),
                "noshape": float(ask.answer_re is not None and not ask.answer_re.search(c.text)),
                # the thing asked and its attribute in one clause ("正常库容84万方"): the figure is the one asked
                "near": float(paired and self._asked_near(ask, c.text)),
                "notnear": float(paired and not self._asked_near(ask, c.text)),
                "entity": (sum(any(n in t for t in where) for n in names) / len(names)) if names else 0.0,
                "day": float(ask.day is not None and ask.day in c.text),
                "recent": float(ask.asks_now and hit.date == newest),
                "listy": float(ask.is_list and (c.item or c.text.count("、") >= 2 or bool(_VISIT_RE.search(c.text)))),
            }
            if sims is not None:  # without them the models count similarity as average (no evidence either way)
                c.features["sim"] = sims[i]
        best_cov = max(c.features["cov"] for c in candidates)
        for c in candidates:
            c.features["covgap"] = c.features["cov"] - best_cov
        if sims is not None:
            best_sim = max(sims)
            for c in candidates:
                c.features["simgap"] = c.features["sim"] - best_sim

    def _similarities(self, question: str, candidates: Sequence[Candidate]) -> list[float] | None:
        """Cosine similarity of each candidate's stored passage vector to the question's query vector; None when
        the engine has no evidence source."""
        if self.evidence is None:
            return None
        matrix = self.evidence.sentence_vectors([(c.article_id, c.text) for c in candidates])
        return [float(x) for x in matrix @ self.evidence.query_vector(question)]

    def _question_features(self, ask: Ask, ranked: Sequence[Candidate], hits: Sequence[Hit],
                           weights: dict[str, float]) -> dict[str, float]:
        """Signals that the archive answers the question: the best candidates' probabilities and similarity, and
        whether the specific thing asked is there — the best coverage and similarity among the candidates that
        hold what is asked (a number with the asked unit, a date) and among those that hold the focus word. A
        near miss ("住一个月多少钱" where only the opening date is printed) has sentences about the subject, but
        none of them with the asked attribute. nearcov: the same among the candidates where what is asked stands
        in one clause with a focus word ("正常库容84万方": the thing and its attribute together). absent: the share of the question's weighted words that no hit
        holds at all (图书馆 when no report names one); focusabsent: the same for the focus words of two or more
        characters, each on its own (床位, 奖金, 一等奖: the attribute asked, where no report has it). noseries: the question names a meeting or session by its number
        (十四届六次全会, 第12次常务会议) and no hit names that one."""
        shaped = [c for c in ranked if c.features["shape"]] if ask.answer_re is not None else list(ranked)
        near = [c for c in shaped if self._asked_near(ask, c.text)]
        focused = [c for c in ranked if c.features["focus"]] if ask.focus else list(ranked)
        long_focus = [f for f in ask.focus if len(f) > 1]
        out = {"pmax": ranked[0].prob, "p2": ranked[1].prob if len(ranked) > 1 else 0.0,
               "shapecov": max((c.features["cov"] for c in shaped), default=0.0),
               "focuscov": max((c.features["cov"] for c in focused), default=0.0),
               "nearcov": max((c.features["cov"] for c in near), default=0.0),
               # how much better the best sentence about the question is than the best that holds what is asked
               "shapegap": max(c.features["cov"] for c in ranked) - max((c.features["cov"] for c in shaped),
                                                                        default=0.0),
               "absent": sum(weights[w] for w in ask.words if not any(w in h.text or w in h.title for h in hits))
               / (sum(weights.values()) or 1.0),
               "focusabsent": (sum(not any(self._holds(h.text, f) or self._holds(h.title, f) for h in hits)
                                   for f in long_focus) / len(long_focus)) if long_focus else 0.0,
               # a change asked in numbers (比原来多了多少, 前后面积变了多少) wants two figures of the thing asked:
               # one figure is a near miss
               "onefigure": float(ask.is_change and ask.is_count and ask.answer_re is not None and len({
                   m.group(0) for c in (focused if ask.focus else ranked)[:FIGURE_SENTENCES]
                   for m in ask.answer_re.finditer(c.text)}) < 2),
               "noseries": float(bool(ask.series) and not set(ask.series) <= {
                   s for h in hits for s in series_marks(h.title + "\n" + h.text)})}
        if "sim" in ranked[0].features:
            out["simmax"] = max(c.features["sim"] for c in ranked)
            out["shapesim"] = max((c.features["sim"] for c in shaped), default=0.0)
        return out

    def _subject(self, question: str, ask: Ask, candidates: Sequence[Candidate],
                 weights: dict[str, float]) -> tuple[str, ...]:
        """What a question about the reports asks after: its first name that a candidate holds (the subject
        comes first: 后溪镇在这几期里得过哪些荣誉; 衢江 names the whole archive), else its weightiest word that a
        candidate holds; then its other words that a candidate holds (调研 in 王慧杰 调研 各期). () when none is
        held."""
        def held(word: str) -> bool:
            return any(word in c.text for c in candidates)
        names = [n for n in (self.names(question) if self.names else [])
                 if len(n) >= 2 and n not in QUESTION_WORDS and held(n)]
        words = [w for w in ask.words if held(w)]
        if not names and not words:
            return ()
        subject = min(names, key=question.find) if names else max(words, key=lambda w: weights[w])
        return (subject, *(w for w in words if w not in subject and subject not in w))

    # --- choosing and writing the answer --------------------------------------------------------------
    def _choose(self, scoring: Scoring) -> list[Candidate]:
        """The best sentence, then: for lists, further items (a tour's stops in its report; one line for each
        other report, its lead when nearly as likely; then more of the best report; a chosen heading brings its
        name list); for the reports that name something, each report's mention of it; for change questions, the
        best sentence of each other report; for factoids, a second sentence only when it is nearly as likely."""
        p, ask = self.params, scoring.ask
        ranked = list(scoring.candidates)
        if ask.asks_now:  # 现在/目前/区委书记是谁: of the likely sentences, the latest report's leads
            likely_now = [c for c in ranked if c.prob >= p.relative * ranked[0].prob]
            newest = max(likely_now, key=lambda c: c.date)
            ranked = [newest] + [c for c in ranked if c is not newest]
        if ask.is_who:  # a who-question is answered by a sentence that names someone with a post, when one is likely
            named = next((c for c in ranked if c.prob >= p.relative * ranked[0].prob
                          and (direct.people(c.text) or direct.people(c.context))), None)
            ranked = [named] + [c for c in ranked if c is not named] if named else ranked
        best = ranked[0]
        if ask.is_list:
            limit, floor = p.max_list_sentences, max(p.min_prob, p.relative_list * best.prob)
        elif ask.is_change:
            limit, floor = p.max_change_sentences, max(p.min_prob, p.relative * best.prob)
        else:
            limit, floor = p.max_sentences, max(p.min_prob, p.relative * best.prob)
        mentions = self._mentions(ranked, scoring.subject, p.max_list_sentences) if ask.about_reports else []
        if len({c.article_id for c in mentions}) > 1:
            return self._ordered(ask, best, mentions)
        chosen = [best]
        likely = [c for c in ranked[1:] if c.prob >= floor and not c.item]
        if ask.is_tour:  # where someone went: the best report's sentences that go on to the next stop, first
            chosen += [c for c in _in_order(ranked) if c.article_id == best.article_id and c is not best
                       and _STOP_RE.search(c.text)][:limit - 1]
        elif ask.is_list or ask.is_change:
            articles, strong = {best.article_id}, 1
            for c in likely:  # one item per report first
                if len(chosen) < limit and c.article_id not in articles:
                    chosen.append(self._lead(c, ranked) if ask.is_list else c)
                    articles.add(c.article_id)
                    strong += c.prob >= NEARLY * best.prob
            if strong >= ACROSS_REPORTS:
                limit = len(chosen)  # a list across reports: one line a report, not more of the best one
        for c in likely:
            if len(chosen) >= limit:
                break
            if c not in chosen and (ask.is_list or not ask.is_change or c.article_id == best.article_id):
                chosen.append(c)
        if ask.is_change and ask.answer_re is not None and ask.focus and {c.article_id for c in chosen} == {
                best.article_id}:  # 比原来宽多少 in one report: its other sentence with the asked figure, the other state
            chosen += [c for c in ranked if c.article_id == best.article_id and c not in chosen
                       and _focus_at_figure(ask, c.text)[0]][:1]
        for words, pattern in ask.parts:  # a question asking two things: the best sentence for each part too
            if not any(self._answers_part(c, words, pattern) for c in chosen):
                part = [c for c in ranked if c.prob >= p.min_prob and self._answers_part(c, words, pattern)]
                chosen += sorted(part, key=lambda c: -sum(w in c.text or w in c.context for w in words))[:1]
        if ask.asks_outcome:  # 最后怎么解决的: the best report's sentence that tells how it ended, however worded
            chosen += [c for c in _in_order(ranked) if c.article_id == best.article_id and c not in chosen
                       and _OUTCOME_RE.search(c.text)][:1]
        if not ask.is_list and best.position > 0 and _LEANS_RE.search(best.text):  # 主持会议: which one?
            chosen += [c for c in ranked if c.text == best.context and c.hit_index == best.hit_index
                       and c not in chosen and not _LEANS_RE.search(c.text)][:1]
        # a chosen heading brings the name list under it, whatever the lines' words; a heading without the
        # asked focus (the 流动红旗 list when 金牛奖 is asked) is another list: left out
        for head in list(chosen):
            lines = [c for c in ranked if c.item and c.context == head.text and c.hit_index == head.hit_index]
            if lines and ask.focus and not self._has_focus(ask, head.text) and head is not best:
                chosen.remove(head)
            else:
                chosen += [c for c in lines if c not in chosen][:2 * p.max_list_sentences]
        return self._ordered(ask, best, chosen)

    @staticmethod
    def _answers_part(c: Candidate, words: Sequence[str], pattern: re.Pattern | None) -> bool:
        """True when a sentence answers one part of a question: its answer shape, and half of the part's topic
        words in the sentence or the one before it."""
        held = sum(w in c.text or w in c.context for w in words)
        return (pattern is None or bool(pattern.search(c.text))) and held * 2 >= len(words) > 0

    @staticmethod
    def _ordered(ask: Ask, best: Candidate, chosen: list[Candidate]) -> list[Candidate]:
        """The chosen sentences in answer order: by date for change questions and the reports that name
        something, the latest report first for questions about now, else as the reports go."""
        if ask.is_change or ask.about_reports:
            return sorted(chosen, key=lambda c: (c.date, c.hit_index, c.position))
        if ask.asks_now:  # the latest report first, then the others newest first
            return sorted(chosen, key=lambda c: (c is not best, -c.date.toordinal(), c.hit_index, c.position))
        return _in_order(chosen)

    @staticmethod
    def _lead(c: Candidate, ranked: Sequence[Candidate]) -> Candidate:
        """The line for another report in a list: `c`, its likeliest sentence, or its lead (who did what, when)
        when `c` only points back ("区委书记王慧杰主持会议并讲话。": which meeting?)."""
        lead = next((o for o in ranked if o.article_id == c.article_id and o.position == 0 and not o.item), None)
        return lead if lead is not None and _LEANS_RE.search(c.text) else c

    @staticmethod
    def _mentions(ranked: Sequence[Candidate], subject: Sequence[str], limit: int) -> list[Candidate]:
        """For a question about the reports that name something (湖南镇在这几期里上过哪些新闻; subject: what it
        asks after, then its other words): each report that names it (a place also by its name without 镇/乡/村:
        廿里特色生态产业园 is 廿里镇's) and, when the question has other words that a mention holds, holds one of
        them (王慧杰 调研 各期: the reports of his visits, not every report naming him). Each report's line names the subject: with another
        word of the question when one does, else its lead when that names it, else its likeliest such sentence;
        reports in rank order, then each line of a name list that names it (an award, a result). Empty without a
        subject."""
        if not subject:
            return []
        name, *others = subject
        stem = _PLACE_SUFFIX_RE.sub("", name)
        stem = stem if len(stem) >= 2 else name
        naming = [c for c in ranked if stem in c.text]
        others = [w for w in others if any(w in c.text for c in naming)]  # 荣誉 said of no mention: no filter

        def about(c: Candidate) -> bool:
            return any(w in c.text for w in others)
        wanted = {c.article_id for c in ranked if about(c)} if others else {c.article_id for c in naming}
        per_report: dict[str, Candidate] = {}
        for c in naming:  # likeliest first
            kept = per_report.get(c.article_id)
            if c.item or c.article_id not in wanted:
                continue
            if kept is None or (about(c), c.position == 0) > (about(kept), kept.position == 0):
                per_report[c.article_id] = c
        chosen = sorted(per_report.values(), key=lambda c: c.hit_index)[:limit]
        return chosen + [c for c in naming if c.item and c.article_id in wanted][:max(0, limit - len(chosen))]

    def _lines(self, ask: Ask, chosen: list[Candidate], hits: Sequence[Hit]) -> list[str]:
        """The answer's lines with their markers: the direct line first (when the question asks for a date, a
        number or a person and a chosen sentence gives it), then the sentences; for change questions and
        questions about now, each sentence says the date of its report. A sentence the last answer gave is not
        repeated (its direct line is: 库容 asked after an answer that quoted it in passing), except the one that
        answers a new question best when there is no direct line (哪几个村 after an answer that named them in
        passing); a question for more (他还说了什么) gets only what was not said."""
        # the direct line comes from the likeliest chosen sentence (the latest report for now), or from another
        # that names a person with a post (who-questions) or whose answer stands with a focus word; for a number, first from the one whose figure stands with most
        # of the asked words (收集问题72件), in the sentence or in its report's title (衢江2家卫生院获全国表扬)
        ordered = chosen if ask.asks_now else sorted(chosen, key=lambda c: -c.prob)
        best = ordered[0]
        if ask.is_count:
            ordered = sorted(ordered, key=lambda c: max(_focus_at_figure(ask, c.text),
                                                        _focus_at_figure(ask, hits[c.hit_index].title)),
                             reverse=True)
        head = next(((line, c) for c in ordered if (c is best or ask.is_who or _focus_at_figure(ask, c.text)[0])
                     and (line := self._direct_line(ask, c, hits[c.hit_index]))), None)
        lines = [f"{head[0]}。[{head[1].hit_index + 1}]"] if head else []
        dated = ask.is_change and not ask.about_reports and len({hits[c.hit_index].date for c in chosen}) > 1
        named: set[str] = set()  # reports already named by their title (questions about reports)
        shown = {c.text for c in chosen}
        for c in chosen:
            if c.said and (head or ask.asks_more or (c is not best and any(not o.said for o in chosen))):
                continue
            hit = hits[c.hit_index]
            day = f"{hit.date.year}年{hit.date.month}月{hit.date.day}日"
            prefix = f"据{day}报道，" if dated or (ask.asks_now and c is best) else ""
            if ask.about_reports and c.article_id not in named:  # the report itself is what is asked
                prefix = f"《{hit.title}》（{day}）："
                named.add(c.article_id)
            if c.item and c.context and c.context not in shown:  # a name list's line says which list it is
                prefix += c.context.rstrip("。") + "："
            lines.append(f"{prefix}{c.text}[{c.hit_index + 1}]")
        return lines

    def _direct_line(self, ask: Ask, best: Candidate, hit: Hit) -> str | None:
        """What was asked, in a few characters, taken from the best sentence (or its title)."""
        text = best.text
        if ask.is_when:
            # the date of the thing asked: a sentence that does not name all of it (王建安 when he came to visit, for
            # 王建安哪一年当选院士) gives none
            where = (text, best.context, hit.title)
            if not all(any(self._holds(t, f) for t in where) for f in ask.focus):
                return None
            return direct.date_line(text, hit.date, ask.day,
                                    tuple(w for f in ask.focus for w in (f, *WRITTEN.get(f, ()))))
        if ask.is_who:
            found = direct.people(text) or direct.people(best.context) or direct.people(hit.title)
            if ask.answer_re is not None:  # 乡长叫什么: only that post (a 党委书记 is no answer)
                found = [(post, name) for post, name in found if ask.answer_re.search(post + name)]
            if found:
                return "；".join(f"{post}{name}" for post, name in dict.fromkeys(found[:3]))
            return None
        if ask.is_count and ask.answer_re is not None:
            # the number that stands with the asked thing: in the headline when only it has both, or when it has
            # more of the asked words with its figure (衢江2家卫生院获全国表扬, not 该卫生院组建5个家庭医生团队)
            # (衢江2家卫生院获全国表扬, not 该卫生院组建5个家庭医生团队); none when neither does: a figure that
            # counts something else ("一条…之路" for 多少个医生) is no answer to put first
            in_title, in_text = self._asked_near(ask, hit.title), self._asked_near(ask, text)
            if not (in_title or in_text):
                return None
            headline = in_title and (not in_text or _focus_at_figure(ask, hit.title) > _focus_at_figure(ask, text))
            first, second = (hit.title, text) if headline else (text, hit.title)
            return direct.span_line(first, ask.answer_re, ask.focus) or direct.span_line(second, ask.answer_re,
                                                                                          ask.focus)
        return None

    def _not_found(self, question: str, scoring: Scoring, hits: Sequence[Hit], lead: str = _NOT_FOUND) -> Answer:
        """The refusal, listing up to three related reports (cited) when the best candidates come from some."""
        related: list[int] = []
        for c in scoring.candidates:
            if c.prob < self.params.min_prob or len(related) >= 3:
                break
            # related: about what is asked (most of the question's words), only the asked detail missing
            if c.features["cov"] >= RELATED_COVERAGE and all(hits[i].article_id != c.article_id for i in related):
                related.append(c.hit_index)
        if not related:
            return refusal(question, self.name)
        lines = [f"《{hits[i].title}》（{hits[i].date.year}年{hits[i].date.month}月{hits[i].date.day}日）[{i + 1}]"
                 for i in related]
        listed = finalize(question, "\n".join(lines), hits, self.name, self.verifier)
        if listed.refused:
            return refusal(question, self.name)
        return dataclasses.replace(listed, answer=f"{lead}相关报道：\n{listed.answer}", refused=True)

    # --- candidates and word coverage -----------------------------------------------------------------
    def _has_focus(self, ask: Ask, text: str) -> bool:
        """True when a focus word of the question is in text (see _holds)."""
        return any(self._holds(text, f) for f in ask.focus)

    def _holds(self, text: str, word: str) -> bool:
        """_holds_word for the word or a written form of it (投 -> 投资, 涨 -> 增长: rag.answer.question.WRITTEN)."""
        return any(self._holds_word(text, w) for w in (word, *WRITTEN.get(word, ())))

    def _holds_word(self, text: str, word: str) -> bool:
        """True when text holds the word on its own: a word of one character as a whole word or as the head
        (last character) of one (奖 is in 金牛奖; 收, a charge, is not in 收入), a longer one at least once
        on its own or at the start of a longer word (主持 is in 主持会议, 湖南 in 湖南镇; 通车 is not in 直通车)."""
        if word not in text:
            return False
        if len(word) == 1:
            return any(w.endswith(word) for w in self._word_set(text))
        longer = [w for w in self._word_set(text) if word in w and len(w) > len(word) and not w.startswith(word)]
        return text.count(word) > sum(text.count(w) * w.count(word) for w in longer)

    def _asked_near(self, ask: Ask, text: str) -> bool:
        """True when a clause of the text holds both what is asked (the answer pattern) and a focus word; with
        no pattern or no focus, the one that is there decides. A date leads its sentence ("12月22日上午，…王建安
        率队来…"): for a date asked, the sentence must hold it and every focus word (当选 as well as 王建安)."""
        if ask.is_when and ask.answer_re is not None and ask.focus:
            return bool(ask.answer_re.search(text)) and all(self._holds(text, f) for f in ask.focus)
        clauses = re.split(r"[，,。；;！？!?]", text)
        return any((ask.answer_re is None or ask.answer_re.search(cl)) and (not ask.focus or self._has_focus(ask, cl))
                   for cl in clauses if cl)

    def _coverage(self, ask: Ask, c: Candidate, title: str, weights: dict[str, float]) -> float:
        """Weighted question words in the sentence (full), in the sentence before it or the title (half; full in
        the sentence before for a sentence that points back to it: 该工程总投资80万元), or only by their characters
        (a word jieba cut oddly, such as 村建, at a discount)."""
        coverage = 0.0
        leans = bool(_POINTS_BACK_RE.match(c.text))
        for w in ask.words:
            if w in c.covered or (leans and w in c.context):
                coverage += weights[w]
            elif w in c.context or w in title:
                coverage += 0.5 * weights[w]
            else:
                coverage += 0.4 * weights[w] * sum(ch in c.text for ch in w) / len(w)
        return coverage

    def _candidates(self, hits: Sequence[Hit], about_print: bool = False) -> list[Candidate]:
        """Every answer sentence of the hits once (rag.ingest.chunk.display_sentences); a name-list line's
        context is the heading above the list, another sentence's the one before it. about_print: the question
        asks who wrote or which issue carried something, so what the paper prints about each article (its issue,
        author, reporters: rag.ingest.chunk.article_facts) is a candidate too."""
        seen: set[str] = set()
        out = []
        for i, hit in enumerate(hits):
            if about_print and hit.article_id not in {c.article_id for c in out}:  # once an article
                for text in article_facts(hit.title, hit.date, hit.author, hit.issue_number, hit.reporters):
                    out.append(Candidate(text, i, hit.article_id, -1, hit.date, context=hit.title))
            previous = heading = ""
            for pos, text, item in display_sentences(hit.text):
                if text in seen or is_instruction(text):
                    continue
                seen.add(text)
                out.append(Candidate(text, i, hit.article_id, pos + (0 if hit.start == 0 else 1), hit.date,
                                     context=heading if item else previous, item=item))
                previous = text
                heading = heading if item else text
        return out

    def _weights(self, words: Sequence[str], candidates: Sequence[Candidate]) -> dict[str, float]:
        """IDF of each question word over the candidate sentences, favouring longer (more specific) words."""
        n = len(candidates)
        weights = {}
        for c in candidates:
            c.covered = frozenset(w for w in words if w in c.text)
        for w in words:
            df = sum(1 for c in candidates if w in c.covered)
            weights[w] = max(math.log((n + 1) / (df + 0.5)) * min(len(w), 4) / 2, 0.1)
        return weights



def _in_order(candidates: Sequence[Candidate]) -> list[Candidate]:
    """Candidates as the reports go: by hit, then by place in it."""
    return sorted(candidates, key=lambda c: (c.hit_index, c.position))


def _focus_at_figure(ask: Ask, text: str) -> tuple[int, int]:
    """How many focus words, then how many topic words stand in the text's best clause that holds what is asked,
    even inside a longer word (拓宽至12米 for 宽多少; 收集问题72件 holds two for 收集了多少问题; 衢江2家卫生院获全国
    表扬 holds 卫生院, 全国, 表扬); (0, 0) without an answer pattern."""
    if ask.answer_re is None:
        return 0, 0
    return max(((sum(f in cl for f in ask.focus), sum(w in cl for w in ask.words))
                for cl in re.split(r"[，,。；;！？!?\s]", text) if ask.answer_re.search(cl)), default=(0, 0))
