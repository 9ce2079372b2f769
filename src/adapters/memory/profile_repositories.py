"""In-memory profile and idempotency repositories (fakes for unit tests)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

import msgspec

from resumecore.errors import Conflict, VersionConflict
from resumecore.ids import ProfileId, UserId
from resumecore.model.component_kinds import MAX_ITEMS
from resumecore.model.idempotency import IdempotencyRecord
from resumecore.model.profile import Profile
from resumecore.model.profile_slice import ItemChanges, ProfileSlice
from resumecore.ports.repositories import IdempotencyRepository, ProfileRepository
from resumecore_server.adapters.memory.journal import UndoJournal
from resumecore_server.adapters.memory.repositories import MemoryTables


class MemoryProfileRepository(ProfileRepository):
    """Profiles in a dict keyed by id."""

    def __init__(self, tables: MemoryTables, journal: UndoJournal) -> None:
        self._t = tables
        self._j = journal

    async def add(self, profile: Profile) -> None:
        """Insert."""
        taken = profile.is_primary and await self.get_primary(profile.user_id) is not None
        if profile.id in self._t.profiles or profile.user_id not in self._t.users or taken:
            raise Conflict("The change conflicts with existing data.")
        self._j.put(self._t.profiles, profile.id, profile)

    async def get(self, profile_id: ProfileId) -> Profile | None:
        """By id."""
        return self._t.profiles.get(profile_id)

    async def owner_and_version(self, profile_id: ProfileId) -> tuple[UserId, int] | None:
        """Owner and version."""
        profile = self._t.profiles.get(profile_id)
        return (profile.user_id, profile.version) if profile else None

    async def primary_version(self, user_id: UserId) -> tuple[ProfileId, int] | None:
        """Id and version of the primary one."""
        profile = await self.get_primary(user_id)
        return (profile.id, profile.version) if profile else None

    async def get_primary(self, user_id: UserId) -> Profile | None:
        """The primary one."""
        return next((p for p in self._owned(user_id) if p.is_primary), None)

    async def list_for_user(self, user_id: UserId, *, limit: int, offset: int) -> list[Profile]:
        """Oldest first."""
        return self._owned(user_id)[offset : offset + limit]

    async def count_for_user(self, user_id: UserId) -> int:
        """How many."""
        return len(self._owned(user_id))

    async def save(self, profile: Profile, *, expected_version: int) -> None:
        """Compare-and-set on the version."""
        stored = self._t.profiles.get(profile.id)
        if stored is None or stored.version != expected_version:
            raise VersionConflict(
                "The profile was changed by another request.",
                current_version=stored.version if stored else None,
            )
        self._j.put(
            self._t.profiles,
            profile.id,
            msgspec.structs.replace(profile, created_at=stored.created_at),
        )

    async def get_slice(
        self, profile_id: ProfileId, *, kinds: Collection[str], ids: Collection[str]
    ) -> ProfileSlice | None:
        """Owner, version, counts of ``kinds`` and the items with ``ids``."""
        profile = self._t.profiles.get(profile_id)
        if profile is None:
            return None
        wanted = set(ids)
        loaded = {k: tuple(i for i in profile.items(k) if i.id in wanted) for k in MAX_ITEMS}
        return ProfileSlice(
            id=profile.id,
            user_id=profile.user_id,
            version=profile.version,
            counts={kind: len(profile.items(kind)) for kind in kinds},
            loaded={kind: items for kind, items in loaded.items() if items},
        )

    async def save_items(self, changes: ItemChanges, *, expected_version: int) -> None:
        """Compare-and-set on the version; items replaced, dropped and appended by kind."""
        stored = self._t.profiles.get(changes.profile_id)
        if stored is None or stored.version != expected_version:
            raise VersionConflict(
                "The profile was changed by another request.",
                current_version=stored.version if stored else None,
            )
        profile = stored
        for kind in MAX_ITEMS:
            removed = set(changes.removed.get(kind, ()))
            updated = {item.id: item for item in changes.updated.get(kind, ())}
            kept = [updated.get(i.id, i) for i in profile.items(kind) if i.id not in removed]
            profile = profile.with_items(kind, (*kept, *changes.added.get(kind, ())))
        profile = msgspec.structs.replace(
            profile, version=changes.version, updated_at=changes.updated_at
        )
        self._j.put(self._t.profiles, profile.id, profile)

    async def delete(self, profile_id: ProfileId) -> None:
        """Remove."""
        if profile_id in self._t.profiles:
            self._j.put(self._t.profiles, profile_id, None)
            self._t.profiles.pop(profile_id)

    async def set_primary(self, profile_id: ProfileId) -> None:
        """Flip the primary flag of the owner's profiles."""
        target = self._t.profiles.get(profile_id)
        if target is None:
            return
        for profile in self._owned(target.user_id):
            primary = profile.id == profile_id
            if profile.is_primary != primary:  # a changed flag is a new version
                flagged = msgspec.structs.replace(
                    profile, is_primary=primary, version=profile.version + 1
                )
                self._j.put(self._t.profiles, profile.id, flagged)

    def _owned(self, user_id: UserId) -> list[Profile]:
        owned = [p for p in self._t.profiles.values() if p is not None and p.user_id == user_id]
        return sorted(owned, key=lambda p: (p.created_at, p.id))


class MemoryIdempotencyRepository(IdempotencyRepository):
    """Records in a dict keyed by (user, key)."""

    def __init__(self, tables: MemoryTables, journal: UndoJournal) -> None:
        self._t = tables
        self._j = journal

    async def get(self, user_id: UserId, key: str) -> IdempotencyRecord | None:
        """By user and key."""
        return self._t.idempotency.get((user_id, key))

    async def add(self, record: IdempotencyRecord) -> None:
        """Insert; Conflict if taken."""
        if (record.user_id, record.key) in self._t.idempotency:
            raise Conflict(
                "A request with this Idempotency-Key is already being processed.",
                code="idempotency_key_in_use",
            )
        self._j.put(self._t.idempotency, (record.user_id, record.key), record)

    async def purge(self, created_before: datetime) -> None:
        """Forget old records."""
        for ident, record in list(self._t.idempotency.items()):
            if record.created_at < created_before:
                self._j.put(self._t.idempotency, ident, record)
                self._t.idempotency.pop(ident)
