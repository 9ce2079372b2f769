"""Redis readiness: one PING on a client of its own with short timeouts."""

from __future__ import annotations

from redis.asyncio import Redis

TIMEOUT_SECONDS = 1.0


class RedisPing:
    """``PING``; raises the client's error (connection refused, timeout) when Redis is away."""

    def __init__(self, url: str) -> None:
        # Not the limiter's client: a probe must give up fast, not wait on a busy pool.
        self._client = Redis.from_url(
            url, socket_timeout=TIMEOUT_SECONDS, socket_connect_timeout=TIMEOUT_SECONDS
        )

    async def check(self) -> None:
        """Return when Redis answers PONG."""
        await self._client.ping()

    async def aclose(self) -> None:
        """Close the probe's connection."""
        await self._client.aclose()
