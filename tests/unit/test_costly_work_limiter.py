"""The per-user limit on concurrent costly requests (match reports, rankings, generation)."""

from __future__ import annotations

import asyncio
from contextlib import AsyncExitStack
from pathlib import Path

import pytest

from resumecore.errors import RateLimited, TooBusy
from resumecore.ports.work import CostlyWorkLimiter
from resumecore_server.adapters.throttle.costly_work_limiter import InProcessCostlyWorkLimiter
from resumecore_server.entrypoints.settings import Settings
from tests.support.app import make_application, make_settings


async def test_a_request_beyond_the_limit_is_too_busy_and_retries_after_a_second() -> None:
    limiter = InProcessCostlyWorkLimiter(per_user=2)
    async with limiter.slot("ada"), limiter.slot("ada"):
        with pytest.raises(TooBusy) as refused:
            async with limiter.slot("ada"):
                pytest.fail("a third slot was granted")
        assert isinstance(refused.value, RateLimited)  # so the HTTP edge answers 429
        assert refused.value.retry_after == 1
        assert refused.value.code == "too_busy"
        assert "2 costly requests" in refused.value.message
        assert "retry" in refused.value.message
        assert limiter.running("ada") == 2  # the refusal took no slot


async def test_users_are_limited_apart() -> None:
    limiter = InProcessCostlyWorkLimiter(per_user=1)
    async with limiter.slot("ada"), limiter.slot("bob"):
        assert (limiter.running("ada"), limiter.running("bob")) == (1, 1)
        with pytest.raises(TooBusy):
            async with limiter.slot("bob"):
                pass


async def test_a_slot_is_given_back_when_the_work_ends_fails_or_is_cancelled() -> None:
    limiter = InProcessCostlyWorkLimiter(per_user=1)
    with pytest.raises(ValueError, match="boom"):
        async with limiter.slot("ada"):
            raise ValueError("boom")
    assert limiter.running("ada") == 0

    started = asyncio.Event()

    async def held_forever() -> None:
        async with limiter.slot("ada"):
            started.set()
            await asyncio.Event().wait()

    task = asyncio.create_task(held_forever())
    await started.wait()
    assert limiter.running("ada") == 1
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert limiter.running("ada") == 0
    async with limiter.slot("ada"):  # free again
        assert limiter.running("ada") == 1


async def test_the_limit_holds_under_many_concurrent_requests() -> None:
    limiter = InProcessCostlyWorkLimiter(per_user=2)
    inside = 0
    most_inside = 0
    release = asyncio.Event()

    async def request() -> str:
        nonlocal inside, most_inside
        try:
            async with limiter.slot("ada"):
                inside += 1
                most_inside = max(most_inside, inside)
                await release.wait()
                inside -= 1
                return "served"
        except TooBusy:
            return "refused"

    tasks = [asyncio.create_task(request()) for _ in range(12)]
    await asyncio.sleep(0.01)
    release.set()
    outcomes = await asyncio.gather(*tasks)
    assert (outcomes.count("served"), outcomes.count("refused")) == (2, 10)
    assert most_inside == 2
    assert limiter.running("ada") == 0


async def test_nested_slots_count_once_each() -> None:
    limiter = InProcessCostlyWorkLimiter(per_user=3)
    async with AsyncExitStack() as stack:
        for _ in range(3):
            await stack.enter_async_context(limiter.slot("ada"))
        assert limiter.running("ada") == 3
    assert limiter.running("ada") == 0


def test_a_limit_below_one_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        InProcessCostlyWorkLimiter(per_user=0)


def test_the_setting_sets_the_limit_and_zero_is_refused(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'unused.db'}"
    application = make_application(tmp_path, url, costly_requests_per_user=3)
    limiter = application.resolve(CostlyWorkLimiter)
    assert isinstance(limiter, InProcessCostlyWorkLimiter)
    assert limiter.per_user == 3
    assert make_settings(tmp_path, url).costly_requests_per_user == 2
    env = {"RESUMECORE_DATA_DIR": str(tmp_path), "RESUMECORE_COSTLY_REQUESTS_PER_USER": "0"}
    with pytest.raises(ValueError, match="RESUMECORE_COSTLY_REQUESTS_PER_USER"):
        Settings.from_env(env)
