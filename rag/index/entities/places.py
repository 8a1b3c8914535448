"""Places in a text (pure): administrative suffixes (镇 乡 街道 村 社区 县 市 省) with the stem their boundary
allows (在楼山后村, 和全旺村, 峡川镇后山村: a name may start where a known place ends), named areas (产业园, 港区,
水库, 古道, 作业区 ...; 工业平台 only after a known place), the gazetteer and the lexicon. Generic words with a suffix
(全镇, 乡村, 周边村) are no place."""

from __future__ import annotations

import re

from .spans import (
    CLASSIFIERS,
    DETERMINERS,
    KNOWN_PLACES,
    SCAN_STOPS,
    WEAK_BOUNDARY,
    Found,
    Lexicon,
    at_boundary,
    names_pattern,
    stem_start,
    suffix_ends,
    word_starts_at,
)
from .words import ADMIN_SUFFIXES, AREA_SUFFIXES, GAZETTEER, GENERIC_PLACES, PLACE_LED_AREAS

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
# generic areas a named place may follow (在城区信安大道北侧)
_AREA_WORDS = re.compile("城区|市区|镇区|辖区")


def find(text: str, lex: Lexicon, stops: set[int]) -> list[Found]:
    """Places by suffix and by name (gazetteer, lexicon)."""
    out: list[Found] = []
    known = KNOWN_PLACES | lex.places
    # a name may start where a known place or a generic area ends (永康园周村, 全旺镇里舍村, 城区信安大道)
    ends = {m.end() for m in names_pattern(known).finditer(text)} | {m.end() for m in _AREA_WORDS.finditer(text)}
    for e in suffix_ends(text, _PLACE_LAST):
        suffix = next((text[e - n:e] for n in range(min(_PLACE_MAX_SUFFIX, e), 0, -1)
                       if text[e - n:e] in _PLACE_SUFFIXES), None)
        if suffix is None or (e < len(text) and text[e] in _ADMIN_REJECT_AFTER.get(suffix, "")):
            continue
        ss = e - len(suffix)
        if ss > 0 and text[ss - 1] in _PLACE_DETERMINERS:
            continue  # 全镇, 各村, 我区
        if ss > 1 and text[ss - 1] in CLASSIFIERS and (text[ss - 2].isdigit() or text[ss - 2] in "一二三四五六七八九十两几多"):
            continue  # 4座小型水库, 8个行政村
        lo, hi = _PLACE_SUFFIXES[suffix]
        start = _place_stem(text, ss, lo, hi, stops, known, ends)
        if start is None:
            continue
        stem, name = text[start:ss], text[start:e]
        if name in GENERIC_PLACES or stem in _GENERIC_PLACE_STEMS or any(c in DETERMINERS for c in stem) or \
                stem[:1] in CLASSIFIERS or stem[:2] in ("多个", "几个", "一个", "两个"):
            continue
        if text[ss - 1:e] in GENERIC_PLACES and stem not in known and text[start - 1:start] != "、" and \
                start not in ends:
            continue  # 山村, 乡村: a name only where a clear boundary says so (、宝山村, 峡川镇后山村)
        if (suffix in ("区", "州", "港", "岛", "省", "江", "溪") or suffix in PLACE_LED_AREAS) and stem not in known:
            continue
        if stem not in known and any(c in "副正代常务" for c in stem):
            continue
        out.append(Found(name, "place", start, e, how="suffix"))
        ends.add(e)
    for m in names_pattern(known).finditer(text):
        if not any(j in stops for j in range(m.start(), m.end())):
            out.append(Found(m.group(), "place", m.start(), m.end(), how="gazetteer" if m.group() in GAZETTEER else "known"))
    return out

def _place_stem(text: str, ss: int, lo: int, hi: int, stops: set[int], known: frozenset[str],
                ends: set[int]) -> int | None:
    """Start of the name before a place suffix at ss: a known place ending there, else the longest stem in
    [lo, hi] that starts at a boundary (another place's end included) and not with a word printed before names."""
    for n in range(min(8, ss), 1, -1):
        if text[ss - n:ss] in known and (at_boundary(text, ss - n, ends) or n >= 3) and \
                not any(j in stops for j in range(ss - n, ss)):
            return ss - n
    floor = stem_start(text, ss, hi, stops)
    for n in range(hi, lo - 1, -1):
        s = ss - n
        if s < floor:
            continue
        if word_starts_at(text, s, SCAN_STOPS) is not None or (text[s] in WEAK_BOUNDARY and n > lo):
            continue
        if at_boundary(text, s, ends):
            return s
    return None
