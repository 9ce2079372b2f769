"""Profiles in SQL: one row per profile, one row per component (JSON payload, ordered).

Saves write only what changed (``profile_rows.py``): the rows a unit of work loaded are kept as
its snapshot, so a one-item edit is one conditional UPDATE of the profile plus one statement for
the item, whatever the profile's size. A load whose version is in the process's
``ProfileSnapshots`` costs one indexed query and decodes nothing; kinds whose items are the
very tuple loaded are not compared at all.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any, NoReturn

import msgspec
from sqlalchemy import bindparam, delete, func, insert, select, update

from resumecore.errors import VersionConflict
from resumecore.ids import ProfileId, UserId
from resumecore.model.component_kinds import MAX_ITEMS
from resumecore.model.components import COMPONENT_TYPES
from resumecore.model.profile import Profile, all_components
from resumecore.model.profile_parts import PersonalInfo, Skills
from resumecore.model.profile_slice import ItemChanges, ProfileSlice
from resumecore.ports.repositories import ProfileRepository
from resumecore_server.adapters.sql.component_rows import ComponentRows, same, text
from resumecore_server.adapters.sql.profile_rows import (
    RowChanges,
    StoredRow,
    kind_changes,
    row_changes,
)
from resumecore_server.adapters.sql.profile_slices import BUMP_VERSION, read_slice
from resumecore_server.adapters.sql.profile_snapshots import ProfileSnapshots, Snapshot
from resumecore_server.adapters.sql.runner import SqlRunner
from resumecore_server.adapters.sql.tables import profile_components as components
from resumecore_server.adapters.sql.tables import profiles


def _item_columns() -> tuple[Any, ...]:
    return (
        components.c.kind,
        components.c.payload,
        components.c.id.label("item_id"),
        components.c.position.label("item_position"),
    )


# Built once: constructing joins per request cost a third of a profile read's CPU.
# The version checks run on every read: built once (building and keying a statement cost more
# than SQLite's answer).
_OWNER_AND_VERSION = select(profiles.c.user_id, profiles.c.version).where(
    profiles.c.id == bindparam("profile_id")
)
_HEAD = select(profiles.c.user_id, profiles.c.version, profiles.c.is_primary).where(
    profiles.c.id == bindparam("profile_id")
)
_PRIMARY_VERSION = select(profiles.c.id, profiles.c.version).where(
    profiles.c.user_id == bindparam("user_id"), profiles.c.is_primary.is_(True)
)
# Creating a profile: both statements built once, their values bound per call.
_INSERT_PROFILE = insert(profiles)
_COUNT_FOR_USER = (
    select(func.count()).select_from(profiles).where(profiles.c.user_id == bindparam("user_id"))
)
_WITH_COMPONENTS = (
    select(profiles, *_item_columns())
    .select_from(profiles.outerjoin(components, components.c.profile_id == profiles.c.id))
    .order_by(profiles.c.created_at, profiles.c.id, components.c.kind, components.c.position)
)


def _profile_values(profile: Profile) -> dict[str, Any]:
    return {
        "version": profile.version,
        "is_primary": profile.is_primary,
        "personal_info": text(profile.personal_info),
        "professional_summary": profile.professional_summary,
        "enhanced_professional_summary": profile.enhanced_professional_summary,
        "skills": text(msgspec.structs.replace(profile.skills, certifications=())),
        "custom_fields": text(profile.custom_fields),
        "updated_at": profile.updated_at,
    }


class SqlProfileRepository(ProfileRepository):
    """``profiles`` + ``profile_components``; saves write the component rows that changed."""

    def __init__(self, runner: SqlRunner, snapshots: ProfileSnapshots | None = None) -> None:
        self._db = runner
        self._rows_sql = ComponentRows(runner)
        self._snapshots = ProfileSnapshots() if snapshots is None else snapshots
        # What this unit of work loaded or wrote, per profile: the base of the next save.
        self._rows: dict[str, dict[str, StoredRow]] = {}
        self._base: dict[str, Profile] = {}
        # Written here: shared with other units of work only once committed.
        self._written: dict[str, Snapshot | None] = {}

    def committed(self) -> None:
        """The unit of work committed: what it wrote is now a version others may reuse."""
        for snapshot in self._written.values():
            if snapshot is not None:
                self._snapshots.put(snapshot)
        self._written.clear()

    def _keep(self, profile: Profile, rows: dict[str, StoredRow], *, written: bool) -> None:
        self._rows[profile.id], self._base[profile.id] = rows, profile
        if written:
            self._written[profile.id] = Snapshot(profile, rows)
        elif profile.id not in self._written:  # read back as committed: share it now
            self._snapshots.put(Snapshot(profile, rows))

    async def add(self, profile: Profile) -> None:
        """Insert the profile and its components."""
        values = {
            "id": profile.id,
            "user_id": profile.user_id,
            "created_at": profile.created_at,
            **_profile_values(profile),
        }
        await self._db.execute(_INSERT_PROFILE, values)
        changes = row_changes({}, all_components(profile), same)
        await self._rows_sql.write(profile.id, changes)
        self._keep(profile, changes.stored({}), written=True)

    async def get(self, profile_id: ProfileId) -> Profile | None:
        """By id, with components in order (decoded only when the version is not cached)."""
        head = (await self._db.execute(_HEAD, {"profile_id": profile_id})).first()
        if head is None:
            return None
        if profile_id not in self._written:
            found = self._snapshots.get(profile_id, int(head.version))
            if found is not None:
                # Making another profile primary does not bump this one's version.
                profile = found.profile
                if profile.is_primary != bool(head.is_primary):
                    profile = msgspec.structs.replace(profile, is_primary=bool(head.is_primary))
                self._rows[profile_id], self._base[profile_id] = found.rows, profile
                return profile
        rows = await self._load(_WITH_COMPONENTS.where(profiles.c.id == profile_id))
        return rows[0] if rows else None

    async def owner_and_version(self, profile_id: ProfileId) -> tuple[UserId, int] | None:
        """Two columns of one row."""
        row = (await self._db.execute(_OWNER_AND_VERSION, {"profile_id": profile_id})).first()
        return (UserId(row.user_id), int(row.version)) if row else None

    async def primary_version(self, user_id: UserId) -> tuple[ProfileId, int] | None:
        """Two columns of the primary row (the unique index on primaries makes it one)."""
        row = (await self._db.execute(_PRIMARY_VERSION, {"user_id": user_id})).first()
        return (ProfileId(row.id), int(row.version)) if row else None

    async def get_primary(self, user_id: UserId) -> Profile | None:
        """The user's primary profile."""
        # The unique index on primaries makes this at most one profile.
        query = _WITH_COMPONENTS.where(
            profiles.c.user_id == user_id, profiles.c.is_primary.is_(True)
        )
        rows = await self._load(query)
        return rows[0] if rows else None

    async def list_for_user(self, user_id: UserId, *, limit: int, offset: int) -> list[Profile]:
        """A page, oldest first (id breaks ties)."""
        query = (
            select(profiles)
            .where(profiles.c.user_id == user_id)
            .order_by(profiles.c.created_at, profiles.c.id)
            .limit(limit)
            .offset(offset)
        )
        page = query.subquery()
        joined = (
            select(page, *_item_columns())
            .select_from(page.outerjoin(components, components.c.profile_id == page.c.id))
            .order_by(page.c.created_at, page.c.id, components.c.kind, components.c.position)
        )
        return await self._load(joined)

    async def count_for_user(self, user_id: UserId) -> int:
        """How many profiles the user has."""
        found = await self._db.execute(_COUNT_FOR_USER, {"user_id": user_id})
        return int(found.scalar_one())

    async def save(self, profile: Profile, *, expected_version: int) -> None:
        """Conditional UPDATE on the version, then write the component rows that changed."""
        result = await self._db.execute(
            update(profiles)
            .where(profiles.c.id == profile.id, profiles.c.version == expected_version)
            .values(**_profile_values(profile))
        )
        if result.rowcount != 1:
            await self._conflict(profile.id)
        before, base = self._rows.get(profile.id), self._base.get(profile.id)
        if before is None or base is None:
            before = await self._rows_sql.stored(profile.id)
            changes = row_changes(before, all_components(profile), same)
        else:
            changes = _changes_since(base, profile, before)
        await self._rows_sql.write(profile.id, changes)
        self._keep(profile, changes.stored(before), written=True)

    async def get_slice(
        self, profile_id: ProfileId, *, kinds: Collection[str], ids: Collection[str]
    ) -> ProfileSlice | None:
        """One indexed query (``profile_slices.py``)."""
        return await read_slice(self._db, profile_id, kinds, ids)

    async def save_items(self, changes: ItemChanges, *, expected_version: int) -> None:
        """Conditional UPDATE of the version, then only the rows the edit touched."""
        result = await self._db.execute(
            BUMP_VERSION,
            {
                "profile_id": changes.profile_id,
                "expected": expected_version,
                "new_version": changes.version,
                "at": changes.updated_at,
            },
        )
        if result.rowcount != 1:
            await self._conflict(changes.profile_id)
        await self._rows_sql.write_items(changes)
        # What this unit of work kept of the profile is older than what it now holds.
        self._rows.pop(changes.profile_id, None)
        self._base.pop(changes.profile_id, None)
        self._written[changes.profile_id] = None

    async def _conflict(self, profile_id: ProfileId) -> NoReturn:
        current = await self.owner_and_version(profile_id)
        raise VersionConflict(
            "The profile was changed by another request.",
            current_version=current[1] if current else None,
        )

    async def delete(self, profile_id: ProfileId) -> None:
        """Delete the profile; components go with it (ON DELETE CASCADE, and explicitly)."""
        self._rows.pop(profile_id, None)
        self._base.pop(profile_id, None)
        self._written[profile_id] = None
        await self._db.execute(delete(components).where(components.c.profile_id == profile_id))
        await self._db.execute(delete(profiles).where(profiles.c.id == profile_id))

    async def set_primary(self, profile_id: ProfileId) -> None:
        """Make this one the owner's primary profile."""
        owner = select(profiles.c.user_id).where(profiles.c.id == profile_id).scalar_subquery()
        # Two statements: the unique index on primaries is checked row by row.
        # A profile whose flag changes is a new version: answers are cached by version.
        await self._db.execute(
            update(profiles)
            .where(profiles.c.user_id == owner, profiles.c.is_primary, profiles.c.id != profile_id)
            .values(is_primary=False, version=profiles.c.version + 1)
        )
        await self._db.execute(
            update(profiles)
            .where(profiles.c.id == profile_id, ~profiles.c.is_primary)
            .values(is_primary=True, version=profiles.c.version + 1)
        )

    async def _load(self, joined: Any) -> list[Profile]:
        """Profiles with their components (rows of a profile-component join), in one round trip."""
        profiles_by_id: dict[str, Any] = {}
        items: dict[str, dict[str, list[Any]]] = {}
        stored: dict[str, dict[str, StoredRow]] = {}
        for row in await self._db.execute(joined):
            if row.id not in profiles_by_id:
                profiles_by_id[row.id] = row
                items[row.id] = {kind: [] for kind in COMPONENT_TYPES}
                stored[row.id] = {}
            if row.kind is not None:
                item = _decode(row.payload, row.kind)
                items[row.id][row.kind].append(item)
                stored[row.id][row.item_id] = StoredRow(row.kind, row.item_position, item)
        loaded = [_to_profile(row, items[row.id]) for row in profiles_by_id.values()]
        for profile in loaded:
            self._keep(profile, stored[profile.id], written=False)
        return loaded


