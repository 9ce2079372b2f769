"""The in-memory fixed-window attempt counter, driven by a ``FakeClock``."""

from __future__ import annotations

import pytest

from resumecore.ports.throttle import WindowCount
from resumecore_server.adapters.throttle.memory_counter import MemoryAttemptCounter
from tests.support.clock import FakeClock

WINDOW = 60


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def sut(clock: FakeClock) -> MemoryAttemptCounter:
    return MemoryAttemptCounter(clock)


async def test_hits_count_up_within_a_window(sut: MemoryAttemptCounter) -> None:
    counts = [(await sut.hit("k", WINDOW)).count for _ in range(3)]

    assert counts == [1, 2, 3]


async def test_first_hit_opens_a_full_window(sut: MemoryAttemptCounter) -> None:
    assert await sut.hit("k", WINDOW) == WindowCount(1, WINDOW)


async def test_peek_of_an_unknown_key_is_zero(sut: MemoryAttemptCounter) -> None:
    assert await sut.peek("never-hit") == WindowCount(0, 0)


async def test_peek_reports_without_counting(sut: MemoryAttemptCounter) -> None:
    await sut.hit("k", WINDOW)
    await sut.hit("k", WINDOW)

    first, second = await sut.peek("k"), await sut.peek("k")

    assert first == second == WindowCount(2, WINDOW)
    assert (await sut.hit("k", WINDOW)).count == 3


async def test_keys_are_counted_separately(sut: MemoryAttemptCounter) -> None:
    await sut.hit("a", WINDOW)
    await sut.hit("a", WINDOW)

    assert (await sut.hit("b", WINDOW)).count == 1
    assert (await sut.peek("a")).count == 2


async def test_resets_in_decreases_as_time_passes(
    sut: MemoryAttemptCounter, clock: FakeClock
) -> None:
    await sut.hit("k", WINDOW)
    clock.advance(20)

    assert await sut.peek("k") == WindowCount(1, WINDOW - 20)
    clock.advance(30.5)
    assert (await sut.hit("k", WINDOW)).resets_in == 10  # 9.5 s left, rounded up


async def test_window_is_fixed_not_sliding(sut: MemoryAttemptCounter, clock: FakeClock) -> None:
    await sut.hit("k", WINDOW)
    clock.advance(WINDOW - 1)

    assert await sut.hit("k", WINDOW) == WindowCount(2, 1)


async def test_window_resets_after_window_seconds(
    sut: MemoryAttemptCounter, clock: FakeClock
) -> None:
    for _ in range(4):
        await sut.hit("k", WINDOW)
    clock.advance(WINDOW)

    assert await sut.peek("k") == WindowCount(0, 0)
    assert await sut.hit("k", WINDOW) == WindowCount(1, WINDOW)


async def test_count_survives_until_the_last_second_of_the_window(
    sut: MemoryAttemptCounter, clock: FakeClock
) -> None:
    for _ in range(4):
        await sut.hit("k", WINDOW)
    clock.advance(WINDOW - 0.5)

    assert await sut.peek("k") == WindowCount(4, 1)


async def test_clear_forgets_the_key(sut: MemoryAttemptCounter) -> None:
    for _ in range(3):
        await sut.hit("k", WINDOW)
    await sut.hit("other", WINDOW)

    await sut.clear("k")

    assert await sut.peek("k") == WindowCount(0, 0)
    assert (await sut.hit("k", WINDOW)).count == 1
    assert (await sut.peek("other")).count == 1


async def test_clear_of_an_unknown_key_is_harmless(sut: MemoryAttemptCounter) -> None:
    await sut.clear("never-hit")

    assert await sut.peek("never-hit") == WindowCount(0, 0)


async def test_pruning_many_expired_windows_keeps_the_live_ones(
    sut: MemoryAttemptCounter, clock: FakeClock
) -> None:
    await sut.hit("live", 10 * WINDOW)
    for i in range(1100):  # enough new windows to trigger a prune pass
        await sut.hit(f"short-{i}", 1)
        clock.advance(0.01)
    clock.advance(2)
    for i in range(1100):
        await sut.hit(f"later-{i}", 1)

    assert (await sut.peek("live")).count == 1
    assert await sut.peek("short-0") == WindowCount(0, 0)
