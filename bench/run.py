"""``make bench``: throughput and latency of the profile API on a real server.

Starts the server as in production (SQLite by default; ``--database-url`` for PostgreSQL),
seeds users and realistic profiles through the project's own code, then drives each workload
with a closed-loop client at each concurrency, bounded by a request count and a deadline,
three times, and prints medians. ``--base-url name=url`` adds servers speaking this API (seeded
over HTTP) measured in the same run, interleaved, with a ratio column. The reads are also
measured against the framework's ceiling (``bench/ceiling.py``: a bare Litestar app serving the
same profile from memory, same server settings), interleaved, as a fraction of it. The client
is ``bench/loadgen.py`` (one kept-alive connection per simulated client). Results go to
bench/results/<timestamp>.json.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import json
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from bench.loadgen import Connection
from bench.seed import Caller, seed_locally, seed_over_http
from bench.server import Server
from bench.workloads import (
    ADDS_PER_SPARE,
    READS,
    WORKLOADS,
    Workload,
    get_primary,
    per_caller_counter,
    sizes_used,
)
from resumecore_server.entrypoints.settings import Settings


@dataclass
class Target:
    name: str
    base_url: str
    callers: list[Caller]
    server: Server | None = None
    # Request numbers per caller across the whole run, so spare profiles are used up in order.
    numbers: Any = None
    # The framework's ceiling: measured beside the reads only, always with GET /profiles/me.
    ceiling: bool = False

    def __post_init__(self) -> None:
        self.numbers = per_caller_counter()


async def drive(
    target: Target, workload: Workload, concurrency: int, count: int, deadline: float
) -> dict[str, Any]:
    """``count`` requests (or as many as ``deadline`` seconds allow) on ``concurrency`` clients.

    The clients' connections are open before the clock starts and the server's CPU is read:
    what is measured is requests on kept-alive connections, for every target alike, not a burst
    of 32 connects inside a window of a few hundred requests.
    """
    latencies: list[float] = []
    failures = 0
    unexpected: Counter[int] = Counter()
    sample: dict[int, bytes] = {}  # the first body of each unexpected status
    issued = 0
    numbers = target.numbers

    async def worker(connection: Connection) -> None:
        nonlocal failures, issued
        while issued < count and time.monotonic() < stop_at:
            caller_index = issued % len(target.callers)
            issued += 1
            request = workload(target.callers[caller_index], numbers(caller_index))
            raw = connection.encode(request.method, request.path, request.headers, request.json)
            started = time.perf_counter()
            status, body = await connection.send(raw)
            latencies.append((time.perf_counter() - started) * 1000)
            if status != request.expect:
                failures += 1
                unexpected[status] += 1
                sample.setdefault(status, body[:300])

    connections = [Connection(target.base_url) for _ in range(concurrency)]
    try:
        await asyncio.gather(*(connection.open() for connection in connections))
        cpu_before = target.server.cpu_seconds() if target.server else 0.0
        stop_at = time.monotonic() + deadline
        started = time.perf_counter()
        # One bound for the whole run rather than a timer per request (client CPU).
        async with asyncio.timeout(deadline + 60):
            await asyncio.gather(*(worker(connection) for connection in connections))
        elapsed = time.perf_counter() - started
        cpu = (target.server.cpu_seconds() - cpu_before) if target.server else 0.0
    finally:
        for connection in connections:
            connection.close()
    quantiles = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else latencies * 99
    if unexpected:  # which statuses, so a "bad" count can be chased down
        print(f"  {target.name} {workload.__name__} c={concurrency}: unexpected {dict(unexpected)}")
        for status, body in sample.items():
            print(f"    {status}: {body.decode(errors='replace')}")
    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50_ms": statistics.median(latencies),
        "p99_ms": quantiles[98],
        "unexpected_status": failures,
        "server_cpu_ms_per_request": 1000 * cpu / max(len(latencies), 1),
    }


async def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--database-url", default="", help="default: SQLite in a fresh data directory"
    )
    parser.add_argument("--base-url", action="append", default=[], metavar="NAME=URL")
    parser.add_argument("--users", type=int, default=32)
    parser.add_argument(
        "--requests", type=int, default=400, help="per workload, concurrency and run"
    )
    parser.add_argument("--seconds", type=float, default=10, help="deadline per measurement")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 32])
    parser.add_argument(
        "--workers",
        type=int,
        nargs="+",
        default=[1],
        help="server processes (serve --workers N); several counts: one server each, "
        "measured interleaved, with a ratio to the first",
    )
    parser.add_argument(
        "--sqlite-driver",
        nargs="+",
        default=["inline"],
        choices=["inline", "aiosqlite"],
        help="SQLite driver(s) of the server (sqlite+<driver>); several: one server each, "
        "measured interleaved, with a ratio to the first",
    )
    parser.add_argument(
        "--workload", action="append", default=[], help="only workloads whose name contains this"
    )
    parser.add_argument(
        "--no-ceiling",
        action="store_true",
        help="skip the bare-framework ceiling (bench/ceiling.py)",
    )
    args = parser.parse_args()
    workloads = {
        name: w
        for name, w in WORKLOADS.items()
        if not args.workload or any(part in name for part in args.workload)
    }
    args.workloads = list(workloads)
    # Requests go to callers in turn, so one caller gets up to ceil(requests / users) per run.
    adds = -(-args.requests // args.users) * args.runs * len(args.concurrency)
    spares = max(1, -(-adds // ADDS_PER_SPARE))
    with contextlib.ExitStack() as stack:
        targets = await start_servers(stack, args, spares)
        servers = [t.server for t in targets if t.server]
        for server in servers:
            server.wait_healthy()
        idle = [server.memory_mb()[0] for server in servers]
        for spec in args.base_url:
            name, _, url = spec.partition("=")
            callers = await seed_over_http(url, args.users, spares, sizes_used(workloads))
            targets.append(Target(name, url, callers))
        if not args.no_ceiling and any(name in READS for name in workloads):
            targets.append(await start_ceiling(stack, targets[0]))
        results = await measure(targets, workloads, args)
        memory = [(i, *server.memory_mb()) for i, server in zip(idle, servers, strict=True)]
    database = args.database_url or "+".join(f"sqlite+{d}" for d in args.sqlite_driver)
    report(results, targets, workloads, memory, database.split(":")[0], args)
    failed = unexpected_answers(results, targets)
    if failed:  # a server this bench started answered wrongly: the figures measure an error path
        print("unexpected statuses from this bench's servers: " + "; ".join(failed))
    return 1 if failed else 0


def unexpected_answers(results: dict[str, Any], targets: list[Target]) -> list[str]:
    """``"<target> <workload> c=<n>"`` for each measurement of a server this bench started that
    had an unexpected status (servers given by ``--base-url`` may answer otherwise)."""
    return [
        f"{target.name} {name} {concurrency}"
        for target in targets
        if target.server and not target.ceiling
        for name, rows in results[target.name].items()
        for concurrency, row in rows.items()
        if row["unexpected_status"]
    ]


async def start_servers(
    stack: contextlib.ExitStack, args: argparse.Namespace, spares: int
) -> list[Target]:
    """One server per worker count and SQLite driver, each seeded (a shared database once)."""
    variants = [(w, d) for d in args.sqlite_driver for w in args.workers]
    targets: list[Target] = []
    for workers, driver in variants:
        data_dir = stack.enter_context(tempfile.TemporaryDirectory())
        url = args.database_url or f"sqlite+{driver}:///{Path(data_dir) / 'resumecore.db'}"
        settings = Settings.from_env(
            {"RESUMECORE_DATA_DIR": data_dir, "RESUMECORE_DATABASE_URL": url}
        )
        if not targets or not args.database_url:
            seeded = await seed_locally(
                settings, args.users, spares * len(variants), sizes_used(args.workloads)
            )
        # One shared database is seeded once: each server adds to its own spare profiles.
        share = len(targets)
        callers = [
            dataclasses.replace(c, spare_profiles=c.spare_profiles[share :: len(variants)])
            for c in seeded
        ]
        server = Server(Path(data_dir), settings.database_url, workers=workers)
        stack.callback(server.stop)
        name = " ".join(
            ([f"{workers} worker" + "s" * (workers > 1)] if len(args.workers) > 1 else [])
            + ([driver] if len(args.sqlite_driver) > 1 and not args.database_url else [])
        )
        targets.append(Target(name or "resumecore", server.base_url, callers, server))
    return targets


async def start_ceiling(stack: contextlib.ExitStack, ours: Target) -> Target:
    """The bare framework serving the profile ``ours`` answers to GET /profiles/me."""
    caller = ours.callers[0]
    async with httpx.AsyncClient(base_url=ours.base_url, timeout=60) as client:
        response = await client.get("/api/v1/profiles/me", headers=caller.headers)
    response.raise_for_status()
    data_dir = Path(stack.enter_context(tempfile.TemporaryDirectory()))
    profile_file = data_dir / "profile.json"
    profile_file.write_bytes(response.content)
    command = [sys.executable, "-m", "bench.ceiling", str(profile_file)]
    server = Server(data_dir, "", command=command)
    stack.callback(server.stop)
    server.wait_healthy()
    return Target("ceiling", server.base_url, [caller], server, ceiling=True)


async def measure(
    targets: list[Target], workloads: dict[str, Workload], args: argparse.Namespace
) -> dict[str, Any]:
    results: dict[str, Any] = {}
    for name, workload in workloads.items():
        measured = [t for t in targets if not t.ceiling or name in READS]
        for concurrency in args.concurrency:
            runs: dict[str, list[dict[str, Any]]] = {t.name: [] for t in measured}
            for run in range(args.runs):
                order = measured if run % 2 == 0 else list(reversed(measured))  # ABBA
                for target in order:
                    chosen = get_primary if target.ceiling else workload
                    runs[target.name].append(
                        await drive(target, chosen, concurrency, args.requests, args.seconds)
                    )
            for target_name, samples in runs.items():
                results.setdefault(target_name, {}).setdefault(name, {})[f"c={concurrency}"] = {
                    **{key: statistics.median(s[key] for s in samples) for key in samples[0]},
                    "rps_runs": [s["rps"] for s in samples],
                }
    return results


def run_spread(ours: dict[str, Any], other: dict[str, Any]) -> str:
    """The ratio of each run to the other server's run of the same round (ABBA), when several."""
    ratios = sorted(a / b for a, b in zip(ours["rps_runs"], other["rps_runs"], strict=True) if b)
    return f" (runs {ratios[0]:.1f}-{ratios[-1]:.1f}x)" if len(ratios) > 1 else ""


