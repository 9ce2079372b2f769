"""Counting attempts in fixed time windows, for lockouts and rate limits."""

from __future__ import annotations

from typing import Protocol

import msgspec


class WindowCount(msgspec.Struct, frozen=True):
    """Attempts counted so far in the current window, and seconds until it ends."""

    count: int
    resets_in: int


class AttemptCounter(Protocol):
    """Fixed-window counters keyed by string; shared by every app instance on one store."""

    async def hit(self, key: str, window_seconds: int) -> WindowCount:
        """Count one attempt; the window starts at the first attempt after the last one ended."""
        ...

    async def peek(self, key: str) -> WindowCount:
        """The current count without adding to it (0 when no window is open)."""
        ...

    async def clear(self, key: str) -> None:
        """Forget the key (e.g. after a successful login)."""
        ...
