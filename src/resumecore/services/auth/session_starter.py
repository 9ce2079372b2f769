"""Opening a session and minting its first or next token pair (shared by several use cases)."""

from __future__ import annotations

from datetime import timedelta

from resumecore.ids import SessionId
from resumecore.model.auth import (
    AuthSession,
    RefreshToken,
    new_opaque_token,
    successor_token,
    token_digest,
)
from resumecore.model.user import User
from resumecore.ports.security import AccessTokenCodec
from resumecore.ports.system import Clock, IdGenerator
from resumecore.ports.uow import UnitOfWork
from resumecore.services.auth.policy import AuthPolicy
from resumecore.services.auth.results import AuthResult


class SessionStarter:
    """Creates sessions and token pairs inside the caller's unit of work."""

    def __init__(
        self, codec: AccessTokenCodec, clock: Clock, ids: IdGenerator, policy: AuthPolicy
    ) -> None:
        self._codec = codec
        self._clock = clock
        self._ids = ids
        self._policy = policy

    async def start(self, uow: UnitOfWork, user: User) -> AuthResult:
        """Open a new session (a new refresh-token family) for ``user``."""
        now = self._clock.now()
        session = AuthSession(
            id=SessionId(self._ids.new_id()),
            user_id=user.id,
            created_at=now,
            expires_at=now + timedelta(seconds=self._policy.session_lifetime_seconds),
        )
        await uow.sessions.add(session)
        return await self.continue_session(uow, session, user)

    @property
    def reuse_grace_seconds(self) -> int:
        """How long a just-rotated refresh token still yields its successor."""
        return self._policy.refresh_reuse_grace_seconds

    def successor_of(self, spent_token: str) -> str:
        """The refresh token that rotating ``spent_token`` issues (the same every time)."""
        return successor_token(self._policy.token_key, spent_token)

    def repeat(self, session: AuthSession, user: User, spent_token: str) -> AuthResult:
        """The pair rotation of ``spent_token`` already issued: same refresh token, new access."""
        return AuthResult(
            access_token=self._codec.issue(user.id, session.id),
            refresh_token=self.successor_of(spent_token),
            expires_in=self._codec.lifetime_seconds,
            user=user,
        )

    async def continue_session(
        self, uow: UnitOfWork, session: AuthSession, user: User, *, spent_token: str | None = None
    ) -> AuthResult:
        """Mint the next refresh token of ``session`` and an access token bound to it.

        After rotating ``spent_token`` the next one is derived from it (see ``successor_of``);
        a new session's first token is random.
        """
        refresh = self.successor_of(spent_token) if spent_token else new_opaque_token()
        await uow.sessions.add_refresh_token(
            RefreshToken(
                token_hash=token_digest(refresh),
                session_id=session.id,
                issued_at=self._clock.now(),
                expires_at=session.expires_at,
            )
        )
        return AuthResult(
            access_token=self._codec.issue(user.id, session.id),
            refresh_token=refresh,
            expires_in=self._codec.lifetime_seconds,
            user=user,
        )
