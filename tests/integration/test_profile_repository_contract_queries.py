"""The rest of the ProfileRepository contract, and IdempotencyRepository, on every backend.

Split from ``test_profile_repository_contract.py`` (same fixtures): primary, list, count,
owner_and_version and set_primary; deletes that leave no row behind (counted with raw SQL on
both databases); inserts that collide; rollbacks; and idempotency records (round trip,
uniqueness per user and key, also under concurrency, and purging by age).
"""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta

import msgspec
import pytest

from resumecore.errors import Conflict
from resumecore.ids import ProfileId, UserId
from resumecore.model.idempotency import IdempotencyRecord
from resumecore.ports.uow import UnitOfWorkFactory
from tests.integration.test_profile_repository_contract import (
    T0,
    add_user,
    load,
    make_profile,
    row_counts,
    storage_url,
    store,
    uow_factory,
)

__all__ = ["storage_url", "uow_factory"]  # fixtures, re-exported for pytest


class Boom(Exception):
    """Raised inside a unit of work to abandon it."""


# --- queries -----------------------------------------------------------------------------------


async def test_primary_list_and_count(uow_factory: UnitOfWorkFactory) -> None:
    ada, grace, nobody = [await add_user(uow_factory) for _ in range(3)]
    middle = make_profile(ada, at=T0 + timedelta(seconds=1), is_primary=True)
    newest = make_profile(ada, at=T0 + timedelta(seconds=2))
    oldest = make_profile(ada, at=T0)
    graces = make_profile(grace, at=T0 - timedelta(days=1), is_primary=True)
    await store(uow_factory, middle, graces, newest, oldest)

    async with uow_factory() as uow:
        assert await uow.profiles.get_primary(ada) == middle
        assert await uow.profiles.get_primary(grace) == graces
        assert await uow.profiles.get_primary(nobody) is None
        assert await uow.profiles.count_for_user(ada) == 3
        assert await uow.profiles.count_for_user(grace) == 1
        assert await uow.profiles.count_for_user(nobody) == 0
        everything = await uow.profiles.list_for_user(ada, limit=10, offset=0)
        first_two = await uow.profiles.list_for_user(ada, limit=2, offset=0)
        last = await uow.profiles.list_for_user(ada, limit=2, offset=2)
        beyond = await uow.profiles.list_for_user(ada, limit=5, offset=3)
        none = await uow.profiles.list_for_user(nobody, limit=5, offset=0)

    assert everything == [oldest, middle, newest]  # oldest first, whole profiles
    assert first_two == [oldest, middle]
    assert last == [newest]
    assert beyond == none == []


async def test_owner_and_version_follow_saves_and_deletes(uow_factory: UnitOfWorkFactory) -> None:
    ada = await add_user(uow_factory)
    profile = make_profile(ada)
    await store(uow_factory, profile)

    async with uow_factory() as uow:
        assert await uow.profiles.owner_and_version(profile.id) == (ada, 1)
        await uow.profiles.save(msgspec.structs.replace(profile, version=2), expected_version=1)
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.profiles.owner_and_version(profile.id) == (ada, 2)
        assert await uow.profiles.owner_and_version(ProfileId(str(uuid.uuid4()))) is None
        await uow.profiles.delete(profile.id)
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.profiles.owner_and_version(profile.id) is None


async def test_list_breaks_created_at_ties_by_id(uow_factory: UnitOfWorkFactory) -> None:
    ada = await add_user(uow_factory)
    twins = [make_profile(ada, at=T0) for _ in range(4)]
    await store(uow_factory, *twins)

    async with uow_factory() as uow:
        pages = [await uow.profiles.list_for_user(ada, limit=1, offset=i) for i in range(4)]

    assert [page[0].id for page in pages] == sorted(p.id for p in twins)


