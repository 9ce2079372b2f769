"""Ranking routes: rank a profile's items against a job, read the latest ranking."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, get, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, JSONBody
from msgspec import Meta

from resumecore.model.principal import Principal
from resumecore.model.ranking import Ranking
from resumecore.services.jobs.tailoring import CreateRanking, GetLatestRanking
from resumecore_server.entrypoints.http.rate_limit import TAILORING_QUOTA
from resumecore_server.entrypoints.http.schemas.common import RequestBody
from resumecore_server.entrypoints.http.security import provide_principal

Id = Annotated[str, Meta(max_length=64)]


class RankingRequest(RequestBody):
    """Which job, and which profile (the primary one when omitted)."""

    job_id: Id
    profile_id: Id | None = None


class RankingController(Controller):
    """Rankings (contract: Generation, rankings rows)."""

    path = "/api/v1/rankings"
    tags = ["rankings"]
    security = [{"BearerToken": []}]
    dependencies = {"principal": Provide(provide_principal)}

    @post("/create", status_code=200, **TAILORING_QUOTA, operation_id="create_ranking")
    async def create(
        self,
        data: JSONBody[RankingRequest],
        principal: NamedDependency[Principal],
        create_ranking: NamedDependency[CreateRanking],
    ) -> Ranking:
        """Rank and store; most relevant first, with each item's parts and reason."""
        return await create_ranking(principal, data.job_id, data.profile_id)

    @get("/job/{job_id:str}", operation_id="get_job_ranking")
    async def latest(
        self,
        job_id: FromPath[str],
        principal: NamedDependency[Principal],
        get_latest_ranking: NamedDependency[GetLatestRanking],
    ) -> Ranking:
        """The newest ranking for the job."""
        return await get_latest_ranking(principal, job_id)
