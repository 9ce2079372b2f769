"""Profile routes: create, list, read (304 on If-None-Match), replace parts, delete, operations."""

from __future__ import annotations

from typing import Any, cast

from litestar import Controller, Request, Response, delete, get, post, put
from litestar.di import NamedDependency, Provide
from litestar.enums import MediaType
from litestar.params import FromPath, JSONBody
from litestar.serialization import encode_json

from resumecore.model.analytics import ProfileAnalytics
from resumecore.model.principal import Principal
from resumecore.model.profile import Profile
from resumecore.services.profiles.create import CreateProfile
from resumecore.services.profiles.delete import DeleteProfile
from resumecore.services.profiles.documents import (
    ExportJsonResume,
    GetProfileAnalytics,
    ImportJsonResume,
)
from resumecore.services.profiles.edit import ApplyProfileOperations, ReviseProfile
from resumecore.services.profiles.queries import (
    GetPrimaryProfileVersion,
    GetProfile,
    GetProfileVersion,
    ListProfiles,
)
from resumecore_server.entrypoints.http.conditional import (
    IfMatch,
    IfNoneMatch,
    etag,
    expected_version,
    not_modified,
)
from resumecore_server.entrypoints.http.idempotency import IdempotencyKeyHeader, idempotency_key
from resumecore_server.entrypoints.http.openapi_declarations import NOT_MODIFIED, VERSIONED
from resumecore_server.entrypoints.http.paging import Limit, Offset
from resumecore_server.entrypoints.http.profile_cache import ProfileResponseCache
from resumecore_server.entrypoints.http.responses import not_modified_response, versioned
from resumecore_server.entrypoints.http.schemas.profile_views import ProfileView, profile_view
from resumecore_server.entrypoints.http.schemas.profiles import (
    OperationsRequest,
    ProfileCreate,
    ProfileList,
    ProfileUpdate,
    content_of,
)
from resumecore_server.entrypoints.http.security import provide_principal

BEARER: list[dict[str, list[str]]] = [{"BearerToken": []}]
AnyRequest = Request[Any, Any, Any]


