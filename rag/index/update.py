"""The read phase of an ingest (no writes): which files, what each brings, one FileReport per file.

Files are read and parsed here; a file that cannot be read, is unchanged since its last ingest, or repeats a
name of this ingest gets its report and nothing else. rag.archive then embeds and writes what was planned.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .report import FileReport, IngestReport
from .catalog import Catalog
from ..errors import InputFileError, RagError
from ..models import Article, IssueText

log = logging.getLogger(__name__)


@dataclass
class ReadPlan:
    """What an ingest will write: per issue (issue, its report, the article ids it replaces), and all articles."""

    report: IngestReport = field(default_factory=IngestReport)
    issues: list[tuple[IssueText, FileReport, list[str]]] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)


def read_files(paths: Sequence[Path], date: dt.date | None, max_bytes: int, catalog: Catalog) -> ReadPlan:
    """Read and parse every issue file under `paths`; the catalog tells unchanged and replaced files apart (and
    the date an undated file was given before). Reader or parser errors fail only their file."""
    from ..ingest.read import iter_files, read_issue
    from ..ingest.parse import parse_issue

    plan = ReadPlan()
    seen: set[Path] = set()
    for path in iter_files([Path(p) for p in paths]):
        if path.resolve() in seen:  # the same file named twice (a folder and a file in it)
            continue
        seen.add(path.resolve())
        entry = FileReport(source=path.name, status="failed", path=str(path))
        plan.report.files.append(entry)
        try:
            issue = read_issue(path, date=date, max_bytes=max_bytes, stored_date=catalog.stored_date)
            entry.source = issue.source
            if any(p[0].source == issue.source for p in plan.issues):
                raise InputFileError(str(path), f"another file named {issue.source} is in this ingest")
            prev = catalog.source(issue.source)
            issue_date = issue.date.isoformat() if issue.date else None
            if prev and prev["sha1"] == issue.sha1 and prev["date"] == issue_date:
                entry.status = "unchanged"
                continue
            articles = parse_issue(issue)
            if not articles:
                raise InputFileError(str(path), "no articles found in the text")
        except RagError as e:
            entry.error = getattr(e, "reason", None) or str(e)
            log.info("%s: not ingested: %s", path, entry.error)
            continue
        except Exception as e:  # a reader/parser bug on one file must not stop the others; logged in full
            log.exception("%s: unexpected error while reading or parsing", path)
            entry.error = f"unexpected error while reading or parsing ({type(e).__name__}: {e}); please report"
            continue
        entry.status = "replaced" if prev else "added"
        plan.issues.append((issue, entry, catalog.article_ids(issue.source) if prev else []))
        plan.articles.extend(articles)
    return plan
