"""In-memory job and catalog repositories (fakes for unit tests)."""

from __future__ import annotations

from resumecore.errors import Conflict, VersionConflict
from resumecore.ids import UserId
from resumecore.model.job import Job
from resumecore.model.job_filters import (
    JobFilters,
    contains_search_words,
    in_place,
    search_text,
)
from resumecore.ports.repositories import CatalogRepository, JobRepository
from resumecore_server.adapters.memory.journal import UndoJournal
from resumecore_server.adapters.memory.repositories import MemoryTables


def _matches(job: Job, q: str | None) -> bool:
    text = search_text(job.title, job.company, job.location, job.description)
    return contains_search_words(text, q)


class MemoryJobRepository(JobRepository):
    """Jobs in a dict keyed by id."""

    def __init__(self, tables: MemoryTables, journal: UndoJournal) -> None:
        self._t = tables
        self._j = journal

    async def add(self, job: Job) -> None:
        """Insert; Conflict on a taken id or a second copy of a catalog posting."""
        duplicate = job.catalog_id and await self.get_by_catalog_id(job.user_id, job.catalog_id)
        if job.id in self._t.jobs or duplicate or job.user_id not in self._t.users:
            raise Conflict("This job is already saved.", code="job_exists")
        self._j.put(self._t.jobs, job.id, job)

    async def get(self, job_id: str) -> Job | None:
        """By id."""
        return self._t.jobs.get(job_id)

    async def get_by_catalog_id(self, user_id: UserId, catalog_id: str) -> Job | None:
        """The user's copy of a catalog posting."""
        return next(
            (j for j in self._jobs() if j.user_id == user_id and j.catalog_id == catalog_id), None
        )

    async def list_for_user(
        self, user_id: UserId, filters: JobFilters, *, limit: int, offset: int
    ) -> tuple[list[Job], int]:
        """Newest first."""
        found = [
            j
            for j in self._jobs()
            if j.user_id == user_id
            and all(
                getattr(filters, name) in (None, getattr(j, name))
                for name in ("status", "source", "employment_type", "application_status", "remote")
            )
            and _matches(j, filters.q)
        ]
        found.sort(key=lambda j: (j.created_at, j.id), reverse=True)
        return found[offset : offset + limit], len(found)

    async def save(self, job: Job, *, expected_version: int) -> None:
        """Compare-and-set on the version."""
        stored = self._t.jobs.get(job.id)
        if stored is None or stored.version != expected_version:
            current = stored.version if stored else None
            raise VersionConflict(
                "The job was changed by another request.", current_version=current
            )
        self._j.put(self._t.jobs, job.id, job)

    async def delete(self, job_id: str) -> None:
        """Remove, with its rankings (SQL cascades them by foreign key)."""
        self._j.delete(self._t.jobs, job_id)
        for ranking_id in [r.id for r in self._t.rankings.values() if r.job_id == job_id]:
            self._j.delete(self._t.rankings, ranking_id)

    def _jobs(self) -> list[Job]:
        return [j for j in self._t.jobs.values() if j is not None]


class MemoryCatalogRepository(CatalogRepository):
    """Catalog postings in a dict keyed by id."""

    def __init__(self, tables: MemoryTables, journal: UndoJournal) -> None:
        self._t = tables
        self._j = journal

    async def add_missing(self, postings: list[Job]) -> int:
        """Insert new ids."""
        new = [p for p in _first_of_each(postings) if p.id not in self._t.catalog]
        for posting in new:
            self._j.put(self._t.catalog, posting.id, posting)
        return len(new)

    async def get(self, posting_id: str) -> Job | None:
        """By id."""
        return self._t.catalog.get(posting_id)

    async def search(
        self,
        q: str | None,
        *,
        limit: int,
        offset: int,
        location: str | None = None,
        remote_only: bool = False,
    ) -> tuple[list[Job], int]:
        """Oldest first."""
        found = sorted(
            (
                p
                for p in self._t.catalog.values()
                if _matches(p, q) and in_place(p, location) and (p.remote or not remote_only)
            ),
            key=lambda p: (p.created_at, p.id),
        )
        return found[offset : offset + limit], len(found)


def _first_of_each(postings: list[Job]) -> list[Job]:
    first: dict[str, Job] = {}
    for posting in postings:
        first.setdefault(posting.id, posting)
    return list(first.values())
