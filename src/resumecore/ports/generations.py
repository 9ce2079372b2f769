"""Ports of generation: where generations are stored and how their work is queued."""

from __future__ import annotations

from datetime import datetime
from typing import Literal, Protocol

import msgspec

from resumecore.ids import UserId
from resumecore.model.document import DocumentType
from resumecore.model.generation import Generation, GenerationStatus
from resumecore.model.page import Page


class GenerationFilters(msgspec.Struct, frozen=True, kw_only=True):
    """What a history listing may be narrowed to."""

    document_type: DocumentType | None = None
    job_id: str | None = None
    status: GenerationStatus | None = None


class GenerationRepository(Protocol):
    """A user's generations (inside a unit of work); saves are optimistic on ``version``."""

    async def add(self, generation: Generation) -> None:
        """Insert. ``Conflict`` if the id is taken."""
        ...

    async def get(self, generation_id: str) -> Generation | None:
        """By id (any owner), or None."""
        ...

    async def save(self, generation: Generation, *, expected_version: int) -> None:
        """Overwrite if still at ``expected_version``; else ``VersionConflict``."""
        ...

    async def delete(self, generation_id: str) -> None:
        """Delete it (no error if it is gone already)."""
        ...

    async def list_for_user(
        self, user_id: UserId, filters: GenerationFilters, *, limit: int, offset: int
    ) -> Page[Generation]:
        """A page of the user's generations, newest first, with the real total."""
        ...

    async def find_completed(self, user_id: UserId, cache_key: str) -> Generation | None:
        """The user's newest completed generation with this ``cache_key``, or None."""
        ...

    async def count_created_since(self, user_id: UserId, since: datetime) -> int:
        """How many generations the user created at or after ``since`` (the hourly quota)."""
        ...

    async def count_unfinished(self, user_id: UserId) -> int:
        """How many of the user's generations are pending or running."""
        ...


TaskState = Literal["queued", "leased", "done", "dead"]


class Task(msgspec.Struct, frozen=True, kw_only=True):
    """A unit of queued work: only an id travels; the state lives with the generation."""

    id: str
    kind: str
    subject_id: str
    attempts: int = 0
    state: TaskState = "queued"
    available_at: datetime
    lease_until: datetime | None = None
    worker: str | None = None
    last_error: str | None = None


class TaskQueue(Protocol):
    """Background work with at-least-once delivery, leases and retries.

    Embedded by default (a database table claimed atomically, so ``make run`` needs nothing
    else); a distributed engine for deployments that outgrow one process. A task whose
    worker dies is handed out again once its lease expires; handlers must be idempotent.
    """

    async def enqueue(self, kind: str, subject_id: str, *, at: datetime) -> Task:
        """Queue work on ``subject_id`` (e.g. a generation id), available from ``at``."""
        ...

    async def claim(self, worker: str, *, now: datetime, lease_seconds: float) -> Task | None:
        """Atomically take the oldest available task (queued, or leased past its lease)."""
        ...

    async def heartbeat(self, task: Task, *, now: datetime, lease_seconds: float) -> bool:
        """Extend the lease; False if the task is no longer this worker's."""
        ...

    async def complete(self, task: Task) -> None:
        """Mark done (never handed out again)."""
        ...

    async def retry(self, task: Task, *, at: datetime, error: str, max_attempts: int) -> bool:
        """Hand it out again from ``at``, or dead after ``max_attempts``; True if retried."""
        ...
