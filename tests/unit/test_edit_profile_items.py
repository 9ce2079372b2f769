"""EditProfileItems on the in-memory store: the refusals and replays a slice must get right.

A new id the profile already holds is refused as a duplicate (the slice knows, because the
ids are drawn before it is loaded); the per-kind limit counts the items the slice did not
load; a foreign or implausible profile id is not found; a repeat with the same idempotency
key answers the first change with the created items as they are now; and a slice refuses the
commands it cannot take (moves, adds at a position).
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Iterator

import msgspec
import pytest

from resumecore import commands as c
from resumecore.commands.changes import ExperienceChanges
from resumecore.commands.item_editing import edit_slice
from resumecore.errors import BulkOperationRejected, NotFound
from resumecore.ids import ProfileId, SessionId, UserId
from resumecore.model.components import Experience
from resumecore.model.idempotency import IdempotencyKey
from resumecore.model.principal import Principal
from resumecore.model.profile import Profile
from resumecore.model.profile_slice import ProfileSlice
from resumecore.model.user import User
from resumecore.services.profiles.create import CreateProfile
from resumecore.services.profiles.edit_items import EditProfileItems
from resumecore.services.profiles.queries import GetProfile
from resumecore_server.adapters.memory.uow import MemoryUnitOfWorkFactory
from tests.support.clock import FakeClock
from tests.support.profiles import experience, full_profile


class ScriptedIds:
    """Ids from a script, then numbered ones."""

    def __init__(self, first: list[str]) -> None:
        self._ids: Iterator[str] = itertools.chain(first, (f"id-{n}" for n in itertools.count()))

    def new_id(self) -> str:
        return next(self._ids)


class World:
    def __init__(self, ids: list[str] | None = None) -> None:
        self.uow = MemoryUnitOfWorkFactory()
        self.clock = FakeClock()
        self.ids = ScriptedIds(ids or [])
        self.owner = self.principal("owner")
        self.edit = EditProfileItems(self.uow, self.clock, self.ids)
        self.get = GetProfile(self.uow)

    def principal(self, name: str) -> Principal:
        now = self.clock.now()
        user = User(
            id=UserId(name),
            email=f"{name}@example.com",
            full_name=name,
            password_hash="x",
            created_at=now,
            updated_at=now,
        )
        self.uow.tables.users[user.id] = user
        return Principal(user_id=user.id, session_id=SessionId(f"session-{name}"))

    def create(self, content: dict[str, object]) -> Profile:
        create = CreateProfile(self.uow, self.clock, self.ids)
        return asyncio.run(create(self.owner, content))


def a_role() -> Experience:
    return msgspec.convert(experience(1), Experience)


def test_a_new_id_the_profile_holds_is_a_duplicate_and_nothing_changes() -> None:
    world = World()
    profile = world.create(full_profile())
    world.ids = ScriptedIds([profile.projects[0].id])  # the next id is taken (by a project)
    world.edit = EditProfileItems(world.uow, world.clock, world.ids)
    with pytest.raises(BulkOperationRejected) as refused:
        asyncio.run(world.edit(world.owner, profile.id, [c.AddExperience(item=a_role())]))
    assert [error.code for error in refused.value.errors] == ["duplicate_id"]
    assert asyncio.run(world.get(world.owner, profile.id)) == profile


def test_the_limit_counts_the_items_the_slice_did_not_load() -> None:
    world = World()
    full = {**full_profile(), "experiences": [experience(i) for i in range(199)]}
    profile = world.create(full)
    adds = [c.AddExperience(item=a_role()) for _ in range(2)]
    with pytest.raises(BulkOperationRejected) as refused:
        asyncio.run(world.edit(world.owner, profile.id, adds))
    assert [(e.code, e.field, e.index) for e in refused.value.errors] == [
        ("too_many", "experiences", None)
    ]
    done = asyncio.run(world.edit(world.owner, profile.id, adds[:1]))
    assert done.version == profile.version + 1
    assert len(asyncio.run(world.get(world.owner, profile.id)).experiences) == 200


def test_a_foreign_or_implausible_profile_is_not_found() -> None:
    world = World()
    profile = world.create(full_profile())
    intruder = world.principal("intruder")
    target = profile.experiences[0].id
    remove = [c.RemoveExperience(id=target)]
    for who, profile_id in ((intruder, profile.id), (world.owner, "x" * 65), (world.owner, "")):
        with pytest.raises(NotFound):
            asyncio.run(world.edit(who, profile_id, remove))
    assert asyncio.run(world.get(world.owner, profile.id)) == profile


def test_a_repeat_with_the_same_key_answers_the_first_change_as_items_now_are() -> None:
    world = World()
    profile = world.create(full_profile())
    key = IdempotencyKey(key="k-1", fingerprint="POST /experiences body")
    adds = [c.AddExperience(item=a_role()), c.AddExperience(item=a_role())]
    first = asyncio.run(world.edit(world.owner, profile.id, adds, idempotency=key))
    renamed = c.UpdateExperience(
        id=first.created_ids[0], changes=ExperienceChanges(title="Renamed since")
    )
    asyncio.run(world.edit(world.owner, profile.id, [renamed]))
    again = asyncio.run(world.edit(world.owner, profile.id, adds, idempotency=key))
    assert (again.version, again.created_ids) == (first.version, first.created_ids)
    now = asyncio.run(world.get(world.owner, profile.id))
    assert again.items("experience", again.created_ids) == [
        now.find("experience", item_id) for item_id in first.created_ids
    ]
    assert again.find("experience", first.created_ids[0]).title == "Renamed since"  # type: ignore[union-attr]
    assert len(now.experiences) == len(profile.experiences) + 2


def test_a_slice_takes_no_move_and_no_add_at_a_position() -> None:
    part = ProfileSlice(
        id=ProfileId("p"), user_id=UserId("u"), version=1, counts={"experience": 1}, loaded={}
    )
    for command in (
        c.MoveExperience(id="a", position=0),
        c.AddExperience(item=a_role(), position=0),
    ):
        with pytest.raises(ValueError, match="adds at the end"):
            edit_slice(part, [command], new_id=lambda: "n", at=FakeClock().now())  # type: ignore[list-item]
