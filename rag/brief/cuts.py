"""Shortening a sentence without changing what it says (pure; the caller passes a POS tagger).

A briefing line must be short, but a cut must keep the sentence's subject and its verb: "区委常委会主持会议。" as
the whole story of a plenary is a fragment that misleads. `shorten` builds a cut only from verbatim pieces of the
sentence (its clauses, in order), and keeps it only when `sound_cut` accepts it; otherwise the sentence stays
whole. What a cut may drop:
- a leading purpose or topic clause (为…，/随着…，/据了解，/作为…，) and the verb-first clauses that continue it,
  as long as a clause with its own subject follows;
- an aside in brackets that only names something (（简称“浙大二院”）);
- trailing clauses, unless what is dropped begins with a negation or a contrast (但…/不…/未…), which would turn
  the meaning round;
- for `focus_cut`: the predicates between a sentence's subject and the one asked for, when each continues that
  subject ("会议传达学习A，研究B等事项。" -> "会议研究B等事项。"): a meeting's decision without its boilerplate.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

Tagger = Callable[[str], Sequence[tuple[str, str]]]  # text -> (word, POS flag) in jieba's tag set

_ASIDE_RE = re.compile(r"[（(](?:简称|以下简称|下称)[^（）()]{1,20}[）)]")
_OPEN, _CLOSE = "“‘「『（(《", "”’」』）)》"
_BOUNDARY = "，；"
_LEADING_RE = re.compile(r"^(为了?|随着|据了解|据悉|据介绍|作为|围绕|按照|根据|对于)")
_ADVERBIAL_RE = re.compile(r"^(在|当|自|从|经过|截至|面对)|(之际|期间|之时|时|以来|之后|之前|之中|上午|下午|晚上|当天)$")
_DATE_RE = re.compile(r"^(\d{4}年(\d{1,2}月(\d{1,2}日)?)?|\d{1,2}月\d{1,2}日|\d{1,2}月|今年以来|近日|日前|近年来|目前"
                      r"|连日来|今年)[上下午晚]*$")
_TURN_RE = re.compile(r"^(但|但是|却|而|不|未|没有|并非|然而|只是|仅|除)")
_NOMINAL = ("n", "r", "j", "t", "nr", "ns", "nt", "nz", "m")  # POS prefixes a subject can start with
_VERBAL = ("v",)


def clauses(sentence: str) -> list[str]:
    """The clauses of a sentence, each with the boundary (，；) that ends it; never split inside quotes or
    brackets. ''.join(clauses(s)) == s."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(sentence):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch in _BOUNDARY and depth == 0:
            out.append(sentence[start:i + 1])
            start = i + 1
    if start < len(sentence):
        out.append(sentence[start:])
    return out


def _bare(clause: str) -> str:
    return clause.rstrip("，；。！？”’」』）) ").lstrip("“‘「『")


def _is_setting(clause: str) -> bool:
    """A clause that only says when or where ("8月18日", "在…之际"): part of a sentence, never its subject."""
    text = _bare(clause)
    return bool(_DATE_RE.match(text) or _ADVERBIAL_RE.search(text))


def _has_subject_and_verb(clause: str, tagger: Tagger) -> bool:
    """A nominal word comes before a verb in the clause (jieba tags; "主持会议" read as a noun fails safe)."""
    seen_nominal = False
    for word, flag in tagger(_bare(clause)):
        if not word.strip() or flag == "x":
            continue
        if flag.startswith(_VERBAL) and flag != "vn":
            return seen_nominal
        if flag.startswith(_NOMINAL) or flag == "vn":
            seen_nominal = True
    return False


def _opens_main(clause: str, tagger: Tagger) -> bool:
    """A clause that can begin the main part of a sentence: a date, or a nominal subject and then a verb."""
    if _is_setting(clause):
        return True
    words = [f for w, f in tagger(_bare(clause)) if w.strip() and f != "x"]
    return bool(words) and words[0].startswith(_NOMINAL) and _has_subject_and_verb(clause, tagger)


def main_clause(kept: Sequence[str]) -> int | None:
    """Index of the first clause that is neither a date/place setting nor a leading purpose clause."""
    for i, clause in enumerate(kept):
        if not _is_setting(clause) and not _LEADING_RE.match(_bare(clause)):
            return i
    return None


