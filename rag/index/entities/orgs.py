"""Organisations in a text (pure): a suffix (局, 委, 办, 院, 中心, 公司, 学校 ...) and the name before it. A weak
suffix (局 委 办 部 组 ...) needs a name that starts with a level (区 市 省 县 镇 乡), a place, 驻 and a place, or a
body (known, or found just before it: 农投集团智联小组); a company, association or 中心 may follow any short name at
a boundary, and a venue (文化艺术中心) a descriptive one. The house bodies (区委, 区政府 ...) inside a rank title are
no organisation (区委书记), nor is anything in a meeting's name (区政府第11次常务会议). Without a suffix: the short
name a text gives (简称“浙大二院”), the names the archive knows (a short name given or implied by a company's full
name elsewhere), and the members of a list of enterprises (中显光电、鸿邦源等3家企业)."""

from __future__ import annotations

import re

from .spans import (
    BOUNDARY_SET,
    CLASSIFIERS,
    DETERMINERS,
    FOLLOW_SET,
    KNOWN_PLACES,
    POST_HEAD_SET,
    SCAN_STOPS,
    WEAK_BOUNDARY,
    Found,
    Lexicon,
    at_boundary,
    han,
    names_pattern,
    stem_start,
    suffix_ends,
    word_starts_at,
)
from .words import BARE_BODIES, GENERIC_ORG_STEMS, HOUSE_BODIES, NOT_NAMES, ORG_SUFFIXES, VENUE_CENTRES, VENUE_STEMS

_ORG_SUFFIX_SET = frozenset(ORG_SUFFIXES)
_ORG_LAST = frozenset(s[-1] for s in ORG_SUFFIXES)
_ORG_MAX_SUFFIX = max(map(len, ORG_SUFFIXES))
# a suffix that runs on into a word is no suffix (局长, 组织, 部署, 院士, 委员, 所以)
_REJECT_AFTER = {
    "局": ("长",), "部": ("长", "署", "门", "分"), "组": ("长", "织", "建", "成", "合", "团", "员"),
    "所": ("长", "以", "谓", "有", "在", "得", "属"), "厅": ("长",), "院": ("士", "长", "落", "子", "内"),
    "委": ("员",), "办": ("公", "理", "法", "事", "好", "成", "学", "的", "实"), "中心": ("城", "镇", "工作", "任务", "环节"),
    "厂": ("长", "房", "区", "家", "商"), "党委": ("会",), "支部": ("书",), "医院": ("长",), "分院": ("长",), "学校": ("长",),
    "政府": ("工作报告",), "小组": ("长",), "联络组": ("长",), "巡察组": ("长",), "工作组": ("长",), "公司": ("化",),
    "分会": ("场",),
}
# words ending like a suffix that are no organisation (干部, 格局, 主办, 场所, 网站, 区委常委)
_REJECT_WORDS = frozenset("干部 全部 内部 外部 局部 西部 东部 南部 北部 中部 头部 腹部 总部 俱乐部 本部 基部 顶部 底部 "
                          "格局 布局 结局 大局 当局 开局 终局 变局 全局 举办 主办 承办 创办 督办 交办 代办 帮办 包办 "
                          "开办 兴办 合办 协办 快办 场所 住所 厕所 处所 网站 驿站 车站 庭院 小院 大院 书院 两委 班组 "
                          "机组 大厅 客厅 餐厅 展厅 工厂 常委 编委 村委 居委 全委 各委".split())
_LEVELS = ("中共", "中国", "国家", "全国", "浙江", "区", "市", "省", "县", "镇", "乡", "村")
# 区政府第11次常务会议, 区委十四届五次全会: a body followed by an ordinal names a meeting
_MEETING_AFTER = re.compile(r"[第]?[0-9一二三四五六七八九十百]+[次届]")


