"""The soak's final consistency check: the state read back over HTTP against the clients' records.

For each account (two clients on one profile):

- every experience a client was told it added is there once, with the last description it was
  told was stored (or the one it sent without an answer); nothing it removed is back; no item is
  there that no client added (no duplicate, no stray);
- each client saw its acknowledged write versions strictly increase, no version was granted to
  two acknowledged writes (a lost update would share one), and the stored version is at least
  the highest acknowledged;
- every acknowledged job is listed exactly once; every acknowledged generation completes (within
  a drain deadline, the queue finishing its backlog); every acknowledged export can be fetched.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections import Counter
from collections.abc import Sequence
from typing import Any

import httpx

from bench.soak_client import MAYBE_REMOVED, PROFILES, SoakClient

DRAIN_SECONDS = 120


async def _get(http: httpx.AsyncClient, path: str, headers: dict[str, str], **kw: Any) -> Any:
    response = await http.get(path, headers=headers, **kw)
    response.raise_for_status()
    return response


async def check_profile(http: httpx.AsyncClient, pair: Sequence[SoakClient]) -> list[str]:
    first = pair[0]
    got = await _get(http, f"{PROFILES}/{first.profile_id}", first.headers)
    stored = {item["id"]: item for item in got.json()["experiences"]}
    version = int(got.headers["ETag"].strip('W/"'))
    problems: list[str] = []
    titles = Counter(item["title"] for item in stored.values())
    problems += [f"duplicated item {t!r} x{n}" for t, n in titles.items() if n > 1]
    known: set[str] = set()
    unsure: set[str] = set()
    granted: Counter[int] = Counter()
    for client in pair:
        record = client.record
        unsure |= record.unsure_adds
        granted.update(record.write_versions)
        versions = record.write_versions
        if any(b <= a for a, b in itertools.pairwise(versions)):
            problems.append(f"{client.name}: write versions not increasing {versions}")
        if versions and version < max(versions):
            problems.append(
                f"{client.name}: stored version {version} < acknowledged {max(versions)}"
            )
        for item_id in record.removed & set(stored):
            problems.append(f"{client.name}: removed item {item_id} is back")
        for item_id, owned in record.owned.items():
            known.add(item_id)
            item = stored.get(item_id)
            if item is None:
                if owned.pending != MAYBE_REMOVED:
                    problems.append(f"{client.name}: lost item {owned.title!r}")
                continue
            if item["description"] not in {owned.description, owned.pending}:
                problems.append(
                    f"{client.name}: lost write on {owned.title!r}: stored "
                    f"{item['description']!r}, acknowledged {owned.description!r}"
                )
    problems += [f"version {v} granted to {n} writes" for v, n in granted.items() if n > 1]
    strays = [i["title"] for k, i in stored.items() if k not in known and i["title"] not in unsure]
    problems += [f"stray item {title!r}" for title in strays]
    return problems


async def check_jobs(http: httpx.AsyncClient, pair: Sequence[SoakClient]) -> list[str]:
    listed: list[str] = []
    offset = 0
    while True:
        page = (
            await _get(
                http, "/api/v1/jobs", pair[0].headers, params={"limit": 100, "offset": offset}
            )
        ).json()
        listed += [job["id"] for job in page["jobs"]]
        offset += 100
        if offset >= page["pagination"]["total"]:
            break
    counts = Counter(listed)
    problems = [f"job {j} listed {n} times" for j, n in counts.items() if n > 1]
    for client in pair:
        problems += [f"{client.name}: lost job {j}" for j in client.record.jobs if j not in counts]
    return problems


async def check_generations_and_exports(http: httpx.AsyncClient, client: SoakClient) -> list[str]:
    problems: list[str] = []
    deadline = time.monotonic() + DRAIN_SECONDS
    for generation_id in client.record.generations:
        while True:
            got = await _get(http, f"/api/v1/generations/{generation_id}", client.headers)
            status = got.json()["status"]
            if status not in {"pending", "queued", "running"} or time.monotonic() > deadline:
                break
            await asyncio.sleep(0.2)
        if status != "completed":
            problems.append(f"{client.name}: generation {generation_id} ended {status}")
    for export_id in client.record.exports:
        found = await http.get(f"/api/v1/exports/files/{export_id}", headers=client.headers)
        if found.status_code != 200:
            problems.append(f"{client.name}: export {export_id} answers {found.status_code}")
    return problems


async def consistency_problems(
    http: httpx.AsyncClient, pairs: Sequence[Sequence[SoakClient]]
) -> list[str]:
    """Every mismatch between what the server stores and what it acknowledged (empty: none)."""
    problems: list[str] = []
    for pair in pairs:
        problems += await check_profile(http, pair)
        problems += await check_jobs(http, pair)
        for client in pair:
            problems += await check_generations_and_exports(http, client)
    return problems
