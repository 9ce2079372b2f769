"""A worker whose claims fail (the database is down) slows its polls and logs the outage once;
a worker asked to stop while it claims stops without another poll."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime
from typing import Any, cast

import pytest

from resumecore.errors import StorageUnavailable
from resumecore.generation.policy import GenerationPolicy
from resumecore.ports.generations import Task, TaskQueue
from resumecore.ports.notifier import ChangeNotifier
from resumecore.ports.system import Clock
from resumecore.services.generations import worker as worker_module
from resumecore.services.generations.run import RunGeneration
from resumecore.services.generations.worker import GenerationWorker


class _Queue:
    """Claims fail ``failing`` times with ``error``, then find nothing."""

    def __init__(self, failing: int, error: Exception) -> None:
        self.failing = failing
        self.error = error

    async def claim(self, worker: str, *, now: datetime, lease_seconds: float) -> Task | None:
        if self.failing:
            self.failing -= 1
            raise self.error
        return None


class _Notifier:
    """Records each poll's wait and stops the worker after ``polls`` of them."""

    def __init__(self, stop: asyncio.Event, polls: int) -> None:
        self.waits: list[float] = []
        self._stop = stop
        self._polls = polls

    def notify(self, key: str) -> None:
        return None

    async def wait(self, key: str, seconds: float) -> bool:
        self.waits.append(seconds)
        if len(self.waits) == self._polls:
            self._stop.set()
        return False


class _Clock:
    def now(self) -> datetime:
        return datetime(2026, 1, 1, tzinfo=UTC)


async def _work(queue: _Queue, polls: int) -> list[float]:
    stop = asyncio.Event()
    notifier = _Notifier(stop, polls)
    worker = GenerationWorker(
        "w1",
        cast(TaskQueue, queue),
        cast(RunGeneration, None),
        cast(Clock, _Clock()),
        cast(ChangeNotifier, notifier),
        GenerationPolicy(),
    )
    await worker.run_until(stop)
    return notifier.waits


def _records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "resumecore.worker"]


async def test_an_outage_is_logged_once_without_traceback_and_polls_slow_down(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="resumecore.worker")
    queue = _Queue(8, StorageUnavailable("The database is unavailable; try again shortly."))

    waits = await _work(queue, polls=10)

    # Before: a warning with the driver's traceback on every poll, polled every 0.5 s.
    assert waits == [1.0, 2.0, 4.0, 5.0, 5.0, 5.0, 5.0, 5.0, 0.5, 0.5]
    records = _records(caplog)
    assert [r.getMessage() for r in records] == ["worker_claim_failed", "worker_claim_recovered"]
    failed, recovered = records
    assert not failed.exc_info
    assert cast(Any, failed).error == "The database is unavailable; try again shortly."
    assert cast(Any, recovered).failures == 8


async def test_a_long_outage_is_logged_again_now_and_then(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="resumecore.worker")
    failing = 2 * worker_module.FAILURES_PER_LOG
    queue = _Queue(failing, StorageUnavailable("The database is unavailable."))

    await _work(queue, polls=failing)

    failures = [cast(Any, r).failures for r in _records(caplog)]
    assert failures == [1, worker_module.FAILURES_PER_LOG, failing]


async def test_an_unexpected_claim_error_keeps_its_traceback(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="resumecore.worker")

    await _work(_Queue(1, KeyError("bug")), polls=2)

    failed = _records(caplog)[0]
    assert failed.getMessage() == "worker_claim_failed"
    assert failed.exc_info is not None
    assert cast(Any, failed).error == "KeyError"


class _StoppedWhileClaiming:
    """Finds nothing, and the server asks the worker to stop during the claim."""

    def __init__(self, stop: asyncio.Event) -> None:
        self._stop = stop

    async def claim(self, worker: str, *, now: datetime, lease_seconds: float) -> Task | None:
        self._stop.set()  # the notify of WorkerPool.stop comes while no one waits for it
        await asyncio.sleep(0)
        return None


async def test_a_stop_asked_during_a_claim_ends_the_worker_without_waiting_a_poll() -> None:
    stop = asyncio.Event()
    notifier = _Notifier(stop, polls=100)
    worker = GenerationWorker(
        "w1",
        cast(TaskQueue, _StoppedWhileClaiming(stop)),
        cast(RunGeneration, None),
        cast(Clock, _Clock()),
        cast(ChangeNotifier, notifier),
        GenerationPolicy(),
    )
    await worker.run_until(stop)
    # Before: one more idle wait of a whole poll (0.5 s) after the stop.
    assert notifier.waits == []
