"""The User aggregate: an account that owns profiles, jobs and documents."""

from __future__ import annotations

import hashlib
from datetime import datetime

import msgspec

from resumecore.ids import UserId


class User(msgspec.Struct, frozen=True, kw_only=True):
    """A registered account. ``password_hash`` is opaque to the core."""

    id: UserId
    email: str
    full_name: str
    password_hash: str
    is_active: bool = True
    is_verified: bool = False
    created_at: datetime
    updated_at: datetime

    @property
    def number(self) -> int:
        """The account's public integer number (see ``public_number``)."""
        return public_number(self.id)

    def with_password_hash(self, password_hash: str, at: datetime) -> User:
        """Return a copy carrying a new password hash."""
        return msgspec.structs.replace(self, password_hash=password_hash, updated_at=at)


def public_number(user_id: str) -> int:
    """A stable positive integer naming a user to clients that need an integer id.

    Derived from the internal UUID (the first 53 bits of its SHA-256), so it fits a JSON number
    and a 64-bit integer exactly, reveals nothing about how many accounts exist, and needs no
    lookup. Storage keeps it in a unique column so two accounts can never share one.
    """
    digest = hashlib.sha256(user_id.encode()).digest()
    return (int.from_bytes(digest[:8], "big") >> 11) or 1
