"""Jobs in SQL: filter columns beside the whole job as msgspec JSON."""

from __future__ import annotations

from typing import Any

import msgspec
from sqlalchemy import ColumnElement, delete, func, insert, select, update

from resumecore.errors import Conflict, VersionConflict
from resumecore.ids import UserId
from resumecore.model.job import Job
from resumecore.model.job_filters import JobFilters, search_text, search_words
from resumecore.ports.repositories import JobRepository
from resumecore_server.adapters.sql.runner import SqlRunner
from resumecore_server.adapters.sql.tables import jobs

_decoder = msgspec.json.Decoder(Job)
# Built once: values passed as parameters reuse the compiled statement (no per-call coercion).
_INSERT = insert(jobs)


def job_search_text(job: Job) -> str:
    """What ``q`` searches in a job."""
    return search_text(job.title, job.company, job.location, job.description)


def search_conditions(column: ColumnElement[str], q: str | None) -> list[ColumnElement[bool]]:
    """One LIKE per word of ``q`` (``search_words``), each matched literally anywhere."""
    return [column.like(_like_pattern(word), escape="\\") for word in search_words(q)]


def _like_pattern(word: str) -> str:
    # Backslash escapes LIKE's wildcards, so "%" and "_" are searched for as written.
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _columns(job: Job) -> dict[str, Any]:
    """Every column derived from the job (the filters read them, not the payload)."""
    return {
        "user_id": job.user_id,
        "catalog_id": job.catalog_id,
        "source": job.source,
        "created_at": job.created_at,
        "version": job.version,
        "status": job.status,
        "application_status": job.application_status,
        "employment_type": job.employment_type,
        "remote": job.remote,
        "search": job_search_text(job),
        "payload": msgspec.json.encode(job).decode(),
    }


class SqlJobRepository(JobRepository):
    """``jobs`` table; the unique (user_id, catalog_id) index makes catalog saves happen once."""

    def __init__(self, runner: SqlRunner) -> None:
        self._db = runner

    async def add(self, job: Job) -> None:
        """Insert."""
        try:
            await self._db.execute(_INSERT, {"id": job.id, **_columns(job)})
        except Conflict as exc:
            raise Conflict("This job is already saved.", code="job_exists") from exc

    async def get(self, job_id: str) -> Job | None:
        """By id."""
        row = (await self._db.execute(select(jobs.c.payload).where(jobs.c.id == job_id))).first()
        return _decoder.decode(row.payload) if row else None

    async def get_by_catalog_id(self, user_id: UserId, catalog_id: str) -> Job | None:
        """The user's copy of a catalog posting."""
        query = select(jobs.c.payload).where(
            jobs.c.user_id == user_id, jobs.c.catalog_id == catalog_id
        )
        row = (await self._db.execute(query)).first()
        return _decoder.decode(row.payload) if row else None

    async def list_for_user(
        self, user_id: UserId, filters: JobFilters, *, limit: int, offset: int
    ) -> tuple[list[Job], int]:
        """Newest first, with the real total."""
        conditions = [jobs.c.user_id == user_id, *_filter_conditions(filters)]
        total = (
            await self._db.execute(select(func.count()).select_from(jobs).where(*conditions))
        ).scalar_one()
        query = (
            select(jobs.c.payload)
            .where(*conditions)
            .order_by(jobs.c.created_at.desc(), jobs.c.id.desc())
            .limit(limit)
            .offset(offset)
        )
        rows = (await self._db.execute(query)).all()
        return [_decoder.decode(row.payload) for row in rows], int(total)

    async def save(self, job: Job, *, expected_version: int) -> None:
        """Conditional UPDATE on the version."""
        result = await self._db.execute(
            update(jobs)
            .where(jobs.c.id == job.id, jobs.c.version == expected_version)
            .values(**_columns(job))
        )
        if result.rowcount != 1:
            row = (
                await self._db.execute(select(jobs.c.version).where(jobs.c.id == job.id))
            ).first()
            raise VersionConflict(
                "The job was changed by another request.",
                current_version=row.version if row else None,
            )

    async def delete(self, job_id: str) -> None:
        """Delete."""
        await self._db.execute(delete(jobs).where(jobs.c.id == job_id))


def _filter_conditions(filters: JobFilters) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    for name in ("status", "source", "employment_type", "application_status"):
        value = getattr(filters, name)
        if value is not None:
            conditions.append(jobs.c[name] == value)
    if filters.remote is not None:
        conditions.append(jobs.c.remote.is_(filters.remote))
    return conditions + search_conditions(jobs.c.search, filters.q)
