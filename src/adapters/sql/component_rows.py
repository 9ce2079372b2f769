"""Component rows in SQL: read them as stored, write a save's changes or an edit of items.

A save's changes are ``RowChanges``; an edit of items by id is ``ItemChanges``.
"""

from __future__ import annotations

from typing import Any

import msgspec
from sqlalchemy import bindparam, delete, func, insert, select, update

from resumecore.model.profile_slice import ItemChanges
from resumecore_server.adapters.sql.profile_rows import GAP, RowChanges, StoredRow
from resumecore_server.adapters.sql.runner import SqlRunner
from resumecore_server.adapters.sql.tables import profile_components as components

_encode = msgspec.json.Encoder().encode


def text(value: Any) -> str:
    """An item (or any value) as the JSON text stored in ``payload``."""
    return _encode(value).decode()


def same(stored: Any, item: Any) -> bool:
    """Unchanged content: the very item loaded, an equal one, or the same JSON."""
    if stored is item:
        return True
    return stored == text(item) if isinstance(stored, str) else bool(stored == item)


_UPDATE_CONTENT = (
    update(components)
    .where(components.c.profile_id == bindparam("pid"), components.c.id == bindparam("iid"))
    .values(payload=bindparam("body"), position=bindparam("pos"))
)
_UPDATE_PAYLOAD = (
    update(components)
    .where(components.c.profile_id == bindparam("pid"), components.c.id == bindparam("iid"))
    .values(payload=bindparam("body"))
)
_DELETE_IDS = delete(components).where(
    components.c.profile_id == bindparam("pid"),
    components.c.id.in_(bindparam("ids", expanding=True)),
)
# From the (profile, kind, position) index alone.
_LAST_POSITIONS = (
    select(components.c.kind, func.max(components.c.position).label("last"))
    .where(
        components.c.profile_id == bindparam("pid"),
        components.c.kind.in_(bindparam("kinds", expanding=True)),
    )
    .group_by(components.c.kind)
)
_UPDATE_POSITION = (
    update(components)
    .where(components.c.profile_id == bindparam("pid"), components.c.id == bindparam("iid"))
    .values(position=bindparam("pos"))
)


class ComponentRows:
    """The ``profile_components`` statements of one unit of work."""

    def __init__(self, runner: SqlRunner) -> None:
        self._db = runner

    async def stored(self, profile_id: str) -> dict[str, StoredRow]:
        """The component rows as stored (content as JSON), for a profile not loaded here."""
        query = select(
            components.c.id, components.c.kind, components.c.position, components.c.payload
        ).where(components.c.profile_id == profile_id)
        return {
            row.id: StoredRow(row.kind, row.position, row.payload)
            for row in await self._db.execute(query)
        }

    async def write(self, profile_id: str, changes: RowChanges) -> None:
        """One statement per kind of change, each for all its rows."""
        if changes.deletes:
            await self._db.execute(
                delete(components).where(
                    components.c.profile_id == profile_id, components.c.id.in_(changes.deletes)
                )
            )
        if changes.inserts:
            rows = [
                {
                    "profile_id": profile_id,
                    "id": key,
                    "kind": kind,
                    "position": pos,
                    "payload": text(item),
                }
                for key, kind, pos, item in changes.inserts
            ]
            await self._db.execute(insert(components), rows)
        if changes.contents:
            params = [
                {"pid": profile_id, "iid": key, "pos": pos, "body": text(item)}
                for key, pos, item in changes.contents
            ]
            await self._db.execute(_UPDATE_CONTENT, params)
        if changes.positions:
            params = [{"pid": profile_id, "iid": key, "pos": pos} for key, pos in changes.positions]
            await self._db.execute(_UPDATE_POSITION, params)

    async def write_items(self, changes: ItemChanges) -> None:
        """Deletes, then payloads in place, then adds after the last remaining row of their kind.

        Added rows take the positions a full save would give them (``row_changes``): ``GAP``
        after the kind's last remaining row, or from 0 in an empty kind.
        """
        pid = changes.profile_id
        removed = [item_id for ids in changes.removed.values() for item_id in ids]
        if removed:
            await self._db.execute(_DELETE_IDS, {"pid": pid, "ids": removed})
        updated = [
            {"pid": pid, "iid": item.id, "body": text(item)}
            for items in changes.updated.values()
            for item in items
        ]
        if updated:
            await self._db.execute(_UPDATE_PAYLOAD, updated)
        if changes.added:
            found = await self._db.execute(_LAST_POSITIONS, {"pid": pid, "kinds": [*changes.added]})
            last = {row.kind: int(row.last) for row in found}
            rows = [
                {
                    "profile_id": pid,
                    "id": item.id,
                    "kind": kind,
                    "position": (last[kind] + GAP if kind in last else 0) + index * GAP,
                    "payload": text(item),
                }
                for kind, items in changes.added.items()
                for index, item in enumerate(items)
            ]
            await self._db.execute(insert(components), rows)
