"""The embedded task queue: a ``tasks`` table claimed atomically, each call its own transaction.

Claiming is one statement on both databases::

    UPDATE tasks SET state = 'leased', worker = :w, attempts = attempts + 1, lease_until = ...
    WHERE id = (SELECT id FROM tasks WHERE <available> ORDER BY available_at, id LIMIT 1
                FOR UPDATE SKIP LOCKED)            -- the FOR UPDATE part on PostgreSQL only
      AND <available>
    RETURNING *

PostgreSQL: the sub-select locks the row it picks and skips rows other claimers hold, so
concurrent claimers take different tasks and never wait on each other. SQLite (3.35+ for
RETURNING) runs one writer at a time, so the statement is atomic by itself. Available means
queued and due, or leased with the lease run out (its worker is presumed dead).

A lease is identified by the worker *and* ``attempts`` (every claim adds one), so a worker
that lost its task (even to a worker of the same name) can no longer heartbeat or retry it.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from resumecore.ports.generations import Task, TaskQueue
from resumecore_server.adapters.sql.errors import translated_errors
from resumecore_server.adapters.sql.tables import tasks


def _now() -> datetime:
    return datetime.now(UTC)


def _new_id() -> str:
    return str(uuid.uuid4())


def available(now: datetime) -> ColumnElement[bool]:
    """Queued and due, or leased past its lease."""
    return or_(
        and_(tasks.c.state == "queued", tasks.c.available_at <= now),
        and_(tasks.c.state == "leased", tasks.c.lease_until < now),
    )


def _held(task: Task) -> ColumnElement[bool]:
    """Still the lease ``task`` was claimed with."""
    return and_(
        tasks.c.id == task.id,
        tasks.c.state == "leased",
        tasks.c.worker == task.worker,
        tasks.c.attempts == task.attempts,
    )


def _task(row: Any) -> Task:
    return Task(
        id=row.id,
        kind=row.kind,
        subject_id=row.subject_id,
        attempts=row.attempts,
        state=row.state,
        available_at=row.available_at,
        lease_until=row.lease_until,
        worker=row.worker,
        last_error=row.last_error,
    )


class SqlTaskQueue(TaskQueue):
    """``TaskQueue`` on the application's database; every method is one short transaction.

    ``now`` and ``new_id`` only stamp ``created_at`` and name new tasks (tests inject them);
    every time that decides anything is passed in by the caller.
    """

    def __init__(
        self,
        engine: AsyncEngine,
        *,
        now: Callable[[], datetime] = _now,
        new_id: Callable[[], str] = _new_id,
    ) -> None:
        if engine.dialect.name == "sqlite" and sqlite3.sqlite_version_info < (3, 35):
            msg = f"the task queue needs SQLite 3.35+ (RETURNING); this is {sqlite3.sqlite_version}"
            raise RuntimeError(msg)
        self._engine = engine
        self._now = now
        self._new_id = new_id

    async def enqueue(self, kind: str, subject_id: str, *, at: datetime) -> Task:
        """Insert a queued task, available from ``at``."""
        task = Task(id=self._new_id(), kind=kind, subject_id=subject_id, available_at=at)
        with translated_errors():
            async with self._engine.begin() as connection:
                await connection.execute(
                    insert(tasks).values(
                        id=task.id,
                        kind=kind,
                        subject_id=subject_id,
                        state="queued",
                        attempts=0,
                        available_at=at,
                        created_at=self._now(),
                    )
                )
        return task

    async def claim(self, worker: str, *, now: datetime, lease_seconds: float) -> Task | None:
        """Lease the oldest available task (by ``available_at``, then id) to ``worker``."""
        oldest = (
            select(tasks.c.id)
            .where(available(now))
            .order_by(tasks.c.available_at, tasks.c.id)
            .limit(1)
            .with_for_update(skip_locked=True)  # rendered on PostgreSQL only
            .scalar_subquery()
        )
        statement = (
            update(tasks)
            .where(tasks.c.id == oldest, available(now))
            .values(
                state="leased",
                worker=worker,
                attempts=tasks.c.attempts + 1,
                lease_until=now + timedelta(seconds=lease_seconds),
            )
            .returning(*tasks.c)
        )
        with translated_errors():
            async with self._engine.begin() as connection:
                row = (await connection.execute(statement)).first()
        return _task(row) if row is not None else None

    async def heartbeat(self, task: Task, *, now: datetime, lease_seconds: float) -> bool:
        """Extend the lease if nobody claimed the task since (even if the lease just ran out)."""
        statement = (
            update(tasks)
            .where(_held(task))
            .values(lease_until=now + timedelta(seconds=lease_seconds))
        )
        return await self._changed(statement)

    async def complete(self, task: Task) -> None:
        """Mark done, whoever holds it now: the work is done; it is never handed out again."""
        statement = (
            update(tasks)
            .where(tasks.c.id == task.id, tasks.c.state != "done")
            .values(state="done", lease_until=None)
        )
        await self._changed(statement)

    async def retry(self, task: Task, *, at: datetime, error: str, max_attempts: int) -> bool:
        """Queue it again from ``at``; dead once ``attempts`` reached ``max_attempts``.

        False when it was marked dead, and also when the task is no longer this lease's (it
        was claimed again, completed or killed meanwhile): then nothing changes.
        """
        if task.attempts >= max_attempts:
            statement = (
                update(tasks)
                .where(_held(task))
                .values(state="dead", lease_until=None, last_error=error)
            )
            await self._changed(statement)
            return False
        statement = (
            update(tasks)
            .where(_held(task))
            .values(state="queued", available_at=at, lease_until=None, last_error=error)
        )
        return await self._changed(statement)

    async def get(self, task_id: str) -> Task | None:
        """The task as stored now (for tests and operators), or None."""
        with translated_errors():
            async with self._engine.connect() as connection:
                query = select(*tasks.c).where(tasks.c.id == task_id)
                row = (await connection.execute(query)).first()
        return _task(row) if row is not None else None

    async def _changed(self, statement: Any) -> bool:
        with translated_errors():
            async with self._engine.begin() as connection:
                result = await connection.execute(statement)
        return bool(result.rowcount == 1)
