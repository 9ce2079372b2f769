"""One contract for the ``AttemptCounter`` port, on process memory and on a real Redis.

Time is the hard part of a fixed-window counter, and each implementation gets its own way to
move it: the memory counter reads a ``FakeClock`` that the test advances, the Redis counter lets
Redis expire keys in real time, so its "advance" sleeps. Every key carries a per-test prefix.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass

import pytest
from redis.asyncio import Redis

from resumecore.errors import StorageUnavailable
from resumecore.ports.throttle import AttemptCounter, WindowCount
from resumecore_server.adapters.throttle.memory_counter import MemoryAttemptCounter
from resumecore_server.adapters.throttle.redis_counter import PREFIX, RedisAttemptCounter
from tests.support.clock import FakeClock
from tests.support.services import service_url


@dataclass
class CounterKit:
    """The counter under test, a way to let time pass for it, and a per-test key prefix."""

    sut: AttemptCounter
    advance: Callable[[float], Awaitable[None]]
    prefix: str

    def key(self, name: str) -> str:
        return f"{self.prefix}{name}"


@pytest.fixture
def prefix() -> str:
    return f"test-{uuid.uuid4().hex}:"


@pytest.fixture
async def redis_client(prefix: str) -> AsyncIterator[Redis]:
    """A client on the test Redis; deletes this test's keys afterwards."""
    client = Redis.from_url(service_url("redis"))
    try:
        yield client
    finally:
        async for name in client.scan_iter(match=f"{PREFIX}{prefix}*"):
            await client.delete(name)
        await client.aclose()


@pytest.fixture(params=["memory", pytest.param("redis", marks=pytest.mark.redis)])
def kit(request: pytest.FixtureRequest, prefix: str) -> CounterKit:
    if request.param == "memory":
        clock = FakeClock()

        async def tick(seconds: float) -> None:
            clock.advance(seconds)

        return CounterKit(MemoryAttemptCounter(clock), tick, prefix)

    client: Redis = request.getfixturevalue("redis_client")
    return CounterKit(RedisAttemptCounter(client), asyncio.sleep, prefix)


async def test_hit_counts_up_within_a_window(kit: CounterKit) -> None:
    key = kit.key("login:ada@example.com")

    first = await kit.sut.hit(key, 60)
    second = await kit.sut.hit(key, 60)
    third = await kit.sut.hit(key, 60)

    assert [first.count, second.count, third.count] == [1, 2, 3]
    for window in (first, second, third):
        assert 0 < window.resets_in <= 60


async def test_keys_are_counted_separately(kit: CounterKit) -> None:
    await kit.sut.hit(kit.key("a"), 60)
    await kit.sut.hit(kit.key("a"), 60)

    assert (await kit.sut.hit(kit.key("b"), 60)).count == 1
    assert (await kit.sut.peek(kit.key("a"))).count == 2


async def test_peek_reports_without_counting(kit: CounterKit) -> None:
    key = kit.key("peek")
    assert await kit.sut.peek(key) == WindowCount(0, 0)

    await kit.sut.hit(key, 60)
    await kit.sut.hit(key, 60)
    seen = await kit.sut.peek(key)
    again = await kit.sut.peek(key)

    assert seen.count == again.count == 2
    assert 0 < seen.resets_in <= 60
    assert (await kit.sut.hit(key, 60)).count == 3


async def test_clear_forgets_the_key(kit: CounterKit) -> None:
    key = kit.key("clear")
    await kit.sut.hit(key, 60)
    await kit.sut.hit(key, 60)
    await kit.sut.hit(kit.key("other"), 60)

    await kit.sut.clear(key)

    assert await kit.sut.peek(key) == WindowCount(0, 0)
    assert (await kit.sut.hit(key, 60)).count == 1
    assert (await kit.sut.peek(kit.key("other"))).count == 1
    await kit.sut.clear(kit.key("never-seen"))  # clearing an unknown key is fine


async def test_the_count_starts_over_when_the_window_ends(kit: CounterKit) -> None:
    key = kit.key("expiry")
    await kit.sut.hit(key, 1)
    await kit.sut.hit(key, 1)

    await kit.advance(1.2)

    assert await kit.sut.peek(key) == WindowCount(0, 0)
    fresh = await kit.sut.hit(key, 1)
    assert fresh.count == 1
    assert fresh.resets_in == 1


async def test_later_hits_do_not_extend_the_window(kit: CounterKit) -> None:
    # Fixed window: it ends window_seconds after its first hit, however many hits follow.
    key = kit.key("fixed")
    await kit.sut.hit(key, 1)
    await kit.advance(0.6)
    assert (await kit.sut.hit(key, 1)).count == 2

    await kit.advance(0.6)

    assert await kit.sut.peek(key) == WindowCount(0, 0)
    assert (await kit.sut.hit(key, 1)).count == 1


@pytest.mark.redis
async def test_two_redis_counters_on_one_redis_share_counts(prefix: str) -> None:
    # Two app replicas, each with its own connection pool, on one Redis.
    url = service_url("redis")
    first_client, second_client = Redis.from_url(url), Redis.from_url(url)
    first, second = RedisAttemptCounter(first_client), RedisAttemptCounter(second_client)
    key = f"{prefix}login:ada@example.com"
    try:
        assert (await first.hit(key, 60)).count == 1
        assert (await second.hit(key, 60)).count == 2
        assert (await first.hit(key, 60)).count == 3
        assert (await second.peek(key)).count == 3

        await second.clear(key)

        assert await first.peek(key) == WindowCount(0, 0)
    finally:
        await first_client.delete(PREFIX + key)
        await first_client.aclose()
        await second_client.aclose()


@pytest.mark.parametrize("operation", ["hit", "peek", "clear"])
async def test_an_unreachable_redis_is_storage_unavailable(operation: str) -> None:
    client = Redis.from_url("redis://127.0.0.1:1/0", socket_connect_timeout=1)
    sut = RedisAttemptCounter(client)
    try:
        calls = {
            "hit": lambda: sut.hit("login:ada@example.com", 60),
            "peek": lambda: sut.peek("login:ada@example.com"),
            "clear": lambda: sut.clear("login:ada@example.com"),
        }
        with pytest.raises(StorageUnavailable) as caught:
            await calls[operation]()
    finally:
        await client.aclose()

    assert caught.value.code == "service_unavailable"
    assert "ada@example.com" not in str(caught.value)
