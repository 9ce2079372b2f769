"""Use case: end the caller's session (and optionally the one a refresh token belongs to)."""

from __future__ import annotations

from resumecore.model.auth import token_digest
from resumecore.model.principal import Principal
from resumecore.ports.system import Clock
from resumecore.ports.uow import UnitOfWorkFactory


class LogoutUser:
    """Revoke the session of the caller's access token; idempotent.

    A refresh token given too is revoked with its session when it belongs to the same user;
    anybody else's token is ignored.
    """

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def __call__(self, principal: Principal, *, refresh_token: str | None = None) -> None:
        """Revoke; calling it again changes nothing."""
        now = self._clock.now()
        async with self._uow() as uow:
            await uow.sessions.revoke(principal.session_id, now)
            if refresh_token:
                token = await uow.sessions.get_refresh_token(token_digest(refresh_token))
                session = await uow.sessions.get(token.session_id) if token else None
                if session is not None and session.user_id == principal.user_id:
                    await uow.sessions.revoke(session.id, now)
            await uow.commit()
