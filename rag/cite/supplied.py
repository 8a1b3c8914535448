"""Words an editor supplies in a quoted sentence, marked 〔…〕 (pure).

A sentence lifted from an article may lean on the one before it ("三年前，他看好衢江的发展空间…"); a digest names
the subject instead, and marks the name as the editor's: "三年前，〔张文〕看好衢江的发展空间…". What the mark may
stand for is narrow: a personal pronoun (他, 她), or a pointer at a named thing that the name ends with (园区 or
该园区 for 衢江数字经济产业园, 中心 for 樟潭街道社区卫生服务中心, 该卫生院 for 后溪镇卫生院). `restore` gives the
sentence back as the article prints it, and `supported` asks that every clause of it is printed verbatim (a
briefing's cut drops whole clauses) and the supplied name before it: a made-up or a later name is refused, and so
is any other change to the sentence.
"""

from __future__ import annotations

import re

MARK_RE = re.compile(r"〔([^〔〕]{2,20})〕")
_BOUNDARY = "，。；：！？"
_CONTEXT = 10  # characters either side of a mark looked up with it (within its clause)


def pointer_pattern(name: str) -> str:
    """Regex of the words `name` may stand for: 他/她, or a pointer (该/这/此/本, optional) and an ending of the
    name of two to four characters (中心, 卫生院), or its last character with 区/内 (园区, 园内 for …产业园)."""
    endings = sorted({name[-k:] for k in range(2, min(4, len(name) - 1) + 1)}, key=len, reverse=True)
    nouns = "|".join([*map(re.escape, endings), re.escape(name[-1]) + "[区内]"])
    return rf"他|她|[该这此本]?(?:{nouns})"


def mark(sentence: str, start: int, end: int, name: str) -> str:
    """The sentence with sentence[start:end] (a pointer `name` may stand for) replaced by 〔name〕."""
    return f"{sentence[:start]}〔{name}〕{sentence[end:]}"


def restore(sentence: str, cited: str) -> str | None:
    """The sentence with each 〔name〕 put back to the words the cited text prints in its place: the words either
    side of the mark (within its clause) must be printed around a pointer the name may stand for, and the name
    must be printed before it. The sentence unchanged when it has no mark; None when a mark cannot be restored."""
    text = re.sub(r"\s+", "", cited)
    while (m := MARK_RE.search(sentence)) is not None:
        name = m.group(1)
        before = re.split(f"[{_BOUNDARY}]", sentence[:m.start()])[-1][-_CONTEXT:]
        after = re.split(f"[{_BOUNDARY}〔]", sentence[m.end():])[0][:_CONTEXT]
        if len(before) + len(after) < 3 or not re.fullmatch(f"[^〔〕]*", before + after):
            return None
        found = next((f for f in re.finditer(f"{re.escape(before)}({pointer_pattern(name)}){re.escape(after)}", text)
                      if name in text[:f.start(1)]), None)
        if found is None:
            return None
        sentence = sentence[:m.start()] + found.group(1) + sentence[m.end():]
    return sentence


def supported(sentence: str, cited: str) -> bool:
    """True when the sentence's marks restore (see `restore`) and each of its clauses is printed verbatim in the
    cited text."""
    restored = restore(sentence, cited)
    if restored is None:
        return False
    text = re.sub(r"\s+", "", cited)
    clauses = [c for c in re.split(f"[{_BOUNDARY}]", re.sub(r"\s+", "", restored)) if c]
    return bool(clauses) and all(c in text for c in clauses)
