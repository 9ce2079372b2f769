"""In-memory writing samples (fake for unit tests), with the SQL adapter's rules."""

from __future__ import annotations

from datetime import datetime

import msgspec

from resumecore.errors import Conflict
from resumecore.ids import UserId
from resumecore.model.document import DocumentType
from resumecore.ports.samples import SampleRepository
from resumecore.samples.model import Sample, SampleInfo
from resumecore_server.adapters.memory.journal import UndoJournal
from resumecore_server.adapters.memory.repositories import MemoryTables


class MemorySampleRepository(SampleRepository):
    """Samples in a dict keyed by id."""

    def __init__(self, tables: MemoryTables, journal: UndoJournal) -> None:
        self._t = tables
        self._j = journal

    def _owned(self, user_id: UserId) -> list[Sample]:
        return [s for s in self._t.samples.values() if s.user_id == user_id]

    async def add(self, sample: Sample) -> None:
        """Insert; ``Conflict`` like SQL's key, foreign key and one-active index."""
        second_active = sample.is_active and await self.active(sample.user_id, sample.document_type)
        if sample.id in self._t.samples or sample.user_id not in self._t.users or second_active:
            msg = "Another upload of this type finished first; try again."
            raise Conflict(msg, code="sample_conflict")
        self._j.put(self._t.samples, sample.id, sample)

    async def get(self, sample_id: str) -> Sample | None:
        """By id."""
        found: Sample | None = self._t.samples.get(sample_id)
        return found

    async def list_for_user(self, user_id: UserId) -> list[SampleInfo]:
        """Newest first (ties by id, descending), without the texts."""
        found = sorted(self._owned(user_id), key=lambda s: (s.created_at, s.id), reverse=True)
        return [s.info() for s in found]

    async def count_for_user(self, user_id: UserId) -> int:
        """How many the user keeps."""
        return len(self._owned(user_id))

    async def active(self, user_id: UserId, document_type: DocumentType) -> Sample | None:
        """The active one of that type."""
        return next(
            (s for s in self._owned(user_id) if s.document_type == document_type and s.is_active),
            None,
        )

    async def deactivate(self, user_id: UserId, document_type: DocumentType, at: datetime) -> None:
        """Clear the active flag of that type."""
        found = await self.active(user_id, document_type)
        if found is not None:
            changed = msgspec.structs.replace(found, is_active=False, updated_at=at)
            self._j.put(self._t.samples, found.id, changed)

    async def delete(self, sample_id: str) -> None:
        """Remove (no error if gone)."""
        self._j.delete(self._t.samples, sample_id)
