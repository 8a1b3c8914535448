"""Pure helpers for the people of an article: bylines, pen-name signatures and photo credits.

- `split_byline("本报讯（记者 刘威 李钱乾 通讯员 汤雨琦）8月18日…")` -> Byline(reporters, correspondents, rest)
- `split_signature("…必是满城新景。 余慧仙")` -> ("…必是满城新景。", "余慧仙")
- `split_credit("…融合示范 衢江区交投集团")` -> ("…融合示范", "衢江区交投集团")
- `signature_line("区委常委、廿里镇党委书记 毛晓荣")` -> "毛晓荣"
- `split_caption("项目建设 稳步推进 连日来，…施工。 邵秀清 徐凌峰 / 摄")` -> Caption(heading, text, photographers)
- `strip_byline("本报讯（记者 刘威）8月18日…")` -> "8月18日…" (a briefing's lead)

Every stage's byline and credit patterns live here: the parser's, text repair's (a byline starts a paragraph and
keeps the spaces between its names), a briefing's (credits stripped from a lead) and an answer's (a byline in front
of a chunk's first sentence).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import CJK, HAN

REPORTER_LABELS = ("本报记者", "见习记者", "特约记者", "记者")
CORRESPONDENT_LABELS = ("特约通讯员", "本报通讯员", "通讯员", "实习生")
_LABEL = re.compile("|".join(REPORTER_LABELS + CORRESPONDENT_LABELS))
_BYLINE = re.compile(r"^\s*本报讯\s*[（(]([^）)]*)[）)]\s*")
_BYLINE_NO_PAREN = re.compile(r"^\s*本报讯\s*")
ORG_SUFFIX = r"(?:局|集团|中心|公司|委员会|办公室|协会|管委会)"  # a contributing organisation's name ends so
# text repair: a line that starts a byline begins a new paragraph; the names in its parentheses keep their spaces,
# and while the parentheses are open, the names go on in the next line
BYLINE_START = re.compile(r"^\s*本报(讯|记者|通讯员)")
BYLINE_NAMES = r"本报讯\s*（[^）]*）"
OPEN_BYLINE = re.compile(r"本报讯\s*[（(]([^）)]*)$")
# briefings: 本报讯（记者 刘威 通讯员 张三）, 本报讯 (记者 X), 记者 X 报道, (记者 X) at the start of a body;
# "记者刘威" / "记者 邹洁 邵秀清" inside a sentence; a credit line ("记者李四报道")
LEAD_CREDITS = (
    re.compile(r"^\s*(本报讯|衢江新闻网讯|新华社[^\s（(]{0,6}电)\s*[（(][^）)]{0,60}[）)]\s*"),
    re.compile(r"^\s*(本报讯|衢江新闻网讯)\s*"),
    re.compile(r"^\s*[（(]\s*(记者|通讯员|本报记者)[^）)]{0,60}[）)]\s*"),
    re.compile(rf"^\s*(本报)?记者\s*[{HAN}·]{{2,4}}(\s+[{HAN}·]{{2,4}}){{0,3}}\s*(报道|摄)\s*"),
)
CREDIT_IN_TEXT = re.compile(rf"[（(]?\s*(本报)?(记者|通讯员)\s*([{HAN}]{{2,3}}\s*){{1,4}}[）)]")
CREDIT = re.compile(rf"(记者|通讯员)\s*[{HAN}]{{2,3}}(\s+[{HAN}]{{2,3}})*\s*(报道|摄|采写|整理|文)")
# answers: a byline in front of a chunk's first sentence
SENTENCE_BYLINE = re.compile(r"^(本报讯)?\s*[（(](记者|通讯员|见习记者)[^）)]{0,40}[）)]\s*")
_OFFICE = re.compile(r"(书记|主任|局长|镇长|乡长|区长|县长|部长|主席|委员|常委|社长|校长|院长|经理|站长|所长|代表)$")


@dataclass(frozen=True)
class Byline:
    reporters: tuple[str, ...]
    correspondents: tuple[str, ...]
    rest: str  # the paragraph without the byline prefix


@dataclass(frozen=True)
class Caption:
    heading: str | None  # "项目建设 稳步推进" when the caption opens with a short headline
    text: str  # caption text without the credit
    photographers: tuple[str, ...]


def is_byline(paragraph: str) -> bool:
    """True for a paragraph opening with 本报讯."""
    return bool(_BYLINE_NO_PAREN.match(paragraph))


def names(text: str) -> list[str]:
    """Person names separated by spaces, 、 or commas; a one-character piece is the tail of the name before it
    (a name broken by the layout: "徐俊 杰" -> 徐俊杰)."""
    out: list[str] = []
    for piece in re.split(r"[\s、，,；;]+", text.strip()):
        piece = piece.strip("：:")
        if not piece:
            continue
        if len(piece) == 1 and out:
            out[-1] += piece
        else:
            out.append(piece)
    return out


def split_byline(paragraph: str) -> Byline:
    """Reporters (记者…) and correspondents (通讯员, 实习生) of a 本报讯（…） byline, and the text after it. Names
    without a label count as reporters. A paragraph without a byline gives empty names and itself as rest."""
    m = _BYLINE.match(paragraph)
    if not m:
        m2 = _BYLINE_NO_PAREN.match(paragraph)
        return Byline((), (), paragraph[m2.end():] if m2 else paragraph)
    reporters: list[str] = []
    correspondents: list[str] = []
    inside = m.group(1)
    parts = _LABEL.split(inside)
    labels = _LABEL.findall(inside)
    reporters.extend(names(parts[0]))  # unlabelled names before any label
    for label, part in zip(labels, parts[1:]):
        (correspondents if label in CORRESPONDENT_LABELS else reporters).extend(names(part))
    return Byline(tuple(dict.fromkeys(reporters)), tuple(dict.fromkeys(correspondents)), paragraph[m.end():])


def split_signature(paragraph: str) -> tuple[str, str | None]:
    """A paragraph ending in a pen-name signature after a space ("…新景。 余慧仙") -> (text, name)."""
    m = re.search(rf"([。！？”])\s+([{CJK}]{{2,4}})$", paragraph)
    if not m:
        return paragraph, None
    return paragraph[:m.start(1) + 1], m.group(2)


def split_credit(paragraph: str) -> tuple[str, str | None]:
    """A paragraph ending in the contributing organisation after a space ("…示范 衢江区交投集团") ->
    (text, organisation). repair() keeps that space so the credit is not glued onto the last word."""
    m = re.search(rf"\s+([{CJK}]{{2,12}}{ORG_SUFFIX})$", paragraph)
    if not m:
        return paragraph, None
    return paragraph[:m.start()], m.group(1)


def signature_line(paragraph: str) -> str | None:
    """A line that only signs the piece above it: a bare 2-3 character name ("柏雷"), or an office and a name
    ("区委常委、廿里镇党委书记 毛晓荣"). Returns the name or None."""
    s = paragraph.strip()
    if re.fullmatch(rf"[{CJK}]{{2,3}}", s):
        return s
    m = re.fullmatch(rf"([{CJK}、]{{2,30}})\s+([{CJK}]{{2,3}})", s)
    if m and _OFFICE.search(m.group(1)):
        return m.group(2)
    return None


def signed_office(paragraph: str) -> str | None:
    """The office and name of a signature line that prints one ("区委常委、廿里镇党委书记毛晓荣", space dropped):
    who is speaking is part of the piece, so it stays in its text; None for a bare name or another line."""
    m = re.fullmatch(rf"([{CJK}、]{{2,30}})\s+([{CJK}]{{2,3}})", paragraph.strip())
    return f"{m.group(1)}{m.group(2)}" if m and _OFFICE.search(m.group(1)) else None


def is_caption(paragraph: str) -> bool:
    """True for a photo caption ending in a credit "… 张三 李四 / 摄" (or "张三 摄")."""
    return bool(re.search(rf"(^|[\s。！？”])[{CJK}]{{2,4}}(\s+[{CJK}]{{2,4}})*\s*/?\s*摄$", paragraph.strip()))


def split_caption(paragraph: str) -> Caption:
    """Split a photo caption into its short heading (words before the first sentence, space-separated), its
    text and the photographers of the credit."""
    s = paragraph.strip()
    m = re.search(rf"(?:^|(?<=[\s。！？”]))((?:[{CJK}]{{2,4}}\s*)+?)\s*/?\s*摄$", s)
    photographers = tuple(names(m.group(1))) if m else ()
    text = s[:m.start()].strip() if m else s
    heading = None
    first = re.split(r"[，。；！？]", text, maxsplit=1)[0]
    words = first.split(" ")
    if len(words) >= 2 and all(len(w) <= 8 for w in words[:-1]):
        heading = " ".join(words[:-1])
        text = text[len(heading):].strip()
    return Caption(heading, text, photographers)


def strip_byline(text: str) -> str:
    """Remove a leading 本报讯（记者 …）/（记者 …）/记者 X 报道 credit from a body or paragraph."""
    for pattern in LEAD_CREDITS:
        text = pattern.sub("", text, count=1)
    return text.lstrip(" ，,：:")
