"""What only the SQL adapter promises: cascades, SQLite pragmas, error translation, readiness,
UTC storage, and that refresh tokens are stored by digest only. Runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import asyncio
import threading
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import func, inspect, select, table, text
from sqlalchemy.ext.asyncio import AsyncEngine

from resumecore.errors import Conflict, StorageUnavailable
from resumecore.ids import SessionId, UserId
from resumecore.model.auth import (
    AuthSession,
    PasswordResetToken,
    RefreshToken,
    new_opaque_token,
    token_digest,
)
from resumecore.model.user import User
from resumecore_server.adapters.sql.engine import SQLITE_CACHE_KIB, make_engine
from resumecore_server.adapters.sql.readiness import SqlReadinessProbe
from resumecore_server.adapters.sql.tables import (
    auth_sessions,
    password_reset_tokens,
    refresh_tokens,
    users,
)
from resumecore_server.adapters.sql.uow import SqlUnitOfWorkFactory

T0 = datetime(2026, 1, 15, 12, 0, 0, 250000, tzinfo=UTC)
SQL_WORDS = ("INSERT", "SELECT", "UPDATE", "DELETE", "VALUES", "[SQL", "FOREIGN KEY")

DEAD_DATABASES = [
    pytest.param("postgresql+asyncpg://postgres@127.0.0.1:1/nope", id="postgres-closed-port"),
    pytest.param("sqlite+inline:///{tmp}/missing-dir/nested/db.sqlite", id="sqlite-missing-dir"),
    pytest.param(
        "sqlite+aiosqlite:///{tmp}/missing-dir/nested/db.sqlite", id="aiosqlite-missing-dir"
    ),
]


@pytest.fixture
def sut(engine: AsyncEngine) -> SqlUnitOfWorkFactory:
    return SqlUnitOfWorkFactory(engine)


@pytest.fixture
async def dead_engine(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    """An engine on a database that cannot be reached (parametrised by ``DEAD_DATABASES``)."""
    before = set(threading.enumerate())
    engine = make_engine(request.param.format(tmp=tmp_path))
    yield engine
    await engine.dispose()
    # aiosqlite stops a connection that failed to open on its own thread and hands the result
    # back to this test's event loop: wait for that here, or it arrives after the loop closed.
    started = [thread for thread in threading.enumerate() if thread not in before]
    await asyncio.to_thread(_join, started)


def _join(threads: list[threading.Thread]) -> None:
    for thread in threads:
        if thread.name.endswith("(_connection_worker_thread)"):
            thread.join(timeout=5)


def user_row(email: str = "ada@example.com") -> User:
    return User(
        id=UserId(str(uuid.uuid4())),
        email=email,
        full_name="Ada Lovelace",
        password_hash="$2b$04$" + "h" * 53,
        created_at=T0,
        updated_at=T0,
    )


def session_of(user: User) -> AuthSession:
    return AuthSession(
        id=SessionId(str(uuid.uuid4())),
        user_id=user.id,
        created_at=T0,
        expires_at=T0 + timedelta(days=30),
    )


def refresh_for(session: AuthSession, raw: str) -> RefreshToken:
    return RefreshToken(
        token_hash=token_digest(raw),
        session_id=session.id,
        issued_at=T0,
        expires_at=T0 + timedelta(days=14),
    )


def reset_for(user: User, raw: str) -> PasswordResetToken:
    return PasswordResetToken(
        token_hash=token_digest(raw),
        user_id=user.id,
        created_at=T0,
        expires_at=T0 + timedelta(hours=1),
    )


def assert_no_sql(message: str) -> None:
    for word in SQL_WORDS:
        assert word.lower() not in message.lower(), message


async def row_count(engine: AsyncEngine, table_name: str) -> int:
    async with engine.connect() as connection:
        query = select(func.count()).select_from(table(table_name))
        return int((await connection.execute(query)).scalar_one())


async def test_deleting_a_user_cascades_to_sessions_and_tokens(
    engine: AsyncEngine, sut: SqlUnitOfWorkFactory
) -> None:
    doomed, bystander = user_row("ada@example.com"), user_row("grace@example.com")
    async with sut() as uow:
        for user in (doomed, bystander):
            await uow.users.add(user)
            session = session_of(user)
            await uow.sessions.add(session)
            await uow.sessions.add_refresh_token(refresh_for(session, new_opaque_token()))
            await uow.reset_tokens.add(reset_for(user, new_opaque_token()))
        await uow.commit()
    tables = ("users", "auth_sessions", "refresh_tokens", "password_reset_tokens")
    assert [await row_count(engine, name) for name in tables] == [2, 2, 2, 2]

    async with engine.begin() as connection:
        await connection.execute(text("DELETE FROM users WHERE id = :id"), {"id": doomed.id})

    assert [await row_count(engine, name) for name in tables] == [1, 1, 1, 1]
    async with engine.connect() as connection:
        owners = (await connection.execute(select(auth_sessions.c.user_id))).scalars().all()
        reset_owners = (
            (await connection.execute(select(password_reset_tokens.c.user_id))).scalars().all()
        )
    assert owners == [bystander.id]
    assert reset_owners == [bystander.id]


@pytest.mark.parametrize("driver", ["sqlite+inline", "sqlite+aiosqlite"])
async def test_sqlite_connections_enforce_foreign_keys_and_use_wal(
    tmp_path: Path, driver: str
) -> None:
    # A brand-new file: WAL is persistent, so only the engine's connect hook can have set it.
    engine = make_engine(f"{driver}:///{tmp_path}/fresh.db")
    try:
        async with engine.connect() as first, engine.connect() as second:
            for connection in (first, second):
                journal = (await connection.exec_driver_sql("PRAGMA journal_mode")).scalar_one()
                keys = (await connection.exec_driver_sql("PRAGMA foreign_keys")).scalar_one()
                busy = (await connection.exec_driver_sql("PRAGMA busy_timeout")).scalar_one()
                assert str(journal).lower() == "wal"
                assert keys == 1
                cache = (await connection.exec_driver_sql("PRAGMA cache_size")).scalar_one()
                assert cache == -SQLITE_CACHE_KIB  # KiB, per connection
                # The inline driver waits for a busy database off SQLite's handler, which would
                # sleep on the event loop's thread (tests/integration/test_sqlite_inline.py).
                assert (busy > 0) == (driver == "sqlite+aiosqlite")
    finally:
        await engine.dispose()


async def test_a_foreign_key_violation_is_a_conflict_without_sql(
    sut: SqlUnitOfWorkFactory,
) -> None:
    orphan = refresh_for(session_of(user_row()), new_opaque_token())
    async with sut() as uow:
        with pytest.raises(Conflict) as caught:
            await uow.sessions.add_refresh_token(orphan)

    assert caught.value.code == "conflict"
    assert_no_sql(str(caught.value))
    assert orphan.token_hash not in str(caught.value)
    async with sut() as uow:
        assert await uow.sessions.get_refresh_token(orphan.token_hash) is None


async def test_a_duplicate_email_is_a_conflict_without_sql_or_the_address(
    sut: SqlUnitOfWorkFactory,
) -> None:
    async with sut() as uow:
        await uow.users.add(user_row("ada@example.com"))
        await uow.commit()

    async with sut() as uow:
        with pytest.raises(Conflict) as caught:
            await uow.users.add(user_row("ada@example.com"))

    assert caught.value.code == "email_taken"
    assert_no_sql(str(caught.value))
    assert "ada@example.com" not in str(caught.value)


@pytest.mark.parametrize("dead_engine", DEAD_DATABASES, indirect=True)
async def test_an_unreachable_database_is_storage_unavailable(dead_engine: AsyncEngine) -> None:
    with pytest.raises(StorageUnavailable) as caught:
        async with SqlUnitOfWorkFactory(dead_engine)() as uow:
            await uow.users.count()

    assert caught.value.code == "service_unavailable"
    message = str(caught.value)
    assert_no_sql(message)
    for secret_ish in ("127.0.0.1", "nope", "missing-dir", "asyncpg", "sqlite"):
        assert secret_ish not in message


@pytest.mark.parametrize(
    "url",
    [
        "sqlite:///plain-sync-driver.db",
        "postgresql://postgres@localhost/app",
        "postgresql+psycopg://postgres@localhost/app",
        "mysql+aiomysql://root@localhost/app",
    ],
)
def test_make_engine_rejects_unsupported_drivers(url: str) -> None:
    with pytest.raises(ValueError, match="unsupported database URL driver"):
        make_engine(url)


async def test_readiness_probe_passes_on_a_live_database(engine: AsyncEngine) -> None:
    await SqlReadinessProbe(engine).check()


@pytest.mark.parametrize("dead_engine", DEAD_DATABASES, indirect=True)
async def test_readiness_probe_raises_storage_unavailable_on_a_dead_database(
    dead_engine: AsyncEngine,
) -> None:
    with pytest.raises(StorageUnavailable) as caught:
        await SqlReadinessProbe(dead_engine).check()
    assert_no_sql(str(caught.value))


async def test_datetimes_in_other_offsets_come_back_as_the_same_instant_in_utc(
    sut: SqlUnitOfWorkFactory,
) -> None:
    berlin = timezone(timedelta(hours=1))
    user = user_row()
    session = AuthSession(
        id=SessionId(str(uuid.uuid4())),
        user_id=user.id,
        created_at=datetime(2026, 1, 15, 13, 0, 0, 999999, tzinfo=berlin),
        expires_at=datetime(2026, 2, 14, 13, 0, tzinfo=berlin),
    )
    async with sut() as uow:
        await uow.users.add(user)
        await uow.sessions.add(session)
        await uow.commit()

    async with sut() as uow:
        got = await uow.sessions.get(session.id)
    assert got is not None
    assert got.created_at == datetime(2026, 1, 15, 12, 0, 0, 999999, tzinfo=UTC)
    assert got.created_at.utcoffset() == timedelta(0)
    assert got.expires_at.utcoffset() == timedelta(0)


async def test_the_database_never_contains_a_raw_refresh_or_reset_token(
    engine: AsyncEngine, sut: SqlUnitOfWorkFactory
) -> None:
    raw_refresh, raw_reset = new_opaque_token(), new_opaque_token()
    user = user_row()
    session = session_of(user)
    async with sut() as uow:
        await uow.users.add(user)
        await uow.sessions.add(session)
        await uow.sessions.add_refresh_token(refresh_for(session, raw_refresh))
        await uow.reset_tokens.add(reset_for(user, raw_reset))
        await uow.commit()
    async with sut() as uow:
        assert await uow.sessions.spend_refresh_token(token_digest(raw_refresh), T0)
        await uow.commit()

    dump = await dump_every_table(engine)

    assert raw_refresh not in dump
    assert raw_reset not in dump
    # The dump is real: it holds the digests that stand in for the tokens.
    assert token_digest(raw_refresh) in dump
    assert token_digest(raw_reset) in dump
    assert {users.name, refresh_tokens.name} <= set(dump.split("\n", 1)[0].split(","))


async def dump_every_table(engine: AsyncEngine) -> str:
    """Every row of every table the database has (not only the ones the code knows), as text."""
    async with engine.connect() as connection:
        names = sorted(await connection.run_sync(lambda sync: inspect(sync).get_table_names()))
        lines = [",".join(names)]
        for name in names:
            rows = (await connection.execute(select(text("*")).select_from(table(name)))).all()
            lines.extend(repr(tuple(row)) for row in rows)
    return "\n".join(lines)


async def test_a_connection_closed_mid_transaction_goes_back_to_the_pool_rolled_back(
    engine: AsyncEngine,
) -> None:
    # The pool skips its own reset-on-return rollback; Connection.close() must do it instead.
    connection = await engine.connect()
    await connection.execute(
        users.insert().values(
            id="ghost", number=1, email="ghost@example.com", full_name="G", password_hash="x",
            is_active=True, is_verified=False, created_at=T0, updated_at=T0,
        )
    )  # fmt: skip
    assert connection.in_transaction()
    await connection.close()
    for _ in range(3):  # whichever pooled connection comes next
        async with engine.connect() as other:
            assert not other.in_transaction()
            count = await other.scalar(select(func.count()).select_from(users))
            assert count == 0


class _BrokenRollback(Exception):
    """What a driver raises when rolling back on a connection that broke mid-operation."""


async def test_a_failing_rollback_never_replaces_the_error_that_ended_the_unit(
    engine: AsyncEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Regression: with PostgreSQL restarting, a read's translated 503 was replaced by the
    # rollback's untranslated driver error, and the client got a 500.
    from sqlalchemy import exc as sa_exc
    from sqlalchemy.engine import Transaction

    # The synchronous transaction's rollback: what the async engine's units of work all end in.
    def broken(self: Transaction) -> None:
        raise sa_exc.InternalError("ROLLBACK", {}, _BrokenRollback("another operation"))

    monkeypatch.setattr(Transaction, "rollback", broken)
    with pytest.raises(StorageUnavailable, match="first"):
        async with SqlUnitOfWorkFactory(engine)():
            raise StorageUnavailable("first")
    # With nothing else failing, the rollback's own failure is translated, never raw.
    with pytest.raises(StorageUnavailable):
        async with SqlUnitOfWorkFactory(engine)():
            pass
