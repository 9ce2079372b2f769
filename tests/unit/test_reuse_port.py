"""``serve --workers N`` listens on one socket per worker (``entrypoints/reuse_port.py``)."""

from __future__ import annotations

import socket

import uvicorn

from resumecore_server.entrypoints.reuse_port import listening_socket, reserved_socket


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
