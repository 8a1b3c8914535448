"""Sentence and query vectors for the extractive engine's tests, from the real bundled embedder, as an archive gives
them (rag.answer.scoring.SentenceEvidence), with no archive: hand-made reports are embedded as asked."""

from __future__ import annotations

import numpy as np

from rag.index.embed import E5Embedding


class E5Evidence:
    """Sentence and query vectors from the real bundled embedder (no archive here)."""

    def __init__(self) -> None:
        self.model = E5Embedding()

    def query_vector(self, text: str) -> np.ndarray:
        return np.asarray(self.model.get_query_embedding(text), dtype=np.float32)

    def sentence_vectors(self, keys) -> np.ndarray:
        return np.asarray(self.model.get_text_embedding_batch([t for _, t in keys]), dtype=np.float32)