def report(
    results: dict[str, Any],
    targets: list[Target],
    workloads: dict[str, Workload],
    memory: list[tuple[float, float, float]],
    db: str,
    args: argparse.Namespace,
) -> None:
    print(
        f"database: {db}; users: {args.users}; runs: {args.runs} (medians); load avg: {os.getloadavg()[0]:.2f}"
    )
    header = f"{'workload':42} {'c':>3} {'target':>12} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'cpu ms/req':>10} {'bad':>4}"
    print(header)
    for name in workloads:
        for concurrency in args.concurrency:
            ours = results[targets[0].name][name][f"c={concurrency}"]
            for target in targets:
                row = results[target.name].get(name, {}).get(f"c={concurrency}")
                if row is None:  # the ceiling is measured beside the reads only
                    continue
                ratio = ""
                if target.ceiling:
                    share = ours["rps"] / row["rps"]
                    ours["of_ceiling"] = share
                    ratio = f"  ours/ceiling {share:.2f} (1/{1 / share:.1f})"
                elif target.server and target is not targets[0]:  # another worker count
                    ratio = f"  this/first {row['rps'] / ours['rps']:.2f}x"
                elif target is not targets[0]:
                    ratio = f"  ours/this {ours['rps'] / row['rps']:.1f}x{run_spread(ours, row)}"
                print(
                    f"{name:42} {concurrency:>3} {target.name:>12} {row['rps']:>9.1f} {row['p50_ms']:>8.1f}"
                    f" {row['p99_ms']:>8.1f} {row['server_cpu_ms_per_request']:>10.2f} {row['unexpected_status']:>4.0f}{ratio}"
                )
    rss_mb = {}
    for target, (idle, rss, peak) in zip(targets, memory, strict=False):  # our servers first
        print(f"{target.name} RSS: idle {idle:.0f} MB, after {rss:.0f} MB, peak {peak:.0f} MB")
        rss_mb[target.name] = {"idle": idle, "end": rss, "peak": peak}
    out = Path(__file__).parent / "results"
    out.mkdir(exist_ok=True)
    path = out / f"{time.strftime('%Y%m%dT%H%M%S')}-{db}.json"
    path.write_text(
        json.dumps(
            {
                "database": db,
                "results": results,
                "rss_mb": rss_mb[targets[0].name],
                "rss_mb_by_target": rss_mb,
            },
            indent=2,
        )
    )
    print(f"results: {path}")


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
