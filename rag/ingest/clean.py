"""Pure text repair of one newspaper issue, before it is split into articles.

In: the decoded text of a file exported from the layout system or OCR. Out: one paragraph (or headline, byline,
caption, table row, continuation marker) per line, no blank lines. What it does:

- drops page furniture (core-values slogan, masthead, issue number, page count, lunar date, English lines,
  countdown boxes), markdown heading, bold and quote marks, and OCR garbage (a headline set vertically, one
  character per line);
- joins lines broken by the column layout into paragraphs; a paragraph ends at a line ending in 。！？…” or
  where the next line starts a byline, a headline, a table row or an indented text box;
- width convention: half-width digits and Latin letters, Chinese full-width punctuation ，。：；！？（）“” in
  Chinese text; no spaces between Chinese characters in running text (kept in headlines, inside the byline
  parentheses and before a signature or photo credit, where they separate names and phrases).
Everything else is kept verbatim, because citations quote it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .. import text as _text
from .bylines import BYLINE_NAMES, BYLINE_START, OPEN_BYLINE, ORG_SUFFIX
from .continuations import is_marker

CJK = _text.CJK + _text.CJK_COMPAT  # OCR output holds compatibility ideographs too
CJK_PUNCT = "，。、；：！？（）《》〈〉「」『』【】…—·"
LABELS = frozenset({"评论", "短评", "时评", "述评", "社论", "编者按", "开栏语", "编后", "编后语", "图片新闻"})
CORE_VALUES = frozenset("富强 民主 文明 和谐 自由 平等 公正 法治 爱国 敬业 诚信 友善".split())

_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*")
_MD_QUOTE = re.compile(r"^\s{0,3}>\s?")
_MD_INLINE = re.compile(r"\*\*|__")  # bold marks
_FURNITURE = [
    re.compile(r"JIN\s*RI\s*QU\s*JIANG", re.I),
    re.compile(r"今日\s*\d+\s*版"),
    re.compile(r"总第\s*\d+\s*期"),
    re.compile(r"主办.*承办|衢江传媒集团承办"),
    re.compile(r"^\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*星期.{0,30}$"),
    re.compile(r"^\s*农历\S*\s*$"),
    re.compile(r"倒计时\s*\d+\s*天\s*$"),  # a countdown box: kept apart by boxes()
]
# furniture that says something of its day: the countdown (杭州亚运会倒计时 32 天), without the rest of its line
_BOX = re.compile(r"[\u4e00-\u9fff“”·]{2,16}倒计时\s*\d+\s*天\s*$")
_ENGLISH = re.compile(r"^[A-Za-z0-9 .,:;'’!?&()\-–/]+$")


_NARROW = re.compile(r"[\u0000-\u1fff]")


def width(text: str) -> float:
    """Display width: a Chinese character or full-width sign counts 1, ASCII counts 0.5."""
    text = text.strip()
    return len(text) - 0.5 * len(_NARROW.findall(text))


@lru_cache(maxsize=4096)
def head_like(line: str) -> bool:
    """A short line without sentence punctuation: a headline, kicker, label, signature or broken body line."""
    s = line.strip()
    return bool(s) and width(s) <= 40 and not re.search(r"[，。；！？,;!?]", s) and not BYLINE_START.match(s)


def ends_sentence(text: str) -> bool:
    """True when text ends a sentence: 。！？… or a closing quote right after one of them."""
    t = text.rstrip()
    return t.endswith(tuple("。！？…")) or (t.endswith("”") and t[-2:-1] in ("。", "！", "？", "…"))


def is_furniture(line: str) -> bool:
    """Masthead, core-values slogan, issue number, page count, lunar date, English line, countdown box."""
    s = line.strip()
    tokens = s.split()
    if len(tokens) >= 2 and all(t in CORE_VALUES for t in tokens):
        return True
    if any(p.search(s) for p in _FURNITURE):
        return True
    return bool(_ENGLISH.match(s)) and len(re.findall(r"[A-Za-z]{2,}", s)) >= 2


def boxes(text: str) -> list[str]:
    """The page furniture of an issue's raw text that says something of its day, each once as printed (spaces
    squeezed): countdown boxes ("杭州亚运会倒计时32天"). repair() drops them with the rest of the furniture; the
    parser keeps them as articles of their own kind ("box"), so that a question about them is answered and cited,
    while a briefing leaves them out (page furniture is not news)."""
    found = [normalize_spaces(normalize_width(m.group(0).strip())) for line in text.splitlines()
             if (m := _BOX.search(line))]
    return list(dict.fromkeys(b for b in found if b))


# --- width normalisation --------------------------------------------------------------------------------------

_FULLWIDTH_ALNUM = {c: chr(c - 0xFEE0)
                    for c in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]}
_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"}


def _cjkish(c: str) -> bool:
    return bool(c) and (bool(re.match(f"[{CJK}]", c)) or c in CJK_PUNCT or c in "“”‘’")


def normalize_width(text: str) -> str:
    """Full-width digits/letters -> ASCII; ASCII punctuation next to Chinese -> full-width; straight quotes
    are curled per paragraph by curl_quotes. Digits with separators (1,000 / 3.8 / 8:30) are left alone."""
    text = text.translate(_FULLWIDTH_ALNUM).replace("\u3000", " ").replace("\u00a0", " ")
    out = list(text)
    for i, c in enumerate(out):
        if c not in _HALF_TO_FULL:
            continue
        prev = next((out[j] for j in range(i - 1, -1, -1) if out[j] not in " %.0123456789"), "")
        nxt = next((text[j] for j in range(i + 1, len(text)) if text[j] != " "), "")
        before = text[i - 1:i]
        if c in ",:" and before.isdigit() and nxt.isdigit():
            continue
        if c in "()":
            inner = text[i + 1:text.find(")", i)] if c == "(" else text[text.rfind("(", 0, i) + 1:i]
            if _cjkish(prev) or _cjkish(nxt) or re.search(f"[{CJK}]", inner):
                out[i] = _HALF_TO_FULL[c]
        elif _cjkish(prev) or _cjkish(nxt):
            out[i] = _HALF_TO_FULL[c]
    return "".join(out)


def curl_quotes(text: str) -> str:
    """Straight quotes in a Chinese paragraph -> “” and ‘’, alternating open/close."""
    if not re.search(f"[{CJK}]", text):
        return text
    for straight, pair in (('"', "“”"), ("'", "‘’")):
        if straight in text:
            parts = text.split(straight)
            text = parts[0] + "".join(pair[(k + 1) % 2] + p for k, p in enumerate(parts[1:], start=1))
    return text


# --- spaces ---------------------------------------------------------------------------------------------------

_PROTECT = re.compile(
    BYLINE_NAMES  # byline names
    + r"|(?<=[。！？”])\s+[" + CJK + r"]{2,4}$"  # trailing pen-name signature
    r"|\s+[" + CJK + r"]{2,12}" + ORG_SUFFIX + "$"  # contributing organisation after the last sentence
)
_C = f"[{CJK}]"
_P = f"[{CJK_PUNCT}“”‘’]"


def _squeeze(text: str, body: bool) -> str:
    """Remove layout spaces from one unprotected span (see normalize_spaces)."""
    text = re.sub(rf"(?<={_C}) +(?=[0-9A-Za-z%])|(?<=[0-9A-Za-z%]) +(?={_C})", "", text)
    punct = _P if body else f"[{CJK_PUNCT}]"
    text = re.sub(rf" +(?={punct})|(?<={punct}) +", "", text)
    if body:
        text = re.sub(rf"(?<={_C}) +(?={_C})", "", text)
    return text


def normalize_spaces(line: str) -> str:
    """Collapse runs of spaces; drop spaces between Chinese and digits and around Chinese punctuation; in running
    text (a line with sentence punctuation) also between Chinese characters, except inside the byline parentheses
    and before a trailing signature. Headlines and photo captions keep their phrase-separating spaces."""
    line = re.sub(r"[ \t]+", " ", line).strip()
    body = not head_like(line) and not re.search(r"/\s*摄$", line)
    out, pos = [], 0
    for m in _PROTECT.finditer(line):
        out.append(_squeeze(line[pos:m.start()], body))
        out.append(re.sub(r"\s*（\s*", "（", re.sub(r"\s*）", "）", m.group(0))) if "（" in m.group(0) else m.group(0))
        pos = m.end()
    out.append(_squeeze(line[pos:], body))
    return re.sub(r"^(本报讯（[^）]*）) +", r"\1", "".join(out))


# --- lines -> paragraphs --------------------------------------------------------------------------------------

def _drop_vertical_garbage(lines: list[str]) -> list[str]:
    """Drop runs of 3+ one-character lines (a vertically set headline read line by line) and stray one-symbol
    lines that are not Chinese characters."""
    keep = [True] * len(lines)
    idx = [i for i, s in enumerate(lines) if s.strip()]
    run: list[int] = []
    for i in idx + [None]:
        if i is not None and len(lines[i].strip()) == 1:
            run.append(i)
            continue
        if len(run) >= 3:
            for j in run:
                keep[j] = False
        run = []
    for i in idx:
        s = lines[i].strip()
        if len(s) == 1 and not re.match(f"[{CJK}]", s):
            keep[i] = False
    return [s for s, k in zip(lines, keep) if k]


def _strong_head(line: str) -> bool:
    """A head-like line that cannot be the first half of a broken sentence: a label, or two phrases with a
    space between Chinese characters (headline style)."""
    s = line.strip()
    return s in LABELS or bool(re.search(rf"{_C} +{_C}", s))


def repair(text: str) -> str:
    """Repair one issue's raw text (see the module docstring). Returns paragraphs separated by single newlines."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    raw = _drop_vertical_garbage(text.split("\n"))
    # (text, box_start, blank_before, kind) with kind in head/md/marker/table/byline/text
    lines: list[tuple[str, bool, bool, str]] = []
    blank = True
    for line in raw:
        if not line.strip():
            blank = True
            continue
        box = line[:1] in (" ", "\u3000", "\t") and not blank
        md = bool(_MD_HEADING.match(line)) and line.lstrip().startswith("#")
        s = _MD_HEADING.sub("", line) if md else line
        s = normalize_width(_MD_INLINE.sub("", _MD_QUOTE.sub("", s)).rstrip())
        if is_furniture(s) or not s.strip():
            blank = True
            continue
        if "\t" in s.strip():
            kind = "table"
        elif md:
            kind = "md"
        elif is_marker(s):
            kind = "marker"
        elif BYLINE_START.match(s):
            kind = "byline"
        else:
            kind = "text"
        lines.append((s.strip(" \u3000") if kind != "table" else s.strip(), box, blank, kind))
        blank = False
    paras: list[tuple[str, str]] = []  # (text, kind)
    for i, (s, box, blank_before, kind) in enumerate(lines):
        sep = _joins(paras[-1], (s, box, blank_before, kind), lines[i + 1:]) if paras else None
        if sep is not None:
            prev, pkind = paras[-1]
            wrapped = pkind == "head" and head_like(s) and not _runs_into_text(lines[i], lines[i + 1:])
            paras[-1] = (prev + sep + s, "head" if wrapped else "text")
        else:
            paras.append((s, "head" if kind == "text" and head_like(s) else kind))
    out = []
    for s, kind in paras:
        if kind == "table":
            out.append("\t".join(normalize_spaces(c) for c in s.split("\t") if c.strip()))
        else:
            out.append(normalize_spaces(curl_quotes(s)))
    return "\n".join(p for p in out if p)


