"""Login and register latency at production bcrypt cost, against a real server on loopback.

Usage: .venv/bin/python bench/auth_latency.py [--requests 20] [--concurrency 1]
Starts `resumecore serve` with a fresh data directory (production settings, SQLite), drives a
bounded closed-loop load, prints p50/p99 and req/s, and stops the server by pid.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

PASSWORD = "correct horse battery staple"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(data_dir: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "RESUMECORE_DATA_DIR": str(data_dir), "RESUMECORE_LOG_LEVEL": "WARNING"}
    binary = Path(sys.executable).parent / "resumecore"
    return subprocess.Popen(
        [str(binary), "serve", "--migrate", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


async def wait_healthy(base: str, deadline_s: float = 30) -> None:
    async with httpx.AsyncClient() as client:
        end = time.monotonic() + deadline_s
        while time.monotonic() < end:
            try:
                if (await client.get(f"{base}/health")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.1)
    raise SystemExit("server did not become healthy")


async def drive(base: str, requests: int, concurrency: int) -> tuple[list[float], int, float]:
    latencies: list[float] = []
    errors = 0
    queue = list(range(requests))
    async with httpx.AsyncClient(base_url=base, timeout=60) as client:

        async def worker() -> None:
            nonlocal errors
            while queue:
                queue.pop()
                started = time.perf_counter()
                response = await client.post(
                    "/api/v1/auth/login", json={"email": "bench@example.com", "password": PASSWORD}
                )
                latencies.append((time.perf_counter() - started) * 1000)
                errors += response.status_code != 200

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    return latencies, errors, elapsed


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as data_dir:
        server = start_server(Path(data_dir), port)
        try:
            await wait_healthy(base)
            async with httpx.AsyncClient(base_url=base, timeout=60) as client:
                started = time.perf_counter()
                await client.post(
                    "/api/v1/auth/register",
                    json={"email": "bench@example.com", "password": PASSWORD, "full_name": "Bench"},
                )
                print(f"register (bcrypt cost 12): {(time.perf_counter() - started) * 1000:.0f} ms")
            for concurrency in args.concurrency:
                latencies, errors, elapsed = await drive(base, args.requests, concurrency)
                p99 = statistics.quantiles(latencies, n=100)[98]
                print(
                    f"login c={concurrency}: {len(latencies) / elapsed:.2f} req/s, "
                    f"p50 {statistics.median(latencies):.0f} ms, p99 {p99:.0f} ms, errors {errors}"
                )
        finally:
            server.send_signal(signal.SIGINT)
            server.wait(timeout=10)


if __name__ == "__main__":
    asyncio.run(main())
