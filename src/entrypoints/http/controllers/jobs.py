"""Job routes: create from pasted text, list with filters, the catalog, read, correct, delete."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, Response, delete, get, patch, post, put
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, FromQuery, JSONBody, QueryParameter

from resumecore.model.application_status import ApplicationStatus
from resumecore.model.job import EmploymentType, Job, JobSource, JobStatus
from resumecore.model.job_filters import JobFilters
from resumecore.model.page import Page
from resumecore.model.principal import Principal
from resumecore.services.jobs.catalog import BrowseCatalog, SaveCatalogJob
from resumecore.services.jobs.manage import (
    CreateJob,
    DeleteJob,
    ExportJobSchema,
    GetJob,
    ImportJobSchema,
    ListJobs,
    UpdateJob,
)
from resumecore.services.jobs.tailoring import MatchJob
from resumecore.tailoring import MatchReport
from resumecore_server.entrypoints.http.conditional import (
    IfMatch,
    IfNoneMatch,
    expected_version,
    not_modified,
)
from resumecore_server.entrypoints.http.idempotency import IdempotencyKeyHeader, idempotency_key
from resumecore_server.entrypoints.http.openapi_declarations import (
    NOT_MODIFIED,
    VERSIONED,
    also_answers,
)
from resumecore_server.entrypoints.http.paging import Limit, Offset
from resumecore_server.entrypoints.http.rate_limit import TAILORING_QUOTA, ip_quota
from resumecore_server.entrypoints.http.responses import not_modified_response, versioned
from resumecore_server.entrypoints.http.schemas.jobs import (
    JobCreate,
    JobList,
    JobUpdate,
    Pagination,
    fields_of,
)
from resumecore_server.entrypoints.http.security import provide_principal

Query = Annotated[str | None, QueryParameter(max_length=200)]
AnyRequest = Request[Any, Any, Any]
# Every route but the public catalog needs a token (Litestar adds security layers up, so it is
# declared per route rather than on the controller).
BEARER: list[dict[str, list[str]]] = [{"BearerToken": []}]
# The catalog is readable without a login: it is counted per client IP instead.
BROWSE_QUOTA = ip_quota("browse")


def job_list(page: Page[Job]) -> JobList:
    """The list body of the contract."""
    pagination = Pagination(
        limit=page.limit,
        offset=page.offset,
        total=page.total,
        has_more=page.has_more,
        has_more_camel=page.has_more,
    )
    return JobList(jobs=page.items, total=page.total, pagination=pagination)


class JobController(Controller):
    """Jobs (contract: Jobs)."""

    path = "/api/v1/jobs"
    tags = ["jobs"]
    dependencies = {"principal": Provide(provide_principal)}

    @post(
        "",
        status_code=201,
        operation_id="create_job",
        security=BEARER,
        response_headers=VERSIONED,
    )
    async def create(
        self,
        request: AnyRequest,
        data: JSONBody[JobCreate],
        principal: NamedDependency[Principal],
        create_job: NamedDependency[CreateJob],
        idempotency: IdempotencyKeyHeader = None,
    ) -> Response[Job]:
        """Create from ``raw_text`` (parsed) and/or fields (Idempotency-Key honoured)."""
        job = await create_job(
            principal,
            fields_of(data),
            idempotency=await idempotency_key(request, idempotency),
            source=data.source,
        )
        return versioned(job, job.version, 201)

    @get("", operation_id="list_jobs", security=BEARER)
    async def list_jobs(
        self,
        principal: NamedDependency[Principal],
        list_jobs: NamedDependency[ListJobs],
        status: FromQuery[JobStatus | None] = None,
        source: FromQuery[JobSource | None] = None,
        employment_type: FromQuery[EmploymentType | None] = None,
        remote: FromQuery[bool | None] = None,
        application_status: FromQuery[ApplicationStatus | None] = None,
        q: Query = None,
        limit: Limit = 20,
        offset: Offset = 0,
    ) -> JobList:
        """The caller's jobs, newest first, filtered, with the real total.

        ``q`` keeps jobs whose title, company, location or description contain each of its
        words, in any case and order.
        """
        filters = JobFilters(
            status=status,
            source=source,
            employment_type=employment_type,
            remote=remote,
            application_status=application_status,
            q=q,
        )
        return job_list(await list_jobs(principal, filters, limit=limit, offset=offset))

    @get("/browse", **BROWSE_QUOTA, operation_id="browse_catalog")
    async def browse(
        self,
        browse_catalog: NamedDependency[BrowseCatalog],
        q: Query = None,
        query_alias: Annotated[str | None, QueryParameter(name="query", max_length=200)] = None,
        location: Query = None,
        remote: FromQuery[bool | None] = None,
        limit: Limit = 20,
        offset: Offset = 0,
    ) -> JobList:
        """The shared catalog of postings (stable ids); no token needed.

        ``q`` keeps postings that contain each of its words (title, company, location or
        description, any case and order); ``query`` is an alias of ``q``; ``location`` matches
        part of the location in any case; ``remote=true`` keeps only remote postings,
        ``remote=false`` filters nothing (the app sends it to mean "not only remote").
        """
        page = await browse_catalog(
            q or query_alias,
            limit=limit,
            offset=offset,
            location=location,
            remote_only=remote is True,
        )
        return job_list(page)

    @post(
        "/browse/{catalog_id:str}/save",
        status_code=201,
        operation_id="save_catalog_job",
        security=BEARER,
        response_headers=VERSIONED,
        responses=also_answers(200, Job, "Saved before: the same job, unchanged."),
    )
    async def save(
        self,
        catalog_id: FromPath[str],
        principal: NamedDependency[Principal],
        save_catalog_job: NamedDependency[SaveCatalogJob],
    ) -> Response[Job]:
        """Copy a posting into the caller's jobs: 201 the first time, then 200, same job."""
        job, created = await save_catalog_job(principal, catalog_id)
        return versioned(job, job.version, 201 if created else 200)

    @get(
        "/{job_id:str}",
        operation_id="get_job",
        security=BEARER,
        response_headers=VERSIONED,
        responses=NOT_MODIFIED,
    )
    async def read(
        self,
        job_id: FromPath[str],
        principal: NamedDependency[Principal],
        get_job: NamedDependency[GetJob],
        if_none_match: IfNoneMatch = None,
    ) -> Response[Job]:
        """One job; 304 when If-None-Match has its ETag."""
        job = await get_job(principal, job_id)
        if not_modified(if_none_match, job.version):
            return not_modified_response(job.version)
        return versioned(job, job.version)

    @put("/{job_id:str}", operation_id="update_job", security=BEARER, response_headers=VERSIONED)
    async def replace(
        self,
        job_id: FromPath[str],
        data: JSONBody[JobUpdate],
        principal: NamedDependency[Principal],
        update_job: NamedDependency[UpdateJob],
        if_match: IfMatch = None,
    ) -> Response[Job]:
        """Correct fields (partial); If-Match honoured."""
        return await self._update(if_match, job_id, data, principal, update_job)

    @patch("/{job_id:str}", operation_id="patch_job", security=BEARER, response_headers=VERSIONED)
    async def amend(
        self,
        job_id: FromPath[str],
        data: JSONBody[JobUpdate],
        principal: NamedDependency[Principal],
        update_job: NamedDependency[UpdateJob],
        if_match: IfMatch = None,
    ) -> Response[Job]:
        """Same as PUT: the given fields change, the rest stay."""
        return await self._update(if_match, job_id, data, principal, update_job)

    async def _update(
        self,
        if_match: str | None,
        job_id: str,
        data: JobUpdate,
        principal: Principal,
        update_job: UpdateJob,
    ) -> Response[Job]:
        job = await update_job(
            principal, job_id, fields_of(data), expected_version=expected_version(if_match)
        )
        return versioned(job, job.version)

    @delete("/{job_id:str}", status_code=204, operation_id="delete_job", security=BEARER)
    async def remove(
        self,
        job_id: FromPath[str],
        principal: NamedDependency[Principal],
        delete_job: NamedDependency[DeleteJob],
        if_match: IfMatch = None,
    ) -> None:
        """Delete the job."""
        await delete_job(principal, job_id, expected_version=expected_version(if_match))

    @get("/{job_id:str}/export/job-schema", operation_id="export_job_schema", security=BEARER)
    async def export_job_schema(
        self,
        job_id: FromPath[str],
        principal: NamedDependency[Principal],
        export_job_schema: NamedDependency[ExportJobSchema],
    ) -> dict[str, Any]:
        """The job as a JSON Resume job-schema document (tracking fields stay private)."""
        return await export_job_schema(principal, job_id)

    @post(
        "/import/job-schema",
        status_code=201,
        operation_id="import_job_schema",
        security=BEARER,
        response_headers=VERSIONED,
    )
    async def import_job_schema(
        self,
        request: AnyRequest,
        data: JSONBody[dict[str, Any]],
        principal: NamedDependency[Principal],
        import_job_schema: NamedDependency[ImportJobSchema],
        idempotency: IdempotencyKeyHeader = None,
    ) -> Response[Job]:
        """Create a job from a job-schema document (Idempotency-Key honoured)."""
        key = await idempotency_key(request, idempotency)
        job = await import_job_schema(principal, data, idempotency=key)
        return versioned(job, job.version, 201)

    @get("/{job_id:str}/match", **TAILORING_QUOTA, operation_id="match_job", security=BEARER)
    async def match(
        self,
        job_id: FromPath[str],
        principal: NamedDependency[Principal],
        match_job: NamedDependency[MatchJob],
        profile_id: Annotated[str | None, QueryParameter(max_length=64)] = None,
    ) -> MatchReport:
        """Requirements met/partial/missing with evidence, matched and missing skills, a score."""
        return await match_job(principal, job_id, profile_id)
