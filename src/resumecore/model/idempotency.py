"""Idempotency records: the first result of a creating request, stored with its effect."""

from __future__ import annotations

from datetime import datetime

import msgspec

from resumecore.ids import UserId

MAX_KEY_LENGTH = 255
RETENTION_SECONDS = 24 * 3600


class IdempotencyKey(msgspec.Struct, frozen=True, kw_only=True):
    """What a client sent: its key, and a fingerprint of the request (method, route, body)."""

    key: str
    fingerprint: str


class IdempotencyRecord(msgspec.Struct, frozen=True, kw_only=True):
    """The stored outcome of the first request with a key."""

    user_id: UserId
    key: str
    fingerprint: str
    result: bytes
    created_at: datetime
