"""A thin wrapper over one connection: every statement runs under error translation.

The unit of work hands it SQLAlchemy's synchronous ``Connection`` and each statement runs in
one ``greenlet_spawn``, as ``AsyncConnection.execute`` would, without the async proxy around
it (``uow.py`` says why).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import CursorResult, Executable
from sqlalchemy.engine import Connection
from sqlalchemy.util.concurrency import greenlet_spawn

from resumecore_server.adapters.sql.errors import translated_errors


class SqlRunner:
    """Executes statements of one unit of work."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    async def execute(self, statement: Executable, params: Any = None) -> CursorResult[Any]:
        """Run ``statement``; driver errors come out as domain errors."""
        with translated_errors():
            return await greenlet_spawn(self._connection.execute, statement, params)
