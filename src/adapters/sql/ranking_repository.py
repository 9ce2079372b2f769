"""Rankings in SQL (the whole ranking as msgspec JSON)."""

from __future__ import annotations

import msgspec
from sqlalchemy import delete, insert, select

from resumecore.ids import UserId
from resumecore.model.ranking import Ranking
from resumecore.ports.repositories import RankingRepository
from resumecore_server.adapters.sql.runner import SqlRunner
from resumecore_server.adapters.sql.tables import jobs, rankings

_decoder = msgspec.json.Decoder(Ranking)


class SqlRankingRepository(RankingRepository):
    """``rankings`` table."""

    def __init__(self, runner: SqlRunner) -> None:
        self._db = runner

    async def add(self, ranking: Ranking) -> None:
        """Insert as the newest for its user and job; older ones for that pair go.

        Insert first: if it is refused (a taken id, a missing job), nothing was deleted. The
        job's row is locked first (PostgreSQL; SQLite serialises writers anyway), so two
        concurrent adds for one job cannot each miss the other's row and both survive.
        """
        await self._db.execute(
            select(jobs.c.id).where(jobs.c.id == ranking.job_id).with_for_update()
        )
        await self._db.execute(
            insert(rankings).values(
                id=ranking.id,
                user_id=ranking.user_id,
                job_id=ranking.job_id,
                created_at=ranking.created_at,
                payload=msgspec.json.encode(ranking).decode(),
            )
        )
        await self._db.execute(
            delete(rankings).where(
                rankings.c.user_id == ranking.user_id,
                rankings.c.job_id == ranking.job_id,
                rankings.c.id != ranking.id,
            )
        )

    async def latest_for_job(self, user_id: UserId, job_id: str) -> Ranking | None:
        """Newest first."""
        query = (
            select(rankings.c.payload)
            .where(rankings.c.user_id == user_id, rankings.c.job_id == job_id)
            .order_by(rankings.c.created_at.desc(), rankings.c.id.desc())
            .limit(1)
        )
        row = (await self._db.execute(query)).first()
        return _decoder.decode(row.payload) if row else None
