"""The default answer engine, no LLM: picks archive sentences that answer the question and cites each one.

rag.answer.scoring scores the evidence: every sentence of the retrieved chunks with the probability that it holds
the answer, and the probability that the archive answers the question at all. Below the fitted cut the engine
refuses, and lists the related reports when there are any.

An answer starts with a direct line for what was asked (a date with its year, a number with its unit, a name
with its post: rag.answer.direct), then the supporting sentences (one article per item for lists, in date order
for questions about change), each followed by its [n] marker; citations.finalize verifies every line. A follow-up
never repeats a sentence the last answer gave.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
import difflib
import itertools
import logging
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import direct, followup, readings
from ..cite.citations import finalize, refusal
from ..cite.verify import Verifier
from ..index.entities.words import SURNAMES
from ..ingest.chunk import display_sentences
from ..models import Answer, Hit
from ..text import ATTRIBUTION_RE, char_ngrams, count
from .direct import SPEAKER_HEAD, SPEECH_VERBS, speaker, speaker_of
from .logit import Logit
from .question import CLOCK, Ask, holds_figure, series_marks, written_forms
from .scoring import MODEL_PATH, Candidate, Scorer, Scoring, SentenceEvidence, load_model
from .timeparse import TimeRange

log = logging.getLogger(__name__)

RELATED_COVERAGE = 0.5  # a report listed under a refusal holds at least half of the question's weighted words
PARALLEL_SIMILAR = 0.75  # two clause frames this alike are lines of one parallel set (see _parallel)
PARALLEL_WORDS = 4  # the characters a frame holds besides its quote, at least
PARALLEL_MAX = 6  # the further lines of a parallel set a list answer takes
_QUOTE_RE = re.compile(r"“[^”]{1,20}”")
# a demand's heading, a short sentence of its own that the paragraph after it explains (要锚定目标拼经济争前列。
# 要坚定不移攻项目扩投资。…): officialese gives a meeting's demands as headings of one length
_HEADING_RE = re.compile(r"要([\u4e00-\u9fff]{6,14})[。！]")
NAMES_EVENT = 0.5  # a sentence holding less of its headline's character pairs than this does not say which event it is from
_MOVES_RE = re.compile(r"来到|走进|前往|先后|随后|又到|还到|一行到")  # a visit going on to its next stop
# a sentence of a visit that names a stop: it goes on to one (来到, 走进) or opens at one ("在美高短剧超级工厂，…")
_STOP_RE = re.compile(_MOVES_RE.pattern + r"|^在[^，。；]{2,40}，")
_PLACE_SUFFIX_RE = re.compile(r"(镇|乡|村|街道|社区)$")
# a sentence that names its subject only by pointing back (主持会议并讲话, 该工程总投资80万元): the one before names it
_LEANS_RE = re.compile(r"^(该|此|这|其|上述)(?!些|样|种|里|时)[\u4e00-\u9fff]|^会[议上]|(主持|出席|参加)(会议|活动)")
# how a story ended: "经过大家的共同努力，舒某同意……", "最终双方达成协议"
# a reporter at the scene (记者在…看到, 记者走进…): the sentence's date is the day of the visit
_REPORTER_SCENE_RE = re.compile(r"记者[^，。]{0,30}?(看到|见到|了解到|走进|来到|走访)")
# a sentence that opens a new scene or another's words, not the speech before it going on
_NEW_SCENE_RE = re.compile(r"^(座谈会|会上|会前|会后|会议|随后|此外|另外|同时|据悉|据了解|记者|\d{1,2}月|[^，。]{0,12}(参加|出席|陪同))")
_OUTCOME_RE = re.compile(r"^经过[^，。]{0,16}(努力|调解|协调|协商)|最终|终于|达成[^，。]{0,6}协议|同意|圆满解决|得到解决|顺利解决")
ACROSS_REPORTS = 3  # a list with this many reports nearly as likely as the best is one across reports: a line each
PER_REPORT = 2  # the lines one report may take in a list across the issues
SPEECH_SENTENCES = 8  # the likeliest sentences one of which may be the asked person's speech (_speaker_quoted)
NEARLY = 0.5  # "nearly as likely" for ACROSS_REPORTS: half the best's probability (not the fitted `relative`,
# which sets how many sentences a factoid takes)
_NOT_FOUND = "档案中没有找到能直接回答这个问题的内容。"
_NOTHING_MORE = "档案中没有找到更多相关内容。"
_ONLY_PLANNED = "档案中没有报道它是否已经办成，只有计划或进展。"
# what the refusal says when a reading rule refused (ExtractiveEngine.refusal_reason)
_WHY_NOT = {"year": "档案中没有这一年的这个数字。", "rank": "档案中有相关报道，但没有公布名次或获奖者。",
            "members": "档案中只报道了数目，没有列出全部名单。",
            "when": "档案中有相关报道，但时间与所问的不符。",
            "place": "档案中有这一职务的报道，但不是所问地方的。",
            "rate": "档案中有相关数字，但不是按所问单位（每亩、每户等）计的。",
            "ahead": "档案中的报道都早于所问的时间，没有说到那时的内容。"}
# a headline's count of units (衢江2家卫生院获全国表扬): see ExtractiveEngine._members_line
_HEAD_COUNT_RE = re.compile(r"(\d+|[两二三四五六七八九十])(?:家|个|所|座|名|位)")
_PLAN_SAID_RE = re.compile(r"预计|计划|力争|争取|确保|年底前|月底前|将于")


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


class ExtractiveEngine:
    """AnswerEngine without a model, over the archive tokenizer's functions (rag.index.tokenize): its Scorer
    (rag.answer.scoring) scores the evidence, the engine chooses the sentences and writes the answer."""

    name = "extractive"

    def __init__(self, verifier: Verifier, tokenize: Callable[[str], list[str]],
                 words: Callable[[str], list[str]] | None = None, names: Callable[[str], list[str]] | None = None,
                 evidence: SentenceEvidence | None = None, params: ExtractiveParams | None = None,
                 model_path: Path = MODEL_PATH, known: Callable[[str], bool] | None = None,
                 verb: Callable[[str], bool] | None = None) -> None:
        """tokenize: search tokens; words: precise-mode words; names: proper nouns (for follow-ups; None: every
        question stands alone); evidence: sentence and query vectors (None: similarity is left out); known,
        verb: whether the dictionary holds a word, and as a verb (Scorer)."""
        self.verifier = verifier
        self.tokenize = tokenize
        self.words = words or tokenize
        self.names = names
        sentence_model, answerable_model, tuned = load_model(model_path)
        self.scorer = Scorer(tokenize, self.words, names, evidence, sentence_model, answerable_model, known,
                             verb)
        self.params = params or ExtractiveParams(**tuned)

    # the scorer's evidence source and models, as the engine's (evals/fit_answer.py swaps the models while fitting)
    @property
    def evidence(self) -> SentenceEvidence | None:
        return self.scorer.evidence

    @property
    def sentence_model(self) -> Logit | None:
        return self.scorer.sentence_model

    @sentence_model.setter
    def sentence_model(self, model: Logit | None) -> None:
        self.scorer.sentence_model = model

    @property
    def answerable_model(self) -> Logit | None:
        return self.scorer.answerable_model

    @answerable_model.setter
    def answerable_model(self, model: Logit | None) -> None:
        self.scorer.answerable_model = model

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
        answer = self._answer(question, scoring, hits, history, when)
        return dataclasses.replace(answer, answerable=round(scoring.answerable, 3))

    def _answer(self, question: str, scoring: Scoring, hits: list[Hit], history: Sequence[tuple[str, str]],
                when: TimeRange | None) -> Answer:
        """The answer or the refusal of `answer`, from the hits' scoring."""
        if when is not None and when.ahead:  # 明年的目标: only a sentence that speaks of that time answers (at the
            # fitted least probability: naming the time asked is the evidence the others lack)
            ahead = tuple(c for c in scoring.candidates
                          if c.prob >= self.params.min_prob and readings.speaks_of_ahead(c.text, c.date, when))
            if not ahead:
                return self._not_found(question, scoring, hits, _WHY_NOT["ahead"])
            scoring = dataclasses.replace(scoring, candidates=ahead)
        if history and not series_marks(question):  # (a session carried over from the turn before)
            scoring = _of_series(scoring, hits)
        if history and followup.same_event(question):
            scoring = _of_last_reports(scoring, hits)
        reason = self.refusal_reason(scoring, hits)
        if reason is not None:
            log.info("refuse %r (%s): answerable %.2f", question[:30], reason, scoring.answerable)
            if reason == "done":  # a plan where a deed is asked: the newest plan, quoted
                return self._only_planned(question, scoring, hits)
            # (a reading rule examined the likely sentences: their reports are related, whatever their coverage)
            return self._not_found(question, scoring, hits, _WHY_NOT.get(reason, _NOT_FOUND),
                                   RELATED_COVERAGE if reason in ("none", "model") else 0.0)
        chosen = self._choose(scoring, hits)
        lines = self._lines(scoring.ask, chosen, hits) if chosen else []
        if not lines:
            return self._not_found(question, scoring, hits, _NOTHING_MORE)
        return finalize(question, "\n".join(lines), hits, self.name, self.verifier)

    def refuses(self, scoring: Scoring, hits: Sequence[Hit] = ()) -> bool:
        """True when the archive does not answer (see refusal_reason)."""
        return self.refusal_reason(scoring, hits) is not None

    def refusal_reason(self, scoring: Scoring, hits: Sequence[Hit] = ()) -> str | None:
        """Why the archive does not answer, or None when it does: "none" (no candidate); "model" (answerability
        under the fitted cut, unless the reports naming what is asked are what is asked, or what someone named said
        is asked and a likely sentence of `hits` is theirs); "done" (whether something
        is done is asked, 竣工了没有, and none of the likeliest sentences says it is done or not yet: a plan,
        预计5月底竣工, is no answer); "year" (a figure of a year asked, none given for it); "rank" (who holds a
        rank, 一等奖, and no likely sentence prints the rank); "members" (the members of a set it counts, and the
        archive counts them without naming them); "when" (an event's date asked in a year the question names, and
        the likely sentences date it at another time); "rate" (a figure per unit asked, and the likely figures are
        not per that unit); "place" (who holds a post of a place asked, and the likely holders are of other places).
        The last seven are read by rag.answer.readings.unanswered."""
        if not scoring.candidates:
            return "none"
        if scoring.answerable < self.params.min_answerable and not self._names_subject(scoring) and \
                not self._speaker_quoted(scoring, hits):
            return "model"
        floor = max(self.params.min_prob, self.params.relative * scoring.candidates[0].prob)
        return readings.unanswered(scoring, floor)  # what the question asks the likely sentences do not give

    def _names_subject(self, scoring: Scoring) -> bool:
        """A question for the reports that name something (四省边际 相关报道) is answered by the reports naming it,
        two or more of them: what answerability weighs (an attribute asked, held or not) is not asked."""
        if not scoring.ask.about_reports:
            return False
        mentions = self._mentions(scoring.candidates, scoring.subject, self.params.max_list_sentences)
        return len({c.article_id for c in mentions}) > 1

    def _speaker_quoted(self, scoring: Scoring, hits: Sequence[Hit]) -> bool:
        """A question for what someone said (贵丽青在座谈会上说了啥, 他还说了什么 after a question about 王建安) is
        answered when the asked person's own speech is among the likeliest sentences (see _speeches): answerability
        weighs the question's other words (座谈会, 浙大二院), which the report's lead holds rather than the speech."""
        return bool(self._speeches(scoring, hits))

    @staticmethod
    def _speeches(scoring: Scoring, hits: Sequence[Hit]) -> list[Candidate]:
        """For a question for what a person it names (or carries from the last turn) said: those of the
        SPEECH_SENTENCES likeliest sentences that report that person speaking (贵丽青说，…; 他表示，… after the
        sentence that opens with him: direct.speaker_of), best first, each followed by the sentences of its report
        that go on with the speech (no verb of speech, no new scene: 在双方共同努力下，…; not 座谈会上，…); [] for any
        other question."""
        if not scoring.ask.asks_said or not hits:
            return []
        asked = {w for w in scoring.ask.words if 2 <= len(w) <= 3 and w[0] in SURNAMES}

        def theirs(c: Candidate) -> bool:
            return any(name in asked for _, name in speaker_of(c.text, hits[c.hit_index].text,
                                                             hits[c.hit_index].title))
        own = [c for c in scoring.candidates[:SPEECH_SENTENCES] if asked and (
            direct.SPEECH_RE.search(c.text) or c.text.startswith("“")) and theirs(c)]  # (a quote: named after it)
        by_place = {(c.hit_index, c.position): c for c in scoring.candidates}
        out: list[Candidate] = []
        for c in own:
            out += [c] if c not in out else []
            nxt = by_place.get((c.hit_index, c.position + 1))
            while nxt is not None and (ATTRIBUTION_RE.match(nxt.text) or not _NEW_SCENE_RE.match(nxt.text)
                                       and not speaker(nxt.text) and theirs(nxt)):  # (…”叶尔军表示。 says whose)
                out += [nxt] if nxt not in out else []
                nxt = by_place.get((nxt.hit_index, nxt.position + 1))
        return out

    # --- evidence -------------------------------------------------------------------------------------
    def score(self, question: str, hits: Sequence[Hit], history: Sequence[tuple[str, str]] = (),
              when: TimeRange | None = None) -> Scoring:
        """The scorer's Scoring of the hits (rag.answer.scoring.Scorer.score). Public for the fitting script
        (evals/fit_answer.py)."""
        return self.scorer.score(question, hits, history, when)

    # --- choosing and writing the answer --------------------------------------------------------------
    def _choose(self, scoring: Scoring, hits: Sequence[Hit] = ()) -> list[Candidate]:
        """The best sentence, then: for lists, further items (a tour's stops in its report; one line for each
        other report, its lead when nearly as likely; then more of the best report; a chosen heading brings its
        name list); for the reports that name something, each report's mention of it; for change questions, the
        best sentence of each other report; for factoids, a second sentence only when it is nearly as likely."""
        p, ask = self.params, scoring.ask
        own = self._speeches(scoring, hits)
        if own:  # what the person asked about said: their own sentences not given yet, as the report goes (none
            # left: the archive holds nothing more)
            own = [c for c in own if not c.said]
            return _in_order([c for c in own if c.article_id == own[0].article_id])[:p.max_list_sentences] if own \
                else []
        ranked = list(scoring.candidates)
        if ask.asks_now:  # 现在/目前/区委书记是谁: of the likely sentences, the latest report's leads
            likely_now = [c for c in ranked if c.prob >= p.relative * ranked[0].prob]
            newest = max(likely_now, key=lambda c: c.date)
            ranked = [newest] + [c for c in ranked if c is not newest]
        if ask.is_who:  # a who-question is answered by a sentence that names someone with a post, when one is likely
            # (someone besides the people it names: any likely sentence of the best one's report, which names them)
            likely = [c for c in ranked if c.prob >= p.relative * ranked[0].prob or (
                ask.other_than and c.article_id == ranked[0].article_id)]
            # (one who does what is asked, 主持, in the best report is likely enough: 谁主持的 after its lead)
            doing = likely + [c for c in ranked if c.article_id == ranked[0].article_id and c.prob >= p.min_prob
                              and c not in likely]
            named = next((c for c in doing if self._doers(ask, c.text)), None) or next(
                (c for c in likely if _fitting(ask, direct.people(c.text) or direct.people(c.context))), None)
            ranked = [named] + [c for c in ranked if c is not named] if named else ranked
        if not ask.asks_said:  # 提了啥建议, 强调了什么: the likely sentence that opens with its speaker saying it
            says = next((c for c in ranked if c.prob >= p.min_prob and _says_asked(ask, c.text)), None)
            ranked = [says] + [c for c in ranked if c is not says] if says else ranked
        if ask.asks_said:  # what someone said: their own likely sentence first (李明表示，…), not the lead
            own = next((c for c in ranked if c.prob >= p.relative * ranked[0].prob and speaker(c.text) in ask.focus),
                       None)
            ranked = [own] + [c for c in ranked if c is not own] if own else ranked
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
        if not (ask.is_list or ask.is_change) and hits:  # (樟潭's figure asked: not 后溪镇卫生院's paragraph)
            likely = [c for c in likely if not _of_other_unit(ask, best, c, hits)]
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
        across = ask.is_list and ask.over_issues and len({c.article_id for c in [best, *likely]}) > 1
        for c in likely:
            if len(chosen) >= limit:
                break
            if across and sum(x.article_id == c.article_id for x in chosen) >= PER_REPORT:
                continue  # a list across the issues (这几期…哪几个): room for the other reports, not more of one
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
        if ask.is_when and hits and not any(self._direct_line(ask, c, hits[c.hit_index]) for c in chosen):
            # a date asked that no chosen sentence gives: the best report's sentence that dates the asked event
            # (自2024年12月启动以来 for 几月份动工, below a scene of the site), else the likeliest other that does,
            # so the answer can start with it
            dating = next((c for c in sorted(ranked, key=lambda c: c.article_id != best.article_id)
                           if (c.article_id == best.article_id or c.prob >= p.min_prob) and c not in chosen
                           and self._direct_line(ask, c, hits[c.hit_index])), None)
            chosen += [dating] if dating is not None else []
        if ask.asks_outcome:  # 最后怎么解决的: the best report's sentence that tells how it ended, however worded
            chosen += [c for c in _in_order(ranked) if c.article_id == best.article_id and c not in chosen
                       and _OUTCOME_RE.search(c.text)][:1]
        if not ask.is_list and best.position > 0 and _LEANS_RE.search(best.text):  # 主持会议: which one?
            # (the sentence before, when it says which: "会上，…" after a closing demand names no meeting)
            chosen += [c for c in ranked if c.text == best.context and c.hit_index == best.hit_index
                       and c not in chosen and not _LEANS_RE.search(c.text)
                       and hits and _names_its_event(c.text, hits[c.hit_index].title)][:1]
        chosen += _parallel_rest(ask, chosen, ranked)
        if ask.is_list and ask.focus:
            chosen += self._asked_list(ask, chosen, ranked, hits)
        # a chosen heading brings the name list under it, whatever the lines' words; a heading without the
        # asked focus (the 流动红旗 list when 金牛奖 is asked) is another list: left out
        for head in list(chosen):
            lines = [c for c in ranked if c.item and c.context == head.text and c.hit_index == head.hit_index]
            if lines and ask.focus and not self.scorer.has_focus(ask, head.text) and head is not best:
                chosen.remove(head)
            else:
                chosen += [c for c in lines if c not in chosen][:2 * p.max_list_sentences]
        return self._ordered(ask, best, chosen)

    def _asked_list(self, ask: Ask, chosen: Sequence[Candidate], ranked: Sequence[Candidate],
                    hits: Sequence[Hit]) -> list[Candidate]:
        """The heading of the name list of what is asked ("“流动红旗”获奖名单", whose lines follow it), when no such
        list is chosen yet: it is the answer to a list question where a sentence that only says it was published
        (会议还公布了…流动红旗评选结果) ranks higher. One list, from a report naming the session or quarter asked."""
        def heads_list(c: Candidate) -> bool:  # a heading of a name list that holds what is asked
            return not c.item and self.scorer.has_focus(ask, c.text) and any(
                d.item and d.context == c.text and d.hit_index == c.hit_index for d in ranked)

        def of_series(c: Candidate) -> bool:  # its report names the session or quarter asked, if any
            return not (ask.series and hits) or set(ask.series) <= set(series_marks(
                hits[c.hit_index].title + hits[c.hit_index].text))
        if any(heads_list(c) for c in chosen):
            return []
        head = next((c for c in ranked if c.prob >= self.params.min_prob and c not in chosen and heads_list(c)
                     and of_series(c)), None)
        return [head] if head is not None else []

    @staticmethod
    def _answers_part(c: Candidate, words: Sequence[str], pattern: re.Pattern | None) -> bool:
        """True when a sentence answers one part of a question: its answer shape, and half of the part's topic
        words in the sentence or the one before it."""
        held = sum(w in c.text or w in c.context for w in words)
        return (pattern is None or bool(pattern.search(c.text))) and held * 2 >= len(words) > 0

    @staticmethod
    def _ordered(ask: Ask, best: Candidate, chosen: list[Candidate]) -> list[Candidate]:
        """The chosen sentences in answer order: by date for change questions and the reports that name
        something, the latest report first for questions about now, else as the reports go (the sentence holding
        every focus word first when the best one holds none: 陈政是干啥的)."""
        if ask.about_reports and not ask.is_change and len({c.article_id for c in chosen}) == 1:
            return [best] + _in_order([c for c in chosen if c is not best])  # one report: what is asked of it first
        if ask.is_change or ask.about_reports:
            return sorted(chosen, key=lambda c: (c.date, c.hit_index, c.position))
        if ask.asks_said and speaker(best.text) in ask.focus:
            # what someone said: their words first, and no one else's (王慧杰指出… answers no question about 廖利军)
            return [best] + _in_order([c for c in chosen if c is not best and speaker(c.text) in (None, *ask.focus)])
        if _says_asked(ask, best.text):  # 提了啥建议: what was proposed first (毛卓战建议，…)
            return [best] + _in_order([c for c in chosen if c is not best])
        if ask.asks_now:  # the latest report first, then the others newest first
            return sorted(chosen, key=lambda c: (c is not best, -c.date.toordinal(), c.hit_index, c.position))
        focus = [f for f in ask.focus if len(f) >= 2]
        # (of the best one's report: a sentence of another report naming the focus is about another event, 十四届
        # 二次全会 for 十四届五次全会哪天开的)
        holder = next((c for c in chosen if focus and all(f in c.text for f in focus)
                       and c.article_id == best.article_id), None)
        if holder is not None and not any(f in best.text for f in focus):
            # 陈政是干啥的: the line that names what is asked first (区领导陈政参加), not the report's lead before it
            return [holder] + _in_order([c for c in chosen if c is not holder])
        if not ask.is_list:  # the answer first, then its context as the report goes (the meeting's lead after 要…)
            return [best] + _in_order([c for c in chosen if c is not best])
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
        # that names a person with a post (who-questions), that dates the asked event (when-questions: see
        # _direct_line) or whose answer stands with a focus word; for a number, first from the one whose figure stands with most
        # of the asked words (收集问题72件), in the sentence or in its report's title (衢江2家卫生院获全国表扬)
        # (_choose put first the latest report for now, the sentence naming the person asked for who-questions)
        ordered = chosen if ask.asks_now or ask.is_who else sorted(chosen, key=lambda c: -c.prob)
        best = ordered[0]
        if ask.is_count:
            ordered = sorted(ordered, key=lambda c: max(_focus_at_figure(ask, c.text),
                                                        _focus_at_figure(ask, hits[c.hit_index].title)),
                             reverse=True)
        head = next(((line, c) for c in ordered if (c is best or ask.is_who or ask.is_when
                                                    or _focus_at_figure(ask, c.text)[0])
                     and (line := self._direct_line(ask, c, hits[c.hit_index], hits))), None)
        lines = [f"{head[0]}。[{head[1].hit_index + 1}]"] if head else []
        if ask.is_count and ask.each and not lines:  # 樟潭和后溪…分别建了多少份: each one's figure
            lines = [each] if (each := self._each_line(ask, chosen, hits)) else []
        dated = ask.is_change and not ask.about_reports and len({hits[c.hit_index].date for c in chosen}) > 1
        named: set[str] = set()  # reports already named by their title (questions about reports)
        across, told = ask.is_list and len({c.article_id for c in chosen}) > 1, set()
        shown = {c.text for c in chosen}
        for c in chosen:
            if c.said and (head or ask.asks_more or (c is not best and any(not o.said for o in chosen))):
                continue
            hit = hits[c.hit_index]
            day = direct.cn_date(hit.date)
            prefix = f"据{day}报道，" if dated or (ask.asks_now and c is best) else ""
            text = c.text
            if ask.about_reports and c.article_id not in named:  # the report itself is what is asked
                prefix = f"《{hit.title}》（{day}）："
                named.add(c.article_id)
                if c.position < 0 and hit.start == 0:
                    # a credit ("《X》的记者是邹洁。") tells nothing of the story its line stands for: its lede does
                    text = next((t for _, t, item in display_sentences(hit.text) if not item), text)
            elif c.article_id not in told and (ask.who_said or (
                    (across or (ask.is_list and _LEANS_RE.search(c.text))) and not _names_its_event(c.text, hit.title))):
                # a list's line that does not say which event it is from ("区领导…徐彪…参加。" in a list across
                # reports; "主持会议并讲话" for 开了哪几个会), and the line of a quote whose speaker is asked (at which
                # event it was said): the headline's date says what 据…报道 would
                prefix = f"《{hit.title}》（{day}）："
            told.add(c.article_id)  # a report's first line in the answer says which event it is from
            if c.item and c.context and c.context not in shown:  # a name list's line says which list it is
                prefix += c.context.rstrip("。") + "："
            lines.append(f"{prefix}{text}[{c.hit_index + 1}]")
        return lines

    def _direct_line(self, ask: Ask, best: Candidate, hit: Hit, hits: Sequence[Hit] = ()) -> str | None:
        """What was asked, in a few characters, taken from the best sentence (or its title); none when the sentence is
        not about the very thing asked: it lacks a figure the question names it by (85岁以上的老人: a sentence on
        65岁以上老人 is about others) or names no session the question names (省委十五届三次全会: not 区委十四届二次)."""
        text = best.text
        where = text + best.context + hit.title
        if not all(holds_figure(where, f) for f in ask.figures) or not set(ask.series) <= set(series_marks(where)):
            return None
        if (ask.is_list or ask.members) and not ask.is_count and (line := self._members_line(ask, hit, hits)):
            return line
        if ask.is_when:
            # the date of the thing asked: a sentence that does not name all of it (王建安 when he came to visit, for
            # 王建安哪一年当选院士) gives none
            where = (text, best.context, hit.title)
            # (a milestone asked is held in any of its words: 完工 in 预计在5月底实现竣工)
            if not all(any(self.scorer.holds(t, f) or (f in readings.DONE_WORDS and re.search(readings.DONE_WORDS[f], t))
                           for t in where) for f in ask.focus):
                return None
            milestone = "|".join(f"{readings.DONE_WORDS[f]}|{'|'.join(written_forms(f))}" for f in ask.focus
                                 if f in readings.DONE_WORDS)  # (动工: 开工, 启动 too)
            if milestone:
                # 什么时候竣工: a date in a clause that says the milestone (预计在5月底实现竣工; the headline's
                # 综合体5月底竣工), not the day of a scene or of another step (4月21日顺利封顶)
                return next((line for t in (text, hit.title) if (line := direct.date_line(
                    _clauses_with(t, ask.answer_re, milestone), hit.date, ask.day))), None)
            if _REPORTER_SCENE_RE.search(text):
                # 5月9日，记者在…施工现场看到，…: the day of the reporter's visit, not of the thing asked; only a date
                # in a clause with what is asked answers
                text = "，".join(cl for cl in re.split(r"[，,；;]", text)
                                if ask.answer_re is not None and ask.answer_re.search(cl) and self.scorer.has_focus(ask, cl))
            line = direct.date_line(text, hit.date, ask.day, tuple(w for f in ask.focus for w in written_forms(f)))
            if line is None and ask.asks_clock:  # 每天下午4点、晚上7点: the times of day it gives
                line = "、".join(dict.fromkeys(m.group(0) for m in re.finditer(CLOCK, text))) or None
            return line
        if ask.is_who:
            named = direct.people(text) or direct.people(best.context) or direct.people(hit.title)
            said_by = [speaker_of(best.text, hit.text, hit.title)] if ask.who_said else []
            takes = said_by + [self._doers(ask, text), _fitting(ask, named)]
            # 乡长叫什么: only that post (a 党委书记 is no answer)
            found = next((kept for people in takes if (kept := [
                (post, name) for post, name in people
                if ask.answer_re is None or ask.answer_re.search(post + name)])), [])
            if found:  # names under one post as the report lists them (区领导林蕙、毛晓荣)
                posts: dict[str, list[str]] = {}
                for post, name in dict.fromkeys(found[:3]):
                    posts.setdefault(post, []).append(name)
                return "；".join(f"{post}{'、'.join(names)}" for post, names in posts.items())
            return None
        if ask.is_count and ask.answer_re is not None and not ask.each:  # (分别建了多少份: the sentences, each its own)
            # the number that stands with the asked thing: in the headline when only it has both, or when it has
            # more of the asked words with its figure (衢江2家卫生院获全国表扬, not 该卫生院组建5个家庭医生团队);
            # none when neither does: a figure that counts something else ("一条…之路" for 多少个医生) is no
            # answer to put first
            in_title, in_text = self.scorer.asked_near(ask, hit.title), self.scorer.asked_near(ask, text)
            if not (in_title or in_text):
                return None
            headline = in_title and (not in_text or _focus_at_figure(ask, hit.title) > _focus_at_figure(ask, text))
            first, second = (hit.title, text) if headline else (text, hit.title)
            # (a figure asked per unit, 一亩地要投多少, from a text giving one per that unit: not 投资400万元)
            line = next((line for t in (first, second) if (not ask.per or readings.per_given(t, ask.per)) and (
                line := direct.span_line(t, ask.answer_re, ask.focus, not ask.is_change, "".join(ask.figures),
                                         ask.words))), None)
            if line and headline:  # 衢江2家卫生院获全国表扬: the two, when the report gives each a paragraph
                members = direct.paragraph_subjects(hit.text)
                line += f"：{'、'.join(members)}" if len(members) >= 2 and line == f"{len(members)}家" else ""
            return line
        return None

    def _each_line(self, ask: Ask, chosen: Sequence[Candidate], hits: Sequence[Hit]) -> str | None:
        """A figure asked of each of the ones a question names (樟潭和后溪…分别建了多少份健康档案 -> "樟潭街道社区卫生
        服务中心58392份；后溪镇卫生院20643份。[1]"): for each, the figure of a chosen sentence that names it by a word the others' names lack
        (in the sentence, the one before, its report's title or the unit its paragraph is about), cited; None
        unless every one has a figure."""
        parts, markers = [], []
        for name in ask.each:
            others = "".join(o for o in ask.each if o != name)
            keys = [w for w in self.scorer.tokenize(name) if len(w) >= 2 and w not in others]

            def names(c: Candidate) -> bool:
                hit = hits[c.hit_index]
                where = c.text + c.context + hit.title + (direct.subject_of(hit.text, c.text) or "")
                return any(k in where for k in keys)
            found = next(((c, line) for c in chosen if names(c) and (line := direct.span_line(
                c.text, ask.answer_re, ask.focus, True, "".join(ask.figures), ask.words))), None)
            if found is None:
                return None
            unit = direct.subject_of(hits[found[0].hit_index].text, found[0].text) or ""
            # (by the unit's name as printed when its paragraph is about it: 樟潭街道社区卫生服务中心 for 樟潭)
            parts.append(f"{unit if any(k in unit for k in keys) else name}{found[1]}")
            markers.append(f"[{found[0].hit_index + 1}]")
        return f"{'；'.join(parts)}。{''.join(dict.fromkeys(markers))}"

    def _members_line(self, ask: Ask, hit: Hit, hits: Sequence[Hit]) -> str | None:
        """Which ones (获表扬的是哪几家, 哪两家卫生院): the members a headline counts with what is asked (衢江2家卫生院获
        全国表扬) when its report gives each its paragraph (direct.paragraph_subjects, over the report's chunks among
        the hits), as many as it counts; led by the report's count when the question counts otherwise (哪三家); None
        otherwise."""
        counted = _HEAD_COUNT_RE.search(hit.title)
        if counted is None or not self.scorer.has_focus(ask, hit.title):
            return None
        chunks = {h.start: h.text for h in (*hits, hit) if h.article_id == hit.article_id}
        members = direct.paragraph_subjects("\n".join(chunks[k] for k in sorted(chunks)))
        n = count(counted.group(1))
        if len(members) < 2 or n != len(members):
            return None
        if ask.members and ask.members[0] and ask.members[0] != n:
            # 获表扬的是哪三家 when the report counts 2家: its count before them, which differs from the one asked
            return f"{counted.group(0)}：{'、'.join(members)}"
        return "、".join(members)

    def _doers(self, ask: Ask, text: str) -> list[tuple[str, str]]:
        """谁主持的: of the people a sentence names, those in a clause that says what is asked ("贵丽青出席会议并讲话，
        …郭林将主持会议": 郭林将), and whom the question can be answered with (_fitting)."""
        return _fitting(ask, [p for cl in re.split(r"[，,。；;]", text) if ask.focus and self.scorer.has_focus(ask, cl)
                              for p in direct.people(cl)])

    def _only_planned(self, question: str, scoring: Scoring, hits: Sequence[Hit]) -> Answer:
        """The refusal of a question whether something is done when the archive only plans it: says so, then the
        newest of the likeliest sentences that speak of it (预计5月底竣工), with its report and date, cited."""
        done = scoring.ask.done
        speaking = [c for c in scoring.candidates[:readings.DONE_SENTENCES]
                    if done is not None and readings.speaks_of(c.text, done)]
        if not speaking:
            return self._not_found(question, scoring, hits)
        c = max(speaking, key=lambda c: (c.date, bool(_PLAN_SAID_RE.search(c.text)), c.prob))  # the plan itself
        h = hits[c.hit_index]
        line = f"《{h.title}》（{direct.cn_date(h.date)}）：{c.text}[{c.hit_index + 1}]"
        listed = finalize(question, line, hits, self.name, self.verifier)
        if listed.refused:
            return self._not_found(question, scoring, hits)
        return dataclasses.replace(listed, answer=f"{_ONLY_PLANNED}最近的报道：\n{listed.answer}", refused=True)

    def _not_found(self, question: str, scoring: Scoring, hits: Sequence[Hit], lead: str = _NOT_FOUND,
                   related_coverage: float = RELATED_COVERAGE) -> Answer:
        """The refusal, listing up to three related reports (cited) when the best candidates come from some (at
        least `related_coverage` of the question's words)."""
        related: list[int] = []
        for c in scoring.candidates:
            if c.prob < self.params.min_prob or len(related) >= 3:
                break
            # related: about what is asked (most of the question's words), only the asked detail missing
            if c.features["cov"] >= related_coverage and all(hits[i].article_id != c.article_id for i in related):
                related.append(c.hit_index)
        if not related:
            return refusal(question, self.name)
        lines = [f"《{hits[i].title}》（{direct.cn_date(hits[i].date)}）[{i + 1}]"
                 for i in related]
        listed = finalize(question, "\n".join(lines), hits, self.name, self.verifier)
        if listed.refused:
            return refusal(question, self.name)
        return dataclasses.replace(listed, answer=f"{lead}相关报道：\n{listed.answer}", refused=True)


