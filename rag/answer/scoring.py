"""Scoring the evidence for the extractive engine (rag.answer.extractive): which sentences of the retrieved chunks
answer the question, and how likely the archive answers it at all.

Every sentence of the retrieved chunks is a candidate. A few strong signals describe how well it answers: the
question's weighted words it holds (coverage), its e5 similarity to the question (query mode against the passage
vector stored at ingest), whether it has what is asked (a date for 哪天, a number for 多少), the asked names, its
article's title, the rank of its chunk, and for 现在/最近 whether it is the latest report. A logistic regression
fitted on the dev split of evals/qa.jsonl (evals/fit_answer.py -> answer_model.json) turns them into the
probability that the sentence holds the answer; a second one, over the best candidates, into the probability
that the archive answers the question at all. Article text is data: sentences that address a reader or a model
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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import numpy as np

from . import followup
from ..index.entities.extract import extract
from ..ingest.chunk import article_facts, display_sentences
from ..models import Hit
from ..text import quoted_or_attributed
from .logit import Logit
from .question import QUESTION_WORDS, Ask, analyse, holds_figure, series_marks, speakers, written_forms
from .timeparse import TimeRange, strip_time

log = logging.getLogger(__name__)

MODEL_PATH = Path(__file__).with_name("answer_model.json")
SENTENCE_FEATURES = ("cov", "covgap", "sim", "simgap", "title", "rank", "lead", "focus", "nofocus", "shape",
                     "noshape", "near", "notnear", "entity", "day", "recent", "listy")
ANSWERABLE_FEATURES = ("pmax", "p2", "simmax", "shapecov", "shapesim", "focuscov", "absent", "nearcov", "noseries",
                       "focusabsent", "shapegap", "onefigure", "focuschars", "figabsent", "dayabsent", "nearchunk",
                       "nearother", "nearmiss")
# the direction each signal's evidence pushes: the fit holds a weight at 0 rather than let it point the other way
SIGNS = {"cov": 1, "covgap": 1, "sim": 1, "simgap": 1, "title": 1, "rank": 1, "lead": 1, "focus": 1, "nofocus": -1,
         "shape": 1, "noshape": -1, "near": 1, "notnear": -1, "entity": 1, "day": 1, "recent": 1, "listy": 1,
         "pmax": 1, "p2": 1, "simmax": 1, "shapecov": 1, "shapesim": 1, "focuscov": 1, "absent": -1, "nearcov": 1,
         "noseries": -1, "focusabsent": -1, "shapegap": -1, "onefigure": -1, "focuschars": 1, "figabsent": -1,
         "dayabsent": -1, "nearchunk": 1, "nearother": -1, "nearmiss": -1}

# a sentence whose subject is the one before it ("该工程总投资80万元", "此次活动…"): that sentence says what it is about
# (after a short opening clause: 目前，该…), and one about the place named before (目前，园内已吸引25家企业入驻: the
# 大学生创业园 of a sentence before it; 村里, 镇上)
_POINTS_BACK_RE = re.compile(r"^(?:[^，。“”]{1,6}，)?(?:(该|此|这|其|上述)(?!些|样|种|里|时|次会议|外|他|中)[\u4e00-\u9fff]|"
                             r"(?:园区?|村|镇|馆|厂|院|校|基地|港区)[内里上](?![面边容]))")
# the towns (镇, 乡, 街道) and villages (村) of the places and organisations the entity extractor finds (高家镇中央徐村,
# 后溪镇卫生院, 全旺镇楼山后村党支部): a sentence about another one of the kind the question names (楼山后村's canteen
# when 马溪村's is asked) is about a sibling, not the place asked (otherplace)
_TOWN_END_RE = re.compile(r"(?<=[镇乡])|(?<=街道)")
_VILLAGE_RE = re.compile(r"^[\u4e00-\u9fff]{2,4}?村")
_GLUED_VERBS = "达为超近逾至"  # verbs the segmenter glues to the one-character word before them (率达, 率为)
_VISIT_RE = re.compile(r"来到|走进|前往|察看|考察|视察|先后|深入|调研")
SERIES_SENTENCES = 1  # the best candidates whose reports may name the session or batch asked (see noseries)
FIGURE_SENTENCES = 5  # the best candidates holding the focus that a change in numbers takes its two figures from
# a day given (8月26日, 26日, 当天): "今年3月" or "年底前" does not say which day (see Ask.asks_day)
_DAY_GIVEN_RE = re.compile(r"\d{1,2}\s*[日号]|当天|当日|同日|次日")
_INJECTION_RE = re.compile(r"忽略.{0,8}(指令|指示|提示|要求|规则)|ignore (all |the )?(previous|above)|system prompt|"
                           r"你(现在)?是一个|请(你)?(直接)?回答[:：]|回答[:：]|扮演", re.IGNORECASE)
_PRINT_RE = re.compile(r"哪一?期|第\d+期|总第|刊[登发于]|登在|登的|出版|哪天的报纸|作者|署名|谁写|笔名|记者|通讯员|评论|短评|稿子|稿件|"
                       r"谁拍|拍的|摄影|照片|图片")


def gives(pattern: re.Pattern, text: str, question: str) -> bool:
    """True when the text holds what is asked (the answer pattern) in words of its own: a match the question
    itself holds is an echo (“擂台赛” for 擂台赛全名叫什么; 8000余亩 for 那8000余亩地的流转费), no answer."""
    return any(m.group(0) not in question for m in _whole(pattern).finditer(text))


def _whole(pattern: re.Pattern) -> re.Pattern:
    """The pattern, a bare digit (any number asked) widened to the whole number: 20万公斤 is one figure, not 2 and 0."""
    return re.compile(r"\d+(?:\.\d+)?") if pattern.pattern == r"\d" else pattern


class SentenceEvidence(Protocol):
    """What the engine needs of an archive for semantic evidence (rag.index.archive.Archive has it)."""

    def query_vector(self, text: str) -> np.ndarray: ...

    def sentence_vectors(self, keys: Sequence[tuple[str, str]]) -> np.ndarray: ...


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
    subject: tuple[str, ...] = ()  # what a question about reports asks after (湖南镇): Scorer._subject
    when: TimeRange | None = None  # the time the question names (its hits are filtered by it)


@functools.lru_cache(maxsize=8192)
def _places(text: str) -> tuple[tuple[int, str], ...]:
    """The towns (kind 0) and villages (kind 1) a text names, by name, in the places and organisations
    rag.index.entities finds in it."""
    out = []
    for found in extract(text):
        if found.kind not in ("place", "org"):
            continue
        for piece in _TOWN_END_RE.split(found.text):
            if len(piece) >= 3 and piece.endswith(("镇", "乡", "街道")):
                out.append((0, piece))
            elif village := _VILLAGE_RE.match(piece):
                out.append((1, village.group(0)))
    return tuple(dict.fromkeys(out))


def _other_place(asked: Sequence[tuple[int, str]], text: str) -> bool:
    """True when the text names a town or village of a kind the question names, and not the one it names."""
    if not asked:
        return False
    here = _places(text)
    return any(name not in text and any(k == kind and n != name for k, n in here) for kind, name in asked)


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


class Scorer:
    """Candidate sentences of the hits with their signals and probabilities, over the archive tokenizer's functions
    (rag.index.tokenize) and the fitted models; the focus tests the engine's answer lines share."""

    def __init__(self, tokenize: Callable[[str], list[str]], words: Callable[[str], list[str]] | None = None,
                 names: Callable[[str], list[str]] | None = None, evidence: SentenceEvidence | None = None,
                 sentence_model: Logit | None = None, answerable_model: Logit | None = None,
                 known: Callable[[str], bool] | None = None, verb: Callable[[str], bool] | None = None) -> None:
        """tokenize: search tokens; words: precise-mode words; names: proper nouns (for follow-ups, the entity
        signal and nearmiss; None: every question stands alone); evidence: sentence and query vectors (None: similarity is left out); the models:
        load_model's (None: word coverage ranks the sentences, and a likely best one makes a question answerable);
        known: whether the dictionary holds a word (see _real_focus; None: every focus word is kept); verb: whether
        it holds it as a verb (see _holds_word; None: a word inside a longer one is never held there)."""
        self.tokenize = tokenize
        self.words = words or tokenize
        self.names = names
        self.known = known
        self.verb = verb
        self.evidence = evidence
        self.sentence_model = sentence_model
        self.answerable_model = answerable_model
        self._word_set = functools.lru_cache(maxsize=8192)(lambda text: frozenset(self.words(text)))

    def score(self, question: str, hits: Sequence[Hit], history: Sequence[tuple[str, str]] = (),
              when: TimeRange | None = None) -> Scoring:
        """Candidates of the hits with their signals and probabilities, best first, and the probability that
        they answer the question. Public for the fitting script (evals/fit_answer.py)."""
        question = strip_time(question, when)
        ask = analyse(question, self.tokenize, self.words, self.verb)
        if ask.asks_now and when is not None and not when.vague:  # 22年8月区委书记…: a time named is no "now"
            ask = dataclasses.replace(ask, asks_now=False)  # (the phrase is stripped before the question is read)
        carried: list[str] = []
        elliptical = self.names is not None and followup.carries_over(question, history, self.names)
        if elliptical:
            texts = followup.carried(question, history, self.words, self.names)
            carried = [w for t in texts for w in analyse(t, self.tokenize, self.words).words if w not in ask.words]
            # (a meeting named by its number stays that one: 区政府第11次常务会议…, then 谁主持的)
            # (read over the terms together: 十四届 and 五次 carried as two terms are one session, 14届5次)
            series = tuple(dict.fromkeys(m for m in series_marks(" ".join(texts)) if m not in ask.series))
            ask = dataclasses.replace(ask, words=ask.words + tuple(dict.fromkeys(carried)),
                                      series=ask.series + series)
        if ask.asks_said:  # 人大主任说了啥: the holder of the post, whose own sentences answer; the name stands for
            # the post's words, which those sentences do not repeat (廖利军表示，…)
            held = speakers(question, [h.text for h in hits])
            posts, named = [p for p, _ in held], [n for _, n in held if n not in ask.words]
            kept = tuple(w for w in ask.words if not any(w in p for p in posts))
            ask = dataclasses.replace(ask, words=kept + tuple(named), focus=ask.focus + tuple(named))
        ask = self._real_focus(ask, hits)
        candidates = self._candidates(hits, bool(_PRINT_RE.search(question))) if hits and ask.words else []
        if elliptical and history:  # a follow-up answers the new part: what was said already is not repeated
            said = _norm(history[-1][1] or "")
            for c in candidates:
                c.said = _norm(c.text) in said
        if not candidates:
            return Scoring(ask, (), 0.0, {}, when=when)
        weights = self._weights(ask.words, candidates)
        for w in carried:
            weights[w] *= 0.5
        self._features(question, ask, candidates, hits, weights, frozenset(carried))
        for c in candidates:
            c.prob = (self.sentence_model.prob(c.features) if self.sentence_model is not None
                      else 1 / (1 + math.exp(-8 * (c.features["cov"] + 0.25 * c.features["shape"] - 0.55))))
        candidates.sort(key=lambda c: -c.prob)
        qf = self._question_features(question, ask, candidates, hits, weights)
        answerable = (self.answerable_model.prob(qf) if self.answerable_model is not None
                      else float(qf["pmax"] >= 0.5))
        if qf["absent"] >= 1.0 and not _PRINT_RE.search(question):
            # no hit holds a single word of the question: nothing here is about it, whatever the model makes of
            # the rest (it learnt that words missing from the hits often mean a spoken question: given the
            # other signals, they make an answer more likely, not less)
            answerable = 0.0
        subject = self._subject(question, ask, candidates, weights) if ask.about_reports else ()
        return Scoring(ask, tuple(candidates), answerable, qf, subject, when)

    def _features(self, question: str, ask: Ask, candidates: list[Candidate], hits: Sequence[Hit],
                  weights: dict[str, float], carried: frozenset[str] = frozenset()) -> None:
        total = sum(weights.values()) or 1.0
        names = [n for n in dict.fromkeys(self.names(question) if self.names else []) if len(n) >= 2]
        sims = self._similarities(question, candidates)  # None without an evidence source
        newest = max(h.date for h in hits)
        paired = ask.answer_re is not None and bool(ask.focus)
        # (a place the hits never print is no sibling's rival: 楼山侯村 typed for 楼山后村)
        places = [p for p in _places(question) if any(p[1] in h.text for h in hits)]
        for i, c in enumerate(candidates):
            hit = hits[c.hit_index]
            cov = self._coverage(ask, c, hit, weights, carried) / total
            where = (c.text, c.context, hit.title)
            c.features = {
                "cov": cov,
                "title": sum(weights[w] for w in ask.words if w in hit.title) / total,
                "rank": 1.0 / (1 + c.hit_index), "lead": float(c.position == 0),
                "focus": float(bool(ask.focus) and any(self.has_focus(ask, t) for t in where)),
                "nofocus": float(bool(ask.focus) and not any(self.has_focus(ask, t) for t in where)),
                "shape": float(ask.answer_re is not None and gives(ask.answer_re, c.text, question)),
                "noshape": float(ask.answer_re is not None and not gives(ask.answer_re, c.text, question)),
                # the thing asked and its attribute in one clause ("正常库容84万方"): the figure is the one asked
                "near": float(paired and self.asked_near(ask, c.text)),
                "notnear": float(paired and not self.asked_near(ask, c.text)),
                "entity": (sum(any(n in t for t in where) for n in names) / len(names)) if names else 0.0,
                "day": float(ask.day is not None and ask.day in c.text),
                "recent": float(ask.asks_now and hit.date == newest),
                "listy": float(ask.is_list and (c.item or c.text.count("、") >= 2 or bool(_VISIT_RE.search(c.text)))),
                # the question's words anywhere in the sentence's chunk: a sentence that does not repeat its
                # subject (园内已吸引25家企业入驻) in a passage about it
                "chunkcov": sum(weights[w] for w in ask.words if w in hit.text or w in hit.title) / total,
                # (the places the sentence names itself: the sentence before may name many, 11个村建立起村村联建)
                "otherplace": float(_other_place(places, c.text)),
                # the place of the post asked (全旺镇的党委书记) in the sentence's chunk or title: rag.answer.readings
                "postplace": float(ask.post_place is not None and (ask.post_place in hit.text
                                                                    or ask.post_place in hit.title)),
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
        the scorer has no evidence source."""
        if self.evidence is None:
            return None
        matrix = self.evidence.sentence_vectors([(c.article_id, c.text) for c in candidates])
        return [float(x) for x in matrix @ self.evidence.query_vector(question)]

    def _question_features(self, question: str, ask: Ask, ranked: Sequence[Candidate], hits: Sequence[Hit],
                           weights: dict[str, float]) -> dict[str, float]:
        """Signals that the archive answers the question: the best candidates' probabilities and similarity, and
        whether the specific thing asked is there — the best coverage and similarity among the candidates that
        hold what is asked (a number with the asked unit, a date) and among those that hold the focus word. A
        near miss ("住一个月多少钱" where only the opening date is printed) has sentences about the subject, but
        none of them with the asked attribute. nearcov: the same among the candidates where what is asked stands
        in one clause with a focus word ("正常库容84万方": the thing and its attribute together). absent: the share of the question's weighted words that no hit
        holds at all (图书馆 when no report names one); focusabsent: the same for the focus words of two or more
        characters, each on its own (床位, 奖金, 一等奖: the attribute asked, where no report has it). noseries: the question names a meeting, session or quarter by its
        number (十四届六次全会, 第12次常务会议, 三季度) and no hit that holds the focus names that one.
        focuschars: the share of the focus's characters in the best sentence that holds what is asked (a spoken
        focus: 省 for 节省). nearchunk, nearother: see below."""
        credits = "".join(c.context for c in ranked if c.position < 0)  # what the paper prints of the articles
        shaped = [c for c in ranked if c.features["shape"]] if ask.answer_re is not None else list(ranked)
        near = [c for c in shaped if self.asked_near(ask, c.text)]
        focused = [c for c in ranked if c.features["focus"]] if ask.focus else list(ranked)
        long_focus = [f for f in ask.focus if len(f) > 1]
        about = {c.hit_index for c in focused}  # the hits holding what is asked
        out = {"pmax": ranked[0].prob, "p2": ranked[1].prob if len(ranked) > 1 else 0.0,
               "shapecov": max((c.features["cov"] for c in shaped), default=0.0),
               "focuscov": max((c.features["cov"] for c in focused), default=0.0),
               "nearcov": max((c.features["cov"] for c in near), default=0.0),
               # how much better the best sentence about the question is than the best that holds what is asked
               "shapegap": max(c.features["cov"] for c in ranked) - max((c.features["cov"] for c in shaped),
                                                                        default=0.0),
               "absent": sum(weights[w] for w in ask.words
                             if w not in credits and not any(w in h.text or w in h.title for h in hits))
               / (sum(weights.values()) or 1.0),
               "focusabsent": (sum(not any(self.holds(h.text, f) or self.holds(h.title, f) for h in hits)
                                   for f in long_focus) / len(long_focus)) if long_focus else 0.0,
               # a change asked in numbers (比原来多了多少, 前后面积变了多少) wants two figures of the thing asked (in
               # a clause with a focus word: 售出鳊鱼20万公斤, not the 30万元 of the sentence after it): one is a near miss
               "onefigure": float(ask.is_change and ask.is_count and ask.answer_re is not None and len({
                   m.group(0) for c in (focused if ask.focus else ranked)[:FIGURE_SENTENCES]
                   if self.asked_near(ask, c.text) for m in _whole(ask.answer_re).finditer(c.text)}) < 2),
               # the focus by its characters in the best sentence holding what is asked: a spoken focus shares
               # a character with the written word (省 -> 节省, 产 -> 产值) where whole-word matching misses it
               "focuschars": max((sum(ch in c.text for ch in chars) / len(chars) for c in shaped), default=0.0)
               if (chars := set("".join(ask.focus))) else 0.0,
               # the best coverage, by chunk, of a sentence holding the attribute asked with what is asked in one
               # clause (园内…入驻率达90%以上 in a passage on 大学生创业园); and how much better such a sentence about
               # a sibling of a place asked is than the best one that is not (楼山后村's canteen for 马溪村's)
               "nearchunk": max((c.features["chunkcov"] for c in near), default=0.0),
               "nearother": max((c.features["cov"] for c in near), default=0.0) - max(
                   (c.features["cov"] for c in near if not c.features["otherplace"]), default=0.0),
               # a day asked where the best sentences holding a date give only a month or a year (3月几号 ->
               # "今年3月，港区完成首单…"): the date asked is not printed
               # (of those holding the asked event in the same clause when some do: 7月几号开的园, where 今年7月新
               # 开园 is the one such sentence and other reports' dates are of other events)
               "dayabsent": float(ask.asks_day and ask.answer_re is not None and not any(
                   _DAY_GIVEN_RE.search(c.text) for c in (near or shaped)[:FIGURE_SENTENCES])),
               # a figure the question names its subject by (85岁以上的老人) in none of the best sentences holding
               # what is asked (they give 65岁以上老人: others)
               "figabsent": float(bool(ask.figures) and not any(
                   all(holds_figure(c.text + c.context, f) for f in ask.figures) for c in shaped[:FIGURE_SENTENCES])),
               # the session or quarter named must be named in a report that holds what is asked (三季度 in a
               # report on the plenum is no answer for the 三季度 金牛奖 where the results are 二季度's)
               # (or in the report of one of the best SERIES_SENTENCES candidates: a generic focus such as 口号 may be
               # held by another report only)
               "noseries": float(bool(ask.series) and not set(ask.series) <= {
                   s for i, h in enumerate(hits) if i in about | {c.hit_index for c in ranked[:SERIES_SENTENCES]}
                   for s in series_marks(h.title + "\n" + h.text)})}
        out["nearmiss"] = self._near_miss(question, ask, near, hits)
        if "sim" in ranked[0].features:
            out["simmax"] = max(c.features["sim"] for c in ranked)
            out["shapesim"] = max((c.features["sim"] for c in shaped), default=0.0)
        return out

    def _real_focus(self, ask: Ask, hits: Sequence[Hit]) -> Ask:
        """The ask without the focus words that are neither words of the dictionary nor in any hit: pieces the
        segmenter glued from a spoken question (当过多少年兵 -> 年兵, 都有谁跟车去 -> 跟车, 哪一期登的 -> 期登). An
        attribute the archive lacks is a dictionary word (床位, 奖金) and stays, so that its absence from the
        hits still says the question is not answered (focusabsent); a glued piece says nothing of that."""
        if self.known is None or not hits:
            return ask
        kept = tuple(f for f in ask.focus if len(f) < 2 or self.known(f)
                     or any(f in h.text or f in h.title for h in hits))
        return ask if kept == ask.focus else dataclasses.replace(ask, focus=kept)

    def _near_miss(self, question: str, ask: Ask, near: Sequence[Candidate], hits: Sequence[Hit]) -> float:
        """How much of what names the thing asked the reports holding the attribute asked lack: over the sentences
        where what is asked stands with a focus word, the least share of the question's names (places, people,
        organisations; other than the focus, and held by some hit) that the sentence's chunk and its title do not
        hold. 全旺镇的党委书记 answered by 廿里镇党委书记毛晓荣: the attribute is there, for another place."""
        names = [n for n in dict.fromkeys(self.names(question) if self.names else []) if len(n) >= 2
                 and not any(n in f or f in n for f in ask.focus) and any(n in h.text or n in h.title for h in hits)]
        if not near or not names:
            return 0.0
        return min(sum(not (n in hits[c.hit_index].text or n in hits[c.hit_index].title) for n in names) / len(names)
                   for c in near)

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

    # --- the question's focus in a text (the engine's answer lines ask too) ---------------------------
    def has_focus(self, ask: Ask, text: str) -> bool:
        """True when a focus word of the question is in text (see holds)."""
        return any(self.holds(text, f) for f in ask.focus)

    def holds(self, text: str, word: str) -> bool:
        """_holds_word for the word or a written form of it (投 -> 投资, 涨 -> 增长: rag.answer.question.WRITTEN)."""
        return any(self._holds_word(text, w) for w in written_forms(word))

    def _holds_word(self, text: str, word: str) -> bool:
        """True when text holds the word on its own: a word of one character as a whole word or as the head
        (last character) of one (奖 is in 金牛奖; 收, a charge, is not in 收入), a longer one at least once
        on its own, at the start of a longer word or as the object of a verb glued to it (主持 is in 主持会议, 湖南 in
        湖南镇, 座谈 in 举行座谈; 通车 is not in 直通车)."""
        if word not in text:
            return False
        if len(word) == 1:  # (or glued to the verb after it, as 入驻率达90% is cut: 入驻 率达)
            return any(w.endswith(word) or (len(w) == 2 and w[0] == word and w[1] in _GLUED_VERBS)
                       for w in self._word_set(text))
        # (a verb with the asked word as its object holds it: 举行座谈 is 举行 + 座谈; 党委书记 is no 书记 asked)
        longer = [w for w in self._word_set(text) if word in w and len(w) > len(word) and not w.startswith(word)
                  and not (w.endswith(word) and self.verb is not None and self.verb(w[:-len(word)]))]
        return text.count(word) > sum(text.count(w) * w.count(word) for w in longer)

    def asked_near(self, ask: Ask, text: str) -> bool:
        """True when a clause of the text holds both what is asked (the answer pattern) and a focus word; with
        no pattern or no focus, the one that is there decides. A date leads its sentence ("12月22日上午，…王建安
        率队来…"): for a date asked, the sentence must hold it and every focus word (当选 as well as 王建安)."""
        if ask.is_when and ask.answer_re is not None and ask.focus:
            return bool(ask.answer_re.search(text)) and all(self.holds(text, f) for f in ask.focus)
        clauses = re.split(r"(?<=[，,。；;！？!?])", text)  # (each keeps its mark: speech is 说 and the mark after it)
        return any((ask.answer_re is None or ask.answer_re.search(cl)) and (not ask.focus or self.has_focus(ask, cl))
                   for cl in clauses if cl)

    # --- candidates and word coverage -----------------------------------------------------------------
    def _coverage(self, ask: Ask, c: Candidate, hit: Hit, weights: dict[str, float],
                  carried: frozenset[str] = frozenset()) -> float:
        """Weighted question words in the sentence (full), in the sentence before it or the title (half; full in
        the sentence before for a sentence that points back to it: 该工程总投资80万元, and in the other lines of
        what the paper prints of an article: 刊于… of the piece 署名柏雷), or only by their characters
        (a word jieba cut oddly, such as 村建, at a discount). A word a follow-up carries from the last turn (高家镇,
        安仁水库 before 它库容多大) says which report the chat is about, not what the answering sentence repeats:
        anywhere in the sentence's chunk it counts as in its title (half)."""
        coverage = 0.0
        title = hit.title
        # (what the paper prints of an article is one record: its issue line holds the author its byline line names)
        leans = bool(_POINTS_BACK_RE.match(c.text)) or c.position < 0
        for w in ask.words:
            if w in c.covered or (leans and w in c.context):
                coverage += weights[w]
            elif w in c.context or w in title or (w in carried and w in hit.text):
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
                facts = article_facts(hit)
                for text in facts:  # (each with the others as its context: 刊于… is the date of the piece 柏雷 signed)
                    out.append(Candidate(text, i, hit.article_id, -1, hit.date,
                                         context=hit.title + "".join(f for f in facts if f != text)))
            previous = heading = telling = ""
            for pos, text, item in display_sentences(hit.text):
                if text in seen or is_instruction(text):
                    continue
                seen.add(text)
                # a sentence that points back leans on the last one that tells (not a quote: “我们基本拎包入驻…”)
                leaning = telling if _POINTS_BACK_RE.match(text) and quoted_or_attributed(previous) else previous
                out.append(Candidate(text, i, hit.article_id, pos + (0 if hit.start == 0 else 1), hit.date,
                                     context=heading if item else leaning, item=item))
                previous = text
                telling = telling if quoted_or_attributed(text) else text
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
