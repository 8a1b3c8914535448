"""Pure entity extraction: people (with the post printed before them, reporters kept apart), places and
organisations in the text of a county paper, with no model.

In: a text (an article's title or body after text repair, or any passage) and a :class:`Lexicon` of the names the
archive already knows. Out: :class:`Found` spans in text order, each with its kind, and for people the post and
role. How each kind is found:

- people: a name (a surname and one or two characters, or a known name) right after a post (区委书记王慧杰, 驻村干部
  柴成刚), after 区领导 or in a 、-list with such a name; in a byline, photo credit or signature (reporters and authors
  are told apart by ``role``); before a title printed after it (习近平总书记) or a verb of speech (朱建成介绍); and any
  name the lexicon knows.
- organisations: a suffix (局, 委, 办, 院, 中心, 公司, 学校 ...) and the stem before it, which for the weak suffixes
  (局 委 办 部 组 ...) must start with a level (区 市 省 县 镇 乡), a known place or a known body; the house bodies
  (区委, 区政府 ...) inside a rank title are not organisations (区委书记).
- places: administrative suffixes (镇 乡 街道 村 社区 县 市 省), named areas (产业园, 港区, 水库, 古道 ...), the
  gazetteer and the lexicon; touching places are one place (杜泽镇潜灵村).

A name starts where a boundary is: punctuation, the start of the text, a word printed before names (来到, 调研,
在 ...) or the end of another entity. The maximal span wins: nothing inside an organisation is a place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ...ingest.bylines import names as byline_names
from ...ingest.bylines import split_byline, split_caption, is_caption
from .words import (ADMIN_SUFFIXES, AREA_SUFFIXES, BARE_BODIES, BOUNDARY_WORDS, COMPOUND_SURNAMES, FOLLOW,
                    GAZETTEER, GENERIC_ORG_STEMS, GENERIC_PLACES, HONORIFICS, HOUSE_BODIES, MEETING_ENDS, NOT_NAMES,
                    ORG_SUFFIXES, POST_HEADS, SURNAMES, TITLES_AFTER, TOWNS)

KINDS = ("person", "place", "org")


@dataclass(frozen=True)
class Lexicon:
    """Names the archive knows, by kind: learned from earlier extractions and the user dictionary."""

    persons: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()
    orgs: frozenset[str] = frozenset()

    def __or__(self, other: Lexicon) -> Lexicon:
        return Lexicon(self.persons | other.persons, self.places | other.places, self.orgs | other.orgs)


@dataclass(frozen=True)
class Found:
    """One entity mention in a text: ``text`` without whitespace, [start, end) in the text given."""

    text: str
    kind: str  # person | place | org
    start: int
    end: int
    post: str | None = None  # people: the title printed before the name (区委副书记、区长)
    role: str | None = None  # people: subject | reporter | author
    how: str = ""  # what found it: post, leader, list, byline, credit, signature, title, speech, known, suffix, ...

    @property
    def anchored(self) -> bool:
        """True when the text itself says what this is (not only the lexicon): such names are learned."""
        return self.how not in ("known", "")


# --- characters and boundaries --------------------------------------------------------------------------------

def _han(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf"


_BOUNDARY_SET = frozenset(BOUNDARY_WORDS)
_WEAK_BOUNDARY = frozenset(w for w in BOUNDARY_WORDS if len(w) == 1)
_FOLLOW_SET = frozenset(FOLLOW)
_POST_HEAD_SET = frozenset(POST_HEADS)
_MAX_WORD = 4


def _word_ends_at(text: str, p: int, words: frozenset[str], longest: int = _MAX_WORD) -> str | None:
    """The longest of ``words`` that ends at position p (text[p-len:p]), or None."""
    for n in range(min(longest, p), 0, -1):
        if text[p - n:p] in words:
            return text[p - n:p]
    return None


def _word_starts_at(text: str, p: int, words: frozenset[str], longest: int = _MAX_WORD) -> str | None:
    for n in range(min(longest, len(text) - p), 0, -1):
        if text[p:p + n] in words:
            return text[p:p + n]
    return None


def _at_boundary(text: str, p: int, ends: set[int], strong_only: bool = False) -> bool:
    """A name may start at p: text start, a non-Han character before it, the end of another entity, or a word
    printed before names (only two-character ones when strong_only)."""
    if p == 0 or not _han(text[p - 1]) or p in ends:
        return True
    word = _word_ends_at(text, p, _BOUNDARY_SET) or _word_ends_at(text, p, _SCAN_STOPS)
    return word is not None and (len(word) > 1 or not strong_only)


# --- people ---------------------------------------------------------------------------------------------------

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
    ends = [i + n for n in lengths if i + n <= len(text) and all(_han(c) for c in text[i:i + n])
            and _name_like(text[i:i + n])]
    if not ends:
        return None
    if ends[0] < len(text) and text[ends[0]] in "说讲称道问答笑等" and (
            ends[0] + 1 == len(text) or not _han(text[ends[0] + 1])):
        return ends[0]  # 徐芳说。
    for e in ends:
        word = _word_starts_at(text, e, _FOLLOW_SET)
        if word is not None and len(word) > 1:
            return e  # 赵琳率领, 刘俊参加
    for e in reversed(ends):
        if e == len(text) or not _han(text[e]) or _word_starts_at(text, e, _FOLLOW_SET):
            return e
    return None


def _name_like(name: str) -> bool:
    """Not a common word, an anonymised name (朱某) or a surname with an honorific (邵先生)."""
    return name not in NOT_NAMES and name[:2] not in NOT_NAMES and not name.endswith(HONORIFICS)


def _name_closes(text: str, e: int, n: int) -> bool:
    """A known name of n characters really ends at e: a two-character name must not run on into a Han word."""
    if n > 2 or e == len(text) or not _han(text[e]):
        return True
    return _word_starts_at(text, e, _FOLLOW_SET) is not None


_POST_STOP_WORDS = frozenset("据 由 在 对 向 为 经 把 被 让 给 是 了 的 将 于 请 随 陪 等 邀请 陪同 会见 看望 慰问 听取 "
                             "带领 率领 来自 作为 担任 包括 其中 以及 还有 先后 分别 一行 同时 并 也 还 和".split())
_POST_INNER = "、（）“”"


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
                if _word_ends_at(text, p - 1, _POST_HEAD_SET, 5) is None:
                    break
            elif not _han(c) and c != "、":
                break
            elif (p - 1) in stops or p in stops:
                break
            else:
                word = _word_ends_at(text, p, _POST_STOP_WORDS)
                if word is not None:
                    break
        p -= 1
        if head_end - p > 60:
            break
    return text[p:head_end].lstrip("、")


def _people(text: str, lex: Lexicon, taken: list[Found]) -> list[Found]:
    """People anchored by a post, 区领导/X领导, a title after the name or a verb of speech; then the 、-lists that
    hold one of them."""
    known = lex.persons
    blocked = _covered(taken)
    found: list[Found] = []
    stops = {i for f in taken for i in range(f.start, f.end)}

    def add(start: int, end: int, post: str | None, how: str) -> None:
        if any(i in blocked for i in range(start, end)) or any(f.start < end and start < f.end for f in found):
            return
        found.append(Found(text[start:end], "person", start, end, post, "subject", how))

    for head in POST_HEADS:
        for m in re.finditer(re.escape(head), text):
            s, e = m.start(), m.end()
            if _word_starts_at(text, e, _POST_HEAD_SET, 5) and len(_word_starts_at(text, e, _POST_HEAD_SET, 5)) > 0:
                # 主任委员, 书记员: a longer title goes on
                pass
            end = _name_at(text, e, known)
            if end is None:
                continue
            add(e, end, _post_before(text, s, e, stops), "post")
    for m in re.finditer(r"领导", text):
        end = _name_at(text, m.end(), known)
        if end is not None:
            add(m.end(), end, None, "leader")
    for title in TITLES_AFTER:
        for m in re.finditer(re.escape(title), text):
            for n in ((3, 2) if title == "总书记" else (3,)):
                s = m.start() - n
                if s >= 0 and text[s] in SURNAMES and all(_han(c) for c in text[s:m.start()]) and \
                        _at_boundary(text, s, set()) and _name_like(text[s:m.start()]):
                    add(s, m.start(), None, "title")
                    break
    for m in re.finditer(r"介绍|表示|透露|坦言|告诉记者|一行|笑着说", text):
        for n in (3, 2):
            s = m.start() - n
            if s >= 0 and text[s] in SURNAMES and all(_han(c) for c in text[s:m.start()]) and \
                    (s == 0 or not _han(text[s - 1]) or text[s - 1] in "据") and _name_like(text[s:m.start()]):
                add(s, m.start(), None, "speech")
                break
    _lists(text, known, found, blocked)
    return found


def _lists(text: str, known: frozenset[str], found: list[Found], blocked: set[int]) -> None:
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
                            (s == 0 or not _han(text[s - 1]) or _at_boundary(text, s, set())) and \
                            _free(found, blocked, s, f.start - 1):
                        found.append(Found(text[s:f.start - 1], "person", s, f.start - 1, None, "subject", "list"))
                        changed = True
                        break


def _free(found: list[Found], blocked: set[int], start: int, end: int) -> bool:
    return not any(i in blocked for i in range(start, end)) and not any(
        f.start < end and start < f.end for f in found)


def _known_people(text: str, known: frozenset[str], taken: list[Found]) -> list[Found]:
    """Names the lexicon knows, wherever they stand (not inside another entity)."""
    if not known:
        return []
    blocked = _covered(taken)
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


def _credits(text: str) -> list[Found]:
    """Reporters of bylines and photo credits, the author of a signature: role reporter / author. A byline name
    with an organisation's suffix (通讯员 区卫生健康局) is that organisation."""
    out: list[Found] = []

    def add(name: str, start: int, end: int, role: str, post: str | None = None, how: str = "byline") -> None:
        span = _locate(text, name, start, end)
        if span is None:
            return
        kind = "org" if _ORG_END.search(name) and len(name) > 3 else "person"
        out.append(Found(name, kind, span[0], span[1], post if kind == "person" else None,
                         role if kind == "person" else None, how))

    for m in _BYLINE.finditer(text):
        b = split_byline(m.group(0))
        pos = m.start()
        for name in (*b.reporters, *b.correspondents):
            span = _locate(text, name, pos, m.end())
            if span:
                add(name, span[0], span[1], "reporter")
                pos = span[1]
    for m in _CREDIT.finditer(text):
        pos = m.start(1)
        for name in byline_names(m.group(1)):
            span = _locate(text, name, pos, m.end(1))
            if span:
                add(name, span[0], span[1], "reporter", how="credit")
                pos = span[1]
    for line in _lines(text):
        start, s = line
        if is_caption(s):
            cap = split_caption(s)
            pos = start + len(s) - len(s.lstrip())
            for name in cap.photographers:
                span = _locate(text, name, start + len(cap.text), start + len(s))
                if span:
                    add(name, span[0], span[1], "reporter", how="credit")
    # a signature follows the last sentence: look only there (the patterns are slow over a whole body)
    tail = text.rstrip()
    cut = max(tail.rfind(c, 0, len(tail) - 1) for c in "。！？")
    tail = tail if cut < 0 else " " * max(0, cut - 1) + tail[max(0, cut - 1):]
    m = _SIGNED_OFFICE.search(tail) or _SIGNED_OFFICE_JOINED.search(tail)
    if m and _POST_END.search(m.group(1)):
        add(m.group(2), m.start(2), m.end(2), "author", post=m.group(1).strip(), how="signature")
    elif (m := _SIGNATURE.search(tail)) and m.group(1)[0] not in "等":
        add(m.group(1), m.start(1), m.end(1), "author", how="signature")
    return out


