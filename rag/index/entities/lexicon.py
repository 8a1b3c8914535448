"""What the archive knows of names: learned from anchored mentions and read from the user dictionary (pure but
for reading that file).

Learning is what lets a bare name count: 王建安代表浙大二院 names a person only because another sentence printed
him with his post. Only mentions the text itself anchors (a post, a byline, a list under 区领导, a suffix) are
learned, never names found through the lexicon, so a wrong guess does not feed itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from .people import credit_kind
from .spans import KNOWN_PLACES, Lexicon
from .words import COMPANY_FORMS, GENERIC_ORG_STEMS, NOT_NAMES, TRADE_WORDS

# jieba user dictionary tags: nr person, ns place, nt organisation
_TAGS = {"nr": "persons", "nrfg": "persons", "nrt": "persons", "ns": "places", "nt": "orgs"}
_PLACE_END = re.compile(r"(省|市|县|区|镇|乡|街道|村|社区|园|港区|新城|水库|江|溪)$")


def read_userdict(path: Path | None) -> Lexicon:
    """Names of a jieba user dictionary (one 'name [freq] [tag]' a line): tagged nr/ns/nt by their tag, untagged
    ones by their suffix (an organisation's or a place's); the rest are left to the tokenizer."""
    if path is None or not Path(path).is_file():
        return Lexicon()
    found: dict[str, set[str]] = {"persons": set(), "places": set(), "orgs": set()}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            continue
        name, tag = parts[0], (parts[-1] if len(parts) > 1 and not parts[-1].isdigit() else "")
        if tag in _TAGS:
            found[_TAGS[tag]].add(name)
        elif credit_kind(name) == "org":
            found["orgs"].add(name)
        elif _PLACE_END.search(name):
            found["places"].add(name)
    return Lexicon(frozenset(found["persons"]), frozenset(found["places"]), frozenset(found["orgs"]))


def learn(mentions: Iterable) -> Lexicon:
    """The names worth knowing from mentions (anything with name, kind and how): people the text anchors (a
    post, a byline, a list under 区领导; a verb of speech only for three-character names), organisations given a
    short name (简称“浙大二院”) or listed as enterprises (中显光电、鸿邦源等3家企业), and the short names a
    company's full name implies (浙江昉智连科技有限责任公司: 昉智连科技, 昉智连). Names found through the lexicon
    are not learned again."""
    persons, orgs = set(), set()
    for m in mentions:
        if m.kind == "person" and m.how not in ("known", "speech", "") and len(m.name) >= 2:
            persons.add(m.name)
        elif m.kind == "person" and m.how == "speech" and len(m.name) == 3:
            persons.add(m.name)
        elif m.kind == "org" and m.how in ("alias", "list"):
            orgs.add(m.name)
        elif m.kind == "org" and m.how == "suffix":
            orgs |= short_names(m.name)
    return Lexicon(frozenset(persons), frozenset(), frozenset(orgs))


_PLACE_HEAD = re.compile(r"^[\u4e00-\u9fff]{2,3}?(省|市|县|区)")
_PAREN = re.compile(r"[（(][\u4e00-\u9fff]{2,4}[)）]")


def short_names(full: str) -> set[str]:
    """The short names a company's full name implies: without the places it starts with (浙江, 衢州市衢江区), a
    place in brackets, its legal form (有限公司) and, one by one, the trades at its end (科技, 企业管理服务), as
    long as two characters or more are left. 中显光电科技(浙江)有限公司 gives 中显光电科技, 中显光电 and 中显.
    Nothing for a name that is no company's."""
    form = next((f for f in COMPANY_FORMS if full.endswith(f)), None)
    if form is None:
        return set()
    core = _PAREN.sub("", full[:-len(form)])
    while True:  # the longest place at its head, again (衢州市衢江区, 浦江县 before 浦江)
        m = _PLACE_HEAD.match(core)
        n = max(([m.end()] if m else []) + [k for k in range(2, 5) if core[:k] in KNOWN_PLACES], default=0)
        if not n or len(core) - n < 2:
            break
        core = core[n:]
    out: set[str] = set()
    while len(core) >= 2:
        if len(core) <= 6 and core not in KNOWN_PLACES and core not in NOT_NAMES and core not in GENERIC_ORG_STEMS and \
                core not in TRADE_WORDS:
            out.add(core)
        trade = next((w for w in TRADE_WORDS if core.endswith(w) and len(core) > len(w)), None)
        if trade is None:
            break
        core = core[:-len(trade)]
    return out
