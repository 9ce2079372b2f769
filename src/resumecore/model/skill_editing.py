"""Skill edits: names in the user's order, case-insensitively unique per category."""

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
from resumecore.errors import FieldError, InvalidValue
from resumecore.model import rules
from resumecore.model.components import without_blanks
from resumecore.model.profile import Profile
from resumecore.model.profile_parts import Skills

CATEGORIES = ("technical", "soft")
SKILL_COMMANDS = (AddSkill, RenameSkill, RemoveSkill, MoveSkill, AddSkills, RemoveSkills)


def _fail(code: str, message: str, field: str) -> InvalidValue:
    return InvalidValue(message, errors=[FieldError(code, message, field)], code=code)


def fold(name: str) -> str:
    """The comparison key of a skill name: trimmed, case-folded."""
    return name.strip().casefold()


def add_skills(existing: tuple[str, ...], names: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Append ``names`` keeping order, skipping case-insensitive duplicates and blanks."""
    result = list(existing)
    seen = {fold(name) for name in existing}
    for name in names:
        cleaned = name.strip()
        if cleaned and fold(cleaned) not in seen:
            result.append(cleaned)
            seen.add(fold(cleaned))
    return tuple(result)


def remove_skills(existing: tuple[str, ...], names: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Drop every entry matching one of ``names`` case-insensitively."""
    doomed = {fold(name) for name in names}
    return tuple(name for name in existing if fold(name) not in doomed)


def resolve_skills(profile: Profile, skills: Skills, new_id: Callable[[], str]) -> Skills:
    """``skills`` checked, certifications keeping a known id (the first to claim it) or new.

    Raises:
        InvalidValue: every broken rule, under ``data``.
    """
    known = {c.id for c in profile.skills.certifications}
    certifications = []
    for certification in skills.certifications:
        # A known id keeps its item; any other (none, empty, unknown, repeated) is a new one.
        item_id = certification.id if certification.id in known else new_id()
        known.discard(item_id)
        fields = {name: getattr(certification, name) for name in certification.__struct_fields__}
        certifications.append(
            msgspec.structs.replace(
                certification, **{**without_blanks("certification", fields), "id": item_id}
            )
        )
    resolved = msgspec.structs.replace(
        skills,
        technical=tuple(name.strip() for name in skills.technical),
        soft=tuple(name.strip() for name in skills.soft),
        certifications=tuple(certifications),
    )
    problems = resolved.problems() + [
        p
        for i, c in enumerate(resolved.certifications)
        for p in rules.prefixed(f"certifications[{i}]", c.problems())
    ]
    if problems:
        raise InvalidValue(
            "The skills break the profile's rules.", errors=rules.prefixed("data", problems)
        )
    return resolved


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
