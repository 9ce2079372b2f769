"""The inline SQLite driver waits for a busy database without blocking the event loop."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.util.concurrency import greenlet_spawn

from resumecore_server.adapters.sql.engine import make_engine
from resumecore_server.adapters.sql.sqlite_inline import retrying_when_busy


@pytest.fixture
async def engine(tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    sut = make_engine(f"sqlite+inline:///{tmp_path / 'inline.db'}")
    async with sut.begin() as connection:
        await connection.exec_driver_sql("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    yield sut
    await sut.dispose()


async def insert(engine: AsyncEngine, body: str, hold: float = 0) -> None:
    """Insert one note; with ``hold``, keep the write lock that long before committing."""
    async with engine.begin() as connection:
        await connection.execute(text("INSERT INTO notes (body) VALUES (:body)"), {"body": body})
        await asyncio.sleep(hold)


async def bodies(engine: AsyncEngine) -> list[str]:
    async with engine.connect() as connection:
        rows = await connection.execute(text("SELECT body FROM notes ORDER BY id"))
        return [row[0] for row in rows]


async def test_a_writer_waits_for_another_process_lock_while_the_loop_keeps_running(
    engine: AsyncEngine, tmp_path: Path
) -> None:
    other = sqlite3.connect(tmp_path / "inline.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    other.execute("INSERT INTO notes (body) VALUES ('theirs')")
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            ticks += 1
            await asyncio.sleep(0.01)

    ticking = asyncio.create_task(ticker())
    writer = asyncio.create_task(insert(engine, "ours"))
    await asyncio.sleep(0.3)
    assert not writer.done()
    other.execute("COMMIT")
    await asyncio.wait_for(writer, 5)
    ticking.cancel()
    other.close()

    assert ticks >= 15  # a blocked loop would have ticked once or twice in 0.3 s
    assert await bodies(engine) == ["theirs", "ours"]


@pytest.mark.alone
async def test_two_writers_of_one_process_both_commit_when_the_first_yields_holding_the_lock(
    engine: AsyncEngine,
) -> None:
    # The first holds the write lock across an await: the second must wait on the loop, not in
    # SQLite's busy handler (which would sleep on the loop's thread and starve the first).
    started = time.monotonic()
    await asyncio.wait_for(
        asyncio.gather(insert(engine, "first", hold=0.2), insert(engine, "second")), 10
    )

    assert sorted(await bodies(engine)) == ["first", "second"]
    assert time.monotonic() - started < 5


def busy(code: int) -> sqlite3.OperationalError:
    error = sqlite3.OperationalError("database is locked")
    error.sqlite_errorcode = code  # type: ignore[attr-defined]
    return error


@pytest.mark.alone
async def test_a_database_busy_beyond_the_timeout_raises_the_busy_error() -> None:
    calls = 0

    def always_busy() -> None:
        nonlocal calls
        calls += 1
        raise busy(sqlite3.SQLITE_BUSY)

    started = time.monotonic()
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        await greenlet_spawn(retrying_when_busy, always_busy, 0.1)

    assert calls > 1
    assert 0.05 < time.monotonic() - started < 1


async def test_a_stale_snapshot_is_not_retried() -> None:
    # SQLITE_BUSY_SNAPSHOT cannot succeed within the same transaction: raise it at once.
    calls = 0

    def stale() -> None:
        nonlocal calls
        calls += 1
        raise busy(sqlite3.SQLITE_BUSY_SNAPSHOT)

    with pytest.raises(sqlite3.OperationalError):
        await greenlet_spawn(retrying_when_busy, stale, 5)

    assert calls == 1
