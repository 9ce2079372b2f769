"""``make soak``: a mixed workload against a real ``resumecore serve``, then a consistency check.

N clients (two per account and profile) run a closed loop for S seconds on loopback: profile and
job reads, PUT with If-Match and PATCH without on experiences, operations batches, jobs from
pasted text, resume generations (offline writer, embedded workers) and exports (Markdown, and
PDF with ``--pdf``). Then every client's record is checked against the state read back over HTTP
(``bench/soak_check.py``). The server's RSS is read from /proc every ``--sample-every`` seconds.

Pass: no response >= 500, no transport error, no request the driver got wrong (400/401/403/404),
no consistency problem, and, when the run has at least 9 samples, memory flat: sampling starts
after ``--warmup`` seconds (10: pools, caches and the PDF fonts fill up first), and the mean RSS
of the last third of the samples is at most ``--rss-growth`` (15 %) above the first third's.
Results go to bench/results/soak-<database>-<timestamp>.json; the exit status is 1 on a failure.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx

from bench.server import Server
from bench.soak_check import consistency_problems
from bench.soak_client import PROFILES, SoakClient

DRIVER_MISTAKES = {400, 401, 403, 404}
MIN_SAMPLES_FOR_MEMORY_RULE = 9


async def make_pairs(http: httpx.AsyncClient, clients: int, pdf: bool) -> list[list[SoakClient]]:
    """Register one account per two clients, concurrently (bcrypt at production cost)."""
    return list(await asyncio.gather(*(_pair(http, n, pdf) for n in range(max(1, clients // 2)))))


async def _pair(http: httpx.AsyncClient, account: int, pdf: bool) -> list[SoakClient]:
    """One account, its profile (no experience yet) and its two clients, each adding two."""
    made = await http.post(
        "/api/v1/auth/register",
        json={"email": f"soak{account}@example.com", "password": "soak passphrase 2026",
              "full_name": f"Soak {account}"},
    )  # fmt: skip
    made.raise_for_status()
    headers = {"Authorization": f"Bearer {made.json()['access_token']}"}
    body = {"personal_info": {"full_name": f"Soak {account}", "email": "s@example.com"},
            "skills": {"technical": ["Python", "PostgreSQL"]}}  # fmt: skip
    profile = await http.post(PROFILES, json=body, headers=headers)
    profile.raise_for_status()
    pair = [
        SoakClient(http, f"a{account}c{n}", headers, profile.json()["id"], pdf) for n in range(2)
    ]
    for client in pair:
        await client.bulk()  # each starts with items of its own
    return pair


async def sample_rss(
    server: Server, every: float, warmup: float, samples: list[float], stop: asyncio.Event
) -> None:
    """RSS every ``every`` seconds once ``warmup`` seconds have passed (caches, fonts, pools)."""
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), timeout=warmup)
    while not stop.is_set():
        samples.append(server.memory_mb()[0])
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=every)


def memory_verdict(samples: list[float], growth: float) -> dict[str, Any]:
    third = len(samples) // 3
    if len(samples) < MIN_SAMPLES_FOR_MEMORY_RULE:
        return {"flat": None, "samples_mb": samples, "rule": "not applied: too few samples"}
    first, last = statistics.mean(samples[:third]), statistics.mean(samples[-third:])
    return {
        "flat": last <= first * (1 + growth),
        "first_third_mean_mb": round(first, 1),
        "last_third_mean_mb": round(last, 1),
        "peak_mb": round(max(samples), 1),
        "rule": f"after the warm-up, mean RSS of the last third <= first third's + {growth:.0%}",
        "samples_mb": [round(s, 1) for s in samples],
    }


async def soak(args: argparse.Namespace, server: Server) -> dict[str, Any]:
    limits = httpx.Limits(max_connections=args.clients + 4)
    async with httpx.AsyncClient(base_url=server.base_url, timeout=60, limits=limits) as http:
        pairs = await make_pairs(http, args.clients, args.pdf)
        clients = [client for pair in pairs for client in pair]
        samples: list[float] = []
        stop = asyncio.Event()
        sampler = asyncio.create_task(
            sample_rss(server, args.sample_every, args.warmup, samples, stop)
        )
        end = time.monotonic() + args.seconds

        async def loop(client: SoakClient) -> None:
            while time.monotonic() < end:
                await client.step()

        started = time.perf_counter()
        await asyncio.gather(*(loop(c) for c in clients))
        elapsed = time.perf_counter() - started
        stop.set()
        await sampler
        problems = await consistency_problems(http, pairs)
    statuses: Counter[int] = Counter()
    for client in clients:
        statuses.update(client.record.statuses)
    return {
        "clients": len(clients),
        "seconds": round(elapsed, 1),
        "requests": sum(statuses.values()),
        "requests_per_second": round(sum(statuses.values()) / elapsed, 1),
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "statuses_by_action": dict(
            sorted(sum((c.record.by_action for c in clients), Counter()).items())
        ),
        "server_errors": [e for c in clients for e in c.record.server_errors][:20],
        "transport_errors": sum(c.record.transport_errors for c in clients),
        "acknowledged": {
            "writes": sum(len(c.record.write_versions) for c in clients),
            "jobs": sum(len(c.record.jobs) for c in clients),
            "generations": sum(len(c.record.generations) for c in clients),
            "exports": sum(len(c.record.exports) for c in clients),
        },
        "consistency_problems": problems,
        "memory": memory_verdict(samples, args.rss_growth),
    }


def failures(result: dict[str, Any]) -> list[str]:
    found = []
    statuses = {int(k): v for k, v in result["statuses"].items()}
    if any(status >= 500 for status in statuses):
        found.append(f"responses >= 500: {result['server_errors']}")
    if mistakes := {s: n for s, n in statuses.items() if s in DRIVER_MISTAKES}:
        found.append(f"requests the driver got wrong: {mistakes}")
    if result["transport_errors"]:
        found.append(f"{result['transport_errors']} transport errors")
    found += result["consistency_problems"]
    if result["memory"]["flat"] is False:
        found.append(f"memory not flat: {result['memory']}")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--database-url", default="", help="default: a SQLite file")
    parser.add_argument("--pdf", action="store_true", help="half the exports as PDF (Typst)")
    parser.add_argument("--sample-every", type=float, default=3)
    parser.add_argument("--rss-growth", type=float, default=0.15)
    parser.add_argument("--warmup", type=float, default=10, help="seconds before RSS sampling")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="resumecore-soak-") as folder:
        data = Path(folder)
        url = args.database_url or f"sqlite+aiosqlite:///{data / 'soak.db'}"
        database = url.split("+", 1)[0].split(":", 1)[0]
        log = data / "server.log"
        # Loopback soak: the per-user generation quota (30/h) would turn most generations into
        # 429s after the first minute; lifted so the queue and the writer get real load.
        server = Server(data, url, {"RESUMECORE_GENERATIONS_PER_HOUR": "1000000"}, log_file=log)
        try:
            server.wait_healthy()
            result = {"database": database, **asyncio.run(soak(args, server))}
        finally:
            server.stop()
            server_log = log.read_text(errors="replace")
        tracebacks = server_log.count("Traceback")
        if tracebacks or server.process.returncode not in {0, -2}:
            print(server_log[-4000:], file=sys.stderr)
    result["server_tracebacks"] = tracebacks
    found = failures(result) + (
        [f"{tracebacks} tracebacks in the server log"] if tracebacks else []
    )
    result["failures"] = found
    out = Path("bench/results") / f"soak-{database}-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2))
    summary = {k: v for k, v in result.items() if k != "memory"}
    summary["memory"] = {k: v for k, v in result["memory"].items() if k != "samples_mb"}
    print(json.dumps(summary, indent=2))
    print(f"soak {database}: {'FAIL' if found else 'PASS'} ({out})")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
