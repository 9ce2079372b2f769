"""The shared cache over HTTP on SQLite with Redis: catalog pages and posting parses are served
from Redis (and invalidated when the catalog changes); with Redis killed mid-test the service
keeps answering, within a bounded time, and says the cache is unavailable."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from litestar.testing import AsyncTestClient
from redis.asyncio import Redis
from sqlalchemy import delete

from resumecore.model.job import Job
from resumecore.ports.shared_cache import SharedCache
from resumecore.ports.uow import UnitOfWork, UnitOfWorkFactory
from resumecore.postings import ParsedPosting, parse_posting
from resumecore.services.jobs.catalog import BrowseCatalog
from resumecore.services.jobs.posting_parses import ParsedPostings
from resumecore_server.adapters.cache.redis_cache import NAMESPACE_PREFIX, PREFIX
from resumecore_server.adapters.sql.engine import make_engine
from resumecore_server.adapters.sql.tables import catalog_postings
from resumecore_server.entrypoints.bootstrap import Application
from resumecore_server.entrypoints.http.app import create_app
from tests.integration.test_http_profiles_flow import bearer
from tests.support.app import make_application
from tests.support.databases import wipe
from tests.support.services import service_url
from tests.support.throwaway_servers import redis_server

pytestmark = pytest.mark.redis

BROWSE = "/api/v1/jobs/browse"
JOBS = "/api/v1/jobs"
POSTING = "Platform Engineer\nNorthwind Ltd\nRequirements:\n- Kubernetes\n- 4+ years of Go"


class CountingSearches:
    """A unit-of-work factory that counts catalog searches (the database reads of a page)."""

    def __init__(self, inner: UnitOfWorkFactory) -> None:
        self.inner = inner
        self.searches = 0

    @asynccontextmanager
    async def __call__(self) -> AsyncIterator[UnitOfWork]:
        async with self.inner() as uow:
            search = uow.catalog.search

            async def counted(*args: Any, **kwargs: Any) -> tuple[list[Job], int]:
                self.searches += 1
                return await search(*args, **kwargs)

            uow.catalog.search = counted  # type: ignore[method-assign]
            yield uow


class CountingParser:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, raw_text: str) -> ParsedPosting:
        self.calls += 1
        return parse_posting(raw_text)


@pytest.fixture
async def redis_keys() -> AsyncIterator[None]:
    """The shared cache's keys in the test Redis are removed before and after (our db only)."""

    async def clear() -> None:
        client = Redis.from_url(service_url("redis"))
        for pattern in (f"{PREFIX}*", f"{NAMESPACE_PREFIX}*"):
            async for name in client.scan_iter(match=pattern):
                await client.delete(name)
        await client.aclose()

    await clear()
    yield
    await clear()


def wired(
    tmp_path: Path, database_url: str, redis_url: str, parser: CountingParser
) -> tuple[Application, CountingSearches]:
    """The real wiring, with catalog searches and posting parses counted."""
    application = make_application(tmp_path, database_url, redis_url=redis_url)
    shared = application.resolve(SharedCache)
    searches = CountingSearches(application.resolve(UnitOfWorkFactory))
    application.container.register(BrowseCatalog, instance=BrowseCatalog(searches, shared))
    application.container.register(ParsedPostings, instance=ParsedPostings(shared, parser))
    return application, searches


@asynccontextmanager
async def serving(application: Application) -> AsyncIterator[AsyncTestClient]:  # type: ignore[type-arg]
    try:
        async with AsyncTestClient(app=create_app(application)) as client:
            yield client
    finally:
        await application.aclose()


@pytest.fixture
async def fresh_sqlite(sqlite_only_url: str) -> str:
    engine = make_engine(sqlite_only_url)
    await wipe(engine)
    await engine.dispose()
    return sqlite_only_url


@pytest.mark.usefixtures("redis_keys")
async def test_catalog_pages_come_from_redis_until_the_catalog_changes(
    tmp_path: Path, fresh_sqlite: str
) -> None:
    application, searches = wired(tmp_path, fresh_sqlite, service_url("redis"), CountingParser())
    async with serving(application) as client:
        first = await client.get(BROWSE, params={"limit": 5})
        assert first.status_code == 200
        again = await client.get(BROWSE, params={"limit": 5})
        assert again.json() == first.json()
        assert searches.searches == 1
        # Filters are normalised as the search reads them: same page, same entry.
        await client.get(BROWSE, params={"q": "Engineer"})
        await client.get(BROWSE, params={"query": "ENGINEER"})
        assert searches.searches == 2

        engine = make_engine(fresh_sqlite)
        async with engine.begin() as connection:
            removed = first.json()["jobs"][0]["id"]
            await connection.execute(
                delete(catalog_postings).where(catalog_postings.c.id == removed)
            )
        await engine.dispose()
        # Another process starts and seeds the missing posting back: the catalog changed.
        restarted = make_application(
            tmp_path / "other", fresh_sqlite, redis_url=service_url("redis")
        )
        async with serving(restarted):
            pass
        after = await client.get(BROWSE, params={"limit": 5})
        assert searches.searches == 3
        assert after.json() == first.json()  # the same posting is back, read from the database
        state = application.resolve(SharedCache).state()
        assert state.backend == "redis"
        assert state.available
        assert state.kinds["catalog"].hits == 2


@pytest.mark.usefixtures("redis_keys")
async def test_the_same_posting_pasted_in_two_processes_is_parsed_once(
    tmp_path: Path, fresh_sqlite: str
) -> None:
    parser = CountingParser()
    bodies = []
    for process in ("a", "b"):
        application, _ = wired(tmp_path / process, fresh_sqlite, service_url("redis"), parser)
        async with serving(application) as client:
            headers = await bearer(client, f"{process}@example.com")
            created = await client.post(JOBS, json={"raw_text": POSTING}, headers=headers)
            assert created.status_code == 201, created.text
            bodies.append(created.json())
    assert parser.calls == 1
    assert bodies[0]["title"] == bodies[1]["title"] == "Platform Engineer"
    assert bodies[0]["parsed_keywords"] == bodies[1]["parsed_keywords"]
    assert bodies[0]["user_id"] != bodies[1]["user_id"]


async def test_with_redis_killed_requests_still_succeed_quickly(
    tmp_path: Path, fresh_sqlite: str
) -> None:
    parser = CountingParser()
    with redis_server(tmp_path) as server:
        application, searches = wired(tmp_path, fresh_sqlite, server.url, parser)
        async with serving(application) as client:
            headers = await bearer(client)
            assert (await client.get(BROWSE)).status_code == 200
            assert (await client.get(BROWSE)).status_code == 200
            assert searches.searches == 1

            server.kill()
            timed: list[float] = []

            async def timing(call: Callable[[], Any]) -> Any:
                started = time.monotonic()
                response = await call()
                timed.append(time.monotonic() - started)
                return response

            for _ in range(3):
                page = await timing(lambda: client.get(BROWSE))
                assert page.status_code == 200
                assert page.json()["total"] > 0
            created = await timing(
                lambda: client.post(JOBS, json={"raw_text": POSTING}, headers=headers)
            )
            assert created.status_code == 201, created.text
            assert searches.searches == 4  # every page now read from the database
            assert parser.calls == 1
            assert max(timed) < 2.0, (
                timed
            )  # generous for a loaded CI machine; a refused connection is instant
            state = application.resolve(SharedCache).state()
            assert state.available is False
            assert state.errors >= 1
