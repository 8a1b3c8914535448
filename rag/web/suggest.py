"""Suggested questions for an empty chat, drawn from the headlines of the archive's newest issues.

A headline becomes a question (a meeting "X召开" -> "X是哪天召开的？", anything else -> "关于「X」，报道说了什么？"),
and a question is offered only after the Service has answered it without refusing: a suggestion that ends in
"档案中没有找到" would teach staff that the tool does not work. Answers take a few tens of milliseconds, and the
picks are kept until the archive's issues change.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable, Sequence

from ..errors import RagError
from ..models import Article

log = logging.getLogger(__name__)

_MEETING = re.compile(r"^(.{4,30}?)(召开|举行|开幕|闭幕)$")
_PARTS = re.compile(r"[\s　：:]+")
_SUBJECT = re.compile(r"[区镇乡村县市街局委院校馆站园厂队所]|衢江|衢州")  # a part that names who or where


def _balanced(text: str) -> bool:
    return all(text.count(a) == text.count(b) for a, b in ("“”", "（）", "()", "「」"))


def headline_question(title: str) -> str | None:
    """A question a headline answers: "X是哪天召开的？" for a meeting, else "关于「X」，报道说了什么？", where X is the
    first part of the headline that names a place or a body (6 to 26 characters); None for slogans."""
    for part in _PARTS.split(title.strip()):
        if 6 <= len(part) <= 26 and _balanced(part) and _SUBJECT.search(part):
            m = _MEETING.match(part)
            return f"{m[1]}是哪天{m[2]}的？" if m else f"关于「{part}」，报道说了什么？"
    return None


def candidate_questions(articles: Iterable[Article]) -> list[str]:
    """Questions from news headlines, newest issue first and in page order; no duplicates."""
    ordered = sorted(articles, key=lambda a: (-a.date.toordinal(), a.position))
    out: list[str] = []
    for a in ordered:
        if a.kind != "news" or a.title_inferred:
            continue
        q = headline_question(a.title)
        if q and q not in out:
            out.append(q)
    return out


class Suggestions:
    """Suggested questions of one Service's archive, checked by asking them; recomputed when its issues change."""

    def __init__(self, service, n: int = 4, tries: int = 12) -> None:
        self.service, self.n, self.tries = service, n, tries
        self._lock = threading.Lock()
        self._key: tuple | None = None
        self._picked: list[str] = []

    def _archive_key(self) -> tuple:
        return tuple((i.get("source"), i.get("ingested_at"), i.get("articles")) for i in self.service.issues())

    def get(self) -> list[str]:
        """Up to n questions the archive answers (not refused); [] for an empty archive."""
        with self._lock:
            key = self._archive_key()
            if key != self._key:
                self._picked = self._pick(candidate_questions(self.service.articles())) if key else []
                self._key = key
            return list(self._picked)

    def _pick(self, candidates: Sequence[str]) -> list[str]:
        picked = []
        for question in candidates[:self.tries]:
            try:
                answer = self.service.ask(question)
            except RagError as e:
                log.warning("suggestion %r not checked: %s", question, e)
                continue
            if not answer.refused and answer.citations:
                picked.append(question)
                if len(picked) == self.n:
                    break
        log.info("suggested %d of %d candidate questions", len(picked), len(candidates))
        return picked


class Warmup:
    """Opens the archive's stores and models once, in the background, before anyone asks: the first question
    is then fast, and no two threads open the same store at once (a cold Chroma client is not thread-safe).
    `wait()` returns at once when no warm-up was started (an app built for a test)."""

    def __init__(self, suggestions: Suggestions) -> None:
        self.suggestions = suggestions
        self._done = threading.Event()
        self._started = False

    def start(self) -> None:
        self._started = True
        threading.Thread(target=self._run, name="web-warmup", daemon=True).start()

    def _run(self) -> None:
        try:
            self.suggestions.get()  # answers a few questions: the catalog, Chroma, BM25 and the embedder open
        except Exception:  # noqa: BLE001 - the app still works cold; the cause is in the log
            log.exception("warm-up failed")
        finally:
            self._done.set()

    def wait(self, timeout: float = 300) -> None:
        if self._started:
            self._done.wait(timeout)
