"""``SharedCache`` when no Redis is configured: every read misses, nothing is stored."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from resumecore.ports.shared_cache import CacheState


class NoSharedCache:
    """Without RESUMECORE_REDIS_URL the service keeps only its in-process caches."""

    async def get(self, key: str) -> bytes | None:  # noqa: ARG002
        """Always a miss."""
        return None

    async def get_many(self, keys: Sequence[str]) -> list[bytes | None]:
        """Always misses."""
        return [None] * len(keys)

    async def set(self, key: str, value: bytes, ttl_seconds: float | None = None) -> None:
        """Nothing is kept."""

    async def set_many(self, values: Mapping[str, bytes], ttl_seconds: float | None = None) -> None:
        """Nothing is kept."""

    async def delete(self, key: str) -> None:
        """Nothing to forget."""

    async def namespace_version(self, namespace: str) -> str | None:  # noqa: ARG002
        """None: callers skip the cache."""
        return None

    async def invalidate(self, namespace: str) -> None:
        """Nothing to invalidate."""

    async def probe(self) -> bool:
        """Nothing to reach, nothing wrong."""
        return True

    def state(self) -> CacheState:
        """Not configured (available: there is nothing to be unavailable)."""
        return CacheState(backend="none", available=True)