def _of_series(scoring: Scoring, hits: Sequence[Hit]) -> Scoring:
    """A follow-up about a session the last turn named by its number (区委十四届五次全会…, then 那次会上还有谁讲话了) is
    answered from the reports of that session: the candidates of other reports go when some report among the hits
    names it (none naming it is the refusal's business: the noseries signal). Only for a session carried over: a
    question naming its own may be about other events too (项目谋划储备会跟二季度招商例会分别哪天开的), and filtering
    those cost more than it gained."""
    series = set(scoring.ask.series)
    if not series or (scoring.ask.is_change and len(series) < 2):
        return scoring
    naming = {h.article_id for h in hits if series & set(series_marks(h.title + "\n" + h.text))}
    kept = tuple(c for c in scoring.candidates if hits[c.hit_index].article_id in naming)
    return dataclasses.replace(scoring, candidates=kept) if kept and len(kept) < len(scoring.candidates) else scoring


def _of_last_reports(scoring: Scoring, hits: Sequence[Hit]) -> Scoring:
    """A follow-up about the event of the last turn (那次座谈还有哪些区领导参加) is answered from the reports the last
    answer quoted (their candidates it gave: Candidate.said), when those hold any other candidate; else as it was."""
    last = {hits[c.hit_index].article_id for c in scoring.candidates if c.said}
    kept = tuple(c for c in scoring.candidates if hits[c.hit_index].article_id in last)
    return dataclasses.replace(scoring, candidates=kept) if any(not c.said for c in kept) else scoring


