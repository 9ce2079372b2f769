"""Profile routes: create, list, read (304 on If-None-Match), replace parts, delete, operations."""

from __future__ import annotations

from typing import Any, cast

from litestar import Controller, Request, Response, delete, get, post, put
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, JSONBody

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
from resumecore.services.profiles.queries import ListProfiles
from resumecore_server.entrypoints.http.conditional import IfMatch, IfNoneMatch, expected_version
from resumecore_server.entrypoints.http.idempotency import IdempotencyKeyHeader, idempotency_key
from resumecore_server.entrypoints.http.openapi_declarations import NOT_MODIFIED, VERSIONED
from resumecore_server.entrypoints.http.paging import Limit, Offset
from resumecore_server.entrypoints.http.profile_reads import ProfileReads
from resumecore_server.entrypoints.http.responses import versioned
from resumecore_server.entrypoints.http.schemas.profile_commands import draft_of
from resumecore_server.entrypoints.http.schemas.profile_views import ProfileView, profile_view
from resumecore_server.entrypoints.http.schemas.profiles import (
    OperationsRequest,
    ProfileCreate,
    ProfileList,
    ProfileUpdate,
    content_of,
)
from resumecore_server.entrypoints.http.security import bearer_token, provide_principal

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
        profile = await create_profile(principal, draft_of(data), idempotency=key)
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
        request: AnyRequest,
        profile_reads: NamedDependency[ProfileReads],
        if_none_match: IfNoneMatch = None,
    ) -> Response[ProfileView]:
        """The primary profile (404 when the caller has none); 304 on its ETag."""
        # The session check and the version check are one query (see ProfileReads).
        answer = await profile_reads.primary(bearer_token(request), if_none_match)
        return cast("Response[ProfileView]", answer)

    @get(
        "/{profile_id:str}",
        operation_id="get_profile",
        response_headers=VERSIONED,
        responses=NOT_MODIFIED,
    )
    async def read(
        self,
        request: AnyRequest,
        profile_id: FromPath[str],
        profile_reads: NamedDependency[ProfileReads],
        if_none_match: IfNoneMatch = None,
    ) -> Response[ProfileView]:
        """One profile; 304 when If-None-Match has its ETag (checked without loading it)."""
        answer = await profile_reads.one(bearer_token(request), profile_id, if_none_match)
        return cast("Response[ProfileView]", answer)

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


def _versioned(profile: Profile, principal: Principal, status_code: int = 200) -> Response[Any]:
    """The caller's own profile as clients read it, with its ETag."""
    return versioned(profile_view(profile, principal.user_number), profile.version, status_code)
