"""Queue depth is read at scrape time from the embedded queue's table and from saq's counts."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncEngine

from resumecore.ports.generations import TaskQueue
from resumecore_server.adapters.metrics.prometheus import PrometheusTelemetry
from resumecore_server.adapters.metrics.scrape import watch_queue
from resumecore_server.adapters.sql.engine import make_engine
from resumecore_server.adapters.sql.task_queue import SqlTaskQueue
from tests.support.services import service_url

NOW = datetime(2026, 1, 15, 9, 0, tzinfo=UTC)


async def two_tasks_one_leased(queue: TaskQueue) -> None:
    await queue.enqueue("generation", "g1", at=NOW)
    await queue.enqueue("generation", "g2", at=NOW)
    assert await queue.claim("w1", now=NOW, lease_seconds=30) is not None


async def depth(telemetry: PrometheusTelemetry, queue: str) -> dict[str, float]:
    await telemetry.render()  # runs the scrape-time reads
    found: dict[str, float] = {}
    for state in ("queued", "leased", "dead"):
        labels = {"queue": queue, "state": state}
        got = telemetry.registry.get_sample_value("resumecore_queue_tasks", labels)
        if got is not None:
            found[state] = got
    return found


async def test_the_embedded_queue_depth_by_state(engine: AsyncEngine) -> None:
    telemetry = PrometheusTelemetry()
    queue = SqlTaskQueue(engine)
    watch_queue(telemetry, queue, engine)
    assert await depth(telemetry, "embedded") == {"queued": 0, "leased": 0, "dead": 0}
    await two_tasks_one_leased(queue)
    assert await depth(telemetry, "embedded") == {"queued": 1, "leased": 1, "dead": 0}


@pytest.mark.redis
async def test_the_saq_queue_depth_from_its_counts(sqlite_only_url: str) -> None:
    pytest.importorskip("saq")
    from resumecore_server.adapters.queue.saq_queue import SaqTaskQueue

    redis_url = service_url("redis")
    name = f"metrics-{uuid.uuid4().hex}"
    queue = SaqTaskQueue(redis_url, name=name)
    telemetry = PrometheusTelemetry()
    engine = make_engine(sqlite_only_url)  # not read: the saq queue is
    watch_queue(telemetry, queue, engine)
    try:
        assert await depth(telemetry, "saq") == {"queued": 0, "leased": 0}
        await two_tasks_one_leased(queue)
        assert await depth(telemetry, "saq") == {"queued": 1, "leased": 1}
    finally:
        await queue.aclose()
        await engine.dispose()
        client = Redis.from_url(redis_url)
        for pattern in (f"saq:{name}:*", f"saq:job:{name}:*"):
            keys = [key async for key in client.scan_iter(match=pattern)]
            if keys:
                await client.delete(*keys)
        await client.aclose()