def _lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


# --- organisations and places ---------------------------------------------------------------------------------

_WEAK_ORG = frozenset("局 委 办 部 组 小组 所 站 厅 院 党委 党组 党支部 党工委 党总支 支部 政府 人民政府 政协 "
                      "常委会 人大常委会 委员会 办公室 大队 支队 中队 分行 支行 法庭 团委 妇联 残联 科协 侨联 联络组 "
                      "巡察组 工作组 服务中心 统战部 组织部 宣传部 团区委 总工会".split())
_ORG_SUFFIX_SET = frozenset(ORG_SUFFIXES)
_ORG_LAST = frozenset(s[-1] for s in ORG_SUFFIXES)
_ORG_MAX_SUFFIX = max(map(len, ORG_SUFFIXES))
# a suffix that runs on into a word is no suffix (局长, 组织, 部署, 院士, 委员, 所以)
_REJECT_AFTER = {
    "局": ("长",), "部": ("长", "署", "门", "分"), "组": ("长", "织", "建", "成", "合", "团", "员"),
    "所": ("长", "以", "谓", "有", "在", "得", "属"), "站": ("长",), "厅": ("长",), "院": ("士", "长", "落", "子", "内"),
    "委": ("员",), "办": ("公", "理", "法", "事", "好", "成", "学", "的", "实"), "中心": ("城", "镇", "工作", "任务", "环节"),
    "厂": ("长", "房"), "党委": ("会",), "支部": ("书",), "医院": ("长",), "分院": ("长",), "学校": ("长",),
    "政府": ("工作报告",), "小组": ("长",), "联络组": ("长",), "巡察组": ("长",), "工作组": ("长",), "公司": ("化",),
}
# words ending like a suffix that are no organisation (干部, 格局, 主办, 场所, 网站, 区委常委)
_REJECT_WORDS = frozenset("干部 全部 内部 外部 局部 西部 东部 南部 北部 中部 头部 腹部 总部 俱乐部 本部 基部 顶部 底部 "
                          "格局 布局 结局 大局 当局 开局 终局 变局 全局 举办 主办 承办 创办 督办 交办 代办 帮办 包办 "
                          "开办 兴办 合办 协办 快办 场所 住所 厕所 处所 网站 驿站 车站 庭院 小院 大院 书院 两委 班组 "
                          "机组 大厅 客厅 餐厅 展厅 工厂 常委 编委 村委 居委 全委 各委".split())
