"""Attempt counters in Redis, shared by every app instance."""

from __future__ import annotations

from redis.asyncio import Redis
from redis.exceptions import RedisError

from resumecore.errors import StorageUnavailable
from resumecore.ports.throttle import AttemptCounter, WindowCount

PREFIX = "resumecore:attempts:"


class RedisAttemptCounter(AttemptCounter):
    """INCR plus EXPIRE NX: the window starts with the first attempt and Redis ends it."""

    def __init__(self, client: Redis) -> None:
        self._redis = client

    async def hit(self, key: str, window_seconds: int) -> WindowCount:
        """Count one attempt atomically."""
        name = PREFIX + key
        try:
            async with self._redis.pipeline(transaction=True) as pipe:
                pipe.incr(name)
                pipe.expire(name, window_seconds, nx=True)
                pipe.ttl(name)
                count, _, ttl = await pipe.execute()
        except RedisError as exc:
            raise StorageUnavailable("The rate-limit store is unavailable.") from exc
        return WindowCount(int(count), max(int(ttl), 1))

    async def peek(self, key: str) -> WindowCount:
        """The open window's count, or 0."""
        name = PREFIX + key
        try:
            async with self._redis.pipeline(transaction=True) as pipe:
                pipe.get(name)
                pipe.ttl(name)
                raw, ttl = await pipe.execute()
        except RedisError as exc:
            raise StorageUnavailable("The rate-limit store is unavailable.") from exc
        if raw is None or int(ttl) <= 0:
            return WindowCount(0, 0)
        return WindowCount(int(raw), int(ttl))

    async def clear(self, key: str) -> None:
        """Forget the key."""
        try:
            await self._redis.delete(PREFIX + key)
        except RedisError as exc:
            raise StorageUnavailable("The rate-limit store is unavailable.") from exc
