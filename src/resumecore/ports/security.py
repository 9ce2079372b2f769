"""Password hashing and access-token ports."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

import msgspec

from resumecore.ids import SessionId, UserId


class PasswordHasher(Protocol):
    """One-way password hashing. Implementations must not block the event loop."""

    async def hash(self, password: str) -> str:
        """A salted hash tagged with its scheme, safe to store."""
        ...

    async def verify(self, password: str, password_hash: str | None) -> bool:
        """True if ``password`` matches; never raises for odd input, returns False.

        With ``password_hash=None`` (unknown user) it does the same work against a dummy hash
        and returns False, so callers cannot be timed to learn which accounts exist.
        """
        ...

    def needs_rehash(self, password_hash: str) -> bool:
        """True if the hash uses an outdated scheme or cost."""
        ...


class AccessClaims(msgspec.Struct, frozen=True, kw_only=True):
    """What a verified access token says."""

    user_id: UserId
    session_id: SessionId
    expires_at: datetime


class AccessTokenCodec(Protocol):
    """Mints and verifies short-lived signed access tokens."""

    @property
    def lifetime_seconds(self) -> int:
        """The real lifetime of a minted token."""
        ...

    def issue(self, user_id: UserId, session_id: SessionId) -> str:
        """A signed access token for this session."""
        ...

    def verify(self, token: str) -> AccessClaims:
        """Check signature, algorithm, type, issuer, audience and times.

        Raises:
            AuthenticationFailed: for any token that is not a valid access token of ours.
        """
        ...
