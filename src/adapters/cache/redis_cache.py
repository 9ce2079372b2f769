"""``SharedCache`` on Redis: short timeouts and a circuit breaker, so a dead Redis costs little."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any, TypeVar

from redis.asyncio import Redis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import RedisError

from resumecore.ports.shared_cache import CacheState
from resumecore_server.adapters.cache.breaker import CircuitBreaker
from resumecore_server.adapters.cache.counters import CacheCounters

PREFIX = "resumecore:cache:"
NAMESPACE_PREFIX = "resumecore:cache-ns:"
SOCKET_TIMEOUT_SECONDS = 0.5
BREAKER_OPEN_SECONDS = 5.0
T = TypeVar("T")
log = logging.getLogger("resumecore.cache")


def cache_client(url: str, timeout_seconds: float = SOCKET_TIMEOUT_SECONDS) -> Redis:
    """A client that gives up fast: short connect and read timeouts, no retries."""
    return Redis.from_url(
        url,
        socket_timeout=timeout_seconds,
        socket_connect_timeout=timeout_seconds,
        retry=Retry(NoBackoff(), 0),
    )


class RedisSharedCache:
    """Entries under ``resumecore:cache:<key>`` with PX expiry; namespace tokens beside them.

    Every call goes through the breaker: a failure (timeout, refused connection, any Redis
    error) is counted and logged once, then Redis is skipped for ``open_seconds`` and reads
    miss at no cost. Namespace tokens have no TTL; if Redis evicts one, a fresh token is made,
    which only abandons entries (never revives them).
    """

    def __init__(
        self,
        client: Redis,
        default_ttl_seconds: float,
        *,
        breaker: CircuitBreaker | None = None,
    ) -> None:
        """Use ``client`` (see ``cache_client``) and store entries for the TTL by default."""
        self._redis = client
        self._ttl = default_ttl_seconds
        self._breaker = breaker or CircuitBreaker(BREAKER_OPEN_SECONDS)
        self._counters = CacheCounters()

    async def get(self, key: str) -> bytes | None:
        """The value under ``key``."""
        return (await self.get_many([key]))[0]

    async def get_many(self, keys: Sequence[str]) -> list[bytes | None]:
        """One MGET."""
        if not keys:
            return []
        misses: list[bytes | None] = [None] * len(keys)
        found = await self._guarded(lambda: self._redis.mget([PREFIX + k for k in keys]), misses)
        self._counters.looked_up(keys, found)
        return list(found)

    async def set(self, key: str, value: bytes, ttl_seconds: float | None = None) -> None:
        """SET with PX."""
        await self.set_many({key: value}, ttl_seconds)

    async def set_many(self, values: Mapping[str, bytes], ttl_seconds: float | None = None) -> None:
        """One pipeline of SETs with PX."""
        if not values:
            return
        millis = max(1, int(1000 * (self._ttl if ttl_seconds is None else ttl_seconds)))

        async def write() -> None:
            async with self._redis.pipeline(transaction=False) as pipe:
                for key, value in values.items():
                    pipe.set(PREFIX + key, value, px=millis)
                await pipe.execute()

        await self._guarded(write, None)

    async def delete(self, key: str) -> None:
        """DEL."""
        await self._guarded(lambda: self._redis.delete(PREFIX + key), None)

    async def namespace_version(self, namespace: str) -> str | None:
        """SET NX a fresh token, then GET whichever token won (one transaction)."""
        name = NAMESPACE_PREFIX + namespace

        async def read() -> str | None:
            async with self._redis.pipeline(transaction=True) as pipe:
                pipe.set(name, uuid.uuid4().hex, nx=True)
                pipe.get(name)
                _, token = await pipe.execute()
            return token.decode() if token is not None else None

        return await self._guarded(read, None)

    async def invalidate(self, namespace: str) -> None:
        """SET a fresh token."""
        name = NAMESPACE_PREFIX + namespace
        await self._guarded(lambda: self._redis.set(name, uuid.uuid4().hex), None)

    async def probe(self) -> bool:
        """PING, through the breaker."""
        return bool(await self._guarded(self._redis.ping, False))

    def state(self) -> CacheState:
        """Unavailable from a failed call until one succeeds."""
        return self._counters.state("redis", available=not self._breaker.is_open)

    async def _guarded(self, call: Callable[[], Awaitable[Any]], fallback: T) -> Any | T:
        if not self._breaker.allows():
            self._counters.skipped += 1
            return fallback
        try:
            result = await call()
        except (RedisError, OSError, TimeoutError) as exc:
            self._counters.errors += 1
            if not self._breaker.is_open:
                log.warning("shared cache unavailable, serving without it: %s", type(exc).__name__)
            self._breaker.failed()
            return fallback
        if self._breaker.is_open:
            log.info("shared cache available again")
        self._breaker.succeeded()
        return result
