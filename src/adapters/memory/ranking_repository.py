"""In-memory rankings (fake for unit tests)."""

from __future__ import annotations

from adapters.memory.journal import UndoJournal
from adapters.memory.repositories import MemoryTables
from resumecore.ids import UserId
from resumecore.model.ranking import Ranking
from resumecore.ports.repositories import RankingRepository


class MemoryRankingRepository(RankingRepository):
    """Rankings in a dict keyed by id."""

    def __init__(self, tables: MemoryTables, journal: UndoJournal) -> None:
        self._t = tables
        self._j = journal

    async def add(self, ranking: Ranking) -> None:
        """Insert."""
        self._j.put(self._t.rankings, ranking.id, ranking)

    async def latest_for_job(self, user_id: UserId, job_id: str) -> Ranking | None:
        """Newest first."""
        found = [
            r for r in self._t.rankings.values() if r.user_id == user_id and r.job_id == job_id
        ]
        return max(found, key=lambda r: (r.created_at, r.id), default=None)
