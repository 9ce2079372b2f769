"""A ``resumecore worker`` process killed with SIGKILL in the middle of a generation: once its
lease runs out, another worker process takes the task over and finishes it, exactly once.

Real processes on SQLite and PostgreSQL: the request goes through the app (no embedded
workers), the first worker is killed while the generation is running, a second one completes
it, and a SIGTERM stops that one cleanly.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import msgspec
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from resumecore.generation.verify import unsupported_lines
from resumecore.ids import ProfileId
from resumecore.model.generation import Generation
from resumecore.postings.vocabulary import default_vocabulary
from resumecore_server.adapters.sql.engine import make_engine
from resumecore_server.adapters.sql.tables import generations, tasks
from resumecore_server.entrypoints.bootstrap import Application
from tests.integration.http_helpers import (
    Client,
    app_client,
    bearer,
    register,
    units_of_work,
)
from tests.integration.security.test_load_regressions import profile_body
from tests.support.app import TEST_SECRET
from tests.support.clock import FakeClock

GENERATIONS = "/api/v1/generations"
LEASE_SECONDS = 2
POSTING = """Senior Backend Engineer
Acme Analytics - Berlin, Germany (Hybrid)

We are hiring a backend engineer to build our platform in Go and Terraform on Kubernetes.

Requirements
- 5+ years of Go and Python
- PostgreSQL, Terraform and Kubernetes in production
- Experience cutting latency of services

Nice to have
- Kafka
"""


@contextmanager
def worker_process(data_dir: Path, database_url: str) -> Iterator[subprocess.Popen[str]]:
    """``resumecore worker --workers 1`` on the test's database, with a 2 s lease."""
    environment = {
        **os.environ,
        "RESUMECORE_ENVIRONMENT": "test",
        "RESUMECORE_DATA_DIR": str(data_dir),
        "RESUMECORE_DATABASE_URL": database_url,
        "RESUMECORE_SECRET_KEY": TEST_SECRET,
        "RESUMECORE_PASSWORD_PEPPER": "test-pepper",
        "RESUMECORE_BCRYPT_ROUNDS": "4",
        "RESUMECORE_GENERATION_LEASE_SECONDS": str(LEASE_SECONDS),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "resumecore_server.entrypoints.cli", "worker", "--workers", "1"],
        env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=30)
        if process.stderr is not None:
            process.stderr.close()


async def snapshot(engine: AsyncEngine) -> tuple[list[Generation], list[Any]]:
    """Every generation as stored, and every task row (subject, state, attempts, worker)."""
    async with engine.connect() as connection:
        found = [
            msgspec.json.decode(row.payload, type=Generation)
            for row in await connection.execute(select(generations.c.payload))
        ]
        queued = (
            await connection.execute(
                select(tasks.c.subject_id, tasks.c.state, tasks.c.attempts, tasks.c.worker)
            )
        ).all()
    return list(found), list(queued)


async def wait_for(
    engine: AsyncEngine,
    process: subprocess.Popen[str],
    done: Any,
    seconds: float,
    what: str,
) -> tuple[list[Generation], list[Any]]:
    """Poll the database every 5 ms until ``done(generations, tasks)``; fail after ``seconds``."""
    deadline = time.monotonic() + seconds
    while True:
        rows = await snapshot(engine)
        if done(*rows):
            return rows
        if process.poll() is not None:
            stderr = process.stderr.read() if process.stderr else ""
            raise AssertionError(f"the worker exited ({process.returncode}): {stderr}")
        assert time.monotonic() < deadline, f"{what} within {seconds} s: {rows}"
        await asyncio.sleep(0.005)


def interrupted(found: list[Generation], queued: list[Any]) -> bool:
    """The run is under way: the task is leased and a stage of the generation has started."""
    return (
        [g.status for g in found] == ["running"]
        and any(s.status != "pending" for s in found[0].stages)
        and [q.state for q in queued] == ["leased"]
    )


def completed(found: list[Generation], queued: list[Any]) -> bool:
    """The generation is completed and its task settled (two transactions, in that order)."""
    return [g.status for g in found] == ["completed"] and [q.state for q in queued] == ["done"]


async def request_a_long_generation(client: Client) -> tuple[dict[str, str], str]:
    """A user with a 2,500-item profile asks for a resume; no worker runs it yet (202)."""
    headers = bearer((await register(client))["access_token"])
    profile = await client.post("/api/v1/profiles", json=profile_body(50, 49), headers=headers)
    assert profile.status_code == 201, profile.text
    job = await client.post("/api/v1/jobs", json={"raw_text": POSTING}, headers=headers)
    assert job.status_code == 201, job.text
    requested = await client.post(
        f"{GENERATIONS}/resume",
        json={"job_id": job.json()["id"]},
        headers={**headers, "Prefer": "wait=0"},
    )
    assert requested.status_code == 202, requested.text
    assert requested.json()["status"] == "pending"
    return headers, str(requested.json()["id"])


async def assert_written_once(application: Application, generation_id: str) -> None:
    """Completed on its second attempt, every stage done, no unsupported claim."""
    async with units_of_work(application) as uow_factory, uow_factory() as uow:
        generation = await uow.generations.get(generation_id)
        assert generation is not None
        stored_job = await uow.jobs.get(generation.job_id)
        stored_profile = await uow.profiles.get(ProfileId(generation.profile_id))
    assert generation.status == "completed"
    assert generation.attempts == 2
    assert generation.error is None
    assert [s.status for s in generation.stages] == ["completed"] * 6
    assert generation.document is not None
    assert generation.document.text.strip()
    assert stored_job is not None
    assert stored_profile is not None
    allowed = tuple(a for a in (stored_job.title, stored_job.company) if a)
    bad = unsupported_lines(generation.document, stored_profile, default_vocabulary(), allowed)
    assert bad == []


async def test_a_killed_worker_s_generation_is_finished_by_another_worker(
    tmp_path: Path, database_url: str
) -> None:
    clock = FakeClock(datetime.now(UTC))  # the worker processes use the real clock
    async with app_client(tmp_path, database_url, clock=clock, generation_workers=0) as (
        client,
        application,
    ):
        headers, generation_id = await request_a_long_generation(client)
        engine = make_engine(database_url)
        try:
            with worker_process(tmp_path, database_url) as first:
                await wait_for(engine, first, interrupted, 60, "the first worker started it")
                os.kill(first.pid, signal.SIGKILL)
                assert first.wait(timeout=10) == -signal.SIGKILL
            found, queued = await snapshot(engine)
            assert [(g.id, g.status) for g in found] == [(generation_id, "running")]
            assert [(q.state, q.attempts) for q in queued] == [("leased", 1)]
            assert found[0].attempts == 1
            assert found[0].document is None
            assert found[0].stages[-1].status == "pending"  # it never got to storing

            with worker_process(tmp_path, database_url) as second:
                found, queued = await wait_for(
                    engine, second, completed, 30, "the second worker finished it"
                )
                second.send_signal(signal.SIGTERM)
                assert second.wait(timeout=30) == 0
        finally:
            await engine.dispose()

        assert [g.id for g in found] == [generation_id]  # exactly one generation
        assert [(q.subject_id, q.state, q.attempts) for q in queued] == [
            (generation_id, "done", 2)
        ]  # exactly one task, taken over once
        await assert_written_once(application, generation_id)
        shown = await client.get(f"{GENERATIONS}/{generation_id}", headers=headers)
        assert shown.status_code == 200, shown.text
        assert shown.json()["status"] == "completed"
