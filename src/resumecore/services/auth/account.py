"""Use cases: authenticate a bearer token, read the current user, check an e-mail."""

from __future__ import annotations

from resumecore.errors import AuthenticationFailed
from resumecore.model.email import parse_email
from resumecore.model.principal import Principal
from resumecore.model.user import User
from resumecore.ports.repositories import SessionVersionReads
from resumecore.ports.security import AccessTokenCodec
from resumecore.ports.system import Clock
from resumecore.ports.uow import UnitOfWorkFactory

INVALID_TOKEN = "Invalid or expired access token"


class AuthenticateAccessToken:
    """Turn a bearer token into a ``Principal``.

    The token must verify and its session must be live and its user active, so logout and
    password changes end access at once. ``allow_ended_session`` only checks the token itself
    (used by logout, which must stay idempotent).

    Raises:
        AuthenticationFailed: for any token that does not pass.
    """

    def __init__(self, live: SessionVersionReads, codec: AccessTokenCodec, clock: Clock) -> None:
        self._sessions = live
        self._codec = codec
        self._clock = clock

    async def __call__(self, token: str, *, allow_ended_session: bool = False) -> Principal:
        """Verify ``token`` and return who it speaks for."""
        claims = self._codec.verify(token)
        principal = Principal(user_id=claims.user_id, session_id=claims.session_id)
        if allow_ended_session:
            return principal
        # One standalone read, outside any unit of work: the cheapest the storage offers.
        live = await self._sessions.is_live(claims.session_id, claims.user_id, self._clock.now())
        if not live:
            raise AuthenticationFailed(INVALID_TOKEN)
        return principal


class GetCurrentUser:
    """Read the caller's account. Raises ``AuthenticationFailed`` if it no longer exists."""

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def __call__(self, principal: Principal) -> User:
        """The caller's user record."""
        async with self._uow() as uow:
            user = await uow.users.get(principal.user_id)
        if user is None:
            raise AuthenticationFailed(INVALID_TOKEN)
        return user


class CheckEmailAvailability:
    """Tell whether an e-mail can still be registered. Raises ``InvalidValue`` if malformed."""

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def __call__(self, *, email: str) -> bool:
        """True when no account uses this e-mail (case-insensitively)."""
        address = parse_email(email)
        async with self._uow() as uow:
            return await uow.users.get_by_email(address) is None