async def test_set_primary_moves_the_flag_within_one_owner(uow_factory: UnitOfWorkFactory) -> None:
    ada, grace = await add_user(uow_factory), await add_user(uow_factory)
    first = make_profile(ada, at=T0, is_primary=True)
    second = make_profile(ada, at=T0 + timedelta(seconds=1))
    third = make_profile(ada, at=T0 + timedelta(seconds=2))
    graces = make_profile(grace, is_primary=True)
    await store(uow_factory, first, second, third, graces)

    async with uow_factory() as uow:
        await uow.profiles.set_primary(third.id)
        await uow.commit()

    async with uow_factory() as uow:
        assert await uow.profiles.get_primary(ada) == msgspec.structs.replace(
            third, is_primary=True, version=third.version + 1
        )
        listed = await uow.profiles.list_for_user(ada, limit=10, offset=0)
        assert await uow.profiles.get_primary(grace) == graces
    assert [p.is_primary for p in listed] == [False, False, True]
    assert listed[0] == msgspec.structs.replace(first, is_primary=False, version=first.version + 1)
    assert listed[1] == second


# --- deletes -----------------------------------------------------------------------------------


async def test_delete_removes_the_profile_and_every_component_row(
    uow_factory: UnitOfWorkFactory,
) -> None:
    ada, grace = await add_user(uow_factory), await add_user(uow_factory)
    doomed = make_profile(ada, is_primary=True)
    kept = make_profile(grace, is_primary=True)
    await store(uow_factory, doomed, kept)
    per_profile = len(doomed.experiences) + len(doomed.education) + len(doomed.projects) + 1
    assert await row_counts(uow_factory) in (
        None,
        {"profiles": 2, "profile_components": 2 * per_profile},
    )

    async with uow_factory() as uow:
        await uow.profiles.delete(doomed.id)
        await uow.commit()

    assert await load(uow_factory, doomed.id) is None
    assert await load(uow_factory, kept.id) == kept
    async with uow_factory() as uow:
        assert await uow.profiles.count_for_user(ada) == 0
        assert await uow.profiles.get_primary(ada) is None
        await uow.profiles.delete(doomed.id)  # a second delete is harmless
        await uow.commit()
    assert await row_counts(uow_factory) in (
        None,
        {"profiles": 1, "profile_components": per_profile},
    )


# --- inserts that collide, and rollbacks -------------------------------------------------------


async def test_adding_an_existing_profile_id_is_a_conflict_and_keeps_the_original(
    uow_factory: UnitOfWorkFactory,
) -> None:
    ada = await add_user(uow_factory)
    original = make_profile(ada)
    await store(uow_factory, original)
    impostor = msgspec.structs.replace(
        make_profile(ada, {"personal_info": {"full_name": "Impostor"}}), id=original.id
    )

    async with uow_factory() as uow:
        with pytest.raises(Conflict):
            await uow.profiles.add(impostor)

    assert await load(uow_factory, original.id) == original


async def test_a_profile_of_an_unknown_user_is_a_conflict(uow_factory: UnitOfWorkFactory) -> None:
    await add_user(uow_factory)
    orphan = make_profile(UserId(str(uuid.uuid4())))

    async with uow_factory() as uow:
        with pytest.raises(Conflict):
            await uow.profiles.add(orphan)

    assert await load(uow_factory, orphan.id) is None


async def test_profile_writes_of_an_abandoned_unit_are_undone(
    uow_factory: UnitOfWorkFactory,
) -> None:
    ada = await add_user(uow_factory)
    kept = make_profile(ada, is_primary=True)
    await store(uow_factory, kept)
    counts = await row_counts(uow_factory)
    added = make_profile(ada)

    async def change_everything_then_fail() -> None:
        async with uow_factory() as uow:
            await uow.profiles.add(added)
            await uow.profiles.save(
                msgspec.structs.replace(kept, version=2, experiences=()), expected_version=1
            )
            await uow.profiles.set_primary(added.id)
            await uow.profiles.delete(kept.id)
            raise Boom

    with pytest.raises(Boom):
        await change_everything_then_fail()

    assert await load(uow_factory, kept.id) == kept
    assert await load(uow_factory, added.id) is None
    assert await load(uow_factory, ProfileId(str(uuid.uuid4()))) is None
    assert await row_counts(uow_factory) == counts


