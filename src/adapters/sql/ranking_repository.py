"""Rankings in SQL (the whole ranking as msgspec JSON)."""

from __future__ import annotations

import msgspec
from sqlalchemy import insert, select

from adapters.sql.runner import SqlRunner
from adapters.sql.tables import rankings
from resumecore.ids import UserId
from resumecore.model.ranking import Ranking
from resumecore.ports.repositories import RankingRepository

_decoder = msgspec.json.Decoder(Ranking)


class SqlRankingRepository(RankingRepository):
    """``rankings`` table."""

    def __init__(self, runner: SqlRunner) -> None:
        self._db = runner

    async def add(self, ranking: Ranking) -> None:
        """Insert."""
        await self._db.execute(
            insert(rankings).values(
                id=ranking.id,
                user_id=ranking.user_id,
                job_id=ranking.job_id,
                created_at=ranking.created_at,
                payload=msgspec.json.encode(ranking).decode(),
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
