"""The TaskQueue contract, on the in-memory fake, SQLite, PostgreSQL and saq (Redis).

Order (oldest ``available_at`` first), atomic claims (ten claimers racing, each SQL claimer on
its own engine so the race reaches the database), leases that expire and are taken over,
heartbeats that only the current holder can make, retries with backoff, death after the last
attempt, and completion that is final.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Protocol

import pytest
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncEngine

from resumecore.ports.generations import Task, TaskQueue
from resumecore_server.adapters.memory.task_queue import MemoryTaskQueue
from resumecore_server.adapters.queue.saq_queue import SaqTaskQueue
from resumecore_server.adapters.sql.engine import make_engine
from resumecore_server.adapters.sql.task_queue import SqlTaskQueue
from tests.support.databases import wipe
from tests.support.services import service_url

BACKENDS = [
    "memory",
    "sqlite",
    pytest.param("postgres", marks=pytest.mark.postgres),
    pytest.param("saq", marks=pytest.mark.redis),
]

# Microseconds on purpose: comparisons must not lose them.
T0 = datetime(2026, 1, 15, 12, 0, 0, 123456, tzinfo=UTC)
LEASE = 30.0
KIND = "generate"


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


class InspectableQueue(TaskQueue, Protocol):
    """The port plus ``get``, which both adapters offer for tests and operators."""

    async def get(self, task_id: str) -> Task | None: ...


QueueFactory = Callable[[], Awaitable[InspectableQueue]]


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> tuple[str, str | None]:
    """The backend and its URL. Sync on purpose: migrating runs its own event loop."""
    if request.param == "memory":
        return ("memory", None)
    if request.param == "saq":
        return ("saq", service_url("redis"))
    return ("sql", str(request.getfixturevalue(f"{request.param}_url")))


@pytest.fixture
async def new_queue(backend: tuple[str, str | None]) -> AsyncIterator[QueueFactory]:
    """Opens queues over one empty store; every SQL or saq queue has its own connections."""
    kind, storage_url = backend
    if storage_url is None:
        shared = MemoryTaskQueue()

        async def memory() -> InspectableQueue:
            return shared

        yield memory
        return
    if kind == "saq":
        async for factory in _saq_queues(storage_url):
            yield factory
        return
    engines: list[AsyncEngine] = []

    async def sql() -> InspectableQueue:
        engine = make_engine(storage_url)
        engines.append(engine)
        return SqlTaskQueue(engine)

    await sql()
    await wipe(engines[0])
    try:
        yield sql
    finally:
        for engine in engines:
            await engine.dispose()


async def _saq_queues(redis_url: str) -> AsyncIterator[QueueFactory]:
    """saq queues of one fresh name (no test sees another's tasks); its keys deleted after."""
    name = f"contract-{uuid.uuid4().hex}"
    queues: list[SaqTaskQueue] = []

    async def saq() -> InspectableQueue:
        opened = SaqTaskQueue(redis_url, name=name)
        queues.append(opened)
        return opened

    try:
        yield saq
    finally:
        for opened in queues:
            await opened.aclose()
        client = Redis.from_url(redis_url)
        try:
            for pattern in (f"saq:{name}:*", f"saq:job:{name}:*"):
                keys = [key async for key in client.scan_iter(match=pattern)]
                if keys:
                    await client.delete(*keys)
        finally:
            await client.aclose()


@pytest.fixture
async def queue(new_queue: QueueFactory) -> InspectableQueue:
    return await new_queue()


async def claim(queue: TaskQueue, worker: str = "w1", *, seconds: float = 0) -> Task | None:
    return await queue.claim(worker, now=at(seconds), lease_seconds=LEASE)


# --- enqueue and claim -------------------------------------------------------------------------


async def test_a_claimed_task_is_leased_to_the_worker(queue: InspectableQueue) -> None:
    queued = await queue.enqueue(KIND, "gen-1", at=T0)
    assert (queued.kind, queued.subject_id, queued.state, queued.attempts) == (
        KIND,
        "gen-1",
        "queued",
        0,
    )
    assert await queue.get(queued.id) == queued

    claimed = await claim(queue, "w1", seconds=1)

    assert claimed is not None
    assert (claimed.id, claimed.kind, claimed.subject_id) == (queued.id, KIND, "gen-1")
    assert (claimed.state, claimed.worker, claimed.attempts) == ("leased", "w1", 1)
    assert claimed.lease_until == at(1 + LEASE)
    assert claimed.available_at == T0
    assert await queue.get(queued.id) == claimed
    assert await claim(queue, "w2", seconds=2) is None


async def test_an_empty_queue_hands_out_nothing(queue: InspectableQueue) -> None:
    assert await claim(queue) is None
    assert await queue.get("no-such-task") is None


async def test_a_task_is_not_available_before_its_time(queue: InspectableQueue) -> None:
    task = await queue.enqueue(KIND, "gen-1", at=at(10))

    assert (
        await queue.claim("w1", now=at(10) - timedelta(microseconds=1), lease_seconds=LEASE) is None
    )
    claimed = await claim(queue, seconds=10)
    assert claimed is not None
    assert claimed.id == task.id


async def test_claims_are_first_in_first_out_by_available_at(queue: InspectableQueue) -> None:
    third = await queue.enqueue(KIND, "third", at=at(3))
    first = await queue.enqueue(KIND, "first", at=at(1))
    second = await queue.enqueue(KIND, "second", at=at(2))
    not_yet = await queue.enqueue(KIND, "later", at=at(100))

    claimed = [await claim(queue, seconds=10) for _ in range(4)]

    assert [t.id if t else None for t in claimed] == [first.id, second.id, third.id, None]
    assert (await queue.get(not_yet.id)) == not_yet


async def test_ten_racing_claimers_get_one_task_exactly_once(new_queue: QueueFactory) -> None:
    claimers = [await new_queue() for _ in range(10)]
    for round_number in range(3):
        task = await claimers[0].enqueue(KIND, f"gen-{round_number}", at=T0)

        results = await asyncio.gather(
            *(claim(q, f"w{i}", seconds=1) for i, q in enumerate(claimers))
        )

        won = [r for r in results if r is not None]
        assert [t.id for t in won] == [task.id]
        stored = await claimers[0].get(task.id)
        assert stored is not None
        assert (stored.worker, stored.attempts) == (won[0].worker, 1)


async def test_racing_claimers_share_tasks_without_duplicates(new_queue: QueueFactory) -> None:
    claimers = [await new_queue() for _ in range(10)]
    queued = [await claimers[0].enqueue(KIND, f"gen-{n}", at=at(n / 100)) for n in range(6)]

    results = await asyncio.gather(*(claim(q, f"w{i}", seconds=1) for i, q in enumerate(claimers)))

    won = [r.id for r in results if r is not None]
    assert sorted(won) == sorted(t.id for t in queued)
    assert results.count(None) == 4


# --- leases and heartbeats ---------------------------------------------------------------------


async def test_an_expired_lease_is_claimed_by_another_worker(queue: InspectableQueue) -> None:
    await queue.enqueue(KIND, "gen-1", at=T0)
    old = await claim(queue, "crashed", seconds=0)
    assert old is not None

    assert await claim(queue, "w2", seconds=LEASE) is None  # the lease runs until LEASE
    taken = await claim(queue, "w2", seconds=LEASE + 1)

    assert taken is not None
    assert (taken.id, taken.worker, taken.attempts) == (old.id, "w2", 2)
    assert await queue.heartbeat(old, now=at(LEASE + 2), lease_seconds=LEASE) is False
    assert await queue.retry(old, at=at(50), error="late", max_attempts=5) is False
    assert await queue.get(old.id) == taken
    assert await queue.heartbeat(taken, now=at(LEASE + 2), lease_seconds=LEASE) is True


async def test_a_worker_of_the_same_name_taking_its_task_again_ends_the_old_lease(
    queue: InspectableQueue,
) -> None:
    await queue.enqueue(KIND, "gen-1", at=T0)
    old = await claim(queue, "w1", seconds=0)
    again = await claim(queue, "w1", seconds=LEASE + 1)
    assert old is not None
    assert again is not None

    assert await queue.heartbeat(old, now=at(LEASE + 2), lease_seconds=LEASE) is False
    assert await queue.heartbeat(again, now=at(LEASE + 2), lease_seconds=LEASE) is True


async def test_a_heartbeat_extends_the_lease(queue: InspectableQueue) -> None:
    await queue.enqueue(KIND, "gen-1", at=T0)
    task = await claim(queue, "w1", seconds=0)
    assert task is not None

    assert await queue.heartbeat(task, now=at(20), lease_seconds=LEASE) is True

    stored = await queue.get(task.id)
    assert stored is not None
    assert stored.lease_until == at(20 + LEASE)
    assert await claim(queue, "w2", seconds=LEASE + 1) is None
    taken = await claim(queue, "w2", seconds=20 + LEASE + 1)
    assert taken is not None
    assert taken.worker == "w2"


async def test_a_late_heartbeat_keeps_a_task_nobody_took_over(queue: InspectableQueue) -> None:
    await queue.enqueue(KIND, "gen-1", at=T0)
    task = await claim(queue, "w1", seconds=0)
    assert task is not None

    assert await queue.heartbeat(task, now=at(LEASE + 5), lease_seconds=LEASE) is True

    assert await claim(queue, "w2", seconds=LEASE + 6) is None


async def test_a_heartbeat_for_a_task_never_claimed_is_false(queue: InspectableQueue) -> None:
    queued = await queue.enqueue(KIND, "gen-1", at=T0)

    assert await queue.heartbeat(queued, now=at(1), lease_seconds=LEASE) is False
    assert await queue.get(queued.id) == queued


# --- retries, death and completion -------------------------------------------------------------


async def test_a_retried_task_comes_back_only_after_its_backoff(queue: InspectableQueue) -> None:
    await queue.enqueue(KIND, "gen-1", at=T0)
    first = await claim(queue, "w1", seconds=1)
    assert first is not None

    assert await queue.retry(first, at=at(60), error="writer timed out", max_attempts=3) is True

    stored = await queue.get(first.id)
    assert stored is not None
    assert (stored.state, stored.available_at, stored.lease_until) == ("queued", at(60), None)
    assert stored.last_error == "writer timed out"
    assert await claim(queue, "w2", seconds=59) is None
    second = await claim(queue, "w2", seconds=60)
    assert second is not None
    assert (second.id, second.attempts, second.worker) == (first.id, 2, "w2")
    assert await queue.heartbeat(first, now=at(61), lease_seconds=LEASE) is False


async def test_a_task_is_dead_after_its_last_attempt(queue: InspectableQueue) -> None:
    await queue.enqueue(KIND, "gen-1", at=T0)
    first = await claim(queue, seconds=0)
    assert first is not None
    assert await queue.retry(first, at=at(1), error="boom 1", max_attempts=2) is True
    second = await claim(queue, seconds=1)
    assert second is not None
    assert second.attempts == 2

    assert await queue.retry(second, at=at(2), error="boom 2", max_attempts=2) is False

    stored = await queue.get(first.id)
    assert stored is not None
    assert (stored.state, stored.last_error, stored.lease_until) == ("dead", "boom 2", None)
    assert await claim(queue, seconds=10_000) is None
    assert await queue.heartbeat(second, now=at(3), lease_seconds=LEASE) is False


async def test_complete_is_final(queue: InspectableQueue) -> None:
    await queue.enqueue(KIND, "gen-1", at=T0)
    task = await claim(queue, seconds=0)
    assert task is not None

    await queue.complete(task)

    stored = await queue.get(task.id)
    assert stored is not None
    assert (stored.state, stored.lease_until) == ("done", None)
    assert await claim(queue, seconds=10_000) is None
    assert await queue.heartbeat(task, now=at(1), lease_seconds=LEASE) is False
    assert await queue.retry(task, at=at(2), error="late", max_attempts=5) is False
    await queue.complete(task)
    assert await queue.get(task.id) == stored
    assert await claim(queue, seconds=10_000) is None


async def test_a_late_completion_by_the_old_worker_still_ends_the_task(
    queue: InspectableQueue,
) -> None:
    # The work is done (handlers are idempotent); the new holder's lease simply ends.
    await queue.enqueue(KIND, "gen-1", at=T0)
    old = await claim(queue, "slow", seconds=0)
    new = await claim(queue, "w2", seconds=LEASE + 1)
    assert old is not None
    assert new is not None

    await queue.complete(old)

    assert await queue.heartbeat(new, now=at(LEASE + 2), lease_seconds=LEASE) is False
    assert await claim(queue, seconds=10_000) is None


async def test_tasks_are_independent(queue: InspectableQueue) -> None:
    a = await queue.enqueue(KIND, "gen-a", at=T0)
    b = await queue.enqueue(KIND, "gen-b", at=at(1))
    first = await claim(queue, seconds=2)
    assert first is not None
    assert first.id == a.id

    await queue.complete(first)
    second = await claim(queue, seconds=2)

    assert second is not None
    assert second.id == b.id
