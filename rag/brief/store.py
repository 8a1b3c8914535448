"""Kept briefings: saved in the archive (RAG_HOME/briefs), listed, reopened as they were made, and exported.

Each briefing is one JSON file holding the whole Brief (items, citations with their chunks, the cited articles),
so reopening it needs neither the engine nor the articles, which may since have been re-ingested or deleted. Its
id is the period's file stem (2023-W34, or FROM_TO) and the time it was kept: "2023-W34-20260101T120000".
Exports are rendered from the stored Brief (rag.brief.render), the same rendering as `rag brief`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import re
from pathlib import Path

from ..errors import NotFoundError, RagError
from ..models import Article, Brief, BriefChange, BriefItem, BriefSection, Citation
from .dates import file_stem
from .render import write

log = logging.getLogger(__name__)

FORMATS = ("md", "docx", "json")
_ID_RE = re.compile(r"^[\w-]{1,80}$")


def _article(a: Article) -> dict:
    return {"id": a.id, "title": a.title, "body": a.body, "date": a.date.isoformat(), "source": a.source,
            "position": a.position, "reporters": list(a.reporters), "correspondents": list(a.correspondents),
            "title_inferred": a.title_inferred, "kind": a.kind, "author": a.author,
            "issue_number": a.issue_number, "page": a.page}


def _citation(c: Citation) -> dict:
    return c.to_json() | {"chunk_id": c.chunk_id, "reporters": list(c.reporters), "kind": c.kind,
                          "correspondents": list(c.correspondents)}


def to_record(brief: Brief, created: dt.datetime) -> dict:
    """Everything needed to reopen a briefing as it was: its JSON, full citations and the cited articles."""
    return brief.to_json() | {"engine": brief.engine, "created": created.isoformat(timespec="seconds"),
                              "citations": [_citation(c) for c in brief.citations],
                              "sources": [_article(a) for a in brief.sources]}


def _item(d: dict) -> BriefItem:
    return BriefItem(d["text"], tuple(d["citations"]), d["supported"], d.get("headline", ""),
                     d.get("kind", "story"), d.get("number", 0), d.get("author", ""))


def from_record(r: dict) -> Brief:
    """The Brief a record (see `to_record`) was made from."""
    day = dt.date.fromisoformat
    citations = tuple(Citation(c["n"], c["article_id"], c["title"], day(c["date"]), c["source"], c["quote"],
                               c["chunk"], c.get("chunk_id", ""), tuple(c.get("reporters", ())),
                               c.get("kind", "news"), tuple(c.get("correspondents", ())))
                      for c in r["citations"])
    sources = tuple(Article(a["id"], a["title"], a["body"], day(a["date"]), a["source"], a["position"],
                            tuple(a["reporters"]), tuple(a["correspondents"]), a["title_inferred"], a["kind"],
                            a["author"], a["issue_number"], a["page"]) for a in r["sources"])
    changes = tuple(BriefChange(c["kind"], c["item"], c["headline"], tuple(c["citations"]), c.get("previous", ""),
                                day(c["previous_date"]) if c.get("previous_date") else None, c.get("before", ""),
                                c.get("after", ""), stages=tuple(c.get("stages", ()))) for c in r.get("changes", ()))
    previous = (day(r["previous"]["from"]), day(r["previous"]["to"])) if r.get("previous") else None
    return Brief(day(r["from"]), day(r["to"]), r["title"], tuple(_item(i) for i in r["overview"]),
                 tuple(BriefSection(s["topic"], tuple(_item(i) for i in s["items"])) for s in r["sections"]),
                 citations, sources, r.get("engine", "extractive"), changes, previous, r.get("length", "full"),
                 r.get("id", ""))


class BriefStore:
    """The kept briefings of one archive, in `folder` (one JSON file each, exports beside them)."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def _path(self, brief_id: str) -> Path:
        if not _ID_RE.match(brief_id):
            raise NotFoundError(f"no kept briefing {brief_id!r}; list them with Service.kept_briefs()")
        path = self.folder / f"{brief_id}.json"
        if not path.is_file():
            raise NotFoundError(f"no kept briefing {brief_id!r}; list them with Service.kept_briefs()")
        return path

    def save(self, brief: Brief, now: dt.datetime | None = None) -> Brief:
        """Keep a briefing; returns it with its id set."""
        now = now or dt.datetime.now()
        brief_id = f"{file_stem(brief.date_from, brief.date_to)}-{now:%Y%m%dT%H%M%S}"
        n = 1
        while (self.folder / f"{brief_id}.json").exists():  # two kept in one second
            n += 1
            brief_id = f"{file_stem(brief.date_from, brief.date_to)}-{now:%Y%m%dT%H%M%S}-{n}"
        kept = dataclasses.replace(brief, id=brief_id)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            (self.folder / f"{brief_id}.json").write_text(
                json.dumps(to_record(kept, now), ensure_ascii=False), encoding="utf-8")
        except OSError as e:
            raise RagError(f"cannot keep the briefing in {self.folder}: {e.strerror or e}; check the archive "
                           "folder (RAG_HOME) is writable") from e
        log.info("kept briefing %s", brief_id)
        return kept

    def list(self) -> list[dict]:
        """The kept briefings, newest first: id, title, from, to, created, engine, length, items."""
        out = []
        for path in self.folder.glob("*.json") if self.folder.is_dir() else ():
            try:
                r = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError) as e:
                log.warning("kept briefing %s unreadable: %s", path.name, e)
                continue
            out.append({"id": r.get("id", path.stem), "title": r["title"], "from": r["from"], "to": r["to"],
                        "created": r.get("created", ""), "engine": r.get("engine", ""),
                        "length": r.get("length", "full"),
                        "items": sum(len(s["items"]) for s in r["sections"])})
        return sorted(out, key=lambda r: (r["created"], r["id"]), reverse=True)

    def load(self, brief_id: str) -> Brief:
        """A kept briefing as it was made (NotFoundError for an unknown id)."""
        path = self._path(brief_id)
        try:
            return from_record(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, json.JSONDecodeError, KeyError, TypeError, ValueError) as e:
            raise RagError(f"kept briefing {brief_id} cannot be read ({e}); delete it and make it again") from e

    def export(self, brief_id: str, fmt: str = "docx") -> Path:
        """Write a kept briefing as md, docx or json next to it (named by its period); returns the file."""
        if fmt not in FORMATS:
            raise RagError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
        brief = self.load(brief_id)
        return write(brief, self.folder / "files" / brief_id / f"{file_stem(brief.date_from, brief.date_to)}.{fmt}",
                     fmt)

    def delete(self, brief_id: str) -> None:
        """Remove a kept briefing and its exports (NotFoundError for an unknown id)."""
        path = self._path(brief_id)
        path.unlink()
        files = self.folder / "files" / brief_id
        for f in files.glob("*") if files.is_dir() else ():
            f.unlink()
        if files.is_dir():
            files.rmdir()