def _says_asked(ask: Ask, sentence: str) -> bool:
    """True when the question's focus is a verb of speech (建议, 强调, 要求) and the sentence opens with a speaker
    saying that (毛卓战建议，要…)."""
    verbs = [w for f in ask.focus if f in SPEECH_VERBS for w in written_forms(f)]
    return bool(verbs) and speaker(sentence) is not None and any(v in sentence[:SPEAKER_HEAD] for v in verbs)


def _frame(sentence: str) -> str:
    """The frame of a line of a parallel set: its first clause with what it quotes left out (要以“”的站位抓落实), or
    for a demand's heading its length; "" when the clause quotes nothing (a parallel set of slogans is what a list
    question asks for) or holds fewer than PARALLEL_WORDS characters besides the quote."""
    heading = _HEADING_RE.fullmatch(sentence)
    if heading:  # a demand's heading (要锚定目标拼经济争前列。): its set is the headings of its length
        return "要" + chr(0x2460 + len(heading.group(1)))
    clause = re.split(r"[，。；]", sentence, maxsplit=1)[0]
    masked = _QUOTE_RE.sub("“”", clause)
    # a clause that is little but its quote ("“共富工坊”遍地开花") frames nothing: any quote would match it
    return masked if masked != clause and len(masked.replace("“”", "")) >= PARALLEL_WORDS else ""


