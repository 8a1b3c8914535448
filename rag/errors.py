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
