"""Typed commands: the registry they are built from, the union, partial updates, and what an
edit checks (the touched parts, not every item of the profile)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from itertools import count

import msgspec
import pytest
from msgspec import UNSET

from resumecore.commands import (
    COMPONENT_COMMANDS,
    AddExperience,
    AddSkill,
    Command,
    RemoveExperience,
    SetCustomField,
    UpdateExperience,
)
from resumecore.commands.changes import ExperienceChanges
from resumecore.commands.editing import edit
from resumecore.commands.wire import command_of
from resumecore.errors import BulkOperationRejected, InvalidValue
from resumecore.ids import ProfileId, UserId
from resumecore.jsonresume.mapping import FIELDS
from resumecore.model.component_kinds import KINDS, MAX_COMMANDS
from resumecore.model.components import Experience
from resumecore.model.profile import Profile
from resumecore.model.profile_revision import new_profile
from resumecore.operations import Operation
from tests.support.profiles import full_profile

AT = datetime(2026, 3, 1, tzinfo=UTC)


def ids(prefix: str = "new") -> Callable[[], str]:
    numbers = count(1)
    return lambda: f"{prefix}-{next(numbers)}"


def profile() -> Profile:
    return new_profile(
        ProfileId("p"), UserId("u"), full_profile(), is_primary=True, new_id=ids("old"), at=AT
    )


def test_every_kind_has_four_commands_and_a_json_resume_section() -> None:
    for kind, spec in KINDS.items():
        commands = {
            op: COMPONENT_COMMANDS[(op, kind)] for op in ("add", "update", "remove", "move")
        }
        assert all(kind == command.KIND for command in commands.values())
        assert spec.json_resume_section in FIELDS
        changes = commands["update"].changes_type()  # type: ignore[attr-defined]
        component_fields = set(spec.type.__struct_fields__) - {"id", "enhanced_description"}
        assert set(changes.__struct_fields__) == component_fields, kind


def test_commands_are_one_tagged_union() -> None:
    commands = [
        AddExperience(item=Experience(title="T", company="C", start_date="2020-01")),
        RemoveExperience(id="x"),
        AddSkill(name="Zig"),
        SetCustomField(key="k", value=[1, 2]),
    ]

    encoded = msgspec.json.encode(commands)

    assert msgspec.json.decode(encoded, type=list[Command]) == commands
    assert [c["command"] for c in msgspec.json.decode(encoded)] == [
        "add_experience",
        "remove_experience",
        "add_skill",
        "set_custom_field",
    ]


def test_an_update_read_from_the_wire_carries_only_the_given_fields() -> None:
    operation = Operation(op="update", kind="experience", id="e", data={"title": "CTO"})

    command = command_of(operation)

    assert isinstance(command, UpdateExperience)
    assert command.changes.given() == {"title": "CTO"}
    assert command.changes.company is UNSET


def test_a_pair_that_means_nothing_is_refused_with_its_name() -> None:
    with pytest.raises(InvalidValue) as refused:
        command_of(Operation(op="set", kind="experience"))
    assert refused.value.errors[0].code == "unsupported_operation"
    assert "experience" in refused.value.message


def test_an_edit_reports_created_and_removed_ids_and_keeps_untouched_fields() -> None:
    before = profile()
    first = before.experiences[0]
    new_id = ids()

    done = edit(
        before,
        [
            AddExperience(item=Experience(title="New", company="C", start_date="2021-01")),
            UpdateExperience(id=first.id, changes=ExperienceChanges(title="Lead")),
            RemoveExperience(id=before.experiences[1].id),
        ],
        new_id=new_id,
        at=AT,
    )

    assert done.created_ids == ("new-1",)
    assert done.removed_ids == (before.experiences[1].id,)
    assert done.profile.version == before.version + 1
    updated = done.profile.experiences[0]
    assert updated == msgspec.structs.replace(first, title="Lead")


def test_an_edit_checks_the_touched_parts_not_every_stored_item() -> None:
    # A stored item that breaks today's rules (e.g. written under older ones) does not block
    # an unrelated edit, since only what the commands touched is checked again.
    before = profile()
    broken = msgspec.structs.replace(before.experiences[0], title="")
    stored = msgspec.structs.replace(before, experiences=(broken, *before.experiences[1:]))
    assert stored.problems()

    done = edit(stored, [AddSkill(name="Zig")], new_id=ids(), at=AT)

    assert "Zig" in done.profile.skills.technical


def test_the_count_of_a_touched_kind_is_still_limited() -> None:
    before = profile()
    room = KINDS["experience"].max_items - len(before.experiences)
    item = Experience(title="T", company="C", start_date="2020-01")
    fill = [AddExperience(item=item)] * MAX_COMMANDS
    full = edit(before, fill[:MAX_COMMANDS], new_id=ids("a"), at=AT).profile
    full = edit(full, fill[: room - MAX_COMMANDS], new_id=ids("b"), at=AT).profile
    assert len(full.experiences) == KINDS["experience"].max_items

    with pytest.raises(BulkOperationRejected) as refused:
        edit(full, [AddExperience(item=item)], new_id=ids(), at=AT)
    assert [(e.code, e.field) for e in refused.value.errors] == [("too_many", "experiences")]


def test_a_new_item_is_checked_by_its_command() -> None:
    bad = Experience(title="T", company="C", start_date="2020-13")

    with pytest.raises(BulkOperationRejected) as refused:
        edit(profile(), [AddSkill(name="ok"), AddExperience(item=bad)], new_id=ids(), at=AT)

    assert [(e.index, e.field) for e in refused.value.errors] == [(1, "data.start_date")]


def test_a_new_id_that_clashes_with_a_stored_one_is_refused() -> None:
    before = profile()
    item = Experience(title="T", company="C", start_date="2020-01")

    with pytest.raises(BulkOperationRejected) as refused:
        edit(before, [AddExperience(item=item)], new_id=ids("old"), at=AT)

    assert [e.code for e in refused.value.errors] == ["duplicate_id"]
