"""Fault: PostgreSQL restarted (``pg_ctl restart -m fast``) under a real ``resumecore serve``.

Four clients write and read while our own throwaway cluster restarts (never the shared one).
During the outage every failed answer is a 503 problem with ``Retry-After`` (no 500, no stack
trace in the body or the server's log); once PostgreSQL is back every client succeeds again;
and nothing is lost or half-written: each acknowledged write is stored, each unacknowledged
one is either wholly there or absent (a two-item batch is found with both items or neither).
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from resumecore.model.component_kinds import MAX_ITEMS
from resumecore_server.adapters.sql.migrate import upgrade
from tests.support.app import TEST_SECRET
from tests.support.throwaway_servers import PostgresCluster, free_port, postgres_cluster

pytestmark = pytest.mark.postgres
CLIENTS = 4
POSTING = "Data Engineer {marker}\nAcme - Berlin\n\nWe need Python and PostgreSQL.\n"


@contextmanager
def served(data_dir: Path, database_url: str) -> Iterator[str]:
    port = free_port()
    environment = {
        **os.environ,
        "RESUMECORE_ENVIRONMENT": "test",
        "RESUMECORE_DATA_DIR": str(data_dir),
        "RESUMECORE_DATABASE_URL": database_url,
        "RESUMECORE_SECRET_KEY": TEST_SECRET,
        "RESUMECORE_PASSWORD_PEPPER": "test-pepper",
        "RESUMECORE_BCRYPT_ROUNDS": "4",
        "RESUMECORE_LOG_LEVEL": "WARNING",
        "RESUMECORE_IP_REQUESTS_PER_MINUTE": "100000",
    }
    log = (data_dir / "server.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "resumecore_server.entrypoints.cli", "serve", "--port", str(port)],
        env=environment, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            assert process.poll() is None, (data_dir / "server.log").read_text()
            try:
                if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


@dataclass
class Writer:
    """One account's client and its record: sent values, acknowledged ones, batches, jobs."""

    http: httpx.AsyncClient
    headers: dict[str, str]
    profile_id: str
    item_id: str
    sent: list[str] = field(default_factory=list)
    acknowledged: list[str] = field(default_factory=list)
    batches: dict[str, bool] = field(default_factory=dict)  # marker -> acknowledged
    jobs: dict[str, str | None] = field(default_factory=dict)  # marker -> id when acknowledged
    failures: list[httpx.Response] = field(default_factory=list)
    successes_at: list[float] = field(default_factory=list)

    def answered(self, response: httpx.Response) -> bool:
        if response.status_code < 300:
            self.successes_at.append(time.monotonic())
            return True
        self.failures.append(response)
        return False

    async def round(self, n: int) -> None:
        profile = f"/api/v1/profiles/{self.profile_id}"
        text = f"edit {n} {uuid.uuid4().hex[:6]}"
        self.sent.append(text)
        patched = await self.http.patch(
            f"{profile}/experiences/{self.item_id}", json={"description": text},
            headers=self.headers,
        )  # fmt: skip
        if self.answered(patched):
            self.acknowledged.append(text)
        if 1 + 2 * (len(self.batches) + 1) <= MAX_ITEMS["experience"]:
            # A fast machine runs ~100 rounds: past the limit a batch is rightly refused (422).
            marker = f"batch-{uuid.uuid4().hex[:8]}"
            ops = [{"op": "add", "kind": "experience", "data": experience(marker)}] * 2
            batch = await self.http.post(
                f"{profile}/operations", json={"operations": ops}, headers=self.headers
            )
            self.batches[marker] = self.answered(batch)
        marker = f"job-{uuid.uuid4().hex[:8]}"
        job = await self.http.post(
            "/api/v1/jobs", json={"raw_text": POSTING.format(marker=marker)},
            headers={**self.headers, "Idempotency-Key": marker},
        )  # fmt: skip
        self.jobs[marker] = job.json()["id"] if self.answered(job) else None
        self.answered(await self.http.get(profile, headers=self.headers))


def experience(title: str) -> dict[str, str]:
    return {"title": title, "company": "Acme", "start_date": "2020-01", "description": "start"}


