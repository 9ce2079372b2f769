"""Readiness of the service's dependencies."""

from typing import Protocol, runtime_checkable


@runtime_checkable
class ReadinessProbe(Protocol):
    """Checks that one dependency answers (the database, Redis, storage, the workers)."""

    async def check(self) -> None:
        """Return when ready; raise otherwise (e.g. ``StorageUnavailable``)."""
        ...
