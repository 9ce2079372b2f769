"""Skill operations: names in the user's order, case-insensitively unique per category."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import msgspec

from resumecore.errors import FieldError, InvalidValue
from resumecore.model import rules
from resumecore.model.components import without_blanks
from resumecore.model.profile import Profile
from resumecore.model.profile_parts import Skills
from resumecore.operations import Operation

CATEGORIES = ("technical", "soft")


def _fail(code: str, message: str, field: str) -> InvalidValue:
    return InvalidValue(message, errors=[FieldError(code, message, field)], code=code)


def fold(name: str) -> str:
    """The comparison key of a skill name: trimmed, case-folded."""
    return name.strip().casefold()


def add_skills(existing: tuple[str, ...], names: list[str]) -> tuple[str, ...]:
    """Append ``names`` keeping order, skipping case-insensitive duplicates and blanks."""
    result = list(existing)
    seen = {fold(name) for name in existing}
    for name in names:
        cleaned = name.strip()
        if cleaned and fold(cleaned) not in seen:
            result.append(cleaned)
            seen.add(fold(cleaned))
    return tuple(result)


def remove_skills(existing: tuple[str, ...], names: list[str]) -> tuple[str, ...]:
    """Drop every entry matching one of ``names`` case-insensitively."""
    doomed = {fold(name) for name in names}
    return tuple(name for name in existing if fold(name) not in doomed)


def resolve_skills(profile: Profile, data: Any, new_id: Callable[[], str]) -> Skills:
    """Decode a full skills object; certifications keep known ids and get new ids otherwise.

    Raises:
        InvalidValue: wrong shape, an unknown certification id, or a broken rule.
    """
    if not isinstance(data, dict):
        raise _fail("invalid_data", "data must be an object.", "data")
    known = {c.id for c in profile.skills.certifications}
    certifications = []
    for i, raw in enumerate(data.get("certifications") or []):
        if not isinstance(raw, dict):
            raise _fail(
                "invalid_data", "A certification must be an object.", f"data.certifications[{i}]"
            )
        given = raw.get("id")
        # A known id keeps its item; any other (none, empty, unknown, repeated) is a new one.
        item_id = given if isinstance(given, str) and given in known else new_id()
        known.discard(item_id)
        certifications.append({**without_blanks("certification", raw), "id": item_id})
    trimmed = {
        category: [n.strip() if isinstance(n, str) else n for n in data.get(category) or []]
        for category in CATEGORIES
    }
    try:
        skills = msgspec.convert({**data, **trimmed, "certifications": certifications}, Skills)
    except msgspec.ValidationError as exc:
        raise _fail("invalid_data", str(exc), "data") from None
    problems = skills.problems() + [
        p
        for i, c in enumerate(skills.certifications)
        for p in rules.prefixed(f"certifications[{i}]", c.problems())
    ]
    if problems:
        raise InvalidValue(
            "The skills break the profile's rules.", errors=rules.prefixed("data", problems)
        )
    return skills


def apply_skill_operation(
    profile: Profile, operation: Operation, new_id: Callable[[], str]
) -> Profile:
    """Apply a ``skill`` or ``skills`` operation."""
    if operation.kind == "skills":
        if operation.op != "set":
            raise _fail("unsupported_operation", "Use op 'set' with kind 'skills'.", "op")
        return msgspec.structs.replace(
            profile, skills=resolve_skills(profile, operation.data, new_id)
        )
    data = operation.data if isinstance(operation.data, dict) else {}
    category = data.get("category", "technical")
    if category not in CATEGORIES:
        raise _fail("invalid_category", "category is 'technical' or 'soft'.", "data.category")
    names: tuple[str, ...] = getattr(profile.skills, category)
    if operation.op == "add":
        name = data.get("name")
        if not isinstance(name, str) or not name.strip() or len(name) > 100:
            raise _fail(
                "invalid_name", "A skill name of 1-100 characters is required.", "data.name"
            )
        updated = add_skills(names, [name])
        if operation.position is not None and updated != names:
            updated = _moved(updated, len(updated) - 1, operation.position)
        return _with(profile, category, updated)
    index = _find(names, operation.id)
    if operation.op == "remove":
        return _with(profile, category, names[:index] + names[index + 1 :])
    if operation.op == "move":
        if operation.position is None:
            raise _fail("position_required", "A move needs a position.", "position")
        return _with(profile, category, _moved(names, index, operation.position))
    if operation.op == "update":
        name = data.get("name")
        if not isinstance(name, str) or not name.strip() or len(name) > 100:
            raise _fail(
                "invalid_name", "A skill name of 1-100 characters is required.", "data.name"
            )
        clash = [i for i, other in enumerate(names) if fold(other) == fold(name) and i != index]
        if clash:
            raise _fail("duplicate", "This skill is already listed.", "data.name")
        renamed = list(names)
        renamed[index] = name.strip()
        return _with(profile, category, tuple(renamed))
    raise _fail("unsupported_operation", f"'{operation.op}' does not apply to skill.", "op")


def _find(names: tuple[str, ...], name: str | None) -> int:
    folded = fold(name or "")
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