def _open_byline(text: str) -> bool:
    """True when a byline's parenthesis is still open (its names continue on the next line)."""
    return bool(OPEN_BYLINE.search(text))


def _joins(prev: tuple[str, str], cur: tuple[str, bool, bool, str], rest: list) -> str | None:
    """The separator with which line `cur` continues paragraph `prev`, or None when it starts a new one."""
    ptext, pkind = prev
    s, box, blank_before, kind = cur
    if pkind in ("md", "marker", "table") or kind in ("md", "marker", "table", "byline"):
        return None
    if _open_byline(ptext):
        return " "
    if re.match(r"(%s)[：:]" % "|".join(LABELS), s):  # 开栏语：… / 短评：… starts a new piece
        return None
    if box or ends_sentence(ptext):
        return None
    if re.search(rf"[。！？”] +{_C}{{2,4}}$", ptext) and not _runs_into_text(cur, rest):
        return None  # a piece signed with a pen name ("…未来。 林一"), then the next piece's headline
    if pkind == "head":
        if _strong_head(ptext) or ptext.strip() in LABELS:
            return None
        if head_like(s):  # two short lines: column lines of one sentence, or a wrapped headline
            if _strong_head(s):
                return None
            if _runs_into_text(cur, rest):
                return ""
            if blank_before:
                return None
            return "" if width(ptext) >= 16 else " "  # a full first line wraps; a short one is a main title
        return ""  # a short line that ran on into a sentence
    if head_like(s) and (_strong_head(s) or _heads_into_byline(rest)):
        return None
    return ""


def _runs_into_text(cur: tuple, rest: list) -> bool:
    """True when short line `cur` and the short lines after it lead into running text (a sentence broken over
    several column lines), not into a byline, a new text box, a strong headline or the end."""
    for s, box, _blank, kind in [cur, *rest]:
        if box or kind != "text" or _strong_head(s):
            return False
        if not head_like(s):
            return True
    return False


def _heads_into_byline(rest: list) -> bool:
    """True when the lines after a candidate headline are more headline lines and then a byline."""
    for s, _box, _blank, kind in rest:
        if kind == "byline":
            return True
        if kind not in ("md",) and not head_like(s):
            return False
    return False
