"""SessionRepository's one-round-trip reads on every backend: a session check with a version.

``live_with_primary_version`` and ``live_with_profile_version`` must answer exactly what
``is_live`` followed by ``primary_version`` / ``owner_and_version`` would: not live for a
revoked, expired, foreign or deactivated session whatever the profile, and the profile's id,
owner and current version (or None) for a live one. The standalone ``SessionVersionReads`` of
each storage (SQL: straight on the driver) answers every one of these the same.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

import msgspec

from resumecore.ids import ProfileId, SessionId, UserId
from resumecore.model.auth import AuthSession
from resumecore.ports.repositories import SessionVersionReads, VersionRead
from resumecore.ports.uow import UnitOfWorkFactory
from resumecore.services.auth.versioned_reads import UnitOfWorkSessionVersionReads
from resumecore_server.adapters.sql.session_version_reads import SqlSessionVersionReads
from resumecore_server.adapters.sql.uow import SqlUnitOfWorkFactory
from tests.integration.test_profile_repository_contract import (
    T0,
    add_user,
    make_profile,
    storage_url,
    store,
    uow_factory,
)

__all__ = ["storage_url", "uow_factory"]  # fixtures, re-exported for pytest

NOW = T0 + timedelta(hours=1)


async def add_session(
    uow_factory: UnitOfWorkFactory, user_id: UserId, *, revoked: bool = False
) -> SessionId:
    """A committed session of ``user_id`` that expires a day after T0."""
    session = AuthSession(
        id=SessionId(str(uuid.uuid4())),
        user_id=user_id,
        created_at=T0,
        expires_at=T0 + timedelta(days=1),
        revoked_at=T0 if revoked else None,
    )
    async with uow_factory() as uow:
        await uow.sessions.add(session)
        await uow.commit()
    return session.id


def standalone_reads(uow_factory: UnitOfWorkFactory) -> SessionVersionReads:
    """The storage's own ``SessionVersionReads``, as the composition root wires it."""
    if isinstance(uow_factory, SqlUnitOfWorkFactory):
        return SqlSessionVersionReads(uow_factory.engine)
    return UnitOfWorkSessionVersionReads(uow_factory)


async def reads(
    uow_factory: UnitOfWorkFactory,
    session_id: SessionId,
    user_id: UserId,
    profile_id: ProfileId,
    now: datetime = NOW,
) -> tuple[VersionRead, VersionRead]:
    """(primary read, read of ``profile_id``) in one unit of work, the same standalone."""
    async with uow_factory() as uow:
        primary = await uow.sessions.live_with_primary_version(session_id, user_id, now)
        one = await uow.sessions.live_with_profile_version(session_id, user_id, now, profile_id)
        live = await uow.sessions.is_live(session_id, user_id, now)
    standalone = standalone_reads(uow_factory)
    assert await standalone.live_with_primary_version(session_id, user_id, now) == primary
    assert await standalone.live_with_profile_version(session_id, user_id, now, profile_id) == one
    assert await standalone.is_live(session_id, user_id, now) is live is primary.live
    return primary, one


async def test_a_live_session_reads_the_primary_and_any_profile(
    uow_factory: UnitOfWorkFactory,
) -> None:
    ada, grace = await add_user(uow_factory), await add_user(uow_factory)
    primary, other = make_profile(ada, is_primary=True), make_profile(ada)
    graces = make_profile(grace, is_primary=True)
    await store(uow_factory, primary, other, graces)
    session = await add_session(uow_factory, ada)

    mine, second = await reads(uow_factory, session, ada, other.id)
    _, foreign = await reads(uow_factory, session, ada, graces.id)
    _, missing = await reads(uow_factory, session, ada, ProfileId(str(uuid.uuid4())))

    assert mine == VersionRead(live=True, profile=(primary.id, ada, primary.version))
    assert second == VersionRead(live=True, profile=(other.id, ada, other.version))
    # The owner is reported, not filtered: the caller decides that a foreign one is "not found".
    assert foreign == VersionRead(live=True, profile=(graces.id, grace, graces.version))
    assert missing == VersionRead(live=True)


async def test_a_live_session_without_a_primary_reads_none(uow_factory: UnitOfWorkFactory) -> None:
    ada = await add_user(uow_factory)
    await store(uow_factory, make_profile(ada))
    session = await add_session(uow_factory, ada)

    primary, _ = await reads(uow_factory, session, ada, ProfileId(str(uuid.uuid4())))

    assert primary == VersionRead(live=True)


async def test_no_profile_is_read_through_a_session_that_is_not_live(
    uow_factory: UnitOfWorkFactory,
) -> None:
    ada, grace = await add_user(uow_factory), await add_user(uow_factory)
    profile = make_profile(ada, is_primary=True)
    await store(uow_factory, profile)
    live = await add_session(uow_factory, ada)
    revoked = await add_session(uow_factory, ada, revoked=True)
    graces = await add_session(uow_factory, grace)

    dead = [
        await reads(uow_factory, revoked, ada, profile.id),
        await reads(uow_factory, live, ada, profile.id, now=T0 + timedelta(days=1)),  # expired
        await reads(uow_factory, graces, ada, profile.id),  # someone else's session
        await reads(uow_factory, SessionId(str(uuid.uuid4())), ada, profile.id),  # unknown
    ]
    async with uow_factory() as uow:
        user = await uow.users.get(ada)
        assert user is not None
        await uow.users.update(msgspec.structs.replace(user, is_active=False))
        await uow.commit()
    dead.append(await reads(uow_factory, live, ada, profile.id))  # deactivated user

    assert dead == [(VersionRead(live=False), VersionRead(live=False))] * 5
