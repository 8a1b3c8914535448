"""Staff read every error in Chinese: each domain error class has a Chinese message for the web, and every reason
the ingest gives for a failed file has a Chinese translation (found in the source, so that a new reason without
one fails here)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import rag.errors as errors
from rag.web.messages import ERRORS_ZH, FILE_FAILED_ZH, FILE_REASONS_ZH, zh_error, zh_file_reason

RAG = Path(errors.__file__).resolve().parent
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
ALLOWED = {"txt", "md", "pdf", "docx", "PDF", "Word"}


def subclasses(cls) -> set[type]:
    out = set()
    for sub in cls.__subclasses__():
        out |= {sub} | subclasses(sub)
    return out


def test_every_error_class_has_a_chinese_message():
    classes = {errors.RagError} | {c for c in subclasses(errors.RagError) if c.__module__ == "rag.errors"}
    assert classes - set(ERRORS_ZH) == set()
    for cls, text in ERRORS_ZH.items():
        assert set(LATIN_WORD.findall(text)) <= ALLOWED, f"{cls.__name__}: {text}"
        assert "RAG_" not in text and "--" not in text


def test_zh_error_uses_the_nearest_class_and_never_the_english_text():
    class Special(errors.NotFoundError):
        pass

    assert zh_error(Special("no articles with an issue date between x and y")) == ERRORS_ZH[errors.NotFoundError]
    assert zh_error(errors.MissingDateError("f.txt", "no issue date found; pass --date")) == \
        ERRORS_ZH[errors.MissingDateError]
    assert "PDF 文件已损坏" in zh_error(errors.InputFileError("x.pdf", "corrupt or truncated PDF (PdfStreamError: e)"))
    assert "意外" in zh_error(KeyError("boom"))


def _openings(expr: ast.expr) -> list[str]:
    """The literal opening of a reason expression: a string, an f-string, either branch of `a if c else b`, the
    left side of `"..." + x`; [] for a reason passed on (str(e), e.reason), checked where it is raised."""
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return [expr.value]
    if isinstance(expr, ast.JoinedStr) and expr.values and isinstance(expr.values[0], ast.Constant):
        return [expr.values[0].value]
    if isinstance(expr, ast.IfExp):
        return _openings(expr.body) + _openings(expr.orelse)
    if isinstance(expr, ast.BinOp):
        return _openings(expr.left)
    return []


def _ingest_reasons() -> list[str]:
    """Every reason InputFileError / MissingDateError is raised with in the ingest, and the reasons the index's
    ingest writes into a failed file's report itself."""
    found = []
    for path in [*(RAG / "ingest").glob("*.py"), RAG / "index" / "update.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("InputFileError", "MissingDateError"):
                found += _openings(node.args[1]) if len(node.args) > 1 else []
            elif isinstance(node, ast.Assign) and any(getattr(t, "attr", "") == "error" for t in node.targets):
                found += _openings(node.value)
    return found


def test_every_ingest_reason_has_a_chinese_translation():
    reasons = _ingest_reasons()
    assert len(reasons) >= 12  # the source was read
    untranslated = [r for r in reasons if zh_file_reason(r) == FILE_FAILED_ZH]
    assert untranslated == [], f"add these to FILE_REASONS_ZH: {untranslated}"
    for _, text in FILE_REASONS_ZH:
        assert set(LATIN_WORD.findall(text)) <= ALLOWED, text