def _org_start_ok(text: str, q: int, lex: Lexicon, anchors: set[int]) -> bool:
    """An organisation may start at q with a level (区 市 ...), a place or a body (found before it, or known),
    or with 驻 and a place (驻南京招商组)."""
    rest = text[q:]
    if rest.startswith(_LEVELS) or q in anchors:
        return True
    if rest.startswith("驻") and (q + 1 in anchors or _known_place_at(text, q + 1, lex)):
        return True
    return any(rest[:n] in KNOWN_PLACES or rest[:n] in lex.places or rest[:n] in lex.orgs for n in range(6, 1, -1))


def _known_place_at(text: str, q: int, lex: Lexicon) -> int:
    """The length of the longest known place at q (0: none)."""
    return next((n for n in range(6, 1, -1) if text[q:q + n] in KNOWN_PLACES or text[q:q + n] in lex.places), 0)


# the suffixes that may follow any short name at a boundary (豪龙水泥厂, 知联会); the others (局 委 办 部 组 院
# ...) need a level, a place or a known body before them
_FREE_SUFFIXES = frozenset("公司 有限公司 有限责任公司 股份有限公司 分公司 集团 控股 事务所 厂 合作社 协会 学会 商会 "
                           "联合会 联会 学社 研究会 促进会 中心 总会 分会".split()) | frozenset(VENUE_CENTRES)
# a firm's name: a place, a trade name, its trade (浙江六和律师事务所), where the trade name may hold a character
# that elsewhere ends a name (和, 与)
_FIRM_SUFFIXES = frozenset("公司 有限公司 有限责任公司 股份有限公司 集团 控股 事务所".split())


def find(text: str, lex: Lexicon, stops: set[int], places: list[Found]) -> list[Found]:
    """Organisations by suffix. A start at a level, place or known body is preferred (the leftmost such:
    区中医院医共体大洲分院); a company, association or 中心 may also follow a short name at a boundary."""
    place_starts = {f.start for f in places}
    place_ends = {f.end for f in places}
    out: list[Found] = []
    for e in suffix_ends(text, _ORG_LAST):
        # a body's sub-unit starts with it (农投集团智联小组), unless a level starts a new body (九学社省农科院)
        anchors = place_starts | {f.start for f in out if f.end <= e and not text.startswith(_LEVELS, f.end)}
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
        lo = stem_start(text, paren.start() if paren else ss, 24, stops)
        start = _org_start(text, lo, paren.start() if paren else ss, e, suffix, lex, anchors, place_ends)
        if start is None and suffix in _FIRM_SUFFIXES:
            start = _place_led_firm(text, ss, lex, stops, place_ends)
        if start is None:
            continue
        if start >= 2 and text[start - 2:start] == "中共":
            start -= 2
        name = text[start:e]
        if name in HOUSE_BODIES and word_starts_at(text, e, POST_HEAD_SET, 5):
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


def _org_start(text: str, lo: int, ss: int, e: int, suffix: str, lex: Lexicon, anchors: set[int],
               place_ends: set[int]) -> int | None:
    """Where the organisation whose suffix is text[ss:e] starts (lo: how far back its name may reach), or None."""
    venue = suffix in VENUE_CENTRES  # one venue, which a level alone may name (区会议中心, 文化艺术中心)

    def generic(stem: str) -> bool:  # 党群服务中心 is a kind of body
        return stem in GENERIC_ORG_STEMS and not (venue and stem in VENUE_STEMS)

    def clean(q: int) -> bool:
        stem = text[q:ss]
        return not (generic(stem) or any(c in DETERMINERS for c in stem)
                    or all(c in "省市区县" for c in stem) and stem != "" and not venue)

    for q in range(lo, ss + 1):
        if text[q:e] in BARE_BODIES or text[q:e] in lex.orgs:
            if at_boundary(text, q, place_ends) or (q > 0 and text[:q].endswith(ORG_SUFFIXES)):
                return q
        if q < ss and clean(q) and _org_start_ok(text, q, lex, anchors) and (
                at_boundary(text, q, place_ends) or (q > 0 and text[:q].endswith(ORG_SUFFIXES))):
            return q
    if suffix not in _FREE_SUFFIXES:
        return None
    longest = 14 if "公司" in suffix or suffix in ("集团", "控股") else 6
    for q in range(max(lo, ss - longest), ss):
        stem = text[q:ss]
        if not at_boundary(text, q, place_ends) or not clean(q) or generic(stem[:2]):
            continue
        if word_starts_at(text, q, SCAN_STOPS) or text[q] in WEAK_BOUNDARY or text[q] in CLASSIFIERS:
            continue
        if len(stem) >= (1 if len(suffix) > 1 else 2):
            return q
    return None


