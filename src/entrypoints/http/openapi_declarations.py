"""What route decorators declare for the OpenAPI document beyond their types.

``VERSIONED`` marks routes whose success response carries the aggregate's version as ``ETag``;
``NOT_MODIFIED`` documents the 304 of routes that honour ``If-None-Match``. The statuses of
errors and the headers every problem response carries are added by ``openapi.finish_openapi``.
"""

from __future__ import annotations

from typing import Any

from litestar.datastructures import ResponseHeader
from litestar.openapi.datastructures import ResponseSpec

ETAG_DESCRIPTION = (
    'The version as a strong ETag (`"<version>"`): send it back in If-Match to write only '
    "over this version, or in If-None-Match to read only when it changed."
)
VERSIONED = [
    ResponseHeader(
        name="ETag", documentation_only=True, required=True, description=ETAG_DESCRIPTION
    )
]
NOT_MODIFIED = {
    304: ResponseSpec(
        None, description="Not modified: If-None-Match names the current ETag (no body)."
    )
}


def also_answers(status: int, body: Any, description: str) -> dict[int, ResponseSpec]:
    """A second success status of a route, with its body type."""
    return {status: ResponseSpec(body, description=description)}
