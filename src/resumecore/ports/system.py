"""Clock and id generation, injected so tests control time and identity."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol


class Clock(Protocol):
    """The current time, always timezone-aware UTC."""

    def now(self) -> datetime:
        """The current UTC time."""
        ...


class IdGenerator(Protocol):
    """New unique identifiers (UUID strings)."""

    def new_id(self) -> str:
        """A new unique id."""
        ...
