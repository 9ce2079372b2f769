"""The ProfileRepository's slices (``get_slice``, ``save_items``) on memory, SQLite and PostgreSQL.

A slice holds the owner, the version, the counts of the kinds asked for and the items asked
for by id, each kind in the profile's order; an edit saved from it stores exactly what saving
the whole edited profile stores, and a stale one writes nothing.
"""

from __future__ import annotations

import uuid

import msgspec
import pytest

from resumecore import commands as c
from resumecore.commands.changes import ExperienceChanges, ProjectChanges
from resumecore.commands.editing import edit
from resumecore.commands.item_editing import ItemCommand, edit_slice
from resumecore.errors import VersionConflict
from resumecore.ids import ProfileId
from resumecore.model.components import Experience
from resumecore.model.profile import Profile
from resumecore.model.profile_slice import ProfileSlice
from resumecore.ports.uow import UnitOfWorkFactory
from tests.integration.test_profile_repository_contract import (
    T0,
    add_user,
    load,
    make_profile,
    storage_url,
    store,
    uow_factory,
)
from tests.support.profiles import experience

__all__ = ["storage_url", "uow_factory"]  # fixtures, re-exported for pytest
KINDS = ("experience", "education", "project", "certification")


async def a_stored_profile(uow_factory: UnitOfWorkFactory) -> Profile:
    profile = make_profile(await add_user(uow_factory))
    await store(uow_factory, profile)
    return profile


async def slice_of(
    uow_factory: UnitOfWorkFactory, profile_id: ProfileId, kinds: tuple[str, ...], ids: list[str]
) -> ProfileSlice | None:
    async with uow_factory() as uow:
        return await uow.profiles.get_slice(profile_id, kinds=kinds, ids=ids)


async def test_a_slice_holds_the_counts_and_the_items_asked_for_in_order(
    uow_factory: UnitOfWorkFactory,
) -> None:
    profile = await a_stored_profile(uow_factory)
    roles, schools = profile.experiences, profile.education
    asked = [roles[-1].id, "no-such-id", schools[0].id, roles[0].id]  # any order, any kind
    part = await slice_of(uow_factory, profile.id, ("experience", "certification"), asked)
    assert part == ProfileSlice(
        id=profile.id,
        user_id=profile.user_id,
        version=profile.version,
        counts={"experience": len(roles), "certification": len(profile.skills.certifications)},
        loaded={"experience": (roles[0], roles[-1]), "education": (schools[0],)},
    )
    nothing = await slice_of(uow_factory, profile.id, (), [])
    assert nothing is not None
    assert (nothing.counts, nothing.loaded, nothing.version) == ({}, {}, profile.version)
    assert await slice_of(uow_factory, ProfileId(str(uuid.uuid4())), KINDS, asked) is None


async def test_a_kind_without_items_counts_zero(uow_factory: UnitOfWorkFactory) -> None:
    owner = await add_user(uow_factory)
    profile = make_profile(owner, {"personal_info": {"full_name": "Ada"}})
    await store(uow_factory, profile)
    part = await slice_of(uow_factory, profile.id, KINDS, [])
    assert part is not None
    assert part.counts == dict.fromkeys(KINDS, 0)


def item_edits(profile: Profile) -> list[ItemCommand]:
    """Updates, removals and adds at the end of several kinds, also of a kind left empty."""
    roles, schools, projects = profile.experiences, profile.education, profile.projects
    return [
        c.UpdateExperience(id=roles[1].id, changes=ExperienceChanges(title="Staff Engineer")),
        c.RemoveExperience(id=roles[-1].id),
        c.AddExperience(item=msgspec.convert(experience(7), Experience)),
        *[c.RemoveEducation(id=school.id) for school in schools],
        c.AddEducation(item=msgspec.structs.replace(schools[0], institution="New School")),
        c.UpdateProject(id=projects[0].id, changes=ProjectChanges()),  # changes nothing
        c.AddExperience(item=msgspec.structs.replace(roles[0], company="Second added")),
    ]  # fmt: skip


async def test_saving_a_slice_edit_stores_what_saving_the_whole_edit_stores(
    uow_factory: UnitOfWorkFactory,
) -> None:
    profile = await a_stored_profile(uow_factory)
    commands = item_edits(profile)
    ids = [str(uuid.uuid4()) for _ in range(3)]
    whole = edit(profile, commands, new_id=iter(ids).__next__, at=T0).profile
    named = [command.id for command in commands if not isinstance(command, c.AddComponent)]
    kinds = tuple({command.KIND for command in commands})
    async with uow_factory() as uow:
        part = await uow.profiles.get_slice(profile.id, kinds=kinds, ids=[*named, *ids])
        assert part is not None
        done = edit_slice(part, commands, new_id=iter(ids).__next__, at=T0)
        assert done.changes is not None
        await uow.profiles.save_items(done.changes, expected_version=profile.version)
        assert await uow.profiles.get(profile.id) == whole  # read back in the same unit
        await uow.commit()
    assert await load(uow_factory, profile.id) == whole
    # Edits build on each other: a second one adds after the first one's last item.
    async with uow_factory() as uow:
        part = await uow.profiles.get_slice(profile.id, kinds=("education",), ids=[])
        assert part is not None
        add_school = [c.AddEducation(item=profile.education[-1])]
        again = edit_slice(part, add_school, new_id=lambda: "later", at=T0)
        assert again.changes is not None
        await uow.profiles.save_items(again.changes, expected_version=whole.version)
        await uow.commit()
    after = await load(uow_factory, profile.id)
    assert after == edit(whole, add_school, new_id=lambda: "later", at=T0).profile


async def test_a_stale_slice_edit_raises_and_writes_nothing(
    uow_factory: UnitOfWorkFactory,
) -> None:
    profile = await a_stored_profile(uow_factory)
    first = profile.experiences[0]
    commands: list[ItemCommand] = [
        c.UpdateExperience(id=first.id, changes=ExperienceChanges(title="Lost")),
        c.AddExperience(item=first),
    ]
    async with uow_factory() as uow:
        part = await uow.profiles.get_slice(profile.id, kinds=("experience",), ids=[first.id])
        assert part is not None
        done = edit_slice(part, commands, new_id=lambda: "fresh", at=T0)
        assert done.changes is not None
        stale = msgspec.structs.replace(done.changes, version=profile.version + 5)
        with pytest.raises(VersionConflict) as raised:
            await uow.profiles.save_items(stale, expected_version=profile.version - 1)
        assert raised.value.current_version == profile.version
    assert await load(uow_factory, profile.id) == profile