class ProfileController(Controller):
    """Master profiles (contract: Profiles)."""

    path = "/api/v1/profiles"
    tags = ["profiles"]
    security = BEARER
    dependencies = {"principal": Provide(provide_principal)}

    @post("", status_code=201, operation_id="create_profile", response_headers=VERSIONED)
    async def create(
        self,
        request: AnyRequest,
        data: JSONBody[ProfileCreate],
        principal: NamedDependency[Principal],
        create_profile: NamedDependency[CreateProfile],
        idempotency: IdempotencyKeyHeader = None,
    ) -> Response[ProfileView]:
        """Create a profile with every component in one transaction (Idempotency-Key honoured)."""
        key = await idempotency_key(request, idempotency)
        profile = await create_profile(principal, content_of(data), idempotency=key)
        return _versioned(profile, principal, 201)

    @get("", operation_id="list_profiles")
    async def list_profiles(
        self,
        principal: NamedDependency[Principal],
        list_profiles: NamedDependency[ListProfiles],
        limit: Limit = 20,
        offset: Offset = 0,
    ) -> ProfileList:
        """The caller's profiles, oldest first, with the real total."""
        page = await list_profiles(principal, limit=limit, offset=offset)
        return ProfileList(
            profiles=[profile_view(p, principal.user_number) for p in page.items],
            total=page.total,
            limit=limit,
            offset=offset,
            has_more=page.has_more,
        )

    @get(
        "/me",
        operation_id="get_primary_profile",
        response_headers=VERSIONED,
        responses=NOT_MODIFIED,
    )
    async def primary(
        self,
        principal: NamedDependency[Principal],
        get_primary_profile_version: NamedDependency[GetPrimaryProfileVersion],
        get_profile: NamedDependency[GetProfile],
        profile_responses: NamedDependency[ProfileResponseCache],
        if_none_match: IfNoneMatch = None,
    ) -> Response[ProfileView]:
        """The primary profile (404 when the caller has none); 304 on its ETag."""
        profile_id, version = await get_primary_profile_version(principal)
        return await _read(
            if_none_match, principal, profile_id, version, get_profile, profile_responses
        )

    @get(
        "/{profile_id:str}",
        operation_id="get_profile",
        response_headers=VERSIONED,
        responses=NOT_MODIFIED,
    )
    async def read(
        self,
        profile_id: FromPath[str],
        principal: NamedDependency[Principal],
        get_profile: NamedDependency[GetProfile],
        get_profile_version: NamedDependency[GetProfileVersion],
        profile_responses: NamedDependency[ProfileResponseCache],
        if_none_match: IfNoneMatch = None,
    ) -> Response[ProfileView]:
        """One profile; 304 when If-None-Match has its ETag (checked without loading it)."""
        version = await get_profile_version(principal, profile_id)
        return await _read(
            if_none_match, principal, profile_id, version, get_profile, profile_responses
        )

    @put("/{profile_id:str}", operation_id="update_profile", response_headers=VERSIONED)
    async def update(
        self,
        profile_id: FromPath[str],
        data: JSONBody[ProfileUpdate],
        principal: NamedDependency[Principal],
        revise_profile: NamedDependency[ReviseProfile],
        if_match: IfMatch = None,
    ) -> Response[ProfileView]:
        """Replace the given parts; If-Match honoured (412 when stale).

        A list replaces the list as the app expects: items with a known id are updated, items
        with an empty, missing or unknown id are added, and items left out are removed.
        """
        profile = await revise_profile(
            principal, profile_id, content_of(data), expected_version=expected_version(if_match)
        )
        return _versioned(profile, principal)

    @delete("/{profile_id:str}", status_code=204, operation_id="delete_profile")
    async def remove(
        self,
        profile_id: FromPath[str],
        principal: NamedDependency[Principal],
        delete_profile: NamedDependency[DeleteProfile],
        if_match: IfMatch = None,
    ) -> None:
        """Delete the profile and everything hanging off it."""
        await delete_profile(principal, profile_id, expected_version=expected_version(if_match))

    @post(
        "/{profile_id:str}/operations",
        status_code=200,
        operation_id="apply_profile_operations",
        response_headers=VERSIONED,
    )
    async def operations(
        self,
        request: AnyRequest,
        profile_id: FromPath[str],
        data: JSONBody[OperationsRequest],
        principal: NamedDependency[Principal],
        apply_profile_operations: NamedDependency[ApplyProfileOperations],
        if_match: IfMatch = None,
        idempotency: IdempotencyKeyHeader = None,
    ) -> Response[ProfileView]:
        """Apply a batch atomically with one version bump; 422 lists every failing index.

        ``expected_version`` in the body, when given, takes the place of ``If-Match``.
        """
        expected = data.expected_version
        if expected is None:
            expected = expected_version(if_match)
        changed = await apply_profile_operations(
            principal,
            profile_id,
            data.operations,
            expected_version=expected,
            idempotency=await idempotency_key(request, idempotency),
        )
        return _versioned(changed.profile, principal)

    @get("/{profile_id:str}/analytics", operation_id="get_profile_analytics")
    async def analytics(
        self,
        profile_id: FromPath[str],
        principal: NamedDependency[Principal],
        get_profile_analytics: NamedDependency[GetProfileAnalytics],
    ) -> ProfileAnalytics:
        """Completeness, statistics (years over merged intervals) and recommendations."""
        return await get_profile_analytics(principal, profile_id)

    @get("/{profile_id:str}/export/json-resume", operation_id="export_json_resume")
    async def export_json_resume(
        self,
        profile_id: FromPath[str],
        principal: NamedDependency[Principal],
        export_json_resume: NamedDependency[ExportJsonResume],
    ) -> dict[str, Any]:
        """The profile as a JSON Resume 1.x document; our extra fields travel in ``meta``."""
        return await export_json_resume(principal, profile_id)

    @post(
        "/import/json-resume",
        status_code=201,
        operation_id="import_json_resume",
        response_headers=VERSIONED,
    )
    async def import_json_resume(
        self,
        request: AnyRequest,
        data: JSONBody[dict[str, Any]],
        principal: NamedDependency[Principal],
        import_json_resume: NamedDependency[ImportJsonResume],
        idempotency: IdempotencyKeyHeader = None,
    ) -> Response[ProfileView]:
        """Create a profile from a JSON Resume document (Idempotency-Key honoured)."""
        key = await idempotency_key(request, idempotency)
        profile = await import_json_resume(principal, data, idempotency=key)
        return _versioned(profile, principal, 201)


async def _read(
    if_none_match: str | None,
    principal: Principal,
    profile_id: str,
    version: int,
    get_profile: GetProfile,
    cache: ProfileResponseCache,
) -> Response[ProfileView]:
    """304, or the encoded view of ``version`` from the cache, or loaded, encoded and kept.

    The body is already-encoded JSON of a ``ProfileView`` (hence the cast).
    """
    if not_modified(if_none_match, version):
        return not_modified_response(version)
    body = cache.get(profile_id, version)
    if body is None:
        profile = await get_profile(principal, profile_id)
        version = profile.version  # it may have moved on since the version was read
        if not_modified(if_none_match, version):
            return not_modified_response(version)
        body = encode_json(profile_view(profile, principal.user_number))
        cache.put(profile_id, version, body)
    encoded = Response(body, media_type=MediaType.JSON, headers={"ETag": etag(version)})
    return cast("Response[ProfileView]", encoded)


def _versioned(profile: Profile, principal: Principal, status_code: int = 200) -> Response[Any]:
    """The caller's own profile as clients read it, with its ETag."""
    return versioned(profile_view(profile, principal.user_number), profile.version, status_code)
