"""Real ``resumecore serve`` processes for tests: started on free ports, waited for, stopped."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

import httpx

START_DEADLINE_SECONDS = 60.0


def free_port() -> int:
    """A TCP port nothing listens on now (the usual bind-to-0 trick)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def server_environment(data_dir: Path, database_url: str, **extra: str) -> dict[str, str]:
    """Fast hashing, generous quotas, quiet logs; every process gets the same secrets."""
    return {
        **os.environ,
        "RESUMECORE_ENVIRONMENT": "test",
        "RESUMECORE_DATA_DIR": str(data_dir),
        "RESUMECORE_DATABASE_URL": database_url,
        "RESUMECORE_SECRET_KEY": "s" * 64,
        "RESUMECORE_PASSWORD_PEPPER": "p" * 64,
        "RESUMECORE_BCRYPT_ROUNDS": "4",
        "RESUMECORE_LOG_LEVEL": "WARNING",
        "RESUMECORE_IP_REQUESTS_PER_MINUTE": "1000000",
        "RESUMECORE_GENERATIONS_PER_HOUR": "1000",
        "RESUMECORE_GENERATIONS_CONCURRENT": "32",
        **extra,
    }


class ServerProcess:
    """``python -m resumecore_server.entrypoints.cli serve <args>`` on a free loopback port."""

    def __init__(self, environment: Mapping[str, str], log: Path, args: Sequence[str] = ()) -> None:
        self.port = free_port()
        self.log = log
        self.base_url = f"http://127.0.0.1:{self.port}"
        command = [
            sys.executable,
            "-m",
            "resumecore_server.entrypoints.cli",
            "serve",
            "--port",
            str(self.port),
        ]
        # stderr to a file: a pipe nobody reads would block a chatty server.
        with log.open("a") as stderr:
            self.process = subprocess.Popen(
                [*command, *args], env=dict(environment), stdout=subprocess.DEVNULL, stderr=stderr
            )

    def wait_ready(self) -> None:
        """Until ``/health/ready`` answers 200; fails with the server's stderr if it exits."""
        deadline = time.monotonic() + START_DEADLINE_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                msg = f"the server exited with {self.process.returncode}: {self.log.read_text()}"
                raise RuntimeError(msg)
            try:
                if httpx.get(f"{self.base_url}/health/ready", timeout=10).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.05)
        msg = "the server did not become ready"
        raise RuntimeError(msg)

    def worker_processes(self) -> list[int]:
        """Pids of uvicorn's worker processes (spawned children; not the resource tracker)."""
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        found = []
        for pid in path.read_text().split():
            try:
                command = Path(f"/proc/{pid}/cmdline").read_bytes()
            except FileNotFoundError:  # exited meanwhile
                continue
            if b"spawn_main" in command:
                found.append(int(pid))
        return found

    def stop(self) -> None:
        """SIGTERM (uvicorn stops its workers too), then a kill after 20 s."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
