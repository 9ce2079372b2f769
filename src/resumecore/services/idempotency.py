"""Idempotent creation, built once: replay a stored result or store the new one with its effect."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TypeVar

import msgspec

from resumecore.errors import InvalidValue
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
    existing = await uow.idempotency.get(user_id, key.key)
    if existing is not None:  # expired record of the same key: replaced
        await uow.idempotency.purge(existing.created_at + timedelta(microseconds=1))
    await uow.idempotency.add(
        IdempotencyRecord(
            user_id=user_id,
            key=key.key,
            fingerprint=key.fingerprint,
            result=msgspec.json.encode(result),
            created_at=now,
        )
    )