_LONG_STOPS = frozenset(w for w in SCAN_STOPS if len(w) > 1)


def _place_led_firm(text: str, ss: int, lex: Lexicon, stops: set[int], place_ends: set[int]) -> int | None:
    """The start of a firm's name ending at ss that begins with a place at a boundary and runs over a character
    that elsewhere ends a name (与浙江六和律师事务所): the place, then two to eight characters with no other place,
    no 、 and no word of two characters printed before names; None when there is no such start."""
    for q in range(max(0, ss - 14), ss - 3):
        n = _known_place_at(text, q, lex)
        rest = text[q + n:ss]
        if not n or len(rest) < 2 or not at_boundary(text, q, place_ends) or any(i in stops for i in range(q, ss)):
            continue
        if all(han(c) for c in rest) and not any(_known_place_at(text, i, lex) for i in range(q + n, ss)) and \
                not any(word_starts_at(text, i, _LONG_STOPS) for i in range(q + n, ss)):
            return q
    return None


_ALIAS = re.compile(r"简称(?:为)?[：:]?(?:[“\"「『]([\u4e00-\u9fff]{2,10})[”\"」』]|([\u4e00-\u9fff]{2,8})(?=[）)，,。；;、]))")


def aliases(text: str) -> list[Found]:
    """简称“浙大二院”, （简称：华东院）: the short name given for an organisation."""
    return [Found(m.group(m.lastindex), "org", m.start(m.lastindex), m.end(m.lastindex), how="alias")
            for m in _ALIAS.finditer(text)]


_AFTER_NAME = FOLLOW_SET | BOUNDARY_SET | POST_HEAD_SET


def known(text: str, lex: Lexicon, stops: set[int]) -> list[Found]:
    """The organisations the archive knows by name (a short name given or implied elsewhere: 浙大二院, 中显光电),
    where the name stands on its own: a boundary before it, and after a name of two characters punctuation or a
    word printed after names (中显等, not 中显示)."""
    if not lex.orgs:
        return []
    out = []
    for m in names_pattern(lex.orgs).finditer(text):
        s, e = m.start(), m.end()
        if any(i in stops for i in range(s, e)) or not at_boundary(text, s, set()):
            continue
        if e - s < 3 and e < len(text) and han(text[e]) and word_starts_at(text, e, _AFTER_NAME) is None:
            continue
        out.append(Found(m.group(), "org", s, e, how="known"))
    return out


# a list closed by what its members are: 中显光电、鸿邦源、川马等3家企业 (not 等企业负责人)
_ENUM_CLOSE = re.compile(r"等(?:[0-9一二三四五六七八九十两几多]+家)?(?:企业|公司|单位)"
                         r"(?!负责人|代表|家|主|员工|职工|老板|领导|干部|人|名)")


def enumerated(text: str, taken: set[int]) -> list[Found]:
    """The members of a list of enterprises or units (、 between them, 和/及 before the last, 等N家企业 or 等单位
    after it) that nothing else named: each an organisation of two to six characters."""
    out = []
    for m in _ENUM_CLOSE.finditer(text):
        items, end = [], m.start()
        while True:
            start = stem_start(text, end, 6)
            if end - start < 2:
                break
            items.append((start, end))
            sep = text[start - 1:start]
            if sep != "、" and not (sep in ("和", "及", "与") and len(items) == 1):
                break
            end = start - 1
        if len(items) < 2:
            continue
        for s, e in reversed(items):
            name = text[s:e]
            if any(i in taken for i in range(s, e)) or name in GENERIC_ORG_STEMS or name in NOT_NAMES or \
                    name in KNOWN_PLACES:
                continue
            out.append(Found(name, "org", s, e, how="list"))
    return out
