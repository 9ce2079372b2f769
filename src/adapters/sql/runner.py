"""A thin wrapper over one connection: every statement runs under error translation."""

from __future__ import annotations

from typing import Any

from sqlalchemy import CursorResult, Executable
from sqlalchemy.ext.asyncio import AsyncConnection

from resumecore_server.adapters.sql.errors import translated_errors


class SqlRunner:
    """Executes statements of one unit of work."""

    def __init__(self, connection: AsyncConnection) -> None:
        self._connection = connection

    async def execute(self, statement: Executable, params: Any = None) -> CursorResult[Any]:
        """Run ``statement``; driver errors come out as domain errors."""
        with translated_errors():
            return await self._connection.execute(statement, params)
