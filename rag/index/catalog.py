"""The archive's catalog: sqlite (``<home>/catalog.sqlite``) of sources, articles, chunks, their keyword index,
a manifest and the write journal.

The catalog is the archive's ground truth. The keyword index (FTS5 over each chunk's jieba tokens, ranked by
BM25) lives in the same file and is written in the same transactions, so it always agrees with the chunks. Chroma
is derived from the chunks and written outside sqlite: the journal records which vector ids a write is about to
add or leave behind, so that an interrupted write is finished on the next open (rag.index.update). Every commit
that changes what the archive holds raises the manifest's ``generation``; long-lived readers compare it per
request and reopen what they cache. sqlite errors come out as CatalogError, with the file and what to check.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import shutil
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..errors import CatalogError
from ..ingest.chunk import date_int
from ..models import Article, Chunk, Hit, IssueText

SCHEMA = """
CREATE TABLE IF NOT EXISTS sources (
    source TEXT PRIMARY KEY, sha1 TEXT NOT NULL, date TEXT, issue_number TEXT, path TEXT, ingested_at TEXT);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, source TEXT NOT NULL, position INTEGER, title TEXT, body TEXT, date TEXT,
    date_int INTEGER, reporters TEXT, correspondents TEXT, title_inferred INTEGER, kind TEXT, author TEXT,
    issue_number TEXT, page INTEGER);
CREATE INDEX IF NOT EXISTS articles_source ON articles(source);
CREATE INDEX IF NOT EXISTS articles_date ON articles(date_int);
CREATE TABLE IF NOT EXISTS chunks (
    id TEXT PRIMARY KEY, article_id TEXT NOT NULL, idx INTEGER, text TEXT, start INTEGER, "end" INTEGER,
    tokens TEXT);
