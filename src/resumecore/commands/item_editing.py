"""Applying an edit of items by id to the slice of a profile it needs (``ProfileSlice``).

Adds at the end of a kind, updates and removes by id, all-or-nothing, with the same rules,
errors and results as ``editing.edit`` on the whole profile: each command checks its own
values and the item it names, then the counts of the touched kinds are checked against their
limits and the new ids against the ids the profile holds. The slice holds the named items, the
counts and whichever of the new ids are taken, so nothing else of the profile is needed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

import msgspec

from resumecore.commands import (
    AddComponent,
    AnyCommand,
    ComponentCommand,
    RemoveComponent,
    UpdateComponent,
)
from resumecore.commands.batch import (
    Tally,
    applied_in_turn,
    clashing_ids,
    count_problems,
    reject_any,
)
from resumecore.commands.editing import apply_component
from resumecore.model.component_kinds import MAX_ITEMS
from resumecore.model.components import Component
from resumecore.model.profile_slice import ItemChanges, ProfileSlice

ItemCommand = AddComponent | UpdateComponent | RemoveComponent


class SliceEdit(msgspec.Struct, frozen=True, kw_only=True):
    """An accepted edit of items: what to store, the ids created and removed, the items.

    ``items``: those the commands named or created, as they now are, by kind, each kind in the
    profile's order. ``changes`` is None when there was no command (nothing to store, no new
    version).
    """

    changes: ItemChanges | None
    created_ids: tuple[str, ...] = ()
    removed_ids: tuple[str, ...] = ()
    items: tuple[Component, ...] = ()


def is_item_command(command: object) -> bool:
    """An add at the end of its kind, an update or a removal (what a slice can take)."""
    if isinstance(command, AddComponent):
        return command.position is None
    return isinstance(command, UpdateComponent | RemoveComponent)


def edit_slice(
    part: ProfileSlice,
    commands: Sequence[ItemCommand],
    *,
    new_id: Callable[[], str],
    at: datetime,
) -> SliceEdit:
    """Apply ``commands`` to ``part`` in order and bump the version once.

    ``part`` must hold the counts of every kind the commands touch, every item they name and
    every id ``new_id`` may give that the profile already holds (a taken one is refused).

    Raises:
        BulkOperationRejected: naming each failing command by ``index`` (as ``edit`` does).
        ValueError: a command a slice cannot take (a move, an add at a position).
    """
    if not all(is_item_command(command) for command in commands):
        msg = "A slice takes adds at the end, updates and removals only."
        raise ValueError(msg)

    def apply(state: ProfileSlice, command: AnyCommand, tally: Tally) -> ProfileSlice:
        assert isinstance(command, ComponentCommand)  # noqa: S101 - checked just above
        return apply_component(state, command, new_id, tally)

    current, tally, errors = applied_in_turn(part, commands, apply)
    kinds = [kind for kind in MAX_ITEMS if kind in tally.parts]
    if not errors:
        counts = {
            kind: part.counts.get(kind, 0) + len(current.items(kind)) - len(part.items(kind))
            for kind in kinds
        }
        errors = count_problems(counts) + clashing_ids(tally.created, part.ids)
    reject_any(errors)
    if not commands:
        return SliceEdit(changes=None)
    created = set(tally.created)
    return SliceEdit(
        changes=_changes(part, current, kinds, at),
        created_ids=tuple(tally.created),
        removed_ids=tuple(i for i in tally.removed if i not in created),
        items=tuple(item for kind in MAX_ITEMS for item in current.items(kind)),
    )


def _changes(
    before: ProfileSlice, after: ProfileSlice, kinds: list[str], at: datetime
) -> ItemChanges:
    added, updated, removed = {}, {}, {}
    for kind in kinds:
        old = {item.id: item for item in before.items(kind)}
        new = after.items(kind)
        kept = {item.id for item in new}
        added[kind] = tuple(item for item in new if item.id not in old)
        updated[kind] = tuple(i for i in new if i.id in old and _changed(old[i.id], i))
        removed[kind] = tuple(item_id for item_id in old if item_id not in kept)
    return ItemChanges(
        profile_id=before.id,
        version=before.version + 1,
        updated_at=at,
        added={kind: items for kind, items in added.items() if items},
        updated={kind: items for kind, items in updated.items() if items},
        removed={kind: ids for kind, ids in removed.items() if ids},
    )


def _changed(old: Component, new: Component) -> bool:
    return new is not old and new != old
