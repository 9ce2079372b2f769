"""Re-applying a write that lost a race, when the client did not ask for a version."""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import TypeVar

from resumecore.errors import Conflict, VersionConflict

# A write without If-Match does not fail because another write landed first: its intent
# (operations or parts) is re-applied on the fresh version. In one process such writes to the
# same aggregate queue behind each other (``KeyedLocks``), so they do not collide at all;
# across processes, losers wait a random, growing moment (up to ~0.25 s in all) and retry.
UNCONDITIONAL_ATTEMPTS = 8
FIRST_BACKOFF_SECONDS = 0.002
BUSY = "The item kept changing under concurrent writes; try again."

T = TypeVar("T")


class KeyedLocks:
    """One ``asyncio.Lock`` per key while anyone holds or waits for it; forgotten after."""

    def __init__(self) -> None:
        self._locks: dict[str, tuple[asyncio.Lock, int]] = {}

    @asynccontextmanager
    async def hold(self, key: str) -> AsyncIterator[None]:
        """Hold the lock of ``key`` for the block."""
        lock, users = self._locks.get(key, (None, 0))
        lock = lock or asyncio.Lock()
        self._locks[key] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._locks[key]
            if users == 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)

    def __len__(self) -> int:
        return len(self._locks)


WRITERS = KeyedLocks()


async def retrying(
    attempt: Callable[[], Awaitable[T]], expected_version: int | None, *, key: str | None = None
) -> T:
    """Run ``attempt``; without an expected version, run it again after a lost race.

    Args:
        attempt: one read-apply-save of the write.
        expected_version: the client's If-Match version, or None.
        key: the aggregate written (e.g. ``profile:<id>``); unconditional writes to the same
            key in this process then run one at a time. Never pass a key from inside another
            keyed ``retrying`` of the same aggregate without an expected version (the lock is
            not re-entrant).

    Raises:
        VersionConflict: with an expected version, as soon as it no longer matches (412).
        Conflict: without one, when every attempt lost (409: no precondition was given).
    """
    if expected_version is not None:
        return await attempt()
    for tried in range(UNCONDITIONAL_ATTEMPTS):
        try:
            if key is None:
                return await attempt()
            async with WRITERS.hold(key):
                return await attempt()
        except VersionConflict:
            pass
        if tried + 1 < UNCONDITIONAL_ATTEMPTS:
            # Jitter is for spreading writers, not for security.
            await asyncio.sleep(random.uniform(0, FIRST_BACKOFF_SECONDS * 2**tried))  # noqa: S311
    raise Conflict(BUSY)
