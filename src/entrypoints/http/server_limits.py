"""Connection limits for the uvicorn server, and the protocol class that enforces them.

The server speaks HTTP/1.1 with uvicorn's httptools protocol (llhttp, in C: far less CPU per
request than the pure-Python h11), extended in ``httptools_limits`` with a deadline for each
request's headers (``header_deadline``), idle close, TCP_NODELAY and a cap on the request
head. Without httptools installed it falls back to uvicorn's h11 protocol with the same
deadline (``h11_limits``), h11 capping the head itself.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from resumecore_server.entrypoints.http.header_deadline import (
    MAX_HEADER_BYTES,
    HeaderDeadlineProtocol,
)
from resumecore_server.entrypoints.settings import Settings

CONFIGURED_PREFIX = "HeaderDeadlineProtocol_"
_CONFIGURED: dict[str, type[HeaderDeadlineProtocol]] = {}


@functools.cache
def server_protocol() -> type[HeaderDeadlineProtocol]:
    """The httptools protocol with our limits, or the h11 one when httptools is missing."""
    try:
        from resumecore_server.entrypoints.http.httptools_limits import (  # noqa: PLC0415
            HttpToolsLimitsProtocol,
        )
    except ModuleNotFoundError as missing:
        if missing.name != "httptools":
            raise
        from resumecore_server.entrypoints.http.h11_limits import H11LimitsProtocol  # noqa: PLC0415

        return H11LimitsProtocol
    return HttpToolsLimitsProtocol


def configured_protocol(header_timeout_seconds: float) -> type[HeaderDeadlineProtocol]:
    """The protocol class with this deadline, named so that it can be found by name again."""
    result: type[HeaderDeadlineProtocol] = __getattr__(
        f"{CONFIGURED_PREFIX}{round(header_timeout_seconds * 1000)}ms"
    )
    return result


def __getattr__(name: str) -> Any:
    """``HeaderDeadlineProtocol_<ms>ms``: the server's protocol with that deadline, made once.

    ``serve --workers N`` hands uvicorn's config to worker processes by pickling it, and a
    class pickles as its module and name: each worker finds the same class here.
    """
    match = re.fullmatch(rf"{CONFIGURED_PREFIX}(\d+)ms", name)
    if match is None:
        raise AttributeError(name)
    if name not in _CONFIGURED:
        _CONFIGURED[name] = type(
            name,
            (server_protocol(),),
            {"header_timeout_seconds": int(match[1]) / 1000, "__module__": __name__},
        )
    return _CONFIGURED[name]


def uvicorn_limits(settings: Settings) -> dict[str, Any]:
    """Keyword arguments for ``uvicorn.run`` / ``uvicorn.Config`` enforcing the settings."""
    return {
        "http": configured_protocol(settings.http_header_timeout_seconds),
        "timeout_keep_alive": settings.http_keep_alive_seconds,
        "limit_concurrency": settings.http_max_connections,
        "h11_max_incomplete_event_size": MAX_HEADER_BYTES,  # used by the h11 fallback only
    }
