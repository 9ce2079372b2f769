"""In-memory rankings (fake for unit tests)."""

from __future__ import annotations

from resumecore.errors import Conflict
from resumecore.ids import UserId
from resumecore.model.ranking import Ranking
from resumecore.ports.repositories import RankingRepository
from resumecore_server.adapters.memory.journal import UndoJournal
from resumecore_server.adapters.memory.repositories import MemoryTables


class MemoryRankingRepository(RankingRepository):
    """Rankings in a dict keyed by id."""

    def __init__(self, tables: MemoryTables, journal: UndoJournal) -> None:
        self._t = tables
        self._j = journal

    async def add(self, ranking: Ranking) -> None:
        """Insert as the newest for its user and job; older ones for that pair go."""
        if ranking.id in self._t.rankings:
            raise Conflict("This ranking id is taken.")
        if ranking.job_id not in self._t.jobs or ranking.user_id not in self._t.users:
            raise Conflict("The ranking refers to a missing job or user.")
        older = [
            r.id
            for r in self._t.rankings.values()
            if r.user_id == ranking.user_id and r.job_id == ranking.job_id
        ]
        for ranking_id in older:
            self._j.delete(self._t.rankings, ranking_id)
        self._j.put(self._t.rankings, ranking.id, ranking)

    async def latest_for_job(self, user_id: UserId, job_id: str) -> Ranking | None:
        """Newest first."""
        found = [
            r for r in self._t.rankings.values() if r.user_id == user_id and r.job_id == job_id
        ]
        return max(found, key=lambda r: (r.created_at, r.id), default=None)
