"""Sessions (refresh-token families), refresh tokens and password-reset tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

import msgspec

from resumecore.ids import SessionId, UserId


def new_opaque_token() -> str:
    """A fresh 256-bit URL-safe secret; only its digest is ever stored."""
    return secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    """SHA-256 hex digest of an opaque token: the lookup key in storage."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


class AuthSession(msgspec.Struct, frozen=True, kw_only=True):
    """One login: the family of rotated refresh tokens and the access tokens minted from it."""

    id: SessionId
    user_id: UserId
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None = None

    def is_live(self, now: datetime) -> bool:
        """True while neither revoked nor past its absolute lifetime."""
        return self.revoked_at is None and now < self.expires_at


class RefreshToken(msgspec.Struct, frozen=True, kw_only=True):
    """A stored refresh token (by digest). Single use: rotation marks it used."""

    token_hash: str
    session_id: SessionId
    issued_at: datetime
    expires_at: datetime
    used_at: datetime | None = None


class PasswordResetToken(msgspec.Struct, frozen=True, kw_only=True):
    """A stored single-use password-reset token (by digest)."""

    token_hash: str
    user_id: UserId
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None = None

    def is_usable(self, now: datetime) -> bool:
        """True while unused and unexpired."""
        return self.used_at is None and now < self.expires_at
