"""ETags from aggregate versions; If-Match and If-None-Match, declared as header parameters.

Handlers take ``IfMatch`` / ``IfNoneMatch`` parameters, so the OpenAPI document lists the
headers exactly where they are honoured.
"""

from __future__ import annotations

import re
from typing import Annotated

from litestar.params import HeaderParameter

_ETAG = re.compile(r'^\s*(?:W/)?"(\d{1,18})"\s*$')
NEVER_MATCHES = -1

IfMatch = Annotated[
    str | None,
    HeaderParameter(
        name="If-Match",
        required=False,
        description=(
            'Write only if the resource is still at this version (its ETag, e.g. `"3"`); '
            "412 with the current ETag when it has moved on. Without it, the change applies "
            "to the newest version."
        ),
    ),
]
IfNoneMatch = Annotated[
    str | None,
    HeaderParameter(
        name="If-None-Match",
        required=False,
        description="ETags the client holds; 304 without a body when one is current.",
    ),
]


def etag(version: int) -> str:
    """The strong ETag of a version: ``"<version>"``."""
    return f'"{version}"'


def expected_version(if_match: str | None) -> int | None:
    """The version an ``If-Match`` header asks for; None when absent or ``*``.

    Any other value (several tags, garbage) can never match, so the write gets 412.
    """
    if if_match is None or if_match.strip() == "*":
        return None
    match = _ETAG.match(if_match)
    return int(match[1]) if match else NEVER_MATCHES


def not_modified(if_none_match: str | None, version: int) -> bool:
    """True when ``If-None-Match`` lists the current ETag (or ``*``)."""
    if if_none_match is None:
        return False
    tags = [tag.strip() for tag in if_none_match.split(",")]
    return "*" in tags or any(t.removeprefix("W/") == etag(version) for t in tags)
