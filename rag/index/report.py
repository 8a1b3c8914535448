"""What an ingest reports: one FileReport per input file and the totals (see rag.archive.Archive.ingest)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

Progress = Callable[[int, int, str], None]  # (done, total, what)


@dataclass
class FileReport:
    """What happened to one input file: status is added | unchanged | replaced | failed."""

    source: str
    status: str
    articles: int = 0
    chunks: int = 0
    error: str | None = None
    path: str = ""


@dataclass
class IngestReport:
    files: list[FileReport] = field(default_factory=list)
    seconds: float = 0.0

    def _written(self) -> list[FileReport]:
        return [f for f in self.files if f.status in ("added", "replaced")]

    @property
    def issues(self) -> int:
        """Files added or replaced by this ingest."""
        return len(self._written())

    @property
    def articles(self) -> int:
        return sum(f.articles for f in self._written())

    @property
    def chunks(self) -> int:
        return sum(f.chunks for f in self._written())

    @property
    def unchanged(self) -> int:
        return sum(f.status == "unchanged" for f in self.files)

    @property
    def failed(self) -> list[FileReport]:
        return [f for f in self.files if f.status == "failed"]


class ProgressCounter:
    """Turns per-batch steps into (done, total, what) progress calls."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress, self.total, self.done = progress, total, 0

    def step(self, n: int, what: str) -> None:
        self.done += n
        if self.progress:
            self.progress(self.done, self.total, what)
