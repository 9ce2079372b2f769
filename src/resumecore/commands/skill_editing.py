"""Skill commands applied: names in the user's order, case-insensitively unique per category."""

from __future__ import annotations

from collections.abc import Callable

import msgspec

from resumecore.commands.parts import (
    AddSkill,
    AddSkills,
    MoveSkill,
    PartCommand,
    RemoveSkill,
    RemoveSkills,
    RenameSkill,
    SetSkills,
)
from resumecore.errors import InvalidValue
from resumecore.model.profile import Profile
from resumecore.model.skills import add_skills, fold, remove_skills, resolve_skills

SKILL_COMMANDS = (AddSkill, RenameSkill, RemoveSkill, MoveSkill, AddSkills, RemoveSkills)


def _fail(code: str, message: str, field: str) -> InvalidValue:
    return InvalidValue.for_field(field, code, message)


def apply_skill_command(
    profile: Profile, command: PartCommand, new_id: Callable[[], str]
) -> Profile:
    """Apply one of ``SKILL_COMMANDS``; raises ``InvalidValue`` for this command only."""
    if isinstance(command, SetSkills):
        return msgspec.structs.replace(
            profile, skills=resolve_skills(profile, command.skills, new_id)
        )
    assert isinstance(command, SKILL_COMMANDS)  # noqa: S101 - dispatched by the caller
    names: tuple[str, ...] = getattr(profile.skills, command.category)
    if isinstance(command, AddSkills):
        return _with(profile, command.category, add_skills(names, command.names))
    if isinstance(command, RemoveSkills):
        return _with(profile, command.category, remove_skills(names, command.names))
    if isinstance(command, AddSkill):
        updated = add_skills(names, [command.name])
        if command.position is not None and updated != names:
            updated = _moved(updated, len(updated) - 1, command.position)
        return _with(profile, command.category, updated)
    return _apply_to_one(profile, command, names)


def _apply_to_one(
    profile: Profile, command: RemoveSkill | MoveSkill | RenameSkill, names: tuple[str, ...]
) -> Profile:
    index = _find(names, command.skill)
    if isinstance(command, RemoveSkill):
        return _with(profile, command.category, names[:index] + names[index + 1 :])
    if isinstance(command, MoveSkill):
        return _with(profile, command.category, _moved(names, index, command.position))
    clash = [i for i, other in enumerate(names) if fold(other) == fold(command.name) and i != index]
    if clash:
        raise _fail("duplicate", "This skill is already listed.", "data.name")
    renamed = list(names)
    renamed[index] = command.name.strip()
    return _with(profile, command.category, tuple(renamed))


def _find(names: tuple[str, ...], name: str) -> int:
    folded = fold(name)
    for index, existing in enumerate(names):
        if fold(existing) == folded:
            return index
    raise _fail("not_found", "No such skill in this category.", "id")


def _moved(names: tuple[str, ...], index: int, position: int) -> tuple[str, ...]:
    if not 0 <= position < len(names):
        raise _fail(
            "invalid_position", f"Position must be between 0 and {len(names) - 1}.", "position"
        )
    items = list(names)
    items.insert(position, items.pop(index))
    return tuple(items)


def _with(profile: Profile, category: str, names: tuple[str, ...]) -> Profile:
    return msgspec.structs.replace(
        profile, skills=msgspec.structs.replace(profile.skills, **{category: names})
    )
