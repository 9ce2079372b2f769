"""A minimal circuit breaker: after a failure, skip the backend for a while."""

from __future__ import annotations

import time
from collections.abc import Callable


class CircuitBreaker:
    """Closed until a failure; then open for ``open_seconds``; then one probe call is let through.

    While open, callers skip the backend instead of waiting for its timeout on every request.
    When the pause ends, the first caller probes (the pause restarts for everyone else), and
    its success closes the breaker; its failure opens it again.
    """

    def __init__(self, open_seconds: float, now: Callable[[], float] = time.monotonic) -> None:
        self._open_seconds = open_seconds
        self._now = now
        self._tripped = False
        self._retry_at = 0.0

    @property
    def is_open(self) -> bool:
        """True since the last failure, until a call succeeds again."""
        return self._tripped

    def allows(self) -> bool:
        """Whether to call the backend now."""
        if not self._tripped:
            return True
        now = self._now()
        if now < self._retry_at:
            return False
        self._retry_at = now + self._open_seconds  # this caller is the one probe
        return True

    def succeeded(self) -> None:
        """A call worked: close."""
        self._tripped = False

    def failed(self) -> None:
        """A call failed: open for ``open_seconds``."""
        self._tripped = True
        self._retry_at = self._now() + self._open_seconds
