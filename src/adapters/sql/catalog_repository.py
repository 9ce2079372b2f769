"""The shared catalog of postings in SQL."""

from __future__ import annotations

import msgspec
from sqlalchemy import func, insert, select

from resumecore.model.job import Job
from resumecore.model.job_filters import in_place
from resumecore.ports.repositories import CatalogRepository
from resumecore_server.adapters.sql.job_repository import job_search_text, search_conditions
from resumecore_server.adapters.sql.runner import SqlRunner
from resumecore_server.adapters.sql.tables import catalog_postings as catalog

_decoder = msgspec.json.Decoder(Job)


class SqlCatalogRepository(CatalogRepository):
    """``catalog_postings`` table."""

    def __init__(self, runner: SqlRunner) -> None:
        self._db = runner

    async def add_missing(self, postings: list[Job]) -> int:
        """Insert postings whose ids are new."""
        taken = set((await self._db.execute(select(catalog.c.id))).scalars())
        rows = []
        for posting in postings:
            if posting.id in taken:
                continue
            taken.add(posting.id)  # an id given twice is inserted once, from the first
            rows.append(
                {
                    "id": posting.id,
                    "search": job_search_text(posting),
                    "payload": msgspec.json.encode(posting).decode(),
                    "created_at": posting.created_at,
                }
            )
        if rows:
            await self._db.execute(insert(catalog), rows)
        return len(rows)

    async def get(self, posting_id: str) -> Job | None:
        """By id."""
        row = (
            await self._db.execute(select(catalog.c.payload).where(catalog.c.id == posting_id))
        ).first()
        return _decoder.decode(row.payload) if row else None

    async def search(
        self,
        q: str | None,
        *,
        limit: int,
        offset: int,
        location: str | None = None,
        remote_only: bool = False,
    ) -> tuple[list[Job], int]:
        """Oldest first (stable), with the real total."""
        conditions = search_conditions(catalog.c.search, q)
        query = (
            select(catalog.c.payload)
            .where(*conditions)
            .order_by(catalog.c.created_at, catalog.c.id)
        )
        if location or remote_only:
            # The catalog is only ever the shipped data file (a few dozen postings), so these
            # two filters read the decoded postings instead of needing columns of their own.
            rows = (await self._db.execute(query)).all()
            found = [
                job
                for job in (_decoder.decode(row.payload) for row in rows)
                if in_place(job, location) and (job.remote or not remote_only)
            ]
            return found[offset : offset + limit], len(found)
        total = (
            await self._db.execute(select(func.count()).select_from(catalog).where(*conditions))
        ).scalar_one()
        rows = (await self._db.execute(query.limit(limit).offset(offset))).all()
        return [_decoder.decode(row.payload) for row in rows], int(total)