CREATE INDEX IF NOT EXISTS chunks_article ON chunks(article_id);
CREATE INDEX IF NOT EXISTS chunks_article_id ON chunks(article_id, id);
CREATE TABLE IF NOT EXISTS manifest (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS mentions (
    article_id TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL, post TEXT, role TEXT, how TEXT,
    "where" TEXT, start INTEGER, "end" INTEGER, sent_start INTEGER, sent_end INTEGER, date_int INTEGER);
CREATE INDEX IF NOT EXISTS mentions_name ON mentions(name);
CREATE INDEX IF NOT EXISTS mentions_name_kind ON mentions(name, kind);
CREATE INDEX IF NOT EXISTS mentions_article ON mentions(article_id);
CREATE TABLE IF NOT EXISTS sentences (
    article_id TEXT NOT NULL, text TEXT NOT NULL, vector BLOB NOT NULL, PRIMARY KEY (article_id, text));
CREATE VIRTUAL TABLE IF NOT EXISTS keywords USING fts5(tokens, tokenize='unicode61 remove_diacritics 0');
CREATE TABLE IF NOT EXISTS keyword_ids (rowid INTEGER PRIMARY KEY, chunk_id TEXT UNIQUE NOT NULL);
CREATE TABLE IF NOT EXISTS journal (id INTEGER PRIMARY KEY, op TEXT NOT NULL, chunk_ids TEXT NOT NULL,
    created TEXT NOT NULL);
"""

# Tables whose rows belong to one article (an article_id column): delete_articles removes their rows with the
# article, and check() finds rows whose article is gone. A new per-article table is named here and nowhere else.
PER_ARTICLE_TABLES = ("chunks", "mentions", "sentences")

_ARTICLE_COLS = ("id, source, position, title, body, date, date_int, reporters, correspondents, title_inferred, "
                 "kind, author, issue_number, page")


def _article_row(a: Article) -> tuple:
    return (a.id, a.source, a.position, a.title, a.body, a.date.isoformat(), date_int(a.date),
            json.dumps(list(a.reporters), ensure_ascii=False), json.dumps(list(a.correspondents), ensure_ascii=False),
            int(a.title_inferred), a.kind, a.author, a.issue_number, a.page)


def _article(row: sqlite3.Row) -> Article:
    return Article(id=row["id"], title=row["title"], body=row["body"], date=dt.date.fromisoformat(row["date"]),
                   source=row["source"], position=row["position"], reporters=tuple(json.loads(row["reporters"])),
                   correspondents=tuple(json.loads(row["correspondents"])), title_inferred=bool(row["title_inferred"]),
                   kind=row["kind"], author=row["author"], issue_number=row["issue_number"], page=row["page"])


def _in(n: int) -> str:
    return ",".join("?" * n)


class _Connection:
    """The sqlite3 connection of a catalog: statements return their rows, and every sqlite3 error comes out as a
    CatalogError naming the file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        with self._errors():
            # another process may hold the write lock of sqlite for a moment (WAL: only writers wait)
            self._db = sqlite3.connect(path, check_same_thread=False, timeout=30)
            self._db.row_factory = sqlite3.Row
            # journal_mode stays "delete", not WAL: a reader must open the catalog on a full disk (WAL creates files)

    @contextlib.contextmanager
    def _errors(self):
        try:
            yield
        except sqlite3.Error as e:
            if "full" in str(e) or shutil.disk_usage(self.path.parent).free < 10_000_000:
                raise CatalogError(f"the disk holding {self.path} is full ({e}); free some space (the archive is "
                                   "intact: the interrupted write is rolled back)") from e
            raise CatalogError(f"the archive catalog {self.path} cannot be read or written ({e}); check that "
                               "RAG_HOME is on a disk with free space this user may write to and that no other "
                               "program holds the file, or restore catalog.sqlite from a backup") from e

    def execute(self, sql: str, args: Sequence = ()) -> list[sqlite3.Row]:
        with self._errors():
            return self._db.execute(sql, args).fetchall()

    def executemany(self, sql: str, rows: Iterable[Sequence]) -> None:
        with self._errors():
            self._db.executemany(sql, rows)

    def executescript(self, sql: str) -> None:
        with self._errors():
            self._db.executescript(sql)

    @property
    def in_transaction(self) -> bool:
        return self._db.in_transaction

    def commit(self) -> None:
        with self._errors():
            self._db.commit()

    def rollback(self) -> None:
        with self._errors():
            self._db.rollback()

    def close(self) -> None:
        with self._errors():
            self._db.close()


def connect(path: Path) -> _Connection:
    """A connection of its own to a catalog file, for tables written in their own short transactions (the query
    log and feedback of rag.index.usage), so that they never commit half of an ingest."""
    return _Connection(path)


class Catalog:
    """sqlite catalog. Methods that write take effect at :meth:`commit` (or roll back with :meth:`rollback`)."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.db = _Connection(path)
        self.db.executescript(SCHEMA)
        self.db.commit()
        if self.get_meta("keyword_index") != "fts5":  # an archive from before the keyword index lived here
            self.db.execute("DELETE FROM keywords")
            self.db.execute("DELETE FROM keyword_ids")
            self.put_keywords([(r[0], json.loads(r[1])) for r in self.db.execute("SELECT id, tokens FROM chunks")])
            self.set_meta("keyword_index", "fts5")
            self.commit(publish=False)

    def close(self) -> None:
        self.db.close()

    def commit(self, publish: bool = True) -> None:
        """Commit what was written since the last commit. ``publish``: raise the generation in the same
        transaction (readers then reopen their caches); False for bookkeeping that changes no content."""
        if publish and self.db.in_transaction:
            self.db.execute("INSERT INTO manifest(key, value) VALUES('generation', '1') ON CONFLICT(key) "
                            "DO UPDATE SET value = CAST(value AS INTEGER) + 1")
        self.db.commit()

    def rollback(self) -> None:
        self.db.rollback()

    def generation(self) -> int:
        """How many content-changing commits the archive has seen (one cheap read; 0 for a new archive)."""
        rows = self.db.execute("SELECT value FROM manifest WHERE key='generation'")
        return int(rows[0][0]) if rows else 0

    # --- manifest --------------------------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        rows = self.db.execute("SELECT value FROM manifest WHERE key=?", (key,))
        return rows[0][0] if rows else None

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO manifest(key, value) VALUES(?, ?)", (key, value))

    # --- sources ---------------------------------------------------------------------------------
    def source(self, source: str) -> dict | None:
        """The stored row of a source file (source, sha1, date, issue_number, path, ingested_at), or None."""
        rows = self.db.execute("SELECT * FROM sources WHERE source=?", (source,))
        return dict(rows[0]) if rows else None

    def put_source(self, issue: IssueText) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO sources VALUES(?, ?, ?, ?, ?, ?)",
            (issue.source, issue.sha1, issue.date.isoformat() if issue.date else None, issue.issue_number,
             issue.path, dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")))

    def delete_source(self, source: str) -> None:
        self.db.execute("DELETE FROM sources WHERE source=?", (source,))

    def issues(self) -> list[dict]:
        """One dict per source: source, date, issue_number, articles (count), ingested_at; by date."""
        rows = self.db.execute(
            "SELECT s.source, s.date, s.issue_number, s.ingested_at, COUNT(a.id) AS articles FROM sources s "
            "LEFT JOIN articles a ON a.source = s.source GROUP BY s.source ORDER BY s.date, s.source")
        return [dict(r) for r in rows]

    # --- articles --------------------------------------------------------------------------------
    def article_ids(self, source: str | None = None) -> list[str]:
        if source is None:
            return [r[0] for r in self.db.execute("SELECT id FROM articles ORDER BY date_int, source, position")]
        return [r[0] for r in self.db.execute("SELECT id FROM articles WHERE source=? ORDER BY position", (source,))]

    def articles(self, date_from: dt.date | None = None, date_to: dt.date | None = None,
                 source: str | None = None, ids: Sequence[str] | None = None,
                 kind: str | None = None) -> list[Article]:
        """Articles in [date_from, date_to] (inclusive), of one source, with given ids, or of one kind (news,
        commentary, ...); by date and position."""
        if ids is not None and not ids:
            return []
        where, args = self._filters(date_from, date_to, [source] if source else None)
        if kind is not None:
            where.append("kind = ?")
            args.append(kind)
        if ids is not None:
            where.append(f"id IN ({_in(len(ids))})")
            args += list(ids)
        sql = f"SELECT {_ARTICLE_COLS} FROM articles"
        if where:
            sql += " WHERE " + " AND ".join(where)
        return [_article(r) for r in self.db.execute(sql + " ORDER BY date_int, source, position", args)]

    def put_articles(self, articles: Iterable[Article]) -> None:
        self.db.executemany(f"INSERT OR REPLACE INTO articles({_ARTICLE_COLS}) VALUES({_in(14)})",
                            [_article_row(a) for a in articles])

    def delete_articles(self, article_ids: Sequence[str]) -> None:
        """Remove articles with every row that belongs to them (PER_ARTICLE_TABLES, their chunks' keywords).
        The one place articles are deleted."""
        for i in range(0, len(article_ids), 500):
            part = list(article_ids[i:i + 500])
            chunk_ids = [r[0] for r in self.db.execute(
                f"SELECT id FROM chunks WHERE article_id IN ({_in(len(part))})", part)]
            self.delete_keywords(chunk_ids)
            for table in PER_ARTICLE_TABLES:
                self.db.execute(f"DELETE FROM {table} WHERE article_id IN ({_in(len(part))})", part)
            self.db.execute(f"DELETE FROM articles WHERE id IN ({_in(len(part))})", part)

    def delete_empty_sources(self) -> list[str]:
        """Remove the sources none of whose articles is left (all deleted by id); returns their names."""
        empty = [r[0] for r in self.db.execute(
            "SELECT source FROM sources WHERE source NOT IN (SELECT DISTINCT source FROM articles)")]
        for source in empty:
            self.delete_source(source)
        return empty

    # --- entity mentions (rows made by rag.index.entities) ------------------------------------------
    def put_mentions(self, rows: Iterable[Sequence]) -> None:
        """Add entity mention rows (article_id, name, kind, post, role, how, where, start, end, sent_start,
        sent_end, date_int), written with the articles they belong to."""
        self.db.executemany(f"INSERT INTO mentions VALUES({_in(12)})", rows)

    def delete_mentions(self, article_ids: Sequence[str]) -> None:
        """Remove the entity mentions of articles (before they are extracted again)."""
        for i in range(0, len(article_ids), 500):
            part = list(article_ids[i:i + 500])
            self.db.execute(f"DELETE FROM mentions WHERE article_id IN ({_in(len(part))})", part)

    def chunk_counts(self) -> dict[str, int]:
        """article id -> number of chunks."""
        return dict(self.db.execute("SELECT article_id, COUNT(*) FROM chunks GROUP BY article_id"))

    # --- sentence vectors (the answer engine's semantic evidence) ---------------------------------
    def put_sentences(self, rows: Iterable[tuple[str, str, bytes]]) -> None:
        """(article_id, shown sentence text, vector bytes) rows; written with the article in one transaction."""
        self.db.executemany("INSERT OR REPLACE INTO sentences VALUES(?, ?, ?)", list(rows))

    def sentence_vectors(self, article_ids: Sequence[str]) -> dict[tuple[str, str], bytes]:
        """(article_id, text) -> vector bytes of the given articles' sentences."""
        out: dict[tuple[str, str], bytes] = {}
        ids = list(dict.fromkeys(article_ids))
        for i in range(0, len(ids), 500):
            part = ids[i:i + 500]
            for row in self.db.execute(
                    f"SELECT article_id, text, vector FROM sentences WHERE article_id IN ({_in(len(part))})", part):
                out[(row[0], row[1])] = row[2]
        return out

    # --- chunks ----------------------------------------------------------------------------------
    def put_chunks(self, chunks: Iterable[Chunk], tokens: Iterable[list[str]]) -> None:
        """Store chunks with their keyword tokens (indexed at once, in the same transaction)."""
        rows = [(c.id, c.article_id, c.index, c.text, c.start, c.end, json.dumps(t, ensure_ascii=False))
                for c, t in zip(chunks, tokens, strict=True)]
        self.db.executemany("INSERT OR REPLACE INTO chunks VALUES(?, ?, ?, ?, ?, ?, ?)", rows)
        self.put_keywords([(r[0], json.loads(r[6])) for r in rows])

    def chunk_rows(self, chunk_ids: Sequence[str] | None = None, article_id: str | None = None) -> list[dict]:
        """Chunk rows (id, article_id, idx, text, start, end) joined with no tokens; by article and index."""
        sql = 'SELECT id, article_id, idx, text, start, "end" FROM chunks'
        args: list = []
        if chunk_ids is not None:
            if not chunk_ids:
                return []
            sql += f" WHERE id IN ({_in(len(chunk_ids))})"
            args = list(chunk_ids)
        elif article_id is not None:
            sql += " WHERE article_id=?"
            args = [article_id]
        return [dict(r) for r in self.db.execute(sql + " ORDER BY article_id, idx", args)]

    def chunk_ids(self, article_ids: Sequence[str] | None = None) -> list[str]:
        if article_ids is None:
            return [r[0] for r in self.db.execute("SELECT id FROM chunks ORDER BY id")]
        out: list[str] = []
        for i in range(0, len(article_ids), 500):
            part = list(article_ids[i:i + 500])
            out += [r[0] for r in self.db.execute(f"SELECT id FROM chunks WHERE article_id IN ({_in(len(part))})",
                                                  part)]
        return out

    def chunk_ids_in(self, chunk_ids: Sequence[str]) -> list[str]:
        """Those of ``chunk_ids`` the catalog holds."""
        out: list[str] = []
        for i in range(0, len(chunk_ids), 500):
            part = list(chunk_ids[i:i + 500])
            out += [r[0] for r in self.db.execute(f"SELECT id FROM chunks WHERE id IN ({_in(len(part))})", part)]
        return out

    def chunks_mentioning(self, words: Sequence[str]) -> list[tuple[str, str, str, list[str]]]:
        """(chunk id, article title, chunk text, the names its byline credits: reporters, correspondents and a
        commentary's author) of chunks whose title or text contains any of ``words``."""
        if not words:
            return []
        cond = " OR ".join(["instr(a.title, ?) > 0 OR instr(c.text, ?) > 0"] * len(words))
        args = [w for w in words for _ in (0, 1)]
        sql = (f"SELECT c.id, a.title, c.text, a.reporters, a.correspondents, a.author FROM chunks c "
               f"JOIN articles a ON a.id = c.article_id WHERE {cond}")
        return [(r[0], r[1], r[2], [*json.loads(r[3] or "[]"), *json.loads(r[4] or "[]"), *([r[5]] if r[5] else [])])
                for r in self.db.execute(sql, args)]

    def set_tokens(self, rows: Iterable[tuple[str, list[str]]]) -> None:
        """Replace the keyword tokens of chunks: rows of (chunk id, tokens)."""
        rows = list(rows)
        self.db.executemany("UPDATE chunks SET tokens=? WHERE id=?",
                            [(json.dumps(t, ensure_ascii=False), i) for i, t in rows])
        self.put_keywords(rows)

    # --- keyword index (FTS5 over jieba tokens) ------------------------------------------------
    def put_keywords(self, rows: Sequence[tuple[str, list[str]]]) -> None:
        """Index (chunk id, tokens) rows, replacing what a chunk had."""
        self.delete_keywords([i for i, _ in rows])
        for chunk_id, tokens in rows:
            self.db.execute("INSERT INTO keyword_ids(chunk_id) VALUES(?)", (chunk_id,))
            self.db.execute("INSERT INTO keywords(rowid, tokens) VALUES(last_insert_rowid(), ?)", (" ".join(tokens),))

    def delete_keywords(self, chunk_ids: Sequence[str]) -> None:
        for i in range(0, len(chunk_ids), 500):
            part = list(chunk_ids[i:i + 500])
            self.db.execute(f"DELETE FROM keywords WHERE rowid IN (SELECT rowid FROM keyword_ids WHERE chunk_id IN "
                            f"({_in(len(part))}))", part)
            self.db.execute(f"DELETE FROM keyword_ids WHERE chunk_id IN ({_in(len(part))})", part)

    def keyword_chunk_ids(self) -> list[str]:
        """Chunk ids the keyword index holds (sorted)."""
        return [r[0] for r in self.db.execute("SELECT chunk_id FROM keyword_ids ORDER BY chunk_id")]

    def search_keywords(self, tokens: Sequence[str], k: int, date_from: dt.date | None = None,
                        date_to: dt.date | None = None, sources: Sequence[str] | None = None) -> list[tuple[str, float]]:
        """The ``k`` best chunks for query tokens by BM25 (any token may match; a repeated token counts again) as
        (chunk id, score > 0), best first, within the date/source filters."""
        if k <= 0 or not tokens:
            return []
        query = " OR ".join('"' + t.replace('"', '""') + '"' for t in tokens)
        within, args = self._within(date_from, date_to, sources)
        sql = "SELECT k.chunk_id, -bm25(keywords) FROM keywords JOIN keyword_ids k ON k.rowid = keywords.rowid "
        sql += "WHERE keywords MATCH ? "
        if within:  # the chunks within the filters first (indexed), not a join per match (5x slower at 100k chunks)
            sql += f"AND k.chunk_id IN ({within}) "
        sql += "ORDER BY bm25(keywords) LIMIT ?"
        return [(r[0], r[1]) for r in self.db.execute(sql, [query, *args, k]) if r[1] > 0]

    # --- journal of writes outside sqlite (Chroma) ----------------------------------------------
    def journal_add(self, op: str, chunk_ids: Sequence[str]) -> int:
        """Record that a write is about to add (op "add") or leave behind (op "delete") these vector ids; the
        entry takes effect with the next commit. Returns its id."""
        self.db.execute("INSERT INTO journal(op, chunk_ids, created) VALUES(?, ?, ?)",
                        (op, json.dumps(list(chunk_ids)), dt.datetime.now(dt.timezone.utc).isoformat()))
        return self.db.execute("SELECT last_insert_rowid()")[0][0]

    def journal_done(self, entry: int) -> None:
        self.db.execute("DELETE FROM journal WHERE id=?", (entry,))

    def journal(self) -> list[tuple[int, str, list[str]]]:
        """Unfinished entries: (id, op, chunk ids), oldest first."""
        return [(r[0], r[1], json.loads(r[2])) for r in self.db.execute("SELECT id, op, chunk_ids FROM journal "
                                                                        "ORDER BY id")]

    def orphan_rows(self) -> dict[str, int]:
        """Per-article table -> rows whose article is gone, and "keywords" -> keyword rows whose chunk is gone."""
        out = {t: self.db.execute(f"SELECT COUNT(*) FROM {t} WHERE article_id NOT IN (SELECT id FROM articles)")[0][0]
               for t in PER_ARTICLE_TABLES}
        out["keywords"] = self.db.execute("SELECT COUNT(*) FROM keyword_ids WHERE chunk_id NOT IN "
                                          "(SELECT id FROM chunks)")[0][0]
        return out

    def delete_orphan_rows(self) -> None:
        """Remove what orphan_rows counts, and reindex keywords of chunks the index lacks."""
        for table in PER_ARTICLE_TABLES:
            self.db.execute(f"DELETE FROM {table} WHERE article_id NOT IN (SELECT id FROM articles)")
        gone = [r[0] for r in self.db.execute("SELECT chunk_id FROM keyword_ids WHERE chunk_id NOT IN "
                                              "(SELECT id FROM chunks)")]
        self.delete_keywords(gone)
        missing = self.db.execute("SELECT id, tokens FROM chunks WHERE id NOT IN (SELECT chunk_id FROM keyword_ids)")
        self.put_keywords([(r[0], json.loads(r[1])) for r in missing])

    def stored_date(self, source: str, sha1: str) -> dt.date | None:
        """The date this exact file (same name and content) was ingested with, if it was."""
        prev = self.source(source)
        return dt.date.fromisoformat(prev["date"]) if prev and prev["sha1"] == sha1 and prev["date"] else None

    def chunk_ids_within(self, date_from: dt.date | None, date_to: dt.date | None,
                         sources: Sequence[str] | None) -> list[str]:
        """Ids of the chunks whose article matches the filters (issue dates inclusive, sources); every chunk id
        when there is no filter. Indexed: milliseconds for a month of a 100k-chunk archive."""
        within, args = self._within(date_from, date_to, sources)
        return [r[0] for r in self.db.execute(within or "SELECT id FROM chunks", args)]

    def hits(self, scored: list[tuple[str, float]]) -> list[Hit]:
        """(chunk id, score) pairs -> Hits with their article's metadata, in the given order; ids the catalog
        does not know are dropped."""
        rows = {r["id"]: r for r in self.chunk_rows([i for i, _ in scored])}
        arts = {a.id: a for a in self.articles(ids=list({r["article_id"] for r in rows.values()}))}
        hits = []
        for chunk_id, score in scored:
            row = rows.get(chunk_id)
            art = arts.get(row["article_id"]) if row else None
            if art is None:  # a vector the catalog does not know (left by an interrupted write): never shown
                continue
            hits.append(Hit(chunk_id=chunk_id, article_id=art.id, text=row["text"], score=score, title=art.title,
                            date=art.date, source=art.source, reporters=art.reporters,
                            correspondents=art.correspondents, start=row["start"],
                            end=row["end"], author=art.author, issue_number=art.issue_number, kind=art.kind))
        return hits

    def newest_date(self) -> dt.date | None:
        """The newest article's issue date, or None when there is none."""
        value = self.db.execute("SELECT MAX(date_int) FROM articles")[0][0]
        return dt.date(value // 10000, value // 100 % 100, value % 100) if value else None

    def counts(self) -> dict[str, int]:
        one = lambda sql: self.db.execute(sql)[0][0]  # noqa: E731
        return {"issues": one("SELECT COUNT(*) FROM sources"), "articles": one("SELECT COUNT(*) FROM articles"),
                "chunks": one("SELECT COUNT(*) FROM chunks"), "sentences": one("SELECT COUNT(*) FROM sentences")}

    @classmethod
    def _within(cls, date_from: dt.date | None, date_to: dt.date | None,
                sources: Sequence[str] | None) -> tuple[str, list]:
        """(a SELECT of the ids of the chunks within the filters, its arguments); ("", []) with no filter."""
        where, args = cls._filters(date_from, date_to, sources)
        if not where:
            return "", []
        return ("SELECT c.id FROM articles a JOIN chunks c ON c.article_id = a.id WHERE " + " AND ".join(where),
                args)

    @staticmethod
    def _filters(date_from: dt.date | None, date_to: dt.date | None,
                 sources: Sequence[str] | None) -> tuple[list[str], list]:
        where: list[str] = []
        args: list = []
        if date_from:
            where.append("date_int >= ?")
            args.append(date_int(date_from))
        if date_to:
            where.append("date_int <= ?")
            args.append(date_int(date_to))
        if sources:
            where.append(f"source IN ({_in(len(sources))})")
            args += list(sources)
        return where, args
