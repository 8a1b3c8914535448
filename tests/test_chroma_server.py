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


def start_server(folder: Path, port: int) -> subprocess.Popen:
    """`chroma run` on loopback with its data in ``folder``; returns once it answers."""
    exe = chroma_executable()
    if exe is None:
        pytest.skip("the `chroma` executable is not installed beside this Python")
    with (folder.parent / "chroma.log").open("ab") as log:
        proc = subprocess.Popen([exe, "run", "--path", str(folder), "--host", "127.0.0.1", "--port", str(port)],
                                stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=2)  # noqa: S310
            return proc
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                stop(proc)
                pytest.fail(f"chroma server did not start: {(folder.parent / 'chroma.log').read_text()[-2000:]}")
            time.sleep(0.3)


@pytest.fixture
def chroma_url(tmp_path):
    port = free_port()
    proc = start_server(tmp_path / "server", port)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(proc)


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


def test_a_server_that_dies_mid_ingest_is_one_clear_error_and_the_next_ingest_finishes(tmp_path, capsys,
                                                                                        monkeypatch):
    from rag.cli import main

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = start_server(tmp_path / "server", port)
    folder = tmp_path / "in"
    write(folder, "a.txt", ISSUE_A)
    write(folder, "b.txt", ISSUE_B)
    settings = Settings(home=tmp_path / "home", chroma_url=url)
    archive = Archive(settings)
    try:
        archive.ingest([folder / "a.txt"])

        def kill_server(done: int, total: int, what: str) -> None:  # after the first embedding batch
            if server.poll() is None:
                stop(server)

        with pytest.raises(ConfigError, match="does not answer"):
            archive.ingest([folder / "b.txt"], progress=kill_server)
        with pytest.raises(ConfigError, match="does not answer"):
            archive.vectors.count()
        monkeypatch.setenv("RAG_CHROMA_URL", url)
        code = main(["--home", str(tmp_path / "home"), "ingest", str(folder / "b.txt")])
        err = capsys.readouterr().err
        assert code == 2 and "Traceback" not in err and len(err.strip().splitlines()) == 1, err
        assert "Chroma server" in err
    finally:
        stop(server)
    server = start_server(tmp_path / "server", port)  # restarted: the next write finishes what was cut off
    try:
        again = Archive(settings)
        assert [f.status for f in again.ingest([folder]).files] == ["unchanged", "added"]
        consistent(again)
    finally:
        stop(server)


def test_unreachable_server_is_a_config_error(tmp_path):
    archive = Archive(Settings(home=tmp_path / "home", chroma_url=f"http://127.0.0.1:{free_port()}"))
    with pytest.raises(ConfigError, match="RAG_CHROMA_URL"):
        archive.search_dense("图书馆", 3)
