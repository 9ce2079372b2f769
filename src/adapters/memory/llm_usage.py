"""In-memory token ledger and reply cache: for unit tests and single-process runs."""

from __future__ import annotations

from collections import OrderedDict
from datetime import date

from resumecore.ids import UserId
from resumecore.ports.language_model import TokenUsage


class MemoryTokenLedger:
    """Usage per (user, day) in a dict."""

    def __init__(self) -> None:
        self._days: dict[tuple[UserId, date], TokenUsage] = {}

    async def spent(self, user_id: UserId, day: date) -> int:
        """Tokens ``user_id`` spent on ``day``."""
        return self._days.get((user_id, day), TokenUsage()).total

    async def record(self, user_id: UserId, day: date, usage: TokenUsage) -> None:
        """Add ``usage`` to the day's total."""
        self._days[user_id, day] = self._days.get((user_id, day), TokenUsage()) + usage

    async def total(self, user_id: UserId) -> TokenUsage:
        """Everything ``user_id`` spent."""
        found = TokenUsage()
        for (owner, _), usage in self._days.items():
            if owner == user_id:
                found = found + usage
        return found


class MemoryReplyCache:
    """The newest ``capacity`` replies, least recently used evicted first."""

    def __init__(self, capacity: int = 1024) -> None:
        self._capacity = capacity
        self._replies: OrderedDict[str, bytes] = OrderedDict()

    async def get(self, key: str) -> bytes | None:
        """The reply under ``key``, or None."""
        reply = self._replies.get(key)
        if reply is not None:
            self._replies.move_to_end(key)
        return reply

    async def put(self, key: str, reply: bytes) -> None:
        """Store ``reply`` unless ``key`` has one, evicting the least recently used."""
        self._replies.setdefault(key, reply)
        self._replies.move_to_end(key)
        while len(self._replies) > self._capacity:
            self._replies.popitem(last=False)
