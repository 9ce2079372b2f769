"""The driver-level session-and-version read leaves nothing behind and fails like a unit of work.

It runs its statement on a pooled driver connection itself, so what SQLAlchemy's ``Connection``
did must be done by hand: no transaction left open on the connection it hands back, a
connection the database dropped replaced, and a database that cannot answer reported as the
same domain error (503), never a driver error.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from resumecore.errors import StorageUnavailable
from resumecore.ids import SessionId, UserId
from resumecore.ports.repositories import VersionRead
from resumecore_server.adapters.sql.engine import make_engine
from resumecore_server.adapters.sql.session_version_reads import SqlSessionVersionReads
from resumecore_server.adapters.sql.uow import SqlUnitOfWorkFactory
from tests.integration.test_profile_repository_contract import add_user, make_profile, store
from tests.integration.test_session_version_read_contract import NOW, add_session
from tests.support.databases import wipe
from tests.support.services import service_url


@pytest.mark.postgres
async def test_a_read_leaves_no_transaction_open_and_survives_a_dropped_connection(
    postgres_url: str,
) -> None:
    engine = make_engine(postgres_url, pool_size=1, max_overflow=0)
    await wipe(engine)
    factory = SqlUnitOfWorkFactory(engine)
    ada = await add_user(factory)
    profile = make_profile(ada, is_primary=True)
    await store(factory, profile)
    session = await add_session(factory, ada)
    reads = SqlSessionVersionReads(engine)
    expected = VersionRead(live=True, profile=(profile.id, ada, profile.version))
    watcher = make_engine(postgres_url, pool_size=1, max_overflow=0)
    try:
        assert await reads.live_with_primary_version(session, ada, NOW) == expected
        async with watcher.connect() as observer:
            states = await observer.execute(
                text(
                    "SELECT state FROM pg_stat_activity WHERE datname = current_database()"
                    " AND pid <> pg_backend_pid() AND backend_type = 'client backend'"
                )
            )
            seen = list(states.scalars())
            assert "idle" in seen  # the pool's connection, back in the pool
            assert "idle in transaction" not in seen
            await observer.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                    " AND backend_type = 'client backend'"
                )
            )
        # The pooled connection is dead now; the pool's check on checkout replaces it.
        assert await reads.live_with_primary_version(session, ada, NOW) == expected
    finally:
        await watcher.dispose()
        await engine.dispose()


@pytest.mark.parametrize(
    "url",
    [
        "sqlite+inline:///{tmp}/empty.db",  # no tables
        pytest.param(
            "postgresql+asyncpg://nobody:secret@127.0.0.1:9/nothing",  # nothing listens
            marks=pytest.mark.postgres,
        ),
        # The server refuses the connection itself (as while it starts up): a driver error
        # the pool raises bare, not wrapped as SQLAlchemy's own connect would.
        pytest.param("{postgres}_missing", marks=pytest.mark.postgres),
    ],
    ids=["sqlite-no-tables", "postgres-unreachable", "postgres-refuses"],
)
async def test_a_database_that_cannot_answer_is_unavailable_not_a_driver_error(
    url: str, tmp_path: Path
) -> None:
    postgres = service_url("postgres") if "{postgres}" in url else ""
    engine = make_engine(url.format(tmp=tmp_path, postgres=postgres))
    reads = SqlSessionVersionReads(engine)
    nobody = (SessionId("no-session"), UserId("no-user"), NOW)
    try:
        with pytest.raises(StorageUnavailable):
            await reads.is_live(*nobody)
        with pytest.raises(StorageUnavailable):
            await reads.live_with_primary_version(*nobody)
    finally:
        await engine.dispose()
