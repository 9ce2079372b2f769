"""Liveness and readiness."""

from __future__ import annotations

from litestar import get
from litestar.di import NamedDependency

from resumecore.ports.health import ReadinessProbe


@get("/health", operation_id="health", tags=["health"])
async def health() -> dict[str, str]:
    """The process answers."""
    return {"status": "healthy"}


@get("/health/ready", operation_id="health_ready", tags=["health"])
async def ready(readiness: NamedDependency[ReadinessProbe]) -> dict[str, str]:
    """The database answers; 503 otherwise."""
    await readiness.check()
    return {"status": "ready"}
