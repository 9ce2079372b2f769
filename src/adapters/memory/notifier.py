"""In-process wake-ups: one asyncio event per key, made on demand and dropped when woken."""

from __future__ import annotations

import asyncio
import contextlib

from resumecore.ports.notifier import ChangeNotifier


class InProcessNotifier(ChangeNotifier):
    """Wakes waiters of the same process (the embedded workers and the HTTP handlers)."""

    def __init__(self) -> None:
        self._events: dict[str, asyncio.Event] = {}

    def notify(self, key: str) -> None:
        """Wake everyone waiting on ``key``."""
        event = self._events.pop(key, None)
        if event is not None:
            event.set()

    async def wait(self, key: str, seconds: float) -> bool:
        """Wait for a ``notify(key)`` or ``seconds``."""
        event = self._events.setdefault(key, asyncio.Event())
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(event.wait(), seconds)
            return True
        return False
