"""Schemas of the bodies the handlers keep as plain JSON, and of the non-JSON responses.

JSON Resume documents (résumé and job schema) are read and written as plain JSON because the
importers check their shape themselves (a 422 that names the field); custom fields are a map
of the user's own keys. The document still names their shapes, so a generated client gets a
model with the known sections (and keeps unknown keys as additional properties).
"""

from __future__ import annotations

from litestar.openapi.spec import OpenAPIMediaType, Operation, Reference, Schema
from litestar.openapi.spec.enums import OpenAPIType

from resumecore.model.profile_parts import CUSTOM_KEY, MAX_CUSTOM_FIELDS

_OBJECT = Schema(type=OpenAPIType.OBJECT, additional_properties=True)
_OBJECTS = Schema(type=OpenAPIType.ARRAY, items=_OBJECT)
_TEXT = Schema(type=OpenAPIType.STRING)
_TEXTS = Schema(type=OpenAPIType.ARRAY, items=_TEXT)
RESUME_SECTIONS = [
    "work",
    "volunteer",
    "education",
    "awards",
    "certificates",
    "publications",
    "skills",
    "languages",
    "interests",
    "references",
    "projects",
]
JOB_TEXT_FIELDS = [
    "title",
    "company",
    "type",
    "date",
    "description",
    "remote",
    "salary",
    "experience",
]

DOCUMENTS: dict[str, Schema] = {
    "JsonResume": Schema(
        type=OpenAPIType.OBJECT,
        description="A JSON Resume 1.x document (https://jsonresume.org/schema); our own "
        "fields travel in `meta`.",
        properties={
            "$schema": _TEXT,
            "basics": _OBJECT,
            **dict.fromkeys(RESUME_SECTIONS, _OBJECTS),
            "meta": _OBJECT,
        },
        additional_properties=True,
    ),
    "JobSchemaDocument": Schema(
        type=OpenAPIType.OBJECT,
        description="A job in the JSON Resume job-schema (https://jsonresume.org/job-description-schema).",
        properties={
            **dict.fromkeys(JOB_TEXT_FIELDS, _TEXT),
            "location": _OBJECT,
            "responsibilities": _TEXTS,
            "qualifications": _TEXTS,
            "skills": _OBJECTS,
            "meta": _OBJECT,
        },
        additional_properties=True,
    ),
    "CustomFields": Schema(
        type=OpenAPIType.OBJECT,
        description=f"The user's own fields: at most {MAX_CUSTOM_FIELDS} keys, any JSON value "
        "each, 64 KiB in all.",
        property_names=Schema(type=OpenAPIType.STRING, pattern=CUSTOM_KEY.pattern),
        additional_properties=Schema(description="Any JSON value."),
    ),
}
# Properties of the Structs' own components that are such documents (typed as plain maps).
DOCUMENT_PROPERTIES = {
    ("ProfileCreate", "custom_fields"): "CustomFields",
    ("ProfileUpdate", "custom_fields"): "CustomFields",
    ("ProfileView", "custom_fields"): "CustomFields",
}
# Where each operation's body (``request``) or 2xx response (``response``) is such a document.
DOCUMENT_OF = {
    ("import_json_resume", "request"): "JsonResume",
    ("export_json_resume", "response"): "JsonResume",
    ("import_job_schema", "request"): "JobSchemaDocument",
    ("export_job_schema", "response"): "JobSchemaDocument",
    ("get_custom_fields", "response"): "CustomFields",
    ("replace_custom_fields", "request"): "CustomFields",
    ("replace_custom_fields", "response"): "CustomFields",
}
EVENT_STREAM = OpenAPIMediaType(
    schema=Schema(
        type=OpenAPIType.STRING,
        description="Server-Sent Events: `stage` events (`{stage, status, error}`), then one "
        "`done` (`{status, error}`).",
    )
)


def add_documents(schemas: dict[str, Schema]) -> None:
    """Add the named documents to ``schemas`` and point the properties that hold one at it.

    One shared ``CustomFields`` model instead of an inline class per Struct that carries it.
    """
    schemas.update(DOCUMENTS)
    for (component, field), document in DOCUMENT_PROPERTIES.items():
        schema = schemas.get(component)
        if schema is not None and schema.properties and field in schema.properties:
            schema.properties[field] = Reference(f"#/components/schemas/{document}")


def name_documents(operation: Operation) -> None:
    """Point the plain-JSON body and responses of ``operation`` at their documented shapes."""
    name = operation.operation_id or ""
    if operation.operation_id == "generation_events":
        for response in (operation.responses or {}).values():
            if not isinstance(response, Reference) and response.content:
                response.content = {"text/event-stream": EVENT_STREAM}
    document = DOCUMENT_OF.get((name, "request"))
    body = operation.request_body
    if document and body is not None and not isinstance(body, Reference):
        for media in body.content.values():
            media.schema = Reference(f"#/components/schemas/{document}")
    document = DOCUMENT_OF.get((name, "response"))
    for status, response in (operation.responses or {}).items():
        if document and status.startswith("2") and not isinstance(response, Reference):
            for media in (response.content or {}).values():
                media.schema = Reference(f"#/components/schemas/{document}")
