"""Finding low 17: a client sending its headers byte by byte must not hold a connection open.

Runs the real ``resumecore serve`` in a subprocess (the server settings live in the CLI), with
a 1.5 s header deadline, on its httptools protocol and on the h11 one it falls back to without
httptools, and checks that a slowloris client is cut off within it while a
normal client, and one whose body (not headers) takes longer than the deadline, is served;
a head growing past 16 KiB read by read is refused (431 by httptools, 400 by h11).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import NamedTuple

import httpx
import pytest

from resumecore_server.entrypoints.http.header_deadline import MAX_HEADER_BYTES

pytestmark = pytest.mark.alone  # bounds wall time: run by itself

SERVE = [sys.executable, "-m", "resumecore_server.entrypoints.cli", "serve"]
SERVE_WITHOUT_HTTPTOOLS = [
    sys.executable,
    "-c",
    "import runpy, sys\n"
    "sys.modules['httptools'] = None  # as if it were not installed\n"
    "runpy.run_module('resumecore_server.entrypoints.cli', run_name='__main__', alter_sys=True)",
    "serve",
]

HEADER_TIMEOUT = 1.5


class Served(NamedTuple):
    port: int
    head_refusal: bytes  # the status answering a head over 16 KiB: which parser serves


@pytest.fixture(
    scope="module",
    params=[(SERVE, b"431"), (SERVE_WITHOUT_HTTPTOOLS, b"400")],
    ids=["httptools", "h11"],
)
def served(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Served]:
    command, head_refusal = request.param
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    environment = {
        **os.environ,
        "RESUMECORE_DATA_DIR": str(tmp_path_factory.mktemp("slow-client")),
        "RESUMECORE_HTTP_HEADER_TIMEOUT_SECONDS": str(HEADER_TIMEOUT),
    }
    server = subprocess.Popen(
        [*command, "--migrate", "--port", str(port)],
        env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, server.stderr.read() if server.stderr else ""
            try:
                httpx.get(f"http://127.0.0.1:{port}/health", timeout=1)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.1)
        yield Served(port, head_refusal)
    finally:
        server.terminate()
        server.wait(timeout=30)


def _seconds_until_closed(port: int, drip: bytes, interval: float, give_up: float) -> float:
    """Send ``drip`` one byte per ``interval`` (then nothing); seconds until the server hangs up."""
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=give_up) as sock:
        sock.settimeout(interval)
        for index in range(10_000):
            if time.monotonic() - started > give_up:
                break
            try:
                if index < len(drip):
                    sock.sendall(drip[index : index + 1])
                if sock.recv(1) == b"":
                    return time.monotonic() - started
            except TimeoutError:
                continue
            except (ConnectionResetError, BrokenPipeError):
                return time.monotonic() - started
    return float("inf")


def test_low_17_a_slow_client_is_cut_off_within_the_header_timeout(served: Served) -> None:
    headers = b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " + b"a" * 200
    took = _seconds_until_closed(served.port, headers, interval=0.1, give_up=HEADER_TIMEOUT + 5)
    assert HEADER_TIMEOUT - 0.3 <= took <= HEADER_TIMEOUT + 1.5, took


def test_low_17_an_idle_connection_is_closed_too(served: Served) -> None:
    took = _seconds_until_closed(served.port, b"", interval=0.1, give_up=HEADER_TIMEOUT + 5)
    assert took <= HEADER_TIMEOUT + 1.5, took


def test_low_17_normal_clients_are_served_on_a_kept_alive_connection(served: Served) -> None:
    with httpx.Client(base_url=f"http://127.0.0.1:{served.port}") as client:
        for _ in range(3):  # each request on the kept-alive connection gets a fresh deadline
            assert client.get("/health").status_code == 200
            time.sleep(HEADER_TIMEOUT * 0.6)


def test_low_17_a_body_sent_slowly_after_complete_headers_is_not_cut_off(served: Served) -> None:
    body = json.dumps({"email": "not-an-address", "password": "x"}).encode()
    head = (
        "POST /api/v1/auth/register HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode()
    with socket.create_connection(("127.0.0.1", served.port), timeout=HEADER_TIMEOUT + 10) as sock:
        sock.sendall(head)
        started = time.monotonic()
        for index in range(len(body)):  # over twice the header deadline
            time.sleep(2 * HEADER_TIMEOUT / len(body))
            sock.sendall(body[index : index + 1])
        took = time.monotonic() - started
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    assert took > HEADER_TIMEOUT
    assert answer.startswith(b"HTTP/1.1 4"), answer[:200]  # the app's refusal of the address


def test_a_head_growing_past_16_kib_is_refused_before_it_ends(served: Served) -> None:
    start = b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: "
    with socket.create_connection(("127.0.0.1", served.port), timeout=20) as sock:
        sock.sendall(start)
        for _ in range(MAX_HEADER_BYTES // 4096 + 1):  # a header value without end, by reads
            time.sleep(0.05)
            sock.sendall(b"a" * 4096)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 " + served.head_refusal + b" "), answer[:200]