def _parallel_rest(ask: Ask, chosen: Sequence[Candidate], ranked: Sequence[Candidate]) -> list[Candidate]:
    """The other lines of each parallel set a chosen line belongs to (要以“…”的站位抓落实 / 要以“…”的斗志抓落实…), in
    article order, when the question asks for a list or two chosen lines of one report are of one set already."""
    framed = [(c.article_id, _frame(c.text)) for c in chosen if _frame(c.text)]
    if ask.is_list and ask.asks_demands and chosen:
        # demands asked (提了哪几方面要求, 强调了哪几点): the headings of the best report too, when it gives its
        # demands as a set of three or more
        best = chosen[0].article_id
        headings = Counter(_frame(c.text) for c in ranked if c.article_id == best and _HEADING_RE.fullmatch(c.text))
        framed += [(best, frame) for frame, n in headings.items() if n >= 3]
    if not (ask.is_list or any(_parallel(f, g) for (a, f), (b, g) in itertools.combinations(framed, 2) if a == b)):
        return []
    return [c for c in _in_order(ranked) if c not in chosen and any(
        c.article_id == aid and _parallel(frame, _frame(c.text)) for aid, frame in set(framed))][:PARALLEL_MAX]


def _parallel(a: str, b: str) -> bool:
    """True when two frames are lines of one parallel set: both quote, and they share most of their characters in
    order, counted on the shorter (接下来全区上下要以“”的站位抓落实 and 要以“”的斗志抓落实; not 会议指出 and 会议强调)."""
    if not a or not b:
        return False
    matched = sum(block.size for block in difflib.SequenceMatcher(None, a, b).get_matching_blocks())
    return matched >= PARALLEL_SIMILAR * min(len(a), len(b))


