"""Where export records are kept (the files themselves are in a ``FileStore``)."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from resumecore.exports.model import Export, ExportFilters
from resumecore.ids import UserId
from resumecore.model.page import Page


class ExportRepository(Protocol):
    """A user's exports (inside a unit of work)."""

    async def add(self, export: Export) -> None:
        """Insert. ``Conflict`` if the id is taken or the owner unknown."""
        ...

    async def get(self, export_id: str) -> Export | None:
        """By id (any owner), or None."""
        ...

    async def delete(self, export_id: str) -> None:
        """Delete it (no error if it is gone already)."""
        ...

    async def list_for_user(
        self, user_id: UserId, filters: ExportFilters, *, limit: int, offset: int
    ) -> Page[Export]:
        """A page of the user's exports, newest first (ties by id), with the real total."""
        ...

    async def list_expired(self, now: datetime, *, limit: int) -> list[Export]:
        """Up to ``limit`` exports of any owner whose ``expires_at`` is at or before ``now``."""
        ...
