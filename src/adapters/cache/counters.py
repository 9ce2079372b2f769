"""Hit, miss and error counters shared by the ``SharedCache`` adapters."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from resumecore.ports.shared_cache import CacheState, KindCounts


def kind_of(key: str) -> str:
    """The kind of entry a key names: its part before the first ``:``."""
    return key.partition(":")[0]


class CacheCounters:
    """What a cache adapter counts; ``state`` turns it into the port's ``CacheState``."""

    def __init__(self) -> None:
        self.errors = 0
        self.skipped = 0
        self._hits: Counter[str] = Counter()
        self._misses: Counter[str] = Counter()

    def looked_up(self, keys: Sequence[str], found: Sequence[bytes | None]) -> None:
        """Count one hit or miss per key."""
        for key, value in zip(keys, found, strict=True):
            (self._misses if value is None else self._hits)[kind_of(key)] += 1

    def state(self, backend: str, *, available: bool) -> CacheState:
        """A snapshot of the counters."""
        kinds = {
            kind: KindCounts(hits=self._hits[kind], misses=self._misses[kind])
            for kind in sorted(self._hits.keys() | self._misses.keys())
        }
        return CacheState(
            backend=backend,
            available=available,
            hits=sum(self._hits.values()),
            misses=sum(self._misses.values()),
            errors=self.errors,
            skipped=self.skipped,
            kinds=kinds,
        )