def _names_its_event(sentence: str, title: str) -> bool:
    """True when a sentence says what its report is about: it shares a good part of the headline's words (a
    meeting's lead does; "区领导郭林将、徐彪参加。" does not)."""
    grams = char_ngrams(title)
    return bool(grams) and len(grams & char_ngrams(sentence)) / len(grams) >= NAMES_EVENT


def _clauses_with(text: str, pattern: re.Pattern | None, words: str) -> str:
    """The clauses of a text that hold a match of `pattern` and one of `words` (a regex alternation), joined."""
    return "，".join(cl for cl in re.split(r"[，,；;。]", text)
                    if pattern is not None and pattern.search(cl) and re.search(words, cl))


def _of_other_unit(ask: Ask, best: Candidate, c: Candidate, hits: Sequence[Hit]) -> bool:
    """True when `c` is in the paragraph of another unit than `best` in a report that gives each unit its
    paragraph (direct.subject_of: 后溪镇卫生院作为… after 樟潭街道社区卫生服务中心位于…) and the question names the
    best one's unit by a word the other's name lacks (樟潭), and none the other's has alone."""
    if c.hit_index != best.hit_index:
        return False
    text = hits[best.hit_index].text
    mine, theirs = direct.subject_of(text, best.text), direct.subject_of(text, c.text)
    if mine is None or theirs is None or mine == theirs:
        return False

    def named(unit: str, other: str) -> bool:
        return any(len(w) >= 2 and w in unit and w not in other for w in ask.words)
    return named(mine, theirs) and not named(theirs, mine)


