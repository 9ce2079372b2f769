"""Responses that carry an aggregate's version as ETag."""

from __future__ import annotations

from typing import Any

from litestar import Response

from resumecore_server.entrypoints.http.conditional import etag


def versioned(content: Any, version: int, status_code: int = 200) -> Response[Any]:
    """``content`` with ``ETag: "<version>"``."""
    return Response(content, status_code=status_code, headers={"ETag": etag(version)})


def not_modified_response(version: int) -> Response[Any]:
    """304 with the ETag and no body."""
    return Response(None, status_code=304, headers={"ETag": etag(version)})