_LEVELS = ("中共", "中国", "国家", "全国", "浙江", "区", "市", "省", "县", "镇", "乡", "村")
# where the stem of an organisation or a long place name cannot reach back over (verbs before names)
_SCAN_STOPS = frozenset(w for w in BOUNDARY_WORDS if len(w) > 1) | frozenset(
    "对 与 和 及 在 到 向 从 给 把 被 让 由 等 是 了 的 将 为 以 并 或 使 我 使得 助推 帮扶 观看 了解 勉励 完善 联系 担任 "
    "践行 坚持 进驻 入驻 考虑 考虑到 修建 培养 强化 做好 借助 赋能 跟着 带动 带着 促进 塑造 繁荣 继续 抓好 要 落实 贯彻 汇报 构建 引进 创建 部署 实施 开展 加快 加强 "
    "提升 发挥 服务 支持 成立 建立 组建 设立 设在 召开 举行 参与 合作 共建 牵手 携手 协调 推出 启动 实现 完成 "
    "表示 介绍 指出 强调 主持 讲话 上下 全面 积极 进一步".split())
_MEETING_AFTER = re.compile(r"[第]?[0-9一二三四五六七八九十百]+[次届]")
_DETERMINERS = "各该这此每其我"


def _stem_start(text: str, ss: int, longest: int, stops: set[int]) -> int:
    """The leftmost position the name before a suffix at ss can start from: back over Han characters, not over
    another entity, punctuation or a word printed before names."""
    p = ss
    while p > max(0, ss - longest):
        if not _han(text[p - 1]) or (p - 1) in stops:
            break
        word = _word_ends_at(text, p, _SCAN_STOPS)
        if word is not None and (p < ss or len(word) == 1):
            break
        p -= 1
    return p


