"""A cache shared by every process of the service (Redis), for costly results safe to share."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

import msgspec


class KindCounts(msgspec.Struct, frozen=True, kw_only=True):
    """Lookups of one kind of entry (the key's first ``:``-separated part, e.g. ``catalog``)."""

    hits: int = 0
    misses: int = 0


class CacheState(msgspec.Struct, frozen=True, kw_only=True):
    """What readiness and metrics report about the shared cache.

    ``backend`` is ``"redis"``, ``"memory"`` or ``"none"`` (no RESUMECORE_REDIS_URL: nothing is
    shared and nothing is wrong). ``available`` is False while the backend is failing (the
    service still answers, from the database, slower). ``errors`` counts failed backend calls;
    ``skipped`` counts calls not made because the backend failed moments ago.
    """

    backend: str
    available: bool
    hits: int = 0
    misses: int = 0
    errors: int = 0
    skipped: int = 0
    kinds: dict[str, KindCounts] = msgspec.field(default_factory=dict)


class SharedCache(Protocol):
    """Bytes by string key, with a time to live, shared by every process and every user.

    Values must be safe to share between users: results that depend only on what the key
    names (a public catalog page, the parse of a text, a text's vector, a model's reply to a
    content-addressed prompt). Never anything user-specific unless the key contains the owner.

    The cache is an optimisation, never a source of truth: a backend failure is never raised.
    Reads then miss, writes are dropped, and ``state()`` says so. Entries may be evicted at
    any time. Invalidation is by namespace version: build keys of data that can change under
    ``namespace_version(ns)``; ``invalidate(ns)`` makes every such key unreachable at once.
    """

    async def get(self, key: str) -> bytes | None:
        """The value under ``key``, or None (absent, expired, or the backend failed)."""
        ...

    async def get_many(self, keys: Sequence[str]) -> list[bytes | None]:
        """The values under ``keys``, in order; None for each one missing."""
        ...

    async def set(self, key: str, value: bytes, ttl_seconds: float | None = None) -> None:
        """Store ``value`` for ``ttl_seconds`` (None: the cache's configured TTL)."""
        ...

    async def set_many(self, values: Mapping[str, bytes], ttl_seconds: float | None = None) -> None:
        """Store every value, each for ``ttl_seconds`` (None: the configured TTL)."""
        ...

    async def delete(self, key: str) -> None:
        """Forget ``key`` (absent is fine)."""
        ...

    async def namespace_version(self, namespace: str) -> str | None:
        """The current version of ``namespace`` (a token to put in keys), created if missing.

        None when the backend is unavailable: the caller must then neither read nor write
        keys of this namespace. Read it before reading the data the entry will hold, so a
        change committed in between is stored under the old, already-abandoned version.
        """
        ...

    async def invalidate(self, namespace: str) -> None:
        """Give ``namespace`` a new version: every key built under the old one is unreachable."""
        ...

    async def probe(self) -> bool:
        """Whether the backend answers now (one round trip; for readiness checks)."""
        ...

    def state(self) -> CacheState:
        """Availability and counters since start; cheap, no I/O (for metrics)."""
        ...
