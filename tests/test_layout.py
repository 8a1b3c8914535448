"""The package layout: imports point one way, down the pipeline, and the web app reaches the archive and the
engines only through the Service (docs/DESIGN.md has the module map)."""

from __future__ import annotations

import ast
from pathlib import Path

RAG = Path(__file__).resolve().parents[1] / "rag"

# Lowest first. A module may import from its own layer and the layers before it, never from a later one.
LAYERS = (
    ("models", "errors", "settings", "text"),  # shared dataclasses, errors, settings and text primitives
    ("ingest",),  # file -> IssueText -> Articles -> Chunks
    ("index",),  # catalog, vectors, BM25, tokenizer, embedder; the archive
    ("cite",),  # citations and their verification
    ("llm",),  # LLM backends and prompts
    ("answer",),  # retrieval, follow-ups, answer engines
    ("brief",),  # briefing engines and their output formats
    ("service",),  # wires the stages
    ("eval",),  # `rag eval` asks a Service
    ("web",),  # the Gradio app, over a Service
    ("cli",),  # `rag ...`; `rag serve` starts the web app
)
LAYER = {name: n for n, names in enumerate(LAYERS) for name in names}
# What the web layer may import besides the Service: shared types, the marker format, pure briefing output.
WEB_ALLOWED = {"rag.service", "rag.models", "rag.errors", "rag.settings", "rag.text", "rag.cite.citations",
               "rag.brief.dates", "rag.brief.render"}


def module_name(path: Path) -> str:
    parts = path.relative_to(RAG.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def rag_imports(path: Path) -> set[str]:
    """Every rag module `path` imports, at the top, inside functions or for type checking, as absolute names."""
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            # `from . import x` / `from .. import text` import modules: name them
            found |= {f"{base}.{alias.name}" for alias in node.names} if node.module is None else {base}
    return {name for name in found if name == "rag" or name.startswith("rag.")}


def layer(module: str) -> int:
    """The layer of rag.<unit>...; the package root counts with the shared modules."""
    unit = module.split(".")[1] if "." in module else "models"
    assert unit in LAYER, f"{module}: place rag/{unit} in tests/test_layout.py LAYERS (and docs/DESIGN.md)"
    return LAYER[unit]


def modules() -> list[Path]:
    return sorted(p for p in RAG.rglob("*.py") if "__pycache__" not in p.parts)


def test_imports_point_down_the_pipeline():
    upward = [f"{module_name(path)} imports {target}" for path in modules() for target in sorted(rag_imports(path))
              if layer(target) > layer(module_name(path))]
    assert not upward, "imports pointing up the pipeline:\n" + "\n".join(upward)


def test_every_module_is_in_a_layer():
    for path in modules():
        layer(module_name(path))


def test_the_web_layer_calls_only_the_service():
    reached = [f"{module_name(path)} imports {target}" for path in modules() if module_name(path).startswith("rag.web")
               for target in sorted(rag_imports(path))
               if not target.startswith("rag.web") and not any(target == a or target.startswith(a + ".")
                                                                 for a in WEB_ALLOWED)]
    assert not reached, "the web layer goes around the Service:\n" + "\n".join(reached)
