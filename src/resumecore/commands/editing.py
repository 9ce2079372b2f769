"""Applying commands to a profile: pure and all-or-nothing, checking only what changed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

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
from resumecore.commands.skill_editing import apply_skill_command
from resumecore.commands.wire import command_of, fail
from resumecore.errors import BulkOperationRejected, FieldError, InvalidValue
from resumecore.model import rules
from resumecore.model.component_kinds import LIST_FIELD, MAX_COMMANDS, MAX_ITEMS
from resumecore.model.components import without_blanks
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


class _Tally:
    """What the commands touched, so only that is checked again."""

    def __init__(self) -> None:
        self.parts: set[str] = set()
        self.created: list[str] = []
        self.removed: list[str] = []


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
    if len(commands) > MAX_COMMANDS:
        raise BulkOperationRejected(
            f"At most {MAX_COMMANDS} operations per request.",
            errors=[
                FieldError("too_many", f"Use at most {MAX_COMMANDS} operations.", "operations")
            ],
        )
    errors: list[FieldError] = []
    tally = _Tally()
    current = profile
    for index, command in enumerate(commands):
        try:
            typed = command_of(command) if isinstance(command, Operation) else command
            current = _apply_checked(current, typed, new_id, tally)
        except InvalidValue as exc:
            errors += rules.prefixed("", exc.errors, index=index) or [
                FieldError(exc.code, exc.message, None, index)
            ]
    if not errors:
        errors = touched_problems(current, tally.parts) + _clashing_ids(profile, tally.created)
    if errors:
        failing = sorted({e.index for e in errors if e.index is not None})
        detail = (
            f"Operations {failing} were rejected; nothing was changed."
            if failing
            else "The changes break the profile's rules; nothing was changed."
        )
        raise BulkOperationRejected(detail, errors=errors)
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
    found: list[FieldError] = []
    for kind in MAX_ITEMS.keys() & parts:
        if len(profile.items(kind)) > MAX_ITEMS[kind]:
            limit = MAX_ITEMS[kind]
            found.append(FieldError("too_many", f"Use at most {limit} items.", LIST_FIELD[kind]))
    if SKILLS in parts:
        found += rules.prefixed("skills", profile.skills.problems())
    if CUSTOM_FIELDS in parts:
        found += custom_field_problems(profile.custom_fields)
    return found


def _clashing_ids(before: Profile, created: list[str]) -> list[FieldError]:
    """New ids must be unique in the profile (they come from the id generator)."""
    if not created:
        return []
    taken = {item.id for kind in MAX_ITEMS for item in before.items(kind)}
    if len(set(created)) == len(created) and taken.isdisjoint(created):
        return []
    return [FieldError("duplicate_id", "Component ids must be unique.", "id")]


def _apply_checked(profile: Profile, command: AnyCommand, new_id: NewId, tally: _Tally) -> Profile:
    problems = command.problems()
    if problems:
        raise InvalidValue("The change breaks the profile's rules.", errors=problems)
    if isinstance(command, ComponentCommand):
        tally.parts.add(command.KIND)
        return _apply_component(profile, command, new_id, tally)
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


def _apply_component(
    profile: Profile, command: ComponentCommand, new_id: NewId, tally: _Tally
) -> Profile:
    kind = command.KIND
    items = list(profile.items(kind))
    if isinstance(command, AddComponent):
        position = len(items) if command.position is None else command.position
        _check_position(position, len(items) + 1)
        item_id = new_id()
        items.insert(position, clean_item(kind, command.item, item_id))
        tally.created.append(item_id)
        return profile.with_items(kind, tuple(items))
    assert isinstance(command, UpdateComponent | RemoveComponent | MoveComponent)  # noqa: S101
    index = _index_of(items, command.id)
    if isinstance(command, UpdateComponent):
        items[index] = _updated(items[index], command)
    elif isinstance(command, RemoveComponent):
        tally.removed.append(items.pop(index).id)
    else:
        _check_position(command.position, len(items))
        items.insert(command.position, items.pop(index))
    return profile.with_items(kind, tuple(items))


def clean_item(kind: str, item: Any, item_id: str) -> Any:
    """``item`` under ``item_id``, blanks in optional text absent, no enhanced text."""
    fields = without_blanks(kind, {name: getattr(item, name) for name in item.__struct_fields__})
    if "enhanced_description" in fields:
        fields["enhanced_description"] = None
    return msgspec.structs.replace(item, **{**fields, "id": item_id})


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
