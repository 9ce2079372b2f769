"""In-memory generations (fake for unit tests), with the SQL adapter's rules."""

from __future__ import annotations

from datetime import datetime

from resumecore.errors import Conflict, VersionConflict
from resumecore.ids import UserId
from resumecore.model.generation import Generation
from resumecore.model.page import Page
from resumecore.ports.generations import GenerationFilters, GenerationRepository
from resumecore_server.adapters.memory.journal import UndoJournal
from resumecore_server.adapters.memory.repositories import MemoryTables


def _newest_first(generation: Generation) -> tuple[datetime, str]:
    return generation.created_at, generation.id


class MemoryGenerationRepository(GenerationRepository):
    """Generations in a dict keyed by id; deleting a job or profile leaves them alone."""

    def __init__(self, tables: MemoryTables, journal: UndoJournal) -> None:
        self._t = tables
        self._j = journal

    async def add(self, generation: Generation) -> None:
        """Insert; ``Conflict`` on a taken id or an unknown owner (SQL's foreign key)."""
        if generation.id in self._t.generations or generation.user_id not in self._t.users:
            raise Conflict("This generation already exists.", code="generation_exists")
        self._j.put(self._t.generations, generation.id, generation)

    async def get(self, generation_id: str) -> Generation | None:
        """By id."""
        found: Generation | None = self._t.generations.get(generation_id)
        return found

    async def save(self, generation: Generation, *, expected_version: int) -> None:
        """Compare-and-set on the version."""
        stored: Generation | None = self._t.generations.get(generation.id)
        if stored is None or stored.version != expected_version:
            current = stored.version if stored else None
            raise VersionConflict(
                "The generation was changed by another request.", current_version=current
            )
        self._j.put(self._t.generations, generation.id, generation)

    async def delete(self, generation_id: str) -> None:
        """Remove (no error if gone)."""
        self._j.delete(self._t.generations, generation_id)

    async def list_for_user(
        self, user_id: UserId, filters: GenerationFilters, *, limit: int, offset: int
    ) -> Page[Generation]:
        """Newest first (ties by id, descending), with the real total."""
        found = [
            g
            for g in self._owned(user_id)
            if all(
                getattr(filters, name) in (None, getattr(g, name))
                for name in ("document_type", "job_id", "status")
            )
        ]
        found.sort(key=_newest_first, reverse=True)
        return Page(
            items=found[offset : offset + limit], total=len(found), limit=limit, offset=offset
        )

    async def find_completed(self, user_id: UserId, cache_key: str) -> Generation | None:
        """The newest completed one with exactly this cache key."""
        found = [
            g for g in self._owned(user_id) if g.status == "completed" and g.cache_key == cache_key
        ]
        return max(found, key=_newest_first, default=None)

    async def count_created_since(self, user_id: UserId, since: datetime) -> int:
        """Created at or after ``since``."""
        return sum(1 for g in self._owned(user_id) if g.created_at >= since)

    async def count_unfinished(self, user_id: UserId) -> int:
        """Pending or running."""
        return sum(1 for g in self._owned(user_id) if g.status in ("pending", "running"))

    def _owned(self, user_id: UserId) -> list[Generation]:
        return [g for g in self._t.generations.values() if g.user_id == user_id]
