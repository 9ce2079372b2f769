"""Exports in SQL: filter columns beside the whole record as msgspec JSON."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import msgspec
from sqlalchemy import ColumnElement, delete, func, insert, select

from resumecore.errors import Conflict
from resumecore.exports.model import Export, ExportFilters
from resumecore.ids import UserId
from resumecore.model.page import Page
from resumecore.ports.exports import ExportRepository
from resumecore_server.adapters.sql.runner import SqlRunner
from resumecore_server.adapters.sql.tables import exports

_decoder = msgspec.json.Decoder(Export)


def _columns(export: Export) -> dict[str, Any]:
    return {
        "id": export.id,
        "user_id": export.user_id,
        "generation_id": export.generation_id,
        "job_id": export.job_id,
        "format": export.format,
        "created_at": export.created_at,
        "expires_at": export.expires_at,
        "payload": msgspec.json.encode(export).decode(),
    }


class SqlExportRepository(ExportRepository):
    """``exports`` table; ``generation_id`` and ``job_id`` are plain columns, not foreign keys."""

    def __init__(self, runner: SqlRunner) -> None:
        self._db = runner

    async def add(self, export: Export) -> None:
        """Insert; ``Conflict`` on a taken id or an unknown owner."""
        try:
            await self._db.execute(insert(exports).values(**_columns(export)))
        except Conflict as exc:
            raise Conflict("This export already exists.", code="export_exists") from exc

    async def get(self, export_id: str) -> Export | None:
        """By id."""
        row = (
            await self._db.execute(select(exports.c.payload).where(exports.c.id == export_id))
        ).first()
        return _decoder.decode(row.payload) if row else None

    async def delete(self, export_id: str) -> None:
        """Delete (nothing happens if it is gone)."""
        await self._db.execute(delete(exports).where(exports.c.id == export_id))

    async def list_for_user(
        self, user_id: UserId, filters: ExportFilters, *, limit: int, offset: int
    ) -> Page[Export]:
        """Newest first (ties by id, descending), with the real total."""
        conditions = [exports.c.user_id == user_id, *_conditions(filters)]
        total = (
            await self._db.execute(select(func.count()).select_from(exports).where(*conditions))
        ).scalar_one()
        query = (
            select(exports.c.payload)
            .where(*conditions)
            .order_by(exports.c.created_at.desc(), exports.c.id.desc())
            .limit(limit)
            .offset(offset)
        )
        rows = (await self._db.execute(query)).all()
        items = [_decoder.decode(row.payload) for row in rows]
        return Page(items=items, total=int(total), limit=limit, offset=offset)

    async def list_expired(self, now: datetime, *, limit: int) -> list[Export]:
        """Expired ones of any owner, soonest expiry first (ties by id)."""
        query = (
            select(exports.c.payload)
            .where(exports.c.expires_at <= now)
            .order_by(exports.c.expires_at, exports.c.id)
            .limit(limit)
        )
        rows = (await self._db.execute(query)).all()
        return [_decoder.decode(row.payload) for row in rows]


def _conditions(filters: ExportFilters) -> list[ColumnElement[bool]]:
    found: list[ColumnElement[bool]] = []
    if filters.format is not None:
        found.append(exports.c.format == filters.format)
    if filters.job_id is not None:
        found.append(exports.c.job_id == filters.job_id)
    if filters.alive_at is not None:
        found.append(exports.c.expires_at > filters.alive_at)
    return found
