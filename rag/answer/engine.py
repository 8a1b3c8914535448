"""The AnswerEngine protocol, and the engine the settings choose.

rag.answer.ask asks an engine which readings of a question to try (`readings`: a follow-up may first be asked as
it stands), what to search for it (`rewrite`) and for the answer (`stream`, `answer`); nothing asks which engine
it holds. Engines: rag.answer.extractive (no LLM) and rag.answer.llm_engine (an OpenAI-compatible endpoint or a
local GGUF model).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Protocol

from ..cite.verify import Verifier
from ..models import Answer, Hit

if TYPE_CHECKING:
    from llama_index.core.base.embeddings.base import BaseEmbedding

    from ..index.tokenize import Tokenizer
    from .scoring import SentenceEvidence
    from ..settings import Settings
    from .timeparse import TimeRange

Turn = tuple[str, str]  # an earlier question and the text of its answer


class AnswerEngine(Protocol):
    """What the Service needs of an answer engine."""

    name: str
    verifier: Verifier  # checks every answer sentence against what it cites (answers from the entity index too)

    def readings(self, question: str, history: Sequence[Turn]) -> list[list[Turn]]:
        """The histories to answer `question` with, in order; each but the last counts only when its answer is no
        refusal."""
        ...

    def rewrite(self, question: str, history: Sequence[Turn] = ()) -> str:
        """The question to search: a follow-up made to stand alone with what the history is about."""
        ...

    def stream(self, question: str, hits: list[Hit], history: Sequence[Turn] = (),
               when: TimeRange | None = None) -> Iterator[str | Answer]:
        """Text deltas as they are produced, then the final Answer. when: the time the question asks about, which
        the hits are already filtered by (an engine that matches words leaves its phrase out)."""
        ...

    def answer(self, question: str, hits: list[Hit], history: Sequence[Turn] = (),
               when: TimeRange | None = None) -> Answer:
        """The final Answer (the stream, consumed)."""
        ...


def make_answer_engine(settings: Settings, tokenizer: Tokenizer, embedder: Callable[[], BaseEmbedding],
                       evidence: SentenceEvidence | None = None) -> AnswerEngine:
    """The answer engine for settings.engine over one archive: extractive (its sentences are the archive's own:
    n-gram checks suffice) or an LLM engine (its paraphrases are also checked by embedding similarity, so only it
    calls `embedder` to load the archive's embedder); evidence: the archive's query and stored sentence vectors,
    for the extractive engine's semantic evidence. ConfigError when the LLM settings are incomplete."""
    if settings.engine == "extractive":
        from .extractive import ExtractiveEngine

        return ExtractiveEngine(Verifier.for_tokenizer(tokenizer), tokenizer.tokenize, tokenizer.words,
                                tokenizer.proper_nouns, evidence=evidence, known=tokenizer.is_word,
                                verb=tokenizer.is_verb)
    from .llm_engine import make_llm_engine

    return make_llm_engine(settings, Verifier.for_tokenizer(tokenizer, embedder()))
