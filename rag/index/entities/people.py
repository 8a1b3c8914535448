"""People in a text (pure): names after the posts printed before them, after 区领导, in 、-lists with them,
before a title printed after them (习近平总书记) or a verb of speech (朱建成介绍), names the lexicon knows; and the
people of bylines, photo credits and signatures (role reporter or author), whom the rest of the text never
mistakes for the people reported on."""

from __future__ import annotations

import re

from ...ingest.bylines import is_caption, split_byline, split_caption
from ...ingest.bylines import names as byline_names
from .spans import (
    FOLLOW_SET,
    POST_HEAD_SET,
    Found,
    Lexicon,
    at_boundary,
    covered,
    han,
    word_ends_at,
    word_starts_at,
)
from .words import (
    COMPOUND_SURNAMES,
    HONORIFICS,
    NOT_NAMES,
    ORG_SUFFIXES,
    POST_HEADS,
    SURNAMES,
    TITLES_AFTER,
)


def _name_at(text: str, i: int, known: frozenset[str]) -> int | None:
    """End of a person's name starting at i, or None: a known name (longest), else a surname and one or two Han
    characters followed by punctuation or a word printed after names (贵青主持 -> 2, 贵丽青主持 -> 3)."""
    for n in (4, 3, 2):
        if text[i:i + n] in known and _name_closes(text, i + n, n):
            return i + n
    compound = text[i:i + 2] in COMPOUND_SURNAMES
    if not compound and text[i:i + 1] not in SURNAMES:
        return None
    lengths = (3, 4) if compound else (2, 3)
    if not _name_like(text[i:i + lengths[0]]):
        return None  # 朱某, 邵先生: not 朱某说 either
    ends = [i + n for n in lengths if i + n <= len(text) and all(han(c) for c in text[i:i + n])
            and _name_like(text[i:i + n])]
    if not ends:
        return None
    two = ends[0]
    if two == len(text) or not han(text[two]) or text[two] == "等" or (
            text[two] in "说讲称道问答笑" and (two + 1 == len(text) or not han(text[two + 1]))):
        return two  # 何丽等参加, 徐芳说。
    word = word_starts_at(text, two, FOLLOW_SET)
    if word is not None and len(word) > 1:
        return two  # 赵琳率领, 刘俊参加
    if len(ends) > 1 and (ends[1] == len(text) or not han(text[ends[1]]) or word_starts_at(text, ends[1], FOLLOW_SET)):
        return ends[1]
    return two if word is not None else None


def _name_like(name: str) -> bool:
    """Not a common word, an anonymised name (朱某) or a surname with an honorific (邵先生)."""
    return name not in NOT_NAMES and name[:2] not in NOT_NAMES and not name.endswith(HONORIFICS)


def _name_closes(text: str, e: int, n: int) -> bool:
    """A known name of n characters really ends at e: a two-character name must not run on into a Han word."""
    if n > 2 or e == len(text) or not han(text[e]):
        return True
    return word_starts_at(text, e, FOLLOW_SET) is not None


# where a post printed before a name begins: after these words (据全旺镇…党支部书记余国华)
_POST_STOP_WORDS = frozenset("据 由 在 对 向 为 经 把 被 让 给 是 了 的 将 于 请 随 陪 等 邀请 陪同 会见 看望 慰问 听取 "
                             "带领 率领 来自 作为 担任 包括 其中 以及 还有 先后 分别 一行 同时 并 也 还 和".split())


def _post_before(text: str, head_start: int, head_end: int, stops: set[int]) -> str:
    """The post printed before a name whose last word (the head) is text[head_start:head_end]: the head, the org
    or place words before it, and the posts joined to it by 、 (区委副书记、区长). A parenthesised aside inside is
    kept (（简称“浙大二院”））."""
    p = head_start
    depth = 0
    while p > 0:
        c = text[p - 1]
        if c == "）":
            depth += 1
        elif c == "（":
            if depth == 0:
                break
            depth -= 1
        elif depth == 0:
            if c == "、":
                # another post joined by 、: it must itself end in a post head
                if word_ends_at(text, p - 1, POST_HEAD_SET, 5) is None:
                    break
            elif not han(c):
                break
            elif (p - 1) in stops or p in stops:
                break
            else:
                word = word_ends_at(text, p, _POST_STOP_WORDS)
                if word is not None:
                    break
        p -= 1
        if head_end - p > 60:
            break
    return text[p:head_end].lstrip("、")


