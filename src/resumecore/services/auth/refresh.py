"""Use case: rotate a refresh token; a reused token revokes its whole family."""

from __future__ import annotations

from datetime import datetime, timedelta

from resumecore.errors import AuthenticationFailed
from resumecore.model.auth import RefreshToken, token_digest
from resumecore.ports.system import Clock
from resumecore.ports.uow import UnitOfWork, UnitOfWorkFactory
from resumecore.services.auth.results import AuthResult
from resumecore.services.auth.session_starter import SessionStarter

INVALID_REFRESH = "Invalid refresh token"
# Rotations followed from a twin's token to the live one; more within one grace window is abuse.
MAX_CHAIN_STEPS = 16


class RefreshSession:
    """Exchange a refresh token for a new access token and a new refresh token.

    The presented token is spent atomically, so of concurrent requests with one token exactly
    one rotates it. Clients that refresh in parallel with one token (the mobile app does) are
    not thieves: a token spent less than the reuse grace window ago answers with the same
    successor refresh token (or, when that was rotated too, the chain's live one) and a fresh
    access token for the same session. Past the window,
    presenting a spent token is treated as theft: the session (the whole family) is revoked.

    Raises:
        AuthenticationFailed: unknown, expired or revoked token, a spent token past the grace
            window, or an inactive user.
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
            if token.used_at is None and await uow.sessions.spend_refresh_token(digest, now):
                result = await self._sessions.continue_session(
                    uow, session, user, spent_token=refresh_token
                )
                await uow.commit()
                return result
            # Spent already, possibly by a twin request a moment ago: read when.
            spent = await uow.sessions.get_refresh_token(digest)
            if spent is not None and await self._within_grace(uow, spent, now, refresh_token):
                newest_spent = await self._newest_spent_after(uow, refresh_token, spent)
                return self._sessions.repeat(session, user, newest_spent)
            await uow.sessions.revoke(session.id, now)
            await uow.commit()
            raise AuthenticationFailed(INVALID_REFRESH)

    async def _newest_spent_after(
        self, uow: UnitOfWork, spent_token: str, spent: RefreshToken
    ) -> str:
        """The last spent token of the rotations that followed ``spent_token`` (or itself).

        A twin can arrive after the client has already rotated the twin's successor (it read
        the stored token before the first answer was saved, or its own answer came last).
        Answering with that spent successor would have the client store it, and its next
        refresh, minutes later, would be a reuse past the window that revokes the session. So
        the twin gets the chain's live token. Each of those rotations happened after
        ``spent_token`` was spent, so within the window: a holder of ``spent_token`` could
        already walk to the same token one request at a time.
        """
        token = spent_token
        for _ in range(MAX_CHAIN_STEPS):
            successor = self._sessions.successor_of(token)
            stored = await uow.sessions.get_refresh_token(token_digest(successor))
            if stored is None or stored.session_id != spent.session_id or stored.used_at is None:
                break
            token = successor
        return token

    async def _within_grace(
        self, uow: UnitOfWork, spent: RefreshToken, now: datetime, refresh_token: str
    ) -> bool:
        """True when ``spent`` was rotated within the grace window and its successor exists."""
        grace = timedelta(seconds=self._sessions.reuse_grace_seconds)
        if spent.used_at is None or grace <= timedelta(0) or now - spent.used_at > grace:
            return False
        successor = self._sessions.successor_of(refresh_token)
        stored = await uow.sessions.get_refresh_token(token_digest(successor))
        return stored is not None and stored.session_id == spent.session_id
