"""One contract for the repository ports, run through ``UnitOfWorkFactory`` on every implementation.

The same tests run on the in-memory fakes, SQLite and PostgreSQL, so the fakes the unit tests
lean on cannot drift from the real storage: round trips, uniqueness, single-use spending (also
under concurrency), revocation, and the transaction rules of the unit of work.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Sequence
from datetime import UTC, datetime, timedelta

import msgspec
import pytest

from resumecore.errors import Conflict
from resumecore.ids import SessionId, UserId
from resumecore.model.auth import AuthSession, PasswordResetToken, RefreshToken, token_digest
from resumecore.model.user import User
from resumecore.ports.uow import UnitOfWorkFactory
from resumecore_server.adapters.memory.uow import MemoryUnitOfWorkFactory
from resumecore_server.adapters.sql.engine import make_engine
from resumecore_server.adapters.sql.uow import SqlUnitOfWorkFactory
from tests.support.databases import wipe

IMPLEMENTATIONS = ["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]

# Microseconds on purpose: storage must not truncate them.
T0 = datetime(2026, 1, 15, 12, 0, 0, 123456, tzinfo=UTC)


class Boom(Exception):
    """Raised inside a unit of work to abandon it."""


@pytest.fixture(params=IMPLEMENTATIONS)
def storage_url(request: pytest.FixtureRequest) -> str | None:
    """None for the memory fake, else the migrated database URL of that backend.

    This is a sync fixture on purpose: migrating runs its own event loop, so the session-scoped
    URL fixtures must be resolved outside the test's loop.
    """
    if request.param == "memory":
        return None
    return str(request.getfixturevalue(f"{request.param}_url"))


@pytest.fixture
async def uow_factory(storage_url: str | None) -> AsyncIterator[UnitOfWorkFactory]:
    """A unit-of-work factory over empty storage, one per implementation."""
    if storage_url is None:
        yield MemoryUnitOfWorkFactory()
        return
    engine = make_engine(storage_url)
    await wipe(engine)
    try:
        yield SqlUnitOfWorkFactory(engine)
    finally:
        await engine.dispose()


def new_user(email: str | None = None, *, at: datetime = T0) -> User:
    user_id = str(uuid.uuid4())
    return User(
        id=UserId(user_id),
        email=email or f"user-{user_id[:8]}@example.com",
        full_name="Ada Lovelace",
        password_hash="$2b$04$" + "h" * 53,
        created_at=at,
        updated_at=at,
    )


def new_session(user: User, *, at: datetime = T0) -> AuthSession:
    return AuthSession(
        id=SessionId(str(uuid.uuid4())),
        user_id=user.id,
        created_at=at,
        expires_at=at + timedelta(days=30),
    )


def new_refresh_token(session: AuthSession, *, at: datetime = T0) -> RefreshToken:
    return RefreshToken(
        token_hash=token_digest(uuid.uuid4().hex),
        session_id=session.id,
        issued_at=at,
        expires_at=at + timedelta(days=14),
    )


def new_reset_token(user: User, *, at: datetime = T0) -> PasswordResetToken:
    return PasswordResetToken(
        token_hash=token_digest(uuid.uuid4().hex),
        user_id=user.id,
        created_at=at,
        expires_at=at + timedelta(hours=1),
    )


async def store(
    uow_factory: UnitOfWorkFactory,
    *,
    users: Sequence[User] = (),
    sessions: Sequence[AuthSession] = (),
    refresh_tokens: Sequence[RefreshToken] = (),
    reset_tokens: Sequence[PasswordResetToken] = (),
) -> None:
    """Commit the given rows in one unit of work, parents first."""
    async with uow_factory() as uow:
        for user in users:
            await uow.users.add(user)
        for session in sessions:
            await uow.sessions.add(session)
        for refresh in refresh_tokens:
            await uow.sessions.add_refresh_token(refresh)
        for reset in reset_tokens:
            await uow.reset_tokens.add(reset)
        await uow.commit()


def assert_utc(value: datetime | None) -> None:
    assert value is not None
    assert value.tzinfo is not None
    assert value.utcoffset() == timedelta(0)


# --- users -------------------------------------------------------------------------------------


async def test_added_user_round_trips_by_id_and_by_email(uow_factory: UnitOfWorkFactory) -> None:
    user = new_user("ada@example.com")
    await store(uow_factory, users=[user])

    async with uow_factory() as uow:
        by_id = await uow.users.get(user.id)
        by_email = await uow.users.get_by_email("ada@example.com")

    assert by_id == user
    assert by_email == user
    assert by_id is not None
    for stamp in (by_id.created_at, by_id.updated_at):
        assert_utc(stamp)
        assert stamp.microsecond == 123456


async def test_unknown_users_are_none(uow_factory: UnitOfWorkFactory) -> None:
    await store(uow_factory, users=[new_user("ada@example.com")])

    async with uow_factory() as uow:
        assert await uow.users.get(UserId(str(uuid.uuid4()))) is None
        assert await uow.users.get_by_email("grace@example.com") is None


async def test_a_taken_email_is_a_conflict(uow_factory: UnitOfWorkFactory) -> None:
    first = new_user("ada@example.com")
    await store(uow_factory, users=[first])

    async with uow_factory() as uow:
        with pytest.raises(Conflict) as caught:
            await uow.users.add(new_user("ada@example.com"))
    assert caught.value.code == "email_taken"

    async with uow_factory() as uow:
        assert await uow.users.count() == 1
        assert await uow.users.get_by_email("ada@example.com") == first


async def test_a_taken_email_is_a_conflict_within_one_unit(uow_factory: UnitOfWorkFactory) -> None:
    async with uow_factory() as uow:
        await uow.users.add(new_user("ada@example.com"))
        with pytest.raises(Conflict):
            await uow.users.add(new_user("ada@example.com"))


async def test_update_changes_password_hash_and_updated_at(
    uow_factory: UnitOfWorkFactory,
) -> None:
    user = new_user("ada@example.com")
    bystander = new_user("grace@example.com")
    await store(uow_factory, users=[user, bystander])
    later = T0 + timedelta(hours=3, microseconds=7)

    async with uow_factory() as uow:
        await uow.users.update(user.with_password_hash("$2b$04$" + "n" * 53, later))
        await uow.commit()

    async with uow_factory() as uow:
        updated = await uow.users.get(user.id)
        untouched = await uow.users.get(bystander.id)
    assert updated == msgspec.structs.replace(
        user, password_hash="$2b$04$" + "n" * 53, updated_at=later
    )
    assert updated is not None
    assert_utc(updated.updated_at)
    assert untouched == bystander


async def test_count_counts_users(uow_factory: UnitOfWorkFactory) -> None:
    async with uow_factory() as uow:
        assert await uow.users.count() == 0

    await store(uow_factory, users=[new_user() for _ in range(3)])

    async with uow_factory() as uow:
        assert await uow.users.count() == 3


# --- sessions ----------------------------------------------------------------------------------


async def test_added_session_round_trips(uow_factory: UnitOfWorkFactory) -> None:
    user = new_user()
    session = new_session(user)
    await store(uow_factory, users=[user], sessions=[session])

    async with uow_factory() as uow:
        got = await uow.sessions.get(session.id)
        missing = await uow.sessions.get(SessionId(str(uuid.uuid4())))

    assert got == session
    assert got is not None
    assert got.revoked_at is None
    assert_utc(got.created_at)
    assert_utc(got.expires_at)
    assert missing is None


async def test_revoke_sets_revoked_at_only_once(uow_factory: UnitOfWorkFactory) -> None:
    user = new_user()
    session = new_session(user)
    await store(uow_factory, users=[user], sessions=[session])
    first, second = T0 + timedelta(minutes=5), T0 + timedelta(minutes=9)

    async with uow_factory() as uow:
        await uow.sessions.revoke(session.id, first)
        await uow.commit()
    async with uow_factory() as uow:
        await uow.sessions.revoke(session.id, second)
        await uow.commit()

    async with uow_factory() as uow:
        got = await uow.sessions.get(session.id)
    assert got is not None
    assert got.revoked_at == first
    assert_utc(got.revoked_at)
    assert not got.is_live(first)


async def test_revoke_all_for_user_keeps_the_named_session(
    uow_factory: UnitOfWorkFactory,
) -> None:
    ada, grace = new_user(), new_user()
    current, other, old = new_session(ada), new_session(ada), new_session(ada)
    old = msgspec.structs.replace(old, revoked_at=T0 + timedelta(minutes=1))
    graces = new_session(grace)
    await store(uow_factory, users=[ada, grace], sessions=[current, other, old, graces])
    at = T0 + timedelta(hours=1)

    async with uow_factory() as uow:
        revoked = await uow.sessions.revoke_all_for_user(ada.id, at, keep=current.id)
        await uow.commit()

    assert revoked == 1  # ``old`` was already revoked and does not count again
    async with uow_factory() as uow:
        assert await uow.sessions.get(current.id) == current
        assert (await uow.sessions.get(other.id)) == msgspec.structs.replace(other, revoked_at=at)
        assert await uow.sessions.get(old.id) == old
        assert await uow.sessions.get(graces.id) == graces


async def test_revoke_all_for_user_without_keep_revokes_every_live_session(
    uow_factory: UnitOfWorkFactory,
) -> None:
    ada = new_user()
    sessions = [new_session(ada) for _ in range(3)]
    await store(uow_factory, users=[ada], sessions=sessions)
    at = T0 + timedelta(hours=1)

    async with uow_factory() as uow:
        assert await uow.sessions.revoke_all_for_user(ada.id, at) == 3
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.sessions.revoke_all_for_user(ada.id, at + timedelta(hours=1)) == 0
        for session in sessions:
            got = await uow.sessions.get(session.id)
            assert got is not None
            assert got.revoked_at == at


# --- refresh tokens ----------------------------------------------------------------------------


async def test_added_refresh_token_round_trips(uow_factory: UnitOfWorkFactory) -> None:
    user = new_user()
    session = new_session(user)
    refresh = new_refresh_token(session)
    await store(uow_factory, users=[user], sessions=[session], refresh_tokens=[refresh])

    async with uow_factory() as uow:
        got = await uow.sessions.get_refresh_token(refresh.token_hash)
        missing = await uow.sessions.get_refresh_token(token_digest("never issued"))

    assert got == refresh
    assert got is not None
    assert got.used_at is None
    assert_utc(got.issued_at)
    assert missing is None


async def test_a_refresh_token_can_be_spent_once(uow_factory: UnitOfWorkFactory) -> None:
    user = new_user()
    session = new_session(user)
    refresh = new_refresh_token(session)
    await store(uow_factory, users=[user], sessions=[session], refresh_tokens=[refresh])
    first, second = T0 + timedelta(minutes=1), T0 + timedelta(minutes=2)

    async with uow_factory() as uow:
        assert await uow.sessions.spend_refresh_token(refresh.token_hash, first) is True
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.sessions.spend_refresh_token(refresh.token_hash, second) is False
        assert await uow.sessions.spend_refresh_token(token_digest("unknown"), second) is False
        await uow.commit()

    async with uow_factory() as uow:
        got = await uow.sessions.get_refresh_token(refresh.token_hash)
    assert got is not None
    assert got.used_at == first


async def test_concurrent_spends_of_one_refresh_token_have_exactly_one_winner(
    uow_factory: UnitOfWorkFactory,
) -> None:
    user = new_user()
    session = new_session(user)
    refresh = new_refresh_token(session)
    await store(uow_factory, users=[user], sessions=[session], refresh_tokens=[refresh])

    async def spend(attempt: int) -> bool:
        async with uow_factory() as uow:
            spent = await uow.sessions.spend_refresh_token(
                refresh.token_hash, T0 + timedelta(seconds=attempt)
            )
            await uow.commit()
            return spent

    outcomes = await asyncio.gather(*(spend(attempt) for attempt in range(5)))

    assert outcomes.count(True) == 1, outcomes
    async with uow_factory() as uow:
        got = await uow.sessions.get_refresh_token(refresh.token_hash)
    assert got is not None
    assert got.used_at == T0 + timedelta(seconds=outcomes.index(True))


# --- password-reset tokens ---------------------------------------------------------------------


async def test_reset_token_round_trips_and_is_spent_once(uow_factory: UnitOfWorkFactory) -> None:
    user = new_user()
    reset = new_reset_token(user)
    await store(uow_factory, users=[user], reset_tokens=[reset])
    first, second = T0 + timedelta(minutes=1), T0 + timedelta(minutes=2)

    async with uow_factory() as uow:
        assert await uow.reset_tokens.get(reset.token_hash) == reset
        assert await uow.reset_tokens.get(token_digest("never issued")) is None
        assert await uow.reset_tokens.spend(reset.token_hash, first) is True
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.reset_tokens.spend(reset.token_hash, second) is False
        assert await uow.reset_tokens.spend(token_digest("unknown"), second) is False
        got = await uow.reset_tokens.get(reset.token_hash)

    assert got == msgspec.structs.replace(reset, used_at=first)
    assert got is not None
    assert_utc(got.used_at)
    assert not got.is_usable(first)


async def test_spend_all_for_user_spends_only_that_users_unused_tokens(
    uow_factory: UnitOfWorkFactory,
) -> None:
    ada, grace = new_user(), new_user()
    earlier = msgspec.structs.replace(new_reset_token(ada), used_at=T0 + timedelta(minutes=1))
    pending = [new_reset_token(ada), new_reset_token(ada)]
    graces = new_reset_token(grace)
    await store(uow_factory, users=[ada, grace], reset_tokens=[earlier, *pending, graces])
    at = T0 + timedelta(minutes=30)

    async with uow_factory() as uow:
        await uow.reset_tokens.spend_all_for_user(ada.id, at)
        await uow.commit()

    async with uow_factory() as uow:
        for token in pending:
            assert await uow.reset_tokens.get(token.token_hash) == msgspec.structs.replace(
                token, used_at=at
            )
        assert await uow.reset_tokens.get(earlier.token_hash) == earlier
        assert await uow.reset_tokens.get(graces.token_hash) == graces


# --- inserting a key that exists -----------------------------------------------------------------


async def test_a_taken_user_id_is_a_conflict(uow_factory: UnitOfWorkFactory) -> None:
    user = new_user("ada@example.com")
    await store(uow_factory, users=[user])

    async with uow_factory() as uow:
        with pytest.raises(Conflict):
            await uow.users.add(msgspec.structs.replace(user, email="other@example.com"))

    async with uow_factory() as uow:
        assert await uow.users.get(user.id) == user
        assert await uow.users.get_by_email("other@example.com") is None


@pytest.mark.parametrize("kind", ["session", "refresh_token", "reset_token"])
async def test_adding_an_existing_key_again_is_a_conflict_and_keeps_the_original(
    uow_factory: UnitOfWorkFactory, kind: str
) -> None:
    # "add" inserts: a second row with the same key must not silently replace the first
    # (for tokens that would resurrect a spent token).
    user = new_user()
    session = msgspec.structs.replace(new_session(user), revoked_at=T0 + timedelta(minutes=1))
    refresh = msgspec.structs.replace(new_refresh_token(session), used_at=T0)
    reset = msgspec.structs.replace(new_reset_token(user), used_at=T0)
    await store(
        uow_factory,
        users=[user],
        sessions=[session],
        refresh_tokens=[refresh],
        reset_tokens=[reset],
    )

    async with uow_factory() as uow:
        add_again = {
            "session": lambda: uow.sessions.add(msgspec.structs.replace(session, revoked_at=None)),
            "refresh_token": lambda: uow.sessions.add_refresh_token(
                msgspec.structs.replace(refresh, used_at=None)
            ),
            "reset_token": lambda: uow.reset_tokens.add(
                msgspec.structs.replace(reset, used_at=None)
            ),
        }[kind]
        with pytest.raises(Conflict):
            await add_again()
        await uow.commit()

    async with uow_factory() as uow:
        assert await uow.sessions.get(session.id) == session
        assert await uow.sessions.get_refresh_token(refresh.token_hash) == refresh
        assert await uow.reset_tokens.get(reset.token_hash) == reset


# --- the unit of work --------------------------------------------------------------------------


async def test_writes_without_commit_are_invisible_to_the_next_unit(
    uow_factory: UnitOfWorkFactory,
) -> None:
    user = new_user()
    session = new_session(user)
    reset = new_reset_token(user)
    async with uow_factory() as uow:
        await uow.users.add(user)
        await uow.sessions.add(session)
        await uow.reset_tokens.add(reset)
        assert await uow.users.get(user.id) == user  # visible inside its own unit

    async with uow_factory() as uow:
        assert await uow.users.get(user.id) is None
        assert await uow.users.count() == 0
        assert await uow.sessions.get(session.id) is None
        assert await uow.reset_tokens.get(reset.token_hash) is None


async def test_commit_makes_writes_visible_to_the_next_unit(
    uow_factory: UnitOfWorkFactory,
) -> None:
    user = new_user()
    session = new_session(user)
    async with uow_factory() as uow:
        await uow.users.add(user)
        await uow.sessions.add(session)
        await uow.commit()

    async with uow_factory() as uow:
        assert await uow.users.get(user.id) == user
        assert await uow.sessions.get(session.id) == session


async def test_an_exception_inside_the_unit_discards_its_writes(
    uow_factory: UnitOfWorkFactory,
) -> None:
    user = new_user()

    async def add_then_fail() -> None:
        async with uow_factory() as uow:
            await uow.users.add(user)
            raise Boom

    with pytest.raises(Boom):
        await add_then_fail()

    async with uow_factory() as uow:
        assert await uow.users.get(user.id) is None
        assert await uow.users.count() == 0


async def test_rollback_restores_updated_and_spent_rows(uow_factory: UnitOfWorkFactory) -> None:
    user = new_user()
    session = new_session(user)
    refresh = new_refresh_token(session)
    reset = new_reset_token(user)
    await store(
        uow_factory,
        users=[user],
        sessions=[session],
        refresh_tokens=[refresh],
        reset_tokens=[reset],
    )
    later = T0 + timedelta(minutes=10)

    async def change_everything_then_fail() -> None:
        async with uow_factory() as uow:
            await uow.users.update(user.with_password_hash("changed", later))
            await uow.sessions.revoke(session.id, later)
            assert await uow.sessions.spend_refresh_token(refresh.token_hash, later)
            assert await uow.reset_tokens.spend(reset.token_hash, later)
            raise Boom

    with pytest.raises(Boom):
        await change_everything_then_fail()

    async with uow_factory() as uow:
        assert await uow.users.get(user.id) == user
        assert await uow.sessions.get(session.id) == session
        assert await uow.sessions.get_refresh_token(refresh.token_hash) == refresh
        assert await uow.reset_tokens.get(reset.token_hash) == reset


async def test_writes_after_a_commit_need_their_own_commit(
    uow_factory: UnitOfWorkFactory,
) -> None:
    kept, dropped = new_user(), new_user()
    async with uow_factory() as uow:
        await uow.users.add(kept)
        await uow.commit()
        await uow.users.add(dropped)

    async with uow_factory() as uow:
        assert await uow.users.get(kept.id) == kept
        assert await uow.users.get(dropped.id) is None
