"""The ``Idempotency-Key`` header: read it and fingerprint the request it came with."""

from __future__ import annotations

import hashlib
from typing import Any

from litestar import Request

from resumecore.errors import InvalidValue
from resumecore.model.idempotency import MAX_KEY_LENGTH, IdempotencyKey


async def idempotency_key(request: Request[Any, Any, Any]) -> IdempotencyKey | None:
    """The key and a SHA-256 over method, path and body; None when no key was sent.

    Raises:
        InvalidValue: an empty or over-long key.
    """
    key = request.headers.get("idempotency-key")
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
