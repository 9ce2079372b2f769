"""Use cases over a user's own jobs: create, read, list, change, delete."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from resumecore.jsonresume.job import job_from_schema, job_to_schema
from resumecore.model.idempotency import IdempotencyKey
from resumecore.model.job import Job, JobSource, revise_job
from resumecore.model.job_factory import checked_content, new_job
from resumecore.model.job_filters import JobFilters
from resumecore.model.page import Page
from resumecore.model.principal import Principal
from resumecore.ports.posting_assist import PostingAssist
from resumecore.ports.system import Clock, IdGenerator
from resumecore.ports.uow import UnitOfWorkFactory
from resumecore.services.idempotency import remember, replay
from resumecore.services.jobs.access import check_job_version, load_owned_job
from resumecore.services.jobs.posting_parses import ParsedPostings
from resumecore.services.retry import retrying


class CreateJob:
    """Create a job from a pasted posting (parsed) and/or typed fields; Idempotency-Key aware.

    With a ``PostingAssist`` (``RESUMECORE_PARSER_LLM_ASSIST``) pasted text is parsed by it,
    on the caller's token budget; it falls back to the plain parse by itself. Without one, the
    plain parse comes from ``ParsedPostings`` (shared between processes when Redis is set).

    Raises:
        InvalidValue: no text and no title, a read-only field, text over 50,000 characters.
    """

    def __init__(
        self,
        uow: UnitOfWorkFactory,
        clock: Clock,
        ids: IdGenerator,
        parses: ParsedPostings,
        assist: PostingAssist | None = None,
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._ids = ids
        self._assist = assist
        self._parses = parses

    async def __call__(
        self,
        principal: Principal,
        content: Mapping[str, Any],
        *,
        idempotency: IdempotencyKey | None = None,
        source: JobSource = "user_created",
    ) -> Job:
        """Parse outside the transaction, then store and commit."""
        posting = None
        raw_text = checked_content(content).get("raw_text")
        if self._assist is not None and raw_text:
            posting = await self._assist.parse(raw_text, user_id=principal.user_id)
        elif raw_text:
            posting = await self._parses(raw_text)
        now = self._clock.now()
        job = new_job(
            self._ids.new_id(), principal.user_id, content, at=now, source=source, posting=posting
        )
        async with self._uow() as uow:
            earlier = await replay(uow, principal.user_id, idempotency, Job, now)
            if earlier is not None:
                return earlier
            await uow.jobs.add(job)
            await remember(uow, principal.user_id, idempotency, job, now)
            await uow.commit()
        return job


class GetJob:
    """One of the caller's jobs (``NotFound`` otherwise)."""

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def __call__(self, principal: Principal, job_id: str) -> Job:
        """The job."""
        async with self._uow() as uow:
            return await load_owned_job(uow, principal, job_id)


class ListJobs:
    """The caller's jobs matching the filters, newest first, with the real total."""

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def __call__(
        self, principal: Principal, filters: JobFilters, *, limit: int, offset: int
    ) -> Page[Job]:
        """One page."""
        async with self._uow() as uow:
            items, total = await uow.jobs.list_for_user(
                principal.user_id, filters, limit=limit, offset=offset
            )
        return Page(items=items, total=total, limit=limit, offset=offset)


class UpdateJob:
    """Correct fields or move the application status (transitions checked, history kept).

    Raises:
        NotFound, VersionConflict (stale If-Match), InvalidValue (rules, transitions).
    """

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def __call__(
        self,
        principal: Principal,
        job_id: str,
        changes: Mapping[str, Any],
        *,
        expected_version: int | None = None,
    ) -> Job:
        """Without If-Match a lost race is re-applied on the new version."""
        return await retrying(
            lambda: self._attempt(principal, job_id, changes, expected_version),
            expected_version,
            key=f"job:{job_id}",
        )

    async def _attempt(
        self,
        principal: Principal,
        job_id: str,
        changes: Mapping[str, Any],
        expected_version: int | None,
    ) -> Job:
        async with self._uow() as uow:
            job = await load_owned_job(uow, principal, job_id)
            check_job_version(job, expected_version)
            revised = revise_job(job, changes, self._clock.now())
            await uow.jobs.save(revised, expected_version=job.version)
            await uow.commit()
        return revised


class DeleteJob:
    """Delete one of the caller's jobs (``NotFound`` otherwise, also the second time)."""

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def __call__(
        self, principal: Principal, job_id: str, *, expected_version: int | None = None
    ) -> None:
        """Delete and commit."""
        async with self._uow() as uow:
            job = await load_owned_job(uow, principal, job_id)
            check_job_version(job, expected_version)
            await uow.jobs.delete(job.id)
            await uow.commit()


class ExportJobSchema:
    """One of the caller's jobs as a JSON Resume job-schema document."""

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def __call__(self, principal: Principal, job_id: str) -> dict[str, Any]:
        """The document (``NotFound`` for unknown or foreign ids)."""
        async with self._uow() as uow:
            job = await load_owned_job(uow, principal, job_id)
        return job_to_schema(job)


class ImportJobSchema:
    """Create a job (source ``imported``) from a job-schema document.

    Raises:
        InvalidValue: the document does not fit the schema, or has no title.
    """

    def __init__(self, create_job: CreateJob) -> None:
        self._create = create_job

    async def __call__(
        self,
        principal: Principal,
        document: dict[str, Any],
        *,
        idempotency: IdempotencyKey | None = None,
    ) -> Job:
        """Map, then create in one transaction."""
        content = job_from_schema(document)
        return await self._create(principal, content, idempotency=idempotency, source="imported")
