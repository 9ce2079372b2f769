"""Sessions and refresh tokens in SQL; spending a token is one conditional UPDATE."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import and_, bindparam, insert, select, update

from resumecore.ids import ProfileId, SessionId, UserId
from resumecore.model.auth import AuthSession, RefreshToken
from resumecore.ports.repositories import SessionRepository, VersionRead
from resumecore_server.adapters.sql.runner import SqlRunner
from resumecore_server.adapters.sql.tables import auth_sessions, profiles, refresh_tokens, users

# Every authenticated request runs this: built once, since building and keying a statement
# cost more than SQLite's answer (about 0.2 ms against microseconds).
_LIVE_SESSION_AND_USER = auth_sessions.join(users, users.c.id == auth_sessions.c.user_id)
_IS_LIVE = (
    auth_sessions.c.id == bindparam("session_id"),
    auth_sessions.c.user_id == bindparam("user_id"),
    auth_sessions.c.revoked_at.is_(None),
    auth_sessions.c.expires_at > bindparam("now"),
    users.c.is_active.is_(True),
)
LIVE_SESSION = select(auth_sessions.c.id).select_from(_LIVE_SESSION_AND_USER).where(*_IS_LIVE)
# A repeat profile read asks "is the session live, which version is current" in one round trip:
# no row means no live session; a row with a null profile id means no such profile.
_PROFILE_COLUMNS = (profiles.c.id, profiles.c.user_id.label("owner"), profiles.c.version)
LIVE_WITH_PRIMARY = (
    select(*_PROFILE_COLUMNS)
    .select_from(
        _LIVE_SESSION_AND_USER.outerjoin(
            profiles,
            and_(profiles.c.user_id == auth_sessions.c.user_id, profiles.c.is_primary.is_(True)),
        )
    )
    .where(*_IS_LIVE)
)
LIVE_WITH_PROFILE = (
    select(*_PROFILE_COLUMNS)
    .select_from(
        _LIVE_SESSION_AND_USER.outerjoin(profiles, profiles.c.id == bindparam("profile_id"))
    )
    .where(*_IS_LIVE)
)


def _to_session(row: Any) -> AuthSession:
    return AuthSession(
        id=SessionId(row.id),
        user_id=UserId(row.user_id),
        created_at=row.created_at,
        expires_at=row.expires_at,
        revoked_at=row.revoked_at,
    )


def to_version_read(row: Any) -> VersionRead:
    """A row of ``LIVE_WITH_PRIMARY`` / ``LIVE_WITH_PROFILE`` (id, owner, version) or None.

    Read by position: the driver's own rows (``session_version_reads.py``) have no names.
    """
    if row is None:
        return VersionRead(live=False)
    profile_id, owner, version = row
    if profile_id is None:
        return VersionRead(live=True)
    return VersionRead(live=True, profile=(ProfileId(profile_id), UserId(owner), int(version)))


def _to_refresh(row: Any) -> RefreshToken:
    return RefreshToken(
        token_hash=row.token_hash,
        session_id=SessionId(row.session_id),
        issued_at=row.issued_at,
        expires_at=row.expires_at,
        used_at=row.used_at,
    )


class SqlSessionRepository(SessionRepository):
    """``auth_sessions`` and ``refresh_tokens`` tables."""

    def __init__(self, runner: SqlRunner) -> None:
        self._db = runner

    async def add(self, session: AuthSession) -> None:
        """Insert a session."""
        await self._db.execute(
            insert(auth_sessions).values(
                id=session.id,
                user_id=session.user_id,
                created_at=session.created_at,
                expires_at=session.expires_at,
                revoked_at=session.revoked_at,
            )
        )

    async def get(self, session_id: SessionId) -> AuthSession | None:
        """By id."""
        query = select(auth_sessions).where(auth_sessions.c.id == session_id)
        row = (await self._db.execute(query)).first()
        return _to_session(row) if row else None

    async def is_live(self, session_id: SessionId, user_id: UserId, now: datetime) -> bool:
        """One query joining the session to its active user."""
        params = {"session_id": session_id, "user_id": user_id, "now": now}
        return (await self._db.execute(LIVE_SESSION, params)).first() is not None

    async def live_with_primary_version(
        self, session_id: SessionId, user_id: UserId, now: datetime
    ) -> VersionRead:
        """``is_live`` outer-joined to the primary profile: one query."""
        params = {"session_id": session_id, "user_id": user_id, "now": now}
        return to_version_read((await self._db.execute(LIVE_WITH_PRIMARY, params)).first())

    async def live_with_profile_version(
        self, session_id: SessionId, user_id: UserId, now: datetime, profile_id: ProfileId
    ) -> VersionRead:
        """``is_live`` outer-joined to that profile: one query."""
        params = {"session_id": session_id, "user_id": user_id, "now": now}
        params["profile_id"] = profile_id
        return to_version_read((await self._db.execute(LIVE_WITH_PROFILE, params)).first())

    async def revoke(self, session_id: SessionId, at: datetime) -> None:
        """Revoke one live session."""
        await self._db.execute(
            update(auth_sessions)
            .where(auth_sessions.c.id == session_id, auth_sessions.c.revoked_at.is_(None))
            .values(revoked_at=at)
        )

    async def revoke_all_for_user(
        self, user_id: UserId, at: datetime, *, keep: SessionId | None = None
    ) -> int:
        """Revoke every live session of the user except ``keep``."""
        statement = update(auth_sessions).where(
            auth_sessions.c.user_id == user_id, auth_sessions.c.revoked_at.is_(None)
        )
        if keep is not None:
            statement = statement.where(auth_sessions.c.id != keep)
        result = await self._db.execute(statement.values(revoked_at=at))
        return result.rowcount

    async def add_refresh_token(self, token: RefreshToken) -> None:
        """Store a refresh token."""
        await self._db.execute(
            insert(refresh_tokens).values(
                token_hash=token.token_hash,
                session_id=token.session_id,
                issued_at=token.issued_at,
                expires_at=token.expires_at,
                used_at=token.used_at,
            )
        )

    async def get_refresh_token(self, token_hash: str) -> RefreshToken | None:
        """By digest."""
        query = select(refresh_tokens).where(refresh_tokens.c.token_hash == token_hash)
        row = (await self._db.execute(query)).first()
        return _to_refresh(row) if row else None

    async def spend_refresh_token(self, token_hash: str, at: datetime) -> bool:
        """One conditional UPDATE: of concurrent callers exactly one sees rowcount 1."""
        result = await self._db.execute(
            update(refresh_tokens)
            .where(refresh_tokens.c.token_hash == token_hash, refresh_tokens.c.used_at.is_(None))
            .values(used_at=at)
        )
        return result.rowcount == 1
