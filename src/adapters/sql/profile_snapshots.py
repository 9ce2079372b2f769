"""Decoded profiles by (profile id, version), shared by the units of work of one process.

Loading a profile decodes every component row; with a snapshot of the version the database
holds, a unit of work pays one indexed query for the version instead, so a one-item edit does
not grow with the profile. A version names one exact content (every change of a profile's
content bumps it in the same transaction), so an entry never goes stale; only versions that
are committed are kept, and the least recently used go first once ``max_items`` is exceeded.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from threading import Lock

from resumecore.model.profile import Profile
from resumecore_server.adapters.sql.profile_rows import StoredRow

# About 1.5 MB at most: two profiles of 1,000 items, or 150 ordinary ones. Edits of items by
# id (the item routes) load only the items they name and need no snapshot; what is left to
# reuse one is a whole-profile change (operations, skills, custom fields, PUT) or read (GET by
# id) of a profile loaded a moment before, so a few profiles are enough, and a budget of
# 10,000 rows held some 10 MB of decoded profiles under the benchmark for little gain.
MAX_ITEMS = 2_000


@dataclass(frozen=True)
class Snapshot:
    """A profile and its component rows as stored (never mutated once made)."""

    profile: Profile
    rows: dict[str, StoredRow]


class ProfileSnapshots:
    """The most recently used snapshots, at most ``max_items`` component rows in all."""

    def __init__(self, max_items: int = MAX_ITEMS) -> None:
        self._max_items = max_items
        self._entries: OrderedDict[tuple[str, int], Snapshot] = OrderedDict()
        self._items = 0
        self._lock = Lock()

    def get(self, profile_id: str, version: int) -> Snapshot | None:
        """The snapshot of that version, or None."""
        with self._lock:
            found = self._entries.get((profile_id, version))
            if found is not None:
                self._entries.move_to_end((profile_id, version))
            return found

    def put(self, snapshot: Snapshot) -> None:
        """Keep ``snapshot`` (a committed version) as its profile's version."""
        key = (snapshot.profile.id, snapshot.profile.version)
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._items -= len(old.rows) + 1
            self._entries[key] = snapshot
            self._items += len(snapshot.rows) + 1
            while self._items > self._max_items and len(self._entries) > 1:
                _, evicted = self._entries.popitem(last=False)
                self._items -= len(evicted.rows) + 1
