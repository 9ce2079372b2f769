"""The SQL unit of work: one connection and transaction; rollback unless committed.

It drives SQLAlchemy's synchronous ``Connection`` of the async engine, each step in one
``greenlet_spawn`` (which is all ``AsyncConnection`` does, behind a proxy per call): checking
out and beginning is one step, each statement one, and rolling back and returning the
connection one. An authenticated read (one statement) so switches greenlets three times
instead of five; the statements the database sees are the same.
"""

from __future__ import annotations

import contextlib
from types import TracebackType
from typing import Self

from sqlalchemy.engine import Connection, Engine, RootTransaction
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.util.concurrency import greenlet_spawn

from resumecore.ports.uow import UnitOfWork, UnitOfWorkFactory
from resumecore_server.adapters.sql.catalog_repository import SqlCatalogRepository
from resumecore_server.adapters.sql.errors import translated_errors
from resumecore_server.adapters.sql.export_repository import SqlExportRepository
from resumecore_server.adapters.sql.generation_repository import SqlGenerationRepository
from resumecore_server.adapters.sql.idempotency_repository import SqlIdempotencyRepository
from resumecore_server.adapters.sql.job_repository import SqlJobRepository
from resumecore_server.adapters.sql.profile_repository import SqlProfileRepository
from resumecore_server.adapters.sql.profile_snapshots import ProfileSnapshots
from resumecore_server.adapters.sql.ranking_repository import SqlRankingRepository
from resumecore_server.adapters.sql.reset_token_repository import SqlResetTokenRepository
from resumecore_server.adapters.sql.runner import SqlRunner
from resumecore_server.adapters.sql.sample_repository import SqlSampleRepository
from resumecore_server.adapters.sql.session_repository import SqlSessionRepository
from resumecore_server.adapters.sql.user_repository import SqlUserRepository


class SqlUnitOfWork(UnitOfWork):
    """A transaction on one pooled connection."""

    def __init__(self, engine: AsyncEngine, snapshots: ProfileSnapshots | None = None) -> None:
        self._engine = engine
        self._snapshots = snapshots
        self._connection: Connection | None = None
        self._transaction: RootTransaction | None = None

    async def __aenter__(self) -> Self:
        with translated_errors():
            connection, self._transaction = await greenlet_spawn(_begun, self._engine.sync_engine)
        self._connection = connection
        runner = SqlRunner(connection)
        self.users = SqlUserRepository(runner)
        self.sessions = SqlSessionRepository(runner)
        self.reset_tokens = SqlResetTokenRepository(runner)
        self.profiles = SqlProfileRepository(runner, self._snapshots)
        self.idempotency = SqlIdempotencyRepository(runner)
        self.jobs = SqlJobRepository(runner)
        self.catalog = SqlCatalogRepository(runner)
        self.rankings = SqlRankingRepository(runner)
        self.generations = SqlGenerationRepository(runner)
        self.exports = SqlExportRepository(runner)
        self.samples = SqlSampleRepository(runner)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # While the body's own error propagates, a failing rollback or close (the connection
        # broke mid-operation, e.g. the database restarted) must not replace it: that error says
        # what went wrong and is already translated; the broken connection is discarded anyway.
        guard = contextlib.suppress(Exception) if exc is not None else translated_errors()
        with guard:
            await greenlet_spawn(_ended, self._connection, self._transaction)

    async def commit(self) -> None:
        """Commit; a failed commit raises and nothing of this unit is kept."""
        if self._transaction is None:
            msg = "commit() outside of 'async with'"
            raise RuntimeError(msg)
        with translated_errors():
            await greenlet_spawn(self._transaction.commit)
        self.profiles.committed()


def _begun(engine: Engine) -> tuple[Connection, RootTransaction]:
    """A pooled connection with its transaction begun (closed again if beginning fails)."""
    connection = engine.connect()
    try:
        return connection, connection.begin()
    except BaseException:
        connection.close()
        raise


def _ended(connection: Connection | None, transaction: RootTransaction | None) -> None:
    """Roll back what was not committed, then hand the connection back to the pool."""
    try:
        if transaction is not None and transaction.is_active:
            transaction.rollback()
    finally:
        if connection is not None:
            connection.close()


class SqlUnitOfWorkFactory(UnitOfWorkFactory):
    """Opens SQL units of work on one engine; they share one cache of decoded profiles."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self.profile_snapshots = ProfileSnapshots()

    def __call__(self) -> SqlUnitOfWork:
        """A new, not yet entered unit of work."""
        return SqlUnitOfWork(self.engine, self.profile_snapshots)
