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

from ...ingest.bylines import ORG_SUFFIX
from ...models import Article
from ...text import sentence_spans
from .extract import Found, Lexicon, extract
from .words import GAZETTEER

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
        elif re.search(ORG_SUFFIX + "$", name):
            found["orgs"].add(name)
        elif _PLACE_END.search(name):
            found["places"].add(name)
    return Lexicon(frozenset(found["persons"]), frozenset(found["places"]), frozenset(found["orgs"]))


def learn(mentions: Iterable) -> Lexicon:
    """The names worth knowing from mentions (Found or stored rows with name/kind/how): people anchored by the
    text, organisations given a short name (简称), places by suffix."""
    persons, places, orgs = set(), set(), set()
    for m in mentions:
        name = getattr(m, "name", None) or m.text
        kind, how = m.kind, m.how
        if kind == "person" and how not in ("known", "speech") and len(name) >= 2:
            persons.add(name)
        elif kind == "person" and how == "speech" and len(name) == 3:
            persons.add(name)
        elif kind == "org" and how == "alias":
            orgs.add(name)
    return Lexicon(frozenset(persons), frozenset(places), frozenset(orgs))


def extract_article(article: Article, lexicon: Lexicon) -> list:
    """Mentions of one article: its byline people (reporters), its signature (author), its title and its body."""
    from .store import Mention

    out: list[Mention] = []
    for name in (*article.reporters, *article.correspondents):
        kind = "org" if re.search(ORG_SUFFIX + "$", name) and len(name) > 3 else "person"
        out.append(Mention(article.id, name, kind, None, "reporter" if kind == "person" else None, "byline",
                           "byline", 0, 0, 0, 0))
    if article.author:
        out.append(Mention(article.id, article.author, "person", None, "author", "signature", "byline", 0, 0, 0, 0))
    for where, text in (("title", article.title), ("body", article.body)):
        spans = sentence_spans(text)
        for f in extract(text, lexicon):
            s0, s1 = next(((a, b) for a, b in spans if a <= f.start < b), (0, len(text)))
            out.append(Mention(article.id, f.text, f.kind, f.post, f.role, f.how, where, f.start, f.end, s0, s1))
    return out
