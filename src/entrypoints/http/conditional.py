"""ETags from aggregate versions; If-Match and If-None-Match."""

from __future__ import annotations

import re
from typing import Any

from litestar import Request

_ETAG = re.compile(r'^\s*(?:W/)?"(\d{1,18})"\s*$')
NEVER_MATCHES = -1


def etag(version: int) -> str:
    """The strong ETag of a version: ``"<version>"``."""
    return f'"{version}"'


def expected_version(request: Request[Any, Any, Any]) -> int | None:
    """The version an ``If-Match`` header asks for; None when absent or ``*``.

    Any other value (several tags, garbage) can never match, so the write gets 412.
    """
    header = request.headers.get("if-match")
    if header is None or header.strip() == "*":
        return None
    match = _ETAG.match(header)
    return int(match[1]) if match else NEVER_MATCHES


def not_modified(request: Request[Any, Any, Any], version: int) -> bool:
    """True when ``If-None-Match`` lists the current ETag (or ``*``)."""
    header = request.headers.get("if-none-match")
    if header is None:
        return False
    tags = [tag.strip() for tag in header.split(",")]
    return "*" in tags or any(t.removeprefix("W/") == etag(version) for t in tags)
