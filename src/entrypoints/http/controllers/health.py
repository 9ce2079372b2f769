"""Liveness and readiness."""

from __future__ import annotations

from litestar import Response, get
from litestar.di import NamedDependency

from resumecore.services.readiness import CheckReadiness, ReadinessReport
from resumecore_server.entrypoints.http.openapi_declarations import also_answers

RETRY_AFTER_SECONDS = 5


@get("/health", operation_id="health", tags=["health"])
async def health() -> dict[str, str]:
    """The process answers (nothing else is checked: a restart would not fix a dependency)."""
    return {"status": "healthy"}


@get(
    "/health/ready",
    operation_id="health_ready",
    tags=["health"],
    responses=also_answers(503, ReadinessReport, "Not ready: a required check failed."),
)
async def ready(readiness: NamedDependency[CheckReadiness]) -> Response[ReadinessReport]:
    """Database, Redis, workers, storage: each check's status and latency.

    200 when ready (``degraded``: an optional dependency is away and the instance serves on);
    503 with ``Retry-After`` when a required check fails. Errors are exception class names.
    """
    report = await readiness()
    if report.status == "not_ready":
        return Response(report, status_code=503, headers={"Retry-After": str(RETRY_AFTER_SECONDS)})
    return Response(report, status_code=200)
