"""Idempotency records in SQL; the primary key (user_id, key) settles concurrent twins."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, insert, select

from resumecore.errors import Conflict
from resumecore.ids import UserId
from resumecore.model.idempotency import IdempotencyRecord
from resumecore.ports.repositories import IdempotencyRepository
from resumecore_server.adapters.sql.runner import SqlRunner
from resumecore_server.adapters.sql.tables import idempotency_keys as keys


class SqlIdempotencyRepository(IdempotencyRepository):
    """``idempotency_keys`` table."""

    def __init__(self, runner: SqlRunner) -> None:
        self._db = runner

    async def get(self, user_id: UserId, key: str) -> IdempotencyRecord | None:
        """By user and key."""
        query = select(keys).where(keys.c.user_id == user_id, keys.c.key == key)
        row = (await self._db.execute(query)).first()
        if row is None:
            return None
        return IdempotencyRecord(
            user_id=UserId(row.user_id),
            key=row.key,
            fingerprint=row.fingerprint,
            result=bytes(row.result),
            created_at=row.created_at,
        )

    async def add(self, record: IdempotencyRecord) -> None:
        """Insert; ``Conflict`` when a concurrent request with the same key got there first."""
        try:
            await self._db.execute(
                insert(keys).values(
                    user_id=record.user_id,
                    key=record.key,
                    fingerprint=record.fingerprint,
                    result=record.result,
                    created_at=record.created_at,
                )
            )
        except Conflict as exc:
            raise Conflict(
                "A request with this Idempotency-Key is already being processed.",
                code="idempotency_key_in_use",
            ) from exc

    async def purge(self, created_before: datetime) -> None:
        """Delete expired records."""
        await self._db.execute(delete(keys).where(keys.c.created_at < created_before))
