"""The thread-pool ``CpuWorkRunner``: own bounded threads, results, errors, context, shutdown."""

from __future__ import annotations

import asyncio
import contextvars
import threading
from pathlib import Path

import pytest

from resumecore.ports.security import PasswordHasher
from resumecore.ports.work import CpuWorkRunner
from resumecore_server.adapters.workers.thread_pool import ThreadPoolRunner
from resumecore_server.entrypoints.bootstrap import SCORING_WORKERS
from tests.support.app import make_application

REQUEST = contextvars.ContextVar("request", default="none")


async def test_calls_run_on_the_pools_own_threads_with_the_callers_context() -> None:
    runner = ThreadPoolRunner("scoring", 2)
    REQUEST.set("r-1")
    name, seen = await runner.run(lambda: (threading.current_thread().name, REQUEST.get()))
    assert name.startswith("scoring")
    assert seen == "r-1"
    assert await runner.run(pow, 2, 10) == 1024
    assert await runner.run(int, "ff", base=16) == 255
    await runner.aclose()


async def test_an_exception_reaches_the_caller() -> None:
    runner = ThreadPoolRunner("scoring", 1)
    with pytest.raises(ZeroDivisionError):
        await runner.run(divmod, 1, 0)
    await runner.aclose()


async def test_at_most_max_workers_calls_run_at_once_and_other_pools_are_not_held_up() -> None:
    scoring = ThreadPoolRunner("scoring", 2)
    hashing = ThreadPoolRunner("bcrypt", 1)
    release = threading.Event()
    running = 0
    most = 0
    lock = threading.Lock()

    def blocked() -> None:
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
        release.wait(5)
        with lock:
            running -= 1

    flood = [asyncio.ensure_future(scoring.run(blocked)) for _ in range(6)]
    await asyncio.sleep(0.05)
    # The scoring pool is full and queued; the other pool answers at once.
    assert await asyncio.wait_for(hashing.run(lambda: "hashed"), 1) == "hashed"
    assert not any(task.done() for task in flood)
    release.set()
    await asyncio.gather(*flood)
    assert most == 2
    await scoring.aclose()
    await hashing.aclose()


async def test_closing_drops_queued_calls_and_waits_for_running_ones() -> None:
    runner = ThreadPoolRunner("scoring", 1)
    release = threading.Event()
    finished: list[str] = []

    def first() -> None:
        release.wait(5)
        finished.append("first")

    running = asyncio.ensure_future(runner.run(first))
    queued = asyncio.ensure_future(runner.run(finished.append, "queued"))
    await asyncio.sleep(0.05)
    closing = asyncio.ensure_future(runner.aclose())
    await asyncio.sleep(0.05)
    release.set()
    await closing
    await running
    assert finished == ["first"]
    with pytest.raises(asyncio.CancelledError):
        await queued


async def test_the_application_owns_both_pools_and_closes_them(tmp_path: Path) -> None:
    application = make_application(tmp_path, f"sqlite+aiosqlite:///{tmp_path / 'unused.db'}")
    scoring = application.resolve(CpuWorkRunner)
    hasher = application.resolve(PasswordHasher)
    assert isinstance(scoring, ThreadPoolRunner)
    assert (scoring.name, scoring.max_workers) == ("scoring", SCORING_WORKERS)
    hashing = hasher._runner  # type: ignore[attr-defined]
    assert isinstance(hashing, ThreadPoolRunner)
    assert hashing is not scoring
    assert hashing.name == "bcrypt"
    assert await hasher.verify("pw", await hasher.hash("pw"))
    await application.aclose()
    for pool in (scoring, hashing):
        with pytest.raises(RuntimeError, match="shutdown"):
            await pool.run(int)