def sound_cut(original: str, cut: str, tagger: Tagger) -> bool:
    """True when `cut` is a faithful shortening of `original`: its clauses are clauses of the original (brackets
    that only name something may go), in order, the first of the original's kept pieces up to its main clause
    has a subject and a verb, and the clauses dropped after it do not start with a negation or contrast."""
    if cut == original:
        return True
    return any(_cut_of(source, cut, tagger) or _predicate_cut(source, cut, tagger)
               for source in dict.fromkeys((original, _ASIDE_RE.sub("", original))))


def subject_of(clause: str, tagger: Tagger) -> str:
    """The nominal words a clause opens with before its first verb ("会议传达学习…" -> "会议"); "" when it does not
    open with a subject (a date, a verb, a preposition)."""
    subject = ""
    for word, flag in tagger(clause):
        if (flag.startswith(_VERBAL) and flag != "vn") or (flag == "d" and subject):  # "会议一致同意…"
            return subject if subject and not _is_setting(subject) else ""
        if not (flag.startswith(("n", "r", "j", "nr", "ns", "nt", "nz")) or flag == "vn") or not word.strip():
            return ""
        subject += word
    return ""


def _continues_subject(clause: str, tagger: Tagger, kept: bool = True) -> bool:
    """A clause that goes on with the sentence's subject: it opens with a verb (jieba reads 研究 and 部署 as verbal
    nouns, "vn"), not a negation or contrast. A clause that is dropped (`kept` False) may also be an adverbial
    of the next one ("按照…要求，")."""
    words = [(w, f) for w, f in tagger(_bare(clause)) if w.strip() and f != "x"]
    if not kept and _LEADING_RE.match(_bare(clause)):
        return True
    return bool(words) and words[0][1].startswith(_VERBAL) and not _TURN_RE.match(_bare(clause))


def _opening(parts: Sequence[str], tagger: Tagger) -> tuple[str, int]:
    """The sentence's opening up to its subject (its date/place settings and the subject, "8月26日，会议") and the
    index of the clause that holds the subject; ("", 0) when no clause after the settings opens with a subject."""
    i = 0
    while i < len(parts) - 1 and _is_setting(parts[i]):
        i += 1
    subject = subject_of(parts[i], tagger) if parts else ""
    return ("".join(parts[:i]) + subject if subject else ""), i


def _predicate_cut(original: str, cut: str, tagger: Tagger) -> bool:
    """True for "subject + a later predicate and what follows it", the predicates in between each continuing the
    subject (see `focus_cut`)."""
    source = clauses(original.rstrip("。！？"))
    head, first = _opening(source, tagger)
    if not head or not cut.startswith(head):
        return False
    for k in range(first + 1, len(source)):
        if not _continues_subject(source[k], tagger, kept=False):
            return False
        if not _continues_subject(source[k], tagger):
            continue
        shorter = head + "".join(source[k:])
        if shorter.rstrip("。！？，；") == cut.rstrip("。！？，；") or _cut_of(shorter, cut, tagger):
            return True
        listed = cut.rstrip("。！？")
        if listed.endswith("等") and shorter.startswith(listed[:-1] + "、"):  # a list cut to its first item
            return True
    return False


def _first_of_list(text: str, room: int = 0) -> str | None:
    """A predicate listing three things or more cut to its first ("研究A、B、C工作。" -> "研究A等。"), or to as
    many of its first items as fit in `room` characters ("研究A、B等。"): None when it lists fewer or the first
    item is a word or two."""
    body, depth, items, start = text.rstrip("。！？"), 0, [], 0
    for i, ch in enumerate(body):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch == "、" and depth == 0:
            items.append(body[start:i])
            start = i + 1
    items.append(body[start:])
    if len(items) < 3 or len(items[0]) < 8 or re.search("[，；]", items[0]):
        return None
    n = 1
    while n < len(items) - 1 and len("、".join(items[:n + 1])) + 2 <= room:
        n += 1
    return "、".join(items[:n]) + "等。"


