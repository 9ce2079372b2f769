"""In-memory exports (fake for unit tests), with the SQL adapter's rules."""

from __future__ import annotations

from datetime import datetime

from resumecore.errors import Conflict
from resumecore.exports.model import Export, ExportFilters
from resumecore.ids import UserId
from resumecore.model.page import Page
from resumecore.ports.exports import ExportRepository
from resumecore_server.adapters.memory.journal import UndoJournal
from resumecore_server.adapters.memory.repositories import MemoryTables


def _newest_first(export: Export) -> tuple[datetime, str]:
    return export.created_at, export.id


def _matches(export: Export, filters: ExportFilters) -> bool:
    return (
        filters.format in (None, export.format)
        and filters.job_id in (None, export.job_id)
        and (filters.alive_at is None or export.expires_at > filters.alive_at)
    )


class MemoryExportRepository(ExportRepository):
    """Exports in a dict keyed by id."""

    def __init__(self, tables: MemoryTables, journal: UndoJournal) -> None:
        self._t = tables
        self._j = journal

    async def add(self, export: Export) -> None:
        """Insert; ``Conflict`` on a taken id or an unknown owner (SQL's foreign key)."""
        if export.id in self._t.exports or export.user_id not in self._t.users:
            raise Conflict("This export already exists.", code="export_exists")
        self._j.put(self._t.exports, export.id, export)

    async def get(self, export_id: str) -> Export | None:
        """By id."""
        found: Export | None = self._t.exports.get(export_id)
        return found

    async def delete(self, export_id: str) -> None:
        """Remove (no error if gone)."""
        self._j.delete(self._t.exports, export_id)

    async def list_for_user(
        self, user_id: UserId, filters: ExportFilters, *, limit: int, offset: int
    ) -> Page[Export]:
        """Newest first (ties by id, descending), with the real total."""
        found = [
            e for e in self._t.exports.values() if e.user_id == user_id and _matches(e, filters)
        ]
        found.sort(key=_newest_first, reverse=True)
        return Page(
            items=found[offset : offset + limit], total=len(found), limit=limit, offset=offset
        )

    async def list_expired(self, now: datetime, *, limit: int) -> list[Export]:
        """Expired ones of any owner, soonest expiry first (ties by id)."""
        found = [e for e in self._t.exports.values() if e.expired(now)]
        found.sort(key=lambda e: (e.expires_at, e.id))
        return found[:limit]
