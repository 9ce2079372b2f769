"""Response headers the server sends, declared on the responses that carry them.

Success headers a route sends are declared on its decorator (``openapi_declarations``); the
ones that belong to a status wherever it occurs are added here: ``Retry-After`` on 429 and 503,
``WWW-Authenticate`` on 401, the current ``ETag`` on 412 and 304, ``Location`` on 202.
"""

from __future__ import annotations

from litestar.openapi.spec import OpenAPIHeader, OpenAPIResponse, Operation, Schema
from litestar.openapi.spec.enums import OpenAPIType

from resumecore_server.entrypoints.http.openapi_declarations import ETAG_DESCRIPTION

_TEXT = Schema(type=OpenAPIType.STRING)
_SECONDS = Schema(type=OpenAPIType.INTEGER, minimum=0)


def _header(description: str, schema: Schema = _TEXT, *, required: bool = True) -> OpenAPIHeader:
    return OpenAPIHeader(description=description, schema=schema, required=required)


BY_STATUS: dict[str, dict[str, OpenAPIHeader]] = {
    "202": {"Location": _header("Where to read the generation while it runs.")},
    "304": {"ETag": _header(ETAG_DESCRIPTION)},
    "401": {"WWW-Authenticate": _header("`Bearer`", required=False)},
    "412": {"ETag": _header("The current version, when the resource exists.", required=False)},
    "429": {"Retry-After": _header("Seconds until a retry may succeed.", _SECONDS)},
    "503": {"Retry-After": _header("Seconds until a retry may succeed.", _SECONDS)},
}


def declare_response_headers(operation: Operation) -> None:
    """Status-bound headers added; every header typed; a route's success headers on each 2xx."""
    responses = {
        status: response
        for status, response in (operation.responses or {}).items()
        if isinstance(response, OpenAPIResponse)
    }
    success = [r for s, r in sorted(responses.items()) if s.startswith("2") and s != "204"]
    shared = dict(success[0].headers or {}) if success else {}
    for status, response in responses.items():
        headers = dict(response.headers or {})
        if status.startswith("2") and status not in {"202", "204"}:
            headers = shared | headers
        headers |= BY_STATUS.get(status, {})
        for header in headers.values():
            if isinstance(header, OpenAPIHeader) and header.schema is None:
                header.schema = _TEXT
        response.headers = headers or None