_POST_HEAD = re.compile("|".join(POST_HEADS))  # longest first: 副书记 before 书记
_SPEECH = re.compile(r"介绍|表示|透露|坦言|告诉记者|一行|笑着说")


def anchored(text: str, lex: Lexicon, taken: list[Found]) -> list[Found]:
    """People anchored by a post, 区领导/X领导, a title after the name or a verb of speech; then the 、-lists that
    hold one of them. ``taken``: the credits, which no one else may overlap."""
    known = lex.persons
    blocked = covered(taken)
    found: list[Found] = []

    def add(start: int, end: int, post: str | None, how: str) -> None:
        if _free(found, blocked, start, end):
            found.append(Found(text[start:end], "person", start, end, post, "subject", how))

    def before(start: int, lengths: tuple[int, ...], first_ok) -> int | None:
        """Start of a name of one of ``lengths`` ending at ``start``."""
        for n in lengths:
            s = start - n
            if s >= 0 and text[s] in SURNAMES and all(han(c) for c in text[s:start]) and first_ok(s) and \
                    _name_like(text[s:start]):
                return s
        return None

    for m in _POST_HEAD.finditer(text):
        end = _name_at(text, m.end(), known)
        if end is not None:
            add(m.end(), end, _post_before(text, m.start(), m.end(), blocked), "post")
    for m in re.finditer(r"领导", text):
        end = _name_at(text, m.end(), known)
        if end is not None:
            add(m.end(), end, None, "leader")
    for title in TITLES_AFTER:
        for m in re.finditer(re.escape(title), text):
            s = before(m.start(), (3, 2) if title == "总书记" else (3,), lambda s: at_boundary(text, s, set()))
            if s is not None:
                add(s, m.start(), None, "title")
    for m in _SPEECH.finditer(text):
        s = before(m.start(), (3, 2), lambda s: s == 0 or not han(text[s - 1]) or text[s - 1] == "据")
        if s is not None:
            add(s, m.start(), None, "speech")
    lists(text, known, found, blocked)
    return found


def lists(text: str, known: frozenset[str], found: list[Found], blocked: set[int]) -> None:
    """Names in a 、-list with a found person share that person's post (副主任严士平、余水林、李秋)."""
    changed = True
    while changed:
        changed = False
        for f in list(found):
            # rightwards: "、" name
            if f.end < len(text) and text[f.end] == "、":
                end = _name_at(text, f.end + 1, known)
                if end is not None and _free(found, blocked, f.end + 1, end):
                    found.append(Found(text[f.end + 1:end], "person", f.end + 1, end, f.post, "subject", "list"))
                    changed = True
            # leftwards: name "、"
            if f.start > 0 and text[f.start - 1] == "、":
                for n in (3, 2):
                    s = f.start - 1 - n
                    if s >= 0 and _name_at(text, s, known) == f.start - 1 and \
                            (s == 0 or not han(text[s - 1]) or at_boundary(text, s, set())) and \
                            _free(found, blocked, s, f.start - 1):
                        found.append(Found(text[s:f.start - 1], "person", s, f.start - 1, None, "subject", "list"))
                        changed = True
                        break


def _free(found: list[Found], blocked: set[int], start: int, end: int) -> bool:
    """No found person and no blocked position overlaps [start, end)."""
    return not any(i in blocked for i in range(start, end)) and not any(
        f.start < end and start < f.end for f in found)


def known(text: str, known: frozenset[str], taken: list[Found]) -> list[Found]:
    """Names the lexicon knows, wherever they stand (not inside another entity)."""
    if not known:
        return []
    blocked = covered(taken)
    out: list[Found] = []
    i = 0
    while i < len(text):
        hit = None
        for n in (4, 3, 2):
            if text[i:i + n] in known and _name_closes(text, i + n, n) and \
                    not any(j in blocked for j in range(i, i + n)):
                hit = n
                break
        if hit:
            out.append(Found(text[i:i + hit], "person", i, i + hit, None, "subject", "known"))
            i += hit
        else:
            i += 1
    return out


