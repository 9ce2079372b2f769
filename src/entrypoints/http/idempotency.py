"""The ``Idempotency-Key`` header: declared on the routes that honour it, and fingerprinted."""

from __future__ import annotations

import hashlib
from typing import Annotated, Any

from litestar import Request
from litestar.params import HeaderParameter

from resumecore.errors import InvalidValue
from resumecore.model.idempotency import MAX_KEY_LENGTH, IdempotencyKey

IdempotencyKeyHeader = Annotated[
    str | None,
    HeaderParameter(
        name="Idempotency-Key",
        required=False,
        description=(
            f"1 to {MAX_KEY_LENGTH} characters chosen by the client. A retry with the same key "
            "and the same request gets the first answer again instead of a second effect; the "
            "same key with another request is a 422 (409 while its twin is still running). "
            "Kept for 24 hours."
        ),
    ),
]


async def idempotency_key(
    request: Request[Any, Any, Any], key: str | None
) -> IdempotencyKey | None:
    """The ``key`` header's value and a SHA-256 over method, path and body; None without one.

    Raises:
        InvalidValue: an empty or over-long key.
    """
    if key is None:
        return None
    key = key.strip()
    if not 1 <= len(key) <= MAX_KEY_LENGTH:
        raise InvalidValue.for_field(
            "Idempotency-Key", "invalid_idempotency_key", f"Use 1 to {MAX_KEY_LENGTH} characters."
        )
    digest = hashlib.sha256()
    for part in (request.method.encode(), request.url.path.encode(), await request.body()):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return IdempotencyKey(key=key, fingerprint=digest.hexdigest())
