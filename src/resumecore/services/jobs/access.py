"""Loading a job the caller owns."""

from __future__ import annotations

from resumecore.errors import NotFound, VersionConflict
from resumecore.model.job import Job
from resumecore.model.principal import Principal
from resumecore.ports.uow import UnitOfWork
from resumecore.services.profiles.access import plausible_id

JOB_NOT_FOUND = "Job not found."


async def load_owned_job(uow: UnitOfWork, principal: Principal, job_id: str) -> Job:
    """The caller's job; another user's job is reported exactly like a missing one."""
    job = await uow.jobs.get(job_id) if plausible_id(job_id) else None
    if job is None or job.user_id != principal.user_id:
        raise NotFound(JOB_NOT_FOUND)
    return job


def check_job_version(job: Job, expected_version: int | None) -> None:
    """``VersionConflict`` when the client edited an older version (If-Match)."""
    if expected_version is not None and expected_version != job.version:
        raise VersionConflict("The job has changed since you read it.", current_version=job.version)
