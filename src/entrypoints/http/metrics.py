"""``GET /metrics`` (Prometheus text format) and the ASGI middleware that counts requests.

The route is off the API prefix and out of the OpenAPI schema: it is for the operator's
scraper, not for clients. With ``RESUMECORE_METRICS_TOKEN`` set it needs
``Authorization: Bearer <token>`` (compared in constant time; 401 otherwise); unset, it is
open, so keep it unreachable from outside (bind or firewall) or set the token.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable, MutableMapping
from contextlib import AbstractContextManager
from typing import Any, Protocol

from litestar import Request, Response, get
from litestar.exceptions import NotAuthorizedException
from litestar.handlers import HTTPRouteHandler
from litestar.types import ASGIApp, Message, Receive, Scope, Send

METRICS_PATH = "/metrics"
# The classic text format every Prometheus reads (Litestar appends "; charset=utf-8").
MEDIA_TYPE = "text/plain; version=0.0.4"


class HttpTelemetry(Protocol):
    """What the HTTP layer needs of the metrics adapter (wired by the composition root)."""

    async def render(self) -> bytes:
        """The exposition text of every metric, refreshed now."""
        ...

    def http_request(
        self, scope: MutableMapping[str, Any]
    ) -> AbstractContextManager[Callable[[int], None]]:
        """Track one request; call the yielded function with its status."""
        ...


def metrics_route(telemetry: HttpTelemetry, token: str) -> HTTPRouteHandler:
    """The scrape handler, guarded by ``token`` when it is not empty."""
    expected = f"Bearer {token}".encode()

    @get(METRICS_PATH, include_in_schema=False)
    async def metrics(request: Request[Any, Any, Any]) -> Response[bytes]:
        given = request.headers.get("authorization", "").encode()
        if token and not hmac.compare_digest(given, expected):
            raise NotAuthorizedException(
                "A valid metrics token is required.", headers={"WWW-Authenticate": "Bearer"}
            )
        return Response(await telemetry.render(), media_type=MEDIA_TYPE)

    return metrics


def http_metrics_middleware(app: ASGIApp, telemetry: HttpTelemetry) -> ASGIApp:
    """Count every HTTP request (unmatched paths too) by route template, method, status."""

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":  # type: ignore[comparison-overlap]
            await app(scope, receive, send)
            return
        with telemetry.http_request(scope) as answered:  # type: ignore[arg-type]

            async def send_counted(message: Message) -> None:
                if message["type"] == "http.response.start":
                    answered(message["status"])
                await send(message)

            await app(scope, receive, send_counted)

    return middleware
