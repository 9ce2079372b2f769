"""Reads at concurrency 32 with one and with several server processes (``serve --workers``).

Seeds users through the project's code into one SQLite file (production settings), starts one
server per worker count on it, and loads ``GET /api/v1/profiles/me`` with wrk, rotating through
the users' tokens: wrk is C, so the load generator takes little of the cores the servers share
(bench.run's Python client takes 0.07-0.12 ms of CPU per request, a fifth of the server's). Without wrk
on PATH it falls back to that Python client. Runs are interleaved (ABBA); medians are printed
with the server CPU per request (whole process tree), the cores the servers got (req/s x CPU
per request: on a shared machine, less than the worker count says other work took the rest),
the client's CPU, the busiest process's share of the servers' CPU (about 1/N when the workers
share the load) and the ratio to the first worker count.

    python -m bench.workers_bench --workers 1 2 --seconds 10 --runs 3
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.run import Target, drive
from bench.seed import Caller, seed_locally
from bench.server import Server
from bench.workloads import get_primary
from resumecore_server.entrypoints.settings import Settings

WRK_SCRIPT = """
tokens = {%s}
counter = 0
request = function()
  counter = counter + 1
  local token = tokens[(counter %% #tokens) + 1]
  return wrk.format("GET", "/api/v1/profiles/me", {["Authorization"] = token})
end
done = function(summary, latency, requests)
  io.write(string.format('RESULT {"requests": %%d, "seconds": %%f, "bad": %%d, '
    .. '"p50_ms": %%f, "p99_ms": %%f}\\n', summary.requests, summary.duration / 1e6,
    summary.errors.status + summary.errors.connect + summary.errors.read
      + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
"""


def wrk_run(server: Server, script: Path, concurrency: int, seconds: float) -> dict[str, Any]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_before = server.cpu_seconds()
    done = subprocess.run(
        ["wrk", "-t2", f"-c{concurrency}", f"-d{round(seconds)}s", "-s", str(script), server.base_url],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    line = next(x for x in done.stdout.splitlines() if x.startswith("RESULT "))
    result: dict[str, Any] = json.loads(line.removeprefix("RESULT "))
    requests = max(result["requests"], 1)
    return {
        "rps": result["requests"] / result["seconds"],
        "p50_ms": result["p50_ms"],
        "p99_ms": result["p99_ms"],
        "bad": result["bad"],
        "server_cpu_ms": 1000 * (server.cpu_seconds() - cpu_before) / requests,
        "client_cpu_ms": 1000
        * (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        / requests,
    }


async def python_run(
    server: Server, callers: list[Caller], concurrency: int, seconds: float
) -> dict[str, Any]:
    target = Target("resumecore", server.base_url, callers, server)
    client_before = time.process_time()  # this process is the client
    row = await drive(target, get_primary, concurrency, 10**9, seconds)
    client_cpu = time.process_time() - client_before
    return {
        "rps": row["rps"],
        "p50_ms": row["p50_ms"],
        "p99_ms": row["p99_ms"],
        "bad": row["unexpected_status"],
        "server_cpu_ms": row["server_cpu_ms_per_request"],
        "client_cpu_ms": 1000 * client_cpu / max(row["requests"], 1),
    }


def busiest_share(before: dict[int, float], after: dict[int, float]) -> float:
    """The busiest process's part of the tree's CPU between two readings.

    1.0 with one worker; about 1/N when N workers share the load, near 1.0 when one worker
    took the connections (the supervisor and the resource tracker add almost nothing).
    """
    used = [after[pid] - before.get(pid, 0.0) for pid in after]
    return max(used) / sum(used) if sum(used) > 0 else float("nan")


async def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--users", type=int, default=32)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--python-client", action="store_true", help="even when wrk is there")
    args = parser.parse_args()
    use_wrk = shutil.which("wrk") is not None and not args.python_client
    with tempfile.TemporaryDirectory() as data_dir:
        settings = Settings.from_env({"RESUMECORE_DATA_DIR": data_dir})
        callers = await seed_locally(settings, args.users, 1)
        script = Path(data_dir) / "profiles_me.lua"
        tokens = ", ".join(json.dumps(c.headers["Authorization"]) for c in callers)
        script.write_text(WRK_SCRIPT % tokens)
        servers = [Server(Path(data_dir), settings.database_url, workers=n) for n in args.workers]
        try:
            for server in servers:
                server.wait_healthy()
            runs: dict[int, list[dict[str, Any]]] = {n: [] for n in args.workers}
            for run in range(args.runs):
                order = servers if run % 2 == 0 else servers[::-1]
                for server in order:
                    before = server.cpu_seconds_by_process()
                    if use_wrk:
                        row = wrk_run(server, script, args.concurrency, args.seconds)
                    else:
                        row = await python_run(server, callers, args.concurrency, args.seconds)
                    row["busiest_share"] = busiest_share(before, server.cpu_seconds_by_process())
                    runs[server.workers].append(row)
        finally:
            for server in servers:
                server.stop()
    report(runs, args, "wrk" if use_wrk else "python client")


def report(runs: dict[int, list[dict[str, Any]]], args: argparse.Namespace, client: str) -> None:
    print(
        f"GET /profiles/me, SQLite, c={args.concurrency}, {client}, {args.runs} runs of "
        f"{args.seconds:g} s (medians); cores: {os.cpu_count()}; "
        f"load avg: {os.getloadavg()[0]:.2f}"
    )
    print(
        f"{'workers':>7} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'server cpu ms/req':>18} "
        f"{'server cores':>12} {'client cpu ms/req':>18} {'bad':>4} {'busiest':>8} {'vs first':>9}"
    )
    first = statistics.median(r["rps"] for r in runs[args.workers[0]])
    for workers, rows in runs.items():
        med = {key: statistics.median(r[key] for r in rows) for key in rows[0]}
        print(
            f"{workers:>7} {med['rps']:>9.1f} {med['p50_ms']:>8.1f} {med['p99_ms']:>8.1f} "
            f"{med['server_cpu_ms']:>18.2f} {med['rps'] * med['server_cpu_ms'] / 1000:>12.2f} "
            f"{med['client_cpu_ms']:>18.2f} {med['bad']:>4.0f} {med['busiest_share']:>8.2f} "
            f"{med['rps'] / first:>8.2f}x"
        )
        print("        runs (req/s): " + ", ".join(f"{r['rps']:.0f}" for r in rows))


if __name__ == "__main__":
    asyncio.run(main())
