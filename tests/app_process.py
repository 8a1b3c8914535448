"""Start the real web app (`python app.py`) in a subprocess on a free loopback port, for API and browser tests."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ingest_examples(home: Path) -> None:
    """Build an archive of the example issues in `home` (in this process; the app opens it afterwards)."""
    from rag.service import Service
    from rag.settings import Settings

    Service(Settings(home=home)).ingest(sorted(EXAMPLES.glob("*.txt")))


@contextlib.contextmanager
def running_app(home: Path, log: Path, env: dict[str, str] | None = None, timeout: float = 180,
                argv: tuple[str, ...] = ("app.py",), port_var: str = "RAG_PORT") -> Iterator[str]:
    """Run `python app.py` (or other argv) with RAG_HOME=home until the block ends; yields its URL.

    The free port is passed in `port_var` (RAG_PORT, or GRADIO_SERVER_PORT to test the fallback). Output goes
    to `log`.
    """
    port = free_port()
    full_env = {k: v for k, v in os.environ.items() if not k.startswith(("RAG_", "GRADIO_"))}
    full_env.update(RAG_HOME=str(home), HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", ANONYMIZED_TELEMETRY="False",
                    GRADIO_ANALYTICS_ENABLED="False", **{port_var: str(port)}, **(env or {}))
    url = f"http://127.0.0.1:{port}/"
    with open(log, "wb") as out:
        proc = subprocess.Popen([sys.executable, *argv], cwd=ROOT, env=full_env, stdout=out, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + timeout
            while True:
                if proc.poll() is not None:
                    raise RuntimeError(f"app.py exited with {proc.returncode}:\n{log.read_text(errors='replace')}")
                try:
                    urllib.request.urlopen(url + "gradio_api/info", timeout=2)  # noqa: S310 (loopback)
                    break
                except urllib.error.HTTPError:  # e.g. 401 behind a login: the server is up
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise RuntimeError(f"app.py did not answer on {url} within {timeout}s") from None
                    time.sleep(0.5)
            yield url
        finally:
            stop(proc)


def stop(proc: subprocess.Popen) -> None:
    """Terminate a server process, killing it when it does not exit within 20 s."""
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
