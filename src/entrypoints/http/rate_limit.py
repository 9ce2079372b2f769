"""Per-IP request quotas (``**ip_quota("<bucket>")`` on a handler), and the client IP.

``ClientAddress`` is the one definition of "the client's IP" that every per-IP limit uses.
Only the handlers with a quota run the guard: Litestar hands every guard call a copy of the
handler, which an app-wide guard paid on every request (about 4% of a cached profile read).
"""

from __future__ import annotations

import ipaddress
from typing import Any

from litestar import Litestar
from litestar.connection import ASGIConnection, Request
from litestar.di import Provide
from litestar.handlers.base import BaseRouteHandler
from litestar.routes import HTTPRoute

from resumecore.errors import RateLimited
from resumecore.ports.telemetry import NO_TELEMETRY, Telemetry
from resumecore.ports.throttle import AttemptCounter

WINDOW_SECONDS = 60
# Where the app keeps its IpQuotaGuard (``app.state``), for the handlers' guard to find.
IP_QUOTA_GUARD = "ip_quota_guard"

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(text: str) -> tuple[Network, ...]:
    """``"127.0.0.1, 10.0.0.0/8"`` -> networks. Raises ``ValueError`` for a bad entry."""
    return tuple(
        ipaddress.ip_network(part.strip(), strict=False) for part in text.split(",") if part.strip()
    )


class ClientAddress:
    """The client IP of a request.

    Without trusted proxies it is the TCP peer and ``X-Forwarded-For`` is ignored, so a client
    cannot choose its own address. With them, and only when the peer is one of them, it is the
    right-most ``X-Forwarded-For`` hop that is not a trusted proxy (the left part of that header
    is whatever the client sent). uvicorn, when the CLI trusts the same proxies, has already
    rewritten the peer the same way; applying the rule again changes nothing.
    """

    def __init__(self, trusted_proxies: tuple[Network, ...] = ()) -> None:
        self._trusted = trusted_proxies

    def _is_trusted(self, host: str) -> bool:
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            return False
        return any(address in network for network in self._trusted)

    def __call__(self, connection: ASGIConnection[Any, Any, Any, Any]) -> str:
        """The address per-IP limits count."""
        peer = connection.client.host if connection.client else "unknown"
        if not self._trusted or not self._is_trusted(peer):
            return peer
        hops = [
            hop.strip()
            for header in connection.headers.getall("x-forwarded-for", [])
            for hop in header.split(",")
            if hop.strip()
        ]
        for hop in reversed(hops):
            if not self._is_trusted(hop):
                return hop
        return hops[0] if hops else peer


async def ip_quota_guard(
    connection: ASGIConnection[Any, Any, Any, Any], handler: BaseRouteHandler
) -> None:
    """The guard of a handler with a quota: the app's ``IpQuotaGuard``."""
    guard: IpQuotaGuard = connection.app.state[IP_QUOTA_GUARD]
    await guard(connection, handler)


def ip_quota(bucket: str) -> dict[str, Any]:
    """Route decorator arguments counting requests per client IP in ``bucket``.

    ``@post("/login", **ip_quota("auth"))``: the bucket is the handler's ``opt``, and the
    handler alone runs the guard.
    """
    return {"opt": {"ip_quota": bucket}, "guards": [ip_quota_guard]}


def unguarded_quotas(app: Litestar) -> list[str]:
    """Routes whose handler names a quota but does not run the guard (should be none)."""
    return [
        f"{sorted(handler.http_methods)} {route.path}"
        for route in app.routes
        if isinstance(route, HTTPRoute)
        for handler in route.route_handlers
        if handler.opt.get("ip_quota") and ip_quota_guard not in (handler.guards or [])
    ]


# Scoring a profile against a job costs real CPU (up to ~1.5 s for a maximal profile, more
# with embeddings): match reports and rankings share one per-IP bucket.
TAILORING_QUOTA = ip_quota("tailoring")


def provide_client_ip(client_address: ClientAddress) -> Provide:
    """A ``client_ip`` dependency for handlers that throttle by address themselves."""

    async def client_ip(request: Request[Any, Any, Any]) -> str:
        return client_address(request)

    return Provide(client_ip)


class IpQuotaGuard:
    """A Litestar guard counting requests per client IP and bucket in fixed one-minute windows."""

    def __init__(
        self,
        counter: AttemptCounter,
        per_minute: int,
        *,
        client_address: ClientAddress,
        telemetry: Telemetry = NO_TELEMETRY,
    ) -> None:
        self._telemetry = telemetry
        self._counter = counter
        self._per_minute = per_minute
        self._client_address = client_address

    async def __call__(
        self, connection: ASGIConnection[Any, Any, Any, Any], handler: BaseRouteHandler
    ) -> None:
        """Raise ``RateLimited`` once the bucket's quota for this IP is spent."""
        bucket = handler.opt.get("ip_quota")
        if not bucket:
            return
        ip = self._client_address(connection)
        window = await self._counter.hit(f"ip:{bucket}:{ip}", WINDOW_SECONDS)
        if window.count > self._per_minute:
            self._telemetry.rate_limited(f"ip_{bucket}")
            raise RateLimited("Too many requests from this address.", retry_after=window.resets_in)
