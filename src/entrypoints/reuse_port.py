"""``serve --workers N``: uvicorn's supervisor, each worker listening on a socket of its own.

uvicorn's supervisor binds one socket and every worker accepts on it. A worker woken by new
connections accepts every one waiting (asyncio loops up to the backlog), so a burst of
kept-alive connections, as 32 clients opening at once, mostly lands on one worker and stays
there: measured, one of two workers got 31 of 32 connections and the pair served no more than
one. Here each worker listens on its own ``SO_REUSEPORT`` socket on the same address and the
kernel spreads connections across them by their addresses. The supervisor keeps a socket bound
to the address (never listening, so it takes no connections) to hold the port and tell the
workers where to listen; restarting a dead worker, signals and health checks stay uvicorn's.

``SO_REUSEPORT`` would also let a second server started on the same port share it silently
(the kernel then splits connections between two services), so the port is first bound once
without it: that fails while any other socket holds the address.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import socket
import sys

from uvicorn import Config
from uvicorn.config import STARTUP_FAILURE
from uvicorn.supervisors import multiprocess


class OwnSocketProcess(multiprocess.Process):
    """A uvicorn worker that listens on its own ``SO_REUSEPORT`` socket at the same address."""

    def target(self, sockets: list[socket.socket] | None = None) -> None:  # pragma: no cover
        """Runs in the worker process: listen, then serve as uvicorn's worker does."""
        stop_with_the_supervisor()
        own = [listening_socket(placeholder, self.config.backlog) for placeholder in sockets or []]
        for placeholder in sockets or []:
            placeholder.close()
        super().target(own)


PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def stop_with_the_supervisor() -> None:
    """Linux: this process gets SIGTERM (a graceful stop) when the process that started it dies.

    A supervisor killed with SIGKILL otherwise left its server processes serving on the port,
    with nothing to restart or stop them.
    """
    if not sys.platform.startswith("linux"):
        return
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    parent = multiprocessing.parent_process()
    if parent is not None and os.getppid() != parent.pid:  # it died before the prctl
        os.kill(os.getpid(), signal.SIGTERM)


def reserved_socket(config: Config) -> socket.socket:
    """A socket bound to the configured address with ``SO_REUSEPORT``, not listening.

    Raises:
        OSError: the address is in use (by any socket, ``SO_REUSEPORT`` or not) or not ours.
    """
    family = socket.AF_INET6 if ":" in config.host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP) as exclusive:
        exclusive.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        exclusive.bind((config.host, config.port))
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((config.host, config.port))
    sock.set_inheritable(True)
    return sock


def listening_socket(placeholder: socket.socket, backlog: int) -> socket.socket:
    """A new socket listening at ``placeholder``'s address, sharing the port by ``SO_REUSEPORT``."""
    sock = socket.socket(placeholder.family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind(placeholder.getsockname())
    sock.listen(backlog)
    return sock


def serve_processes(config: Config) -> int:
    """Serve ``config.workers`` processes until interrupted, each on its own listening socket.

    Returns the exit code: 0 after a signal, ``STARTUP_FAILURE`` (3, as uvicorn's single
    process) when the address cannot be bound or a process failed to start.
    """
    try:
        placeholder = reserved_socket(config)
    except OSError as exc:
        print(
            f"resumecore: cannot listen on {config.host}:{config.port}: {exc.strerror or exc}",
            file=sys.stderr,
        )
        return STARTUP_FAILURE
    # uvicorn's supervisor names its worker class at module level; every worker it starts or
    # restarts is then one of ours.
    multiprocess.Process = OwnSocketProcess  # type: ignore[misc]
    supervisor = multiprocess.Multiprocess(config, sockets=[placeholder])
    try:
        supervisor.run()
    except KeyboardInterrupt:
        pass
    finally:
        placeholder.close()
    # uvicorn's supervisor stops every process when one fails to start, then returns normally.
    if any(process.exitcode == STARTUP_FAILURE for process in supervisor.processes):
        return STARTUP_FAILURE
    return 0