def _org_start_ok(text: str, q: int, lex: Lexicon, place_starts: set[int]) -> bool:
    """A weak suffix's organisation starts with a level (区 市 ...), a place or a known body."""
    rest = text[q:]
    if rest.startswith(_LEVELS) or q in place_starts:
        return True
    return any(rest[:n] in _KNOWN_PLACES or rest[:n] in lex.places or rest[:n] in lex.orgs for n in range(6, 1, -1))


_FREE_SUFFIXES = frozenset("公司 有限公司 有限责任公司 股份有限公司 分公司 集团 控股 事务所 厂 合作社 协会 学会 商会 "
                           "联合会 联会 学社 研究会 促进会 中心 总会".split())  # may follow any short name (豪龙水泥厂)


def _orgs(text: str, lex: Lexicon, stops: set[int], places: list[Found]) -> list[Found]:
    """Organisations by suffix. A start at a level, place or known body is preferred (the leftmost such:
    区中医院医共体大洲分院); a company, association or 中心 may also follow a short name at a boundary."""
    place_starts = {f.start for f in places}
    place_ends = {f.end for f in places}
    out: list[Found] = []
    for e in _ends(text, _ORG_LAST):
        suffix = next((text[e - n:e] for n in range(min(_ORG_MAX_SUFFIX, e), 0, -1)
                       if text[e - n:e] in _ORG_SUFFIX_SET), None)
        if suffix is None or any(text.startswith(a, e) for a in _REJECT_AFTER.get(suffix, ())):
            continue
        if text[max(0, e - 2):e] in _REJECT_WORDS or any(i in stops for i in range(e - len(suffix), e)):
            continue
        ss = e - len(suffix)
        if suffix == "中心" and text[ss - 1:ss] == "副":
            continue  # 城市副中心
        paren = re.search(r"（[\u4e00-\u9fff]{2,4}）$", text[:ss]) if "公司" in suffix else None
        lo = _stem_start(text, paren.start() if paren else ss, 24, stops)
        start = _org_start(text, lo, paren.start() if paren else ss, e, suffix, lex, place_starts, place_ends)
        if start is None:
            continue
        if start >= 2 and text[start - 2:start] == "中共":
            start -= 2
        name = text[start:e]
        if name in HOUSE_BODIES and _word_starts_at(text, e, _POST_HEAD_SET, 5):
            continue  # 区委书记: the body only makes up a rank title
        if _MEETING_AFTER.match(text, e):
            continue  # 区政府第11次常务会议, 区委十四届五次全会: a meeting's name
        head = next((b for b in BARE_BODIES if name.startswith(b) and name[len(b):] in BARE_BODIES), None)
        if head:  # 区委区政府: two bodies printed together
            out += [Found(head, "org", start, start + len(head), how="suffix"),
                    Found(name[len(head):], "org", start + len(head), e, how="suffix")]
            continue
        out.append(Found(name, "org", start, e, how="suffix"))
    return out


