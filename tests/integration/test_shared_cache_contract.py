"""One contract for the ``SharedCache`` port, on process memory and on a real Redis; plus the
third case, Redis down, where every call degrades to a miss without raising or waiting.

Time: the memory cache reads a fake clock the test advances; Redis expires keys in real time,
so its "advance" sleeps. Keys carry a per-test prefix; namespaces too.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from redis.asyncio import Redis

from resumecore.ports.shared_cache import KindCounts, SharedCache
from resumecore_server.adapters.cache.breaker import CircuitBreaker
from resumecore_server.adapters.cache.memory_cache import MemorySharedCache
from resumecore_server.adapters.cache.redis_cache import (
    NAMESPACE_PREFIX,
    PREFIX,
    RedisSharedCache,
    cache_client,
)
from tests.support.services import service_url
from tests.support.throwaway_servers import free_port, redis_server

DEFAULT_TTL = 60.0


@dataclass
class CacheKit:
    """The cache under test, a second handle on the same store, and a way to let time pass."""

    sut: SharedCache
    twin: Callable[[], SharedCache]
    advance: Callable[[float], Awaitable[None]]
    prefix: str

    def key(self, name: str, kind: str = "kind") -> str:
        return f"{kind}:{self.prefix}{name}"


@pytest.fixture
def prefix() -> str:
    return f"test-{uuid.uuid4().hex}-"


@pytest.fixture
async def redis_clients(prefix: str) -> AsyncIterator[list[Redis]]:
    """Clients on the test Redis (closed afterwards); this test's keys are deleted."""
    clients: list[Redis] = []
    yield clients
    cleaner = Redis.from_url(service_url("redis"))
    for pattern in (f"{PREFIX}*{prefix}*", f"{NAMESPACE_PREFIX}{prefix}*"):
        async for name in cleaner.scan_iter(match=pattern):
            await cleaner.delete(name)
    for client in [*clients, cleaner]:
        await client.aclose()


@pytest.fixture(params=["memory", pytest.param("redis", marks=pytest.mark.redis)])
def kit(request: pytest.FixtureRequest, prefix: str) -> CacheKit:
    if request.param == "memory":
        now = [0.0]

        async def tick(seconds: float) -> None:
            now[0] += seconds

        memory = MemorySharedCache(DEFAULT_TTL, now=lambda: now[0])
        return CacheKit(memory, lambda: memory, tick, prefix)
    clients: list[Redis] = request.getfixturevalue("redis_clients")

    def connect() -> SharedCache:
        clients.append(cache_client(service_url("redis")))
        return RedisSharedCache(clients[-1], DEFAULT_TTL)

    return CacheKit(connect(), connect, asyncio.sleep, prefix)


async def test_a_value_set_is_read_back_and_an_unknown_key_misses(kit: CacheKit) -> None:
    await kit.sut.set(kit.key("a"), b"\x00value\xff")
    assert await kit.sut.get(kit.key("a")) == b"\x00value\xff"
    assert await kit.sut.get(kit.key("nothing")) is None


async def test_every_process_sees_the_same_values(kit: CacheKit) -> None:
    await kit.sut.set(kit.key("shared"), b"one")
    assert await kit.twin().get(kit.key("shared")) == b"one"


async def test_many_values_are_read_in_the_order_asked(kit: CacheKit) -> None:
    await kit.sut.set_many({kit.key("x"): b"1", kit.key("y"): b"2"})
    found = await kit.sut.get_many([kit.key("y"), kit.key("missing"), kit.key("x")])
    assert found == [b"2", None, b"1"]
    assert await kit.sut.get_many([]) == []


async def test_a_value_expires_after_its_ttl_and_the_default_ttl_holds(kit: CacheKit) -> None:
    await kit.sut.set(kit.key("short"), b"s", ttl_seconds=0.2)
    await kit.sut.set(kit.key("default"), b"d")
    await kit.advance(0.4)
    assert await kit.sut.get(kit.key("short")) is None
    assert await kit.sut.get(kit.key("default")) == b"d"


