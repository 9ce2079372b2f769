"""A lean HTTP/1.1 load generator: one kept-alive connection per simulated client.

httpx spends 1-2 ms of CPU on each request (measured against the bare framework: 0.9 ms at
concurrency 1, 2.2 ms at 32, while the server spent 0.4 ms), so on a shared machine it, not
the server, set the pace. This client writes prebuilt request bytes on an asyncio stream and
reads the status line, the headers and a ``Content-Length`` (or chunked) body. It is an
asyncio ``Protocol`` (no stream reader, no task per request): about 0.1 ms of CPU a request as
streams, which matters where the client shares the cores with the servers it loads (two
workers on two cores). It speaks only what the bench needs: no TLS, no redirects, no
compression.
"""

from __future__ import annotations

import asyncio
from types import TracebackType
from typing import Any, Self
from urllib.parse import urlsplit

import msgspec

_CONTENT_LENGTH = b"\r\ncontent-length:"
_CHUNKED = b"\r\ntransfer-encoding: chunked"
_CLOSE = b"\r\nconnection: close"
_END_OF_HEAD = b"\r\n\r\n"


class _Response(asyncio.Protocol):
    """Reads responses off one socket; ``expect`` arms a future for the next one."""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self._buffer = bytearray()
        self._waiter: asyncio.Future[tuple[int, bytes]] | None = None
        self._closing = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def expect(self) -> asyncio.Future[tuple[int, bytes]]:
        self._waiter = asyncio.get_running_loop().create_future()
        return self._waiter

    def data_received(self, data: bytes) -> None:
        self._buffer += data
        if self._waiter is None:
            return
        parsed = _parse(self._buffer)
        if parsed is None:
            return
        status, body, used, close = parsed
        del self._buffer[:used]
        waiter, self._waiter = self._waiter, None
        self._closing = close
        if not waiter.done():
            waiter.set_result((status, body))

    def connection_lost(self, exc: Exception | None) -> None:
        self.transport = None
        if self._waiter is not None and not self._waiter.done():
            self._waiter.set_exception(exc or ConnectionResetError("the server closed"))

    @property
    def reusable(self) -> bool:
        return self.transport is not None and not self._closing


def _parse(buffer: bytearray) -> tuple[int, bytes, int, bool] | None:
    """(status, body, bytes used, the server closes) once ``buffer`` holds a whole response."""
    end = buffer.find(_END_OF_HEAD)
    if end < 0:
        return None
    head = bytes(buffer[: end + 2]).lower()
    status = int(head[9:12])
    start = end + 4
    found = head.find(_CONTENT_LENGTH)
    if found >= 0:
        size = int(head[found + len(_CONTENT_LENGTH) : head.index(b"\r\n", found + 2)])
        if len(buffer) < start + size:
            return None
        return status, bytes(buffer[start : start + size]), start + size, _CLOSE in head
    if _CHUNKED in head:
        chunks = _chunks(buffer, start)
        if chunks is None:
            return None
        return status, chunks[0], chunks[1], _CLOSE in head
    return status, b"", start, _CLOSE in head  # 1xx, 204, 304: no body


def _chunks(buffer: bytearray, at: int) -> tuple[bytes, int] | None:
    """The chunked body starting at ``at`` and where it ends, or None while incomplete."""
    parts = []
    while True:
        line_end = buffer.find(b"\r\n", at)
        if line_end < 0:
            return None
        size = int(bytes(buffer[at:line_end]).split(b";")[0], 16)
        if len(buffer) < line_end + 2 + size + 2:
            return None
        parts.append(bytes(buffer[line_end + 2 : line_end + 2 + size]))
        at = line_end + 2 + size + 2
        if size == 0:
            return b"".join(parts), at


class Connection:
    """One kept-alive connection to ``base_url``, reopened when the server closes it."""

    def __init__(self, base_url: str) -> None:
        parts = urlsplit(base_url)
        self._host = parts.hostname or "127.0.0.1"
        self._port = parts.port or 80
        self._authority = parts.netloc.encode()
        self._protocol: _Response | None = None

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the socket (a new one opens on the next request)."""
        if self._protocol is not None and self._protocol.transport is not None:
            self._protocol.transport.close()
        self._protocol = None

    async def open(self) -> None:
        """Connect now (the first request otherwise does)."""
        if self._protocol is None or not self._protocol.reusable:
            self.close()
            loop = asyncio.get_running_loop()
            _, self._protocol = await loop.create_connection(_Response, self._host, self._port)

    def encode(self, method: str, path: str, headers: dict[str, str], json: Any = None) -> bytes:
        """The request's bytes (a JSON body when ``json`` is not None)."""
        lines = [f"{method} {path} HTTP/1.1".encode(), b"host: " + self._authority]
        lines += [f"{name}: {value}".encode() for name, value in headers.items()]
        body = b"" if json is None else msgspec.json.encode(json)
        if json is not None:
            lines += [b"content-type: application/json", b"content-length: %d" % len(body)]
        return b"\r\n".join(lines) + b"\r\n\r\n" + body

    async def request(
        self, method: str, path: str, headers: dict[str, str], json: Any = None
    ) -> tuple[int, bytes]:
        """Send one request and read its whole response: (status, body)."""
        return await self.send(self.encode(method, path, headers, json))

    async def send(self, raw: bytes) -> tuple[int, bytes]:
        """Send prebuilt request bytes and read the whole response: (status, body)."""
        if self._protocol is None or not self._protocol.reusable:
            await self.open()
        protocol = self._protocol
        assert protocol is not None  # opened above
        assert protocol.transport is not None
        waiter = protocol.expect()
        protocol.transport.write(raw)
        status, body = await waiter
        if not protocol.reusable:
            self.close()
        return status, body
