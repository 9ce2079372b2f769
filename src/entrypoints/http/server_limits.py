"""Connection limits for the uvicorn server, including the header deadline uvicorn lacks.

uvicorn (0.54, h11) has a keep-alive timeout but no deadline for reading a request's headers:
its keep-alive timer starts only after a response and is cancelled by any received byte, so
a client sending headers one byte at a time (slowloris) holds a connection forever. The
protocol below gives every request ``header_timeout_seconds`` in total, from the connection
(or the previous response) to the end of its headers, and closes the connection otherwise.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import socket
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from resumecore_server.entrypoints.settings import Settings

MAX_HEADER_BYTES = 16 * 1024  # h11's limit on an incomplete request head
CONFIGURED_PREFIX = "HeaderDeadlineProtocol_"
_CONFIGURED: dict[str, type[HeaderDeadlineProtocol]] = {}


class HeaderDeadlineProtocol(H11Protocol):
    """uvicorn's h11 protocol plus a fixed deadline for each request's headers."""

    header_timeout_seconds: float = 10.0
    _header_deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        """Turn Nagle off, then start the first request's deadline when the client connects."""
        _send_without_delay(transport)
        super().connection_made(transport)
        self._arm_header_deadline()

    def on_response_complete(self) -> None:
        """The next request on this connection gets its own deadline."""
        super().on_response_complete()
        self._arm_header_deadline()

    def connection_lost(self, exc: Exception | None) -> None:
        """Drop the timer with the connection."""
        self._disarm_header_deadline()
        super().connection_lost(exc)

    def _arm_header_deadline(self) -> None:
        self._disarm_header_deadline()
        if not self.transport.is_closing():
            self._header_deadline = self.loop.call_later(
                self.header_timeout_seconds, self._header_deadline_passed
            )

    def _disarm_header_deadline(self) -> None:
        if self._header_deadline is not None:
            self._header_deadline.cancel()
            self._header_deadline = None

    def _header_deadline_passed(self) -> None:
        self._header_deadline = None
        # IDLE: h11 has not seen a complete request head yet (none, or only part of one).
        if not self.transport.is_closing() and self.conn.their_state is h11.IDLE:
            self.transport.close()


def _send_without_delay(transport: asyncio.Transport) -> None:
    """Set TCP_NODELAY on the connection's socket.

    asyncio sets it only on sockets made with ``proto=IPPROTO_TCP``; with ``--workers N``
    uvicorn binds the listening socket with proto 0, so accepted connections kept Nagle on: a
    response written in two parts (head, body) then waited for the client's delayed ACK, about
    40 ms a request on a kept-alive connection (measured: /health at 710 req/s instead of 4,700).
    """
    sock = transport.get_extra_info("socket")
    if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


def configured_protocol(header_timeout_seconds: float) -> type[HeaderDeadlineProtocol]:
    """The protocol class with this deadline, named so that it can be found by name again."""
    result: type[HeaderDeadlineProtocol] = __getattr__(
        f"{CONFIGURED_PREFIX}{round(header_timeout_seconds * 1000)}ms"
    )
    return result


def __getattr__(name: str) -> Any:
    """``HeaderDeadlineProtocol_<ms>ms``: the protocol with that deadline, made once.

    ``serve --workers N`` hands uvicorn's config to worker processes by pickling it, and a
    class pickles as its module and name: each worker finds the same class here.
    """
    match = re.fullmatch(rf"{CONFIGURED_PREFIX}(\d+)ms", name)
    if match is None:
        raise AttributeError(name)
    if name not in _CONFIGURED:
        _CONFIGURED[name] = type(
            name,
            (HeaderDeadlineProtocol,),
            {"header_timeout_seconds": int(match[1]) / 1000, "__module__": __name__},
        )
    return _CONFIGURED[name]


def uvicorn_limits(settings: Settings) -> dict[str, Any]:
    """Keyword arguments for ``uvicorn.run`` / ``uvicorn.Config`` enforcing the settings."""
    return {
        "http": configured_protocol(settings.http_header_timeout_seconds),
        "timeout_keep_alive": settings.http_keep_alive_seconds,
        "limit_concurrency": settings.http_max_connections,
        "h11_max_incomplete_event_size": MAX_HEADER_BYTES,
    }
