"""Database readiness: one round trip."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from resumecore.ports.health import ReadinessProbe
from resumecore_server.adapters.sql.errors import translated_errors


class SqlReadinessProbe(ReadinessProbe):
    """Runs ``SELECT 1``."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def check(self) -> None:
        """Raise ``StorageUnavailable`` when the database does not answer."""
        with translated_errors():
            async with self._engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
