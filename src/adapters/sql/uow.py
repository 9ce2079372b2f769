"""The SQL unit of work: one connection and transaction; rollback unless committed."""

from __future__ import annotations

import contextlib
from types import TracebackType
from typing import Self

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncTransaction

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
        self._connection: AsyncConnection | None = None
        self._transaction: AsyncTransaction | None = None

    async def __aenter__(self) -> Self:
        with translated_errors():
            self._connection = await self._engine.connect()
            self._transaction = await self._connection.begin()
        runner = SqlRunner(self._connection)
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
            try:
                if self._transaction is not None and self._transaction.is_active:
                    await self._transaction.rollback()
            finally:
                if self._connection is not None:
                    await self._connection.close()

    async def commit(self) -> None:
        """Commit; a failed commit raises and nothing of this unit is kept."""
        if self._transaction is None:
            msg = "commit() outside of 'async with'"
            raise RuntimeError(msg)
        with translated_errors():
            await self._transaction.commit()
        self.profiles.committed()


class SqlUnitOfWorkFactory(UnitOfWorkFactory):
    """Opens SQL units of work on one engine; they share one cache of decoded profiles."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self.profile_snapshots = ProfileSnapshots()

    def __call__(self) -> SqlUnitOfWork:
        """A new, not yet entered unit of work."""
        return SqlUnitOfWork(self.engine, self.profile_snapshots)