async def new_writer(http: httpx.AsyncClient, n: int) -> Writer:
    made = await http.post(
        "/api/v1/auth/register",
        json={"email": f"w{n}@example.com", "password": "a long passphrase", "full_name": "W"},
    )
    assert made.status_code == 201, made.text
    headers = {"Authorization": f"Bearer {made.json()['access_token']}"}
    body = {"personal_info": {"full_name": f"W {n}"}, "experiences": [experience("first")]}
    profile = await http.post("/api/v1/profiles", json=body, headers=headers)
    assert profile.status_code == 201, profile.text
    view = profile.json()
    return Writer(http, headers, view["id"], view["experiences"][0]["id"])


async def drive(writers: list[Writer], cluster: PostgresCluster) -> float:
    """Write for 1 s, restart PostgreSQL (the writers keep going), write 4 s more."""
    stop = asyncio.Event()

    async def loop(writer: Writer) -> None:
        n = 0
        while not stop.is_set():
            n += 1
            await writer.round(n)

    tasks = [asyncio.create_task(loop(w)) for w in writers]
    await asyncio.sleep(1)
    await asyncio.to_thread(cluster.pg_ctl, "restart", "-m", "fast")
    back_at = time.monotonic()
    await asyncio.sleep(4)
    stop.set()
    await asyncio.gather(*tasks)
    return back_at


async def assert_nothing_lost(writer: Writer) -> None:
    got = await writer.http.get(f"/api/v1/profiles/{writer.profile_id}", headers=writer.headers)
    assert got.status_code == 200, got.text
    items = got.json()["experiences"]
    edited = next(i for i in items if i["id"] == writer.item_id)
    last_acknowledged = writer.sent.index(writer.acknowledged[-1])
    assert edited["description"] in writer.sent[last_acknowledged:], "an acknowledged edit lost"
    titles = [i["title"] for i in items]
    for marker, acknowledged in writer.batches.items():
        count = titles.count(marker)
        assert count == (2 if acknowledged else count), f"acknowledged batch {marker}: {count}"
        assert count in {0, 2}, f"half a batch stored: {marker} x{count}"
    jobs = await every_job(writer)
    for marker, job_id in writer.jobs.items():
        found = [j for j in jobs if marker in (j.get("title") or "")]
        assert len(found) <= 1, f"job {marker} stored {len(found)} times"
        if job_id is not None:
            assert [j["id"] for j in found] == [job_id], f"acknowledged job {marker} lost"


async def every_job(writer: Writer) -> list[dict[str, Any]]:
    """All the writer's jobs, page by page (a fast machine stores more than one page)."""
    jobs: list[dict[str, Any]] = []
    while True:
        params = {"limit": 100, "offset": len(jobs)}
        listed = await writer.http.get("/api/v1/jobs", params=params, headers=writer.headers)
        assert listed.status_code == 200, listed.text
        jobs.extend(listed.json()["jobs"])
        if not listed.json()["pagination"]["hasMore"]:
            return jobs


async def test_a_postgres_restart_gives_503s_then_full_recovery_and_loses_nothing(
    tmp_path: Path,
) -> None:
    with postgres_cluster() as cluster:
        cluster.create_database("fault")
        url = cluster.url("fault")
        await asyncio.to_thread(upgrade, url)
        with served(tmp_path, url) as base:
            async with httpx.AsyncClient(base_url=base, timeout=30) as http:
                writers = [await new_writer(http, n) for n in range(CLIENTS)]
                back_at = await drive(writers, cluster)
                failures = [r for w in writers for r in w.failures]
                assert {r.status_code for r in failures} <= {503}, [
                    (r.request.method, r.request.url.path, r.status_code, r.text)
                    for r in failures
                    if r.status_code != 503
                ]
                for response in failures:
                    assert response.headers["Retry-After"].isdigit()
                    assert response.headers["Content-Type"].startswith("application/problem+json")
                    assert "Traceback" not in response.text
                for writer in writers:  # recovered: successes after the restart, then no failure
                    assert any(t > back_at + 1 for t in writer.successes_at)
                    before = len(writer.failures)
                    for n in range(3):
                        await writer.round(n)
                    assert writer.failures[before:] == [], "still failing after the restart"
                for writer in writers:
                    await assert_nothing_lost(writer)
                outage = len(failures)
        log = (tmp_path / "server.log").read_text(errors="replace")
        # No traceback at all: the queue worker and the export sweep log a database outage as
        # one line that says so (they logged the driver's traceback on every poll).
        stray = [line for line in log.splitlines() if "Traceback" in line]
        assert stray == [], log[-3000:]
        print(f"503s during the restart: {outage}")
