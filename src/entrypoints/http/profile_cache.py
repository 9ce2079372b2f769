"""Encoded profile responses by (profile id, version), so most reads load no component rows.

A read whose version is cached costs one indexed query: the bearer's session joined to the
profile's version (``ProfileReads``).

A version names one exact content (every change bumps it), so an entry never goes stale; it is
only evicted (least recently used first). Each server process has its own.
"""

from __future__ import annotations

from collections import OrderedDict
from threading import Lock

CAPACITY = 512


class ProfileResponseCache:
    """The newest ``capacity`` encoded profile views."""

    def __init__(self, capacity: int = CAPACITY) -> None:
        self._capacity = capacity
        self._views: OrderedDict[tuple[str, int], bytes] = OrderedDict()
        self._lock = Lock()

    def get(self, profile_id: str, version: int) -> bytes | None:
        """The encoded view of that version, or None."""
        with self._lock:
            body = self._views.get((profile_id, version))
            if body is not None:
                self._views.move_to_end((profile_id, version))
            return body

    def put(self, profile_id: str, version: int, body: bytes) -> None:
        """Keep ``body`` as the view of that version."""
        with self._lock:
            self._views[profile_id, version] = body
            self._views.move_to_end((profile_id, version))
            while len(self._views) > self._capacity:
                self._views.popitem(last=False)
