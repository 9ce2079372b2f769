"""Part of a stored profile, and the rows an edit of items by id writes.

An edit that adds items at the end of their kind, updates items by id or removes them by id
needs neither the other items nor their order: only the profile's owner and version, how
many items of the touched kinds it holds (for the per-kind limits), the named items, and
whether the ids it is about to give are free. ``ProfileSlice`` is that much of a profile;
``ItemChanges`` is what such an edit writes. Loading and saving them costs the same for a
profile of 10 items as for one of 1,000.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import msgspec

from resumecore.ids import ProfileId, UserId
from resumecore.model.components import Component


class ProfileSlice(msgspec.Struct, frozen=True, kw_only=True):
    """A profile's owner and version, item counts of some kinds, and some of its items.

    ``counts``: how many items of each kind asked for the profile holds. ``loaded``: those of
    the ids asked for that the profile holds (of any kind), by kind, each in the profile's order.
    """

    id: ProfileId
    user_id: UserId
    version: int
    counts: dict[str, int]
    loaded: dict[str, tuple[Component, ...]]

    def items(self, kind: str) -> tuple[Component, ...]:
        """The loaded components of one kind, in the profile's order."""
        return self.loaded.get(kind, ())

    def with_items(self, kind: str, items: tuple[Any, ...]) -> ProfileSlice:
        """A copy with the loaded components of ``kind`` replaced."""
        return msgspec.structs.replace(self, loaded={**self.loaded, kind: items})

    def ids(self) -> set[str]:
        """The ids of the loaded components, of every kind."""
        return {item.id for items in self.loaded.values() for item in items}


class ItemChanges(msgspec.Struct, frozen=True, kw_only=True):
    """An edit of items by id, as stored: the new version and the rows that change.

    By kind: ``added`` go after the kind's last item, in order; ``updated`` replace the item
    of their id where it stands; ``removed`` are ids. No item is in two of them.
    """

    profile_id: ProfileId
    version: int
    updated_at: datetime
    added: dict[str, tuple[Component, ...]] = msgspec.field(default_factory=dict)
    updated: dict[str, tuple[Component, ...]] = msgspec.field(default_factory=dict)
    removed: dict[str, tuple[str, ...]] = msgspec.field(default_factory=dict)
