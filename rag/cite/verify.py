"""Does the cited text support a sentence? Hard checks on facts, then graded overlap and similarity.

A sentence with an editor's 〔name〕 in place of a pronoun or pointer must be verbatim clause by clause once
the name is put back to the words the cited text prints (rag.cite.supplied). A sentence is supported when (1) every number, date and name it states appears in the cited text, and (2) its
support score reaches `min_score`. The score is the share of the sentence's character bigrams found in the best
matching stretch of the cited text, blended with the embedding similarity of the two when an embedder is given
(and the overlap alone does not settle it). Sentences copied from the archive score about 1.0; changed numbers
or names fail the hard checks; unrelated or invented statements score low.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from ..text import CN_DIGITS, HAN, char_ngrams, cn_to_int
from .citations import find_quote
from .supplied import MARK_RE, restore, supported

if TYPE_CHECKING:
    from llama_index.core.base.embeddings.base import BaseEmbedding

    from ..index.tokenize import Tokenizer

log = logging.getLogger(__name__)

_CN_NUM_RE = re.compile(r"[零〇一二两三四五六七八九十百千万亿]{2,}")
_NUM_RE = re.compile(r"\d+(?:\.\d+)?")
_CJK_WORD = re.compile(f"[{HAN}]+")
# The common surnames only: here a bare two- or three-character word opening with one is taken for a name, so the
# surnames that are also everyday characters (和, 时, 成, 国, 通: in the entity index's full list,
# rag.index.entities.words.SURNAMES, which applies after a post) are left out.
COMMON_SURNAMES = frozenset("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁"
                            "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵钱严覃武戴莫"
                            "孔汤祝应翁柴鲁楼舒俞詹郎童")
_ORG_SUFFIXES = set("村镇乡街区县市省局委厅院园校司厂馆站所会社队组部办")
_DATE_RE = re.compile(r"\d{4}年\d{1,2}月(?:\d{1,2}日)?|\d{1,2}月\d{1,2}日")
# (similarity of unrelated Chinese text, similarity of a faithful paraphrase) for e5-style embedders
_SIM_FLOOR, _SIM_CEIL = 0.85, 0.95
# an answer's attribution of a fact to its report (据2022年8月30日《…》报道，): checked against the issue date the
# cited article prints (刊于2022年8月30日) and its title, then the rest is checked alone (on a short sentence the
# attribution would weigh as unsupported words)
_REPORTED_RE = re.compile(r"^据(\d{4}年\d{1,2}月\d{1,2}日)(?:《([^》]+)》)?报道[，,]")
_OVERLAP_SETTLES = 0.85  # overlap this high needs no embedding call (saves latency on extractive sentences)

NameFinder = Callable[[str], Iterable[str]]


def numbers(text: str) -> set[str]:
    """Numbers stated in text, normalised to Arabic digits ("第15年", "十五个" -> {"15"}); "2.0" -> "2"."""
    compact = re.sub(r"(?<=\d)[\s,，](?=\d)", "", text)
    found = {_norm_number(n) for n in _NUM_RE.findall(compact)}
    for run in _CN_NUM_RE.findall(text):
        if not any(u in run for u in "十百千万亿") and not all(c in CN_DIGITS for c in run):
            continue
        if run in ("一一", "两两") or (len(run) == 2 and run[0] == run[1]):
            continue  # reduplication (一一对应), not a number
        value = cn_to_int(run)
        if value is not None and (any(u in run for u in "十百千万亿") or len(run) >= 3):
            found.add(str(value))
    return found


def _compact(text: str) -> str:
    """Text without whitespace (the archive's text may be broken across lines)."""
    return re.sub(r"\s+", "", text)


def _norm_number(n: str) -> str:
    if "." in n:
        n = n.rstrip("0").rstrip(".")
    return n.lstrip("0") or "0"


def join_split_names(words: Sequence[str]) -> list[str]:
    """Words with person names jieba split re-joined: a lone surname and the one- or two-character word after
    it ("朱", "建成" -> "朱建成")."""
    out, i = [], 0
    while i < len(words):
        w = words[i]
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if len(w) == 1 and w in COMMON_SURNAMES and 1 <= len(nxt) <= 2 and _CJK_WORD.fullmatch(nxt):
            out.append(w + nxt)
            i += 2
            continue
        out.append(w)
        i += 1
    return out


def novel_names(sentence: str, cited: str, words: Callable[[str], Iterable[str]]) -> list[str]:
    """Name-shaped words of the sentence that the cited text does not contain, found without a POS tagger.

    Name-shaped: two or three CJK characters beginning with a common surname (李明华), or three or more ending
    in a place/organisation suffix (新建幼儿园, 马溪村). Such a word counts as missing when it is not in the cited
    text and at most one of its characters is: an invented 李明华 where the text says 王建安 fails, while a
    paraphrase's ordinary words (目前, 进入, 高质量) are not name-shaped or share characters with the source.
    """
    chars = set(cited)
    out = []
    for w in dict.fromkeys(join_split_names(list(words(sentence)))):
        if not _CJK_WORD.fullmatch(w) or w in cited:
            continue
        shaped = (2 <= len(w) <= 3 and w[0] in COMMON_SURNAMES) or (len(w) >= 3 and w[-1] in _ORG_SUFFIXES)
        if shaped and len(chars.intersection(w)) <= 1:
            out.append(w)
    return out


def date_stated(date: str, compact: str) -> bool:
    """True when the cited text states the date: verbatim, or as its month and day (12月22日) with the year given
    elsewhere in it (a cited text carries its issue date; an event of December may be printed in January)."""
    if date in compact:
        return True
    year, sep, rest = date.partition("年")
    if not sep or not rest or rest not in compact:
        return False
    years = {int(y) for y in re.findall(r"(\d{4})年", compact)}
    return int(year) in years or int(year) + 1 in years


class Verifier:
    """Judges whether cited texts support a sentence; see the module docstring for the rules."""

    def __init__(self, *, names: NameFinder | None, words: NameFinder | None,
                 embedder: BaseEmbedding | None = None, min_score: float = 0.5) -> None:
        """names: text -> proper nouns that must occur verbatim in the cited text; words: text -> words, for the
        name-shape check (None: no such check); embedder: optional llama-index embedding model for similarity."""
        self.embedder = embedder
        self.min_score = min_score
        self.names = names
        self.words = words

    @classmethod
    def for_tokenizer(cls, tokenizer: Tokenizer, embedder: BaseEmbedding | None = None) -> Verifier:
        """The verifier the engines use: the proper nouns and words of the archive's tokenizer (its learned
        names included), and the embedder where paraphrases must be judged."""
        return cls(names=tokenizer.proper_nouns, words=tokenizer.words, embedder=embedder)

    def missing_facts(self, sentence: str, cited: str) -> list[str]:
        """Dates, numbers and names stated in the sentence that the cited text does not contain."""
        compact = re.sub(r"\s+", "", cited)
        cited_numbers = numbers(compact)
        plain = re.sub(r"\s+", "", sentence)
        missing = [d for d in dict.fromkeys(_DATE_RE.findall(plain)) if not date_stated(d, compact)]
        missing += [n for n in sorted(numbers(plain)) if n not in cited_numbers]
        if self.names is not None:
            missing += [name for name in dict.fromkeys(self.names(plain)) if name not in compact]
        if self.words is not None:
            missing += [w for w in novel_names(plain, compact, self.words) if w not in missing]
        return missing

    def overlap(self, sentence: str, quote: str) -> float:
        """Share of the sentence's character bigrams that occur in the quote (1.0 for a verbatim copy)."""
        want = char_ngrams(sentence)
        return len(want & char_ngrams(quote)) / len(want) if want else 0.0

    def similarity(self, sentence: str, quote: str) -> float | None:
        """Embedding similarity rescaled to [0, 1] (unrelated ~0, paraphrase ~1); None without an embedder."""
        if self.embedder is None:
            return None
        a = self.embedder.get_query_embedding(sentence)
        b = self.embedder.get_text_embedding(quote)
        dot = sum(x * y for x, y in zip(a, b))
        norm = math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b)) or 1.0
        return min(1.0, max(0.0, (dot / norm - _SIM_FLOOR) / (_SIM_CEIL - _SIM_FLOOR)))

    def score(self, sentence: str, cited_texts: Sequence[str]) -> float:
        """Support score in [0, 1] of the sentence against the best-matching stretch of the cited texts."""
        cited = "\n".join(cited_texts)
        quote = find_quote(sentence, cited) or cited
        overlap = self.overlap(sentence, quote)
        if overlap >= _OVERLAP_SETTLES:
            return overlap
        sim = self.similarity(sentence, quote)
        return overlap if sim is None else 0.5 * overlap + 0.5 * sim

    def check(self, sentence: str, cited_texts: Sequence[str]) -> tuple[bool, float]:
        """(supported, score in [0, 1]). Missing numbers, dates or names fail outright with a capped score."""
        cited = "\n".join(cited_texts)
        if not cited.strip() or not sentence.strip():
            return False, 0.0
        if MARK_RE.search(sentence):  # an editor's 〔name〕 in an otherwise verbatim sentence (see supplied.py)
            if not supported(sentence, cited):
                log.debug("supplied name not printed before its pointer, or words changed, in %r", sentence[:40])
                return False, 0.0
            sentence = restore(sentence, cited) or sentence
        reported = _REPORTED_RE.match(sentence)
        if reported:  # the report it names must be a cited one: its own headline and issue date
            printed = f"《{reported.group(2)}》刊于{reported.group(1)}" if reported.group(2) else f"刊于{reported.group(1)}"
            if not any(printed in text for text in cited_texts):
                return False, 0.0
            sentence = sentence[reported.end():]
        if _compact(sentence) in _compact(cited):
            return True, 1.0  # a verbatim sentence of the cited text states nothing beyond it
        score = self.score(sentence, cited_texts)
        missing = self.missing_facts(sentence, cited)
        if missing:
            log.debug("unsupported facts %s in %r", missing, sentence[:40])
            return False, min(score, 0.3)
        return score >= self.min_score, score
