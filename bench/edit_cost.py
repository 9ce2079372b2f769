"""CPU cost of a one-item edit and of a 50-item bulk add by profile size, in process.

Seeds ``--users`` users, each with profiles of 10, 100 and 1,000 items, on a temporary SQLite
file, then sends through the real ASGI app (no server, no network), for each size:

- ``PUT /profiles/{id}/experiences`` with one changed experience;
- ``POST /profiles/{id}/certifications`` with 50 new certifications, each add followed by an
  untimed bulk DELETE of the 50, so the profile keeps its size. Certifications, because they
  are the kind with room at every size: a 1,000-item profile holds 200 roles (the cap), 200
  projects (the cap), 100 schools (the cap) and 100 certifications (of 200).

The users take turns, one request each, as concurrent clients would: with ``--users 32`` the
decoded profiles of 32 large profiles outgrow any per-process cache of them, which is what a
server sees under load. It reports the CPU time (``time.process_time``) per request for each
size and the ratio of the largest to the smallest. ``--profile`` prints a cProfile of the
largest size's PUTs.

    .venv/bin/python -m bench.edit_cost [--repeat 300] [--users 1] [--profile]
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import pstats
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx

from bench.seed import PROFILE_SIZES, Caller, seed_locally
from resumecore_server.entrypoints.bootstrap import build_application
from resumecore_server.entrypoints.http.app import create_app
from resumecore_server.entrypoints.settings import Settings

BULK = 50
CERTIFICATIONS = [
    {"name": f"Added certificate {i}", "issuer": "Linux Foundation", "date_obtained": "2022-03"}
    for i in range(BULK)
]
# A request: (client, caller, items in its profile, request number) -> its untimed clean-up.
Step = Callable[[httpx.AsyncClient, Caller, int, int], Awaitable[Callable[[], Awaitable[None]]]]


def _expect(response: httpx.Response, status: int) -> None:
    if response.status_code != status:
        msg = f"{response.request.method} answered {response.status_code}: {response.text[:300]}"
        raise RuntimeError(msg)


async def _nothing() -> None:
    return None


async def put_one(
    client: httpx.AsyncClient, caller: Caller, items: int, n: int
) -> Callable[[], Awaitable[None]]:
    """PUT one experience of the caller's profile of ``items`` items."""
    profile_id, first = caller.sized_profiles[items]
    body = [{**first, "title": f"Engineer {n}"}]
    path = f"/api/v1/profiles/{profile_id}/experiences"
    _expect(await client.put(path, json=body, headers=caller.headers), 200)
    return _nothing


async def add_fifty(
    client: httpx.AsyncClient, caller: Caller, items: int, _: int
) -> Callable[[], Awaitable[None]]:
    """POST 50 certifications; the clean-up deletes them again."""
    profile_id, _first = caller.sized_profiles[items]
    path = f"/api/v1/profiles/{profile_id}/certifications"
    response = await client.post(path, json=CERTIFICATIONS, headers=caller.headers)
    _expect(response, 201)
    ids = [item["id"] for item in response.json()]

    async def remove() -> None:
        body = {"certification_ids": ids}
        _expect(await client.request("DELETE", path, json=body, headers=caller.headers), 204)

    return remove


async def cpu_per_request(
    client: httpx.AsyncClient, callers: list[Caller], items: int, step: Step, count: int
) -> float:
    """Milliseconds of CPU per timed request (clean-ups not counted), callers taking turns."""
    spent = 0.0
    for n in range(count):
        start = time.process_time()
        clean_up = await step(client, callers[n % len(callers)], items, n)
        spent += time.process_time() - start
        await clean_up()
    return spent * 1000 / count


STEPS: dict[str, Step] = {"PUT 1 experience": put_one, f"POST {BULK} certifications": add_fifty}


async def measure(repeat: int, users: int, profile: bool) -> dict[str, dict[int, float]]:
    """Milliseconds of CPU per request, by step and profile size."""
    with tempfile.TemporaryDirectory() as data_dir:
        url = f"sqlite+inline:///{Path(data_dir) / 'edit.db'}"
        env = {
            "RESUMECORE_DATA_DIR": data_dir,
            "RESUMECORE_DATABASE_URL": url,
            "RESUMECORE_IP_REQUESTS_PER_MINUTE": "1000000",
            "RESUMECORE_LOG_LEVEL": "WARNING",
        }
        settings = Settings.from_env(env)
        callers = await seed_locally(settings, users, 0, PROFILE_SIZES)
        application = build_application(settings)
        transport = httpx.ASGITransport(app=create_app(application))
        costs: dict[str, dict[int, float]] = {name: {} for name in STEPS}
        try:
            async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
                for name, step in STEPS.items():
                    for items in PROFILE_SIZES:
                        warm = max(20, len(callers))  # caches and statements
                        await cpu_per_request(client, callers, items, step, warm)
                        costs[name][items] = await cpu_per_request(
                            client, callers, items, step, repeat
                        )
                if profile:
                    profiler = cProfile.Profile()
                    profiler.enable()
                    await cpu_per_request(client, callers, PROFILE_SIZES[-1], put_one, repeat)
                    profiler.disable()
                    pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)
        finally:
            await application.aclose()
        return costs


def main() -> None:
    """Print CPU ms per request for each step and size, and the ratio largest/smallest."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=300)
    parser.add_argument("--users", type=int, default=1, help="users taking turns (default 1)")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    costs = asyncio.run(measure(args.repeat, args.users, args.profile))
    smallest, largest = PROFILE_SIZES[0], PROFILE_SIZES[-1]
    for name, by_size in costs.items():
        for items, cost in by_size.items():
            print(f"{name}, {items:>6,} items: {cost:6.3f} ms CPU per request")
        print(f"{name}, ratio {largest:,}/{smallest:,}: {by_size[largest] / by_size[smallest]:.2f}")


if __name__ == "__main__":
    main()
