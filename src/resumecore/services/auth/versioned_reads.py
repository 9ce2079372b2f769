"""Use case: authenticate a bearer token and read a profile's current version, in one query.

A repeat profile read needs only two facts, whether the token's session is live and which
version of the profile is current; asking both in one round trip halves its database work,
and asking it as one standalone read (``SessionVersionReads``) spares it a unit of work.
It answers exactly as ``AuthenticateAccessToken`` followed by ``GetPrimaryProfileVersion`` or
``GetProfileVersion`` would.
"""

from __future__ import annotations

from datetime import datetime

from resumecore.errors import AuthenticationFailed, NotFound
from resumecore.ids import ProfileId, SessionId, UserId
from resumecore.model.principal import Principal
from resumecore.ports.repositories import SessionVersionReads, VersionRead
from resumecore.ports.security import AccessTokenCodec
from resumecore.ports.system import Clock
from resumecore.ports.uow import UnitOfWorkFactory
from resumecore.services.auth.account import INVALID_TOKEN
from resumecore.services.profiles.access import PROFILE_NOT_FOUND, plausible_id
from resumecore.services.profiles.queries import NO_PROFILE_YET


class AuthenticatedProfileVersion:
    """The caller of a token and the current version of the profile they read.

    Raises:
        AuthenticationFailed: the token does not verify, or its session or user is not live.
        NotFound: the caller has no such profile (another user's is reported the same way).
    """

    def __init__(self, reads: SessionVersionReads, codec: AccessTokenCodec, clock: Clock) -> None:
        self._reads = reads
        self._codec = codec
        self._clock = clock

    async def primary(self, token: str) -> tuple[Principal, ProfileId, int]:
        """The caller, and their primary profile's id and version."""
        principal = self._principal(token)
        seen = await self._reads.live_with_primary_version(
            principal.session_id, principal.user_id, self._clock.now()
        )
        found = _owned(seen, principal, NO_PROFILE_YET)
        return principal, found[0], found[2]

    async def of_profile(self, token: str, profile_id: str) -> tuple[Principal, int]:
        """The caller, and the version of their profile ``profile_id``."""
        principal = self._principal(token)
        now = self._clock.now()
        if not plausible_id(profile_id):  # never queried, but the session still counts
            live = await self._reads.is_live(principal.session_id, principal.user_id, now)
            seen = VersionRead(live=live)
        else:
            seen = await self._reads.live_with_profile_version(
                principal.session_id, principal.user_id, now, ProfileId(profile_id)
            )
        return principal, _owned(seen, principal, PROFILE_NOT_FOUND)[2]

    def _principal(self, token: str) -> Principal:
        claims = self._codec.verify(token)
        return Principal(user_id=claims.user_id, session_id=claims.session_id)


def _owned(seen: VersionRead, principal: Principal, missing: str) -> tuple[ProfileId, UserId, int]:
    """The profile ``seen`` found, if the session is live and the caller owns it."""
    if not seen.live:
        raise AuthenticationFailed(INVALID_TOKEN)
    if seen.profile is None or seen.profile[1] != principal.user_id:
        raise NotFound(missing)
    return seen.profile


class UnitOfWorkSessionVersionReads(SessionVersionReads):
    """``SessionVersionReads`` on any storage: each read in a unit of work of its own.

    The reference answer every faster implementation is checked against, and the reads of the
    in-memory storage.
    """

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def is_live(self, session_id: SessionId, user_id: UserId, now: datetime) -> bool:
        """As ``SessionRepository.is_live``."""
        async with self._uow() as uow:
            return await uow.sessions.is_live(session_id, user_id, now)

    async def live_with_primary_version(
        self, session_id: SessionId, user_id: UserId, now: datetime
    ) -> VersionRead:
        """As ``SessionRepository.live_with_primary_version``."""
        async with self._uow() as uow:
            return await uow.sessions.live_with_primary_version(session_id, user_id, now)

    async def live_with_profile_version(
        self, session_id: SessionId, user_id: UserId, now: datetime, profile_id: ProfileId
    ) -> VersionRead:
        """As ``SessionRepository.live_with_profile_version``."""
        async with self._uow() as uow:
            return await uow.sessions.live_with_profile_version(
                session_id, user_id, now, profile_id
            )
