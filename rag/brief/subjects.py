"""A key sentence that leans on the one before it names its subject (pure, given a POS tagger).

"三年前，他看好衢江的发展空间…" lifted out of its article leaves the reader asking who; an editor writes the name:
"三年前，〔张文〕看好衢江的发展空间…", marked as the editor's words (rag.cite.supplied, which the verifier checks).
The subject leans when it is a personal pronoun (他, 她) or a pointer at a named thing (园区, 中心, 该卫生院), at the
start of the sentence or after one short opening clause ("目前，", "在公共卫生领域，"). Its antecedent is looked
for in the nearest of the three sentences before it that names any candidate (a person for a pronoun, a named
thing the pointer fits for a pointer), else in the story's lede; the name is written only when exactly one
candidate is found there, and not again in the key sentence right after one that supplied it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..cite.supplied import MARK_RE, mark, pointer_pattern, supported
from .cuts import Tagger

_OPENING = 12  # characters of an opening clause the subject may follow
_WINDOW = 3  # sentences before a key sentence searched for its antecedent
_POINTERS = ("该", "这", "此", "本")
_PERSON = ("他", "她")
# bare nouns a report uses for the place or body it has named (园区 for 衢江数字经济产业园); other nouns (会议, 项目)
# start sentences of their own
_BARE = ("园区", "园内", "中心", "卫生院", "医院", "学校", "基地", "公司", "合作社", "景区")
_NOMINAL = ("n", "nr", "ns", "nt", "nz", "j", "b", "vn")  # POS flags a name of a thing is built from
_PROPER = ("nr", "ns", "nt", "nz", "j")
_WORD_RE = re.compile(r"[\u4e00-\u9fff]+")


def _slots(sentence: str) -> list[int]:
    """Where the sentence's subject may begin: at its start, or after a short opening clause."""
    opening = sentence.find("，")
    return [0] + ([opening + 1] if 0 < opening <= _OPENING else [])


def _subject(sentence: str, at: int, tagger: Tagger) -> tuple[str, str] | None:
    """(kind, words) of a leaning subject at `at`: ("person", "他") or ("thing", "园区" / "该卫生院"); None."""
    tokens = [w for w, _ in tagger(sentence[at:at + 12])]
    if not tokens:
        return None
    first = tokens[0]
    if first in _PERSON and sentence[at + 1:at + 2] not in ("们", "人"):
        return "person", first
    if first in _POINTERS and len(tokens) > 1:
        return "thing", first + tokens[1]
    return ("thing", first) if first in _BARE else None


def _people(sentence: str, tagger: Tagger) -> list[str]:
    return [w for w, f in tagger(sentence) if f == "nr" and 2 <= len(w) <= 4]


def _things(sentence: str, pointer: str, tagger: Tagger) -> list[str]:
    """Names of things in the sentence the pointer fits: runs of nominal words, two or more with a proper one
    among them, ending in what the pointer names (…产业园 for 园区, …服务中心 for 中心)."""
    out, run = [], []
    for word, flag in [*tagger(sentence), ("。", "x")]:
        cjk = flag == "x" and _WORD_RE.fullmatch(word)  # an unknown word (衢江, 樟潭街道) is a name's part
        if flag in _NOMINAL or cjk:
            run.append((word, "nz" if cjk else flag))
            continue
        for k in range(len(run) - 1):  # the longest name of the run that the pointer fits
            words = run[k:]
            name = "".join(w for w, _ in words).removesuffix("内")  # 创业园内: in the park, named 创业园
            if any(f in _PROPER for _, f in words) and re.fullmatch(pointer_pattern(name), pointer):
                out.append(name)
                break
        run = []
    return out


def name_subject(text: str, index: int, sentences: Sequence[str], lede: int | None, tagger: Tagger) -> str:
    """The key sentence `text` (sentences[index], perhaps cut) with a leaning subject replaced by 〔name〕 when
    the antecedent names exactly one candidate; else unchanged."""
    found = next(((at, *f) for at in _slots(text) if (f := _subject(text, at, tagger)) and text.startswith(f[1], at)),
                 None)
    if found is None:
        return text
    at, kind, pointer = found

    def candidates(sentence: str) -> list[str]:
        names = _people(sentence, tagger) if kind == "person" else _things(sentence, pointer, tagger)
        return list(dict.fromkeys(names))

    before = [sentences[i] for i in range(index - 1, max(-1, index - 1 - _WINDOW), -1)]
    if lede is not None and lede < index and sentences[lede] not in before:
        before.append(sentences[lede])
    names = next((c for c in map(candidates, before) if c), [])
    if len(names) != 1:
        return text
    named = mark(text, at, at + len(pointer), names[0])
    return named if supported(named, "".join(sentences[:index + 1])) else text  # as the verifier will check it


def name_subjects(keys: dict[int, str], sentences: Sequence[str], lede: int | None, tagger: Tagger) -> dict[int, str]:
    """`name_subject` for an item's key sentences ({index: text}, in article order); a name supplied for one
    sentence is not supplied again for the next ("〔…中心〕已建立…。中心配备…" reads plainly)."""
    out, previous = {}, ""
    for i in sorted(keys):
        named = name_subject(keys[i], i, sentences, lede, tagger)
        marks = MARK_RE.findall(named)
        out[i] = keys[i] if marks and f"〔{marks[0]}〕" in previous else named
        previous = out[i]
    return out
