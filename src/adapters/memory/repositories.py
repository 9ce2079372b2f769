"""In-memory repositories over plain dicts, writing through an undo journal."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import msgspec

from resumecore.errors import Conflict
from resumecore.ids import ProfileId, SessionId, UserId
from resumecore.model.auth import AuthSession, PasswordResetToken, RefreshToken
from resumecore.model.user import User
from resumecore.ports.repositories import (
    ResetTokenRepository,
    SessionRepository,
    UserRepository,
    VersionRead,
)
from resumecore_server.adapters.memory.journal import UndoJournal


@dataclass
class MemoryTables:
    """All rows of the fake database."""

    users: dict[UserId, User] = field(default_factory=dict)
    sessions: dict[SessionId, AuthSession] = field(default_factory=dict)
    refresh_tokens: dict[str, RefreshToken] = field(default_factory=dict)
    reset_tokens: dict[str, PasswordResetToken] = field(default_factory=dict)
    profiles: dict[Any, Any] = field(default_factory=dict)
    idempotency: dict[Any, Any] = field(default_factory=dict)
    jobs: dict[Any, Any] = field(default_factory=dict)
    catalog: dict[Any, Any] = field(default_factory=dict)
    rankings: dict[Any, Any] = field(default_factory=dict)
    generations: dict[Any, Any] = field(default_factory=dict)
    exports: dict[Any, Any] = field(default_factory=dict)
    samples: dict[Any, Any] = field(default_factory=dict)


class MemoryUserRepository(UserRepository):
    """Users in a dict; e-mail uniqueness checked on add."""

    def __init__(self, tables: MemoryTables, journal: UndoJournal) -> None:
        self._t = tables
        self._j = journal

    async def add(self, user: User) -> None:
        """Insert; ``Conflict`` on a duplicate e-mail or id."""
        taken_number = any(u.number == user.number for u in self._t.users.values())
        if user.id in self._t.users or taken_number or await self.get_by_email(user.email):
            raise Conflict("An account with this e-mail already exists.", code="email_taken")
        self._j.put(self._t.users, user.id, user)

    async def get(self, user_id: UserId) -> User | None:
        """By id."""
        return self._t.users.get(user_id)

    async def get_by_email(self, email: str) -> User | None:
        """By normalised e-mail."""
        return next((u for u in self._t.users.values() if u.email == email), None)

    async def update(self, user: User) -> None:
        """Overwrite the mutable fields (as the SQL adapter does)."""
        stored = self._t.users.get(user.id)
        if stored is not None:
            kept = msgspec.structs.replace(user, email=stored.email, created_at=stored.created_at)
            self._j.put(self._t.users, user.id, kept)

    async def count(self) -> int:
        """Number of users."""
        return len(self._t.users)


def _version_of(profile: Any) -> tuple[ProfileId, UserId, int] | None:
    return (profile.id, profile.user_id, profile.version) if profile is not None else None


class MemorySessionRepository(SessionRepository):
    """Sessions and refresh tokens in dicts."""

    def __init__(self, tables: MemoryTables, journal: UndoJournal) -> None:
        self._t = tables
        self._j = journal

    async def add(self, session: AuthSession) -> None:
        """Insert a session; ``Conflict`` on a taken id."""
        _refuse_existing(self._t.sessions, session.id)
        self._j.put(self._t.sessions, session.id, session)

    async def get(self, session_id: SessionId) -> AuthSession | None:
        """By id."""
        return self._t.sessions.get(session_id)

    async def is_live(self, session_id: SessionId, user_id: UserId, now: datetime) -> bool:
        """Session live and owned by an active user."""
        session = self._t.sessions.get(session_id)
        user = self._t.users.get(user_id)
        return (
            session is not None
            and user is not None
            and session.user_id == user_id
            and session.is_live(now)
            and user.is_active
        )

    async def live_with_primary_version(
        self, session_id: SessionId, user_id: UserId, now: datetime
    ) -> VersionRead:
        """``is_live`` and the primary profile's id, owner and version."""
        if not await self.is_live(session_id, user_id, now):
            return VersionRead(live=False)
        owned = (p for p in self._t.profiles.values() if p.user_id == user_id and p.is_primary)
        return VersionRead(live=True, profile=_version_of(next(owned, None)))

    async def live_with_profile_version(
        self, session_id: SessionId, user_id: UserId, now: datetime, profile_id: ProfileId
    ) -> VersionRead:
        """``is_live`` and that profile's id, owner and version."""
        if not await self.is_live(session_id, user_id, now):
            return VersionRead(live=False)
        return VersionRead(live=True, profile=_version_of(self._t.profiles.get(profile_id)))

    async def revoke(self, session_id: SessionId, at: datetime) -> None:
        """Revoke one live session."""
        session = self._t.sessions.get(session_id)
        if session is not None and session.revoked_at is None:
            self._j.put(
                self._t.sessions, session_id, msgspec.structs.replace(session, revoked_at=at)
            )

    async def revoke_all_for_user(
        self, user_id: UserId, at: datetime, *, keep: SessionId | None = None
    ) -> int:
        """Revoke every live session of the user except ``keep``."""
        doomed = [
            s.id
            for s in self._t.sessions.values()
            if s.user_id == user_id and s.id != keep and s.revoked_at is None
        ]
        for session_id in doomed:
            await self.revoke(session_id, at)
        return len(doomed)

    async def add_refresh_token(self, token: RefreshToken) -> None:
        """Store a refresh token; ``Conflict`` on a taken digest."""
        _refuse_existing(self._t.refresh_tokens, token.token_hash)
        self._j.put(self._t.refresh_tokens, token.token_hash, token)

    async def get_refresh_token(self, token_hash: str) -> RefreshToken | None:
        """By digest."""
        return self._t.refresh_tokens.get(token_hash)

    async def spend_refresh_token(self, token_hash: str, at: datetime) -> bool:
        """Mark used if unused (no await between check and write: atomic under asyncio)."""
        token = self._t.refresh_tokens.get(token_hash)
        if token is None or token.used_at is not None:
            return False
        self._j.put(self._t.refresh_tokens, token_hash, msgspec.structs.replace(token, used_at=at))
        return True


class MemoryResetTokenRepository(ResetTokenRepository):
    """Reset tokens in a dict."""

    def __init__(self, tables: MemoryTables, journal: UndoJournal) -> None:
        self._t = tables
        self._j = journal

    async def add(self, token: PasswordResetToken) -> None:
        """Store a reset token; ``Conflict`` on a taken digest."""
        _refuse_existing(self._t.reset_tokens, token.token_hash)
        self._j.put(self._t.reset_tokens, token.token_hash, token)

    async def get(self, token_hash: str) -> PasswordResetToken | None:
        """By digest."""
        return self._t.reset_tokens.get(token_hash)

    async def spend(self, token_hash: str, at: datetime) -> bool:
        """Mark used if unused."""
        token = self._t.reset_tokens.get(token_hash)
        if token is None or token.used_at is not None:
            return False
        self._j.put(self._t.reset_tokens, token_hash, msgspec.structs.replace(token, used_at=at))
        return True

    async def spend_all_for_user(self, user_id: UserId, at: datetime) -> None:
        """Mark every unused token of the user used."""
        for token in list(self._t.reset_tokens.values()):
            if token.user_id == user_id and token.used_at is None:
                await self.spend(token.token_hash, at)


def _refuse_existing(table: dict[Any, Any], key: Any) -> None:
    # Primary keys: the SQL adapter raises Conflict too, and never overwrites.
    if key in table:
        raise Conflict("The change conflicts with existing data.")
