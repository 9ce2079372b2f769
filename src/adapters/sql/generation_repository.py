"""Generations in SQL: filter columns beside the whole generation as msgspec JSON."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import msgspec
from sqlalchemy import ColumnElement, delete, func, insert, select, update

from resumecore.errors import Conflict, VersionConflict
from resumecore.ids import UserId
from resumecore.model.generation import Generation
from resumecore.model.page import Page
from resumecore.ports.generations import GenerationFilters, GenerationRepository
from resumecore_server.adapters.sql.runner import SqlRunner
from resumecore_server.adapters.sql.tables import generations

_decoder = msgspec.json.Decoder(Generation)
_UNFINISHED = ("pending", "running")


def _columns(generation: Generation) -> dict[str, Any]:
    """Every column derived from the generation (the filters read them, not the payload)."""
    return {
        "user_id": generation.user_id,
        "job_id": generation.job_id,
        "profile_id": generation.profile_id,
        "document_type": generation.document_type,
        "status": generation.status,
        "cache_key": generation.cache_key,
        "version": generation.version,
        "created_at": generation.created_at,
        "updated_at": generation.updated_at,
        "payload": msgspec.json.encode(generation).decode(),
    }


class SqlGenerationRepository(GenerationRepository):
    """``generations`` table; ``job_id`` and ``profile_id`` are plain columns, not foreign keys."""

    def __init__(self, runner: SqlRunner) -> None:
        self._db = runner

    async def add(self, generation: Generation) -> None:
        """Insert; ``Conflict`` on a taken id or an unknown owner."""
        try:
            await self._db.execute(
                insert(generations).values(id=generation.id, **_columns(generation))
            )
        except Conflict as exc:
            raise Conflict("This generation already exists.", code="generation_exists") from exc

    async def get(self, generation_id: str) -> Generation | None:
        """By id."""
        query = select(generations.c.payload).where(generations.c.id == generation_id)
        row = (await self._db.execute(query)).first()
        return _decoder.decode(row.payload) if row else None

    async def save(self, generation: Generation, *, expected_version: int) -> None:
        """Conditional UPDATE on the version."""
        result = await self._db.execute(
            update(generations)
            .where(generations.c.id == generation.id, generations.c.version == expected_version)
            .values(**_columns(generation))
        )
        if result.rowcount != 1:
            query = select(generations.c.version).where(generations.c.id == generation.id)
            row = (await self._db.execute(query)).first()
            raise VersionConflict(
                "The generation was changed by another request.",
                current_version=row.version if row else None,
            )

    async def delete(self, generation_id: str) -> None:
        """Delete (nothing happens if it is gone)."""
        await self._db.execute(delete(generations).where(generations.c.id == generation_id))

    async def list_for_user(
        self, user_id: UserId, filters: GenerationFilters, *, limit: int, offset: int
    ) -> Page[Generation]:
        """Newest first (ties by id, descending), with the real total."""
        conditions = [generations.c.user_id == user_id, *_filter_conditions(filters)]
        total = (
            await self._db.execute(select(func.count()).select_from(generations).where(*conditions))
        ).scalar_one()
        query = (
            select(generations.c.payload)
            .where(*conditions)
            .order_by(generations.c.created_at.desc(), generations.c.id.desc())
            .limit(limit)
            .offset(offset)
        )
        rows = (await self._db.execute(query)).all()
        items = [_decoder.decode(row.payload) for row in rows]
        return Page(items=items, total=int(total), limit=limit, offset=offset)

    async def find_completed(self, user_id: UserId, cache_key: str) -> Generation | None:
        """The newest completed one with exactly this cache key."""
        query = (
            select(generations.c.payload)
            .where(
                generations.c.user_id == user_id,
                generations.c.cache_key == cache_key,
                generations.c.status == "completed",
            )
            .order_by(generations.c.created_at.desc(), generations.c.id.desc())
            .limit(1)
        )
        row = (await self._db.execute(query)).first()
        return _decoder.decode(row.payload) if row else None

    async def count_created_since(self, user_id: UserId, since: datetime) -> int:
        """Created at or after ``since``."""
        return await self._count(
            generations.c.user_id == user_id, generations.c.created_at >= since
        )

    async def count_unfinished(self, user_id: UserId) -> int:
        """Pending or running."""
        return await self._count(
            generations.c.user_id == user_id, generations.c.status.in_(_UNFINISHED)
        )

    async def _count(self, *conditions: ColumnElement[bool]) -> int:
        query = select(func.count()).select_from(generations).where(*conditions)
        return int((await self._db.execute(query)).scalar_one())


def _filter_conditions(filters: GenerationFilters) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    for name in ("document_type", "job_id", "status"):
        value = getattr(filters, name)
        if value is not None:
            conditions.append(generations.c[name] == value)
    return conditions
