"""Re-applying a write that lost a race, when the client did not ask for a version."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from resumecore.errors import VersionConflict

# A write without If-Match never fails because another write landed first: its intent
# (operations or parts) is re-applied on the fresh version, a bounded number of times.
UNCONDITIONAL_ATTEMPTS = 5


T = TypeVar("T")


async def retrying(attempt: Callable[[], Awaitable[T]], expected_version: int | None) -> T:
    """Run ``attempt``; without an expected version, run it again after a lost race."""
    for _ in range(UNCONDITIONAL_ATTEMPTS - 1):
        try:
            return await attempt()
        except VersionConflict:
            if expected_version is not None:
                raise
    return await attempt()
