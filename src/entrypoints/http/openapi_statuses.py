"""Which problem statuses an operation can answer, from what the route itself declares.

Nothing is listed everywhere: a status is documented when the route has what causes it (a
bearer token for 401, a path parameter or a looked-up id for 404, a body for 413/415/422,
``If-Match`` for 412, ``If-None-Match`` for 304, an IP quota or a throttled use case for 429,
storage behind it for 503, a write for 409/507). 400 is everywhere: a malformed request line
(a NUL in the path or query) is refused on every route.
"""

from __future__ import annotations

from litestar.openapi.spec import Operation, Parameter

# Routes that look up an id given in the body (or the caller's primary profile): 404.
LOOKS_UP = frozenset(
    {
        "get_primary_profile",
        "enhance_profile",
        "create_ranking",
        "generate_resume",
        "generate_cover_letter",
        "export_pdf",
        "export_docx",
        "export_markdown",
        "export_json_resume_of_generation",
        "export_batch",
    }
)
# Throttled inside the use case (login lockouts, reset mails per address, generation quotas).
THROTTLED = frozenset(
    {"login", "change_password", "forgot_password", "generate_resume", "generate_cover_letter"}
)
# Credentials in the body: 401 without a bearer token.
CREDENTIALS_IN_BODY = frozenset({"login", "refresh", "change_password", "reset_password"})
# Writes that cannot conflict (sessions and passwords are not versioned aggregates).
NO_CONFLICT = frozenset(
    {"login", "refresh", "logout", "change_password", "forgot_password", "reset_password"}
)
# Routes that touch no storage: no 503.
NO_STORAGE = frozenset({"health", "health_ready", "list_export_templates", "get_export_template"})
# The bulk route takes the expected version in its body as well as in If-Match.
VERSION_IN_BODY = frozenset({"apply_profile_operations"})
PAGING = frozenset({"limit", "offset"})

DESCRIPTIONS = {
    400: "Malformed request: bad JSON, wrong types, unknown fields, a bad query parameter",
    401: "Missing or invalid credentials or token",
    404: "Not found (another user's resource is not found either)",
    409: "Conflict with the current state (or a concurrent twin of this request)",
    412: "Stale If-Match: the resource has moved on (its current ETag is sent)",
    413: "Body too large",
    415: "The body is not JSON",
    422: "A rule of the domain is broken (``errors`` names each field and index)",
    429: "Too many requests; wait Retry-After seconds",
    503: "Storage unavailable; retry after Retry-After seconds",
    507: "No space left to store the change",
}


def error_statuses(method: str, operation: Operation, ip_quota: bool) -> dict[int, str]:
    """The problem statuses ``operation`` can answer, with what each means there."""
    name = operation.operation_id or ""
    params = [p for p in operation.parameters or [] if isinstance(p, Parameter)]
    headers = {p.name for p in params if p.param_in == "header"}
    body = operation.request_body is not None
    write = method != "get"
    domain_query = any(p.param_in == "query" and p.name not in PAGING for p in params)
    wanted = {
        400: True,
        401: bool(operation.security and any(operation.security)) or name in CREDENTIALS_IN_BODY,
        404: any(p.param_in == "path" for p in params) or name in LOOKS_UP,
        409: write and name not in NO_CONFLICT,
        412: "If-Match" in headers or name in VERSION_IN_BODY,
        413: body,
        415: body,
        422: body or domain_query or "Idempotency-Key" in headers,
        429: ip_quota or name in THROTTLED,
        503: name not in NO_STORAGE,
        507: write,
    }
    return {status: DESCRIPTIONS[status] for status, on in wanted.items() if on}
