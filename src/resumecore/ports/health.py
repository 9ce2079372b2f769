"""Readiness of the service's dependencies."""

from typing import Protocol, runtime_checkable


@runtime_checkable
class ReadinessProbe(Protocol):
    """Checks that storage answers."""

    async def check(self) -> None:
        """Return when ready; raise ``StorageUnavailable`` otherwise."""
        ...
