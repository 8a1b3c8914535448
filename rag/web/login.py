"""Throttled login for the web app: after a few wrong passwords in a row, every attempt is refused for a while.

Gradio calls the ``auth`` callable with (username, password) and answers its login form with the result.
:class:`LoginThrottle` wraps the check of RAG_AUTH: MAX_FAILURES wrong attempts in a row lock the login for
LOCKOUT seconds, doubling with each wrong attempt after that (up to MAX_LOCKOUT); while locked, no password is
even compared, so guessing runs at a few tries a minute instead of as fast as the server answers. Pure (the
clock is passed in), so it is tested without gradio.
"""

from __future__ import annotations

import hmac
import logging
import threading
import time
from collections.abc import Callable

log = logging.getLogger(__name__)

MAX_FAILURES = 5
LOCKOUT = 30.0  # seconds after the MAX_FAILURES-th wrong password
MAX_LOCKOUT = 900.0


class LoginThrottle:
    """``auth(username, password) -> bool`` for one (user, password) pair, throttled after failures."""

    def __init__(self, user: str, password: str, clock: Callable[[], float] = time.monotonic) -> None:
        self._user, self._password, self._clock = user, password, clock
        self._failures = 0
        self._locked_until = 0.0
        self._lock = threading.Lock()

    def __call__(self, username: str, password: str) -> bool:
        with self._lock:
            now = self._clock()
            if now < self._locked_until:
                log.warning("login refused: locked for %.0f s more after %d failures", self._locked_until - now,
                            self._failures)
                return False
            ok = hmac.compare_digest(f"{username}\0{password}".encode(), f"{self._user}\0{self._password}".encode())
            if ok:
                self._failures = 0
                return True
            self._failures += 1
            if self._failures >= MAX_FAILURES:
                wait = min(MAX_LOCKOUT, LOCKOUT * 2 ** (self._failures - MAX_FAILURES))
                self._locked_until = now + wait
                log.warning("%d failed logins in a row: login locked for %.0f s", self._failures, wait)
            return False