async def test_a_later_set_replaces_and_delete_forgets(kit: CacheKit) -> None:
    await kit.sut.set(kit.key("k"), b"old")
    await kit.sut.set(kit.key("k"), b"new")
    assert await kit.sut.get(kit.key("k")) == b"new"
    await kit.sut.delete(kit.key("k"))
    await kit.sut.delete(kit.key("never-set"))
    assert await kit.sut.get(kit.key("k")) is None


async def test_a_namespace_version_is_stable_until_invalidated_everywhere(kit: CacheKit) -> None:
    namespace = f"{kit.prefix}catalog"
    first = await kit.sut.namespace_version(namespace)
    assert first is not None
    other = kit.twin()
    assert await other.namespace_version(namespace) == first
    await other.invalidate(namespace)
    second = await kit.sut.namespace_version(namespace)
    assert second is not None
    assert second != first
    assert await kit.sut.namespace_version(namespace) == second
    assert await kit.sut.namespace_version(f"{kit.prefix}other") not in {first, second}


async def test_state_counts_hits_and_misses_by_kind(kit: CacheKit) -> None:
    await kit.sut.set(kit.key("p", kind="posting"), b"v")
    await kit.sut.get(kit.key("p", kind="posting"))
    await kit.sut.get_many([kit.key("p", kind="posting"), kit.key("e", kind="embedding")])
    state = kit.sut.state()
    assert state.available
    assert (state.hits, state.misses, state.errors) == (2, 1, 0)
    assert state.kinds == {
        "embedding": KindCounts(hits=0, misses=1),
        "posting": KindCounts(hits=2, misses=0),
    }
    assert await kit.sut.probe() is True


# --- the third case: Redis down -----------------------------------------------------------------


def dead_redis_cache(open_seconds: float = 5.0) -> RedisSharedCache:
    """A cache whose Redis port has nothing listening (connections are refused at once)."""
    client = cache_client(f"redis://127.0.0.1:{free_port()}/0")
    return RedisSharedCache(client, DEFAULT_TTL, breaker=CircuitBreaker(open_seconds))


@pytest.mark.alone
async def test_with_redis_down_reads_miss_and_writes_are_dropped_without_raising() -> None:
    cache = dead_redis_cache()
    started = time.monotonic()
    await cache.set("posting:a", b"v")
    assert await cache.get("posting:a") is None
    assert await cache.get_many(["posting:a", "posting:b"]) == [None, None]
    await cache.set_many({"posting:a": b"v"})
    await cache.delete("posting:a")
    assert await cache.namespace_version("catalog") is None
    await cache.invalidate("catalog")
    assert await cache.probe() is False
    assert time.monotonic() - started < 1.0
    state = cache.state()
    assert state.backend == "redis"
    assert state.available is False
    # One real attempt; the breaker skips the rest instead of trying each time.
    assert (state.errors, state.skipped) == (1, 7)
    assert (state.hits, state.misses) == (0, 3)


@pytest.mark.alone
async def test_a_redis_that_does_not_answer_costs_one_short_timeout(tmp_path: Path) -> None:
    """A Redis that accepts connections but never replies (SIGSTOP): bounded by the timeout."""
    with redis_server(tmp_path) as server:
        cache = RedisSharedCache(cache_client(server.url), DEFAULT_TTL)
        await cache.set("posting:a", b"v")
        assert server.process is not None
        server.process.send_signal(19)  # SIGSTOP: the socket stays open, nothing answers
        try:
            started = time.monotonic()
            assert await cache.get("posting:a") is None
            assert await cache.get("posting:a") is None  # skipped: the breaker is open
            elapsed = time.monotonic() - started
        finally:
            server.process.send_signal(18)  # SIGCONT, so the kill below is clean
        assert elapsed < 1.5  # one 0.5 s timeout, then skipped
        assert cache.state().available is False


async def test_the_cache_comes_back_when_redis_does(tmp_path: Path) -> None:
    with redis_server(tmp_path) as server:
        cache = RedisSharedCache(cache_client(server.url), DEFAULT_TTL, breaker=CircuitBreaker(0.1))
        await cache.set("posting:a", b"v")
        server.kill()
        assert await cache.get("posting:a") is None
        assert cache.state().available is False
        server.start()
        await asyncio.sleep(0.15)
        await cache.set("posting:a", b"again")
        assert await cache.get("posting:a") == b"again"
        assert cache.state().available is True
