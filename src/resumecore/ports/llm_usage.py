"""What language-model calls cost and what they returned: the token ledger and reply cache."""

from __future__ import annotations

from datetime import date
from typing import Protocol

from resumecore.ids import UserId
from resumecore.ports.language_model import TokenUsage


class TokenLedger(Protocol):
    """Tokens spent per user and UTC day, shared by every process of the service."""

    async def spent(self, user_id: UserId, day: date) -> int:
        """Tokens (prompt and completion) ``user_id`` spent on ``day``; 0 if none."""
        ...

    async def record(self, user_id: UserId, day: date, usage: TokenUsage) -> None:
        """Add one call's ``usage`` to ``user_id``'s total for ``day`` (atomically)."""
        ...

    async def total(self, user_id: UserId) -> TokenUsage:
        """Everything ``user_id`` ever spent, summed."""
        ...


class ReplyCache(Protocol):
    """Validated model replies by content key: the same prompt to the same model costs once.

    Keys are hashes of (prompt version, model, redacted messages); values are the reply as
    JSON, already validated. Entries never go stale (the key names everything that made
    the reply) but may be evicted at any time.
    """

    async def get(self, key: str) -> bytes | None:
        """The reply stored under ``key``, or None."""
        ...

    async def put(self, key: str, reply: bytes) -> None:
        """Store ``reply`` under ``key`` (a later put for the same key may be ignored)."""
        ...
