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
from .spans import Lexicon

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
    post, a byline, a list under 区领导; a verb of speech only for three-character names) and organisations given
    a short name (简称“浙大二院”). Names found through the lexicon are not learned again."""
    persons, orgs = set(), set()
    for m in mentions:
        if m.kind == "person" and m.how not in ("known", "speech", "") and len(m.name) >= 2:
            persons.add(m.name)
        elif m.kind == "person" and m.how == "speech" and len(m.name) == 3:
            persons.add(m.name)
        elif m.kind == "org" and m.how == "alias":
            orgs.add(m.name)
    return Lexicon(frozenset(persons), frozenset(), frozenset(orgs))
