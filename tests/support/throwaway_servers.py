"""Throwaway Redis and PostgreSQL servers that a fault test may kill or restart.

Never the shared servers of scripts/test.sh: each is started here on a free port, in its own
folder, and stopped by its own pid or data directory. Without the binaries the test is skipped
with a notice, except under CI=true, where that is a failure (as in ``service_url``).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _missing(what: str) -> None:
    message = f"{what} is not installed: this fault test did not run."
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true but {message}")
    pytest.skip(f"NOTICE: {message}")


def _wait_for_port(port: int, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.02)
    raise AssertionError(f"nothing listens on 127.0.0.1:{port} after {seconds} s")


@dataclass
class RedisServer:
    """One ``redis-server`` (no persistence) that can be killed and started again on its port."""

    port: int
    folder: Path
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.folder)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        _wait_for_port(self.port, 10)

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)


@contextmanager
def redis_server(folder: Path) -> Iterator[RedisServer]:
    if shutil.which("redis-server") is None:
        _missing("redis-server")
    server = RedisServer(free_port(), folder)
    server.start()
    try:
        yield server
    finally:
        server.kill()


def _postgres_bindir() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    return found[-1].parent if found else None


@dataclass
class PostgresCluster:
    """A cluster of our own (trust auth, fsync off) that the test may restart."""

    bindir: Path
    data: Path
    port: int

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}/{database}"

    def _run(self, *args: str) -> None:
        command = [str(self.bindir / args[0]), *args[1:]]
        if os.getuid() == 0:  # initdb and postgres refuse to run as root
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    def pg_ctl(self, action: str, *flags: str) -> None:
        options = (
            f"-p {self.port} -k {self.data.parent} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100"
        )
        log = str(self.data.parent / "server.log")
        self._run("pg_ctl", "-D", str(self.data), "-l", log, "-w", "-t", "60", "-o", options,
                  *flags, action)  # fmt: skip

    def create_database(self, name: str) -> None:
        subprocess.run(
            [str(self.bindir / "psql"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
             "-qc", f"CREATE DATABASE {name}"],
            check=True, capture_output=True, timeout=60,
        )  # fmt: skip


@contextmanager
def postgres_cluster() -> Iterator[PostgresCluster]:
    """initdb + start in a fresh folder under /tmp (readable by the postgres user); stop, remove."""
    bindir = _postgres_bindir()
    if bindir is None:
        _missing("PostgreSQL (initdb)")
        raise AssertionError  # unreachable: _missing skips or fails
    folder = Path(tempfile.mkdtemp(prefix="resumecore-fault-pg-"))
    folder.chmod(0o755)
    if os.getuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    cluster = PostgresCluster(bindir, folder / "data", free_port())
    try:
        cluster._run("initdb", "-D", str(cluster.data), "-U", "postgres", "--auth=trust", "-E",
                     "UTF8", "--locale=C.UTF-8", "--no-sync")  # fmt: skip
        cluster.pg_ctl("start")
        yield cluster
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):
            cluster.pg_ctl("stop", "-m", "immediate")
        shutil.rmtree(folder, ignore_errors=True)