def _org_start(text: str, lo: int, ss: int, e: int, suffix: str, lex: Lexicon, place_starts: set[int],
               place_ends: set[int]) -> int | None:
    """Where the organisation whose suffix is text[ss:e] starts (lo: how far back its name may reach), or None."""
    def clean(q: int) -> bool:
        stem = text[q:ss]
        return not (stem in GENERIC_ORG_STEMS or any(c in _DETERMINERS for c in stem)
                    or all(c in "省市区县" for c in stem) and stem != "")

    for q in range(lo, ss + 1):
        if text[q:e] in BARE_BODIES or text[q:e] in lex.orgs:
            if _at_boundary(text, q, place_ends) or (q > 0 and text[:q].endswith(ORG_SUFFIXES)):
                return q
        if q < ss and clean(q) and _org_start_ok(text, q, lex, place_starts) and (
                _at_boundary(text, q, place_ends) or (q > 0 and text[:q].endswith(ORG_SUFFIXES))):
            return q
    if suffix not in _FREE_SUFFIXES:
        return None
    longest = 14 if "公司" in suffix or suffix in ("集团", "控股") else 6
    for q in range(max(lo, ss - longest), ss):
        stem = text[q:ss]
        if not _at_boundary(text, q, place_ends) or not clean(q) or stem[:2] in GENERIC_ORG_STEMS:
            continue
        if _word_starts_at(text, q, _SCAN_STOPS) or text[q] in _WEAK_BOUNDARY or text[q] in _CLASSIFIERS:
            continue
        if len(stem) >= (1 if len(suffix) > 1 else 2):
            return q
    return None


def _alias_orgs(text: str) -> list[Found]:
    """简称“浙大二院”: the short name given for an organisation."""
    return [Found(m.group(1), "org", m.start(1), m.end(1), how="alias")
            for m in re.finditer(r"简称“([\u4e00-\u9fff]{2,10})”", text)]


_ADMIN_REJECT_AFTER = {"村": "民里级委干内集庄落头口子两道社（(书", "镇": "级里上村区域街", "乡": "村镇贤亲里土愁风下",
                       "县": "级城域（(", "市": "民场级区值面井容", "省": "级内外", "区": "域别", "州": "",
                       "街道": "办口", "社区": "化", "桥": "面梁头", "路": "径线段网面口上边由子", "水库": "存"}
