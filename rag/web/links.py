"""Links in the app's HTML, pure: a link that opens an article in the side panel (`#read:` + JSON of the article id
and the quote) or a name's page in the 人物·地点 tab (`#entity:` + JSON of the name and its kind), both read by
static/app.js (the chat's HTML sanitiser keeps `href` but drops `data-` attributes); the names of a text linked,
each once; and `esc`, which everything from the archive or a model passes through before it reaches the page.
"""

from __future__ import annotations

import html
import json
import urllib.parse
from collections.abc import Mapping, Sequence

READ_PREFIX = "#read:"
ENTITY_PREFIX = "#entity:"


def esc(text: object) -> str:
    """Text -> HTML-safe text: &, <, >, quotes escaped; None becomes ''."""
    return "" if text is None else html.escape(str(text), quote=True)


def read_link(article_id: str, quote: str) -> str:
    """The href of a link that opens an article in the side panel at `quote` (see static/app.js)."""
    return READ_PREFIX + urllib.parse.quote(json.dumps([article_id, quote], ensure_ascii=False), safe="")


def parse_read_link(ref: str) -> tuple[str, str]:
    """read_link(...) (with or without its leading #) -> (article_id, quote); ValueError when malformed."""
    ref = ref.strip()
    ref = ref[ref.index("read:") + len("read:"):] if "read:" in ref else ref
    value = json.loads(urllib.parse.unquote(ref))
    if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value)):
        raise ValueError("not an article link")
    return value[0], value[1]


def entity_link(name: str, kind: str = "") -> str:
    """The href of a link that opens the page of a name (kind person | place | org | ..., "" for its most reported
    kind) in the 人物·地点 tab (see static/app.js)."""
    return ENTITY_PREFIX + urllib.parse.quote(json.dumps([name, kind], ensure_ascii=False), safe="")


def parse_entity_link(ref: str) -> tuple[str, str]:
    """entity_link(...) (with or without its leading #) -> (name, kind); ValueError when malformed."""
    ref = ref.strip()
    ref = ref[ref.index("entity:") + len("entity:"):] if "entity:" in ref else ref
    value = json.loads(urllib.parse.unquote(ref))
    if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value) and value[0]):
        raise ValueError("not a name link")
    return value[0], value[1]


def name_spans(text: str, names: Mapping[str, str], done: set[str]) -> list[tuple[int, int, str]]:
    """(start, end, name) of the first occurrence in `text` of each name not yet in `done` (which gets them), longest
    names first, never overlapping (廿里 is not linked inside 廿里镇)."""
    taken: list[tuple[int, int, str]] = []
    for name in sorted(names, key=lambda n: (-len(n), n)):
        if name in done:
            continue
        at = text.find(name)
        while at >= 0 and any(a < at + len(name) and at < b for a, b, _ in taken):
            at = text.find(name, at + 1)
        if at >= 0:
            taken.append((at, at + len(name), name))
            done.add(name)
    return sorted(taken)


def _linked(text: str, start: int, end: int, links: Sequence[tuple[int, int, str]], names: Mapping[str, str]) -> str:
    """Escaped text[start:end] with the parts of `links` (start, end, name) inside it as links to their pages."""
    out, pos = [], start
    for a, b, name in links:
        a, b = max(a, start), min(b, end)
        if a >= b:
            continue
        out.append(esc(text[pos:a]))
        out.append(f'<a class="rag-name" href="{entity_link(name, names.get(name, ""))}">{esc(text[a:b])}</a>')
        pos = b
    out.append(esc(text[pos:end]))
    return "".join(out)


def decorate(text: str, links: Sequence[tuple[int, int, str]], names: Mapping[str, str],
             mark: tuple[int, int] | None = None, mark_id: bool = False) -> str:
    """Escaped text with the spans of `links` (start, end, name; sorted, not overlapping) as links to their pages
    and the span `mark` in one <mark> (id rag-hit when mark_id); a link across the mark's edge is drawn in two."""
    if not mark:
        return _linked(text, 0, len(text), links, names)
    a, b = mark
    hit = ' id="rag-hit"' if mark_id else ""
    return (f"{_linked(text, 0, a, links, names)}<mark{hit}>{_linked(text, a, b, links, names)}</mark>"
            f"{_linked(text, b, len(text), links, names)}")


def link_names(text: str, names: Mapping[str, str] | None, done: set[str] | None = None) -> str:
    """Escaped text in which the first occurrence of each name (name -> kind) not in `done` links to its page."""
    if not names:
        return esc(text)
    return decorate(text, name_spans(text, names, set() if done is None else done), names)
