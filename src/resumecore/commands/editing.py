"""Applying commands to a profile: pure and all-or-nothing, checking only what changed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, Protocol, Self, TypeVar

import msgspec

from resumecore.commands import (
    AddComponent,
    AnyCommand,
    ComponentCommand,
    MoveComponent,
    RemoveComponent,
    RemoveCustomField,
    SetCustomField,
    SetCustomFields,
    SetSkills,
    UpdateComponent,
)
from resumecore.commands.batch import (
    Tally,
    applied_in_turn,
    clashing_ids,
    count_problems,
    reject_any,
)
from resumecore.commands.skill_editing import apply_skill_command
from resumecore.commands.wire import fail
from resumecore.errors import FieldError, InvalidValue
from resumecore.model import rules
from resumecore.model.component_kinds import MAX_ITEMS
from resumecore.model.components import Component, clean_item, without_blanks
from resumecore.model.profile import Profile
from resumecore.model.profile_parts import custom_field_problems
from resumecore.operations import Operation

NewId = Callable[[], str]
SKILLS, CUSTOM_FIELDS = "skills", "custom_fields"


class Edit(msgspec.Struct, frozen=True, kw_only=True):
    """A profile after accepted commands: which ids were created and removed, in order."""

    profile: Profile
    created_ids: tuple[str, ...] = ()
    removed_ids: tuple[str, ...] = ()


class ItemLists(Protocol):
    """Components by kind, each kind in order: a whole profile, or a slice of one."""

    def items(self, kind: str) -> tuple[Component, ...]:
        """The components of one kind, in order."""
        ...

    def with_items(self, kind: str, items: tuple[Any, ...]) -> Self:
        """A copy with the components of ``kind`` replaced."""
        ...


Lists = TypeVar("Lists", bound=ItemLists)


def apply_all(
    profile: Profile,
    commands: Sequence[AnyCommand | Operation],
    *,
    new_id: NewId,
    at: datetime,
) -> Profile:
    """``edit(...).profile``: the profile after ``commands`` (see ``edit``)."""
    return edit(profile, commands, new_id=new_id, at=at).profile


def edit(
    profile: Profile,
    commands: Sequence[AnyCommand | Operation],
    *,
    new_id: NewId,
    at: datetime,
) -> Edit:
    """Apply ``commands`` in order and bump the version once.

    Every command is tried (a failed one is skipped) so the error lists **every** failing
    index; any failure rejects the whole batch. Each command checks its own values, then the
    parts it touched are checked as a whole (counts per kind, skills, custom fields), never
    the items it did not touch. Wire ``Operation``s are read as commands first.

    Raises:
        BulkOperationRejected: naming each failing command by ``index``.
    """
    current, tally, errors = applied_in_turn(
        profile, commands, lambda state, command, seen: _apply(state, command, new_id, seen)
    )
    if not errors:
        errors = touched_problems(current, tally.parts) + clashing_ids(
            tally.created, lambda: {i.id for kind in MAX_ITEMS for i in profile.items(kind)}
        )
    reject_any(errors)
    if not commands:
        return Edit(profile=profile)
    created = set(tally.created)
    return Edit(
        profile=msgspec.structs.replace(current, version=profile.version + 1, updated_at=at),
        created_ids=tuple(tally.created),
        removed_ids=tuple(i for i in tally.removed if i not in created),
    )


def touched_problems(profile: Profile, parts: set[str]) -> list[FieldError]:
    """The profile's invariants over ``parts`` only (component kinds, skills, custom fields)."""
    found = count_problems({kind: len(profile.items(kind)) for kind in MAX_ITEMS if kind in parts})
    if SKILLS in parts:
        found += rules.prefixed("skills", profile.skills.problems())
    if CUSTOM_FIELDS in parts:
        found += custom_field_problems(profile.custom_fields)
    return found


def _apply(profile: Profile, command: AnyCommand, new_id: NewId, tally: Tally) -> Profile:
    if isinstance(command, ComponentCommand):
        return apply_component(profile, command, new_id, tally)
    if isinstance(command, SetCustomField | RemoveCustomField | SetCustomFields):
        tally.parts.add(CUSTOM_FIELDS)
        return _apply_custom_field(profile, command)
    tally.parts.add(SKILLS)
    if isinstance(command, SetSkills):
        tally.parts.add("certification")
        known = {c.id for c in profile.skills.certifications}
        after = apply_skill_command(profile, command, new_id)
        kept = {c.id for c in after.skills.certifications}
        tally.created += [c.id for c in after.skills.certifications if c.id not in known]
        tally.removed += [i for i in known if i not in kept]
        return after
    return apply_skill_command(profile, command, new_id)


def apply_component(lists: Lists, command: ComponentCommand, new_id: NewId, tally: Tally) -> Lists:
    """``lists`` after one add, update, remove or move of a component (checked already)."""
    kind = command.KIND
    tally.parts.add(kind)
    items = list(lists.items(kind))
    if isinstance(command, AddComponent):
        position = len(items) if command.position is None else command.position
        _check_position(position, len(items) + 1)
        item_id = new_id()
        items.insert(position, clean_item(kind, command.item, item_id))
        tally.created.append(item_id)
        return lists.with_items(kind, tuple(items))
    assert isinstance(command, UpdateComponent | RemoveComponent | MoveComponent)  # noqa: S101
    index = _index_of(items, command.id)
    if isinstance(command, UpdateComponent):
        items[index] = _updated(items[index], command)
    elif isinstance(command, RemoveComponent):
        tally.removed.append(items.pop(index).id)
    else:
        _check_position(command.position, len(items))
        items.insert(command.position, items.pop(index))
    return lists.with_items(kind, tuple(items))


def _updated(item: Any, command: UpdateComponent) -> Any:
    given = without_blanks(command.KIND, command.changes.given())
    merged = msgspec.structs.replace(item, **given)
    problems = merged.problems()
    if problems:
        raise InvalidValue(
            "The item breaks the profile's rules.", errors=rules.prefixed("data", problems)
        )
    return merged


def _apply_custom_field(
    profile: Profile, command: SetCustomField | RemoveCustomField | SetCustomFields
) -> Profile:
    if isinstance(command, SetCustomFields):
        problems = custom_field_problems(command.fields)
        if problems:
            raise InvalidValue("Invalid custom fields.", errors=rules.prefixed("data", problems))
        return msgspec.structs.replace(profile, custom_fields=dict(command.fields))
    fields = dict(profile.custom_fields)
    if isinstance(command, SetCustomField):
        if command.must_exist and command.key not in fields:
            raise fail("not_found", f"No custom field '{command.key[:50]}'.", "id")
        fields[command.key] = command.value
    elif fields.pop(command.key, _MISSING) is _MISSING:
        raise fail("not_found", f"No custom field '{command.key[:50]}'.", "id")
    return msgspec.structs.replace(profile, custom_fields=fields)


_MISSING = object()


def _index_of(items: list[Any], item_id: str) -> int:
    if not item_id:
        raise fail("id_required", "This operation needs the id of an existing item.", "id")
    for index, item in enumerate(items):
        if item.id == item_id:
            return index
    raise fail("not_found", "No item with this id in the profile.", "id")


def _check_position(position: int, size: int) -> None:
    if not 0 <= position < max(size, 1):
        raise fail(
            "invalid_position", f"Position must be between 0 and {max(size - 1, 0)}.", "position"
        )
