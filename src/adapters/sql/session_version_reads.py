"""The repeat profile read's one question, asked straight on the driver.

Asked through a unit of work, the query (about 10 µs in SQLite) sat inside about 0.25 ms of
SQLAlchemy: checking out and beginning, the execution context, the result, rolling back and
checking in, three greenlet switches. Here each statement is compiled once for the engine's
dialect and run on a pooled driver connection in one greenlet switch: the same SQL, the same
bound values (the columns' own bind processors), the same pool with its pre-ping.

What the unit of work did besides is done here too: the connection is rolled back before it
goes back to the pool (a no-op for SQLite, which opens no transaction for a read; the lazily
begun transaction for PostgreSQL), one found broken is invalidated, and a driver error leaves
as the same domain error (``translated_errors``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import Dialect, Engine
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.sql import Select
from sqlalchemy.util.concurrency import greenlet_spawn

from resumecore.ids import ProfileId, SessionId, UserId
from resumecore.ports.repositories import SessionVersionReads, VersionRead
from resumecore.ports.tracing import NO_TRACER, Tracer
from resumecore_server.adapters.sql.errors import translated_errors
from resumecore_server.adapters.sql.session_repository import (
    LIVE_SESSION,
    LIVE_WITH_PRIMARY,
    LIVE_WITH_PROFILE,
    to_version_read,
)


class DriverStatement:
    """A select compiled once for ``dialect``; run with named values on a driver connection."""

    def __init__(self, statement: Select[Any], dialect: Dialect) -> None:
        compiled = statement.compile(dialect=dialect)
        self.sql = str(compiled)
        self._names: Sequence[str] = compiled.positiontup or ()
        self._processors: list[Callable[[Any], Any] | None] = [
            compiled.binds[name].type.bind_processor(dialect) for name in self._names
        ]

    def values(self, named: dict[str, Any]) -> tuple[Any, ...]:
        """The positional values the driver takes, each through its column's bind processor."""
        return tuple(
            named[name] if process is None else process(named[name])
            for name, process in zip(self._names, self._processors, strict=True)
        )


class SqlSessionVersionReads(SessionVersionReads):
    """``SessionVersionReads`` on the engine's pool, one driver statement a read."""

    def __init__(self, engine: AsyncEngine, tracer: Tracer = NO_TRACER) -> None:
        self._engine = engine.sync_engine
        self._tracer = tracer
        dialect = self._engine.dialect
        self._live = DriverStatement(LIVE_SESSION, dialect)
        self._primary = DriverStatement(LIVE_WITH_PRIMARY, dialect)
        self._profile = DriverStatement(LIVE_WITH_PROFILE, dialect)

    async def is_live(self, session_id: SessionId, user_id: UserId, now: datetime) -> bool:
        """One row when the session is live and its user active."""
        named = {"session_id": session_id, "user_id": user_id, "now": now}
        return await self._first_row(self._live, named) is not None

    async def live_with_primary_version(
        self, session_id: SessionId, user_id: UserId, now: datetime
    ) -> VersionRead:
        """The session's liveness and the primary profile's id, owner and version."""
        named = {"session_id": session_id, "user_id": user_id, "now": now}
        return to_version_read(await self._first_row(self._primary, named))

    async def live_with_profile_version(
        self, session_id: SessionId, user_id: UserId, now: datetime, profile_id: ProfileId
    ) -> VersionRead:
        """The session's liveness and that profile's id, owner and version."""
        named = {"session_id": session_id, "user_id": user_id, "now": now}
        named["profile_id"] = profile_id
        return to_version_read(await self._first_row(self._profile, named))

    async def _first_row(self, statement: DriverStatement, named: dict[str, Any]) -> Any:
        # The span the engine's statement events give every other statement (sql_spans.py).
        traced = {"db.system": self._engine.dialect.name, "db.statement": statement.sql}
        with self._tracer.span("db SELECT", kind="client", **traced), translated_errors():
            return await greenlet_spawn(_first_row, self._engine, statement, named)


def _first_row(engine: Engine, statement: DriverStatement, named: dict[str, Any]) -> Any:
    """The statement's first row (or None) on a pooled connection, rolled back and returned."""
    values = statement.values(named)
    dialect = engine.dialect
    pooled = cursor = None
    try:
        # Inside the handler: a refused connect (a database starting up) is a driver error too,
        # raised bare by the pool where ``Engine.connect`` would have wrapped it.
        pooled = engine.raw_connection()
        cursor = pooled.cursor()
        cursor.execute(statement.sql, values)
        row = cursor.fetchone()
        cursor.close()
        pooled.rollback()
    except dialect.loaded_dbapi.Error as error:
        if pooled is not None and dialect.is_disconnect(error, pooled.dbapi_connection, cursor):
            pooled.invalidate(error)
        raise sa_exc.DBAPIError.instance(
            statement.sql,
            None,
            error,
            dialect.loaded_dbapi.Error,
            hide_parameters=True,
            dialect=dialect,
        ) from error
    finally:
        if pooled is not None:
            pooled.close()
    return row
