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
  (局 委 办 部 组 ...) must start with a level (区 市 省 县 镇 乡), a known place or a body; the house bodies
  (区委, 区政府 ...) inside a rank title are not organisations (区委书记). Without a suffix: a short name given
  (简称“浙大二院”) or known to the archive (中显光电, from 中显光电科技（浙江）有限公司), and the members of a list
  of enterprises (中显光电、鸿邦源等3家企业).
- places: administrative suffixes (镇 乡 街道 村 社区 县 市 省), named areas (产业园, 港区, 水库, 古道, 作业区,
  未来社区 ...), the gazetteer and the lexicon; touching places are one place (杜泽镇潜灵村, 永康园周村). Inside the
  name of a facility or project only a place printed with its suffix counts (杜泽镇 in 杜泽镇杜泽公路服务站).

A name starts where a boundary is: punctuation, the start of the text, a word printed before names (来到, 调研,
在 ...) or the end of another entity. The maximal span wins: nothing inside an organisation is a place.
"""

from __future__ import annotations

import re

from . import orgs as _orgs
from . import people as _people
from . import places as _places
from .spans import EMPTY, KINDS, Found, Lexicon, covered, name_start, stem_start
from .words import ADMIN_SUFFIXES, FACILITY_ENDS, MEETING_ENDS

__all__ = ["KINDS", "Found", "Lexicon", "extract", "name_start"]

_MEETING = re.compile("(" + "|".join(MEETING_ENDS) + ")(?!中心|室|厅|楼|场|桌|纪要)")  # not 区会议中心


_FACILITY = re.compile("|".join(FACILITY_ENDS))
_ADMIN_ENDS = tuple(ADMIN_SUFFIXES)


def _facility_names(text: str) -> set[int]:
    """Where the names of facilities and projects are (the name before 服务站, 综合体, 项目 ...)."""
    out: set[int] = set()
    for m in _FACILITY.finditer(text):
        out.update(range(name_start(text, m.start(), 16), m.start()))
    return out


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
    for m in _MEETING.finditer(text):
        p = stem_start(text, m.start(), 40, extra="0123456789（）()", word_at_end=False)
        if p < m.start():
            out.update(range(p, m.end()))
    return out


def extract(text: str, lexicon: Lexicon = EMPTY) -> list[Found]:
    """Every person, place and organisation mention in ``text``, in text order (see the module docstring)."""
    credits = _people.credits(text)
    anchored = _people.anchored(text, lexicon, credits)
    known = lexicon.persons | frozenset(f.text for f in anchored)
    people = anchored + _people.known(text, known, credits + anchored)
    _people.lists(text, known, people, covered(credits))
    stops = covered(credits + people) | _unnamed_spans(text)
    facilities = _facility_names(text)
    places = [f for f in _places.find(text, lexicon, stops)
              if f.how == "suffix" or len(f.text) > 2 and f.text.endswith(_ADMIN_ENDS)
              or not any(i in facilities for i in range(f.start, f.end))]
    orgs = _orgs.find(text, lexicon, stops, places) + _orgs.aliases(text) + _orgs.known(text, lexicon, stops)
    orgs += _orgs.enumerated(text, stops | covered(places + orgs))
    return _resolve(credits + people + places + orgs)
