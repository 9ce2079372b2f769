"""Applying operations to a profile: pure and all-or-nothing."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

import msgspec

from resumecore.errors import BulkOperationRejected, FieldError, InvalidValue
from resumecore.model import rules
from resumecore.model.components import COMPONENT_TYPES, without_blanks
from resumecore.model.profile import Profile
from resumecore.model.profile_parts import CUSTOM_KEY, custom_field_problems
from resumecore.model.skill_editing import apply_skill_operation
from resumecore.operations import MAX_OPERATIONS, Operation

NewId = Callable[[], str]


def fail(code: str, message: str, field: str | None = None) -> InvalidValue:
    """One-problem error for an operation (its index is added by ``apply_all``)."""
    return InvalidValue(message, errors=[FieldError(code, message, field)], code=code)


def apply_all(
    profile: Profile, operations: Sequence[Operation], *, new_id: NewId, at: datetime
) -> Profile:
    """Apply ``operations`` in order and bump the version once.

    Every operation is tried (a failed one is skipped) so the error lists **every** failing
    index; any failure rejects the whole batch and the input profile is returned unchanged.

    Raises:
        BulkOperationRejected: naming each failing operation by ``index``.
    """
    if len(operations) > MAX_OPERATIONS:
        raise BulkOperationRejected(
            f"At most {MAX_OPERATIONS} operations per request.",
            errors=[
                FieldError("too_many", f"Use at most {MAX_OPERATIONS} operations.", "operations")
            ],
        )
    errors: list[FieldError] = []
    current = profile
    for index, operation in enumerate(operations):
        try:
            current = apply_one(current, operation, new_id)
        except InvalidValue as exc:
            errors += rules.prefixed("", exc.errors, index=index) or [
                FieldError(exc.code, exc.message, None, index)
            ]
    if not errors:
        errors = current.problems()
    if errors:
        failing = sorted({e.index for e in errors if e.index is not None})
        detail = (
            f"Operations {failing} were rejected; nothing was changed."
            if failing
            else ("The changes break the profile's rules; nothing was changed.")
        )
        raise BulkOperationRejected(detail, errors=errors)
    if not operations:
        return profile
    return msgspec.structs.replace(current, version=profile.version + 1, updated_at=at)


def apply_one(profile: Profile, operation: Operation, new_id: NewId) -> Profile:
    """One operation; raises ``InvalidValue`` for this operation only."""
    if operation.kind in COMPONENT_TYPES:
        return _apply_component(profile, operation, new_id)
    if operation.kind in {"skill", "skills"}:
        return apply_skill_operation(profile, operation, new_id)
    return _apply_custom_field(profile, operation)


def build_component(
    kind: str, data: Any, *, item_id: str, base: Any = None, keep_enhanced: bool = False
) -> Any:
    """Decode ``data`` (merged over ``base`` for updates) into a validated component.

    ``enhanced_description`` is written only by profile enhancement: a value in ``data`` is
    ignored (``base``'s is kept) unless ``keep_enhanced`` (restoring an export). An empty string
    in an optional text field means the field is absent.
    """
    if not isinstance(data, dict):
        raise fail("invalid_data", "data must be an object.", "data")
    if "id" in data and data["id"] != item_id:
        raise fail("id_not_allowed", "Ids are assigned by the server.", "data.id")
    given = {
        key: value
        for key, value in without_blanks(kind, data).items()
        if keep_enhanced or key not in SERVER_WRITTEN
    }
    merged = {**(msgspec.to_builtins(base) if base is not None else {}), **given, "id": item_id}
    try:
        component = msgspec.convert(merged, COMPONENT_TYPES[kind])
    except msgspec.ValidationError as exc:
        raise fail("invalid_data", str(exc), "data") from None
    problems = component.problems()
    if problems:
        raise InvalidValue(
            "The item breaks the profile's rules.", errors=rules.prefixed("data", problems)
        )
    return component


SERVER_WRITTEN = frozenset({"enhanced_description"})


def _apply_component(profile: Profile, operation: Operation, new_id: NewId) -> Profile:
    kind = operation.kind
    items = list(profile.items(kind))
    if operation.op == "add":
        component = build_component(kind, operation.data, item_id=new_id())
        position = len(items) if operation.position is None else operation.position
        _check_position(position, len(items) + 1)
        items.insert(position, component)
        return profile.with_items(kind, tuple(items))
    index = _index_of(items, operation.id)
    if operation.op == "update":
        items[index] = build_component(
            kind, operation.data, item_id=items[index].id, base=items[index]
        )
    elif operation.op == "remove":
        del items[index]
    elif operation.op == "move":
        if operation.position is None:
            raise fail("position_required", "A move needs a position.", "position")
        _check_position(operation.position, len(items))
        items.insert(operation.position, items.pop(index))
    else:
        raise fail("unsupported_operation", f"'{operation.op}' does not apply to {kind}.", "op")
    return profile.with_items(kind, tuple(items))


def _apply_custom_field(profile: Profile, operation: Operation) -> Profile:
    fields = dict(profile.custom_fields)
    if operation.op == "set" and operation.kind == "custom_fields":
        if not isinstance(operation.data, dict):
            raise fail("invalid_data", "data must be an object.", "data")
        fields = dict(operation.data)
        problems = custom_field_problems(fields)
        if problems:
            raise InvalidValue("Invalid custom fields.", errors=rules.prefixed("data", problems))
    elif operation.kind != "custom_field" or not operation.id:
        raise fail("invalid_operation", "A custom_field operation needs an id (the key).", "id")
    elif operation.op in {"add", "update"}:
        if not CUSTOM_KEY.match(operation.id):
            field = f"custom_fields.{operation.id[:60]}"
            raise fail("invalid_key", "Keys are 1-50 letters, digits, spaces or _.-", field)
        if operation.op == "update" and operation.id not in fields:
            raise fail("not_found", f"No custom field '{operation.id[:50]}'.", "id")
        fields[operation.id] = operation.data
    elif operation.op == "remove":
        if fields.pop(operation.id, _MISSING) is _MISSING:
            raise fail("not_found", f"No custom field '{operation.id[:50]}'.", "id")
    else:
        raise fail("unsupported_operation", "Custom fields cannot be moved.", "op")
    return msgspec.structs.replace(profile, custom_fields=fields)


_MISSING = object()


def _index_of(items: list[Any], item_id: str | None) -> int:
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