# --- idempotency records -----------------------------------------------------------------------


def record(
    user_id: UserId, key: str = "key-1", *, age: timedelta = timedelta(0)
) -> IdempotencyRecord:
    return IdempotencyRecord(
        user_id=user_id,
        key=key,
        fingerprint="f" * 64,
        result=b'{"id":"x","note":"\xc3\xbc"}\x00\xff',  # arbitrary bytes, not only UTF-8
        created_at=T0 - age,
    )


async def test_idempotency_record_round_trips_and_is_scoped_per_user(
    uow_factory: UnitOfWorkFactory,
) -> None:
    ada, grace = await add_user(uow_factory), await add_user(uow_factory)
    adas = record(ada, "k" * 255)
    graces = msgspec.structs.replace(record(grace, "k" * 255), fingerprint="0" * 64)
    async with uow_factory() as uow:
        await uow.idempotency.add(adas)
        await uow.idempotency.add(graces)  # the same key for another user is another record
        await uow.commit()

    async with uow_factory() as uow:
        got = await uow.idempotency.get(ada, "k" * 255)
        assert await uow.idempotency.get(grace, "k" * 255) == graces
        assert await uow.idempotency.get(ada, "other") is None
        assert await uow.idempotency.get(UserId(str(uuid.uuid4())), "k" * 255) is None
    assert got == adas
    assert got is not None
    assert got.created_at.microsecond == 123456
    assert got.created_at.utcoffset() == timedelta(0)


async def test_a_taken_idempotency_key_is_a_conflict_and_keeps_the_first(
    uow_factory: UnitOfWorkFactory,
) -> None:
    ada = await add_user(uow_factory)
    first = record(ada)
    async with uow_factory() as uow:
        await uow.idempotency.add(first)
        await uow.commit()

    async with uow_factory() as uow:
        with pytest.raises(Conflict) as caught:
            await uow.idempotency.add(msgspec.structs.replace(first, result=b"second"))
    assert caught.value.code == "idempotency_key_in_use"

    async with uow_factory() as uow:
        assert await uow.idempotency.get(ada, first.key) == first


async def test_concurrent_twins_store_exactly_one_idempotency_record(
    uow_factory: UnitOfWorkFactory,
) -> None:
    ada = await add_user(uow_factory)

    async def remember(result: bytes) -> bytes | None:
        async with uow_factory() as uow:
            try:
                await uow.idempotency.add(msgspec.structs.replace(record(ada), result=result))
                await uow.commit()
            except Conflict:
                return None
            return result

    outcomes = await asyncio.gather(*(remember(bytes([i])) for i in range(3)))

    winners = [o for o in outcomes if o is not None]
    assert len(winners) == 1, outcomes
    async with uow_factory() as uow:
        stored = await uow.idempotency.get(ada, "key-1")
    assert stored is not None
    assert stored.result == winners[0]


async def test_purge_forgets_only_records_older_than_the_cutoff(
    uow_factory: UnitOfWorkFactory,
) -> None:
    ada, grace = await add_user(uow_factory), await add_user(uow_factory)
    old = record(ada, "old", age=timedelta(hours=25))
    boundary = record(grace, "boundary", age=timedelta(hours=24))
    fresh = record(ada, "fresh", age=timedelta(seconds=1))
    async with uow_factory() as uow:
        for item in (old, boundary, fresh):
            await uow.idempotency.add(item)
        await uow.commit()

    async with uow_factory() as uow:
        await uow.idempotency.purge(T0 - timedelta(hours=24))
        await uow.commit()

    async with uow_factory() as uow:
        assert await uow.idempotency.get(ada, "old") is None
        assert await uow.idempotency.get(grace, "boundary") == boundary  # strictly older only
        assert await uow.idempotency.get(ada, "fresh") == fresh
        await uow.idempotency.add(record(ada, "old"))  # the key is free again
        await uow.commit()
