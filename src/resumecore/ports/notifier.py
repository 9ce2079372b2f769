"""Telling waiters that something changed (a generation moved a stage, say)."""

from __future__ import annotations

from typing import Protocol


class ChangeNotifier(Protocol):
    """Wake-ups by key.

    A missed wake-up only delays a waiter: waiters re-read and wait again with a bounded
    timeout, so a notifier that never wakes anyone (workers in another process) degrades to
    polling, never to a hang.
    """

    def notify(self, key: str) -> None:
        """Wake everyone waiting on ``key`` now."""
        ...

    async def wait(self, key: str, seconds: float) -> bool:
        """Wait until ``key`` is notified or ``seconds`` pass; True if notified."""
        ...
