"""Starting the service as in production, and reading its CPU and memory from /proc."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """``resumecore serve`` with production settings (bcrypt 12, one worker, access log off)."""

    def __init__(
        self,
        data_dir: Path,
        database_url: str,
        extra_env: dict[str, str] | None = None,
        log_file: Path | None = None,
    ) -> None:
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        env = {
            **os.environ,
            "RESUMECORE_DATA_DIR": str(data_dir),
            "RESUMECORE_DATABASE_URL": database_url,
            "RESUMECORE_LOG_LEVEL": "WARNING",
            "RESUMECORE_IP_REQUESTS_PER_MINUTE": "1000000",
            **(extra_env or {}),
        }
        binary = Path(sys.executable).parent / "resumecore"
        self.process = subprocess.Popen(
            [str(binary), "serve", "--migrate", "--port", str(self.port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log_file.open("ab") if log_file else subprocess.DEVNULL,
        )

    def wait_healthy(self, deadline_s: float = 60) -> None:
        end = time.monotonic() + deadline_s
        while time.monotonic() < end:
            if self.process.poll() is not None:
                msg = "the server exited during start-up"
                raise RuntimeError(msg)
            try:
                if httpx.get(f"{self.base_url}/health", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        msg = "the server did not become healthy"
        raise RuntimeError(msg)

    def cpu_seconds(self) -> float:
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS

    def memory_mb(self) -> tuple[float, float]:
        """Current and peak resident memory in MB."""
        status = dict(
            line.split(":", 1)
            for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines()
        )
        return int(status["VmRSS"].split()[0]) / 1024, int(status["VmHWM"].split()[0]) / 1024

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
