"""What a client generator needs from the OpenAPI document, counted operation by operation.

``audit(document)`` returns, per finding, the operations (``"GET /path"``) where the document
falls short; an empty list everywhere means every operation is typed, described and declares
the statuses and headers it really uses.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

METHODS = ("get", "put", "post", "delete", "patch")
CONDITIONAL_HEADERS = ("If-Match", "If-None-Match", "Idempotency-Key")
# Operations that authenticate by what the body carries, not by a bearer token.
CREDENTIALS_IN_BODY = {"login", "refresh", "change_password", "reset_password"}


def operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """``(METHOD, path, operation)`` for every operation of the document."""
    return [
        (method.upper(), path, item[method])
        for path, item in document["paths"].items()
        for method in METHODS
        if method in item
    ]


def resolve(document: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` with a top-level ``$ref`` followed."""
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = document["components"]["schemas"][name]
    return schema


def untyped(document: dict[str, Any], schema: dict[str, Any] | None, depth: int = 0) -> bool:
    """True when a generator would get ``Any``: no schema, ``{}``, or an object of nothing."""
    if schema is None:
        return True
    schema = resolve(document, schema)
    if depth > 3:
        return False
    branches = schema.get("anyOf") or schema.get("oneOf")
    if branches:
        typed = [b for b in branches if b.get("type") != "null"]
        return any(untyped(document, b, depth + 1) for b in typed)
    kind = schema.get("type")
    if kind == "array":
        return untyped(document, schema.get("items"), depth + 1)
    if kind == "object" or "object" in (kind or ()):
        # A map is typed when its values are, or when its keys are constrained and described.
        extra = schema.get("additionalProperties")
        typed_values = isinstance(extra, dict) and not untyped(document, extra, depth + 1)
        described_map = "propertyNames" in schema and bool(schema.get("description"))
        return not (schema.get("properties") or typed_values or described_map)
    return kind is None and not schema.get("enum") and "const" not in schema


def audit(document: dict[str, Any]) -> dict[str, list[str]]:
    """Every shortfall, by kind; see the module docstring."""
    found: dict[str, list[str]] = {
        "success_without_schema": [],
        "untyped_request_body": [],
        "without_description": [],
        "duplicate_summary": [],
        "status_not_possible": [],
        "header_not_declared": [],
        "inline_enum": _inline_enums(document),
    }
    summaries = Counter(op.get("summary") for _, _, op in operations(document))
    for method, path, op in operations(document):
        name = f"{method} {path}"
        responses = op.get("responses", {})
        params = {p["name"] for p in op.get("parameters", []) if p["in"] == "header"}
        for status, response in responses.items():
            if status.startswith("2") and status != "204":
                content = response.get("content") or {None: {}}
                if any(untyped(document, m.get("schema")) for m in content.values()):
                    found["success_without_schema"].append(f"{name} {status}")
        body = op.get("requestBody")
        if body and any(untyped(document, m.get("schema")) for m in body["content"].values()):
            found["untyped_request_body"].append(name)
        if not op.get("description"):
            found["without_description"].append(name)
        if not op.get("summary") or summaries[op.get("summary")] > 1:
            found["duplicate_summary"].append(f"{name} {op.get('summary')!r}")
        found["status_not_possible"] += [f"{name}: {e}" for e in _impossible(op, params)]
        found["header_not_declared"] += [f"{name}: {e}" for e in _undeclared(responses, params)]
    return found


def _inline_enums(document: dict[str, Any]) -> list[str]:
    """Enums written inside a property or parameter: a generator makes a class for each use."""
    found: list[str] = []

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            values = [v for v in node.get("enum", []) if v is not None]
            # A nullable one-value enum makes a class per nullability too (Job.origin).
            if len(values) > 1 or (values and None in node.get("enum", [])):
                found.append(where)
            for key, child in node.items():
                walk(child, f"{where}.{key}")
        elif isinstance(node, list):
            for child in node:
                walk(child, where)

    for name, schema in document["components"]["schemas"].items():
        walk({k: v for k, v in schema.items() if k != "enum"}, name)
    walk(document["paths"], "paths")
    return found


def _impossible(op: dict[str, Any], params: set[str]) -> list[str]:
    """Statuses the operation lists but cannot answer (or must list and does not)."""
    statuses = set(op.get("responses", {}))
    wrong = []
    if ("304" in statuses) != ("If-None-Match" in params):
        wrong.append("304 exactly when If-None-Match is declared")
    if ("412" in statuses) != ("If-Match" in params):
        wrong.append("412 exactly when If-Match is declared")
    if (
        "401" in statuses
        and not op.get("security")
        and op["operationId"] not in CREDENTIALS_IN_BODY
    ):
        wrong.append("401 without a bearer token or credentials")
    if not op.get("requestBody"):
        wrong += [f"{s} without a request body" for s in ("413", "415") if s in statuses]
    has_path_parameter = any(p["in"] == "path" for p in op.get("parameters", []))
    if "404" in statuses and not (
        has_path_parameter or op.get("requestBody") or op.get("security")
    ):
        wrong.append("404 with nothing to look up")
    return wrong


def _undeclared(responses: dict[str, Any], params: set[str]) -> list[str]:
    """Response headers the server sends that the document does not declare."""
    missing = []
    wanted = {"429": "Retry-After", "202": "Location", "401": "WWW-Authenticate"}
    for status, header in wanted.items():
        if status in responses and header not in responses[status].get("headers", {}):
            missing.append(f"{header} on {status}")
    if params & {"If-Match", "If-None-Match"}:
        for status, response in responses.items():
            if status[0] in "23" and status != "204" and "ETag" not in response.get("headers", {}):
                missing.append(f"ETag on {status}")
    return missing


def counts(document: dict[str, Any]) -> dict[str, int]:
    """The size of each finding, plus the declared header parameters and response headers."""
    found = {kind: len(items) for kind, items in audit(document).items()}
    ops = operations(document)
    for header in CONDITIONAL_HEADERS:
        found[f"declared {header}"] = sum(
            any(p["name"] == header for p in op.get("parameters", [])) for _, _, op in ops
        )
    found["declared response headers"] = sum(
        len(response.get("headers", {}))
        for _, _, op in ops
        for response in op.get("responses", {}).values()
    )
    found["distinct status lists"] = len({tuple(sorted(op["responses"])) for _, _, op in ops})
    found["operations"] = len(ops)
    return found
