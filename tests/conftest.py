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


@pytest.fixture(scope="session")
def story_home(tmp_path_factory) -> Path:
    """An archive of the invented issues of tests/story_issues.py (one project across four issues, with distractors),
    ingested one by one in date order, built ONCE per test session. Read-only for tests."""
    from story_issues import ISSUES, write_issue

    from rag.service import Service
    from rag.settings import Settings

    folder = tmp_path_factory.mktemp("story-issues")
    home = tmp_path_factory.mktemp("story-home")
    service = Service(Settings(home=home))
    for name in ISSUES:
        report = service.ingest([write_issue(folder, name)])
        assert not report.failed, report
    return home


# --- the browser tests (tests/test_browser_*.py, helpers in tests/web_pages.py): each module has its own `app`
# fixture yielding the running app's URL, and gets a page per viewport on it

@pytest.fixture(scope="module")
def browser():
    """Debian's chromium, headless, for one module."""
    from web_pages import ARGS, CHROMIUM

    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (python) is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture(params=["desktop", "phone"])
def page(request, app, browser):
    """A fresh page (its own localStorage) on the module's app, at 1280×900 and at 390×844 (page.viewport_name),
    with an English browser language and the clipboard allowed."""
    from web_pages import open_page

    pg = open_page(browser, app, request.param, permissions=["clipboard-read", "clipboard-write"])
    pg.viewport_name = request.param
    yield pg
    pg.context.close()
