"""Reading the bulk route's operations (``{"op", "kind", "id", "data", "position"}``) as commands.

``data`` is read straight into the command's typed value (msgspec); what was wrong is raised
as ``InvalidValue`` with the wire's field names (``data.title``, ``id``, ``position``), and the
caller adds the operation's index.
"""

from __future__ import annotations

from typing import Any, TypeVar

import msgspec

from resumecore.commands.components import (
    COMPONENT_COMMANDS,
    AddComponent,
    ComponentCommand,
    MoveComponent,
    UpdateComponent,
)
from resumecore.commands.parts import (
    AddSkill,
    MoveSkill,
    PartCommand,
    RemoveCustomField,
    RemoveSkill,
    RenameSkill,
    SetCustomField,
    SetCustomFields,
    SetSkills,
)
from resumecore.errors import FieldError, InvalidValue
from resumecore.model import rules
from resumecore.model.component_kinds import KINDS
from resumecore.model.components import SERVER_WRITTEN, without_blanks
from resumecore.model.profile_parts import CUSTOM_KEY
from resumecore.model.skills import CATEGORIES, skills_from_data
from resumecore.operations import Operation

T = TypeVar("T")


def fail(code: str, message: str, field: str | None = None) -> InvalidValue:
    """One problem of one operation."""
    return InvalidValue(message, errors=[FieldError(code, message, field)], code=code)


def command_of(operation: Operation) -> ComponentCommand | PartCommand:
    """The command ``operation`` stands for.

    Raises:
        InvalidValue: an (op, kind) pair that means nothing, a missing id or position, or
            ``data`` of the wrong shape.
    """
    if operation.kind in KINDS:
        return _component_command(operation)
    if operation.kind in {"skill", "skills"}:
        return _skill_command(operation)
    return _custom_field_command(operation)


def component_data(kind: str, data: Any, target: type[T]) -> T:
    """``data`` (an object) read as ``target``, blanks in optional text read as absent."""
    if not isinstance(data, dict):
        raise fail("invalid_data", "data must be an object.", "data")
    given = {k: v for k, v in without_blanks(kind, data).items() if k not in SERVER_WRITTEN}
    given.pop("id", None)
    try:
        return msgspec.convert(given, target)
    except msgspec.ValidationError as exc:
        problem = rules.decoding_problem(exc, "data")
        raise fail(problem.code, problem.message, problem.field) from None


def _component_command(operation: Operation) -> ComponentCommand:
    command = COMPONENT_COMMANDS.get((operation.op, operation.kind))
    if command is None:
        message = f"'{operation.op}' does not apply to {operation.kind}."
        raise fail("unsupported_operation", message, "op")
    data = operation.data
    if issubclass(command, AddComponent):
        if isinstance(data, dict) and "id" in data:
            raise fail("id_not_allowed", "Ids are assigned by the server.", "data.id")
        item = component_data(operation.kind, data, KINDS[operation.kind].type)
        return command(item=item, position=operation.position)
    if not operation.id:
        raise fail("id_required", "This operation needs the id of an existing item.", "id")
    if issubclass(command, UpdateComponent):
        if isinstance(data, dict) and data.get("id", operation.id) != operation.id:
            raise fail("id_not_allowed", "Ids are assigned by the server.", "data.id")
        changes = component_data(operation.kind, data, command.changes_type())
        return command(id=operation.id, changes=changes)
    if issubclass(command, MoveComponent):
        if operation.position is None:
            raise fail("position_required", "A move needs a position.", "position")
        return command(id=operation.id, position=operation.position)
    return command(id=operation.id)


def _skill_command(operation: Operation) -> PartCommand:
    if operation.kind == "skills":
        if operation.op != "set":
            raise fail("unsupported_operation", "Use op 'set' with kind 'skills'.", "op")
        return SetSkills(skills=skills_from_data(operation.data))
    data = operation.data if isinstance(operation.data, dict) else {}
    category = data.get("category", "technical")
    if category not in CATEGORIES:
        raise fail("invalid_category", "category is 'technical' or 'soft'.", "data.category")
    skill = operation.id or ""
    if operation.op == "remove":
        return RemoveSkill(category=category, skill=skill)
    if operation.op == "move":
        if operation.position is None:
            raise fail("position_required", "A move needs a position.", "position")
        return MoveSkill(category=category, skill=skill, position=operation.position)
    if operation.op not in {"add", "update"}:
        raise fail("unsupported_operation", f"'{operation.op}' does not apply to skill.", "op")
    name = data.get("name")
    if not isinstance(name, str):
        raise fail("invalid_name", "A skill name of 1-100 characters is required.", "data.name")
    if operation.op == "add":
        return AddSkill(category=category, name=name, position=operation.position)
    return RenameSkill(category=category, skill=skill, name=name)


def _custom_field_command(operation: Operation) -> PartCommand:
    if operation.op == "set" and operation.kind == "custom_fields":
        if not isinstance(operation.data, dict):
            raise fail("invalid_data", "data must be an object.", "data")
        return SetCustomFields(fields=dict(operation.data))
    if operation.kind != "custom_field" or not operation.id:
        raise fail("invalid_operation", "A custom_field operation needs an id (the key).", "id")
    if operation.op in {"add", "update"}:
        if not CUSTOM_KEY.match(operation.id):
            field = f"custom_fields.{operation.id[:60]}"
            raise fail("invalid_key", "Keys are 1-50 letters, digits, spaces or _.-", field)
        return SetCustomField(
            key=operation.id, value=operation.data, must_exist=operation.op == "update"
        )
    if operation.op == "remove":
        return RemoveCustomField(key=operation.id)
    raise fail("unsupported_operation", "Custom fields cannot be moved.", "op")
