"""LLM backends as llama-index LLMs: any OpenAI-compatible endpoint, or a local GGUF file through llama.cpp.

The only module that imports llama_index.llms.*, openai and llama_cpp. Nothing is loaded at import time.
`make_llm(settings)` builds the LLM; `chat_text` / `stream_text` call it and turn backend failures
(unreachable endpoint, bad key, unknown model, context overflow) into LLMError.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator, Sequence
from pathlib import Path

from llama_index.core.llms import LLM, ChatMessage

from ..errors import ConfigError, LLMError
from ..settings import Settings

log = logging.getLogger(__name__)

ENGINES = ("openai", "llamacpp")


def make_llm(settings: Settings, max_retries: int = 2) -> LLM:
    """The llama-index LLM for settings.engine ("openai" or "llamacpp"); ConfigError naming the RAG_* to fix."""
    if settings.engine == "openai":
        return _openai_like(settings, max_retries)
    if settings.engine == "llamacpp":
        return _llamacpp(settings)
    raise ConfigError(f"RAG_ENGINE={settings.engine!r} has no LLM; use one of {', '.join(ENGINES)}")


def engine_label(settings: Settings) -> str:
    """Answer.engine for these settings: "openai:<model>" or "llamacpp:<file name>"."""
    if settings.engine == "llamacpp":
        return f"llamacpp:{Path(settings.llm_gguf).name if settings.llm_gguf else '?'}"
    return f"{settings.engine}:{settings.llm_model}"


def _openai_like(settings: Settings, max_retries: int) -> LLM:
    if not settings.llm_base_url:
        raise ConfigError("RAG_ENGINE=openai needs RAG_LLM_BASE_URL (e.g. http://127.0.0.1:11434/v1 for Ollama)")
    if not settings.llm_model:
        raise ConfigError("RAG_ENGINE=openai needs RAG_LLM_MODEL (the model name the endpoint serves)")
    from llama_index.llms.openai_like import OpenAILike

    log.info("LLM: OpenAI-compatible %s model %s", settings.llm_base_url, settings.llm_model)
    return OpenAILike(
        api_base=settings.llm_base_url,
        model=settings.llm_model,
        api_key=settings.llm_api_key or "none",  # local servers ignore it; the client insists on one
        is_chat_model=True,
        is_function_calling_model=False,
        context_window=settings.llm_context_window,
        max_tokens=settings.llm_max_tokens,
        temperature=settings.llm_temperature,
        timeout=settings.llm_timeout,
        max_retries=max_retries,
    )


def _llamacpp(settings: Settings) -> LLM:
    if settings.llm_gguf is None:
        raise ConfigError("RAG_ENGINE=llamacpp needs RAG_LLM_GGUF (path of a local .gguf model file)")
    path = Path(settings.llm_gguf).expanduser()
    if not path.is_file():
        raise ConfigError(f"RAG_LLM_GGUF={path} does not exist; point it at a local .gguf file (nothing is downloaded)")
    try:
        from llama_index.llms.llama_cpp import LlamaCPP
    except ImportError:
        raise ConfigError(
            "RAG_ENGINE=llamacpp needs the optional extra: pip install 'qujiang-rag[local]' "
            "(compiles llama.cpp, several minutes)"
        ) from None
    to_prompt, stop = _chat_format(path.name)
    log.info("LLM: llama.cpp %s (n_ctx=%d)", path, settings.llm_context_window)
    try:
        return LlamaCPP(
            model_url=None,
            model_path=str(path),
            temperature=settings.llm_temperature,
            max_new_tokens=settings.llm_max_tokens,
            context_window=settings.llm_context_window,
            generate_kwargs={"stop": stop},
            messages_to_prompt=to_prompt,
            completion_to_prompt=lambda text: to_prompt([ChatMessage(role="user", content=text)]),
            verbose=False,
        )
    except (ValueError, RuntimeError) as e:
        raise LLMError(f"cannot load {path} with llama.cpp: {e}") from e


# --- chat templates for llama.cpp ------------------------------------------------------------------
# LlamaCPP completes raw text, so chat messages must be laid out in the model's own turn format. Gemma has no
# system role (it goes in front of the first user turn); ChatML covers Qwen, Yi and most Chinese instruct models.

def _gemma_prompt(messages: Sequence[ChatMessage]) -> str:
    out, system = [], ""
    for m in messages:
        role, text = m.role.value, m.content or ""
        if role == "system":
            system += text + "\n\n"
            continue
        if role == "user" and system:
            text, system = system + text, ""
        out.append(f"<start_of_turn>{'model' if role == 'assistant' else 'user'}\n{text}<end_of_turn>\n")
    return "".join(out) + "<start_of_turn>model\n"


def _chatml_prompt(messages: Sequence[ChatMessage]) -> str:
    turns = [f"<|im_start|>{m.role.value}\n{m.content or ''}<|im_end|>\n" for m in messages]
    return "".join(turns) + "<|im_start|>assistant\n"


def _chat_format(file_name: str):
    """(messages_to_prompt, stop strings) for a GGUF file, chosen by its name."""
    if "gemma" in file_name.lower():
        return _gemma_prompt, ["<end_of_turn>"]
    return _chatml_prompt, ["<|im_end|>"]


# --- calling, with errors wrapped ---------------------------------------------------------------------

@contextlib.contextmanager
def _wrapped(llm: LLM) -> Iterator[None]:
    """Re-raise backend exceptions as LLMError with a message that says what to check."""
    import openai

    where = getattr(llm, "api_base", None) or getattr(llm, "model_path", None) or type(llm).__name__
    try:
        yield
    except openai.AuthenticationError as e:
        raise LLMError(f"{where} refused the API key (check RAG_LLM_API_KEY): {e}") from e
    except openai.NotFoundError as e:
        raise LLMError(f"{where} does not serve model {getattr(llm, 'model', '?')!r} (check RAG_LLM_MODEL): {e}") from e
    except (openai.APIConnectionError, openai.APITimeoutError) as e:
        raise LLMError(f"cannot reach the LLM at {where} (is it running? check RAG_LLM_BASE_URL): {e}") from e
    except openai.APIError as e:
        raise LLMError(f"the LLM at {where} failed: {e}") from e
    except (ValueError, RuntimeError) as e:
        if getattr(llm, "model_path", None) is None:
            raise
        # llama.cpp raises these for a prompt longer than n_ctx or a failed decode
        raise LLMError(f"the local model failed (try a larger RAG_LLM_CONTEXT_WINDOW or fewer sources): {e}") from e


def _messages(messages: Sequence[tuple[str, str] | ChatMessage]) -> list[ChatMessage]:
    return [m if isinstance(m, ChatMessage) else ChatMessage(role=m[0], content=m[1]) for m in messages]


def chat_text(llm: LLM, messages: Sequence[tuple[str, str] | ChatMessage]) -> str:
    """One chat call; returns the reply text. LLMError on any backend failure."""
    with _wrapped(llm):
        return llm.chat(_messages(messages)).message.content or ""


def stream_text(llm: LLM, messages: Sequence[tuple[str, str] | ChatMessage]) -> Iterator[str]:
    """Yield reply deltas as the backend produces them. LLMError on any backend failure, also mid-stream."""
    with _wrapped(llm):
        for chunk in llm.stream_chat(_messages(messages)):
            if chunk.delta:
                yield chunk.delta