def _changes_since(base: Profile, profile: Profile, before: dict[str, StoredRow]) -> RowChanges:
    """The row changes from ``base`` (whose rows are ``before``) to ``profile``, by kind.

    A kind whose items are the very tuple of ``base`` is unchanged and not looked at.
    """
    changes = RowChanges()
    for kind in MAX_ITEMS:
        old, new = base.items(kind), profile.items(kind)
        if old is not new:
            changes.extend(kind_changes(before, kind, old, new, same))
    return changes


def _decode(payload: str, kind: str) -> Any:
    return msgspec.json.decode(payload, type=COMPONENT_TYPES[kind])


def _to_profile(row: Any, items: dict[str, list[Any]]) -> Profile:
    skills = msgspec.json.decode(row.skills, type=Skills)
    return Profile(
        id=ProfileId(row.id),
        user_id=UserId(row.user_id),
        version=row.version,
        is_primary=row.is_primary,
        personal_info=msgspec.json.decode(row.personal_info, type=PersonalInfo),
        professional_summary=row.professional_summary,
        enhanced_professional_summary=row.enhanced_professional_summary,
        skills=msgspec.structs.replace(skills, certifications=tuple(items["certification"])),
        experiences=tuple(items["experience"]),
        education=tuple(items["education"]),
        projects=tuple(items["project"]),
        custom_fields=msgspec.json.decode(row.custom_fields),
        created_at=row.created_at,
        updated_at=row.updated_at,
    )
