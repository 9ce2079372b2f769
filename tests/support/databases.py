"""Migrated test databases (SQLite file, PostgreSQL) and wiping them between tests."""

from __future__ import annotations

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncEngine

from resumecore_server.adapters.sql.tables import metadata


async def wipe(engine: AsyncEngine) -> None:
    """Delete every row, children first."""
    async with engine.begin() as connection:
        for table in reversed(metadata.sorted_tables):
            await connection.execute(delete(table))
