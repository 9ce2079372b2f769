"""What a library caller may leave out: ids, the owner, and "now" (always timezone-aware)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from resumecore.errors import InvalidValue
from resumecore.ids import UserId

# Offline there is one person; storage ids of their own are for the server to hand out.
LOCAL_USER = UserId("local")
NAIVE_DATETIME = "naive_datetime"


def new_id() -> str:
    """A fresh random id (a UUID string), as the server would hand out."""
    return str(uuid.uuid4())


def moment(at: datetime | None) -> datetime:
    """``at``, or now in UTC when None.

    Raises:
        InvalidValue: ``at`` is naive (no timezone): its instant would depend on the machine.

    >>> moment(datetime(2026, 1, 1, tzinfo=UTC)).isoformat()
    '2026-01-01T00:00:00+00:00'
    >>> moment(datetime(2026, 1, 1))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    resumecore.errors.InvalidValue: A naive datetime (2026-01-01T00:00:00) has no timezone; ...
    """
    if at is None:
        return datetime.now(UTC)
    if at.tzinfo is None or at.utcoffset() is None:
        raise InvalidValue(
            f"A naive datetime ({at.isoformat()}) has no timezone; pass an aware one, e.g. "
            "datetime(2026, 1, 1, tzinfo=UTC).",
            code=NAIVE_DATETIME,
        )
    return at
