"""What a profile save must write: the component rows that changed, and nothing else.

A saved profile is compared with the rows as they were loaded in the same unit of work (or read
back when it was not loaded there): new items are inserted, removed ones deleted, items whose
content changed updated, and an item that moved gets a new position. Positions only order the
rows of one kind, so they need not be dense: an item put between two others takes a position
between theirs, and the rows that did not move keep theirs (the longest run of items still in
their old relative order stays put). Only when no integer fits between two neighbours is the
kind renumbered, with gaps of ``GAP`` so that it stays rare.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

GAP = 1024


@dataclass(frozen=True)
class StoredRow:
    """A component row as stored: its kind, position and content (the item or its JSON)."""

    kind: str
    position: int
    item: Any


@dataclass
class RowChanges:
    """The statements' parameters: rows to insert, contents and positions to update, deletes."""

    inserts: list[tuple[str, str, int, Any]] = field(default_factory=list)  # id, kind, pos, item
    contents: list[tuple[str, int, Any]] = field(default_factory=list)  # id, pos, item
    positions: list[tuple[str, int]] = field(default_factory=list)  # id, pos
    deletes: list[str] = field(default_factory=list)

    def extend(self, other: RowChanges) -> None:
        """Add ``other``'s changes (of other rows) to these."""
        self.inserts += other.inserts
        self.contents += other.contents
        self.positions += other.positions
        self.deletes += other.deletes

    def stored(self, before: dict[str, StoredRow]) -> dict[str, StoredRow]:
        """The rows as they are once these changes are written over ``before``."""
        after = dict(before)
        for key in self.deletes:
            after.pop(key, None)
        for key, kind, position, item in self.inserts:
            after[key] = StoredRow(kind, position, item)
        for key, position, item in self.contents:
            after[key] = StoredRow(after[key].kind, position, item)
        for key, position in self.positions:
            after[key] = StoredRow(after[key].kind, position, after[key].item)
        return after


def _kept_in_order(positions: Sequence[int | None]) -> set[int]:
    """Indexes of the longest strictly increasing run of known positions (they stay put)."""
    tails: list[int] = []  # smallest tail position of a run of each length
    tail_index: list[int] = []
    parent: list[int] = [-1] * len(positions)
    for index, position in enumerate(positions):
        if position is None:
            continue
        at = bisect.bisect_left(tails, position)
        if at == len(tails):
            tails.append(position)
            tail_index.append(index)
        else:
            tails[at] = position
            tail_index[at] = index
        parent[index] = tail_index[at - 1] if at else -1
    kept: set[int] = set()
    index = tail_index[-1] if tail_index else -1
    while index != -1:
        kept.add(index)
        index = parent[index]
    return kept


def _placed(old: list[int | None], kept: set[int]) -> list[int] | None:
    """Positions for every item, or None when some run does not fit between its neighbours.

    Kept items keep theirs; each run of others is spread evenly between its kept neighbours
    (or ``GAP`` apart past the ends).
    """
    placed: list[int] = [0] * len(old)
    index = 0
    while index < len(old):
        if index in kept:
            placed[index] = old[index]  # type: ignore[assignment]
            index += 1
            continue
        end = index
        while end < len(old) and end not in kept:
            end += 1
        low = placed[index - 1] if index else None
        high = old[end] if end < len(old) else None
        count = end - index
        if low is None and high is None:
            spots = [k * GAP for k in range(count)]
        elif high is None:
            spots = [low + (k + 1) * GAP for k in range(count)]  # type: ignore[operator]
        elif low is None:
            spots = [high - (count - k) * GAP for k in range(count)]
        elif high - low > count:
            step = (high - low) / (count + 1)
            spots = [low + round(step * (k + 1)) for k in range(count)]
        else:
            return None
        placed[index:end] = spots
        index = end
    return placed


def row_changes(
    before: dict[str, StoredRow],
    after: Sequence[tuple[str, int, Any]],
    same: Any,
    *,
    candidates: Iterable[str] | None = None,
) -> RowChanges:
    """The changes that turn ``before`` into ``after`` (``(kind, index, item)`` in order).

    ``same(old_item, new_item)`` says whether a row's content is unchanged. ``candidates``: the
    rows of ``before`` that may have been removed (default: all of them).
    """
    changes = RowChanges()
    by_kind: dict[str, list[Any]] = {}
    for kind, _, item in after:
        by_kind.setdefault(kind, []).append(item)
    wanted = {item.id for items in by_kind.values() for item in items}
    keys = before if candidates is None else candidates
    changes.deletes = [key for key in keys if key not in wanted]
    for kind, items in by_kind.items():
        old = [before[i.id].position if i.id in before else None for i in items]
        placed = _placed(old, _kept_in_order(old))
        if placed is None:  # no room left between two neighbours: renumber this kind
            placed = [index * GAP for index in range(len(items))]
        for item, position, was in zip(items, placed, old, strict=True):
            if was is None:
                changes.inserts.append((item.id, kind, position, item))
            elif not same(before[item.id].item, item):
                changes.contents.append((item.id, position, item))
            elif position != was:
                changes.positions.append((item.id, position))
    return changes


def kind_changes(
    before: dict[str, StoredRow], kind: str, old: Sequence[Any], new: Sequence[Any], same: Any
) -> RowChanges:
    """The changes of one kind's rows, from the items ``old`` (as loaded) to ``new``.

    When the ids keep their order (an item edited in place, the common case) only the items
    that are not the very objects loaded are compared, and positions stay as they are.
    """
    if len(old) != len(new) or [i.id for i in old] != [i.id for i in new]:
        after = [(kind, index, item) for index, item in enumerate(new)]
        return row_changes(before, after, same, candidates=[i.id for i in old])
    changes = RowChanges()
    for was, item in zip(old, new, strict=True):
        if was is not item and not same(before[item.id].item, item):
            changes.contents.append((item.id, before[item.id].position, item))
    return changes
