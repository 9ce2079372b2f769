"""Outgoing mail."""

from __future__ import annotations

from typing import Protocol

import msgspec


class OutgoingMail(msgspec.Struct, frozen=True, kw_only=True):
    """A plain-text message to one recipient."""

    to: str
    subject: str
    body: str


class Mailer(Protocol):
    """Delivers mail. Raises ``StorageUnavailable`` when the relay cannot be reached."""

    async def send(self, message: OutgoingMail) -> None:
        """Deliver (or durably queue) one message."""
        ...
