"""CPU cost of a one-item edit by profile size, in process (no server, no network).

Seeds a user with profiles of 10, 100 and 1,000 items on a temporary SQLite file, then sends
``PUT /profiles/{id}/experiences`` with one changed experience through the real ASGI app and
reports the CPU time (``time.process_time``) per request for each size, and the ratio of the
largest to the smallest. ``--profile`` prints a cProfile of the largest size.

    .venv/bin/python -m bench.edit_cost [--repeat 300] [--profile]
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import pstats
import tempfile
import time
from pathlib import Path

import httpx

from bench.seed import PROFILE_SIZES, Caller, seed_locally
from resumecore_server.entrypoints.bootstrap import build_application
from resumecore_server.entrypoints.http.app import create_app
from resumecore_server.entrypoints.settings import Settings


async def _put_many(client: httpx.AsyncClient, caller: Caller, items: int, count: int) -> None:
    profile_id, first = caller.sized_profiles[items]
    path = f"/api/v1/profiles/{profile_id}/experiences"
    for n in range(count):
        body = [{**first, "title": f"Engineer {n}"}]
        response = await client.put(path, json=body, headers=caller.headers)
        if response.status_code != 200:
            msg = f"PUT answered {response.status_code}: {response.text[:300]}"
            raise RuntimeError(msg)


async def measure(repeat: int, profile: bool) -> dict[int, float]:
    """Milliseconds of CPU per PUT, by profile size."""
    with tempfile.TemporaryDirectory() as data_dir:
        url = f"sqlite+inline:///{Path(data_dir) / 'edit.db'}"
        env = {
            "RESUMECORE_DATA_DIR": data_dir,
            "RESUMECORE_DATABASE_URL": url,
            "RESUMECORE_IP_REQUESTS_PER_MINUTE": "1000000",
            "RESUMECORE_LOG_LEVEL": "WARNING",
        }
        settings = Settings.from_env(env)
        (caller,) = await seed_locally(settings, 1, 0, PROFILE_SIZES)
        application = build_application(settings)
        transport = httpx.ASGITransport(app=create_app(application))
        costs: dict[int, float] = {}
        try:
            async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
                for items in PROFILE_SIZES:
                    await _put_many(client, caller, items, 20)  # warm caches and statements
                    start = time.process_time()
                    await _put_many(client, caller, items, repeat)
                    costs[items] = (time.process_time() - start) * 1000 / repeat
                if profile:
                    profiler = cProfile.Profile()
                    profiler.enable()
                    await _put_many(client, caller, PROFILE_SIZES[-1], repeat)
                    profiler.disable()
                    pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)
        finally:
            await application.aclose()
        return costs


def main() -> None:
    """Print CPU ms per PUT for each size and the ratio largest/smallest."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=300)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    costs = asyncio.run(measure(args.repeat, args.profile))
    for items, cost in costs.items():
        print(f"{items:>6,} items: {cost:6.3f} ms CPU per PUT of one experience")
    smallest, largest = PROFILE_SIZES[0], PROFILE_SIZES[-1]
    print(f"ratio {largest:,}/{smallest:,}: {costs[largest] / costs[smallest]:.2f}")


if __name__ == "__main__":
    main()
