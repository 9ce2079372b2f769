"""Inline enums hoisted into named components, so a generator makes one class per enum.

Litestar writes a ``Literal`` inline wherever it is used (and a nullable one as
``type: [null, string]`` with ``null`` among the values), so a client generator made one class
per field and per nullability. Here each set of values becomes one component, named after the
domain's alias when it has one (else after its first field), and a nullable use becomes
``anyOf: [{$ref}, {type: null}]``.
"""

from __future__ import annotations

from typing import Any, get_args

from litestar.openapi.spec import Components, OpenAPI, Operation, Parameter, Reference, Schema
from litestar.openapi.spec.enums import OpenAPIType
from litestar.types import Empty

from resumecore.exports.templates import AccentColor, ExportFormat, FontFamily, Paper
from resumecore.model.application_status import ApplicationStatus
from resumecore.model.components import ComponentKind, Proficiency
from resumecore.model.document import DocumentType, SectionKind, Tone
from resumecore.model.generation import GenerationStatus, StageName, StageStatus
from resumecore.model.job import EmploymentType, JobSource, JobStatus, WorkMode

NAMED: dict[str, Any] = {
    "AccentColor": AccentColor,
    "ApplicationStatus": ApplicationStatus,
    "ComponentKind": ComponentKind,
    "DocumentType": DocumentType,
    "EmploymentType": EmploymentType,
    "ExportFormat": ExportFormat,
    "FontFamily": FontFamily,
    "GenerationStatus": GenerationStatus,
    "JobSource": JobSource,
    "JobStatus": JobStatus,
    "Paper": Paper,
    "Proficiency": Proficiency,
    "SectionKind": SectionKind,
    "StageName": StageName,
    "StageStatus": StageStatus,
    "Tone": Tone,
    "WorkMode": WorkMode,
}
_NAME_OF_VALUES = {frozenset(get_args(alias)): name for name, alias in NAMED.items()}


class EnumHoister:
    """Replaces inline string enums (of two values or more, or nullable) by components."""

    def __init__(self, components: Components) -> None:
        self._schemas: dict[str, Schema | Reference] = components.schemas  # type: ignore[assignment]
        self._names: dict[frozenset[Any], str] = {}

    def document(self, document: OpenAPI) -> None:
        """Every schema of the components and every parameter of every operation."""
        for name in sorted(self._schemas):
            self.walk(self._schemas[name], name)
        for path_item in (document.paths or {}).values():
            for method in ("get", "put", "post", "delete", "patch"):
                operation = getattr(path_item, method, None)
                if isinstance(operation, Operation):
                    self._parameters(operation)

    def _parameters(self, operation: Operation) -> None:
        for parameter in operation.parameters or []:
            if isinstance(parameter, Parameter) and isinstance(parameter.schema, Schema):
                replaced = self.hoisted(parameter.schema, f"{parameter.name}")
                parameter.schema = replaced or parameter.schema
                self.walk(parameter.schema, parameter.name)

    def walk(self, schema: Schema | Reference, where: str) -> None:
        """Hoist the enums below ``schema`` (its properties, items and branches)."""
        if not isinstance(schema, Schema):
            return
        for key, child in list((schema.properties or {}).items()):
            replaced = self.hoisted(child, where + _pascal(key))
            if replaced is not None and schema.properties is not None:
                schema.properties[key] = replaced
            self.walk(schema.properties[key] if schema.properties else child, where + _pascal(key))
        if isinstance(schema.items, Schema):
            schema.items = self.hoisted(schema.items, where + "Item") or schema.items
        if schema.one_of:
            schema.one_of = [self.hoisted(b, where) or b for b in schema.one_of]
        if schema.any_of:
            schema.any_of = [self.hoisted(b, where) or b for b in schema.any_of]

    def hoisted(self, schema: Schema | Reference, where: str) -> Schema | Reference | None:
        """A reference (nullable when the enum allowed null) in place of an inline enum."""
        if not isinstance(schema, Schema) or not schema.enum:
            return None
        values = [v for v in schema.enum if v is not None]
        nullable = None in schema.enum or _allows_null(schema)
        # A one-value enum is a constant (a tag), fine inline, unless it may also be null.
        if len(values) < (1 if nullable else 2) or not all(isinstance(v, str) for v in values):
            return None
        reference = Reference(f"#/components/schemas/{self._component(values, where)}")
        # Only a value of the enum (or null) is a default worth keeping; UNSET is not.
        kept = schema.default in values or (nullable and schema.default is None)
        default = schema.default if kept else Empty
        if not nullable and default is Empty and not schema.description:
            return reference
        branches: list[Schema | Reference] = [reference]
        if nullable:
            branches.append(Schema(type=OpenAPIType.NULL))
        return Schema(any_of=branches, default=default, description=schema.description)

    def _component(self, values: list[str], where: str) -> str:
        key = frozenset(values)
        if key not in self._names:
            name = _NAME_OF_VALUES.get(key, where)
            self._names[key] = name
            self._schemas[name] = Schema(type=OpenAPIType.STRING, enum=values)
        return self._names[key]


def _allows_null(schema: Schema) -> bool:
    kinds = schema.type if isinstance(schema.type, list) else [schema.type]
    return OpenAPIType.NULL in kinds


def _pascal(name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in name.replace("-", "_").split("_"))
