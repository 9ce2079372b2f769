"""Answering profile reads: 304, the cached encoded view, or the profile loaded and encoded.

One object holds everything a read needs, so a read handler has a single dependency: each
dependency resolved costs a little, and a cached read costs little else.
"""

from __future__ import annotations

from typing import Any

from litestar import Response
from litestar.enums import MediaType
from litestar.serialization import encode_json

from resumecore.model.principal import Principal
from resumecore.ports.repositories import SessionVersionReads
from resumecore.ports.security import AccessTokenCodec
from resumecore.ports.system import Clock
from resumecore.services.auth.versioned_reads import AuthenticatedProfileVersion
from resumecore.services.profiles.queries import GetProfile
from resumecore_server.entrypoints.bootstrap import Application
from resumecore_server.entrypoints.http.conditional import etag, not_modified
from resumecore_server.entrypoints.http.profile_cache import ProfileResponseCache
from resumecore_server.entrypoints.http.responses import not_modified_response
from resumecore_server.entrypoints.http.schemas.profile_views import profile_view


class ProfileReads:
    """``GET /profiles/me`` and ``GET /profiles/{id}`` past the bearer header."""

    def __init__(
        self,
        versions: AuthenticatedProfileVersion,
        get_profile: GetProfile,
        cache: ProfileResponseCache,
    ) -> None:
        self._versions = versions
        self._get_profile = get_profile
        self._cache = cache

    async def primary(self, token: str, if_none_match: str | None) -> Response[Any]:
        """The caller's primary profile (404 when they have none); 304 on its ETag."""
        principal, profile_id, version = await self._versions.primary(token)
        return await self._answer(if_none_match, principal, profile_id, version)

    async def one(self, token: str, profile_id: str, if_none_match: str | None) -> Response[Any]:
        """One of the caller's profiles (404 for another's); 304 on its ETag."""
        principal, version = await self._versions.of_profile(token, profile_id)
        return await self._answer(if_none_match, principal, profile_id, version)

    async def _answer(
        self, if_none_match: str | None, principal: Principal, profile_id: str, version: int
    ) -> Response[Any]:
        """304, or the encoded view of ``version`` from the cache, or loaded, encoded and kept."""
        if not_modified(if_none_match, version):
            return not_modified_response(version)
        body = self._cache.get(profile_id, version)
        if body is None:
            profile = await self._get_profile(principal, profile_id)
            version = profile.version  # it may have moved on since the version was read
            if not_modified(if_none_match, version):
                return not_modified_response(version)
            body = encode_json(profile_view(profile, principal.user_number))
            self._cache.put(profile_id, version, body)
        return Response(body, media_type=MediaType.JSON, headers={"ETag": etag(version)})


def profile_reads(application: Application) -> ProfileReads:
    """The reads on ``application``'s wiring, with a response cache of their own."""
    versions = AuthenticatedProfileVersion(
        application.resolve(SessionVersionReads),
        application.resolve(AccessTokenCodec),
        application.resolve(Clock),
    )
    return ProfileReads(versions, application.resolve(GetProfile), ProfileResponseCache())
