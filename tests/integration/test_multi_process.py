"""Two real ``resumecore serve`` processes on one database (SQLite file, PostgreSQL).

What must be shared across processes is: concurrent edits through both never lose an update,
one Idempotency-Key sent to both creates once, login failures on both add up to one lockout
(Redis), a generation asked of one runs exactly once, a held SQLite write lock makes writers
of both wait rather than fail; and ``serve --workers 2`` really starts two processes.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
import statistics
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import exc as sa_exc
from sqlalchemy import select

from resumecore.errors import StorageUnavailable
from resumecore_server.adapters.sql.engine import make_engine
from resumecore_server.adapters.sql.errors import translated_errors
from resumecore_server.adapters.sql.migrate import upgrade
from resumecore_server.adapters.sql.tables import tasks
from resumecore_server.entrypoints.cli import main
from resumecore_server.entrypoints.http.problems import domain_error_handler
from tests.support.profiles import experience, full_profile
from tests.support.server_processes import ServerProcess, server_environment
from tests.support.services import service_url

PASSWORD = "correct horse battery"
POSTING = """Senior Backend Engineer
Acme Analytics - Berlin, Germany (Hybrid)

Requirements
- 5+ years of Python
- PostgreSQL and Kubernetes in production
"""


@dataclass
class Pair:
    database_url: str
    urls: tuple[str, str]
    redis: bool

    def either(self, i: int) -> str:
        return self.urls[i % 2]


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def pair(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Pair]:
    """Two servers (two embedded generation workers each) on one database and one data dir."""
    data_dir = tmp_path_factory.mktemp("two-servers")
    if request.param == "sqlite":
        url = f"sqlite+inline:///{data_dir / 'shared.db'}"
    else:
        url = service_url("postgres")
    redis = os.environ.get("TEST_REDIS_URL", "")
    environment = server_environment(
        data_dir, url, **({"RESUMECORE_REDIS_URL": redis} if redis else {})
    )
    upgrade(url)
    # Started together: on a fresh SQLite file both seed the catalog at the same moment.
    servers = [ServerProcess(environment, data_dir / f"server-{i}.log") for i in range(2)]
    try:
        for server in servers:
            server.wait_ready()
        yield Pair(url, (servers[0].base_url, servers[1].base_url), bool(redis))
    finally:
        for server in servers:
            server.stop()


async def register(http: httpx.AsyncClient, base_url: str) -> tuple[str, dict[str, str]]:
    email = f"{uuid.uuid4().hex[:12]}@example.com"
    response = await http.post(
        f"{base_url}/api/v1/auth/register",
        json={"email": email, "password": PASSWORD, "full_name": "Ada"},
    )
    assert response.status_code == 201, response.text
    return email, {"Authorization": f"Bearer {response.json()['access_token']}"}


def titles(profile: dict[str, Any]) -> set[str]:
    return {item["title"] for item in profile["experiences"]}


async def test_concurrent_edits_through_both_servers_lose_no_update(pair: Pair) -> None:
    async with httpx.AsyncClient(timeout=60) as http:
        _, headers = await register(http, pair.urls[0])
        created = await http.post(
            f"{pair.urls[1]}/api/v1/profiles", json=full_profile(), headers=headers
        )
        assert created.status_code == 201, created.text
        profile_id, before = created.json()["id"], titles(created.json())
        responses = await asyncio.gather(
            *(
                http.post(
                    f"{pair.either(i)}/api/v1/profiles/{profile_id}/experiences",
                    json=[experience(100 + i)],
                    headers=headers,
                )
                for i in range(24)
            )
        )
        final = await http.get(f"{pair.urls[0]}/api/v1/profiles/{profile_id}", headers=headers)

    statuses = Counter(r.status_code for r in responses)
    # 409: the write retried its lost races and gave up (it says so); never a 5xx.
    assert set(statuses) <= {201, 409}, [r.text for r in responses if r.status_code >= 500]
    added = {
        f"Software Engineer {100 + i}" for i, r in enumerate(responses) if r.status_code == 201
    }
    assert len(added) >= 12, statuses
    assert titles(final.json()) == before | added
    assert final.json()["version"] == created.json()["version"] + len(added)


async def test_of_two_if_match_writes_through_both_servers_exactly_one_wins(pair: Pair) -> None:
    async with httpx.AsyncClient(timeout=60) as http:
        _, headers = await register(http, pair.urls[0])
        created = await http.post(
            f"{pair.urls[0]}/api/v1/profiles", json=full_profile(), headers=headers
        )
        url = f"/api/v1/profiles/{created.json()['id']}"
        conditional = {**headers, "If-Match": created.headers["etag"]}
        responses = await asyncio.gather(
            *(
                http.put(
                    pair.either(i) + url,
                    json={"professional_summary": f"summary {i}"},
                    headers=conditional,
                )
                for i in range(2)
            )
        )
        final = await http.get(pair.urls[1] + url, headers=headers)

    assert sorted(r.status_code for r in responses) == [200, 412], [r.text for r in responses]
    winner = next(i for i, r in enumerate(responses) if r.status_code == 200)
    assert final.json()["professional_summary"] == f"summary {winner}"
    assert final.json()["version"] == created.json()["version"] + 1


async def test_one_idempotency_key_sent_to_both_servers_creates_one_profile(pair: Pair) -> None:
    async with httpx.AsyncClient(timeout=60) as http:
        _, headers = await register(http, pair.urls[0])
        keys = [f"twins-{n}" for n in range(4)]
        rounds = [
            await asyncio.gather(
                *(
                    http.post(
                        f"{base_url}/api/v1/profiles",
                        json=full_profile(f"Ada {key}"),
                        headers={**headers, "Idempotency-Key": key},
                    )
                    for base_url in pair.urls
                )
            )
            for key in keys
        ]
        replays = [
            await http.post(
                f"{pair.urls[1]}/api/v1/profiles",
                json=full_profile(f"Ada {key}"),
                headers={**headers, "Idempotency-Key": key},
            )
            for key in keys
        ]
        listed = await http.get(f"{pair.urls[0]}/api/v1/profiles", headers=headers)

    assert listed.json()["total"] == len(keys)
    for twins, replay in zip(rounds, replays, strict=True):
        # 409: the twin's record was being stored at that moment (retrying replays it).
        assert sorted(r.status_code for r in twins) in ([201, 201], [201, 409])
        created = {r.json()["id"] for r in twins if r.status_code == 201}
        assert created == {replay.json()["id"]}
        assert replay.status_code == 201


@pytest.mark.redis
async def test_login_failures_on_both_servers_add_up_to_one_lockout(pair: Pair) -> None:
    assert pair.redis, service_url("redis")  # skips (or fails under CI) without Redis
    async with httpx.AsyncClient(timeout=60) as http:
        email, _ = await register(http, pair.urls[0])
        failures = [
            await http.post(
                f"{pair.either(i)}/api/v1/auth/login", json={"email": email, "password": "wrong!"}
            )
            for i in range(6)  # 3 per server: under the limit of 5 in either alone
        ]
        right = [
            await http.post(f"{url}/api/v1/auth/login", json={"email": email, "password": PASSWORD})
            for url in pair.urls
        ]

    assert [r.status_code for r in failures] == [401] * 5 + [429]
    assert [r.status_code for r in right] == [429, 429]
    assert all(int(r.headers["retry-after"]) > 0 for r in right)


async def test_a_generation_asked_of_one_server_runs_exactly_once(pair: Pair) -> None:
    async with httpx.AsyncClient(timeout=60) as http:
        _, headers = await register(http, pair.urls[0])
        profile = await http.post(
            f"{pair.urls[0]}/api/v1/profiles", json=full_profile(), headers=headers
        )
        assert profile.status_code == 201, profile.text
        job = await http.post(
            f"{pair.urls[1]}/api/v1/jobs",
            json={"source": "user_created", "raw_text": POSTING},
            headers=headers,
        )
        assert job.status_code == 201, job.text
        asked = await asyncio.gather(
            *(
                http.post(
                    f"{pair.either(i)}/api/v1/generations/resume",
                    json={"job_id": job.json()["id"], "max_experiences": 1 + i},
                    headers=headers,
                )
                for i in range(4)
            )
        )
        assert [r.status_code for r in asked] == [201] * 4, [r.text for r in asked]
        seen_elsewhere = [
            await http.get(
                f"{pair.either(i + 1)}/api/v1/generations/{r.json()['id']}", headers=headers
            )
            for i, r in enumerate(asked)
        ]

    assert [r.json()["status"] for r in seen_elsewhere] == ["completed"] * 4
    runs = await task_runs({r.json()["id"] for r in asked}, pair.database_url)
    assert runs == [("done", 1)] * 4  # one task each, claimed once: nobody ran it twice


async def task_runs(generation_ids: set[str], database_url: str) -> list[tuple[str, int]]:
    engine = make_engine(database_url)
    try:
        async with engine.connect() as connection:
            rows = (await connection.execute(select(tasks))).mappings().all()
    finally:
        await engine.dispose()
    return [(row["state"], row["attempts"]) for row in rows if row["subject_id"] in generation_ids]


@pytest.mark.parametrize("pair", ["sqlite"], indirect=True)  # SQLite's one writer at a time
async def test_a_held_sqlite_write_lock_makes_writers_of_both_servers_wait(pair: Pair) -> None:
    async with httpx.AsyncClient(timeout=60) as http:
        _, headers = await register(http, pair.urls[0])
        database = sqlite3.connect(pair.database_url.split("///", 1)[1], isolation_level=None)
        database.execute("BEGIN IMMEDIATE")  # the write lock, as a long writer would hold it
        writes = asyncio.gather(
            *(
                http.post(
                    f"{pair.either(i)}/api/v1/profiles",
                    json=full_profile(f"Ada {i}"),
                    headers=headers,
                )
                for i in range(4)
            )
        )
        await asyncio.sleep(1.0)
        database.execute("ROLLBACK")
        database.close()
        responses = await writes

    assert [r.status_code for r in responses] == [201] * 4, [r.text for r in responses]


@pytest.mark.alone
def test_serve_with_workers_2_runs_two_processes_that_share_the_port(tmp_path: Path) -> None:
    environment = server_environment(tmp_path, f"sqlite+inline:///{tmp_path / 'w.db'}")
    server = ServerProcess(environment, tmp_path / "server.log", ["--migrate", "--workers", "2"])
    try:
        server.wait_ready()
        deadline = time.monotonic() + 30
        while len(server.worker_processes()) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        workers = server.worker_processes()
        with httpx.Client(base_url=server.base_url, timeout=30) as kept_alive:
            times = []
            for _ in range(15):
                started = time.perf_counter()
                assert kept_alive.get("/health").status_code == 200
                times.append(time.perf_counter() - started)
        registered = httpx.post(
            f"{server.base_url}/api/v1/auth/register",
            json={"email": "ada@example.com", "password": PASSWORD, "full_name": "Ada"},
            timeout=30,
        )
    finally:
        server.stop()
    assert len(workers) == 2, server.log.read_text()
    # With Nagle left on, each answer on a kept-alive connection waits ~40 ms for a delayed ACK.
    assert statistics.median(times) < 0.03, times
    assert registered.status_code == 201, registered.text
    assert server.process.returncode == 0


def test_serve_refuses_a_worker_count_out_of_range(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--workers", "0"]) == 2
    assert "--workers must be between 1 and 32" in capsys.readouterr().err


def test_a_sqlite_lock_never_granted_is_503_with_retry_after_never_500() -> None:
    """Past the 30 s busy timeout the driver says "database is locked": the client may retry."""
    locked = sa_exc.OperationalError("UPDATE", {}, sqlite3.OperationalError("database is locked"))
    with pytest.raises(StorageUnavailable) as raised, translated_errors():
        raise locked
    response = domain_error_handler(None, raised.value)  # type: ignore[arg-type]
    assert response.status_code == 503
    assert int(response.headers["Retry-After"]) > 0
