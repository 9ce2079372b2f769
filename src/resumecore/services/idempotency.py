"""Idempotent creation, built once: replay a stored result or store the new one with its effect."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TypeVar

import msgspec

from resumecore.errors import Conflict, InvalidValue
from resumecore.ids import UserId
from resumecore.model.idempotency import RETENTION_SECONDS, IdempotencyKey, IdempotencyRecord
from resumecore.ports.uow import UnitOfWork

T = TypeVar("T")


async def replay(
    uow: UnitOfWork,
    user_id: UserId,
    key: IdempotencyKey | None,
    result_type: type[T],
    now: datetime,
) -> T | None:
    """The stored result for ``key``, or None when the request is new (or the record expired).

    Raises:
        InvalidValue: the key was used for a different request (code ``idempotency_key_reused``).
    """
    if key is None:
        return None
    record = await uow.idempotency.get(user_id, key.key)
    if record is None or record.created_at < now - timedelta(seconds=RETENTION_SECONDS):
        return None
    if record.fingerprint != key.fingerprint:
        raise InvalidValue(
            "This Idempotency-Key was already used for a different request.",
            code="idempotency_key_reused",
        )
    return msgspec.json.decode(record.result, type=result_type)


async def remember(
    uow: UnitOfWork, user_id: UserId, key: IdempotencyKey | None, result: object, now: datetime
) -> None:
    """Store ``result`` under ``key`` in the caller's transaction, so it commits with the effect.

    A concurrent twin that committed first makes this raise ``Conflict`` and the twin's
    effect is the only one kept.
    """
    if key is None:
        return
    await uow.idempotency.purge(now - timedelta(seconds=RETENTION_SECONDS))
    if await uow.idempotency.get(user_id, key.key) is not None:
        # A concurrent twin committed first (expired records were purged just above).
        raise Conflict(
            "A request with this Idempotency-Key is already being processed.",
            code="idempotency_key_in_use",
        )
    await uow.idempotency.add(
        IdempotencyRecord(
            user_id=user_id,
            key=key.key,
            fingerprint=key.fingerprint,
            result=msgspec.json.encode(result),
            created_at=now,
        )
    )
