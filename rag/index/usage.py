"""What staff asked and what they thought of the answers: the query log and feedback, kept in the archive's sqlite
file (catalog.sqlite) next to the catalog, on a connection of their own.

Each feedback row carries its own copy of the question, answer, citations and engine, so that it still says what
was judged after the query log is pruned or the cited issue deleted. `rag feedback export` turns the rows into
eval candidates (rag.eval.candidates).
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Sequence
from pathlib import Path

from ..errors import NotFoundError
from ..models import Answer
from .catalog import connect

SCHEMA = """
CREATE TABLE IF NOT EXISTS queries (
    id INTEGER PRIMARY KEY AUTOINCREMENT, asked_at TEXT NOT NULL, question TEXT NOT NULL, answer TEXT,
    refused INTEGER, engine TEXT, citations TEXT, history TEXT, seconds REAL, date_from TEXT, date_to TEXT);
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT, query_id INTEGER, at TEXT NOT NULL, good INTEGER NOT NULL, note TEXT,
    correction TEXT, asked_at TEXT, question TEXT, answer TEXT, refused INTEGER, engine TEXT, citations TEXT,
    history TEXT);
CREATE INDEX IF NOT EXISTS feedback_query ON feedback(query_id);
"""
# what a feedback row copies from its query
_COPIED = "asked_at, question, answer, refused, engine, citations, history"


def _now() -> str:
    """Local time with its UTC offset: the day in it is the day staff asked (for 上周, 本月 in an eval item)."""
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def _row(row) -> dict:
    out = dict(row)
    for key in ("citations", "history"):
        if key in out:
            out[key] = json.loads(out[key] or "[]")
    for key in ("refused", "good"):
        if key in out and out[key] is not None:
            out[key] = bool(out[key])
    return out


class UsageLog:
    """Query log and feedback tables of one archive's sqlite file. Thread-safe; each write commits at once."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = connect(path)
        with self._lock:
            self._db.executescript(SCHEMA)
            self._db.commit()

    def close(self) -> None:
        self._db.close()

    def _write(self, sql: str, args: Sequence) -> int:
        """Run one statement and commit; returns the id of the row written."""
        with self._lock:
            self._db.execute(sql, args)
            last = self._db.execute("SELECT last_insert_rowid()")[0][0]
            self._db.commit()
            return int(last)

    def log_query(self, answer: Answer, seconds: float, history: Sequence[str] = ()) -> int:
        """Store one answered question (its citations without the chunk text); returns the query id."""
        citations = [{k: v for k, v in c.to_json().items() if k != "chunk"} for c in answer.citations]
        return self._write(
            "INSERT INTO queries(asked_at, question, answer, refused, engine, citations, history, seconds, "
            "date_from, date_to) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (_now(), answer.question, answer.answer, int(answer.refused), answer.engine,
             json.dumps(citations, ensure_ascii=False), json.dumps(list(history), ensure_ascii=False),
             round(seconds, 3), answer.date_from.isoformat() if answer.date_from else None,
             answer.date_to.isoformat() if answer.date_to else None))

    def add_feedback(self, query_id: int, good: bool, note: str = "", correction: str = "") -> int:
        """Store a 👍 (good) or 👎 on a logged answer, copying its question, answer, citations and engine; returns
        the feedback id. NotFoundError for an unknown query id."""
        with self._lock:
            if not self._db.execute("SELECT 1 FROM queries WHERE id=?", (query_id,)):
                raise NotFoundError(f"no query {query_id} in the query log")
        return self._write(
            f"INSERT INTO feedback(query_id, at, good, note, correction, {_COPIED}) "
            f"SELECT id, ?, ?, ?, ?, {_COPIED} FROM queries WHERE id=?",
            (_now(), int(good), note.strip(), correction.strip(), query_id))

    def update_feedback(self, feedback_id: int, good: bool, note: str = "", correction: str = "") -> None:
        """Change the verdict, note and right answer of a feedback row. NotFoundError for an unknown id."""
        with self._lock:
            if not self._db.execute("SELECT 1 FROM feedback WHERE id=?", (feedback_id,)):
                raise NotFoundError(f"no feedback {feedback_id}")
        self._write("UPDATE feedback SET good=?, note=?, correction=?, at=? WHERE id=?",
                    (int(good), note.strip(), correction.strip(), _now(), feedback_id))

    def queries(self, limit: int | None = 200) -> list[dict]:
        """Logged questions, newest first: id, asked_at, question, answer, refused, engine, citations, history,
        seconds, date_from, date_to."""
        with self._lock:
            rows = self._db.execute("SELECT * FROM queries ORDER BY id DESC LIMIT ?", (limit or -1,))
        return [_row(r) for r in rows]

    def feedback(self, limit: int | None = None) -> list[dict]:
        """Feedback rows, newest first: id, query_id, at, good, note, correction and the copied asked_at,
        question, answer, refused, engine, citations, history."""
        with self._lock:
            rows = self._db.execute("SELECT * FROM feedback ORDER BY id DESC LIMIT ?", (limit or -1,))
        return [_row(r) for r in rows]
