"""RAG_CHROMA_URL: the archive against a real `chroma run` server on loopback."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from rag.index.archive import Archive
from rag.errors import ConfigError
from rag.settings import Settings

from app_process import free_port, stop
from test_archive import ISSUE_A, ISSUE_B, consistent, write


def chroma_executable() -> str | None:
    local = Path(sys.executable).parent / "chroma"
    return str(local) if local.exists() else shutil.which("chroma")


@pytest.fixture
def chroma_url(tmp_path):
    exe = chroma_executable()
    if exe is None:
        pytest.skip("the `chroma` executable is not installed beside this Python")
    port = free_port()
    log = (tmp_path / "chroma.log").open("wb")
    proc = subprocess.Popen([exe, "run", "--path", str(tmp_path / "server"), "--host", "127.0.0.1",
                             "--port", str(port)], stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=2)
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"chroma server did not start: {(tmp_path / 'chroma.log').read_text()[-2000:]}")
                time.sleep(0.3)
        yield url
    finally:
        stop(proc)
        log.close()


def test_ingest_search_delete_through_a_chroma_server(chroma_url, tmp_path, monkeypatch):
    monkeypatch.setenv("RAG_CHROMA_URL", chroma_url)
    monkeypatch.setenv("RAG_HOME", str(tmp_path / "home"))
    folder = tmp_path / "in"
    write(folder, "a.txt", ISSUE_A)
    write(folder, "b.txt", ISSUE_B)
    settings = Settings()
    assert settings.chroma_url == chroma_url
    archive = Archive(settings)
    report = archive.ingest([folder])
    assert report.issues == 2 and not report.failed
    consistent(archive)
    assert not settings.chroma_dir.exists()  # vectors went to the server, not to an embedded store
    assert archive.search_dense("暑假里孩子们去图书馆读书", 1)[0].title == "区图书馆开展暑期阅读活动"
    assert archive.delete(sources=["b.txt"]) >= 1
    consistent(archive)
    assert {h.source for h in archive.search_dense("图书馆", 10)} == {"a.txt"}
    # a second archive home on the same server gets its own collection
    other = Archive(Settings(home=tmp_path / "home2"))
    other.ingest([folder / "b.txt"])
    assert {h.source for h in other.search_dense("图书馆", 10)} == {"b.txt"}
    assert {h.source for h in archive.search_dense("图书馆", 10)} == {"a.txt"}


def test_unreachable_server_is_a_config_error(tmp_path):
    archive = Archive(Settings(home=tmp_path / "home", chroma_url=f"http://127.0.0.1:{free_port()}"))
    with pytest.raises(ConfigError, match="RAG_CHROMA_URL"):
        archive.search_dense("图书馆", 3)
