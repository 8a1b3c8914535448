"""kill -9 at every step boundary of a write (issue 13): the next command leaves catalog, vectors and keyword
index agreeing id for id, and running the write again gives the counts of a write never interrupted.

The killed write runs as a real `rag` process with RAG_CRASH_AT naming the step (rag.index.update.crash_point
sends SIGKILL to itself there); the next command is a real `rag articles`; the stores are then compared here.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from rag.index.archive import Archive
from rag.index.update import STEPS
from rag.settings import Settings

from test_archive import ISSUE_A, ISSUE_B, consistent, write

ISSUE_A2 = ISSUE_A.replace("蓝莓", "杨梅").replace("三十余户", "四十余户")  # a new version of a.txt


def rag(home: Path, *args: str, crash_at: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAG_")}
    env.update(RAG_HOME=str(home), HF_HUB_OFFLINE="1", ANONYMIZED_TELEMETRY="False")
    if crash_at:
        env["RAG_CRASH_AT"] = crash_at
    return subprocess.run([sys.executable, "-m", "rag.cli", *args], env=env, capture_output=True, text=True,
                          timeout=600)


def stores(home: Path) -> tuple[set[str], set[str], set[str]]:
    """(catalog chunk ids, vector ids, keyword ids), read without opening anything that repairs."""
    import sqlite3

    from rag.index.vectors import VectorStore, forget_client

    db = sqlite3.connect(home / "catalog.sqlite")
    catalog = {r[0] for r in db.execute("SELECT id FROM chunks")}
    keywords = {r[0] for r in db.execute("SELECT chunk_id FROM keyword_ids")}
    collection = db.execute("SELECT value FROM manifest WHERE key='collection'").fetchone()[0]
    db.close()
    forget_client(home / "chroma")  # read what is on disk, not this process's cache
    return catalog, VectorStore(collection, path=home / "chroma").ids(), keywords


@pytest.fixture(scope="module")
def clean(tmp_path_factory) -> dict:
    """What an uninterrupted archive holds after a.txt (v1), b.txt, then a.txt (v2), and after deleting b.txt."""
    folder = tmp_path_factory.mktemp("clean-in")
    archive = Archive(Settings(home=tmp_path_factory.mktemp("clean-home")))
    archive.ingest([write(folder, "a.txt", ISSUE_A), write(folder, "b.txt", ISSUE_B)])
    archive.ingest([write(folder / "v2", "a.txt", ISSUE_A2)])
    replaced = set(archive.catalog.chunk_ids())
    counts = archive.catalog.counts()
    archive.delete(sources=["b.txt"])
    return {"replaced": replaced, "counts": counts, "deleted": set(archive.catalog.chunk_ids())}


@pytest.mark.parametrize("step", [s for s in STEPS if s != "delete_catalog"])
def test_an_ingest_killed_at_each_step(step, clean, tmp_path):
    home, folder = tmp_path / "home", tmp_path / "in"
    Archive(Settings(home=home)).ingest([write(folder, "a.txt", ISSUE_A), write(folder, "b.txt", ISSUE_B)])
    new = write(folder / "v2", "a.txt", ISSUE_A2)
    killed = rag(home, "ingest", str(new), crash_at=step)
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-2000:]
    catalog, vectors, keywords = stores(home)
    assert keywords == catalog  # one sqlite transaction: never apart, even right after the kill

    after = rag(home, "articles")  # the next command, a reader
    assert after.returncode == 0 and "Traceback" not in after.stderr, after.stderr[-2000:]
    catalog, vectors, keywords = stores(home)
    assert vectors == catalog and keywords == catalog, f"after a kill at {step}: {len(vectors ^ catalog)} differ"

    archive = Archive(Settings(home=home))
    rerun = archive.ingest([new])
    assert not rerun.failed
    assert consistent(archive) == clean["replaced"]
    assert archive.catalog.counts() == clean["counts"]


def test_a_delete_killed_after_its_catalog_commit(clean, tmp_path):
    home, folder = tmp_path / "home", tmp_path / "in"
    Archive(Settings(home=home)).ingest([write(folder, "a.txt", ISSUE_A), write(folder, "b.txt", ISSUE_B)])
    Archive(Settings(home=home)).ingest([write(folder / "v2", "a.txt", ISSUE_A2)])
    killed = rag(home, "delete", "--source", "b.txt", crash_at="delete_catalog")
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-2000:]
    catalog, vectors, _ = stores(home)
    assert vectors > catalog  # b.txt's vectors are still there, only the journal knows them
    assert rag(home, "articles").returncode == 0
    catalog, vectors, keywords = stores(home)
    assert vectors == catalog == keywords == clean["deleted"]
