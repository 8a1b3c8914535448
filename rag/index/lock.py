"""One writer at a time across processes: an advisory lock on ``<home>/write.lock`` (fcntl.flock).

Ingest, delete and repair hold it, in the CLI and in the web app alike; readers never take it. The lock belongs to
an open file description, so two threads of one process exclude each other too, and the kernel releases it when
its holder dies (kill -9 included): there is no stale lock to clean up. The thread that holds it may take it
again (an ingest that builds the entity index). Who holds it (pid, what, since when) is written into the file for
the message a waiting writer shows.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import logging
import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import BusyError, CatalogError

log = logging.getLogger(__name__)

LOCK_FILE = "write.lock"


class WriterLock:
    """The archive's writer lock. ``hold(what)`` is a context manager; ``try_hold()`` never waits."""

    def __init__(self, home: Path) -> None:
        self.path = Path(home) / LOCK_FILE
        self._held = threading.local()  # .depth: how many times this thread holds the lock now

    def _open(self) -> int:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            return os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as e:
            raise CatalogError(f"cannot open the archive's lock file {self.path} ({e.strerror}); check that "
                               "RAG_HOME exists and this user may write to it") from e

    def holder(self) -> str:
        """Who holds (or last held) the lock, as written by its holder: "pid 123, rag ingest, since 10:31:02"."""
        for _ in range(5):  # empty for a moment: a new holder took the lock and has not written its name yet
            try:
                who = self.path.read_text(encoding="utf-8").strip()
            except OSError:
                break
            if who:
                return who
            time.sleep(0.05)
        return "another process"

    @contextlib.contextmanager
    def hold(self, what: str, wait: bool = True, notice: Callable[[str], None] | None = None) -> Iterator[None]:
        """Hold the lock for the block. When another process holds it: wait (calling ``notice`` once with a
        message saying who), or with ``wait=False`` raise BusyError at once."""
        if getattr(self._held, "depth", 0):
            yield from self._again()
            return
        fd = self._open()
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                who = self.holder()
                if not wait:
                    raise BusyError(f"the archive is being written by {who}; try again when it is done "
                                    "(or leave out --no-wait to wait for it)") from None
                message = f"waiting for {who} to finish writing the archive…"
                log.info(message)
                if notice:
                    notice(message)
                fcntl.flock(fd, fcntl.LOCK_EX)
            self._stamp(fd, what)
            yield from self._again()
        finally:
            os.close(fd)  # releases the lock

    @contextlib.contextmanager
    def try_hold(self, what: str) -> Iterator[bool]:
        """Hold the lock for the block when it is free now (or this thread holds it); yields False (holding
        nothing) when another holds it."""
        if getattr(self._held, "depth", 0):
            yield from self._again(True)
            return
        fd = self._open()
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                yield False
                return
            self._stamp(fd, what)
            yield from self._again(True)
        finally:
            os.close(fd)

    def _again(self, value=None) -> Iterator:
        """Count this thread's hold for the block."""
        self._held.depth = getattr(self._held, "depth", 0) + 1
        try:
            yield value
        finally:
            self._held.depth -= 1

    @staticmethod
    def _stamp(fd: int, what: str) -> None:
        stamp = f"pid {os.getpid()}, {what}, since {dt.datetime.now().strftime('%Y-%m-%d %H:%M:%S')}\n"
        data = stamp.encode()
        with contextlib.suppress(OSError):  # a full disk must not stop the write it guards; the lock holds anyway
            os.pwrite(fd, data, 0)  # written over the last holder's, then cut: a waiting writer never reads ""
            os.ftruncate(fd, len(data))
