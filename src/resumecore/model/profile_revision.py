"""Whole-part edits of a profile (create, PUT): lists are replaced, known ids are kept."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

import msgspec

from resumecore.errors import FieldError, InvalidValue
from resumecore.ids import ProfileId, UserId
from resumecore.model import rules
from resumecore.model.component_kinds import LIST_FIELD
from resumecore.model.profile import Profile
from resumecore.model.profile_lists import LIST_KINDS, replaced_list
from resumecore.model.profile_parts import PersonalInfo
from resumecore.model.skills import resolve_skills, skills_from_data

REVISABLE = frozenset(
    {"personal_info", "professional_summary", "skills", "custom_fields", *LIST_KINDS}
)
# Said of a key that is no part: a misspelt one is fixed by reading the parts' names.
UNKNOWN_PART = f"This field cannot be set; a profile's parts are {', '.join(sorted(REVISABLE))}."


def new_profile(
    profile_id: ProfileId,
    user_id: UserId,
    content: Mapping[str, Any],
    *,
    is_primary: bool,
    new_id: Callable[[], str],
    at: datetime,
    keep_enhanced: bool = False,
) -> Profile:
    """A validated version-1 profile; every component gets a fresh id.

    Enhanced texts in ``content`` are ignored unless ``keep_enhanced`` (restoring an export).

    Raises:
        InvalidValue: listing every broken rule with its field path.
    """
    empty = blank_profile(profile_id, user_id, is_primary=is_primary, at=at)
    return revise(empty, content, new_id=new_id, at=at, keep_enhanced=keep_enhanced)


def blank_profile(
    profile_id: ProfileId, user_id: UserId, *, is_primary: bool, at: datetime
) -> Profile:
    """The version-0 profile a new profile is revised from (it breaks the name rule)."""
    return Profile(
        id=profile_id,
        user_id=user_id,
        version=0,
        is_primary=is_primary,
        personal_info=PersonalInfo(full_name=""),
        created_at=at,
        updated_at=at,
    )


def revise(
    profile: Profile,
    changes: Mapping[str, Any],
    *,
    new_id: Callable[[], str],
    at: datetime,
    keep_enhanced: bool = False,
) -> Profile:
    """Replace the given top-level parts and bump the version once.

    A list replaces the list: items carrying the id of an existing item of that kind update
    it (keeping its enhanced text), any other item is added with a new id, and items left out
    are removed.

    Raises:
        InvalidValue: listing every broken rule with its field path.
    """
    errors: list[FieldError] = []
    updates: dict[str, Any] = {}
    for field in sorted(changes.keys() - REVISABLE):
        errors.append(FieldError("unknown_field", UNKNOWN_PART, field))
    # Sorted: ids are handed out in this order, so the same content gets the same ids.
    for field in sorted(changes.keys() & REVISABLE):
        try:
            updates[field] = _part(profile, field, changes[field], new_id, keep_enhanced)
        except InvalidValue as exc:
            errors += part_errors(field, exc)
    return finished(profile, updates, errors, at)


def finished(
    profile: Profile, updates: Mapping[str, Any], errors: list[FieldError], at: datetime
) -> Profile:
    """``profile`` with the checked ``updates``, one version on, once the whole is checked.

    Raises:
        InvalidValue: ``errors`` (the parts' own), or else every rule the whole profile breaks.
    """
    revised = profile if errors else msgspec.structs.replace(profile, **updates)
    errors += [] if errors else revised.problems(checked=_checked_parts(profile, updates))
    if errors:
        raise InvalidValue("The profile breaks its rules; nothing was changed.", errors=errors)
    return msgspec.structs.replace(revised, version=profile.version + 1, updated_at=at)


def _checked_parts(profile: Profile, updates: Mapping[str, Any]) -> set[str]:
    """The parts of ``updates`` whose values ``_part`` checked exactly as they are.

    Skills are checked whole by ``resolve_skills``. A list is checked item by item, but an item
    updating an existing one gets that item's enhanced text back unchecked, so only a list
    replacing an empty one (every item new, as on creation) counts.
    """
    lists = {field for field, kind in LIST_KINDS.items() if not profile.items(kind)}
    return {field for field in updates if field == "skills" or field in lists}


def part_errors(field: str, exc: InvalidValue) -> list[FieldError]:
    """The problems of the top-level part ``field`` with their paths in the profile."""
    if field != "skills":
        return rules.prefixed(field, exc.errors)
    # resolve_skills reports under "data"; here the field is "skills".
    return [
        FieldError(e.code, e.message, "skills" + (e.field or "")[len("data") :], e.index)
        for e in exc.errors
    ]


def _part(
    profile: Profile, field: str, value: Any, new_id: Callable[[], str], keep_enhanced: bool
) -> Any:
    if field == "personal_info":
        try:
            return msgspec.convert(value, PersonalInfo)
        except msgspec.ValidationError as exc:
            problem = rules.decoding_problem(exc, "")
            raise InvalidValue(problem.message, errors=[problem]) from None
    if field == "skills":
        return resolve_skills(profile, skills_from_data(value), new_id)
    if field == "custom_fields":
        if not isinstance(value, dict):
            raise InvalidValue(
                "Must be an object.", errors=[FieldError("invalid_data", "Must be an object.")]
            )
        return dict(value)
    if field == "professional_summary":
        if value is not None and not isinstance(value, str):
            raise InvalidValue(
                "Must be text.", errors=[FieldError("invalid_data", "Must be text.")]
            )
        return value
    return replaced_list(profile, LIST_KINDS[field], value, new_id, keep_enhanced=keep_enhanced)


__all__ = ["LIST_FIELD", "REVISABLE", "new_profile", "revise"]
