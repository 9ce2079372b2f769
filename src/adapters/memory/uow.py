"""The in-memory unit of work: writes go through at once and are undone on rollback."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from resumecore.ports.uow import UnitOfWork, UnitOfWorkFactory
from resumecore_server.adapters.memory.export_repository import MemoryExportRepository
from resumecore_server.adapters.memory.generation_repository import MemoryGenerationRepository
from resumecore_server.adapters.memory.job_repositories import (
    MemoryCatalogRepository,
    MemoryJobRepository,
)
from resumecore_server.adapters.memory.journal import UndoJournal
from resumecore_server.adapters.memory.profile_repositories import (
    MemoryIdempotencyRepository,
    MemoryProfileRepository,
)
from resumecore_server.adapters.memory.ranking_repository import MemoryRankingRepository
from resumecore_server.adapters.memory.repositories import (
    MemoryResetTokenRepository,
    MemorySessionRepository,
    MemoryTables,
    MemoryUserRepository,
)
from resumecore_server.adapters.memory.sample_repository import MemorySampleRepository


class MemoryUnitOfWork(UnitOfWork):
    """Fake transaction over ``MemoryTables``."""

    def __init__(self, tables: MemoryTables) -> None:
        self._journal = UndoJournal()
        self.users = MemoryUserRepository(tables, self._journal)
        self.sessions = MemorySessionRepository(tables, self._journal)
        self.reset_tokens = MemoryResetTokenRepository(tables, self._journal)
        self.profiles = MemoryProfileRepository(tables, self._journal)
        self.idempotency = MemoryIdempotencyRepository(tables, self._journal)
        self.jobs = MemoryJobRepository(tables, self._journal)
        self.catalog = MemoryCatalogRepository(tables, self._journal)
        self.rankings = MemoryRankingRepository(tables, self._journal)
        self.generations = MemoryGenerationRepository(tables, self._journal)
        self.exports = MemoryExportRepository(tables, self._journal)
        self.samples = MemorySampleRepository(tables, self._journal)
        self.commits = 0

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._journal.undo()

    async def commit(self) -> None:
        """Keep the writes made so far."""
        self._journal.forget()
        self.commits += 1


class MemoryUnitOfWorkFactory(UnitOfWorkFactory):
    """Opens units over one shared set of tables."""

    def __init__(self, tables: MemoryTables | None = None) -> None:
        self.tables = tables or MemoryTables()

    def __call__(self) -> MemoryUnitOfWork:
        """A new, not yet entered unit of work."""
        return MemoryUnitOfWork(self.tables)
