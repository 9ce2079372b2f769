"""Finishing the generated OpenAPI document so it tells the truth about the API.

Litestar documents its own error shape and omits ``additionalProperties: false`` for Structs
that forbid unknown fields (gotcha G1). Here every operation gets the RFC 9457 problem
responses it can really produce (``openapi_statuses``) with the headers they carry, a unique
summary, named shapes for its plain-JSON documents (``openapi_documents``); enums become
components (``openapi_enums``) and closed objects are marked closed.
`tests/integration/test_openapi_typed.py` keeps every operation that way.
"""

from __future__ import annotations

import re

import msgspec
from litestar import Litestar
from litestar.handlers import HTTPRouteHandler
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
from litestar.routes import HTTPRoute
from litestar.types import Empty

from resumecore_server.entrypoints.http.openapi_documents import add_documents, name_documents
from resumecore_server.entrypoints.http.openapi_enums import EnumHoister
from resumecore_server.entrypoints.http.openapi_headers import declare_response_headers
from resumecore_server.entrypoints.http.openapi_statuses import error_statuses
from resumecore_server.entrypoints.http.problems import PROBLEM_JSON

_PATH_TYPE = re.compile(r"\{(\w+):[^}]+\}")

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
OPTIONAL_BODIES = {"logout"}
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
    """Per-route problem responses and headers, named documents and enums, closed objects."""
    document = app.openapi_schema
    components = document.components or Components()
    document.components = components
    components.schemas = dict(components.schemas or {})
    components.schemas["ProblemDetails"] = PROBLEM_SCHEMA
    add_documents(components.schemas)
    for key, schema in components.schemas.items():
        _json_defaults(schema)
        # Two Structs of one name get prefixed keys but keep the same title; generators name
        # models by title, so the key is the title.
        if schema.title:
            schema.title = key
        if (
            schema.type == OpenAPIType.OBJECT
            and schema.properties
            and schema.additional_properties is None
        ):
            schema.additional_properties = False
    handlers = _handlers(app)
    for path, method, operation in _operations(app):
        handler = handlers.get((path, method))
        name = operation.operation_id or ""
        if handler is not None and handler.summary is None:
            operation.summary = name.replace("_", " ").capitalize()
        name_documents(operation)
        if name in OPTIONAL_BODIES and isinstance(operation.request_body, RequestBody):
            operation.request_body.required = False
        quota = bool(handler is not None and handler.opt.get("ip_quota"))
        errors = error_statuses(method, operation, quota) | ERRORS_BY_OPERATION.get(name, {})
        responses = dict(operation.responses or {})
        for status, description in errors.items():
            if str(status) in responses and status >= 500:
                continue  # the route documents a body of its own (readiness)
            responses[str(status)] = OpenAPIResponse(
                description=description,
                content={
                    PROBLEM_JSON: OpenAPIMediaType(
                        schema=Reference("#/components/schemas/ProblemDetails")
                    )
                },
            )
        operation.responses = dict(sorted(responses.items()))
        declare_response_headers(operation)
    EnumHoister(components).document(document)


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


def _operations(app: Litestar) -> list[tuple[str, str, Operation]]:
    found = []
    for path, path_item in (app.openapi_schema.paths or {}).items():
        for method in ("get", "put", "post", "delete", "patch"):
            operation = getattr(path_item, method, None)
            if isinstance(operation, Operation):
                found.append((path, method, operation))
    return found


def _handlers(app: Litestar) -> dict[tuple[str, str], HTTPRouteHandler]:
    """Each route handler by its document path (``{id}``, not ``{id:str}``) and method."""
    found = {}
    for route in app.routes:
        if isinstance(route, HTTPRoute):
            path = _PATH_TYPE.sub(r"{\1}", route.path)
            for handler in route.route_handlers:
                for method in handler.http_methods:
                    found[path, method.lower()] = handler
    return found
