"""Sessions (refresh-token families), refresh tokens and password-reset tokens."""

from __future__ import annotations

import base64
import hashlib
import hmac
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


def successor_token(key: bytes, spent_token: str) -> str:
    """The refresh token that rotation issues after ``spent_token``: HMAC-SHA256 under a server key.

    Deterministic, so a just-spent token presented again within the reuse grace window gets the
    same successor back without the successor ever being stored in plain text; unpredictable
    without ``key`` (256 bits, like ``new_opaque_token``).
    """
    mac = hmac.new(
        key, b"refresh-successor\0" + spent_token.encode("utf-8", "surrogatepass"), "sha256"
    )
    return base64.urlsafe_b64encode(mac.digest()).rstrip(b"=").decode("ascii")


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
