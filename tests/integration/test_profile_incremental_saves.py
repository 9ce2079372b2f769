"""Saves write only what changed, and what they leave is what a full rewrite would leave.

On SQLite and PostgreSQL: any sequence of inserts, deletes, moves and edits of components saved
incrementally leaves the same rows, in the same order, as writing every row again; and a
one-item edit costs the same number of SQL statements in a profile of 10 items and of 1,000.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import AsyncIterator
from typing import Any

import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import event, select
from sqlalchemy.ext.asyncio import AsyncEngine

from resumecore.commands import AddComponent, MoveComponent, RemoveComponent, UpdateExperience
from resumecore.commands.changes import ExperienceChanges
from resumecore.commands.editing import edit
from resumecore.commands.item_editing import ItemCommand, edit_slice
from resumecore.errors import BulkOperationRejected
from resumecore.ids import ProfileId, UserId
from resumecore.model.component_kinds import KINDS
from resumecore.model.profile import Profile, all_components
from resumecore.model.profile_revision import new_profile
from resumecore.testing import command_sequences, profiles
from resumecore.testing.commands import advance, component_commands
from resumecore.testing.components import commands_of_op
from resumecore.testing.invalid_commands import UNKNOWN_ID
from resumecore_server.adapters.sql.engine import make_engine
from resumecore_server.adapters.sql.tables import profile_components
from resumecore_server.adapters.sql.tables import profiles as profile_table
from resumecore_server.adapters.sql.uow import SqlUnitOfWorkFactory
from tests.integration.test_repository_contract import T0, new_user
from tests.support.databases import wipe
from tests.support.profiles import experience, full_profile


def make(user_id: str, experiences: int = 5, projects: int | None = None) -> Profile:
    content = full_profile() | {"experiences": [experience(i) for i in range(experiences)]}
    if projects is not None:
        base = content["projects"][0]
        content["projects"] = [base | {"name": f"Project {i}"} for i in range(projects)]
    return new_profile(
        ProfileId(str(uuid.uuid4())), UserId(user_id), content, is_primary=True,
        new_id=lambda: str(uuid.uuid4()), at=T0,
    )  # fmt: skip


def retitled(profile: Profile, index: int, title: str) -> Profile:
    """``profile`` with the title of one experience changed (a one-item save)."""
    items = list(profile.experiences)
    items[index] = msgspec.structs.replace(items[index], title=title)
    return msgspec.structs.replace(profile, experiences=tuple(items), version=profile.version + 1)


def untouched(profile: Profile) -> Profile:
    """An equal but distinct profile (every item copied): nothing must be written for it."""
    copies = {
        kind: tuple(msgspec.structs.replace(item) for item in getattr(profile, kind))
        for kind in ("experiences", "education", "projects")
    }
    return msgspec.structs.replace(profile, **copies, version=profile.version + 1)


async def stored_rows(engine: AsyncEngine, profile_id: str) -> list[tuple[str, str, str]]:
    query = (
        select(profile_components.c.kind, profile_components.c.id, profile_components.c.payload)
        .where(profile_components.c.profile_id == profile_id)
        .order_by(profile_components.c.kind, profile_components.c.position)
    )
    async with engine.connect() as connection:
        return [tuple(row) for row in await connection.execute(query)]


def rewritten_rows(profile: Profile) -> list[tuple[str, str, str]]:
    """The rows a full rewrite stores, in their order."""
    rows = [
        (k, item.id, msgspec.json.encode(item).decode()) for k, _, item in all_components(profile)
    ]
    return sorted(rows, key=lambda row: row[0])  # stable: keeps each kind's order


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    made = make_engine(database_url)
    await wipe(made)
    try:
        yield made
    finally:
        await made.dispose()


async def saved_owner(engine: AsyncEngine) -> str:
    user = new_user()
    async with SqlUnitOfWorkFactory(engine)() as uow:
        await uow.users.add(user)
        await uow.commit()
    return user.id


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
async def test_incremental_saves_leave_what_a_full_rewrite_leaves(
    engine: AsyncEngine, data: st.DataObject
) -> None:
    uow = SqlUnitOfWorkFactory(engine)
    drawn = data.draw(profiles(max_experiences=6, max_items=2, enhanced=False))
    # The database outlives an example: a fresh id and owner each time, however it was drawn.
    owner = UserId(await saved_owner(engine))
    profile = msgspec.structs.replace(drawn, id=ProfileId(new_id()), user_id=owner, is_primary=True)
    async with uow() as unit:
        await unit.profiles.add(profile)
        await unit.commit()
    for _ in range(data.draw(st.integers(1, 5), label="batches")):
        async with uow() as unit:
            current = await unit.profiles.get(profile.id)
            assert current is not None
            # Several saves in one unit of work build on each other: inserts, deletes, moves
            # and edits of any part (valid commands), or a save that changes nothing.
            for _ in range(data.draw(st.integers(1, 4), label="saves")):
                if data.draw(st.booleans(), label="unchanged"):
                    changed = untouched(current)
                else:
                    commands = data.draw(command_sequences(current, min_size=1, max_size=3))
                    changed = edit(current, commands, new_id=new_id, at=T0).profile
                await unit.profiles.save(changed, expected_version=current.version)
                current = changed
            await unit.commit()
        assert await stored_rows(engine, profile.id) == rewritten_rows(current)
        async with uow() as unit:
            assert await unit.profiles.get(profile.id) == current
        async with SqlUnitOfWorkFactory(engine)() as unit:  # no cached copy: decoded from rows
            assert await unit.profiles.get(profile.id) == current


def new_id() -> str:
    return str(uuid.uuid4())


class StatementCounter:
    def __init__(self, engine: AsyncEngine) -> None:
        self.statements: list[str] = []
        event.listen(engine.sync_engine, "before_cursor_execute", self._seen)

    def _seen(self, *args: Any) -> None:
        self.statements.append(str(args[2]).split()[0].upper())


async def one_item_edit_statements(
    engine: AsyncEngine, experiences: int, projects: int
) -> list[str]:
    uow = SqlUnitOfWorkFactory(engine)
    profile = make(await saved_owner(engine), experiences, projects)
    async with uow() as unit:
        await unit.profiles.add(profile)
        await unit.commit()
    counter = StatementCounter(engine)
    async with uow() as unit:
        current = await unit.profiles.get(profile.id)
        assert current is not None
        counter.statements.clear()
        changed = retitled(current, experiences // 2, "Changed 7")
        await unit.profiles.save(changed, expected_version=current.version)
        await unit.commit()
    event.remove(engine.sync_engine, "before_cursor_execute", counter._seen)
    return counter.statements


async def test_a_one_item_edit_costs_the_same_statements_at_10_and_1000_items(
    engine: AsyncEngine,
) -> None:
    # Items counted as a reader counts them (roles, their achievements, projects, ...): about
    # 20 in the small profile; 200 roles + 400 achievements + 200 projects + the rest, about
    # 1,000, in the large one (the per-kind limits allow no more roles).
    small = await one_item_edit_statements(engine, 5, 0)
    large = await one_item_edit_statements(engine, 200, 200)
    assert large == small
    assert [s for s in large if s in {"INSERT", "UPDATE", "DELETE"}] == ["UPDATE", "UPDATE"]


# --- edits of items by id, from a slice -------------------------------------------------------


@st.composite
def item_batches(draw: st.DrawFn, profile: Profile) -> list[ItemCommand]:
    """Adds at the end, updates and removals by id, valid as the batch goes.

    Now and then one fails: an unknown or empty id, or the id of another kind's item.
    """
    known = frozenset(item.id for kind in KINDS for item in profile.items(kind))
    scratch = (f"scratch-{n}" for n in itertools.count())
    current, drawn = profile, []
    for _ in range(draw(st.integers(1, 4), label="commands")):
        command = draw(component_commands(current, known))
        if isinstance(command, MoveComponent):  # a slice takes no move: remove it instead
            command = commands_of_op("remove")[command.KIND](id=command.id)
        if isinstance(command, AddComponent):
            command = msgspec.structs.replace(command, position=None)
        drawn.append(command)
        current = advance(current, command, lambda: next(scratch))
    if draw(st.integers(0, 3), label="broken") == 0:
        kind = draw(st.sampled_from(list(KINDS)))
        others = [i.id for k in KINDS if k != kind for i in profile.items(k)]
        target = draw(st.sampled_from([UNKNOWN_ID, "", *others]))
        broken = commands_of_op(draw(st.sampled_from(["update", "remove"])))[kind]
        command = (
            broken(id=target)
            if issubclass(broken, RemoveComponent)
            else broken(id=target, changes=broken.changes_type()())
        )
        drawn.insert(draw(st.integers(0, len(drawn))), command)
    return drawn


async def stored_state(engine: AsyncEngine, profile_id: str) -> tuple[Any, ...]:
    """Every stored column of the profile but its id and primary flag, and its rows as stored."""
    rows = (
        select(
            profile_components.c.kind,
            profile_components.c.id,
            profile_components.c.position,
            profile_components.c.payload,
        )
        .where(profile_components.c.profile_id == profile_id)
        .order_by(profile_components.c.kind, profile_components.c.position)
    )
    head = select(*[c for c in profile_table.c if c.name not in {"id", "is_primary"}]).where(
        profile_table.c.id == profile_id
    )
    async with engine.connect() as connection:
        return (
            tuple((await connection.execute(head)).one()),
            [tuple(row) for row in await connection.execute(rows)],
        )


async def whole_edit(
    uow: SqlUnitOfWorkFactory, profile_id: ProfileId, commands: list[ItemCommand], ids: list[str]
) -> tuple[Any, ...]:
    """Load the whole profile, edit, save it whole; what it did, or the errors."""
    async with uow() as unit:
        current = await unit.profiles.get(profile_id)
        assert current is not None
        try:
            done = edit(current, commands, new_id=iter(ids).__next__, at=T0)
        except BulkOperationRejected as exc:
            return ("rejected", exc.message, exc.errors)
        if done.profile is not current:
            await unit.profiles.save(done.profile, expected_version=current.version)
            await unit.commit()
    return (done.profile.version, done.created_ids, done.removed_ids)


async def slice_edit(
    uow: SqlUnitOfWorkFactory, profile_id: ProfileId, commands: list[ItemCommand], ids: list[str]
) -> tuple[Any, ...]:
    """Load the slice the commands need, edit it, save the items; what it did, or the errors."""
    named = {c.id for c in commands if not isinstance(c, AddComponent)}
    async with uow() as unit:
        part = await unit.profiles.get_slice(
            profile_id, kinds={c.KIND for c in commands}, ids=named.union(ids)
        )
        assert part is not None
        try:
            done = edit_slice(part, commands, new_id=iter(ids).__next__, at=T0)
        except BulkOperationRejected as exc:
            return ("rejected", exc.message, exc.errors)
        if done.changes is None:
            return (part.version, (), ())
        await unit.profiles.save_items(done.changes, expected_version=part.version)
        await unit.commit()
    return (done.changes.version, done.created_ids, done.removed_ids)


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
async def test_item_edits_saved_from_a_slice_leave_what_whole_saves_leave(
    engine: AsyncEngine, data: st.DataObject
) -> None:
    uow = SqlUnitOfWorkFactory(engine)
    drawn = data.draw(profiles(max_experiences=6, max_items=2, enhanced=False))
    owner = UserId(await saved_owner(engine))
    # Two copies with the same items: one edited whole, the other from slices.
    whole = msgspec.structs.replace(drawn, id=ProfileId(new_id()), user_id=owner, is_primary=True)
    sliced = msgspec.structs.replace(whole, id=ProfileId(new_id()), is_primary=False)
    async with uow() as unit:
        await unit.profiles.add(whole)
        await unit.profiles.add(sliced)
        await unit.commit()
    current = whole
    for _ in range(data.draw(st.integers(1, 4), label="batches")):
        commands = data.draw(item_batches(current))
        ids = [new_id() for _ in commands]
        did = await whole_edit(uow, whole.id, commands, ids)
        assert await slice_edit(uow, sliced.id, commands, ids) == did
        assert await stored_state(engine, sliced.id) == await stored_state(engine, whole.id)
        async with SqlUnitOfWorkFactory(engine)() as unit:  # decoded from the rows
            current_whole = await unit.profiles.get(whole.id)
            current_sliced = await unit.profiles.get(sliced.id)
        assert current_whole is not None
        assert current_sliced == msgspec.structs.replace(
            current_whole, id=sliced.id, is_primary=False
        )
        current = current_whole


async def item_edit_statements(engine: AsyncEngine, experiences: int, projects: int) -> list[str]:
    uow = SqlUnitOfWorkFactory(engine)
    profile = make(await saved_owner(engine), experiences, projects)
    async with uow() as unit:
        await unit.profiles.add(profile)
        await unit.commit()
    target = profile.experiences[experiences // 2]
    command = UpdateExperience(id=target.id, changes=ExperienceChanges(title="Changed 7"))
    counter = StatementCounter(engine)
    try:
        await slice_edit(uow, profile.id, [command], [])
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", counter._seen)
    return counter.statements


async def test_an_item_edit_from_a_slice_costs_the_same_statements_at_10_and_1000_items(
    engine: AsyncEngine,
) -> None:
    small = await item_edit_statements(engine, 5, 0)
    large = await item_edit_statements(engine, 200, 200)
    assert large == small
    # Owner, version, count and the item in one; the conditional version bump; the item's row.
    assert large == ["SELECT", "UPDATE", "UPDATE"]
