"""Domain errors. Each message says what went wrong and what to do; the CLI and UI turn them into output."""

from __future__ import annotations


class RagError(Exception):
    """Base class of every error this package raises on purpose."""


class ConfigError(RagError):
    """A setting is missing or invalid (message names the RAG_* variable to fix)."""


class InputFileError(RagError):
    """A file given to ingest cannot be read or holds no usable text."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class MissingDateError(InputFileError):
    """An issue prints no date and none was supplied."""


class EmbedderMismatchError(RagError):
    """The archive was built with another embedder; vectors of two models must not be mixed."""


class CatalogError(RagError):
    """The archive's sqlite catalog cannot be opened, read or written (a corrupt file, a full disk, no permission)."""


class NotFoundError(RagError):
    """An article id, source file or date range matched nothing in the archive."""


class LLMError(RagError):
    """An LLM backend failed (unreachable endpoint, bad key, missing model file)."""


class PromptError(RagError):
    """A prompt file is missing or a placeholder was not supplied."""


class BusyError(RagError):
    """Another process is writing to the archive and the caller asked not to wait (``--no-wait``)."""


class QuestionError(RagError):
    """A question the archive will not search: empty, or longer than the cap (the message says the limit)."""


class DateRangeError(RagError):
    """A date outside the years the archive handles (DATE_MIN..DATE_MAX)."""


DATE_MIN_YEAR, DATE_MAX_YEAR = 1900, 2100


def check_year(year: int, what: str) -> int:
    """``year`` when DATE_MIN_YEAR <= year <= DATE_MAX_YEAR, else DateRangeError naming ``what`` (a date, a
    question's time phrase, a briefing week): dates far outside would overflow date arithmetic."""
    if not DATE_MIN_YEAR <= year <= DATE_MAX_YEAR:
        raise DateRangeError(f"{what}：年份 {year} 超出档案支持的范围（{DATE_MIN_YEAR}–{DATE_MAX_YEAR} 年）")
    return year
