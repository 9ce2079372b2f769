"""The real ``resumecore serve`` speaks httptools and caps a request head at 16 KiB, not a body.

llhttp, unlike h11, bounds no request head: the server's protocol counts a head's bytes and
answers 431 (h11 would answer 400: the status also tells which parser served) and closes past
the cap (a head growing read by read: test_slow_client). Bodies, pipelined and kept-alive
requests and ``serve --workers 2`` are checked on the same servers.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from resumecore_server.entrypoints.http.header_deadline import MAX_HEADER_BYTES
from resumecore_server.entrypoints.http.server_limits import configured_protocol
from tests.support.server_processes import ServerProcess, server_environment

REGISTER = "/api/v1/auth/register"


def _start(tmp_path: Path, *args: str) -> ServerProcess:
    environment = server_environment(tmp_path, f"sqlite+inline:///{tmp_path / 'heads.db'}")
    server = ServerProcess(environment, tmp_path / "server.log", ["--migrate", *args])
    server.wait_ready()
    return server


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    started = _start(tmp_path_factory.mktemp("heads"))
    try:
        yield started
    finally:
        started.stop()


def _read_until_closed(sock: socket.socket) -> bytes:
    received = b""
    while chunk := sock.recv(65536):
        received += chunk
    return received


def _exchange(port: int, raw: bytes) -> bytes:
    """Send ``raw`` at once and read everything the server answers until it closes."""
    with socket.create_connection(("127.0.0.1", port), timeout=20) as sock:
        sock.sendall(raw)
        return _read_until_closed(sock)


def _get(path: str, *extra_headers: bytes, close: bool = True) -> bytes:
    lines = [f"GET {path} HTTP/1.1".encode(), b"Host: 127.0.0.1", *extra_headers]
    if close:
        lines.append(b"Connection: close")
    return b"\r\n".join([*lines, b"", b""])


def _padding(size: int) -> bytes:
    return b"X-Padding: " + b"a" * size


def test_the_server_protocol_is_the_httptools_one() -> None:
    assert issubclass(configured_protocol(10.0), HttpToolsProtocol)


def test_without_httptools_it_is_the_h11_one_still_found_by_name() -> None:
    probe = (
        "import pickle, sys\n"
        "sys.modules['httptools'] = None\n"
        "from resumecore_server.entrypoints.http.server_limits import configured_protocol\n"
        "protocol = configured_protocol(2.5)\n"
        "assert pickle.loads(pickle.dumps(protocol)) is protocol\n"
        "print(protocol.header_timeout_seconds, [c.__name__ for c in protocol.__mro__])\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    timeout, bases = done.stdout.split(" ", 1)
    assert timeout == "2.5"
    assert H11Protocol.__name__ in bases
    assert HttpToolsProtocol.__name__ not in bases


def test_a_head_over_16_kib_sent_at_once_is_refused_with_431(server: ServerProcess) -> None:
    answer = _exchange(server.port, _get("/health", _padding(MAX_HEADER_BYTES + 1024)))
    assert answer.startswith(b"HTTP/1.1 431 "), answer[:200]
    assert answer.count(b"HTTP/1.1") == 1  # nothing else is answered before the close


@pytest.mark.parametrize(
    ("raw", "status"),
    [
        (_get("/health", _padding(MAX_HEADER_BYTES + 1024)), 431),
        (b"GET /health HTTP/1.1\r\nHost 127.0.0.1\r\n\r\n", 400),
    ],
    ids=["head over 16 KiB", "header without a colon"],
)
def test_a_request_refused_before_the_app_is_answered_with_a_problem(
    server: ServerProcess, raw: bytes, status: int
) -> None:
    head, _, body = _exchange(server.port, raw).partition(b"\r\n\r\n")
    lines = head.lower().split(b"\r\n")
    assert lines[0].startswith(b"http/1.1 %d " % status), head
    assert b"content-type: application/problem+json" in lines
    assert b"x-content-type-options: nosniff" in lines
    problem = json.loads(body)
    assert problem["status"] == status
    assert {"type", "title", "detail"} <= set(problem)


def test_a_head_just_under_16_kib_is_served(server: ServerProcess) -> None:
    answer = _exchange(server.port, _get("/health", _padding(MAX_HEADER_BYTES - 512)))
    assert answer.startswith(b"HTTP/1.1 200 "), answer[:200]


def test_a_1_mb_body_is_not_counted_as_head(server: ServerProcess) -> None:
    body = json.dumps({"email": "ada@example.com", "password": "p" * 1_000_000}).encode()
    head = (
        f"POST {REGISTER} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode()
    # A pipelined request behind the body: both are answered, in order, on one connection.
    answer = _exchange(server.port, head + body + _get("/health"))
    first, second = answer.split(b"HTTP/1.1 ")[1:]
    assert first[:1] == b"4", answer[:300]  # the app's refusal of the long field, in JSON
    assert b"application/problem+json" in first or b"application/json" in first, first[:300]
    assert second.startswith(b"200 "), second[:200]


def test_pipelined_requests_are_all_answered_in_order(server: ServerProcess) -> None:
    requests = _get("/health", close=False) * 2 + _get("/nowhere", close=False) + _get("/health")
    answer = _exchange(server.port, requests)
    statuses = [part[:3] for part in answer.split(b"HTTP/1.1 ")[1:]]
    assert statuses == [b"200", b"200", b"404", b"200"], answer[:500]


def test_serve_with_two_workers_uses_the_same_protocol(tmp_path: Path) -> None:
    workers = _start(tmp_path, "--workers", "2")
    try:
        served = _exchange(workers.port, _get("/health"))
        refused = _exchange(workers.port, _get("/health", _padding(MAX_HEADER_BYTES + 1024)))
    finally:
        workers.stop()
    assert served.startswith(b"HTTP/1.1 200 "), served[:200]
    assert refused.startswith(b"HTTP/1.1 431 "), refused[:200]
