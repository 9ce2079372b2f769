"""Integration fixtures: real databases (SQLite file and PostgreSQL), the real app over HTTP."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from litestar.testing import AsyncTestClient
from sqlalchemy.ext.asyncio import AsyncEngine

from resumecore_server.adapters.sql.engine import make_engine
from resumecore_server.adapters.sql.migrate import upgrade
from resumecore_server.entrypoints.bootstrap import Application
from resumecore_server.entrypoints.http.app import create_app
from tests.support.app import make_application
from tests.support.clock import FakeClock
from tests.support.databases import wipe
from tests.support.services import service_url

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(scope="session")
def sqlite_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("db") / "test.db"
    url = f"sqlite+inline:///{path}"
    upgrade(url)
    return url


@pytest.fixture(scope="session")
def postgres_url() -> str:
    url = service_url("postgres")
    upgrade(url)
    return url


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest) -> str:
    """A migrated database of each backend; parametrised tests run once per backend."""
    return str(request.getfixturevalue(f"{request.param}_url"))


@pytest.fixture
def sqlite_only_url(sqlite_url: str) -> str:
    return sqlite_url


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    """An engine on a wiped database."""
    sut = make_engine(database_url)
    await wipe(sut)
    yield sut
    await sut.dispose()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
async def application(
    tmp_path: Path, database_url: str, clock: FakeClock
) -> AsyncIterator[Application]:
    """The real wiring on a wiped database, with a fake clock."""
    app = make_application(tmp_path, database_url, clock=clock)
    engine = make_engine(database_url)
    await wipe(engine)
    await engine.dispose()
    yield app
    await app.aclose()


@pytest.fixture
async def client(application: Application) -> AsyncIterator[AsyncTestClient]:  # type: ignore[type-arg]
    """An HTTP client on the real app (one per backend)."""
    async with AsyncTestClient(app=create_app(application)) as test_client:
        yield test_client


@pytest.fixture
def outbox(application: Application) -> Path:
    return Path(application.settings.data_dir) / "outbox"
