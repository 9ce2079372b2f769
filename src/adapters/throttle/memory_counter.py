"""Attempt counters in process memory (the embedded default; one process only)."""

from __future__ import annotations

import math

from resumecore.ports.system import Clock
from resumecore.ports.throttle import AttemptCounter, WindowCount

_PRUNE_EVERY = 1024


class MemoryAttemptCounter(AttemptCounter):
    """Fixed windows in a dict; expired windows are pruned as new ones open."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._windows: dict[str, tuple[float, int]] = {}
        self._opened = 0

    async def hit(self, key: str, window_seconds: int) -> WindowCount:
        """Count one attempt."""
        now = self._clock.now().timestamp()
        ends, count = self._windows.get(key, (0.0, 0))
        if ends <= now:
            ends, count = now + window_seconds, 0
            self._opened += 1
            if self._opened % _PRUNE_EVERY == 0:
                self._prune(now)
        self._windows[key] = (ends, count + 1)
        return WindowCount(count + 1, math.ceil(ends - now))

    async def peek(self, key: str) -> WindowCount:
        """The open window's count, or 0."""
        now = self._clock.now().timestamp()
        ends, count = self._windows.get(key, (0.0, 0))
        if ends <= now:
            return WindowCount(0, 0)
        return WindowCount(count, math.ceil(ends - now))

    async def clear(self, key: str) -> None:
        """Forget the key."""
        self._windows.pop(key, None)

    def _prune(self, now: float) -> None:
        for key in [k for k, (ends, _) in self._windows.items() if ends <= now]:
            del self._windows[key]
