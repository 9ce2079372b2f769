"""Per-user concurrency of costly requests, counted in this process."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from resumecore.errors import TooBusy
from resumecore.ports.work import CostlyWorkLimiter


class InProcessCostlyWorkLimiter(CostlyWorkLimiter):
    """At most ``per_user`` costly requests of one user at once, in this process.

    Counts live in memory: with several worker processes or replicas each enforces its own
    limit (a user may run ``per_user`` per process). That bounds what one request burst can
    queue on a process's scoring pool, which is what the limit is for.
    """

    def __init__(self, per_user: int) -> None:
        if per_user < 1:
            msg = "per_user must be at least 1"
            raise ValueError(msg)
        self.per_user = per_user
        self._running: dict[str, int] = {}
        self._lock = threading.Lock()  # the app may serve more than one event loop

    @asynccontextmanager
    async def slot(self, user_id: str) -> AsyncIterator[None]:
        """Hold a slot for the block; ``TooBusy`` (429, retry after 1 s) when none is free."""
        with self._lock:
            running = self._running.get(user_id, 0)
            if running >= self.per_user:
                raise TooBusy(
                    f"You already have {running} costly requests (match reports, rankings) "
                    "running; wait for one to finish, then retry."
                )
            self._running[user_id] = running + 1
        try:
            yield
        finally:
            with self._lock:
                left = self._running[user_id] - 1
                if left:
                    self._running[user_id] = left
                else:
                    del self._running[user_id]

    def running(self, user_id: str) -> int:
        """How many slots ``user_id`` holds now."""
        with self._lock:
            return self._running.get(user_id, 0)
