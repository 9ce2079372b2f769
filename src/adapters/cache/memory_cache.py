"""``SharedCache`` in process memory: for tests and as the contract's reference."""

from __future__ import annotations

import time
import uuid
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence

from resumecore.ports.shared_cache import CacheState
from resumecore_server.adapters.cache.counters import CacheCounters


class MemorySharedCache:
    """An LRU dict with expiry times; shared only within one process."""

    def __init__(
        self,
        default_ttl_seconds: float,
        *,
        max_entries: int = 10_000,
        now: Callable[[], float] = time.monotonic,
    ) -> None:
        """Keep at most ``max_entries``; ``now`` is the clock expiry is measured on."""
        self._ttl = default_ttl_seconds
        self._max = max_entries
        self._now = now
        self._entries: OrderedDict[str, tuple[float, bytes]] = OrderedDict()
        self._namespaces: dict[str, str] = {}
        self._counters = CacheCounters()

    async def get(self, key: str) -> bytes | None:
        """The live value under ``key``."""
        return (await self.get_many([key]))[0]

    async def get_many(self, keys: Sequence[str]) -> list[bytes | None]:
        """The live values under ``keys``."""
        found = [self._live(key) for key in keys]
        self._counters.looked_up(keys, found)
        return found

    async def set(self, key: str, value: bytes, ttl_seconds: float | None = None) -> None:
        """Store ``value`` until the TTL passes."""
        await self.set_many({key: value}, ttl_seconds)

    async def set_many(self, values: Mapping[str, bytes], ttl_seconds: float | None = None) -> None:
        """Store every value; the oldest entries go past ``max_entries``."""
        expires = self._now() + (self._ttl if ttl_seconds is None else ttl_seconds)
        for key, value in values.items():
            self._entries[key] = (expires, bytes(value))
            self._entries.move_to_end(key)
        while len(self._entries) > self._max:
            self._entries.popitem(last=False)

    async def delete(self, key: str) -> None:
        """Forget ``key``."""
        self._entries.pop(key, None)

    async def namespace_version(self, namespace: str) -> str | None:
        """The namespace's token."""
        return self._namespaces.setdefault(namespace, uuid.uuid4().hex)

    async def invalidate(self, namespace: str) -> None:
        """A new token for the namespace."""
        self._namespaces[namespace] = uuid.uuid4().hex

    async def probe(self) -> bool:
        """Memory always answers."""
        return True

    def state(self) -> CacheState:
        """Always available."""
        return self._counters.state("memory", available=True)

    def _live(self, key: str) -> bytes | None:
        entry = self._entries.get(key)
        if entry is None:
            return None
        expires, value = entry
        if expires <= self._now():
            del self._entries[key]
            return None
        self._entries.move_to_end(key)
        return value
