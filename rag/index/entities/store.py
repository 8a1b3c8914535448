"""The entity index's rows in the catalog (table ``mentions``) and the look-ups over them.

Rows are written and deleted by the catalog itself (Catalog.put_mentions, and Catalog.delete_articles deletes an
article's mentions with it), in the same transaction as the article rows. A row keeps where the mention is (title,
body or byline), its span and its sentence's span, not the sentence: the sentence is cut from the article when a
timeline is shown, which keeps the index small.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ...ingest.chunk import date_int
from ...models import Article, EntityName, Mention
from ...text import sound, with_quote
from ..catalog import Catalog
from .extract import Lexicon
from .lexicon import learn

# of the extractor; an archive whose mentions were made by another version is re-extracted. 2: a mention in a
# list (award winners) keeps its list's label as its sentence; 3: organisation and place recall (short names,
# lists of enterprises, facilities, named areas)
VERSION = "3"
_CONTAINED = re.compile(r"(镇|乡|街道|村|社区|县|市|园|园区|港区|新城|办事处)$")  # places named inside longer names


@dataclass(frozen=True)
class StoredMention:
    """One row of ``mentions``: a mention of an article, where it is and the span of its sentence."""

    article_id: str
    name: str
    kind: str
    post: str | None
    role: str | None
    how: str
    where: str  # title | body | byline
    start: int
    end: int
    sent_start: int
    sent_end: int

    def row(self, day: dt.date) -> tuple:
        return (self.article_id, self.name, self.kind, self.post, self.role, self.how, self.where, self.start,
                self.end, self.sent_start, self.sent_end, date_int(day))


COLUMNS = 'article_id, name, kind, post, role, how, "where", start, "end", sent_start, sent_end'


def _stored(row) -> StoredMention:
    return StoredMention(*(row[i] for i in range(11)))


def _surname_range(name: str) -> tuple[str, str]:
    """The bounds of the names that start with name's first character (an index range: 刘 <= name < the next)."""
    return name[0], chr(ord(name[0]) + 1)


def to_mention(m: StoredMention, article: Article) -> Mention:
    """A stored mention as the dataclass staff-facing code gets: with its article's title, date, source and the
    sentence that names it (the headline for a headline or a byline)."""
    if m.where == "body":
        sentence = with_quote(article.body, m.sent_start, m.sent_end)  # (叶尔军表示。 with what he said)
    else:
        sentence = article.title
    return Mention(name=m.name, kind=m.kind, article_id=m.article_id, title=article.title, date=article.date,
                   source=article.source, sentence=sentence, post=m.post, role=m.role, where=m.where)


