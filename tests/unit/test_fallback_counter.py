"""``FallbackAttemptCounter``: shared while it answers, local while not, shared again after."""

from __future__ import annotations

from resumecore.errors import StorageUnavailable
from resumecore.ports.throttle import WindowCount
from resumecore_server.adapters.throttle.fallback_counter import FallbackAttemptCounter
from resumecore_server.adapters.throttle.memory_counter import MemoryAttemptCounter
from tests.support.clock import FakeClock


class SwitchableStore(MemoryAttemptCounter):
    """A memory counter that raises like the Redis adapter while ``down``; counts its calls."""

    def __init__(self, clock: FakeClock) -> None:
        super().__init__(clock)
        self.down = False
        self.calls = 0

    def _check(self) -> None:
        self.calls += 1
        if self.down:
            raise StorageUnavailable("The rate-limit store is unavailable.")

    async def hit(self, key: str, window_seconds: int) -> WindowCount:
        self._check()
        return await super().hit(key, window_seconds)

    async def peek(self, key: str) -> WindowCount:
        self._check()
        return await super().peek(key)

    async def clear(self, key: str) -> None:
        self._check()
        await super().clear(key)


def counters() -> tuple[FallbackAttemptCounter, SwitchableStore, MemoryAttemptCounter, FakeClock]:
    clock = FakeClock()
    shared, local = SwitchableStore(clock), MemoryAttemptCounter(clock)
    return FallbackAttemptCounter(shared, local, clock, retry_after=5), shared, local, clock


async def test_counts_in_the_shared_store_while_it_answers() -> None:
    sut, shared, local, _ = counters()
    assert (await sut.hit("k", 60)).count == 1
    assert (await sut.hit("k", 60)).count == 2
    assert (await shared.peek("k")).count == 2
    assert (await local.peek("k")).count == 0
    assert not sut.degraded


async def test_counts_locally_while_the_store_is_down_and_leaves_it_alone_for_a_pause() -> None:
    sut, shared, local, clock = counters()
    shared.down = True
    assert (await sut.hit("k", 60)).count == 1
    assert sut.degraded
    calls = shared.calls
    assert (await sut.hit("k", 60)).count == 2
    assert (await sut.peek("k")).count == 2
    assert shared.calls == calls, "within the pause the store is not asked again"
    assert (await local.peek("k")).count == 2

    clock.advance(seconds=5)
    assert (await sut.hit("k", 60)).count == 3, "still down: the local window goes on"
    assert shared.calls == calls + 1


async def test_returns_to_the_shared_store_once_it_answers_again() -> None:
    sut, shared, _, clock = counters()
    shared.down = True
    await sut.hit("k", 60)
    shared.down = False
    clock.advance(seconds=5)
    assert (await sut.hit("k", 60)).count == 1, "the shared store's own count"
    assert not sut.degraded


async def test_clear_forgets_a_lockout_counted_during_the_outage() -> None:
    sut, shared, local, clock = counters()
    shared.down = True
    await sut.hit("k", 60)
    await sut.clear("k")
    assert (await local.peek("k")).count == 0
    shared.down = False
    clock.advance(seconds=5)
    await shared.hit("k", 60)
    await sut.clear("k")
    assert (await shared.peek("k")).count == 0
