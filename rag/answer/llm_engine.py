"""The LLM answer engine: numbered sources in a versioned prompt, streamed reply, then verified citations.

The model only writes text with [n] markers; `rag.cite.citations.finalize` maps the markers to the hits
(bounds-checked), verifies every sentence against what it cites and drops what is not supported. Provenance never
comes from the model. Follow-ups: the chat history goes into a ChatMemoryBuffer (trimmed to a budget) and the
question is first rewritten into a standalone one with the qa_rewrite prompt.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import re
import threading
import time
from collections.abc import Iterator, Sequence

from llama_index.core.llms import LLM, ChatMessage
from llama_index.core.memory import ChatMemoryBuffer

from ..cite.citations import MARKER_RE, REFUSAL, finalize
from ..cite.verify import Verifier
from ..llm.backends import chat_text, engine_label, make_llm, stream_text
from ..llm.prompts import render_messages
from ..models import Answer, Hit
from ..settings import Settings
from .timeparse import TimeRange

log = logging.getLogger(__name__)

ANSWER_PROMPT = "qa_answer"
REWRITE_PROMPT = "qa_rewrite"
_PROMPT_OVERHEAD = 700  # characters of instructions around the sources in qa_answer
_TAG_RE = re.compile(r"</?\s*资料[^>]*>")  # source delimiters inside an article would let it close its own block


def _char_tokens(text: str) -> list[str]:
    # One token per character: about right or pessimistic for Chinese on common tokenizers, and needs no
    # tokenizer download (llama-index's default is tiktoken).
    return list(text)


def format_sources(hits: Sequence[Hit]) -> str:
    """Numbered source blocks for the prompt, 1-based in the order of `hits`."""
    blocks = []
    for n, h in enumerate(hits, 1):
        text = _TAG_RE.sub("", h.text)
        blocks.append(f"<资料 {n}>\n标题：{_TAG_RE.sub('', h.title)}\n日期：{h.date.isoformat()}\n"
                      f"正文：{text}\n</资料 {n}>")
    return "\n\n".join(blocks)


def fit_hits(hits: Sequence[Hit], budget_chars: int) -> list[Hit]:
    """The leading hits whose texts fit in `budget_chars` (at least one, so a long chunk still gets answered)."""
    shown, used = [], 0
    for h in hits:
        cost = len(h.text) + len(h.title) + 40
        if shown and used + cost > budget_chars:
            break
        shown.append(h)
        used += cost
    return shown


def history_text(history: Sequence[tuple[str, str]], turns: int = 3) -> str:
    """The last `turns` exchanges as 问/答 lines, markers removed (they pointed at earlier sources)."""
    lines = []
    for q, a in list(history)[-turns:]:
        lines += [f"问：{q}", f"答：{MARKER_RE.sub('', a).strip()}"]
    return "\n".join(lines)


def _clean_rewrite(reply: str, question: str) -> str:
    line = next((ln.strip() for ln in reply.strip().splitlines() if ln.strip()), "")
    line = re.sub(r"^(改写后的问题|问题)[：:]\s*", "", line).strip(" \"'“”「」")
    # A rewrite that is empty or rambles is worse than the question as asked.
    return line if 0 < len(line) <= max(80, 3 * len(question)) else question


class LLMAnswerEngine:
    """AnswerEngine over a llama-index LLM: `answer` / `stream` (deltas, then the Answer) and `rewrite`."""

    def __init__(self, llm: LLM, verifier: Verifier, name: str, context_window: int = 4096,
                 max_tokens: int = 768, prompt: str = ANSWER_PROMPT, rewrite_prompt: str = REWRITE_PROMPT) -> None:
        self.llm = llm
        self.verifier = verifier
        self.name = name
        self.prompt = prompt
        self.rewrite_prompt = rewrite_prompt
        room = max(context_window - max_tokens - _PROMPT_OVERHEAD, 400)
        self.history_budget = room // 4
        self.source_budget = room - self.history_budget
        self._rewrites: dict[tuple, str] = {}
        # One llama.cpp context must not generate for two requests at once (the web app may call concurrently);
        # an HTTP endpoint queues requests itself.
        local = getattr(llm, "model_path", None) is not None
        self._serial = threading.Lock() if local else contextlib.nullcontext()

    def readings(self, question: str, history: Sequence[tuple[str, str]]) -> list[list[tuple[str, str]]]:
        """One reading: the model reads the question with the whole chat."""
        return [list(history)]

    def rewrite(self, question: str, history: Sequence[tuple[str, str]] = ()) -> str:
        """A standalone form of a follow-up question, using the chat history; the question itself without history."""
        if not history:
            return question
        key = (question, tuple(map(tuple, history)))
        if key not in self._rewrites:
            messages, ref = render_messages(self.rewrite_prompt, history=history_text(history), question=question)
            with self._serial:
                reply = chat_text(self.llm, messages)
            standalone = _clean_rewrite(reply, question)
            log.info("rewrite (%s): %r -> %r", ref, question, standalone)
            self._rewrites = {key: standalone}  # keep only the latest: service and engine may both ask
        return self._rewrites[key]

    def messages(self, question: str, hits: Sequence[Hit],
                 history: Sequence[tuple[str, str]] = ()) -> tuple[list[ChatMessage], str]:
        """The chat messages for one answer and the prompt reference: system, memory of past turns, sources+question."""
        parts, ref = render_messages(self.prompt, sources=format_sources(hits), question=question, refusal=REFUSAL)
        memory = ChatMemoryBuffer.from_defaults(token_limit=self.history_budget, tokenizer_fn=_char_tokens)
        for q, a in history:
            memory.put(ChatMessage(role="user", content=q))
            memory.put(ChatMessage(role="assistant", content=MARKER_RE.sub("", a).strip()))
        system = [ChatMessage(role=r, content=c) for r, c in parts if r == "system"]
        rest = [ChatMessage(role=r, content=c) for r, c in parts if r != "system"]
        return system + memory.get() + rest, ref

    def stream(self, question: str, hits: list[Hit], history: Sequence[tuple[str, str]] = (),
               when: TimeRange | None = None) -> Iterator[str | Answer]:
        """Yield the model's text deltas as they arrive, then the verified Answer. LLMError when the backend fails.
        A model reads the question as it was asked, time phrase and all (`when` is not needed)."""
        if not hits:
            # Nothing retrieved: the honest answer needs no model (and a model would only invent one).
            yield REFUSAL
            yield finalize(question, REFUSAL, [], self.name, self.verifier, prompt=None)
            return
        standalone = self.rewrite(question, history)
        shown = fit_hits(hits, self.source_budget)
        messages, ref = self.messages(standalone, shown, history)
        started, pieces = time.perf_counter(), []
        with self._serial:  # a plain Lock: a generator may be resumed on another thread of the web app
            for delta in stream_text(self.llm, messages):
                pieces.append(delta)
                yield delta
        raw = "".join(pieces)
        answer = finalize(question, raw, shown, self.name, self.verifier, prompt=ref)
        log.info("%s answered with %d/%d sources in %.1fs: %d chars, %d sentences (%d unsupported), refused=%s",
                 self.name, len(shown), len(hits), time.perf_counter() - started, len(raw), len(answer.sentences),
                 sum(not s.supported for s in answer.sentences), answer.refused)
        if standalone != question:
            answer = dataclasses.replace(answer, search_query=answer.search_query or standalone)
        yield answer

    def answer(self, question: str, hits: list[Hit], history: Sequence[tuple[str, str]] = (),
               when: TimeRange | None = None) -> Answer:
        """The verified Answer (the stream, consumed)."""
        *_, final = self.stream(question, hits, history, when)
        assert isinstance(final, Answer)
        return final


def make_llm_engine(settings: Settings, verifier: Verifier) -> LLMAnswerEngine:
    """The LLM answer engine for settings.engine ("openai" or "llamacpp"); ConfigError when misconfigured."""
    return LLMAnswerEngine(make_llm(settings), verifier, engine_label(settings),
                           context_window=settings.llm_context_window, max_tokens=settings.llm_max_tokens)
