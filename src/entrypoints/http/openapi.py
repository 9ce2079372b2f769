"""Finishing the generated OpenAPI document so it tells the truth about the API.

Litestar documents its own error shape and omits ``additionalProperties: false`` for Structs
that forbid unknown fields (gotcha G1). Here every operation gets the RFC 9457 problem
responses it can really produce, and closed objects are marked closed.
"""

from __future__ import annotations

import msgspec
from litestar import Litestar
from litestar.openapi.spec import (
    Components,
    OpenAPIMediaType,
    OpenAPIResponse,
    Operation,
    Reference,
    RequestBody,
    Schema,
)
from litestar.openapi.spec.enums import OpenAPIType
from litestar.types import Empty

from resumecore_server.entrypoints.http.problems import PROBLEM_JSON

PROBLEM_SCHEMA = Schema(
    type=OpenAPIType.OBJECT,
    required=["type", "title", "status", "detail"],
    properties={
        "type": Schema(type=OpenAPIType.STRING),
        "title": Schema(type=OpenAPIType.STRING),
        "status": Schema(type=OpenAPIType.INTEGER),
        "detail": Schema(type=OpenAPIType.STRING),
        "errors": Schema(
            type=OpenAPIType.ARRAY,
            items=Schema(
                type=OpenAPIType.OBJECT,
                required=["code", "message"],
                properties={
                    "field": Schema(type=OpenAPIType.STRING),
                    "index": Schema(type=OpenAPIType.INTEGER),
                    "code": Schema(type=OpenAPIType.STRING),
                    "message": Schema(type=OpenAPIType.STRING),
                },
            ),
        ),
    },
)
ERRORS_EVERYWHERE = {
    400: "Malformed request",
    401: "Missing or invalid credentials or token",
    404: "Not found",
    429: "Too many requests",
    503: "Unavailable",
}
OPTIONAL_BODIES = {"logout"}
ERRORS_WITH_BODY = {409: "Conflict", 413: "Body too large", 422: "Rule violated"}
ERRORS_ON_WRITES = {412: "Stale If-Match version", 507: "No space left to store the change"}
# Operations with errors of their own (or of their own meaning): a signed link that is forged,
# altered or expired; an enhancement of a foreign or unknown profile, over the scoring budget,
# beyond the costly-request limit, or losing every race to other writes.
ERRORS_BY_OPERATION = {
    "export_content": {403: "Forged, altered or expired download link"},
    "enhance_profile": {
        404: "No such profile of the caller (another user's is not found either)",
        409: "The profile kept changing under concurrent writes; try again",
        422: "Profile too large to enhance in one request (profile_too_large)",
        429: "Too many requests, or every costly-request slot of the caller is in use",
    },
    "upload_sample": {
        409: "The caller keeps 20 samples already (sample_limit_reached), or a concurrent upload",
        413: "The file is over 1 MiB (content_too_large), or the whole body is too large",
        415: "The body is not multipart/form-data",
        422: "Not a .txt file, not UTF-8 text, blank, or an unknown document_type",
    },
    "get_sample": {404: "No such sample of the caller (another user's is not found either)"},
    "delete_sample": {404: "No such sample of the caller (another user's is not found either)"},
}


def finish_openapi(app: Litestar) -> None:
    """Document problem responses on every operation and close forbid-unknown-fields objects."""
    document = app.openapi_schema
    components = document.components or Components()
    document.components = components
    components.schemas = dict(components.schemas or {})
    components.schemas["ProblemDetails"] = PROBLEM_SCHEMA
    for schema in components.schemas.values():
        _json_defaults(schema)
        if (
            schema.type == OpenAPIType.OBJECT
            and schema.properties
            and schema.additional_properties is None
        ):
            schema.additional_properties = False
    for method, operation in _operations(app):
        errors = dict(ERRORS_EVERYWHERE)
        if operation.operation_id in OPTIONAL_BODIES and isinstance(
            operation.request_body, RequestBody
        ):
            operation.request_body.required = False
        if method in {"post", "put", "patch", "delete"}:
            errors |= ERRORS_WITH_BODY | ERRORS_ON_WRITES
        if method == "get":
            errors[422] = "Rule violated"
        errors |= ERRORS_BY_OPERATION.get(operation.operation_id or "", {})
        responses = dict(operation.responses or {})
        for status, description in errors.items():
            responses[str(status)] = OpenAPIResponse(
                description=description,
                content={
                    PROBLEM_JSON: OpenAPIMediaType(
                        schema=Reference("#/components/schemas/ProblemDetails")
                    )
                },
            )
        if method == "get":
            responses.setdefault("304", OpenAPIResponse(description="Not modified (If-None-Match)"))
        operation.responses = responses


def _json_defaults(schema: Schema | Reference) -> None:
    """Defaults of Struct fields arrive as tuples and Structs; JSON Schema needs JSON values."""
    if not isinstance(schema, Schema):
        return
    if schema.default is not Empty and schema.default is not None:
        schema.default = msgspec.to_builtins(schema.default)
    for child in (schema.properties or {}).values():
        _json_defaults(child)
    for child in (*(schema.one_of or ()), *(schema.any_of or ()), *(schema.all_of or ())):
        _json_defaults(child)
    if isinstance(schema.items, Schema):
        _json_defaults(schema.items)


def _operations(app: Litestar) -> list[tuple[str, Operation]]:
    found = []
    for path_item in (app.openapi_schema.paths or {}).values():
        for method in ("get", "put", "post", "delete", "patch"):
            operation = getattr(path_item, method, None)
            if isinstance(operation, Operation):
                found.append((method, operation))
    return found