_PLACE_SUFFIXES = {**ADMIN_SUFFIXES, **AREA_SUFFIXES}
_PLACE_LAST = frozenset(s[-1] for s in _PLACE_SUFFIXES)
_PLACE_MAX_SUFFIX = max(map(len, _PLACE_SUFFIXES))
_GENERIC_PLACE_STEMS = frozenset("部分 相关 有关 周边 当地 所在 全体 各个 其他 一些 这些 那些 多个 几个 整个 沿线 "
                                 "附近 邻近 偏远 山区 城区 美丽 和美 未来 现代 新建 融合型 示范 经济 产业 工业 科技 "
                                 "文化 农业 物流 一期 二期 三期 我区 全区 城市 重点 交通".split())


_PLACE_DETERMINERS = "全各本该每我此这那其一单个邻整"
_KNOWN_PLACES = GAZETTEER | frozenset(TOWNS)
_CLASSIFIERS = "个座家所名位批处条"


def _places(text: str, lex: Lexicon, stops: set[int]) -> list[Found]:
    """Places by suffix and by name (gazetteer, lexicon)."""
    out: list[Found] = []
    ends: set[int] = set()
    known = _KNOWN_PLACES | lex.places
    for e in _ends(text, _PLACE_LAST):
        suffix = next((text[e - n:e] for n in range(min(_PLACE_MAX_SUFFIX, e), 0, -1)
                       if text[e - n:e] in _PLACE_SUFFIXES), None)
        if suffix is None or (e < len(text) and text[e] in _ADMIN_REJECT_AFTER.get(suffix, "")):
            continue
        ss = e - len(suffix)
        if ss > 0 and text[ss - 1] in _PLACE_DETERMINERS:
            continue  # 全镇, 各村, 我区
        if ss > 1 and text[ss - 1] in _CLASSIFIERS and (text[ss - 2].isdigit() or text[ss - 2] in "一二三四五六七八九十两几多"):
            continue  # 4座小型水库, 8个行政村
        lo, hi = _PLACE_SUFFIXES[suffix]
        start = _place_stem(text, ss, lo, hi, stops, known, ends)
        if start is None:
            continue
        stem, name = text[start:ss], text[start:e]
        if name in GENERIC_PLACES or stem in _GENERIC_PLACE_STEMS or any(c in _DETERMINERS for c in stem) or \
                stem[:1] in _CLASSIFIERS or stem[:2] in ("多个", "几个", "一个", "两个"):
            continue
        if text[ss - 1:e] in GENERIC_PLACES and stem not in known and text[start - 1:start] != "、":
            continue  # 山村, 乡村: a name only where a clear boundary says so (、宝山村)
        if suffix in ("区", "州", "港", "岛", "省", "江", "溪") and stem not in known:
            continue
        if stem not in known and any(c in "副正代常务" for c in stem):
            continue
        out.append(Found(name, "place", start, e, how="suffix"))
        ends.add(e)
    for m in _names_pattern(known).finditer(text):
        if not any(j in stops for j in range(m.start(), m.end())):
            out.append(Found(m.group(), "place", m.start(), m.end(), how="gazetteer" if m.group() in GAZETTEER else "known"))
    return out


@lru_cache(maxsize=8)
def _names_pattern(names: frozenset[str]) -> re.Pattern:
    """One pattern finding any of ``names``, the longest at a position."""
    return re.compile("|".join(map(re.escape, sorted(names, key=len, reverse=True))))


def _ends(text: str, last: frozenset[str]) -> list[int]:
    """The positions just after a character some suffix ends with."""
    return [i + 1 for i, c in enumerate(text) if c in last]


