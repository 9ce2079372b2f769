"""The enhance route (G3): grounded enhanced texts written beside a profile's originals."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, post
from litestar.di import NamedDependency, Provide
from litestar.params import JSONBody
from msgspec import Meta

from resumecore.enhancement.apply import EnhancedItem
from resumecore.model.principal import Principal
from resumecore.services.profiles.enhance import EnhanceProfile, ProfileEnhanced
from resumecore_server.entrypoints.http.rate_limit import TAILORING_QUOTA
from resumecore_server.entrypoints.http.schemas.common import RequestBody, ResponseBody
from resumecore_server.entrypoints.http.security import provide_principal


class EnhanceRequest(RequestBody):
    """Which of the caller's profiles to enhance."""

    profile_id: Annotated[str, Meta(max_length=64)]


class EnhancedCounts(ResponseBody):
    """What this call wrote or confirmed: the summary (or not) and how many items."""

    summary: bool
    items: int


class EnhanceResponse(ResponseBody):
    """The outcome; the app reads it only as a map and then re-fetches the profile."""

    profile_id: str
    version: int
    status: str
    changed: bool
    writer: str
    enhanced: EnhancedCounts
    skipped: int
    left_out: int
    enhanced_professional_summary: str | None
    items: list[EnhancedItem]


def enhance_response(done: ProfileEnhanced) -> EnhanceResponse:
    """The reply body for a finished enhancement."""
    result = done.result
    return EnhanceResponse(
        profile_id=done.profile.id,
        version=done.profile.version,
        status="completed",
        changed=done.changed,
        writer=done.writer,
        enhanced=EnhancedCounts(summary=result.summary is not None, items=len(result.items)),
        skipped=result.skipped,
        left_out=done.left_out,
        enhanced_professional_summary=done.profile.enhanced_professional_summary,
        items=list(result.items),
    )


class EnhanceController(Controller):
    """Profile enhancement (contract: G3 ``POST /profile/enhance``)."""

    path = "/api/v1/profile"
    tags = ["profiles"]
    security = [{"BearerToken": []}]
    dependencies = {"principal": Provide(provide_principal)}

    @post("/enhance", status_code=200, **TAILORING_QUOTA, operation_id="enhance_profile")
    async def enhance(
        self,
        data: JSONBody[EnhanceRequest],
        principal: NamedDependency[Principal],
        enhance_profile: NamedDependency[EnhanceProfile],
    ) -> EnhanceResponse:
        """Enhance the profile's summary and descriptions; originals are never changed."""
        return enhance_response(await enhance_profile(principal, data.profile_id))
