"""The bench's HTTP/1.1 client (``bench/loadgen.py``) against a real socket server."""

from __future__ import annotations

import asyncio

from bench.loadgen import Connection

RESPONSES = [
    b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello",
    b'HTTP/1.1 304 Not Modified\r\nETag: "3"\r\n\r\n',
    b"HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n",
    b"HTTP/1.1 422 Unprocessable\r\ncontent-length: 2\r\nConnection: close\r\n\r\nno",
]


async def test_reads_each_kind_of_response_sent_in_pieces_and_reconnects_after_close() -> None:
    connections = 0

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal connections
        connections += 1
        for response in RESPONSES:
            if not await reader.readuntil(b"\r\n\r\n"):
                return
            for piece in (response[:7], response[7:30], response[30:]):  # split mid-head/body
                writer.write(piece)
                await writer.drain()
                await asyncio.sleep(0)
            if b"Connection: close" in response:
                writer.close()
                return

    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        async with Connection(f"http://127.0.0.1:{port}") as connection:
            answers = [await connection.request("GET", "/x", {}) for _ in range(5)]
    finally:
        server.close()
        await server.wait_closed()
    assert answers == [(200, b"hello"), (304, b""), (201, b"abcde"), (422, b"no"), (200, b"hello")]
    assert connections == 2  # the server closed after the 422: a new connection was opened
