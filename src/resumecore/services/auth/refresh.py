"""Use case: rotate a refresh token; a reused token revokes its whole family."""

from __future__ import annotations

from resumecore.errors import AuthenticationFailed
from resumecore.model.auth import token_digest
from resumecore.ports.system import Clock
from resumecore.ports.uow import UnitOfWorkFactory
from resumecore.services.auth.results import AuthResult
from resumecore.services.auth.session_starter import SessionStarter

INVALID_REFRESH = "Invalid refresh token"


class RefreshSession:
    """Exchange a refresh token for a new access token and a new refresh token.

    The presented token is spent atomically, so of concurrent requests with one token exactly
    one succeeds. Presenting a spent token is treated as theft: the session is revoked.

    Raises:
        AuthenticationFailed: unknown, spent, expired or revoked token, or inactive user.
    """

    def __init__(self, uow: UnitOfWorkFactory, sessions: SessionStarter, clock: Clock) -> None:
        self._uow = uow
        self._sessions = sessions
        self._clock = clock

    async def __call__(self, *, refresh_token: str) -> AuthResult:
        """Rotate ``refresh_token`` and return the next pair."""
        digest = token_digest(refresh_token)
        now = self._clock.now()
        async with self._uow() as uow:
            token = await uow.sessions.get_refresh_token(digest)
            if token is None:
                raise AuthenticationFailed(INVALID_REFRESH)
            session = await uow.sessions.get(token.session_id)
            user = await uow.users.get(session.user_id) if session is not None else None
            if session is None or user is None or not session.is_live(now) or not user.is_active:
                raise AuthenticationFailed(INVALID_REFRESH)
            if token.used_at is not None or not await uow.sessions.spend_refresh_token(digest, now):
                await uow.sessions.revoke(session.id, now)
                await uow.commit()
                raise AuthenticationFailed(INVALID_REFRESH)
            result = await self._sessions.continue_session(uow, session, user)
            await uow.commit()
        return result