def _in_order(candidates: Sequence[Candidate]) -> list[Candidate]:
    """Candidates as the reports go: by hit, then by place in it."""
    return sorted(candidates, key=lambda c: (c.hit_index, c.position))


def _fitting(ask: Ask, people: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The (post, name) pairs a who-question can be answered with: the person it asks about (周松祥是哪位副区长:
    周松祥 only), or anyone but those it names while asking someone else (除了毛卓战还有谁; 王书记…谁陪着去的:
    not a 书记 surnamed 王)."""
    if ask.asked_person:
        return [(post, name) for post, name in people if name == ask.asked_person]
    return [(post, name) for post, name in people
            if not any(name == n or (len(n) == 3 and name[0] == n[0] and post.endswith(n[1:])) for n in ask.other_than)]


def _focus_at_figure(ask: Ask, text: str) -> tuple[int, int]:
    """How many focus words, then how many topic words stand in the text's best clause that holds what is asked,
    even inside a longer word (拓宽至12米 for 宽多少; 收集问题72件 holds two for 收集了多少问题; 衢江2家卫生院获全国
    表扬 holds 卫生院, 全国, 表扬); (0, 0) without an answer pattern."""
    if ask.answer_re is None:
        return 0, 0
    return max(((sum(f in cl for f in ask.focus), sum(w in cl for w in ask.words))
                for cl in re.split(r"[，,。；;！？!?\s]", text) if ask.answer_re.search(cl)), default=(0, 0))
