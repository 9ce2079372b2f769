"""Per-IP request quotas, declared on route handlers with ``opt={"ip_quota": "<bucket>"}``."""

from __future__ import annotations

from typing import Any

from litestar.connection import ASGIConnection
from litestar.handlers.base import BaseRouteHandler

from resumecore.errors import RateLimited
from resumecore.ports.throttle import AttemptCounter

WINDOW_SECONDS = 60
# Scoring a profile against a job costs real CPU (up to ~1.5 s for a maximal profile, more
# with embeddings): match reports and rankings share one per-IP bucket.
TAILORING_QUOTA = {"ip_quota": "tailoring"}


def client_ip(connection: ASGIConnection[Any, Any, Any, Any], *, trust_forwarded_for: bool) -> str:
    """The peer address; the first ``X-Forwarded-For`` hop only behind a trusted proxy."""
    if trust_forwarded_for:
        forwarded = connection.headers.get("x-forwarded-for", "")
        first = forwarded.split(",")[0].strip()
        if first:
            return first
    return connection.client.host if connection.client else "unknown"


class IpQuotaGuard:
    """A Litestar guard counting requests per client IP and bucket in fixed one-minute windows."""

    def __init__(
        self, counter: AttemptCounter, per_minute: int, *, trust_forwarded_for: bool
    ) -> None:
        self._counter = counter
        self._per_minute = per_minute
        self._trust = trust_forwarded_for

    async def __call__(
        self, connection: ASGIConnection[Any, Any, Any, Any], handler: BaseRouteHandler
    ) -> None:
        """Raise ``RateLimited`` once the bucket's quota for this IP is spent."""
        bucket = handler.opt.get("ip_quota")
        if not bucket:
            return
        ip = client_ip(connection, trust_forwarded_for=self._trust)
        window = await self._counter.hit(f"ip:{bucket}:{ip}", WINDOW_SECONDS)
        if window.count > self._per_minute:
            raise RateLimited("Too many requests from this address.", retry_after=window.resets_in)