def _place_stem(text: str, ss: int, lo: int, hi: int, stops: set[int], known: frozenset[str],
                ends: set[int]) -> int | None:
    """Start of the name before a place suffix at ss: a known place ending there, else the longest stem in
    [lo, hi] that starts at a boundary (another place's end included) and not with a word printed before names."""
    for n in range(min(8, ss), 1, -1):
        if text[ss - n:ss] in known and (_at_boundary(text, ss - n, ends) or n >= 3) and \
                not any(j in stops for j in range(ss - n, ss)):
            return ss - n
    floor = _stem_start(text, ss, hi, stops)
    for n in range(hi, lo - 1, -1):
        s = ss - n
        if s < floor:
            continue
        if _word_starts_at(text, s, _SCAN_STOPS) is not None or (text[s] in _WEAK_BOUNDARY and n > lo):
            continue
        if _at_boundary(text, s, ends):
            return s
    return None


# --- putting it together --------------------------------------------------------------------------------------

def _covered(found: list[Found]) -> set[int]:
    return {i for f in found for i in range(f.start, f.end)}


def _resolve(cands: list[Found]) -> list[Found]:
    """Keep the longest of overlapping spans (organisations before places before people on a tie); then join
    touching places (杜泽镇潜灵村)."""
    rank = {"org": 0, "place": 1, "person": 2}
    kept: list[Found] = []
    taken: set[int] = set()
    for f in sorted(cands, key=lambda f: (-(f.end - f.start), rank[f.kind], f.start)):
        if any(i in taken for i in range(f.start, f.end)):
            continue
        kept.append(f)
        taken.update(range(f.start, f.end))
    kept.sort(key=lambda f: f.start)
    joined: list[Found] = []
    for f in kept:
        prev = joined[-1] if joined else None
        if prev and prev.kind == f.kind == "place" and prev.end == f.start:
            joined[-1] = Found(prev.text + f.text, "place", prev.start, f.end, how=prev.how)
        else:
            joined.append(f)
    return joined


def _unnamed_spans(text: str) -> set[int]:
    """Where nothing is a place or an organisation: meeting names (区政府第11次常务会议, 衢江区2025年项目谋划储备专题
    会议), titles in 《》, and quoted names, slogans and festivals (“青年衢江”, “中国医师节”) but not a quoted short
    name (简称“浙大二院”) or quoted speech (a sentence)."""
    out: set[int] = set()
    for m in re.finditer(r"《[^》]{1,60}》", text):
        out.update(range(m.start(), m.end()))
    for m in re.finditer(r"“([^“”]{1,24})”", text):
        if not re.search(r"[，。！？；：]", m.group(1)) and not text[:m.start()].endswith("简称"):
            out.update(range(m.start(), m.end()))
    for m in re.finditer("(" + "|".join(MEETING_ENDS) + ")(?!中心|室|厅|楼|场|桌|纪要)", text):
        p = m.start()
        while p > 0 and (_han(text[p - 1]) or text[p - 1].isdigit() or text[p - 1] in "（）()") and \
                _word_ends_at(text, p, _SCAN_STOPS) is None:
            p -= 1
        if p < m.start():
            out.update(range(p, m.end()))
    return out


def extract(text: str, lexicon: Lexicon = Lexicon()) -> list[Found]:
    """Every person, place and organisation mention in ``text``, in text order (see the module docstring)."""
    credits = _credits(text)
    anchored = _people(text, lexicon, credits)
    known = lexicon.persons | frozenset(f.text for f in anchored)
    people = anchored + _known_people(text, known, credits + anchored)
    _lists(text, known, people, _covered(credits))
    stops = _covered(credits + people) | _unnamed_spans(text)
    places = _places(text, lexicon, stops)
    orgs = _orgs(text, lexicon, stops, places) + _alias_orgs(text)
    return _resolve(credits + people + places + orgs)


def name_start(text: str, end: int, longest: int, inner: str = "") -> int:
    """The leftmost position a name ending at ``end`` may start from (back over Han characters, digits and the
    ``inner`` characters, not over punctuation or a word printed before names), for names the extractor does not
    make (projects, meetings)."""
    p = end
    while p > max(0, end - longest):
        c = text[p - 1]
        if not (_han(c) or c.isdigit() or c in inner):
            break
        word = _word_ends_at(text, p, _SCAN_STOPS)
        if word is not None and (p < end or len(word) == 1):
            break
        p -= 1
    while p < end and (not (_han(text[p]) or text[p].isdigit()) or _word_starts_at(text, p, _SCAN_STOPS)):
        p += len(_word_starts_at(text, p, _SCAN_STOPS) or " ")
    return min(p, end)
