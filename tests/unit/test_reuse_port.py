"""``serve --workers N`` listens on one socket per worker (``entrypoints/reuse_port.py``)."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from uvicorn.supervisors.multiprocess import SIGNALS

from resumecore_server.entrypoints.reuse_port import (
    listening_socket,
    reserved_socket,
    serve_processes,
)


def test_connections_are_spread_over_the_workers_sockets_and_none_reach_the_reserved_one() -> None:
    # Opened in a burst, as 32 clients opening at once: with one shared socket, the worker that
    # woke first accepted nearly all of them.
    placeholder = reserved_socket(uvicorn.Config("app:app", host="127.0.0.1", port=0))
    listeners = [listening_socket(placeholder, 128) for _ in range(2)]
    clients = []
    try:
        for listener in listeners:
            listener.settimeout(0)
            assert listener.getsockname() == placeholder.getsockname()
        for _ in range(64):
            clients.append(socket.create_connection(placeholder.getsockname(), timeout=5))
        accepted = [0, 0]
        for index, listener in enumerate(listeners):
            while True:
                try:
                    connection, _ = listener.accept()
                except BlockingIOError:
                    break
                connection.close()
                accepted[index] += 1
        assert sum(accepted) == 64, accepted  # every connection reached a worker's socket
        assert min(accepted) >= 8, accepted  # the kernel spreads them (by their addresses)
    finally:
        for sock in [*clients, *listeners, placeholder]:
            sock.close()


@pytest.fixture
def running_server_socket() -> Iterator[socket.socket]:
    """A socket as each process of a running ``serve --workers N`` has: SO_REUSEPORT, listening."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    yield sock
    sock.close()


def test_a_port_another_server_listens_on_is_refused(running_server_socket: socket.socket) -> None:
    # A second ``serve --workers N`` on the same port bound it too, and the kernel then split
    # connections between the two servers (seen: tokens of one answered 401 by the other).
    port = running_server_socket.getsockname()[1]
    with pytest.raises(OSError, match="in use"):
        reserved_socket(uvicorn.Config("app:app", host="127.0.0.1", port=port))


def test_serving_on_a_port_in_use_is_one_line_and_the_start_up_failure_code(
    running_server_socket: socket.socket, capsys: pytest.CaptureFixture[str]
) -> None:
    port = running_server_socket.getsockname()[1]
    config = uvicorn.Config("app:app", host="127.0.0.1", port=port, workers=2)
    assert serve_processes(config) == 3
    assert capsys.readouterr().err == (
        f"resumecore: cannot listen on 127.0.0.1:{port}: Address already in use\n"
    )


async def app_that_fails_to_start(
    scope: dict[str, Any],
    receive: Callable[[], Awaitable[dict[str, Any]]],
    send: Callable[[dict[str, Any]], Awaitable[None]],
) -> None:
    """An ASGI app whose lifespan start-up fails, as the service's does without its database."""
    assert scope["type"] == "lifespan"
    await receive()
    await send({"type": "lifespan.startup.failed", "message": "the database is not reachable"})


@pytest.fixture
def supervisor_signals() -> Iterator[None]:
    """uvicorn's supervisor takes over the process's signals; the test run gets them back."""
    saved = {signum: signal.getsignal(signum) for signum in SIGNALS}
    yield
    for signum, handler in saved.items():
        signal.signal(signum, handler)


@pytest.mark.usefixtures("supervisor_signals")
def test_processes_that_fail_to_start_give_the_start_up_failure_code() -> None:
    # uvicorn's supervisor stops when a process fails to start, and returned normally: the
    # command exited 0, so a service manager took a server that never served for a clean stop.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(
        f"{__name__}:app_that_fails_to_start",
        host="127.0.0.1",
        port=port,
        workers=2,
        lifespan="on",
        log_level="critical",
    )
    assert serve_processes(config) == 3


async def app_that_serves(
    scope: dict[str, Any],
    receive: Callable[[], Awaitable[dict[str, Any]]],
    send: Callable[[dict[str, Any]], Awaitable[None]],
) -> None:
    """An ASGI app that starts and answers 204."""
    if scope["type"] == "lifespan":
        while (await receive())["type"] != "lifespan.shutdown":
            await send({"type": "lifespan.startup.complete"})
        await send({"type": "lifespan.shutdown.complete"})
        return
    await send({"type": "http.response.start", "status": 204, "headers": []})
    await send({"type": "http.response.body", "body": b""})


def _descendants(pid: int) -> list[int]:
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text(encoding="ascii").split()
    return [int(child) for child in children]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_server_processes_stop_when_their_supervisor_is_killed() -> None:
    # A supervisor killed with SIGKILL left both server processes serving on the port: a
    # restart then could not bind it, and nothing stopped them.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    script = (
        "import sys, uvicorn\n"
        "from resumecore_server.entrypoints.reuse_port import serve_processes\n"
        f"config = uvicorn.Config('{__name__}:app_that_serves', host='127.0.0.1', port={port},"
        " workers=2, lifespan='on', log_level='critical')\n"
        "sys.exit(serve_processes(config))\n"
    )
    supervisor = subprocess.Popen([sys.executable, "-c", script])
    children: list[int] = []
    try:
        deadline = time.monotonic() + 60
        while len(children) < 2 or not _answers(port):
            assert time.monotonic() < deadline, "the server processes did not start"
            time.sleep(0.2)
            children = _descendants(supervisor.pid)
        supervisor.kill()
        supervisor.wait(timeout=10)
        deadline = time.monotonic() + 20
        while _answers(port):
            assert time.monotonic() < deadline, "the server processes outlived their supervisor"
            time.sleep(0.2)
    finally:
        supervisor.kill()
        for child in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(child, signal.SIGKILL)


def _answers(port: int) -> bool:
    try:
        return httpx.get(f"http://127.0.0.1:{port}/", timeout=1).status_code == 204
    except httpx.TransportError:
        return False
