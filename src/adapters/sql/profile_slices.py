"""The slice of a profile an edit of items by id needs, read in one statement.

One row per item asked for (or one row when none is found): the profile's owner and version,
the item count of each kind asked for (uncorrelated subqueries over the ``(profile_id, kind,
position)`` index, evaluated once), and the item's row, outer-joined on its id. Nothing else of
the profile is read, so the cost does not grow with its size.
"""

from __future__ import annotations

import functools
from collections.abc import Collection
from typing import Any

import msgspec
from sqlalchemy import Select, and_, bindparam, func, select, update

from resumecore.ids import ProfileId, UserId
from resumecore.model.components import COMPONENT_TYPES
from resumecore.model.profile_slice import ProfileSlice
from resumecore_server.adapters.sql.runner import SqlRunner
from resumecore_server.adapters.sql.tables import profile_components as components
from resumecore_server.adapters.sql.tables import profiles

# The conditional version bump of an edit of items (the rows follow in the same transaction).
BUMP_VERSION = (
    update(profiles)
    .where(profiles.c.id == bindparam("profile_id"), profiles.c.version == bindparam("expected"))
    .values(version=bindparam("new_version"), updated_at=bindparam("at"))
)


@functools.cache
def _slice_query(kinds: tuple[str, ...]) -> Select[Any]:
    """Built once per set of kinds (at most 16): building a statement costs more than running it."""
    counts = [
        select(func.count())
        .select_from(components)
        .where(components.c.profile_id == bindparam("profile_id"), components.c.kind == kind)
        .scalar_subquery()
        .label(f"count_{index}")
        for index, kind in enumerate(kinds)
    ]
    named = and_(
        components.c.profile_id == profiles.c.id,
        components.c.id.in_(bindparam("ids", expanding=True)),
    )
    return (
        select(
            profiles.c.user_id,
            profiles.c.version,
            *counts,
            components.c.id.label("item_id"),
            components.c.kind,
            components.c.position,
            components.c.payload,
        )
        .select_from(profiles.outerjoin(components, named))
        .where(profiles.c.id == bindparam("profile_id"))
    )


async def read_slice(
    runner: SqlRunner, profile_id: ProfileId, kinds: Collection[str], ids: Collection[str]
) -> ProfileSlice | None:
    """Owner, version, counts of ``kinds`` and the items with ``ids``; None: no such profile."""
    asked = tuple(sorted(set(kinds)))
    params = {"profile_id": profile_id, "ids": [*ids]}
    rows = (await runner.execute(_slice_query(asked), params)).all()
    if not rows:
        return None
    head = rows[0]._mapping
    found = sorted((r for r in rows if r.item_id is not None), key=lambda r: (r.kind, r.position))
    loaded: dict[str, list[Any]] = {}
    for row in found:
        item = msgspec.json.decode(row.payload, type=COMPONENT_TYPES[row.kind])
        loaded.setdefault(row.kind, []).append(item)
    return ProfileSlice(
        id=profile_id,
        user_id=UserId(head["user_id"]),
        version=int(head["version"]),
        counts={kind: int(head[f"count_{index}"]) for index, kind in enumerate(asked)},
        loaded={kind: tuple(items) for kind, items in loaded.items()},
    )