class EntityIndex:
    """Reads of the entity index of one catalog."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.db = catalog.db

    def learned(self) -> Lexicon:
        """The names the archive has learned from its own text (see lexicon.learn)."""
        rows = self.db.execute("SELECT DISTINCT name, kind, how FROM mentions WHERE how NOT IN ('known', '')")
        return learn(_Row(r[0], r[1], r[2]) for r in rows)

    def count(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM mentions")[0][0]

    def of_name(self, name: str, kinds: Sequence[str] | None = None) -> list[StoredMention]:
        """Every stored mention of a name, by article date and position in the article. A town, village or park
        is also mentioned inside a longer place or body (杜泽镇 in 衢江区杜泽镇白水村, 廿里镇 in 廿里镇党委)."""
        sql = f"SELECT {COLUMNS} FROM mentions WHERE name=?"
        args: list = [name]
        if len(name) >= 3 and _CONTAINED.search(name):
            sql = f"SELECT {COLUMNS} FROM mentions WHERE (name=? OR (kind IN ('place', 'org') AND instr(name, ?) > 0))"
            args = [name, name]
        if kinds:
            sql += f" AND kind IN ({','.join('?' * len(kinds))})"
            args += list(kinds)
        return [_stored(r) for r in self.db.execute(sql + ' ORDER BY date_int, article_id, "where" DESC, start', args)]

    def of_articles(self, article_ids: Sequence[str]) -> list[StoredMention]:
        """The mentions of some articles, in article order and text order."""
        out: list[StoredMention] = []
        for part in _parts(article_ids):
            out += [_stored(r) for r in self.db.execute(
                f"SELECT {COLUMNS} FROM mentions WHERE article_id IN ({','.join('?' * len(part))}) "
                'ORDER BY article_id, "where" DESC, start', part)]
        return out

    def with_post(self, post: str) -> list[StoredMention]:
        """People printed with a post that ends with ``post`` (区委书记 finds 区委书记 and 衢江区委书记, not
        区委副书记), newest first."""
        rows = self.db.execute(f"SELECT {COLUMNS} FROM mentions WHERE kind='person' AND post LIKE ? "
                               "ORDER BY date_int DESC, article_id, start", (f"%{post}",))
        return [m for m in map(_stored, rows) if re.search(rf"(^|、|[^副]){re.escape(post)}$", m.post or "")]

    def names(self, query: str = "", kind: str | None = None, limit: int = 50) -> list[EntityName]:
        """Names containing ``query`` (all when empty), of one kind or all, the most reported first."""
        where, args = ["name LIKE ?"], [f"%{query}%"]
        if kind:
            where.append("kind=?")
            args.append(kind)
        rows = self.db.execute(
            "SELECT name, kind, COUNT(DISTINCT article_id), MIN(date_int), MAX(date_int) FROM mentions "
            f"WHERE {' AND '.join(where)} AND role IS NOT 'reporter' GROUP BY name, kind "
            "ORDER BY COUNT(DISTINCT article_id) DESC, name LIMIT ?", [*args, limit])
        return [EntityName(r[0], r[1], r[2], day_of(r[3]), day_of(r[4])) for r in rows]

    def people_one_off(self, name: str) -> list[str]:
        """People's names the index holds that differ from a three-character ``name`` in its given name by one
        character (毛小荣 -> 毛晓荣): what an input-method homophone makes of a name."""
        if len(name) != 3:
            return []
        rows = self.db.execute(
            "SELECT DISTINCT name FROM mentions WHERE name>=? AND name<? AND kind='person' AND length(name)=3 AND "
            "name<>? AND ((substr(name, 1, 2)=? AND substr(name, 3, 1)<>?) OR substr(name, 3, 1)=?)",
            [*_surname_range(name), name, name[:2], name[2], name[2]])
        return [r[0] for r in rows]

    def people_sounding(self, name: str) -> list[str]:
        """People's names the index holds that sound like ``name`` and share its surname and length (刘伟 -> 刘威,
        林南 -> 林楠): an input method's homophone of a two-character name, or of a longer one."""
        rows = self.db.execute("SELECT DISTINCT name FROM mentions WHERE name>=? AND name<? AND kind='person' AND "
                               "length(name)=? AND name<>?", [*_surname_range(name), len(name), name])
        return [r[0] for r in rows if sound(r[0]) == sound(name)]

    def kinds_of(self, names: Sequence[str], kinds: Sequence[str] = ("person", "place", "org")) -> dict[str, str]:
        """Which of ``names`` the index holds, each with its most reported kind (of ``kinds``)."""
        counts: dict[str, dict[str, int]] = {}
        for part in _parts(names):
            for name, kind, n in self.db.execute(
                    f"SELECT name, kind, COUNT(*) FROM mentions WHERE name IN ({','.join('?' * len(part))}) "
                    f"AND kind IN ({','.join('?' * len(kinds))}) GROUP BY name, kind", [*part, *kinds]):
                counts.setdefault(name, {})[kind] = n
        return {name: max(by, key=by.get) for name, by in counts.items()}

    def rows_between(self, kinds: Sequence[str], date_from: dt.date, date_to: dt.date) -> list[tuple[str, int, str, str]]:
        """(article id, issue date as int, name, kind) of mentions of given kinds in a date range."""
        return [(r[0], r[1], r[2], r[3]) for r in self.db.execute(
            f"SELECT DISTINCT article_id, date_int, name, kind FROM mentions WHERE kind IN "
            f"({','.join('?' * len(kinds))}) AND date_int BETWEEN ? AND ?",
            [*kinds, date_int(date_from), date_int(date_to)])]

    def document_frequency(self, names: Sequence[str]) -> dict[str, int]:
        """Name -> number of articles naming it."""
        out: dict[str, int] = {}
        for part in _parts(names):
            out.update(dict(self.db.execute(
                f"SELECT name, COUNT(DISTINCT article_id) FROM mentions WHERE name IN ({','.join('?' * len(part))}) "
                "GROUP BY name", part)))
        return out

    def articles_naming(self, names: Sequence[str], exclude: str) -> dict[str, set[str]]:
        """Article id -> the given names it holds (other than ``exclude``)."""
        out: dict[str, set[str]] = {}
        for part in _parts(names):
            for aid, name in self.db.execute(
                    f"SELECT DISTINCT article_id, name FROM mentions WHERE name IN ({','.join('?' * len(part))}) "
                    "AND article_id != ? AND role IS NOT 'reporter'", [*part, exclude]):
                out.setdefault(aid, set()).add(name)
        return out


@dataclass(frozen=True)
class _Row:
    name: str
    kind: str
    how: str


def _parts(items: Sequence[str], size: int = 500) -> list[list[str]]:
    """Items in parts small enough for one sqlite IN (...)."""
    return [list(items[i:i + size]) for i in range(0, len(items), size)]


def day_of(value: int) -> dt.date:
    """A date stored as an int (20231215)."""
    return dt.date(value // 10000, value // 100 % 100, value % 100)
