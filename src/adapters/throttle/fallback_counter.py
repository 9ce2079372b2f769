"""A shared attempt counter that falls back to this process's own when its store is down."""

from __future__ import annotations

import logging

from resumecore.errors import StorageUnavailable
from resumecore.ports.system import Clock
from resumecore.ports.throttle import AttemptCounter, WindowCount

log = logging.getLogger(__name__)
RETRY_SHARED_AFTER_SECONDS = 5.0


class FallbackAttemptCounter(AttemptCounter):
    """``shared`` (e.g. Redis) while it answers; ``local`` (process memory) while it does not.

    Rate limits and lockouts keep working when Redis goes away, per process instead of across
    replicas, rather than turning every login into a 503. After a failure the shared store is
    left alone for ``retry_after`` seconds, so a store that hangs costs one timeout, not one
    per request. Counts made locally during an outage are not copied back: a window started
    during the outage may be counted again from zero once Redis is back (lenient, never stricter).
    """

    def __init__(
        self,
        shared: AttemptCounter,
        local: AttemptCounter,
        clock: Clock,
        *,
        retry_after: float = RETRY_SHARED_AFTER_SECONDS,
    ) -> None:
        self._shared = shared
        self._local = local
        self._clock = clock
        self._retry_after = retry_after
        self._down_until: float | None = None

    @property
    def degraded(self) -> bool:
        """True while the shared store is considered down (readiness and metrics may say so)."""
        return self._down_until is not None

    def _use_shared(self) -> bool:
        return self._down_until is None or self._clock.now().timestamp() >= self._down_until

    def _failed(self) -> None:
        if self._down_until is None:
            log.warning("rate-limit store unavailable: counting attempts per process for now")
        self._down_until = self._clock.now().timestamp() + self._retry_after

    def _recovered(self) -> None:
        if self._down_until is not None:
            log.warning("rate-limit store is back: counting attempts in the shared store again")
        self._down_until = None

    async def hit(self, key: str, window_seconds: int) -> WindowCount:
        """Count in the shared store, or locally while it is down."""
        if self._use_shared():
            try:
                counted = await self._shared.hit(key, window_seconds)
            except StorageUnavailable:
                self._failed()
            else:
                self._recovered()
                return counted
        return await self._local.hit(key, window_seconds)

    async def peek(self, key: str) -> WindowCount:
        """The shared count, or the local one while the shared store is down."""
        if self._use_shared():
            try:
                seen = await self._shared.peek(key)
            except StorageUnavailable:
                self._failed()
            else:
                self._recovered()
                return seen
        return await self._local.peek(key)

    async def clear(self, key: str) -> None:
        """Forget the key in both (a lockout counted locally must end too)."""
        await self._local.clear(key)
        if self._use_shared():
            try:
                await self._shared.clear(key)
            except StorageUnavailable:
                self._failed()
            else:
                self._recovered()
