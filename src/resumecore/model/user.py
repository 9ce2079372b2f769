"""The User aggregate: an account that owns profiles, jobs and documents."""

from __future__ import annotations

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

    def with_password_hash(self, password_hash: str, at: datetime) -> User:
        """Return a copy carrying a new password hash."""
        return msgspec.structs.replace(self, password_hash=password_hash, updated_at=at)
