"""Real clock and UUID ids."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from resumecore.ports.system import Clock, IdGenerator


class SystemClock(Clock):
    """Wall-clock UTC time."""

    def now(self) -> datetime:
        """The current UTC time."""
        return datetime.now(UTC)


class UuidGenerator(IdGenerator):
    """Random (version 4) UUID strings."""

    def new_id(self) -> str:
        """A new UUID4 string."""
        return str(uuid.uuid4())