# --- bylines, credits, signatures -----------------------------------------------------------------------------

_BYLINE = re.compile(r"本报讯\s*[（(][^）)]{1,80}[）)]")
_CREDIT = re.compile(r"(?:(?<=^)|(?<=[\s（(，。]))(?:本报)?(?:记者|通讯员)\s*((?:[\u4e00-\u9fff]{2,3}\s*){1,4})(?:报道|摄|采写)")
_SENTENCE_END = r"(?:(?<=[。！？])|(?<=[。！？]”))"
_SIGNATURE = re.compile(_SENTENCE_END + r"\s*([\u4e00-\u9fff]{2,3})\s*$")
_SIGNED_OFFICE = re.compile(_SENTENCE_END + r"\s*([\u4e00-\u9fff、（）]{2,40})\s+([\u4e00-\u9fff]{2,3})\s*$")
_SIGNED_OFFICE_JOINED = re.compile(_SENTENCE_END + r"\s*([\u4e00-\u9fff、（）]{2,40}(?:" + "|".join(POST_HEADS)
                                   + r"))([\u4e00-\u9fff]{2,3})\s*$")
_POST_END = re.compile("(" + "|".join(POST_HEADS) + ")$")
_ORG_END = re.compile("(" + "|".join(sorted(ORG_SUFFIXES, key=len, reverse=True)) + ")$")


def _locate(text: str, name: str, start: int, end: int) -> tuple[int, int] | None:
    """Span of ``name`` inside text[start:end], allowing whitespace between its characters (徐俊 杰)."""
    m = re.compile(r"\s*".join(map(re.escape, name))).search(text, start, end)
    return (m.start(), m.end()) if m else None


def credit_kind(name: str) -> str:
    """A byline or credit name is a person, or the organisation that contributed (通讯员 区卫生健康局)."""
    return "org" if len(name) > 3 and _ORG_END.search(name) else "person"


def credits(text: str) -> list[Found]:
    """Reporters of bylines and photo credits, the author of a signature: role reporter / author."""
    out: list[Found] = []

    def add(names: list[str], start: int, end: int, role: str, how: str, post: str | None = None) -> None:
        pos = start
        for name in names:
            span = _locate(text, name, pos, end)
            if span is None:
                continue
            person = credit_kind(name) == "person"
            out.append(Found(name, "person" if person else "org", span[0], span[1], post if person else None,
                             role if person else None, how))
            pos = span[1]

    for m in _BYLINE.finditer(text):
        b = split_byline(m.group(0))
        add([*b.reporters, *b.correspondents], m.start(), m.end(), "reporter", "byline")
    for m in _CREDIT.finditer(text):
        add(byline_names(m.group(1)), m.start(1), m.end(1), "reporter", "credit")
    for start, line in _lines(text):
        if is_caption(line):
            cap = split_caption(line)
            add(list(cap.photographers), start + len(cap.text), start + len(line), "reporter", "credit")
    # a signature follows the last sentence: look only there (the patterns are slow over a whole body)
    tail = text.rstrip()
    cut = max(tail.rfind(c, 0, len(tail) - 1) for c in "。！？")
    tail = tail if cut < 0 else " " * max(0, cut - 1) + tail[max(0, cut - 1):]
    m = _SIGNED_OFFICE.search(tail) or _SIGNED_OFFICE_JOINED.search(tail)
    if m and _POST_END.search(m.group(1)):
        add([m.group(2)], m.start(2), m.end(2), "author", "signature", post=m.group(1).strip())
    elif (m := _SIGNATURE.search(tail)) and m.group(1)[0] != "等":
        add([m.group(1)], m.start(1), m.end(1), "author", "signature")
    return out


def _lines(text: str) -> list[tuple[int, str]]:
    """(offset, line) of each line of ``text``."""
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out
