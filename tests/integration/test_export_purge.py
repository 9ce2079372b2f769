"""Expired exports are purged, record and file, on SQLite and PostgreSQL, with a fake clock.

``PurgeExpiredExports`` removes what is past ``expires_at`` in batches and says how many;
the worker pool sweeps once at start (and every ``RESUMECORE_EXPORT_SWEEP_SECONDS``).
The purge runs in an application of its own on the test's event loop (as in
``resumecore worker``), beside the served one that made the exports.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from resumecore.exports.model import Export
from resumecore.ports.file_store import FileStore
from resumecore.ports.uow import UnitOfWorkFactory
from resumecore.services.exports.purge import PurgeExpiredExports
from resumecore_server.entrypoints.bootstrap import Application
from resumecore_server.entrypoints.workers import WorkerPool
from tests.integration.test_http_exports import EXPORTS, app, resume_generation
from tests.integration.test_http_generations import auth, user
from tests.support.app import make_application
from tests.support.clock import FakeClock

DAY = 86400
LONG_TOKENS = {"access_token_ttl_seconds": 100 * DAY}


@asynccontextmanager
async def worker_side(
    tmp_path: Path, database_url: str, clock: FakeClock
) -> AsyncIterator[Application]:
    application = make_application(tmp_path, database_url, clock=clock, **LONG_TOKENS)
    try:
        yield application
    finally:
        await application.aclose()


async def record(application: Application, export_id: str) -> Export | None:
    async with application.resolve(UnitOfWorkFactory)() as uow:
        found: Export | None = await uow.exports.get(export_id)
    return found


async def file_of(application: Application, found: Export) -> bytes | None:
    content: bytes | None = await application.resolve(FileStore).get(found.storage_key)
    return content


async def make_exports(
    client: Any, clock: FakeClock, formats: tuple[str, ...], step_days: int = 20
) -> list[str]:
    ada = await user(client, "ada@example.com")
    generation = await resume_generation(client, ada)
    made = []
    for route in formats:
        response = await client.post(
            f"{EXPORTS}/{route}",
            json={"generation_id": generation, "template": "modern"},
            headers=auth(ada),
        )
        assert response.status_code == 201, response.text
        made.append(response.json()["id"])
        clock.advance(step_days * DAY)
    return made


async def test_an_expired_export_goes_and_a_fresh_one_stays(
    tmp_path: Path, database_url: str
) -> None:
    clock = FakeClock()
    async with app(tmp_path, database_url, clock=clock, **LONG_TOKENS) as (client, _):
        old, fresh = await make_exports(client, clock, ("pdf", "markdown"))
    async with worker_side(tmp_path, database_url, clock) as application:
        # old was made 40 days ago (30-day TTL), fresh 20 days ago
        old_record, fresh_record = await record(application, old), await record(application, fresh)
        assert old_record is not None
        assert fresh_record is not None
        assert await file_of(application, old_record) is not None

        purge = application.resolve(PurgeExpiredExports)
        assert await purge() == 1
        assert await record(application, old) is None
        assert await file_of(application, old_record) is None
        assert await record(application, fresh) == fresh_record
        assert await file_of(application, fresh_record) is not None
        assert await purge() == 0

        clock.advance(11 * DAY)
        assert await purge() == 1
        assert await record(application, fresh) is None
        assert await file_of(application, fresh_record) is None


async def test_the_purge_works_in_batches(tmp_path: Path, database_url: str) -> None:
    clock = FakeClock()
    async with app(tmp_path, database_url, clock=clock, **LONG_TOKENS) as (client, _):
        made = await make_exports(client, clock, ("pdf", "markdown", "pdf"), step_days=1)
    async with worker_side(tmp_path, database_url, clock) as application:
        clock.advance(40 * DAY)
        purge = application.resolve(PurgeExpiredExports)
        assert await purge(batch=2) == 3
        for export_id in made:
            assert await record(application, export_id) is None


async def test_the_worker_pool_sweeps_at_start(tmp_path: Path, database_url: str) -> None:
    clock = FakeClock()
    async with app(tmp_path, database_url, clock=clock, export_sweep_seconds=0, **LONG_TOKENS) as (
        client,
        _,
    ):
        (old,) = await make_exports(client, clock, ("pdf",))
    async with worker_side(tmp_path, database_url, clock) as application:
        clock.advance(20 * DAY)
        assert await record(application, old) is not None
        pool = WorkerPool(application, 0, sweep_seconds=3600)
        await pool.start()
        try:
            for _ in range(100):
                if await record(application, old) is None:
                    break
                await asyncio.sleep(0.02)
        finally:
            await pool.stop()
        assert await record(application, old) is None
