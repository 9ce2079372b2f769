"""The unit of work: one transaction over every repository."""

from __future__ import annotations

from types import TracebackType
from typing import Protocol, Self

from resumecore.ports.exports import ExportRepository
from resumecore.ports.generations import GenerationRepository
from resumecore.ports.repositories import (
    CatalogRepository,
    IdempotencyRepository,
    JobRepository,
    ProfileRepository,
    RankingRepository,
    ResetTokenRepository,
    SessionRepository,
    UserRepository,
)
from resumecore.ports.samples import SampleRepository


class UnitOfWork(Protocol):
    """A transaction. Leaving the ``async with`` block without ``commit()`` rolls back.

    Driver errors surface as ``Conflict`` (constraint violations) or ``StorageUnavailable``.
    """

    users: UserRepository
    sessions: SessionRepository
    reset_tokens: ResetTokenRepository
    profiles: ProfileRepository
    idempotency: IdempotencyRepository
    jobs: JobRepository
    catalog: CatalogRepository
    rankings: RankingRepository
    generations: GenerationRepository
    exports: ExportRepository
    samples: SampleRepository

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    async def commit(self) -> None:
        """Make every change of this unit durable, or raise and keep none of them."""
        ...


class UnitOfWorkFactory(Protocol):
    """Opens a fresh unit of work; use cases hold the factory, never a unit."""

    def __call__(self) -> UnitOfWork:
        """A new, not yet entered unit of work."""
        ...
