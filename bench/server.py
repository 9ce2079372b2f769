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
    """``resumecore serve`` with production settings (bcrypt 12, access log off).

    ``workers``: ``serve --workers N``; CPU and memory are then summed over the process tree
    (peak: the sum of each process's own peak, an upper bound). ``command``: another server
    to run the same way (it is given the port as its first argument).
    """

    def __init__(
        self,
        data_dir: Path,
        database_url: str,
        extra_env: dict[str, str] | None = None,
        log_file: Path | None = None,
        workers: int = 1,
        command: list[str] | None = None,
    ) -> None:
        self.port = free_port()
        self.workers = workers
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
        serve = [str(binary), "serve", "--migrate", "--port"]
        self.process = subprocess.Popen(
            [*(command or serve), str(self.port)]
            + (["--workers", str(workers)] if workers > 1 else []),
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
                    self._settle(end)
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        msg = "the server did not become healthy"
        raise RuntimeError(msg)

    def _settle(self, end: float) -> None:
        """With several workers, one answering is not all started: wait until the tree idles."""
        if self.workers == 1:
            return
        while time.monotonic() < end:
            before = self.cpu_seconds()
            time.sleep(0.5)
            spawned = [p for p in self._pids() if b"spawn_main" in _cmdline(p)]
            if len(spawned) >= self.workers and self.cpu_seconds() - before < 0.05:
                return

    def _pids(self) -> list[int]:
        """The server and its descendants (uvicorn's supervisor, workers, resource tracker)."""
        pids, index = [self.process.pid], 0
        while index < len(pids):
            pid = pids[index]
            index += 1
            try:
                pids += map(int, Path(f"/proc/{pid}/task/{pid}/children").read_text().split())
            except FileNotFoundError:
                continue
        return pids

    def cpu_seconds(self) -> float:
        """CPU time of the whole process tree so far."""
        return sum(self.cpu_seconds_by_process().values())

    def cpu_seconds_by_process(self) -> dict[int, float]:
        """CPU time so far of each process of the tree, by pid."""
        seconds = {}
        for pid in self._pids():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except FileNotFoundError:
                continue
            seconds[pid] = (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
        return seconds

    def memory_mb(self) -> tuple[float, float]:
        """Current and peak resident memory in MB, summed over the process tree."""
        current = peak = 0
        for pid in self._pids():
            try:
                lines = Path(f"/proc/{pid}/status").read_text().splitlines()
            except FileNotFoundError:
                continue
            status = dict(line.split(":", 1) for line in lines)
            current += int(status["VmRSS"].split()[0])
            peak += int(status["VmHWM"].split()[0])
        return current / 1024, peak / 1024

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except FileNotFoundError:
        return b""
