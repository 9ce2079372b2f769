"""One JSON log line per request: method, route, status, duration, request id. Never bodies.

The request id is bound for the request's whole life (``resumecore.ports.tracing``): every log
line written meanwhile carries it, and so do its spans and the generations it queues.
"""

from __future__ import annotations

import re
import time
import uuid
from typing import TYPE_CHECKING

from litestar.types import ASGIApp, Message, Receive, Scope, Send

from resumecore.ports.tracing import NO_TRACER, Tracer, bound_request_id, current_request_id
from resumecore_server.entrypoints.http.plain_structlog import structlog
from resumecore_server.entrypoints.http.stdlib_logs import route_stdlib_logs

if TYPE_CHECKING:
    from structlog.typing import EventDict, Processor, WrappedLogger

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
log = structlog.get_logger("resumecore.http")


def configure_logging(level: str) -> None:
    """Structured JSON lines on stdout, from structlog and from ``logging`` alike."""
    chain: list[Processor] = [
        structlog.contextvars.merge_contextvars,
        _add_request_id,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        structlog.processors.format_exc_info,
    ]
    route_stdlib_logs(level, chain)
    structlog.configure(
        processors=[*chain, structlog.processors.JSONRenderer()],
        wrapper_class=structlog.make_filtering_bound_logger(level.upper()),
        logger_factory=structlog.PrintLoggerFactory(file=None),
        cache_logger_on_first_use=False,
    )


def _add_request_id(_: WrappedLogger, __: str, event: EventDict) -> EventDict:
    request_id = current_request_id()
    if request_id is not None:
        event.setdefault("request_id", request_id)
    return event


def request_log_middleware(app: ASGIApp, tracer: Tracer = NO_TRACER) -> ASGIApp:
    """ASGI middleware logging each HTTP request once, after the response starts.

    With tracing on, each request is a span named by its route template (never the raw path);
    an incoming W3C ``traceparent`` header makes it part of the caller's trace.
    """
    # Bound once, on the configuration ``configure_logging`` set when the app was built: the
    # module's lazy logger would build a bound logger on every request.
    request_log = log.bind()

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":  # type: ignore[comparison-overlap]
            await app(scope, receive, send)
            return
        incoming = _header(scope, b"x-request-id")
        request_id = incoming if incoming and _REQUEST_ID.match(incoming) else uuid.uuid4().hex
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = list(message.get("headers", []))
                headers.append((b"x-request-id", request_id.encode()))
                message = {**message, "headers": headers}
            await send(message)

        method = str(scope.get("method", ""))
        try:
            with (
                bound_request_id(request_id),
                tracer.span(
                    f"{method} <unmatched>",
                    parent=_header(scope, b"traceparent"),
                    kind="server",
                    method=method,
                ) as span,
            ):
                try:
                    await app(scope, receive, send_with_id)
                finally:
                    route = scope.get("path_template") or "<unmatched>"
                    span.rename(f"{method} {route}")
                    span.set(route=route, status_code=status)
                    if status >= 500:
                        span.fail(f"HTTP {status}")
        finally:
            request_log.info(
                "request",
                method=scope.get("method"),
                route=scope.get("path_template") or "<unmatched>",
                status=status,
                duration_ms=round((time.perf_counter() - started) * 1000, 2),
                request_id=request_id,
            )

    return middleware


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            decoded: str = value.decode("latin-1")
            return decoded
    return None
