"""The items of one list part (experiences, education, projects) replaced whole, each checked.

Shared by the whole-part edits (``profile_revision``: create and PUT from plain data) and by
creation from a typed draft (``profile_draft``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import msgspec

from resumecore.errors import FieldError, InvalidValue
from resumecore.model import rules
from resumecore.model.component_kinds import KINDS
from resumecore.model.components import SERVER_WRITTEN, clean_item, without_blanks
from resumecore.model.profile import Profile

# The list parts of a profile and the kind of their items.
LIST_KINDS = {"experiences": "experience", "education": "education", "projects": "project"}


def replaced_list(
    profile: Profile,
    kind: str,
    values: Any,
    new_id: Callable[[], str],
    *,
    keep_enhanced: bool = False,
) -> tuple[Any, ...]:
    """The new list of ``kind``: known ids update, other items are added, the rest removed.

    ``values``: a list of objects, or of the kind's components (always added: the id they
    carry is ignored). Any item without a usable id (none, empty, unknown or repeated)
    gets a fresh one.

    Raises:
        InvalidValue: every broken rule, under ``[index]``.
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
    """``data`` (an object, or a component of ``kind``) as a validated component with ``item_id``.

    ``enhanced_description`` is written only by profile enhancement: a value in ``data`` is
    ignored unless ``keep_enhanced`` (restoring an export; objects only). An empty string in an
    optional text field means the field is absent.
    """
    if isinstance(data, KINDS[kind].type):
        component = clean_item(kind, data, item_id)
    elif not isinstance(data, dict):
        raise InvalidValue.for_field("data", "invalid_data", "data must be an object.")
    else:
        given = {
            key: value
            for key, value in without_blanks(kind, data).items()
            if keep_enhanced or key not in SERVER_WRITTEN
        }
        try:
            component = msgspec.convert({**given, "id": item_id}, KINDS[kind].type)
        except msgspec.ValidationError as exc:
            problem = rules.decoding_problem(exc, "data")
            raise InvalidValue(problem.message, errors=[problem]) from None
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
