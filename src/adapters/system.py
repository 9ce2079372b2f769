"""Real clock and UUID ids."""

from __future__ import annotations

import os
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
        """A new UUID4 string, as ``str(uuid.uuid4())`` writes it."""
        # Formatted from the random bytes directly: half the cost of building a UUID object,
        # which a 50-item batch pays 50 times.
        raw = bytearray(os.urandom(16))
        raw[6] = raw[6] & 0x0F | 0x40  # version 4
        raw[8] = raw[8] & 0x3F | 0x80  # the RFC 4122 variant
        h = raw.hex()
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