def focus_cut(sentence: str, focus: re.Pattern[str], max_chars: int, tagger: Tagger) -> str | None:
    """The sentence's subject with its first later predicate that `focus` finds and what follows it, shortened to
    about max_chars ("会议传达学习A，研究B、C等事项。" -> "会议研究B、C等事项。"); None when the sentence has no
    subject, the focus is in the subject's clause, or a predicate in between does not continue the subject."""
    parts = clauses(sentence.rstrip("。！？"))
    head, first = _opening(parts, tagger)
    if not head or focus.search(parts[first]):
        return None
    end = sentence[-1] if sentence[-1] in "。！？" else "。"
    cuts = []
    for k in range(first + 1, len(parts)):
        if not _continues_subject(parts[k], tagger, kept=False):
            break
        if focus.search(parts[k]) and _continues_subject(parts[k], tagger):
            cut = shorten(head + "".join(parts[k:]).rstrip(_BOUNDARY) + end, max_chars, tagger)
            if len(cut) > max_chars * 1.25 and _first_of_list(parts[k]):
                cut = head + _first_of_list(parts[k], max_chars - len(head))
            if _predicate_cut(sentence, cut, tagger):
                lost = sum(1 for c in parts[k:] if focus.search(c) and _bare(c) not in cut)
                cuts.append((lost > 0, len(cut) > max_chars * 1.25, k, cut))
    # the first decision that keeps the later ones and fits ("听取A，审议通过B" -> "审议通过B", not "听取A")
    return min(cuts)[-1] if cuts else None


def _cut_of(original: str, cut: str, tagger: Tagger) -> bool:
    source = clauses(original.rstrip("。！？"))
    pieces = clauses(cut.rstrip("。！？"))
    if not pieces:
        return False
    # the cut's clauses must be a run of the source's clauses, the last one possibly without its boundary
    want = [p.rstrip(_BOUNDARY) for p in pieces]
    have = [c.rstrip(_BOUNDARY) for c in source]
    for start in range(len(have) - len(want) + 1):
        if have[start:start + len(want)] == want:
            break
    else:
        return False
    dropped_head, tail = have[:start], have[start + len(want):]
    if tail and _TURN_RE.match(tail[0]):
        return False
    if dropped_head and not (_LEADING_RE.match(_bare(dropped_head[0])) and _opens_main(pieces[0], tagger)):
        return False  # only a purpose/topic clause (and what continues it) may go in front
    main = main_clause(pieces)
    if main is None:
        return False
    if _is_setting(pieces[-1]) or _LEADING_RE.match(_bare(pieces[-1])):
        return False  # "…来临之际。" as the end
    return _has_subject_and_verb(pieces[main], tagger)


def _drop_leading(sentence: str, tagger: Tagger) -> str:
    """Drop a leading purpose/topic clause and the clauses that continue it ("为A，B，5月14日，X做了Y" ->
    "5月14日，X做了Y"); unchanged when no clause that opens the main part follows."""
    parts = clauses(sentence)
    if not parts or not _LEADING_RE.match(_bare(parts[0])):
        return sentence
    for i in range(1, len(parts)):
        if _opens_main(parts[i], tagger):
            rest = "".join(parts[i:])
            return rest if sound_cut(sentence, rest, tagger) else sentence
    return sentence


def shorten(sentence: str, max_chars: int, tagger: Tagger) -> str:
    """A sentence of at most about max_chars: asides and leading purpose clauses dropped, then trailing clauses,
    each step kept only when `sound_cut` accepts it. A sentence that no sound cut can shorten stays whole."""
    if len(sentence) <= max_chars:
        return sentence
    end = sentence[-1] if sentence[-1] in "。！？" else "。"
    candidates = [_ASIDE_RE.sub("", sentence)]
    candidates.append(_drop_leading(candidates[0], tagger))
    for text in candidates[::-1]:
        if len(text) <= max_chars and sound_cut(sentence, text, tagger):
            return text
    base = candidates[-1] if sound_cut(sentence, candidates[-1], tagger) else sentence
    parts = clauses(base.rstrip("。！？"))
    sound = []
    for n in range(len(parts) - 1, 0, -1):
        cut = "".join(parts[:n]).rstrip(_BOUNDARY) + end
        if len(cut) < max_chars // 3:
            break
        if sound_cut(sentence, cut, tagger):
            if len(cut) <= max_chars * 1.25:
                return cut
            sound.append(cut)
    return sound[-1] if sound else base


def pointer(sentence: str, max_chars: int, tagger: Tagger) -> str:
    """An overview's pointer to an item made from a sentence (when its report has no printed headline): the
    sentence shortened (see `shorten`), without the clauses that only say when or where it opens with and
    without its stop, as a headline reads ("5月16日，全区二季度招商引资工作例会…召开。" -> "全区二季度招商引资工作例会…
    召开")."""
    parts = clauses(shorten(sentence, max_chars, tagger))
    while len(parts) > 1 and _is_setting(parts[0]):
        parts = parts[1:]
    return "".join(parts).rstrip("。！？；，")
