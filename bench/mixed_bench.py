"""Reads amid writes: does a driver running SQLite on the event loop stall the reads?

``sqlite+inline`` runs statements, commits and WAL checkpoints on the loop's thread, so a
long write delays every read of that process while it runs; aiosqlite runs them on threads of
its own. This starts one server per driver (same seeding), then, per round and per server
(interleaved, ABBA), runs ``--readers`` clients doing GET /profiles/me beside ``--writers``
clients doing POST /profiles (a full profile: about 20 rows in one transaction) for
``--seconds``, and prints the reads' p50/p99 and both rates.

    python -m bench.mixed_bench --readers 16 --writers 16 --seconds 10 --rounds 2
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import statistics
import tempfile
import time
from pathlib import Path

from bench.loadgen import Connection
from bench.seed import Caller, seed_locally
from bench.server import Server
from bench.workloads import Workload, create_full_profile, get_primary
from resumecore_server.entrypoints.settings import Settings


async def clients(
    base_url: str, callers: list[Caller], workload: Workload, count: int, stop_at: float
) -> tuple[list[float], int]:
    """``count`` closed-loop clients until ``stop_at``: latencies (ms) and unexpected statuses."""
    latencies: list[float] = []
    bad = 0

    async def client(index: int) -> None:
        nonlocal bad
        caller = callers[index % len(callers)]
        async with Connection(base_url) as connection:
            while time.monotonic() < stop_at:
                request = workload(caller, 0)
                raw = connection.encode(request.method, request.path, request.headers, request.json)
                started = time.perf_counter()
                status, _ = await connection.send(raw)
                latencies.append((time.perf_counter() - started) * 1000)
                bad += status != request.expect

    await asyncio.gather(*(client(i) for i in range(count)))
    return latencies, bad


async def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--drivers", nargs="+", default=["inline", "aiosqlite"])
    parser.add_argument("--readers", type=int, default=16)
    parser.add_argument("--writers", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    with contextlib.ExitStack() as stack:
        servers: dict[str, tuple[Server, list[Caller]]] = {}
        for driver in args.drivers:
            data_dir = Path(stack.enter_context(tempfile.TemporaryDirectory()))
            url = f"sqlite+{driver}:///{data_dir / 'resumecore.db'}"
            settings = Settings.from_env(
                {"RESUMECORE_DATA_DIR": str(data_dir), "RESUMECORE_DATABASE_URL": url}
            )
            callers = await seed_locally(settings, max(args.readers, args.writers), 0)
            server = Server(data_dir, url)
            stack.callback(server.stop)
            servers[driver] = (server, callers)
        for server, callers in servers.values():
            server.wait_healthy()
            # Warm-up, not reported: statement caches, the encoded-profile cache, pools.
            warm_until = time.monotonic() + 2
            await asyncio.gather(
                clients(server.base_url, callers, get_primary, args.readers, warm_until),
                clients(server.base_url, callers, create_full_profile, args.writers, warm_until),
            )
        print(
            f"{'driver':>10} {'reads/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'writes/s':>8} {'bad':>4}"
        )
        rounds = [args.drivers if r % 2 == 0 else args.drivers[::-1] for r in range(args.rounds)]
        for driver in [driver for order in rounds for driver in order]:  # ABBA
            server, callers = servers[driver]
            stop_at = time.monotonic() + args.seconds
            (reads, bad_reads), (writes, bad_writes) = await asyncio.gather(
                clients(server.base_url, callers, get_primary, args.readers, stop_at),
                clients(server.base_url, callers, create_full_profile, args.writers, stop_at),
            )
            p99 = statistics.quantiles(reads, n=100)[98]
            print(
                f"{driver:>10} {len(reads) / args.seconds:>8.0f} {statistics.median(reads):>7.1f}"
                f" {p99:>7.1f} {len(writes) / args.seconds:>8.1f} {bad_reads + bad_writes:>4}"
            )


if __name__ == "__main__":
    asyncio.run(main())
