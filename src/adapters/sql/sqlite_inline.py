"""``sqlite+inline://``: SQLite for the async engine without a thread hop per statement.

aiosqlite runs each call (cursor, execute, fetch, close, commit) on the connection's own
thread and waits for it through a queue and a future: about ten hops for one authenticated
read, each a GIL hand-over between two threads. SQLite on a local file answers an indexed
query in microseconds, so this driver runs ``sqlite3`` on the event loop's thread itself,
under SQLAlchemy's ordinary pysqlite dialect marked async.

What must not happen on the loop's thread is waiting for another writer: SQLite's busy
handler would sleep there for up to ``busy_timeout``, freezing every request in the process,
including the one holding the lock. So the connection's own busy timeout is 0 and a statement
refused with ``SQLITE_BUSY`` is retried after an ``asyncio.sleep`` (SQLite's own back-off
schedule, up to the same 30 s), which lets the holder finish. Only plain ``SQLITE_BUSY`` is
retried: ``SQLITE_BUSY_SNAPSHOT`` (a read snapshot gone stale) could never succeed in the
same transaction and is raised at once, as with aiosqlite. A statement refused as busy
changed nothing, so running it again is safe.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import pool
from sqlalchemy.dialects import registry
from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite
from sqlalchemy.engine.url import URL
from sqlalchemy.util.concurrency import await_

DRIVER = "sqlite+inline"
BUSY_TIMEOUT_SECONDS = 30.0
# sqlite3's own busy handler sleeps 1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, then 100 ms.
_BACKOFF_MS = (1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100)
T = TypeVar("T")


def retrying_when_busy(run: Callable[[], T], timeout: float = BUSY_TIMEOUT_SECONDS) -> T:
    """``run()``; while SQLite answers plain ``SQLITE_BUSY``, yield to the loop and run again.

    Called from SQLAlchemy's greenlet: ``await_`` suspends only this unit of work.
    """
    deadline = time.monotonic() + timeout
    attempt = 0
    while True:
        try:
            return run()
        except sqlite3.OperationalError as exc:
            if getattr(exc, "sqlite_errorcode", None) != sqlite3.SQLITE_BUSY:
                raise
            pause = _BACKOFF_MS[min(attempt, len(_BACKOFF_MS) - 1)] / 1000
            if time.monotonic() + pause > deadline:
                raise
            attempt += 1
            await_(asyncio.sleep(pause))


async def _ready() -> None:
    """Completes at once: awaiting it hands control to the loop's task, never to the loop."""


class InlineCursor(sqlite3.Cursor):
    """A ``sqlite3`` cursor whose statements wait for a busy database without blocking."""

    def execute(self, sql: str, parameters: Any = (), /) -> InlineCursor:
        """Execute ``sql``, retried while the database is busy."""
        # SQLAlchemy's AsyncConnection.execute insists that the driver awaited something.
        await_(_ready())
        retrying_when_busy(lambda: super(InlineCursor, self).execute(sql, parameters))
        return self

    def executemany(self, sql: str, seq_of_parameters: Any, /) -> InlineCursor:
        """Execute ``sql`` per parameter set; the batch is retried only when refused whole."""
        await_(_ready())
        rows = list(seq_of_parameters)  # an iterator consumed by a busy attempt is gone
        retrying_when_busy(lambda: super(InlineCursor, self).executemany(sql, rows))
        return self

    async def _async_soft_close(self) -> None:
        """SQLAlchemy's async results call this; rows are read straight from ``sqlite3``."""


class InlineConnection(sqlite3.Connection):
    """A ``sqlite3`` connection handing out :class:`InlineCursor` and committing likewise."""

    def cursor(self, factory: Any = InlineCursor) -> Any:
        """A new cursor (an :class:`InlineCursor` unless ``factory`` says otherwise)."""
        return super().cursor(factory)

    def commit(self) -> None:
        """Commit, retried while the database is busy."""
        retrying_when_busy(super().commit)


class _InlineDBAPI:
    """The ``sqlite3`` module, except that ``connect`` makes an :class:`InlineConnection`."""

    def __getattr__(self, name: str) -> Any:
        return getattr(sqlite3, name)

    def connect(self, *args: Any, **kwargs: Any) -> InlineConnection:
        kwargs["timeout"] = 0  # waits happen in retrying_when_busy, off the busy handler
        kwargs["factory"] = InlineConnection
        return sqlite3.connect(*args, **kwargs)  # type: ignore[no-any-return]


class SQLiteDialectInline(SQLiteDialect_pysqlite):
    """pysqlite, declared async: SQLAlchemy's async engine calls it from its greenlet."""

    driver = "inline"
    is_async = True
    supports_statement_cache = True

    @classmethod
    def import_dbapi(cls) -> Any:
        """The ``sqlite3`` module with inline connections."""
        return _InlineDBAPI()

    @classmethod
    def get_pool_class(cls, url: URL) -> type[pool.Pool]:
        """A queue pool that waits with asyncio (one connection for an in-memory database)."""
        if cls._is_url_file_db(url):
            return pool.AsyncAdaptedQueuePool
        return pool.StaticPool


registry.register("sqlite.inline", __name__, "SQLiteDialectInline")
