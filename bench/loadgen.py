"""A lean HTTP/1.1 load generator: one kept-alive connection per simulated client.

httpx spends 1-2 ms of CPU on each request (measured against the bare framework: 0.9 ms at
concurrency 1, 2.2 ms at 32, while the server spent 0.4 ms), so on a shared machine it, not
the server, set the pace. This client writes prebuilt request bytes on an asyncio stream and
reads the status line, the headers and a ``Content-Length`` (or chunked) body: tens of
microseconds a request, small beside any server measured. It speaks only what the bench
needs: no TLS, no redirects, no compression.
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


class Connection:
    """One kept-alive connection to ``base_url``, reopened when the server closes it."""

    def __init__(self, base_url: str) -> None:
        parts = urlsplit(base_url)
        self._host = parts.hostname or "127.0.0.1"
        self._port = parts.port or 80
        self._authority = parts.netloc.encode()
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

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
        if self._writer is not None:
            self._writer.close()
        self._reader = self._writer = None

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
        if self._writer is None:
            self._reader, self._writer = await asyncio.open_connection(self._host, self._port)
        reader, writer = self._reader, self._writer
        assert reader is not None  # opened together with the writer
        writer.write(raw)
        head = (await reader.readuntil(b"\r\n\r\n")).lower()
        status = int(head[9:12])
        start = head.find(_CONTENT_LENGTH)
        if start >= 0:
            end = head.index(b"\r\n", start + 2)
            body = await reader.readexactly(int(head[start + len(_CONTENT_LENGTH) : end]))
        elif _CHUNKED in head:
            body = await _read_chunks(reader)
        else:  # 1xx, 204, 304: no body
            body = b""
        if _CLOSE in head:
            self.close()
        return status, body


async def _read_chunks(reader: asyncio.StreamReader) -> bytes:
    parts = []
    while True:
        size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
        parts.append(await reader.readexactly(size + 2))  # the chunk and its CRLF
        if size == 0:
            return b"".join(parts)
