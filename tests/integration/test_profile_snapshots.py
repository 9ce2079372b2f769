"""Decoded profiles are reused by version, and only versions the database holds are reused.

On SQLite and PostgreSQL: a unit of work that loads a version another one loaded or committed
reads the version only (no component rows); a save that is rolled back leaves nothing behind
for the next unit of work; a profile made primary by another's deletion is read as primary.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import msgspec
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from resumecore.model.profile import Profile
from resumecore_server.adapters.sql.profile_snapshots import ProfileSnapshots, Snapshot
from resumecore_server.adapters.sql.uow import SqlUnitOfWorkFactory
from tests.integration.test_profile_incremental_saves import (
    make,
    retitled,
    saved_owner,
    stored_rows,
)


@contextmanager
def statements(engine: AsyncEngine) -> Iterator[list[str]]:
    seen: list[str] = []

    def record(*args: Any) -> None:
        seen.append(str(args[2]))

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", record)


async def added(uow: SqlUnitOfWorkFactory, profile: Profile) -> Profile:
    async with uow() as unit:
        await unit.profiles.add(profile)
        await unit.commit()
    return profile


async def test_a_committed_version_is_loaded_without_its_component_rows(
    engine: AsyncEngine,
) -> None:
    uow = SqlUnitOfWorkFactory(engine)
    profile = await added(uow, make(await saved_owner(engine), experiences=30))
    with statements(engine) as seen:
        async with uow() as unit:
            loaded = await unit.profiles.get(profile.id)
    assert loaded == profile
    assert seen
    assert not [s for s in seen if "profile_components" in s]


async def test_an_edit_after_a_cached_load_writes_only_the_changed_item(
    engine: AsyncEngine,
) -> None:
    uow = SqlUnitOfWorkFactory(engine)
    profile = await added(uow, make(await saved_owner(engine), experiences=30))
    async with uow() as unit:
        current = await unit.profiles.get(profile.id)
        assert current is not None
        changed = retitled(current, 7, "Changed")
        with statements(engine) as seen:
            await unit.profiles.save(changed, expected_version=current.version)
        await unit.commit()
    writes = [s.split()[0] for s in seen if s.split()[0] in {"INSERT", "UPDATE", "DELETE"}]
    assert writes == ["UPDATE", "UPDATE"]
    async with SqlUnitOfWorkFactory(engine)() as unit:  # decoded from the rows
        assert await unit.profiles.get(profile.id) == changed


async def test_a_rolled_back_save_is_not_reused(engine: AsyncEngine) -> None:
    uow = SqlUnitOfWorkFactory(engine)
    profile = await added(uow, make(await saved_owner(engine), experiences=3))
    async with uow() as unit:  # saved, then rolled back (never committed)
        await unit.profiles.get(profile.id)
        await unit.profiles.save(retitled(profile, 0, "Dropped"), expected_version=1)
    kept = retitled(profile, 1, "Kept")  # the same version number, other content
    async with SqlUnitOfWorkFactory(engine)() as unit:  # written by another process
        await unit.profiles.get(profile.id)
        await unit.profiles.save(kept, expected_version=1)
        await unit.commit()
    async with uow() as unit:
        assert await unit.profiles.get(profile.id) == kept


async def test_a_profile_made_primary_is_read_as_primary_in_a_new_version(
    engine: AsyncEngine,
) -> None:
    uow = SqlUnitOfWorkFactory(engine)
    owner = await saved_owner(engine)
    first = await added(uow, make(owner))
    second = await added(uow, msgspec.structs.replace(make(owner), is_primary=False))
    async with uow() as unit:
        assert (await unit.profiles.get(second.id)) == second  # cached as not primary
        await unit.profiles.delete(first.id)
        await unit.profiles.set_primary(second.id)
        await unit.commit()
    async with uow() as unit:
        again = await unit.profiles.get(second.id)
    assert again is not None
    assert again.is_primary
    assert again.version == second.version + 1  # the cached answer of the old one is not reused
    assert await stored_rows(engine, second.id)


def test_snapshots_keep_the_most_recent_within_their_item_budget() -> None:
    def snapshot(profile_id: str, rows: int) -> Snapshot:
        profile = make("owner", experiences=1)
        profile = msgspec.structs.replace(profile, id=profile_id)
        return Snapshot(profile, {str(i): None for i in range(rows)})  # type: ignore[misc]

    kept = ProfileSnapshots(max_items=25)
    for name in ("a", "b", "c"):
        kept.put(snapshot(name, 9))
    assert kept.get("a", 1) is None  # 30 > 25: the least recently used went
    assert kept.get("b", 1) is not None
    kept.put(snapshot("d", 9))  # "c" is now the least recently used
    assert kept.get("c", 1) is None
    assert kept.get("b", 1) is not None
    assert kept.get("d", 1) is not None
    kept.put(snapshot("huge", 100))  # larger than the budget: kept alone, as the newest
    assert kept.get("huge", 1) is not None
    assert kept.get("b", 1) is None
