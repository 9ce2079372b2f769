"""Whole-part edits of a profile (create, PUT): lists are replaced, known ids are kept."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

import msgspec

from resumecore.errors import FieldError, InvalidValue
from resumecore.ids import ProfileId, UserId
from resumecore.model import rules
from resumecore.model.component_kinds import KINDS, LIST_FIELD
from resumecore.model.components import SERVER_WRITTEN, without_blanks
from resumecore.model.profile import Profile
from resumecore.model.profile_parts import PersonalInfo
from resumecore.model.skills import resolve_skills, skills_from_data

LIST_KINDS = {"experiences": "experience", "education": "education", "projects": "project"}
REVISABLE = frozenset(
    {"personal_info", "professional_summary", "skills", "custom_fields", *LIST_KINDS}
)


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
    empty = Profile(
        id=profile_id,
        user_id=user_id,
        version=0,
        is_primary=is_primary,
        personal_info=PersonalInfo(full_name=""),
        created_at=at,
        updated_at=at,
    )
    return revise(empty, content, new_id=new_id, at=at, keep_enhanced=keep_enhanced)


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
        errors.append(FieldError("unknown_field", "This field cannot be changed.", field))
    # Sorted: ids are handed out in this order, so the same content gets the same ids.
    for field in sorted(changes.keys() & REVISABLE):
        try:
            updates[field] = _part(profile, field, changes[field], new_id, keep_enhanced)
        except InvalidValue as exc:
            errors += rules.prefixed(field, exc.errors) if field != "skills" else _skills_path(exc)
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


def _skills_path(exc: InvalidValue) -> list[FieldError]:
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
            raise InvalidValue(str(exc), errors=[FieldError("invalid_data", str(exc))]) from None
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
    return _replace_list(profile, LIST_KINDS[field], value, new_id, keep_enhanced)


def _replace_list(
    profile: Profile, kind: str, values: Any, new_id: Callable[[], str], keep_enhanced: bool
) -> tuple[Any, ...]:
    """The new list of ``kind``: known ids update, other items are added, the rest removed.

    Any item without a usable id (none, empty, unknown or repeated) gets a fresh one.
    """
    if not isinstance(values, list):
        raise InvalidValue(
            "Must be a list.", errors=[FieldError("invalid_data", "Must be a list.")]
        )
    errors: list[FieldError] = []
    items = []
    claimed: set[str] = set()
    for i, raw in enumerate(values):
        given = raw.get("id") if isinstance(raw, dict) else None
        existing = profile.find(kind, given) if isinstance(given, str) and given else None
        if existing is not None and existing.id in claimed:
            existing = None
        data = {k: v for k, v in raw.items() if k != "id"} if isinstance(raw, dict) else raw
        item_id = existing.id if existing is not None else new_id()
        try:
            item = build_component(kind, data, item_id=item_id, keep_enhanced=keep_enhanced)
        except InvalidValue as exc:
            errors += [
                FieldError(e.code, e.message, f"[{i}]" + _sub(e.field), e.index) for e in exc.errors
            ]
            continue
        if existing is not None and not keep_enhanced and hasattr(item, "enhanced_description"):
            item = msgspec.structs.replace(item, enhanced_description=existing.enhanced_description)  # type: ignore[union-attr]
        claimed.add(item_id)
        items.append(item)
    if errors:
        raise InvalidValue("Invalid items.", errors=errors)
    return tuple(items)


def build_component(kind: str, data: Any, *, item_id: str, keep_enhanced: bool = False) -> Any:
    """``data`` read as a validated component of ``kind`` with ``item_id``.

    ``enhanced_description`` is written only by profile enhancement: a value in ``data`` is
    ignored unless ``keep_enhanced`` (restoring an export). An empty string in an optional
    text field means the field is absent.
    """
    if not isinstance(data, dict):
        raise InvalidValue.for_field("data", "invalid_data", "data must be an object.")
    given = {
        key: value
        for key, value in without_blanks(kind, data).items()
        if keep_enhanced or key not in SERVER_WRITTEN
    }
    try:
        component = msgspec.convert({**given, "id": item_id}, KINDS[kind].type)
    except msgspec.ValidationError as exc:
        raise InvalidValue.for_field("data", "invalid_data", str(exc)) from None
    problems = component.problems()
    if problems:
        raise InvalidValue(
            "The item breaks the profile's rules.", errors=rules.prefixed("data", problems)
        )
    return component


def _sub(field: str | None) -> str:
    if not field or field == "data":
        return ""
    return "." + field.removeprefix("data.")


__all__ = ["LIST_FIELD", "REVISABLE", "new_profile", "revise"]
