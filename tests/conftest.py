"""Shared fixtures: state goes to a temp dir, nothing downloads, the sample corpus is used in place."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "qujiang"
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    """Every test gets its own RAG_HOME; no RAG_* from the developer's shell leaks in."""
    for key in list(os.environ):
        if key.startswith("RAG_"):
            monkeypatch.delenv(key)
    home = tmp_path_factory.mktemp("rag-home")
    monkeypatch.setenv("RAG_HOME", str(home))
    return home


def corpus_dates() -> dict[str, dt.date]:
    """File name -> issue date, from the corpus's dates.tsv."""
    out = {}
    for line in (CORPUS / "dates.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        name, date, *_ = line.split("\t")
        out[name] = dt.date.fromisoformat(date)
    return out


@pytest.fixture(scope="session")
def corpus() -> Path:
    """Path of the real sample corpus; tests that need it are skipped where it is absent."""
    if not (CORPUS / "dates.tsv").exists():
        pytest.skip(f"sample corpus not found at {CORPUS} (it ships beside the project, not in it)")
    return CORPUS


@pytest.fixture(scope="session")
def corpus_home(corpus, tmp_path_factory) -> Path:
    """An archive of the five sample issues, built ONCE per test session (embedding takes tens of seconds).

    Read-only for tests: use `Service(Settings(home=corpus_home))`; tests that modify an archive build their own.
    """
    from rag.service import Service
    from rag.settings import Settings

    home = tmp_path_factory.mktemp("corpus-home")
    service = Service(Settings(home=home))
    for name, date in sorted(corpus_dates().items()):
        service.ingest([corpus / name], date=date)
    return home
